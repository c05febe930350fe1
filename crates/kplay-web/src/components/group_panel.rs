//! One consumer group: state, generation, strategy, instances with their controls, and the `--describe` table.

use crate::components::describe_table::describe_table;
use crate::components::instance_form::{instance_form, use_instance_form};
use crate::components::instance_row::instance_row;
use crate::components::markup::{alert, button, fact, raw, titled, wrap};
use crate::components::spring_view::spring_view;
use crate::format::{describe_rows, lag_text, processed_text, thousands, threads_text, LAG_RULE};
use crate::hooks::use_form_state::{use_index, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use yew::prelude::*;

/// Props of [`GroupPanel`].
#[derive(Properties, PartialEq)]
pub struct GroupPanelProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Index of the group in the snapshot.
    pub index: usize,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
}

/// A group's card.
#[component]
pub fn GroupPanel(props: &GroupPanelProps) -> Html {
    let i18n = props.i18n.clone();
    let error = use_text("");
    let group = props.sim.snapshot.groups.get(props.index);
    let rows = group.map(describe_rows).unwrap_or_default();
    // Whether the learner unfolded a long `--describe` table.
    let describe_unfolded = use_index(0);
    let add_instance = use_instance_form(
        group
            .and_then(|g| g.instances.first())
            .map_or("Listener", |i| i.listener.as_str()), // i18n-ok: a default Java class name
    );
    let Some(g) = group else {
        return html! {};
    };
    // The instance rows' problems, put in the chosen language.
    let on_error = {
        let (error, i18n) = (error.clone(), i18n.clone());
        Callback::from(move |e: String| error.set(translate_problem(&i18n, &e)))
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
    // The group, as the parameter of two texts (one argument array).
    let gid: [(&str, &dyn std::fmt::Display); 1] = [("group", &g.id)];
    let idle = g.members.iter().filter(|m| m.idle).count();
    let processed = props.sim.with(|s| {
        s.trace
            .processed_upto
            .iter()
            .filter(|((gid, _, _), _)| *gid == g.id)
            .map(|((_, t, p), n)| (t.clone(), *p, *n))
            .collect::<Vec<_>>()
    });
    // The group's spec as built so far, as Spring Boot code (generated in place: no copy of the spec).
    let spring = props.sim.with(|s| {
        s.scenario
            .groups
            .iter()
            .find(|s| s.id == g.id)
            .map(|spec| spring_view(&i18n, spec))
    });
    // The group's facts after its state badge: read-only, one string of markup, escaped (see [`raw`]). The badge
    // stays an element of its own: it pulses while the group rebalances, and a rebuilt element would restart
    // the pulse at every refresh.
    let mut facts = String::new();
    let generation = g.generation.to_string();
    fact(
        &mut facts,
        &i18n.t("groups.generation"),
        "generation",
        &generation,
    );
    let strategy = i18n.tf(
        "groups.strategy",
        &[("strategy", &g.strategy), ("protocol", &protocol)],
    );
    wrap(&mut facts, "<span>", &strategy, "</span>");
    wrap(
        &mut facts,
        "<span data-testid=\"group-threads\">",
        &threads_text(&i18n, g),
        "</span>",
    );
    // The lag, processed and lost counts explain themselves in tooltips, so they stay elements.
    let lag = titled(None, "group-lag", i18n.t(LAG_RULE), lag_text(&i18n, g));
    let processed_count = titled(
        None,
        "group-processed",
        i18n.t("groups.processed_title"),
        processed_text(&i18n, g),
    );
    let lost = (g.lost_in_handoff > 0).then(|| {
        let count = thousands(g.lost_in_handoff);
        titled(
            Some("warn"),
            "lost-in-handoff",
            i18n.t("groups.lost_title"),
            i18n.tf("groups.lost", &[("count", &count)]),
        )
    });
    html! {
        <section class={CARD_CLASSES[props.index % 6]} data-testid="group-card"
                 data-group={g.id.clone()} data-generation={g.generation.to_string()} data-state={g.state.name()}
                 data-idle={idle.to_string()} data-duplicates={g.duplicates.to_string()} data-owned-partitions={g.partitions.iter().filter(|p| p.owner.is_some()).count().to_string()}>
            <h2 class="card-title"><span class="group-chip-inline" aria-hidden="true"></span>{ i18n.tf("groups.title", &gid) }
                { button("btn small remove-group", None, Some(("remove-group-".to_owned() + &g.id).into()), Some(i18n.tf("groups.remove_aria", &gid)), // i18n-ok: CSS classes
                    None, false, on_remove, i18n.t("groups.remove")) }
            </h2>
            <p class="group-facts">
                <span class={"badge st-".to_owned() + g.state.name()} data-testid="group-state">{ g.state.name() }</span>
                { raw(facts) }{ lag }{ processed_count }{ lost }
            </p>
            <ul class="instance-list">
                { for g.instances.iter().map(|i| instance_row(&i18n, &props.sim, i, &on_error)) }
            </ul>
            if !error.is_empty() { { alert(None, (*error).clone()) } }
            { instance_form(&i18n, &props.sim, &g.id, g.instances.len() + 1, &add_instance) }
            { describe_table(&i18n, g, &processed, &rows, &describe_unfolded) }
            { spring.unwrap_or_default() }
        </section>
    }
}

/// The card's classes by the group's colour (`g0`…`g5` in www/style.css): no formatting per render.
const CARD_CLASSES: [&str; 6] = [
    "card group-card g0", // i18n-ok: CSS classes
    "card group-card g1", // i18n-ok: CSS classes
    "card group-card g2", // i18n-ok: CSS classes
    "card group-card g3", // i18n-ok: CSS classes
    "card group-card g4", // i18n-ok: CSS classes
    "card group-card g5", // i18n-ok: CSS classes
];
