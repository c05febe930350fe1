//! One partition drawn as a log: the newest offsets as cells (colour = key), older ones collapsed into a count,
//! each group's committed-offset marker (filled, under the cells) and, where a group processed further than it
//! committed, its processed position (hollow, over the cells): the records between the two are processed but not
//! committed yet, and a crash now makes the group process them again.

use crate::components::markup::{raw, wrap};
use crate::format::f1;
use crate::format::{key_class, thousands};
use crate::i18n::I18n;
use crate::layout::{CELLS_X, CELL_W, LANE_END, LANE_H, LANE_X};
use kplay_core::sim::PartitionView;
use yew::prelude::*;

/// Props of [`PartitionLane`].
#[derive(Properties, PartialEq)]
pub struct PartitionLaneProps {
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
    /// Topic.
    pub topic: AttrValue,
    /// Partition number.
    pub partition: u32,
    /// Vertical centre.
    pub y: f64,
    /// The log.
    pub view: PartitionView,
    /// Committed offsets: (group index, group id, offset).
    pub committed: Vec<(usize, String, u64)>,
    /// Processed positions ahead of the commit: (group index, group id, one past the last offset processed).
    #[prop_or_default]
    pub processed: Vec<(usize, String, u64)>,
    /// Whether cells and commit markers carry a `<title>` tooltip (small topics; big ones skip the elements).
    pub tooltips: bool,
    /// Whether this lane is selected.
    pub selected: bool,
    /// Selected record offset in this lane, if any.
    pub selected_offset: Option<u64>,
    /// The user clicked the lane.
    pub on_select: Callback<(String, u32)>,
    /// The user clicked a record cell.
    pub on_select_record: Callback<(String, u32, u64)>,
    /// Whether the lane shows an older window of its log (`view.recent` then holds that window).
    #[prop_or_default]
    pub scrolled: bool,
    /// The user scrolled the lane: (topic, partition, show the records below this offset; `None` = newest).
    #[prop_or_default]
    pub on_scroll: Callback<(String, u32, Option<u64>)>,
}

