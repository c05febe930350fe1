//! A big topic (more than [`HEAT_LIMIT`](crate::layout::heat::HEAT_LIMIT) partitions) drawn as a heatmap: one
//! cell per partition, coloured by one group's lag (`--describe`'s: log-end − committed, "never committed" apart)
//! or, when no group reads the topic, by the records produced per second. Pointing at or focusing a cell (the
//! cells are one tab stop; arrow keys, Home and End move) shows that partition's detailed
//! [`PartitionLane`] on the row under the grid, with its commit markers and one ownership line per group to
//! the thread that owns it.
//!
//! Ownership is shown for that one partition only: 64 lines per group cross into an unreadable fan, and
//! colouring cell borders by owning instance would be a second colour code on 16-px squares already coloured by
//! lag (and the six group colours cannot tell 24 threads apart). The thread labels list every partition a thread
//! owns.

use crate::components::ownership_lines::OwnershipLines;
use crate::components::partition_lane::{processed_ahead, PartitionLane};
use crate::format::{f1, thousands};
use crate::hooks::use_simulation::Shared;
use crate::i18n::{use_i18n, I18n};
use crate::layout::heat::{
    bin, next_cell, rates, HeatPos, BIN_FLOOR, HEAT_BINS, HEAT_CELL, HEAT_COLS, HEAT_X,
};
use crate::layout::{Layout, LANE_X};
use crate::trace::OffsetMap;
use kplay_core::sim::{RecordView, Snapshot};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`PartitionHeatmap`].
#[derive(Properties, PartialEq)]
pub struct PartitionHeatmapProps {
    /// Where it sits.
    pub heat: HeatPos,
    /// The snapshot drawn.
    pub snap: Shared<Snapshot>,
    /// The picture's layout (thread slots, for the ownership lines).
    pub layout: Shared<Layout>,
    /// Per (group, topic, partition): one past the highest offset processed.
    pub processed: Shared<OffsetMap>,
    /// Records of a partition below an offset, for the detailed lane scrolled back.
    pub fetch: Callback<(String, u32, u64), Vec<RecordView>>,
    /// The selected partition of this topic, if any.
    pub selected: Option<u32>,
    /// The selected record's offset in that partition, if any.
    pub selected_offset: Option<u64>,
    /// The user clicked a cell or the detailed lane.
    pub on_select: Callback<(String, u32)>,
    /// The user clicked a record in the detailed lane.
    pub on_select_record: Callback<(String, u32, u64)>,
}

/// A cell's classes by colour bin; the last is "never committed".
const CELL_CLASS: [&str; HEAT_BINS + 1] = [
    "heat-cell h0", // i18n-ok: a CSS class
    "heat-cell h1", // i18n-ok: a CSS class
    "heat-cell h2", // i18n-ok: a CSS class
    "heat-cell h3", // i18n-ok: a CSS class
    "heat-cell h4", // i18n-ok: a CSS class
    "heat-cell h5", // i18n-ok: a CSS class
    "heat-cell hn", // i18n-ok: a CSS class
];

/// Log-end offsets at a moment of virtual time, and the rates measured over the last second before it.
#[derive(Default)]
struct RateMeter {
    at_ms: u64,
    log_ends: Vec<u64>,
    per_s: Vec<u64>,
}

/// What the heatmaps keep between renders.
#[derive(Clone, Default, PartialEq)]
struct HeatUi {
    /// The partition pointed at or focused last; it stays shown, so the pointer can move down to its lane.
    active: Option<(String, u32)>,
    /// Which of the groups reading a topic colours its cells (cycled by the head's button).
    pick: usize,
    /// The detailed lane scrolled back: (topic, partition, first offset not shown).
    back: Option<(String, u32, u64)>,
}

/// The heatmaps' state, kept by the component that draws them: a heatmap is a plain function, so it costs no
/// component of its own in the bundle.
pub struct HeatState {
    i18n: I18n,
    ui: UseStateHandle<HeatUi>,
    meters: Rc<RefCell<Vec<(String, RateMeter)>>>,
}

