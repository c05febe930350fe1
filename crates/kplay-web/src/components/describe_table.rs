//! A group's offsets exactly as `kafka-consumer-groups --describe --group <g>` prints them.

use crate::components::markup::{escaped, raw, td};
use crate::components::table::head;
use crate::components::table::tx;
use crate::format::DescribeRow;
use crate::i18n::I18n;
use kplay_core::sim::{GroupState, GroupView, DESCRIBE_COLUMNS};
use yew::prelude::*;

/// Above this many rows the table starts folded: three 64-row tables refreshing twice a second cost more
/// frame time than anything else on the Groups tab, and a wall of numbers is not what a learner reads first.
pub const OPEN_UP_TO_ROWS: usize = 16;

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
                { raw(String::from("<p class=\"hint mono\">Warning: Consumer group '") + &escaped(&group.id) + "' is rebalancing.</p>") } // i18n-ok: Kafka's own output
            }
            <table class="describe" data-testid="describe" data-group={group.id.clone()}>
                <caption class="visually-hidden">{ format!("kafka-consumer-groups --describe --group {}", group.id) }</caption> // i18n-ok: the command
                { head(&DESCRIBE_COLUMNS) }
                <tbody>
                    { for rows.iter().map(|r| {
                        // Compared as numbers: formatting each candidate partition cost thousands of strings a tick.
                        let partition = r.partition.parse::<u32>().ok();
                        // `processed` is sorted by (topic, partition): a search, not a scan per row.
                        let processed = partition
                            .and_then(|p| processed.binary_search_by(|(t, q, _)| (t.as_str(), *q).cmp(&(r.topic.as_str(), p))).ok())
                            .map(|i| processed[i].2.to_string());
                        // (class, data-col, text) per cell, built by one function: nine `<td>`s written out
                        // here expanded into nine copies of the element code.
                        let cells = [
                            (None, None, &r.group),
                            (None, None, &r.topic),
                            (Some("num"), None, &r.partition),
                            (Some("num"), Some("current"), &r.current),
                            (Some("num"), Some("log-end"), &r.log_end),
                            (Some("num"), Some("lag"), &r.lag),
                            (Some("mono"), Some("consumer"), &r.consumer),
                            (None, None, &r.host),
                            (None, None, &r.client),
                        ];
                        html! {
                            <tr data-topic={r.topic.clone()} data-partition={r.partition.clone()} data-processed={processed}>
                                { for cells.iter().map(|(class, col, text)| td(*class, *col, text)) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
