//! A big topic (more than [`HEAT_LIMIT`](crate::layout::heat::HEAT_LIMIT) partitions) drawn as a heatmap: one
//! cell per partition, coloured by one group's lag (`--describe`'s: log-end − committed, "never committed" apart)
//! or, when no group reads the topic, by the records produced per second. Pointing at or focusing a cell (the
//! cells are one tab stop; arrow keys, Home and End move) shows that partition's detailed lane on the row under
//! the grid, with its commit markers and one ownership line per group to the thread that owns it: the picture
//! ([`TopologySvg`](crate::components::topology_svg::TopologySvg)) draws that lane and those lines with its own
//! lanes and lines, at [`HeatPos::detail_y`].
//!
//! Ownership is shown for that one partition only: 64 lines per group cross into an unreadable fan, and
//! colouring cell borders by owning instance would be a second colour code on 16-px squares already coloured by
//! lag (and the six group colours cannot tell 24 threads apart). The thread labels list every partition a thread
//! owns.
//!
//! A plain function and one hook, not a component (each component type costs about 1 KB of wasm); its state is
//! two of the forms' shared index states, and one handler serves every event of the grid.

use crate::components::markup::{escaped, raw};
use crate::format::{class_pair, f1, thousands};
use crate::hooks::use_form_state::use_index;
use crate::i18n::I18n;
use crate::layout::heat::{
    bin, next_cell, rates, HeatPos, BIN_FLOOR, HEAT_BINS, HEAT_CELL, HEAT_COLS, HEAT_X,
};
use crate::layout::{Layout, LANE_X};
use crate::state::{Action, AppContext, Selection};
use kplay_core::sim::Snapshot;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use yew::prelude::*;

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

/// Per topic: the log-end offsets at a moment of virtual time, and the records per second measured over the
/// last second before it.
type Meters = Vec<(String, u64, Vec<u64>, Vec<u64>)>;

thread_local! {
    /// The produce-rate meters of the heatmaps no group reads (a thread-local rather than a hook's cell: no
    /// state type of its own in the bundle).
    static METERS: RefCell<Meters> = const { RefCell::new(Vec::new()) };
}

/// What the heatmaps keep between renders, held by the picture that draws them.
pub struct HeatUi {
    /// The layout lane (index + 1; 0 = none) pointed at or focused last: it stays shown, so the pointer can move
    /// down to its lane.
    active: UseStateHandle<usize>,
    /// Which of the groups reading a topic colours its cells (cycled by the head's button).
    pick: UseStateHandle<usize>,
}

/// The state [`heatmap`] needs; call it once in the component that draws the heatmaps.
#[hook]
pub fn use_heat() -> HeatUi {
    HeatUi {
        active: use_index(0),
        pick: use_index(0),
    }
}

impl HeatUi {
    /// The partition of `h`'s topic whose lane is shown: the one pointed at or focused last, else the selected
    /// one (`selected`, a partition of this topic).
    pub fn shown(&self, layout: &Layout, h: &HeatPos, selected: Option<u32>) -> Option<u32> {
        (layout.lanes.get(self.active.wrapping_sub(1)))
            .filter(|l| l.topic == h.topic)
            .map(|l| l.partition)
            .or(selected)
            .filter(|p| *p < h.partitions)
    }
}

/// The records per second of `topic`'s partitions, measured over at least a second of virtual time, into
/// `values` (0 until a second was measured).
fn meter_rates(
    meters: &mut Meters,
    topic: &str,
    now: u64,
    ends: Vec<u64>,
    values: &mut [Option<u64>],
) {
    let i = match meters.iter().position(|m| m.0 == topic) {
        Some(i) => i,
        None => {
            meters.push((topic.to_string(), now, Vec::new(), Vec::new()));
            meters.len() - 1
        }
    };
    let m = &mut meters[i];
    if now < m.1 || m.2.len() != ends.len() {
        (m.1, m.2, m.3) = (now, ends, Vec::new());
    } else if now >= m.1 + 1000 {
        m.3 = rates(&m.2, &ends, now - m.1);
        (m.1, m.2) = (now, ends);
    }
    for (p, v) in values.iter_mut().enumerate() {
        *v = Some(m.3.get(p).copied().unwrap_or(0));
    }
}

