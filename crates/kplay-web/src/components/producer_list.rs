//! The running producers, each with its controls.

use crate::components::producer_row::ProducerRow;
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::use_i18n;
use yew::prelude::*;

/// Props of [`ProducerList`].
#[derive(Properties, PartialEq)]
pub struct ProducerListProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The producers card (nothing when there are none).
#[component]
pub fn ProducerList(props: &ProducerListProps) -> Html {
    let i18n = use_i18n();
    let error = use_text("");
    let producers = &props.sim.snapshot.producers;
    if producers.is_empty() {
        return html! {};
    }
    let on_error = {
        let error = error.clone();
        Callback::from(move |e: String| error.set(e))
    };
    html! {
        <section class="card form" aria-label={i18n.t("build.producers")} data-testid="producer-list">
            <h3>{ i18n.t("build.producers") }</h3>
            <ul class="instance-list">
                { for producers.iter().map(|p| html! {
                    <ProducerRow key={p.id.clone()} sim={props.sim.clone()} producer={p.clone()} on_error={on_error.clone()} />
                }) }
            </ul>
            <p class="error" role="alert" data-testid="producer-list-error">{ translate_problem(&i18n, &error) }</p>
        </section>
    }
}
