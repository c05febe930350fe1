//! The event log (newest first), filterable by kind.

use crate::format::clock;
use crate::hooks::use_simulation::SimHandle;
use crate::state::{Action, AppContext};
use kplay_core::sim::{Event, EventKind};
use yew::prelude::*;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Kind shown (`None`: all).
    pub filter: Option<String>,
}

const KINDS: [&str; 9] = [
    "produced",
    "processed",
    "committed",
    "assigned",
    "revoked",
    "lost",
    "group_state",
    "fault",
    "warning",
];
/// Rows drawn; the log keeps more.
const SHOWN: usize = 80;

/// One line of text per event.
pub fn describe(e: &Event) -> String {
    let tp = |t: &str, p: u32| format!("{t}-{p}");
    let parts = |ps: &[(String, u32)]| {
        ps.iter()
            .map(|(t, p)| tp(t, *p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &e.kind {
        EventKind::Produced {
            topic,
            partition,
            offset,
            key,
            producer,
            tombstone,
        } => {
            format!(
                "{producer} → {} @ {offset} key {}{}",
                tp(topic, *partition),
                key.as_deref().unwrap_or("null"),
                if *tombstone {
                    ", value null (tombstone)"
                } else {
                    ""
                }
            )
        }
        EventKind::Processed {
            group,
            instance,
            thread,
            topic,
            partition,
            offset,
            duplicate,
            ..
        } => format!(
            "{group}/{instance} t{thread} processed {} @ {offset}{}",
            tp(topic, *partition),
            if *duplicate { " (REPROCESSED)" } else { "" }
        ),
        EventKind::Committed {
            group,
            topic,
            partition,
            offset,
            ..
        } => {
            format!("{group} committed {} = {offset}", tp(topic, *partition))
        }
        EventKind::Skipped {
            group,
            topic,
            partition,
            from,
            to,
            reason,
        } => format!(
            "{group} never reads {} @ {from}..{to} ({reason})",
            tp(topic, *partition)
        ),
        EventKind::Assigned {
            group,
            instance,
            generation,
            partitions,
            ..
        } => {
            format!(
                "{group}/{instance} gen {generation} assigned [{}]",
                parts(partitions)
            )
        }
        EventKind::Revoked {
            group,
            instance,
            generation,
            partitions,
            ..
        } => {
            format!(
                "{group}/{instance} gen {generation} revoked [{}]",
                parts(partitions)
            )
        }
        EventKind::Lost {
            group,
            instance,
            partitions,
            ..
        } => {
            format!("{group}/{instance} lost [{}]", parts(partitions))
        }
        EventKind::GroupState {
            group,
            state,
            generation,
        } => format!("{group} → {state} (generation {generation})"),
        EventKind::OffsetsExpired { group, partitions } => {
            format!("{group} offsets expired [{}]", parts(partitions))
        }
        EventKind::Fault {
            fault,
            instance,
            producer,
            topic,
        } => {
            format!(
                "{fault} {}",
                instance
                    .as_deref()
                    .or(producer.as_deref())
                    .or(topic.as_deref())
                    .unwrap_or("")
            )
        }
        EventKind::Warning {
            code,
            group,
            message,
        } => {
            format!(
                "{}{message} ({code})",
                group
                    .as_deref()
                    .map(|g| format!("{g}: "))
                    .unwrap_or_default()
            )
        }
    }
}

/// The event log.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let Some(ctx) = use_context::<AppContext>() else {
        return html! {};
    };
    let on_filter = Callback::from(move |e: yew::Event| {
        let v = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        ctx.dispatch(Action::SetEventFilter((!v.is_empty()).then_some(v)));
    });
    let rows: Vec<Html> = props.sim.with(|s| {
        s.trace
            .events
            .iter()
            .rev()
            .filter(|e| props.filter.as_deref().is_none_or(|f| e.kind.name() == f))
            .take(SHOWN)
            .map(|e| html! {
                <li class={format!("ev ev-{}", e.kind.name())}><time>{ clock(e.t_ms) }</time><span class="ev-kind">{ e.kind.name() }</span>{ describe(e) }</li>
            })
            .collect()
    });
    html! {
        <div class="events" data-testid="event-log">
            <label for="event-filter">{ "Show " }</label>
            <select id="event-filter" onchange={on_filter}>
                <option value="" selected={props.filter.is_none()}>{ "all kinds" }</option>
                { for KINDS.iter().map(|k| html! { <option value={*k} selected={props.filter.as_deref() == Some(*k)}>{ *k }</option> }) }
            </select>
            <ol class="event-list" aria-live="off">{ for rows }</ol>
        </div>
    }
}