/// The heatmap of a big topic: `shown` is the partition whose lane the picture draws under it, `selected` the
/// selected partition of this topic.
pub fn heatmap(
    h: &HeatPos,
    snap: &Snapshot,
    layout: &Layout,
    ui: &HeatUi,
    (ctx, i18n): (&AppContext, &I18n),
    (shown, selected): (Option<u32>, Option<u32>),
) -> Html {
    let topic = h.topic.as_str();
    let n = h.partitions;
    // The groups reading the topic (counted, then the picked one found: no list built).
    let reads = |gi: &usize| snap.groups[*gi].partitions.iter().any(|p| p.topic == topic);
    let readers = (0..snap.groups.len()).filter(reads).count();
    let group = (0..snap.groups.len())
        .filter(reads)
        .nth(*ui.pick % readers.max(1));

    // Values: the group's lag (None = never committed), or records/s over the last second of virtual time.
    let mut values: Vec<Option<u64>> = vec![None; n as usize];
    match group {
        Some(gi) => {
            for pl in snap.groups[gi].partitions.iter() {
                if let Some(slot) = values
                    .get_mut(pl.partition as usize)
                    .filter(|_| pl.topic == topic)
                {
                    *slot = pl.lag;
                }
            }
        }
        None => {
            let ends = (snap.topics.iter().find(|t| t.name == topic))
                .map(|t| t.partitions.iter().map(|p| p.log_end).collect())
                .unwrap_or_default();
            METERS
                .with(|m| meter_rates(&mut m.borrow_mut(), topic, snap.now_ms, ends, &mut values));
        }
    }

    let tab = shown.unwrap_or(0);
    let cells = values.iter().enumerate().map(|(p, v)| {
        let p = p as u32;
        let (x, y) = h.cell(p);
        let b = v.map_or(HEAT_BINS, bin);
        let sel = if selected == Some(p) { "selected" } else { "" }; // i18n-ok: a CSS class
        let key = match (group, v) {
            (Some(_), Some(_)) => "heat.cell.lag",
            (Some(_), None) => "heat.cell.no_commit",
            (None, _) => "heat.cell.rate",
        };
        let label = i18n.tf(key, &[("p", &p), ("n", &thousands(v.unwrap_or(0)))]);
        html! {
            <rect class={class_pair(CELL_CLASS[b], sel)} x={f1(x + 1.0)} y={f1(y + 1.0)} width="16" height="16"
                  rx="2" data-testid="heat-cell" data-partition={p.to_string()} role="button" aria-label={label}
                  tabindex={if p == tab { "0" } else { "-1" }} />
        }
    });

    // What only reads (the group's colour chip, the row labels, the colour scale, the hint): one string of
    // markup with catalogue texts and numbers only, so one node for Yew instead of some thirty.
    let mut deco = String::new();
    if let Some(gi) = group {
        deco += "<g class=\"g";
        deco += &HUES[gi % 6..gi % 6 + 1];
        deco += "\">";
        rect(
            &mut deco,
            "group-chip",
            LANE_X + 4.0,
            h.head_y - 9.0,
            "6\" height=\"10",
        );
        deco += "</g>";
    }
    for from in (0..n).step_by(HEAT_COLS) {
        let to = (from + HEAT_COLS as u32).min(n) - 1;
        let label = i18n.tf("heat.rows", &[("from", &from), ("to", &to)]);
        text(
            &mut deco,
            "heat-row",
            LANE_X + 4.0,
            h.cell(from).1 + 13.0,
            &label,
        );
    }
    deco += "<g class=\"heat-scale\" aria-hidden=\"true\">"; // i18n-ok: SVG markup
    for b in (0..=HEAT_BINS).filter(|b| *b < HEAT_BINS || group.is_some()) {
        let x = LANE_X + 4.0 + b as f64 * 44.0;
        rect(
            &mut deco,
            CELL_CLASS[b],
            x,
            h.scale_y - 5.0,
            "10\" height=\"10",
        );
        let label = BIN_FLOOR
            .get(b)
            .map_or_else(|| i18n.t("heat.scale.none"), |t| t.to_string());
        text(&mut deco, "", x + 12.0, h.scale_y + 4.0, &label);
    }
    deco += "</g>";
    if shown.is_none() {
        let hint = i18n.t("heat.hint");
        text(
            &mut deco,
            "heat-hint\" data-testid=\"heat-hint", // i18n-ok: SVG markup
            LANE_X + 6.0,
            h.detail_y + 4.0,
            &hint,
        );
    }

    // One handler for every event of the heatmap (events are delegated to its group): the cell is read from
    // the target's data-partition, the head's "next group" from its data-next.
    let base = (layout.lanes.iter())
        .position(|l| l.topic == topic)
        .unwrap_or(0);
    let on = {
        let (ctx, active, pick, t) = (
            ctx.clone(),
            ui.active.clone(),
            ui.pick.clone(),
            h.topic.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let cell = el
                .get_attribute("data-partition")
                .and_then(|p| p.parse::<u32>().ok());
            let next = el.get_attribute("data-next").is_some();
            let kind = e.type_();
            let key = (kind == "keydown").then(|| e.unchecked_ref::<KeyboardEvent>().key());
            let activate = match key.as_deref() {
                None => kind == "click",
                Some(k) => k == "Enter" || k == " ", // i18n-ok: key names
            };
            match (cell, key) {
                (_, _) if next && activate => pick.set(*pick + 1),
                (Some(partition), _) if activate => {
                    let topic = t.clone();
                    ctx.dispatch(Action::Select(Selection::Partition { topic, partition }))
                }
                (Some(p), None) => {
                    if *active != base + p as usize + 1 {
                        active.set(base + p as usize + 1);
                    }
                    return;
                }
                (Some(p), Some(k)) => match next_cell(p, &k, n) {
                    Some(to) => {
                        active.set(base + to as usize + 1);
                        focus_cell(&el, to);
                    }
                    None if k.starts_with("Arrow") => {} // i18n-ok: a key name prefix
                    None => return,
                },
                _ => return,
            }
            // Arrows, Enter and Space here act on the heatmap; they must not also step or pause the simulation.
            e.prevent_default();
            e.stop_propagation();
        })
    };

    // The head: what the colour means, and the next group when several read the topic.
    let head = match group {
        Some(gi) => i18n.tf("heat.head.lag", &[("group", &snap.groups[gi].id)]),
        None => i18n.t("heat.head.rate"),
    };
    let next = (readers > 1).then(|| {
        html! {
            <text class="heat-next" x={f1(HEAT_X + HEAT_COLS as f64 * HEAT_CELL)} y={f1(h.head_y)} text-anchor="end"
                  role="button" tabindex="0" data-testid="heat-next-group" data-next="">
                { i18n.t("heat.next_group") }
            </text>
        }
    });
    // Keyed apart from the lanes' "topic-partition" keys ('#' is in no Kafka topic name).
    html! {
        <g key={String::from(topic) + "#"} class="heatmap heat-grid" data-testid="heatmap" data-topic={topic.to_string()}
           data-colour={if group.is_some() { "lag" } else { "rate" }} role="group"
           aria-label={i18n.tf("heat.grid", &[("topic", &topic)])}
           onmouseover={on.reform(Event::from)} onfocusin={on.reform(Event::from)}
           onclick={on.reform(Event::from)} onkeydown={on.reform(Event::from)}>
            { raw(String::from("<text class=\"heat-head\" x=\"") + &f1(LANE_X + 14.0) + "\" y=\"" + &f1(h.head_y) + "\">" + &escaped(&head) + "</text>") }
            { for next }
            { Html::from_html_unchecked(deco.into()) }
            { for cells }
        </g>
    }
}

