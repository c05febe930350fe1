//! The topology picture without the moving records: producers → partition lanes → groups → instances → threads,
//! with ownership lines. It renders only when its snapshot or layout is replaced (every frame for small
//! scenarios, at the slow tick for busy ones) or the selection changes; records in flight are drawn on top by
//! [`use_topology`](crate::components::topology::use_topology).

use crate::components::key_patterns::key_pattern_defs;
use crate::components::markup::{raw, wrap};
use crate::components::ownership_lines::ownership_lines;
use crate::components::partition_heatmap::{heatmap, use_heat};
use crate::components::partition_lane::{processed_ahead, PartitionLane};
use crate::components::thread_dot::ThreadDot;
use crate::format::f1;
use crate::format::{status_label, status_text};
use crate::hooks::use_simulation::Shared;
use crate::i18n::I18n;
use crate::layout::{Layout, GROUP_X, LANE_X, PROD_W, PROD_X, WIDTH};
use crate::state::{Action, AppContext, Selection};
use crate::trace::OffsetMap;
use kplay_core::sim::{GroupState, InstanceStatus, RecordView, Snapshot};
use yew::prelude::*;

/// Topics with more partitions than this drop the per-cell tooltip (an element per cell); the lane keeps its
/// accessible name and a click still opens the record in the inspector.
const TOOLTIP_LANES: usize = 16;

/// The group hues' class digits (`g0`..`g5`), sliced rather than formatted (`format!` costs per call site).
const HUES: &str = "012345";

/// A lane's committed offsets: (group index, group id, offset).
type Committed = Vec<(usize, String, u64)>;

/// Props of [`TopologySvg`].
#[derive(Properties, PartialEq)]
pub struct TopologySvgProps {
    /// The snapshot drawn.
    pub snap: Shared<Snapshot>,
    /// Where everything sits, laid out from `snap`.
    pub layout: Shared<Layout>,
    /// The snapshot of the last slow tick, which the side panel shows: group heads take state and generation
    /// from it, so the picture and the panel never name two different group states.
    pub heads: Shared<Snapshot>,
    /// Records of a partition below an offset (the newest [`crate::layout::CELLS`] of them), for a lane
    /// scrolled back to older records.
    pub fetch: Callback<(String, u32, u64), Vec<RecordView>>,
    /// Per (group, topic, partition): one past the highest offset processed, read from the trace when `snap`
    /// was taken.
    pub processed: Shared<OffsetMap>,
    /// The app's state (passed down rather than through a context provider: one component type less).
    pub ctx: AppContext,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
}

