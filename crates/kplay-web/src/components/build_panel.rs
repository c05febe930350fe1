//! The Build tab: topic, producer and group forms, the running producers, and topic rename.

use crate::components::group_form::GroupForm;
use crate::components::producer_form::ProducerForm;
use crate::components::producer_list::ProducerList;
use crate::components::topic_admin::TopicAdmin;
use crate::components::topic_form::TopicForm;
use crate::hooks::use_simulation::SimHandle;
use yew::prelude::*;

/// Props of [`BuildPanel`].
#[derive(Properties, PartialEq)]
pub struct BuildPanelProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The Build tab.
#[component]
pub fn BuildPanel(props: &BuildPanelProps) -> Html {
    html! {
        <div class="build">
            <TopicForm sim={props.sim.clone()} />
            <TopicAdmin sim={props.sim.clone()} />
            <ProducerForm sim={props.sim.clone()} />
            <ProducerList sim={props.sim.clone()} />
            <GroupForm sim={props.sim.clone()} />
        </div>
    }
}