/// The group hues' class digits (`g0`..`g5`), sliced rather than formatted.
const HUES: &str = "012345";

/// Appends `<rect class="{class}" x y width="{size}" rx="2"/>` (`size` may carry more attributes).
fn rect(out: &mut String, class: &str, x: f64, y: f64, size: &str) {
    *out += "<rect class=\""; // i18n-ok: SVG markup
    *out += class;
    *out += "\" x=\"";
    *out += &f1(x);
    *out += "\" y=\"";
    *out += &f1(y);
    *out += "\" rx=\"2\" width=\"";
    *out += size;
    *out += "\"/>";
}

/// Appends `<text class="{class}" x y>{body}</text>` (`class` may carry more attributes; `body` is catalogue
/// text or a number, never user input).
fn text(out: &mut String, class: &str, x: f64, y: f64, body: &str) {
    *out += "<text class=\""; // i18n-ok: SVG markup
    *out += class;
    *out += "\" x=\"";
    *out += &f1(x);
    *out += "\" y=\"";
    *out += &f1(y);
    *out += "\">";
    *out += body;
    *out += "</text>";
}

/// Moves the keyboard focus to cell `p`, a sibling of the cell `el`.
fn focus_cell(el: &web_sys::Element, p: u32) {
    let cell = el.closest(".heatmap").ok().flatten().and_then(|g| {
        g.query_selector(&format!("[data-partition=\"{p}\"]"))
            .ok()
            .flatten()
    });
    if let Some(cell) = cell {
        // SVG elements have focus() too; web-sys calls it by name.
        let _ = cell.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}