/// The state [`heatmap`] needs; call it once in the component that draws the heatmaps.
#[hook]
pub fn use_heatmaps() -> HeatState {
    HeatState {
        i18n: use_i18n(),
        ui: use_state_eq(HeatUi::default),
        meters: use_mut_ref(Vec::new),
    }
}

/// One heatmap on its own (the component tests mount it; the picture calls [`heatmap`] directly).
#[component]
pub fn PartitionHeatmap(props: &PartitionHeatmapProps) -> Html {
    let state = use_heatmaps();
    heatmap(props, &state)
}

/// The records per second of `topic`'s partitions, measured over at least a second of virtual time.
fn meter_rates(
    meters: &mut Vec<(String, RateMeter)>,
    topic: &str,
    now: u64,
    ends: Vec<u64>,
) -> Vec<u64> {
    let i = match meters.iter().position(|(t, _)| t == topic) {
        Some(i) => i,
        None => {
            meters.push((topic.to_string(), RateMeter::default()));
            meters.len() - 1
        }
    };
    let m = &mut meters[i].1;
    if now < m.at_ms || m.log_ends.len() != ends.len() {
        *m = RateMeter {
            at_ms: now,
            log_ends: ends,
            per_s: Vec::new(),
        };
    } else if now >= m.at_ms + 1000 {
        m.per_s = rates(&m.log_ends, &ends, now - m.at_ms);
        (m.at_ms, m.log_ends) = (now, ends);
    }
    m.per_s.clone()
}

