//! The event log (newest first), filterable by kind.
//!
//! The default view is the *story*: rebalances, assignments, faults and warnings, from
//! [`crate::trace::Trace::story`], so a crash or a failed commit stays readable however many records flowed since
//! (a busy run makes thousands of `produced`/`processed`/`committed` events a second, and mixing them in would push
//! the story off the visible rows anyway). "all kinds" shows the newest events of every kind; choosing one story
//! kind (e.g. `fault`) searches the story buffer, choosing a per-record kind searches the recent events.

use crate::components::markup::{option, picker, raw, wrap};
use crate::format::{clock, thousands};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::state::{Action, AppContext};
use crate::trace::{describe, Trace, EVENT_LOG_CAP};
use kplay_core::sim::Event;
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
pub fn event_log(i18n: &I18n, sim: &SimHandle, ctx: &AppContext) -> Html {
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
    let (rows, note): (String, String) = sim.with(|s| {
        // Read-only rows, as one string of markup (see [`raw`]).
        let mut rows = String::from("<ol class=\"event-list\" aria-live=\"off\">");
        for e in shown(&s.trace, filter) {
            wrap(&mut rows, "<li class=\"ev ev-", e.kind.name(), "\"><time>");
            wrap(
                &mut rows,
                "",
                &clock(e.t_ms),
                "</time><span class=\"ev-kind\">",
            );
            wrap(&mut rows, "", e.kind.name(), "</span>");
            wrap(&mut rows, "", &describe(i18n, e), "</li>");
        }
        rows.push_str("</ol>");
        let story = &s.trace.story;
        let kept = story.events.len() as u64;
        let note = if per_record(filter) {
            i18n.tf("events.note_recent", &[("cap", &EVENT_LOG_CAP)])
        } else {
            let (kept_text, dropped) = (thousands(kept), thousands(story.dropped));
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("kept", &kept_text), ("dropped", &dropped)];
            let n = if story.dropped > 0 {
                i18n.tf("events.note_story_dropped", &args)
            } else {
                i18n.tf("events.note_story", &args)
            };
            if kept > SHOWN as u64 {
                i18n.tf("events.note_more", &[("note", &n), ("shown", &SHOWN)])
            } else {
                n
            }
        };
        (rows, note)
    });
    let options = [
        ("story", i18n.t("events.story")),
        ("all", i18n.t("events.all")),
    ]
    .into_iter()
    .chain(KINDS.iter().map(|k| (*k, String::from(*k))))
    .map(|(k, text)| option(k.into(), filter == k, text))
    .collect();
    html! {
        <div class="events" data-testid="event-log">
            { picker("event-filter", false, i18n.t("events.show") + " ", on_filter, options) }
            <p class="hint" data-testid="event-log-note">{ note }</p>
            { raw(rows) }
        </div>
    }
}
