//! The Build tab: topic, producer and group forms, the running producers, and topic rename.

use crate::components::group_form::use_group_form;
use crate::components::producer_form::use_producer_form;
use crate::components::producer_list::use_producer_list;
use crate::components::topic_admin::use_topic_admin;
use crate::components::topic_form::use_topic_form;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::use_i18n;
use yew::prelude::*;

/// Props of [`BuildPanel`].
#[derive(Properties, PartialEq)]
pub struct BuildPanelProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The Build tab: one component whose hooks are the five cards. Each card re-rendered with the simulation
/// handle anyway; as hooks of one component they keep their state for as long as the tab is open, as before,
/// without five component types (about 1 KB of wasm each).
#[component]
pub fn BuildPanel(props: &BuildPanelProps) -> Html {
    let i18n = use_i18n();
    let topic_form = use_topic_form(&i18n, &props.sim);
    let topic_admin = use_topic_admin(&i18n, &props.sim);
    let producer_form = use_producer_form(&i18n, &props.sim);
    let producer_list = use_producer_list(&i18n, &props.sim);
    let group_form = use_group_form(&i18n, &props.sim);
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
