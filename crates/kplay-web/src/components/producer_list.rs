//! The running producers, each with its controls.

use crate::components::producer_row::producer_row;
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
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
        <section class="card form" aria-label="Producers" data-testid="producer-list">
            <h3>{ "Producers" }</h3>
            <ul class="instance-list">
                { for producers.iter().map(|p| producer_row(&props.sim, p, &on_error)) }
            </ul>
            <p class="error" role="alert" data-testid="producer-list-error">{ (*error).clone() }</p>
        </section>
    }
}
