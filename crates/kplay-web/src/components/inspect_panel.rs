//! The Inspect tab: a partition's log with offsets and every group's committed marker, or a record's lifecycle.

use crate::components::markup::{button, fact, h2, head_markup, hint, raw, td, titled, wrap};
use crate::components::table::{head_of, or_dash};
use crate::format::{clock, key_class, thousands};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::state::{Action, AppContext, Selection};
use kplay_core::sim::RecordStage;
use yew::prelude::*;

/// The page of the log shown: (topic, partition, first offset not shown), at most one; none = the newest
/// records. A `Vec` rather than an `Option`: the same state type (one hook instance) as the picture's scrolled-back
/// lanes.
pub type Page = UseStateHandle<Vec<(String, u32, u64)>>;

/// The inspector of `ctx.selection`, showing the log page `page`. A plain function over state the side panel's
/// tab component holds (for as long as the tab is open, as before), not a component of its own (each component
/// type costs about 1 KB of wasm).
pub fn inspect_panel(i18n: &I18n, sim: &SimHandle, ctx: &AppContext, page: &Page) -> Html {
    let snap = &sim.snapshot;
    let (topic, partition, offset) = match &ctx.selection {
        Selection::None => return html! { { hint(i18n.t("inspect.none")) } },
        Selection::Partition { topic, partition } => (topic.clone(), *partition, None),
        Selection::Record {
            topic,
            partition,
            offset,
        } => (topic.clone(), *partition, Some(*offset)),
    };
    let Some(view) = snap
        .topics
        .iter()
        .find(|t| t.name == topic)
        .and_then(|t| t.partitions.get(partition as usize))
    else {
        return html! { { hint(i18n.t("inspect.gone")) } };
    };
    // The partition's log facts: read-only, one string of markup, escaped (see [`raw`]).
    let mut facts = String::new();
    let title = i18n.tf(
        "inspect.partition",
        &[("topic", &topic), ("partition", &partition)],
    );
    let (start, end) = (view.log_start.to_string(), view.log_end.to_string());
    fact(
        &mut facts,
        &i18n.t("inspect.log_start"),
        "log-start",
        &start,
    );
    fact(&mut facts, &i18n.t("inspect.log_end"), "log-end", &end);
    // The log's size explains itself in a tooltip, so it stays an element (see [`titled`]).
    let size = i18n.tf(
        "inspect.size",
        &[
            ("records", &thousands(view.records)),
            ("bytes", &thousands(view.bytes)),
            ("segments", &view.segments),
        ],
    );
    let size = titled(None, "log-size", i18n.t("inspect.size_title"), size);
    // The groups' positions on the partition: read-only, one string of markup (see [`raw`]).
    let mut groups = table_start(i18n, "<table class=\"describe\">", "inspect.cols_groups");
    for g in &snap.groups {
        let Some(p) = g
            .partitions
            .iter()
            .find(|p| p.topic == topic && p.partition == partition)
        else {
            continue;
        };
        wrap(&mut groups, "<tr data-group=\"", &g.id, "\">");
        wrap(&mut groups, "<td>", &g.id, "</td>");
        wrap(
            &mut groups,
            "<td class=\"num\">",
            &or_dash(p.committed),
            "</td>",
        );
        wrap(&mut groups, "<td class=\"num\">", &or_dash(p.lag), "</td>");
        wrap(
            &mut groups,
            "<td class=\"mono\">",
            p.owner.as_deref().unwrap_or("-"),
            "</td></tr>",
        );
    }
    groups.push_str("</tbody></table>");
    // One callback for every row: the row's offset travels in the button's `data-offset`.
    let on_record = {
        let (ctx, topic) = (ctx.clone(), topic.clone());
        Callback::from(move |e: MouseEvent| {
            // The button holds only text, so it is the event's target.
            let offset = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.get_attribute("data-offset"))
                .and_then(|o| o.parse::<u64>().ok());
            if let Some(offset) = offset {
                ctx.dispatch(Action::Select(Selection::Record {
                    topic: topic.clone(),
                    partition,
                    offset,
                }))
            }
        })
    };
    let before = page
        .first()
        .filter(|(t, p, _)| *t == topic && *p == partition)
        .map_or(u64::MAX, |(_, _, b)| *b);
    let (shown, older) = sim.with(|s| {
        let shown = s.world.records_before(&topic, partition, before, PAGE);
        let first = shown_first(&shown, view.log_start);
        (
            shown,
            !s.world
                .records_before(&topic, partition, first, 1)
                .is_empty(),
        )
    });
    let (first, last) = (
        shown_first(&shown, view.log_start),
        shown.last().map_or(view.log_end, |r| r.offset + 1),
    );
    let go = |to: Option<u64>| {
        let (page, topic) = (page.clone(), topic.clone());
        Callback::from(move |_: MouseEvent| {
            page.set(
                to.map(|b| (topic.clone(), partition, b))
                    .into_iter()
                    .collect(),
            )
        })
    };
    let next = last + PAGE as u64;
    let newer = (next < view.log_end).then_some(next);
    let pager = html! {
        <p class="pager" data-testid="log-pager">
            { button("btn small", None, Some("log-older".into()), None, None, !older, go(Some(first)), i18n.t("inspect.older")) } // i18n-ok: CSS classes
            { button("btn small", None, Some("log-newer".into()), None, None, last >= view.log_end, go(newer), i18n.t("inspect.newer")) } // i18n-ok: CSS classes
            { button("btn small", None, None, None, None, before == u64::MAX, go(None), i18n.t("inspect.newest")) } // i18n-ok: CSS classes
            <span class="hint">{ i18n.tf("inspect.page", &[("first", &first), ("last", &last.saturating_sub(1)), ("start", &view.log_start),
                ("end", &view.log_end.saturating_sub(1))]) }</span>
        </p>
    };
    let records = shown.iter().rev().map(|r| {
        let mut next_for = String::new();
        for g in &snap.groups {
            if g.partitions.iter().any(|p| p.topic == topic && p.partition == partition && p.committed == Some(r.offset)) {
                if !next_for.is_empty() {
                    next_for.push_str(", ");
                }
                next_for.push_str(&g.id);
            }
        }
        let committed_here = if next_for.is_empty() { next_for } else { i18n.tf("inspect.next_for", &[("groups", &next_for)]) };
        let o = r.offset.to_string();
        // The key cell's swatch, key and tombstone badge: read-only, escaped markup (see [`raw`]).
        let mut key = String::from("<span class=\"swatch ");
        key += &key_class(r.key.as_deref());
        wrap(&mut key, "\"></span>", r.key.as_deref().unwrap_or("null"), "");
        if r.tombstone {
            wrap(&mut key, "<span class=\"badge\" title=\"", &i18n.t("inspect.tombstone_title"), "\">");
            wrap(&mut key, "", &i18n.t("inspect.tombstone"), "</span>");
        }
        html! {
            <tr class={(offset == Some(r.offset)).then_some("selected")}>
                <td class="num"><button class="link" onclick={on_record.clone()} data-offset={o.clone()} aria-label={i18n.tf("inspect.lifecycle_aria", &[("offset", &o)])}>{ o }</button></td>
                <td>{ raw(key) }</td>
                { td(None, None, &r.producer) }
                { td(None, None, &clock(r.timestamp_ms)) }
                { td(None, None, &committed_here) }
            </tr>
        }
    });
    let lifecycle = offset.map(|o| {
        // Where the record is right now in each group, from the engine itself (the history below is what the
        // page saw happen; a record can sit fetched in a poll batch for a while before it is processed).
        let journey = sim.with(|s| s.world.follow(&topic, partition, o));
        let now = journey.map(|j| {
            let mut now = table_start(i18n, "<table class=\"describe\" data-testid=\"record-now\">", "inspect.cols_now");
            for (g, stage) in &j.groups {
                wrap(&mut now, "<tr data-group=\"", g, "\">");
                wrap(&mut now, "<td>", g, "</td>");
                wrap(&mut now, "<td>", &stage_text(i18n, stage), "</td></tr>");
            }
            now.push_str("</tbody></table>");
            html! {
            <>
            { raw(now) }
            if !j.retained { { hint(i18n.t("inspect.deleted")) } }
            if j.tombstone == Some(true) { { hint(i18n.t("inspect.tombstone_note")) } }
            </>
            }
        });
        // What the page saw happen to the record, written where the trace keeps it (no copy of its steps); `None`
        // when it saw nothing.
        let steps_list = sim.with(|s| {
            let steps = s.trace.lifecycles.get(&(topic.clone(), partition, o)).filter(|steps| !steps.is_empty())?;
            let mut list = String::from("<ol class=\"lifecycle\">");
            for s in steps {
                let open = if s.what.again() { "<li class=\"dup\"><time>" } else { "<li><time>" };
                wrap(&mut list, open, &clock(s.t_ms), "</time> ");
                wrap(&mut list, "", &s.what.text(i18n, (&topic, partition, o)), "</li>");
            }
            list.push_str("</ol>");
            Some(list)
        });
        html! {
            <section class="card" data-testid="lifecycle">
                { h2(i18n.tf("inspect.record", &[("topic", &topic), ("partition", &partition), ("offset", &o)])) }
                { now.unwrap_or_default() }
                if let Some(list) = steps_list {
                    { raw(list) }
                } else {
                    { hint(i18n.t("inspect.not_seen")) }
                }
            </section>
        }
    });
    html! {
        <div class="inspect" data-testid="inspect">
            { lifecycle.unwrap_or_default() }
            <section class="card">
                { h2(title) }
                <p class="group-facts">{ raw(facts) }{ size }</p>
                { raw(groups) }
                { pager }
                <table class="describe">
                    { head_of(i18n, "inspect.cols_log") }
                    <tbody>{ for records }</tbody>
                </table>
            </section>
        </div>
    }
}

