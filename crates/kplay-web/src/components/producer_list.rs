//! The running producers, each with its controls.

use crate::components::markup::{alert, h2};
use crate::components::producer_row::producer_row;
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use yew::prelude::*;

/// The producers card (nothing when there are none).
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_producer_list(i18n: &I18n, sim: &SimHandle) -> Html {
    let error = use_text("");
    let producers = &sim.snapshot.producers;
    if producers.is_empty() {
        return html! {};
    }
    let on_error = {
        let error = error.clone();
        Callback::from(move |e: String| error.set(e))
    };
    html! {
        <section class="card form" aria-label={i18n.t("build.producers")} data-testid="producer-list">
            { h2(i18n.t("build.producers")) }
            <ul class="instance-list">
                { for producers.iter().map(|p| producer_row(i18n, sim, p, &on_error)) }
            </ul>
            { alert(Some("producer-list-error"), translate_problem(i18n, &error)) }
        </section>
    }
}
