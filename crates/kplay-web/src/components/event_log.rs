//! The event log (newest first), filterable by kind.
//!
//! The default view is the *story*: rebalances, assignments, faults and warnings, from
//! [`crate::trace::Trace::story`], so a crash or a failed commit stays readable however many records flowed since
//! (a busy run makes thousands of `produced`/`processed`/`committed` events a second, and mixing them in would push
//! the story off the visible rows anyway). "all kinds" shows the newest events of every kind; choosing one story
//! kind (e.g. `fault`) searches the story buffer, choosing a per-record kind searches the recent events.

use crate::format::{clock, thousands};
use crate::hooks::use_simulation::SimHandle;
use crate::state::{Action, AppContext};
use crate::trace::{Trace, EVENT_LOG_CAP};
use kplay_core::sim::{Event, EventKind};
use yew::prelude::*;

const KINDS: [&str; 11] = [
    "produced",
    "processed",
    "committed",
    "assigned",
    "revoked",
    "lost",
    "group_state",
    "fault",
    "warning",
    "offsets_expired",
    "skipped",
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

/// Whether `filter` reads the recent log of every kind rather than the story.
fn per_record(filter: &str) -> bool {
    matches!(filter, "all" | "produced" | "processed" | "committed")
}

/// The rows the log shows for `filter` (`"story"`, `"all"` or a kind name), newest first, at most [`SHOWN`]:
/// story kinds come from the story buffer, so they are found however long the run.
///
/// ```
/// let t = kplay_web::trace::Trace::default();
/// assert_eq!(kplay_web::components::event_log::shown(&t, "story").count(), 0);
/// ```
pub fn shown<'a>(trace: &'a Trace, filter: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
    let source = if per_record(filter) {
        &trace.events
    } else {
        &trace.story.events
    };
    source
        .iter()
        .rev()
        .filter(move |e| matches!(filter, "all" | "story") || e.kind.name() == filter)
        .take(SHOWN)
}

/// The event log; the kind shown is the context's `event_filter` (`None` or `"story"` the story, `"all"` every
/// recent event, else one kind). A plain function, not a component: the side panel renders it with the same
/// handle and context a component would have re-rendered on, and each component type costs about 1 KB of wasm.
pub fn event_log(sim: &SimHandle, ctx: &AppContext) -> Html {
    let on_filter = {
        let ctx = ctx.clone();
        Callback::from(move |e: yew::Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            ctx.dispatch(Action::SetEventFilter((!v.is_empty()).then_some(v)));
        })
    };
    let filter = ctx.event_filter.as_deref().unwrap_or("story");
    let (rows, note): (Vec<Html>, String) = sim.with(|s| {
        let rows = shown(&s.trace, filter)
            .map(|e| html! {
                <li class={format!("ev ev-{}", e.kind.name())}><time>{ clock(e.t_ms) }</time><span class="ev-kind">{ e.kind.name() }</span>{ describe(e) }</li>
            })
            .collect();
        let story = &s.trace.story;
        let kept = story.events.len() as u64;
        let note = if per_record(filter) {
            format!("from the newest {EVENT_LOG_CAP} events of every kind; rebalances, faults and warnings are kept longer under \"story\"")
        } else {
            let mut n = format!("the story of the run: {} events", thousands(kept));
            if story.dropped > 0 {
                n += &format!(" kept, the {} oldest dropped", thousands(story.dropped));
            }
            if kept > SHOWN as u64 {
                n += &format!("; the newest {SHOWN} shown, pick a kind to find older ones");
            }
            n
        };
        (rows, note)
    });
    html! {
        <div class="events" data-testid="event-log">
            <label for="event-filter">{ "Show " }</label>
            <select id="event-filter" onchange={on_filter}>
                <option value="story" selected={filter == "story"}>{ "story: rebalances, faults, warnings" }</option>
                <option value="all" selected={filter == "all"}>{ "all kinds (newest)" }</option>
                { for KINDS.iter().map(|k| html! { <option value={*k} selected={filter == *k}>{ *k }</option> }) }
            </select>
            <p class="hint" data-testid="event-log-note">{ note }</p>
            <ol class="event-list" aria-live="off">{ for rows }</ol>
        </div>
    }
}
