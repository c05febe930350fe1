//! A group's offsets exactly as `kafka-consumer-groups --describe --group <g>` prints them.

use crate::components::markup::{esc, head_markup, raw, wrap};
use crate::components::table::tx;
use crate::format::DescribeRow;
use crate::i18n::I18n;
use kplay_core::sim::{GroupState, GroupView, DESCRIBE_COLUMNS};
use yew::prelude::*;

/// Above this many rows the table starts folded: three 64-row tables refreshing twice a second cost more
/// frame time than anything else on the Groups tab, and a wall of numbers is not what a learner reads first.
pub const OPEN_UP_TO_ROWS: usize = 16;

/// The `--describe` table as markup (read-only: built as one string, see [`raw`]).
fn table_markup(
    group: &GroupView,
    processed: &[(String, u32, u64)],
    rows: &[DescribeRow],
) -> String {
    let mut t = String::from("<table class=\"describe\" data-testid=\"describe\" data-group=\""); // i18n-ok: markup
    esc(&mut t, &group.id);
    let caption = "\"><caption class=\"visually-hidden\">kafka-consumer-groups --describe --group "; // i18n-ok: the command
    wrap(&mut t, caption, &group.id, "</caption>");
    head_markup(&mut t, &DESCRIBE_COLUMNS);
    t.push_str("<tbody>");
    for r in rows {
        // Compared as numbers: formatting each candidate partition cost thousands of strings a tick.
        let partition = r.partition.parse::<u32>().ok();
        // `processed` is sorted by (topic, partition): a search, not a scan per row.
        let processed = partition
            .and_then(|p| {
                processed
                    .binary_search_by(|(t, q, _)| (t.as_str(), *q).cmp(&(r.topic.as_str(), p)))
                    .ok()
            })
            .map(|i| processed[i].2);
        wrap(
            &mut t,
            "<tr data-topic=\"",
            &r.topic,
            "\" data-partition=\"",
        ); // i18n-ok: markup
        esc(&mut t, &r.partition);
        if let Some(n) = processed {
            t.push_str("\" data-processed=\""); // i18n-ok: markup
            t.push_str(&n.to_string());
        }
        wrap(&mut t, "\"><td>", &r.group, "</td>");
        wrap(&mut t, "<td>", &r.topic, "</td>");
        wrap(&mut t, "<td class=\"num\">", &r.partition, "</td>"); // i18n-ok: markup
        wrap(
            &mut t,
            "<td class=\"num\" data-col=\"current\">",
            &r.current,
            "</td>",
        ); // i18n-ok: markup
        wrap(
            &mut t,
            "<td class=\"num\" data-col=\"log-end\">",
            &r.log_end,
            "</td>",
        ); // i18n-ok: markup
        wrap(
            &mut t,
            "<td class=\"num\" data-col=\"lag\">",
            &r.lag,
            "</td>",
        ); // i18n-ok: markup
        wrap(
            &mut t,
            "<td class=\"mono\" data-col=\"consumer\">",
            &r.consumer,
            "</td>",
        ); // i18n-ok: markup
        wrap(&mut t, "<td>", &r.host, "</td>");
        wrap(&mut t, "<td>", &r.client, "</td></tr>");
    }
    t.push_str("</tbody></table>");
    t
}

/// The `--describe` table of `group`, whose [`describe_rows`](crate::format::describe_rows) are `rows`;
/// `processed` holds one past the highest processed offset per (topic, partition), exposed as `data-processed`
/// (not a column: the table stays exactly Kafka's); it is sorted by (topic, partition). `unfolded` (1 or 0) says the
/// learner opened a table longer than [`OPEN_UP_TO_ROWS`] rows (shorter ones are always open). A plain function, not a component: it changed with every group
/// update anyway, and each component type costs about 1 KB of wasm.
pub fn describe_table(
    i18n: &I18n,
    group: &GroupView,
    processed: &[(String, u32, u64)],
    rows: &[DescribeRow],
    unfolded: &UseStateHandle<usize>,
) -> Html {
    // A short table is always open; a long one only once the learner unfolds it, also when it grew long after
    // the card first rendered (a group joining, partitions added): 2,048 open rows cost more than the picture.
    let open = **unfolded != 0 || rows.len() <= OPEN_UP_TO_ROWS;
    let toggle = {
        let unfolded = unfolded.clone();
        Callback::from(move |_: MouseEvent| unfolded.set(usize::from(!open)))
    };
    if !open {
        return html! {
            <button class="btn small" onclick={toggle} aria-expanded="false" data-testid="describe-show" data-group={group.id.clone()}>
                { i18n.tf("groups.describe_show", &[("count", &rows.len())]) }</button>
        };
    }
    // Focusable, so a keyboard scrolls the wide table sideways (axe: scrollable-region-focusable).
    html! {
        <div class="table-scroll" tabindex="0">
            if rows.len() > OPEN_UP_TO_ROWS {
                <button class="btn small" onclick={toggle} aria-expanded="true">{ tx(i18n, "groups.describe_hide") }</button>
            }
            if group.state != GroupState::Stable && group.state != GroupState::Empty {
                <p class="hint mono">{ format!("Warning: Consumer group '{}' is rebalancing.", group.id) }</p> // i18n-ok: Kafka's own output
            }
            { raw(table_markup(group, processed, rows)) }
        </div>
    }
}
