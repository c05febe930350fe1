//! Warnings where the user looks: above the picture (e.g. two listener classes in one group).

use crate::format::thousands;
use crate::hooks::use_simulation::SimHandle;
use yew::prelude::*;

/// Props of [`Warnings`].
#[derive(Properties, PartialEq)]
pub struct WarningsProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The warnings banner; empty when all is well.
#[component]
pub fn Warnings(props: &WarningsProps) -> Html {
    let snap = &props.sim.snapshot;
    let mut items: Vec<Html> = Vec::new();
    for g in snap
        .groups
        .iter()
        .filter(|g| g.warnings.iter().any(|w| w == "mixed_listeners"))
    {
        // Sorted and distinct; inserting in place instead of collecting a BTreeSet keeps another instance
        // of the standard sort out of the bundle.
        let mut listeners: Vec<String> = Vec::new();
        for i in &g.instances {
            if let Err(at) = listeners.binary_search(&i.listener) {
                listeners.insert(at, i.listener.clone());
            }
        }
        let missed = g
            .missed_by_listener
            .iter()
            .map(|(l, n)| format!("{l} never saw {} records", thousands(*n)));
        items.push(html! {
            <li data-testid="warning-mixed">
                <strong>{ format!("Group {}: different listener classes ({}) share one group.", g.id, listeners.join(", ")) }</strong>
                { if g.shared_topics.is_empty() {
                    " They read different topics, so they share only rebalances: ".to_string()
                } else {
                    format!(" On {} each record goes to only one of them, so each class misses the records the others got: ", g.shared_topics.join(", "))
                } }
                { missed.collect::<Vec<_>>().join("; ") }{ ". Give each class its own group.id." }
            </li>
        });
    }
    props.sim.with(|s| {
        for (code, group, message) in s.trace.warnings.iter().filter(|(c, _, _)| c != "mixed_listeners") {
            let g = group.as_deref().map(|g| format!("{g}: ")).unwrap_or_default();
            items.push(html! { <li>{ format!("{g}{message} ({code})") }</li> });
        }
        for e in &s.load_errors {
            items.push(html! { <li>{ format!("Could not load the linked scenario, showing the default: {e}") }</li> });
        }
    });
    if items.is_empty() {
        return html! {};
    }
    html! {
        <section class="warnings" role="alert" aria-label="Warnings" data-testid="warnings">
            <ul>{ for items }</ul>
        </section>
    }
}