/// A partition lane.
#[component]
pub fn PartitionLane(props: &PartitionLaneProps) -> Html {
    let i18n = props.i18n.clone();
    let p = props.partition;
    let top = props.y - LANE_H / 2.0 + 2.0;
    let h = LANE_H - 4.0;
    let first = props
        .view
        .recent
        .first()
        .map_or(props.view.log_end, |r| r.offset);
    // Records, not offsets: compaction leaves gaps, and only what remains in the log is older. A scrolled lane
    // knows only that its first shown offset is above log-start.
    let older = if props.scrolled {
        u64::from(first > props.view.log_start)
    } else {
        props
            .view
            .records
            .saturating_sub(props.view.recent.len() as u64)
    };
    let last = props.view.recent.last().map_or(first, |r| r.offset + 1);
    let scroll_to = |to: Option<u64>| {
        let (cb, t) = (props.on_scroll.clone(), props.topic.to_string());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit((t.clone(), p, to));
        })
    };
    // One window newer; back to the live lane once that reaches the log end.
    let newer = last + crate::layout::CELLS as u64;
    let newer = (newer < props.view.log_end).then_some(newer);
    let on_wheel = {
        let (cb, t, can_older, scrolled) = (
            props.on_scroll.clone(),
            props.topic.to_string(),
            older > 0,
            props.scrolled,
        );
        Callback::from(move |e: WheelEvent| {
            if e.delta_y() > 0.0 && can_older {
                cb.emit((t.clone(), p, Some(first)));
            } else if e.delta_y() < 0.0 && scrolled {
                cb.emit((t.clone(), p, newer));
            }
        })
    };
    let select = {
        let (cb, t) = (props.on_select.clone(), props.topic.to_string());
        Callback::from(move |_: MouseEvent| cb.emit((t.clone(), p)))
    };
    let select_key = {
        let (cb, t) = (props.on_select.clone(), props.topic.to_string());
        Callback::from(move |e: KeyboardEvent| {
            let activate = e.key() == "Enter" || e.key() == " "; // i18n-ok: key names
            if activate {
                e.prevent_default();
                cb.emit((t.clone(), p));
            }
        })
    };
    let label = i18n.tf(
        "picture.lane_aria",
        &[
            ("partition", &p),
            ("topic", &props.topic),
            ("start", &props.view.log_start),
            ("end", &props.view.log_end),
        ],
    );
    let cells = props.view.recent.iter().enumerate().map(|(i, r)| {
        let x = CELLS_X + i as f64 * CELL_W;
        let (cb, t, off) = (
            props.on_select_record.clone(),
            props.topic.to_string(),
            r.offset,
        );
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit((t.clone(), p, off));
        });
        // Literal class lists: `classes!` builds a set at run time and costs bundle bytes in a per-cell loop.
        let class = match (props.selected_offset == Some(r.offset), r.tombstone) {
            (false, false) => "cell",
            (true, false) => "cell selected", // i18n-ok: CSS classes
            (false, true) => "cell tombstone", // i18n-ok: CSS classes
            (true, true) => "cell selected tombstone", // i18n-ok: CSS classes
        };
        let key = r.key.as_deref().unwrap_or("null");
        // Unkeyed on purpose: when records arrive each slot keeps its elements and only its text and colour change,
        // instead of every cell being removed and re-created at the next refresh of a busy lane.
        html! {
            <g class={class} {onclick} data-testid="record-cell">
                if props.tooltips {
                    <title>{ i18n.tf(if r.tombstone { "picture.cell_tombstone" } else { "picture.cell" },
                        &[("offset", &r.offset), ("key", &key), ("producer", &r.producer)]) }</title>
                }
                <rect x={f1(x + 1.0)} y={f1(top)} width={f1(CELL_W - 2.0)}
                      height={f1(h)} rx="3" class={key_class(r.key.as_deref())} />
                <text x={f1(x + CELL_W / 2.0)} y={f1(props.y + 4.0)} class="cell-offset">
                    { short(r.offset) }
                </text>
            </g>
        }
    });
    // A scrolled lane draws only the commit markers inside its window.
    let markers = props.committed.iter().filter(|(_, _, c)| !props.scrolled || (first..=last).contains(c)).map(|(gi, g, c)| {
        let x = if *c < first { CELLS_X - 3.0 } else { CELLS_X + (c - first) as f64 * CELL_W };
        let y = props.y + LANE_H / 2.0 - 1.0;
        html! {
            <path class={format!("commit-marker g{}", gi % 6)} d={format!("M{} {} l-4 5 h8 z", f1(x), f1(y - 5.0))}>
                if props.tooltips {
                    <title>{ i18n.tf("picture.committed", &[("group", g), ("offset", c)]) }</title>
                }
            </path>
        }
    });
    let done = props
        .processed
        .iter()
        .filter(|(_, _, n)| !props.scrolled || (first..=last).contains(n))
        .map(|(gi, g, n)| {
            let x = if *n < first {
                CELLS_X - 3.0
            } else {
                CELLS_X + (n - first) as f64 * CELL_W
            };
            let committed = props.committed.iter().find(|c| c.0 == *gi).map(|c| c.2);
            html! {
                <path class={format!("processed-marker g{}", gi % 6)} data-testid="processed-marker"
                      d={format!("M{} {} l-4 -5 h8 z", f1(x), f1(top + 5.0))}>
                    if props.tooltips { <title>{ processed_title(&i18n, g, *n, committed) }</title> }
                </path>
            }
        });
    html! {
        <g class={if props.selected { "lane selected" } else { "lane" }} data-testid="partition-lane" onwheel={on_wheel}
           data-topic={props.topic.clone()} data-partition={p.to_string()} data-log-end={props.view.log_end.to_string()}
           data-scrolled={props.scrolled.then_some("true")}>
            <rect class="lane-bg" x={f1(LANE_X)} y={f1(top)} width={f1(LANE_END - LANE_X)}
                  height={f1(h)} rx="4" onclick={select.clone()} />
            <text class="lane-label" x={f1(LANE_X + 6.0)} y={f1(props.y + 4.0)} tabindex="0"
                  role="button" aria-label={label} onclick={select.clone()} onkeydown={select_key}>
                { format!("P{p}") }
            </text>
            if older > 0 {
                <text class="lane-older" x={f1(CELLS_X - 8.0)} y={f1(props.y + 4.0)} onclick={scroll_to(Some(first))}
                      data-testid="lane-older">
                    { titled(&i18n.t("picture.older_title"), &if props.scrolled { i18n.t("picture.back") } else { i18n.tf("picture.older", &[("count", &thousands(older))]) }) }
                </text>
            }
            if props.scrolled {
                <text class="lane-older lane-newer" x={f1(LANE_END + 4.0)} y={f1(props.y + 4.0)} onclick={scroll_to(newer)}
                      data-testid="lane-newer">
                    { titled(&i18n.t("picture.newer_title"), &i18n.t("picture.newer")) }
                </text>
            }
            { for cells }
            { for markers }
            { for done }
        </g>
    }
}

