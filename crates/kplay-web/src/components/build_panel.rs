//! The Build tab: topic, producer and group forms, the running producers, and topic rename.

use crate::components::group_form::use_group_form;
use crate::components::producer_form::use_producer_form;
use crate::components::producer_list::use_producer_list;
use crate::components::topic_admin::use_topic_admin;
use crate::components::topic_form::use_topic_form;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use yew::prelude::*;

/// The Build tab: five hooks, one per card. A hook of the side panel's one tab component (which also holds the
/// Inspect and Scenario tabs' state and is keyed by the tab, so the cards keep their state while the tab is
/// open, as before), not a component of its own: each component type costs about 1 KB of wasm.
#[hook]
pub fn use_build_panel(i18n: &I18n, sim: &SimHandle) -> Html {
    let topic_form = use_topic_form(i18n, sim);
    let topic_admin = use_topic_admin(i18n, sim);
    let producer_form = use_producer_form(i18n, sim);
    let producer_list = use_producer_list(i18n, sim);
    let group_form = use_group_form(i18n, sim);
    html! {
        <div class="build">
            { topic_form }
            { topic_admin }
            { producer_form }
            { producer_list }
            { group_form }
        </div>
    }
}
