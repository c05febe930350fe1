//! The tabbed side panel: learn, build, groups, inspect, charts, events, scenario.

use crate::components::build_panel::use_build_panel;
use crate::components::event_log::event_log;
use crate::components::group_panel::GroupPanel;
use crate::components::inspect_panel::inspect_panel;
use crate::components::lesson_list::lesson_list;
use crate::components::markup::{flag, hint};
use crate::components::scenario_panel::{scenario_panel, use_scenario_state};
use crate::hooks::use_lessons::LessonHandle;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::state::{Action, AppContext, Tab};
use yew::prelude::*;

/// Props of [`SidePanel`].
#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    /// The simulation.
    pub sim: SimHandle,
    /// The app's state (passed down rather than through a context provider: one component type less).
    pub ctx: AppContext,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
    /// The lessons.
    pub lessons: LessonHandle,
}

/// Tabs plus the open tab's content.
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let ctx = &props.ctx;
    let i18n = props.i18n.clone();
    let lessons = Some(props.lessons.clone());
    let tabs = Tab::ALL.iter().map(|t| {
        let on_click = {
            let (ctx, t, lessons) = (ctx.clone(), *t, lessons.clone());
            Callback::from(move |_: MouseEvent| {
                if let (Tab::Learn, Some(l)) = (t, &lessons) {
                    l.ensure_index();
                }
                ctx.dispatch(Action::SetTab(t))
            })
        };
        let selected = ctx.tab == *t;
        html! {
            <button role="tab" class={if selected { "tab active" } else { "tab" }} aria-selected={flag(selected)}
                    data-testid={t.label_key().replace('.', "-")} onclick={on_click}>{ i18n.t(t.label_key()) }</button>
        }
    });
    let sim = props.sim.clone();
    let body = match ctx.tab {
        Tab::Learn => lessons
            .as_ref()
            .map(|l| lesson_list(&i18n, l))
            .unwrap_or_default(),
        Tab::Groups => html! {
            <>{ for sim.snapshot.groups.iter().enumerate().map(|(i, _)| html! { <GroupPanel sim={sim.clone()} index={i} i18n={i18n.clone()} /> }) }
              if sim.snapshot.groups.is_empty() { { hint(i18n.t("groups.none")) } }</>
        },
        Tab::Build | Tab::Inspect | Tab::Scenario => {
            html! { <TabBody key={ctx.tab.label_key()} {sim} ctx={ctx.clone()} i18n={i18n.clone()} /> }
        }
        Tab::Events => event_log(&i18n, &sim, ctx),
    };
    html! {
        <aside class="side" id="side-panel" aria-label={i18n.t("side.panels")}>
            <div class="tabs" role="tablist" aria-label={i18n.t("side.panels")}>{ for tabs }</div>
            <div class="tab-body" role="tabpanel" aria-label={i18n.t(ctx.tab.label_key())}>{ body }</div>
        </aside>
    }
}

/// Props of [`TabBody`].
#[derive(Properties, PartialEq)]
struct TabBodyProps {
    sim: SimHandle,
    ctx: AppContext,
    i18n: I18n,
}

/// The Build, the Inspect or the Scenario tab, as one component type holding the three tabs' state (about 1 KB
/// of wasm less than a component each). Keyed by the tab, so switching tabs starts it afresh, as three
/// components did.
#[component]
fn TabBody(props: &TabBodyProps) -> Html {
    let i18n = props.i18n.clone();
    let page = use_state_eq(Vec::<(String, u32, u64)>::new);
    let scenario = use_scenario_state(&props.sim);
    let build = use_build_panel(&i18n, &props.sim);
    match props.ctx.tab {
        Tab::Scenario => scenario_panel(&i18n, &props.sim, &scenario),
        Tab::Build => build,
        _ => inspect_panel(&i18n, &props.sim, &props.ctx, &page),
    }
}