/// `<title>{title}</title>{text}`: an SVG element's tooltip and words, as escaped markup (see [`raw`]).
fn titled(title: &str, text: &str) -> Html {
    let mut out = String::new();
    wrap(&mut out, "<title>", title, "</title>");
    wrap(&mut out, "", text, "");
    raw(out)
}

/// Offsets grow long; a cell shows at most four digits (the full number is in the tooltip and inspector).
fn short(o: u64) -> String {
    if o < 10_000 {
        o.to_string()
    } else {
        format!("…{:03}", o % 1000)
    }
}

/// Whether a lane marks a group's processed position: only when the group processed past its committed offset
/// (or processed records and never committed), i.e. a crash now would make it process records again.
pub fn processed_ahead(committed: Option<u64>, processed: u64) -> bool {
    processed > committed.unwrap_or(0)
}

/// The tooltip of a processed-position marker (`processed` = one past the last offset processed).
fn processed_title(i18n: &I18n, group: &str, processed: u64, committed: Option<u64>) -> String {
    let last = processed.saturating_sub(1);
    match committed {
        Some(c) => i18n.tf(
            "picture.processed",
            &[
                ("group", &group),
                ("last", &last),
                ("count", &processed.saturating_sub(c)),
            ],
        ),
        None => i18n.tf(
            "picture.processed_none",
            &[("group", &group), ("last", &last)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_processed_position_shows_only_ahead_of_the_commit() {
        assert!(processed_ahead(Some(5), 8), "3 processed, not committed");
        assert!(
            !processed_ahead(Some(8), 8),
            "all committed: one marker is enough"
        );
        assert!(!processed_ahead(Some(9), 8), "commit ahead of processing");
        assert!(processed_ahead(None, 1), "processed, never committed");
        assert!(!processed_ahead(None, 0), "nothing processed");
    }

    #[test]
    fn the_processed_tooltip_counts_what_a_crash_would_process_again() {
        assert_eq!(
            processed_title(&I18n::english(), "billing", 8, Some(5)),
            "billing: processed up to offset 7; 3 of these not committed yet, so a crash now means processing them again"
        );
        assert!(
            processed_title(&I18n::english(), "billing", 8, None).contains("nothing committed yet")
        );
        crate::i18n::preload_korean(include_str!("../../i18n/ko.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let ko = I18n::loaded(crate::i18n::Lang::Ko).unwrap_or_else(|| unreachable!());
        assert_eq!(
            processed_title(&ko, "billing", 8, Some(5)),
            "billing: 오프셋 7까지 처리. 그중 3개는 아직 커밋하지 않아서 지금 크래시가 나면 다시 처리합니다"
        );
    }
}