/// The heatmap of a big topic.
pub fn heatmap(props: &PartitionHeatmapProps, s: &HeatState) -> Html {
    let (i18n, ui) = (&s.i18n, &s.ui);
    let (snap, h) = (&*props.snap, &props.heat);
    let topic = h.topic.as_str();
    let Some(view) = snap.topics.iter().find(|t| t.name == topic) else {
        return html! {};
    };
    let n = view.partitions.len() as u32;
    let readers: Vec<usize> = (0..snap.groups.len())
        .filter(|gi| snap.groups[*gi].partitions.iter().any(|p| p.topic == topic))
        .collect();
    let group = readers.get(ui.pick % readers.len().max(1)).copied();

    // Values: the group's lag (None = never committed), or records/s over the last second of virtual time.
    let values: Vec<Option<u64>> = match group {
        Some(gi) => {
            let mut v = vec![None; n as usize];
            for pl in snap.groups[gi]
                .partitions
                .iter()
                .filter(|p| p.topic == topic)
            {
                if let Some(slot) = v.get_mut(pl.partition as usize) {
                    *slot = pl.lag;
                }
            }
            v
        }
        None => {
            let ends = view.partitions.iter().map(|p| p.log_end).collect();
            let per_s = meter_rates(&mut s.meters.borrow_mut(), topic, snap.now_ms, ends);
            (0..n as usize)
                .map(|p| Some(per_s.get(p).copied().unwrap_or(0)))
                .collect()
        }
    };

    let shown = (ui.active.as_ref())
        .filter(|a| a.0 == topic)
        .map(|a| a.1)
        .or(props.selected)
        .filter(|p| *p < n);
    let tab = shown.unwrap_or(0);
    let cells = values.iter().enumerate().map(|(p, v)| {
        let p = p as u32;
        let (x, y) = h.cell(p);
        let b = v.map_or(HEAT_BINS, bin);
        let class: AttrValue = if props.selected == Some(p) {
            format!("{} selected", CELL_CLASS[b]).into()
        } else {
            AttrValue::Static(CELL_CLASS[b])
        };
        let label = match (group, v) {
            (Some(_), Some(lag)) => i18n.tf("heat.cell.lag", &[("p", &p), ("lag", &thousands(*lag))]),
            (Some(_), None) => i18n.tf("heat.cell.no_commit", &[("p", &p)]),
            (None, v) => i18n.tf("heat.cell.rate", &[("p", &p), ("rate", &thousands(v.unwrap_or(0)))]),
        };
        html! {
            <rect {class} x={f1(x + 1.0)} y={f1(y + 1.0)} width={f1(HEAT_CELL - 2.0)} height={f1(HEAT_CELL - 2.0)}
                  rx="2" data-testid="heat-cell" data-partition={p.to_string()} role="button" aria-label={label}
                  tabindex={if p == tab { "0" } else { "-1" }} />
        }
    });
    let rows = (0..n).step_by(HEAT_COLS).map(|from| {
        let to = (from + HEAT_COLS as u32).min(n) - 1;
        let (_, y) = h.cell(from);
        html! {
            <text class="heat-row" x={f1(LANE_X + 4.0)} y={f1(y + 13.0)}>
                { i18n.tf("heat.rows", &[("from", &from), ("to", &to)]) }
            </text>
        }
    });

    // Events are delegated to the grid: the cell is read from the target's data-partition.
    let show = {
        let (ui, t) = (ui.clone(), topic.to_string());
        Callback::from(move |e: Event| {
            if let Some(p) = cell_of(&e) {
                let active = Some((t.clone(), p));
                ui.set(HeatUi {
                    active,
                    ..(*ui).clone()
                });
            }
        })
    };
    let on_click = {
        let (cb, t) = (props.on_select.clone(), topic.to_string());
        Callback::from(move |e: MouseEvent| {
            if let Some(p) = cell_of(&e) {
                cb.emit((t.clone(), p));
            }
        })
    };
    let on_key = {
        let (cb, t, ui) = (props.on_select.clone(), topic.to_string(), ui.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(p) = cell_of(&e) else { return };
            let key = e.key();
            let (activate, arrow) = (key == "Enter" || key == " ", key.starts_with("Arrow")); // i18n-ok: key names
            if activate {
                cb.emit((t.clone(), p));
            } else if let Some(to) = next_cell(p, &key, n) {
                let active = Some((t.clone(), to));
                ui.set(HeatUi {
                    active,
                    ..(*ui).clone()
                });
                focus_cell(&e, to);
            } else if !arrow {
                return;
            }
            // Arrows and Space here move between cells; they must not also step or pause the simulation.
            e.prevent_default();
            e.stop_propagation();
        })
    };

    // The head: what the colour means, and the next group when several read the topic.
    let head = match group {
        Some(gi) => i18n.tf("heat.head.lag", &[("group", &snap.groups[gi].id)]),
        None => i18n.t("heat.head.rate"),
    };
    let next = (readers.len() > 1).then(|| {
        let next = {
            let ui = ui.clone();
            Callback::from(move |()| ui.set(HeatUi { pick: ui.pick + 1, ..(*ui).clone() }))
        };
        let onclick = next.reform(|_: MouseEvent| ());
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " { // i18n-ok: key names
                e.prevent_default();
                e.stop_propagation();
                next.emit(());
            }
        });
        html! {
            <text class="heat-next" x={f1(HEAT_X + HEAT_COLS as f64 * HEAT_CELL)} y={f1(h.head_y)} text-anchor="end"
                  role="button" tabindex="0" data-testid="heat-next-group" {onclick} {onkeydown}>
                { i18n.t("heat.next_group") }
            </text>
        }
    });
    let chip = group.map(|gi| {
        html! {
            <g class={format!("g{}", gi % 6)}>
                <rect class="group-chip" x={f1(LANE_X + 4.0)} y={f1(h.head_y - 9.0)} width="6" height="10" rx="1" />
            </g>
        }
    });
    let scale = (0..=HEAT_BINS).filter(|b| *b < HEAT_BINS || group.is_some()).map(|b| {
        let x = LANE_X + 4.0 + b as f64 * 44.0;
        let text = BIN_FLOOR.get(b).map_or_else(|| i18n.t("heat.scale.none"), |t| t.to_string());
        html! {
            <g class="heat-key">
                <rect class={CELL_CLASS[b]} x={f1(x)} y={f1(h.scale_y - 5.0)} width="10" height="10" rx="2" />
                <text x={f1(x + 12.0)} y={f1(h.scale_y + 4.0)}>{ text }</text>
            </g>
        }
    });

    let detail = match shown {
        Some(p) => detail_lane(props, p, ui, &h.detail_y),
        None => html! {
            <text class="heat-hint" x={f1(LANE_X + 6.0)} y={f1(h.detail_y + 4.0)} data-testid="heat-hint">
                { i18n.t("heat.hint") }
            </text>
        },
    };
    html! {
        <g key={h.topic.clone()} class="heatmap" data-testid="heatmap" data-topic={h.topic.clone()}
           data-colour={if group.is_some() { "lag" } else { "rate" }}>
            { for chip }
            <text class="heat-head" x={f1(LANE_X + 14.0)} y={f1(h.head_y)}>{ head }</text>
            { for next }
            { for rows }
            <g class="heat-grid" role="group" aria-label={i18n.tf("heat.grid", &[("topic", &topic)])}
               onmouseover={show.reform(|e: MouseEvent| e.into())} onfocusin={show.reform(|e: FocusEvent| e.into())}
               onclick={on_click} onkeydown={on_key}>
                { for cells }
            </g>
            <g class="heat-scale" aria-hidden="true">{ for scale }</g>
            { detail }
        </g>
    }
}

