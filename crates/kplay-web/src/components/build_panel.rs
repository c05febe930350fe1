//! The Build tab: topic, producer and group forms, the running producers, and topic rename.

use crate::components::group_form::GroupForm;
use crate::components::producer_form::ProducerForm;
use crate::components::producer_list::ProducerList;
use crate::components::topic_admin::TopicAdmin;
use crate::components::topic_form::TopicForm;
use crate::hooks::use_simulation::SimHandle;
use yew::prelude::*;

/// The Build tab. A plain function, not a component: the side panel renders it only when its sim handle
/// changes, which is when this would re-render anyway, and each component type costs about 1 KB of wasm.
pub fn build_panel(sim: &SimHandle) -> Html {
    html! {
        <div class="build">
            <TopicForm sim={sim.clone()} />
            <TopicAdmin sim={sim.clone()} />
            <ProducerForm sim={sim.clone()} />
            <ProducerList sim={sim.clone()} />
            <GroupForm sim={sim.clone()} />
        </div>
    }
}