/// The topology SVG.
#[component]
pub fn TopologySvg(props: &TopologySvgProps) -> Html {
    let i18n = props.i18n.clone();
    let ctx = props.ctx.clone();
    // Stable callbacks, so lanes whose data did not change compare equal and skip rendering.
    let on_select = use_callback(ctx.clone(), |(topic, partition), ctx| {
        ctx.dispatch(Action::Select(Selection::Partition { topic, partition }))
    });
    let on_select_record = use_callback(ctx.clone(), |(topic, partition, offset), ctx| {
        ctx.dispatch(Action::Select(Selection::Record {
            topic,
            partition,
            offset,
        }))
    });
    // Lanes scrolled back: (topic, partition, first offset not shown).
    let back = use_state_eq(Vec::<(String, u32, u64)>::new);
    let on_scroll = use_callback(
        back.clone(),
        |(topic, partition, to): (String, u32, Option<u64>), back| {
            let mut v: Vec<(String, u32, u64)> = (**back).clone();
            v.retain(|(t, p, _)| !(*t == topic && *p == partition));
            if let Some(b) = to {
                v.push((topic, partition, b));
            }
            back.set(v);
        },
    );
    let heat = use_heat();
    let snap = &*props.snap;
    let layout = &*props.layout;
    let (sel_lane, sel_record) = match &ctx.selection {
        Selection::Partition { topic, partition } => (Some((topic.clone(), *partition)), None),
        Selection::Record {
            topic,
            partition,
            offset,
        } => (Some((topic.clone(), *partition)), Some(*offset)),
        Selection::None => (None, None),
    };

    // The topic titles only read (no listener, no lesson highlight): one string of markup, escaped (see
    // [`raw`]).
    let mut marks = String::new();
    for (name, y) in &layout.topics {
        let title = i18n.tf("picture.topic", &[("name", name)]);
        wrap(
            &mut marks,
            "<text class=\"topic-title\" x=\"",
            &f1(LANE_X),
            "\" y=\"",
        );
        wrap(&mut marks, "", &f1(*y), "\">");
        wrap(&mut marks, "", &title, "</text>");
    }
    // A producer's box and name are markup that changes only with the layout; its "sent" count changes every
    // frame, so it is a string of its own: the box under the pointer (and its tooltip) is not rebuilt.
    let producer_title = i18n.t("picture.producer_title");
    let mut producers = Vec::new();
    for (id, y) in &layout.producers {
        let Some(p) = snap.producers.iter().find(|p| &p.id == id) else {
            continue;
        };
        let class = if p.paused {
            "producer paused" // i18n-ok: CSS class
        } else {
            "producer" // i18n-ok: CSS class
        };
        let mut frame = String::new();
        wrap(&mut frame, "<title>", &producer_title, "</title><rect x=\"");
        wrap(&mut frame, "", &f1(PROD_X), "\" y=\"");
        wrap(&mut frame, "", &f1(y - 18.0), "\" width=\"");
        wrap(
            &mut frame,
            "",
            &f1(PROD_W),
            "\" height=\"36\" rx=\"6\"/><text x=\"",
        );
        wrap(&mut frame, "", &f1(PROD_X + 8.0), "\" y=\"");
        wrap(&mut frame, "", &f1(y - 3.0), "\" class=\"node-title\">");
        wrap(&mut frame, "", &p.id, "</text>");
        let mut count = String::new();
        wrap(&mut count, "<text x=\"", &f1(PROD_X + 8.0), "\" y=\"");
        wrap(&mut count, "", &f1(y + 12.0), "\" class=\"node-sub\">");
        let sub = i18n.tf(
            "picture.producer_sub",
            &[("rate", &p.rate_per_s), ("sent", &p.produced)],
        );
        wrap(&mut count, "", &sub, "</text>");
        producers.push(html! {
            <g {class} data-testid="producer">{ raw(frame) }{ raw(count) }</g>
        });
    }
    // Committed offsets per lane (in layout order), gathered in one pass over the groups.
    // Built empty one by one, not `vec![v; n]` (which clones through code of its own in the bundle).
    let mut committed: Vec<Committed> = layout.lanes.iter().map(|_| Vec::new()).collect();
    for (gi, g) in snap.groups.iter().enumerate() {
        for pl in &g.partitions {
            let lane = layout.lane_index(&pl.topic, pl.partition);
            if let (Some(i), Some(c)) = (lane, pl.committed) {
                committed[i].push((gi, g.id.clone(), c));
            }
        }
    }
    // Processed positions ahead of the commit, per lane.
    let mut processed: Vec<Committed> = layout.lanes.iter().map(|_| Vec::new()).collect();
    for ((gid, t, p), n) in props.processed.iter() {
        let gi = snap.groups.iter().position(|g| &g.id == gid);
        let lane = layout.lane_index(t, *p);
        if let (Some(gi), Some(i)) = (gi, lane) {
            let c = committed[i].iter().find(|c| c.0 == gi).map(|c| c.2);
            if processed_ahead(c, *n) {
                processed[i].push((gi, gid.clone(), *n));
            }
        }
    }
    // A heatmap topic's partition whose detailed lane is shown (drawn under its grid, with its ownership lines).
    let sel_in = |topic: &str| sel_lane.as_ref().filter(|s| s.0 == topic).map(|s| s.1);
    let mut shown: Vec<(&str, u32, f64)> = Vec::new();
    for h in &layout.heatmaps {
        if let Some(p) = heat.shown(layout, h, sel_in(&h.topic)) {
            shown.push((h.topic.as_str(), p, h.detail_y));
        }
    }
    let detail_y = |t: &str, p: u32| shown.iter().find(|s| s.0 == t && s.1 == p).map(|s| s.2);
    let mut lanes = Vec::with_capacity(layout.lanes.len());
    for t in &snap.topics {
        let tooltips = t.partitions.len() <= TOOLTIP_LANES;
        let heat_pos = layout.heatmap(&t.name);
        for (p, view) in t.partitions.iter().enumerate() {
            let p = p as u32;
            let Some(i) = layout.lane_index(&t.name, p) else {
                continue;
            };
            let mut y = layout.lanes[i].y;
            if heat_pos.is_some() {
                match detail_y(&t.name, p) {
                    Some(d) => y = d,
                    None => continue,
                }
            }
            let committed = std::mem::take(&mut committed[i]);
            let processed = std::mem::take(&mut processed[i]);
            let selected = sel_lane
                .as_ref()
                .is_some_and(|(st, sp)| st == &t.name && *sp == p);
            let before = back
                .iter()
                .find(|(bt, bp, _)| *bt == t.name && *bp == p)
                .map(|b| b.2);
            let mut view = view.clone();
            if let Some(before) = before {
                view.recent = props.fetch.emit((t.name.clone(), p, before));
            }
            let key = format!("{}-{p}", t.name);
            let lane = html! {
                <PartitionLane i18n={i18n.clone()} key={key.clone()} topic={t.name.clone()} partition={p} {y}
                    {view} {committed} {processed} {selected} selected_offset={if selected { sel_record } else { None }}
                    tooltips={tooltips || heat_pos.is_some()} on_select={on_select.clone()} on_select_record={on_select_record.clone()}
                    scrolled={before.is_some()} on_scroll={on_scroll.clone()} />
            };
            lanes.push(if heat_pos.is_some() {
                html! { <g {key} data-testid="heat-detail" data-partition={p.to_string()}>{ lane }</g> }
            } else {
                lane
            });
        }
        if let Some(h) = heat_pos {
            let on = shown.iter().find(|s| s.0 == t.name).map(|s| s.1);
            lanes.push(heatmap(
                h,
                snap,
                layout,
                &heat,
                (&ctx, &i18n),
                (on, sel_in(&t.name)),
            ));
        }
    }
    // Ownership: one line per (partition, owning thread); they move when a rebalance reassigns partitions.
    // Nested loops, not `flat_map`s (each flattening adapter is code of its own in the bundle).
    let mut lines: Vec<(usize, f64, f64)> = Vec::new();
    for (gi, g) in snap.groups.iter().enumerate() {
        for m in &g.members {
            for (t, p) in &m.partitions {
                let line = (|| {
                    let lane = layout.lane(t, *p)?;
                    // A heatmap cell has no line; its shown partition's lane has.
                    let y = if lane.heat { detail_y(t, *p)? } else { lane.y };
                    Some((gi, y, layout.thread(&m.instance, m.thread)?.y))
                })();
                lines.extend(line);
            }
        }
    }
    let group_title = i18n.t("picture.group_title");
    let groups = snap.groups.iter().enumerate().map(|(gi, g)| {
        let y = layout.groups.get(gi).copied().unwrap_or(0.0);
        let h = props.heads.groups.iter().find(|h| h.id == g.id).unwrap_or(g);
        let rebalancing = matches!(h.state, GroupState::PreparingRebalance | GroupState::CompletingRebalance);
        let state = h.state.name();
        // The badge is sized from its text (textLength keeps the glyphs inside whatever the font).
        let text_w = state.len() as f64 * 6.0;
        let x = GROUP_X + 14.0;
        // The head's `<g>` stays an element of its own (lessons mark it); what it holds only reads, as escaped
        // markup. It changes only when the group's state or generation does.
        let mut inner = String::new();
        wrap(&mut inner, "<title>", &group_title, "</title><rect class=\"group-chip\" x=\"");
        wrap(&mut inner, "", &f1(GROUP_X), "\" y=\"");
        wrap(&mut inner, "", &f1(y), "\" width=\"8\" height=\"20\" rx=\"2\"/><g class=\"state-badge st-");
        wrap(&mut inner, "", state, "\" data-testid=\"group-head-state\" data-state=\"");
        wrap(&mut inner, "", state, "\"><rect x=\"");
        wrap(&mut inner, "", &f1(x), "\" y=\"");
        wrap(&mut inner, "", &f1(y + 2.0), "\" width=\"");
        wrap(&mut inner, "", &f1(text_w + 10.0), "\" height=\"16\" rx=\"8\"/><text x=\"");
        wrap(&mut inner, "", &f1(x + 5.0), "\" y=\"");
        wrap(&mut inner, "", &f1(y + 14.0), "\" textLength=\"");
        wrap(&mut inner, "", &f1(text_w), "\" lengthAdjust=\"spacingAndGlyphs\">");
        wrap(&mut inner, "", state, "</text></g><text x=\"");
        wrap(&mut inner, "", &f1(x + text_w + 16.0), "\" y=\"");
        wrap(&mut inner, "", &f1(y + 15.0), "\" class=\"node-title\">");
        let title = i18n.tf("picture.group", &[("group", &g.id), ("generation", &h.generation)]);
        wrap(&mut inner, "", &title, "</text>");
        html! {
            <g class={String::from("group-head g") + &HUES[gi % 6..gi % 6 + 1] + if rebalancing { " rebalancing" } else { "" }}
               data-testid="group-head" data-group={g.id.clone()}>
                { raw(inner) }
            </g>
        }
    });
    let instances = layout.instances.iter().filter_map(|(gi, id, y)| {
        let inst = snap.groups.get(*gi)?.instances.iter().find(|i| &i.id == id)?;
        let down = matches!(inst.status, InstanceStatus::Crashed | InstanceStatus::Stopped);
        let mark = match inst.status {
            InstanceStatus::Crashed => "✕ ",
            InstanceStatus::Stopped => "■ ",
            _ => "",
        };
        // The `<text>` stays an element of its own (lessons mark it); what it holds only reads, as escaped markup.
        let mut inner = String::new();
        let title = i18n.t(&(String::from("picture.instance_") + status_label(inst.status)));
        wrap(&mut inner, "<title>", &title, "</title>");
        let text = i18n.tf("picture.instance", &[("mark", &mark), ("instance", &inst.id), ("listener", &inst.listener),
            ("status", &status_text(&i18n, inst.status))]);
        wrap(&mut inner, "", &text, "");
        Some(html! {
            <text class={String::from(if down { "instance-title down status-" } else { "instance-title status-" }) + status_label(inst.status)}
                  x={f1(GROUP_X + 14.0)} y={f1(y + 15.0)} data-testid="instance-title"
                  data-instance={inst.id.clone()} data-status={status_label(inst.status)}>
                { raw(inner) }
            </text>
        })
    });
    let threads = layout.threads.iter().map(|slot| {
        let g = &snap.groups[slot.group];
        let member = g
            .members
            .iter()
            .find(|m| m.instance == slot.instance && m.thread == slot.thread);
        let owned = member
            .map(|m| {
                m.partitions
                    .iter()
                    .map(|(t, p)| format!("{t}-{p}"))
                    .collect::<Vec<String>>()
            })
            .unwrap_or_default();
        ThreadDot {
            instance: slot.instance.clone(),
            thread: slot.thread,
            y: slot.y,
            owned,
            running: member.is_some(),
            idle: member.is_some_and(|m| m.idle),
            in_flight: member.map_or(0, |m| m.in_flight),
            zombie: member.is_some_and(|m| m.kicked_out),
        }
        .view(&i18n)
    });
    let height = layout.height;
    html! {
        <svg class="topology" data-testid="topology" viewBox={String::from("0 0 ") + &f1(WIDTH) + " " + &f1(height)}
             preserveAspectRatio="xMidYMin meet" role="group"
             aria-label={i18n.t("picture.aria")}>
            { key_pattern_defs() }
            { ownership_lines(&lines) }
            { raw(marks) }
            { for producers }
            { for lanes }
            { for groups }
            { for instances }
            { for threads }
        </svg>
    }
}