/// The detailed lane of partition `p` on the row under the grid, with a line to each group's owning thread.
fn detail_lane(
    props: &PartitionHeatmapProps,
    p: u32,
    ui: &UseStateHandle<HeatUi>,
    y: &f64,
) -> Html {
    let (snap, topic) = (&*props.snap, props.heat.topic.as_str());
    let Some(mut view) = snap
        .topics
        .iter()
        .find(|t| t.name == topic)
        .and_then(|t| t.partitions.get(p as usize))
        .cloned()
    else {
        return html! {};
    };
    let before = (ui.back.as_ref())
        .filter(|b| b.1 == p && b.0 == topic)
        .map(|b| b.2);
    if let Some(before) = before {
        view.recent = props.fetch.emit((topic.to_string(), p, before));
    }
    let (mut committed, mut processed, mut lines) = (Vec::new(), Vec::new(), Vec::new());
    for (gi, g) in snap.groups.iter().enumerate() {
        let c = g
            .partitions
            .iter()
            .find(|l| l.partition == p && l.topic == topic)
            .and_then(|l| l.committed);
        if let Some(c) = c {
            committed.push((gi, g.id.clone(), c));
        }
        let key = (g.id.clone(), topic.to_string(), p);
        if let Some(n) = props
            .processed
            .get(&key)
            .filter(|n| processed_ahead(c, **n))
        {
            processed.push((gi, g.id.clone(), *n));
        }
        let owner = g
            .members
            .iter()
            .find(|m| m.partitions.iter().any(|(t, q)| *q == p && t == topic));
        if let Some(slot) = owner.and_then(|m| props.layout.thread(&m.instance, m.thread)) {
            lines.push((gi, *y, slot.y));
        }
    }
    let on_scroll = {
        let ui = ui.clone();
        Callback::from(move |(t, p, to): (String, u32, Option<u64>)| {
            let back = to.map(|b| (t, p, b));
            ui.set(HeatUi {
                back,
                ..(*ui).clone()
            })
        })
    };
    let selected = props.selected == Some(p);
    html! {
        <g data-testid="heat-detail" data-partition={p.to_string()}>
            <OwnershipLines {lines} />
            <PartitionLane topic={props.heat.topic.clone()} partition={p} y={*y} {view} {committed} {processed}
                tooltips={true} {selected} selected_offset={if selected { props.selected_offset } else { None }}
                on_select={props.on_select.clone()} on_select_record={props.on_select_record.clone()}
                scrolled={before.is_some()} {on_scroll} />
        </g>
    }
}

/// The partition of the heatmap cell an event happened on.
fn cell_of(e: &Event) -> Option<u32> {
    let el: web_sys::Element = e.target()?.dyn_into().ok()?;
    el.get_attribute("data-partition")?.parse().ok()
}

/// Moves the keyboard focus to cell `p`, a sibling of the event's target.
fn focus_cell(e: &Event, p: u32) {
    let cell = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.parent_element())
        .and_then(|g| {
            g.query_selector(&format!("[data-partition=\"{p}\"]"))
                .ok()
                .flatten()
        });
    if let Some(cell) = cell {
        // SVG elements have focus() too; web-sys calls it by name.
        let _ = cell.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}
