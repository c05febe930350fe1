//! One consumer group: state, generation, strategy, instances with their controls, and the `--describe` table.

use crate::components::describe_table::DescribeTable;
use crate::components::instance_form::InstanceForm;
use crate::components::instance_row::InstanceRow;
use crate::components::table::tx;
use crate::format::{lag_text, processed_text, thousands, threads_text, LAG_RULE};
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::use_i18n;
use yew::prelude::*;

/// Props of [`GroupPanel`].
#[derive(Properties, PartialEq)]
pub struct GroupPanelProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Index of the group in the snapshot.
    pub index: usize,
}

/// A group's card.
#[component]
pub fn GroupPanel(props: &GroupPanelProps) -> Html {
    let i18n = use_i18n();
    let error = use_text("");
    let Some(g) = props.sim.snapshot.groups.get(props.index) else {
        return html! {};
    };
    let on_error = {
        let error = error.clone();
        Callback::from(move |e: String| error.set(e))
    };
    let on_remove = {
        let (sim, error, id) = (props.sim.clone(), error.clone(), g.id.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = sim.apply(kplay_core::Command::RemoveGroup { group: id.clone() }) {
                error.set(e.to_string());
            }
        })
    };
    let protocol = if g.strategy == "cooperative-sticky" {
        "cooperative"
    } else {
        "eager"
    };
    let idle = g.members.iter().filter(|m| m.idle).count();
    let processed = props.sim.with(|s| {
        s.trace
            .processed_upto
            .iter()
            .filter(|((gid, _, _), _)| *gid == g.id)
            .map(|((_, t, p), n)| (t.clone(), *p, *n))
            .collect::<Vec<_>>()
    });
    html! {
        <section class={format!("card group-card g{}", props.index % 6)} data-testid="group-card"
                 data-group={g.id.clone()} data-generation={g.generation.to_string()} data-state={g.state.name()}
                 data-idle={idle.to_string()} data-duplicates={g.duplicates.to_string()} data-owned-partitions={g.partitions.iter().filter(|p| p.owner.is_some()).count().to_string()}>
            <h2 class="card-title"><span class="group-chip-inline" aria-hidden="true"></span>{ i18n.tf("groups.title", &[("group", &g.id)]) }
                <button class="btn small remove-group" onclick={on_remove} data-testid={format!("remove-group-{}", g.id)}
                        aria-label={i18n.tf("groups.remove_aria", &[("group", &g.id)])}>{ tx(&i18n, "groups.remove") }</button>
            </h2>
            <p class="group-facts">
                <span class={format!("badge st-{}", g.state.name())} data-testid="group-state">{ g.state.name() }</span>
                <span>{ tx(&i18n, "groups.generation") }{ " " }<strong data-testid="generation">{ g.generation }</strong></span>
                <span>{ i18n.tf("groups.strategy", &[("strategy", &g.strategy), ("protocol", &protocol)]) }</span>
                <span data-testid="group-threads">{ threads_text(&i18n, g) }</span>
                <span data-testid="group-lag" title={i18n.t(LAG_RULE)}>{ lag_text(&i18n, g) }</span>
                <span data-testid="group-processed" title={i18n.t("groups.processed_title")}>{ processed_text(&i18n, g) }</span>
                if g.lost_in_handoff > 0 {
                    <span class="warn" data-testid="lost-in-handoff" title={i18n.t("groups.lost_title")}>
                        { i18n.tf("groups.lost", &[("count", &thousands(g.lost_in_handoff))]) }</span>
                }
            </p>
            <ul class="instance-list">
                { for g.instances.iter().map(|i| html! {
                    <InstanceRow key={i.id.clone()} sim={props.sim.clone()} instance={i.clone()} on_error={on_error.clone()} />
                }) }
            </ul>
            if !error.is_empty() { <p class="error" role="alert">{ (*error).clone() }</p> }
            <InstanceForm sim={props.sim.clone()} group={g.id.clone()}
                listener={g.instances.first().map(|i| i.listener.clone()).unwrap_or_else(|| "Listener".into())} // i18n-ok: a default Java class name
                next_index={g.instances.len() + 1} />
            <DescribeTable group={g.clone()} {processed} />
        </section>
    }
}
