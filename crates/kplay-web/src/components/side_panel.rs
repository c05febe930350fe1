//! The tabbed side panel: build, groups, inspect, charts, events, scenario.

use crate::components::build_panel::BuildPanel;
use crate::components::event_log::EventLog;
use crate::components::group_panel::GroupPanel;
use crate::components::inspect_panel::InspectPanel;
use crate::components::scenario_panel::ScenarioPanel;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::use_i18n;
use crate::state::{Action, AppContext, Tab};
use yew::prelude::*;

/// Props of [`SidePanel`].
#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// Tabs plus the open tab's content.
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let Some(ctx) = use_context::<AppContext>() else {
        return html! {};
    };
    let i18n = use_i18n();
    let tabs = Tab::ALL.iter().map(|t| {
        let on_click = {
            let (ctx, t) = (ctx.clone(), *t);
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::SetTab(t)))
        };
        let selected = ctx.tab == *t;
        html! {
            <button role="tab" class={if selected { "tab active" } else { "tab" }} aria-selected={selected.to_string()}
                    data-testid={t.label_key().replace('.', "-")} onclick={on_click}>{ i18n.t(t.label_key()) }</button>
        }
    });
    let sim = props.sim.clone();
    let body = match ctx.tab {
        Tab::Build => html! { <BuildPanel {sim} /> },
        Tab::Groups => html! {
            <>{ for sim.snapshot.groups.iter().enumerate().map(|(i, _)| html! { <GroupPanel sim={sim.clone()} index={i} /> }) }
              if sim.snapshot.groups.is_empty() { <p class="hint">{ i18n.t("groups.none") }</p> }</>
        },
        Tab::Inspect => html! { <InspectPanel {sim} selection={ctx.selection.clone()} /> },
        Tab::Events => html! { <EventLog {sim} filter={ctx.event_filter.clone()} /> },
        Tab::Scenario => html! { <ScenarioPanel {sim} /> },
    };
    html! {
        <aside class="side" id="side-panel" aria-label={i18n.t("side.panels")}>
            <div class="tabs" role="tablist" aria-label={i18n.t("side.panels")}>{ for tabs }</div>
            <div class="tab-body" role="tabpanel" aria-label={i18n.t(ctx.tab.label_key())}>{ body }</div>
        </aside>
    }
}