/// A `<table …>` opening tag (`open`), its head from the catalogue text `cols` (column names separated by `|`),
/// and `<tbody>`: the start of a read-only table built as markup.
fn table_start(i18n: &I18n, open: &str, cols: &str) -> String {
    let mut t = String::from(open);
    head_markup(&mut t, &i18n.t(cols).split('|').collect::<Vec<_>>());
    t.push_str("<tbody>");
    t
}

/// Records shown per page of a partition's log.
const PAGE: usize = 20;

fn shown_first(shown: &[kplay_core::sim::RecordView], log_start: u64) -> u64 {
    shown.first().map_or(log_start, |r| r.offset)
}

/// One group's stage of a record, in the consumer's words.
fn stage_text(i18n: &I18n, stage: &RecordStage) -> String {
    let key = match stage {
        RecordStage::Waiting => "inspect.stage.waiting",
        RecordStage::Fetched { member } => {
            return i18n.tf("inspect.stage.fetched", &[("member", member)])
        }
        RecordStage::Processed => "inspect.stage.processed",
        RecordStage::Committed => "inspect.stage.committed",
        RecordStage::DeletedBeforeRead => "inspect.stage.deleted",
        RecordStage::Skipped => "inspect.stage.skipped",
    };
    i18n.t(key)
}
