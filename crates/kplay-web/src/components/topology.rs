//! The main picture: producers → partition lanes → groups → instances → threads, with ownership lines and records
//! flying along them (colour = key).

use crate::components::ownership_lines::OwnershipLines;
use crate::components::partition_lane::PartitionLane;
use crate::components::thread_dot::ThreadDot;
use crate::format::f1;
use crate::format::{key_class, status_label};
use crate::hooks::use_simulation::SimHandle;
use crate::layout::{ease, Layout, GROUP_X, LANE_END, LANE_X, PROD_W, PROD_X, THREAD_X, WIDTH};
use crate::state::{Action, AppContext, Selection};
use crate::trace::{FlightKind, FLIGHT_MS};
use kplay_core::sim::{GroupState, InstanceStatus};
use yew::prelude::*;

/// Records per second above which lanes refresh at the slow tick.
const BUSY_RATE: u32 = 200;

/// Props of [`Topology`].
#[derive(Properties, PartialEq)]
pub struct TopologyProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Records jump instead of fly (`prefers-reduced-motion`).
    pub reduced_motion: bool,
}

/// The topology SVG.
#[component]
pub fn Topology(props: &TopologyProps) -> Html {
    let Some(ctx) = use_context::<AppContext>() else {
        return html! {};
    };
    let snap = &props.sim.snapshot;
    let layout = Layout::of(snap);
    let (sel_lane, sel_record) = match &ctx.selection {
        Selection::Partition { topic, partition } => (Some((topic.clone(), *partition)), None),
        Selection::Record {
            topic,
            partition,
            offset,
        } => (Some((topic.clone(), *partition)), Some(*offset)),
        Selection::None => (None, None),
    };
    let on_select = {
        let ctx = ctx.clone();
        Callback::from(move |(topic, partition)| {
            ctx.dispatch(Action::Select(Selection::Partition { topic, partition }))
        })
    };
    let on_select_record = {
        let ctx = ctx.clone();
        Callback::from(move |(topic, partition, offset)| {
            ctx.dispatch(Action::Select(Selection::Record {
                topic,
                partition,
                offset,
            }))
        })
    };

    let topics = layout.topics.iter().map(|(name, y)| {
        html! { <text class="topic-title" x={f1(LANE_X)} y={f1(*y)}>{ format!("topic {name}") }</text> }
    });
    let producers = layout.producers.iter().filter_map(|(id, y)| {
        let p = snap.producers.iter().find(|p| &p.id == id)?;
        let class = if p.paused {
            "producer paused"
        } else {
            "producer"
        };
        Some(html! {
            <g class={class} data-testid="producer">
                <rect x={f1(PROD_X)} y={f1(y - 18.0)} width={f1(PROD_W)} height="36" rx="6" />
                <text x={f1(PROD_X + 8.0)} y={f1(y - 3.0)} class="node-title">{ &p.id }</text>
                <text x={f1(PROD_X + 8.0)} y={f1(y + 12.0)} class="node-sub">
                    { format!("{}/s · {} sent", p.rate_per_s, p.produced) }
                </text>
            </g>
        })
    });
    // Past a few hundred records a second nobody can follow single cells, and re-laying 64 lanes every frame
    // costs the frame budget: busy lanes then refresh at the slow tick (2 Hz); flights still move every frame.
    let rate: u32 = snap
        .producers
        .iter()
        .filter(|p| !p.paused)
        .map(|p| p.rate_per_s)
        .sum();
    let lane_snap = if rate > BUSY_RATE && props.sim.slow_snapshot.topics.len() == snap.topics.len()
    {
        &props.sim.slow_snapshot
    } else {
        snap
    };
    let lanes = lane_snap.topics.iter().flat_map(|t| {
        let layout = &layout;
        let (on_select, on_select_record) = (&on_select, &on_select_record);
        let (sel_lane, snap) = (&sel_lane, &lane_snap);
        t.partitions.iter().enumerate().filter_map(move |(p, view)| {
            let lane = layout.lane(&t.name, p as u32)?;
            let committed = snap
                .groups
                .iter()
                .enumerate()
                .filter_map(|(gi, g)| {
                    let pl = g.partitions.iter().find(|x| x.partition == p as u32 && x.topic == t.name)?;
                    Some((gi, g.id.clone(), pl.committed?))
                })
                .collect::<Vec<_>>();
            let selected = sel_lane.as_ref().is_some_and(|(st, sp)| st == &t.name && *sp == p as u32);
            Some(html! {
                <PartitionLane key={format!("{}-{p}", t.name)} topic={t.name.clone()} partition={p as u32} y={lane.y}
                    view={view.clone()} {committed} {selected} selected_offset={if selected { sel_record } else { None }}
                    on_select={on_select.clone()} on_select_record={on_select_record.clone()} />
            })
        })
    });
    // Ownership: one line per (partition, owning thread); they move when a rebalance reassigns partitions.
    let lines: Vec<(usize, f64, f64)> = snap
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| {
            let layout = &layout;
            g.members.iter().flat_map(move |m| {
                m.partitions.iter().filter_map(move |(t, p)| {
                    Some((
                        gi,
                        layout.lane(t, *p)?.y,
                        layout.thread(&m.instance, m.thread)?.y,
                    ))
                })
            })
        })
        .collect();
    let groups = snap.groups.iter().enumerate().map(|(gi, g)| {
        let y = layout.groups.get(gi).copied().unwrap_or(0.0);
        let rebalancing = matches!(g.state, GroupState::PreparingRebalance | GroupState::CompletingRebalance);
        html! {
            <g class={classes!("group-head", format!("g{}", gi % 6), rebalancing.then_some("rebalancing"))}>
                <rect class="group-chip" x={f1(GROUP_X)} y={f1(y)} width="8" height="20" rx="2" />
                <text x={f1(GROUP_X + 14.0)} y={f1(y + 15.0)} class="node-title">
                    { format!("group {} · {} · gen {}", g.id, g.state.name(), g.generation) }
                </text>
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
        Some(html! {
            <text class={classes!("instance-title", down.then_some("down"), format!("status-{}", status_label(inst.status)))}
                  x={f1(GROUP_X + 14.0)} y={f1(y + 15.0)} data-testid="instance-title"
                  data-instance={inst.id.clone()} data-status={status_label(inst.status)}>
                { format!("{mark}{} ({}) · {}", inst.id, inst.listener, status_label(inst.status)) }
            </text>
        })
    });
    let threads = layout.threads.iter().map(|slot| {
        let g = &snap.groups[slot.group];
        let member = g.members.iter().find(|m| m.instance == slot.instance && m.thread == slot.thread);
        let owned = member
            .map(|m| m.partitions.iter().map(|(t, p)| format!("{t}-{p}")).collect::<Vec<String>>())
            .unwrap_or_default();
        html! {
            <ThreadDot key={format!("{}-{}", slot.instance, slot.thread)} instance={slot.instance.clone()}
                thread={slot.thread} y={slot.y} {owned} running={member.is_some()}
                idle={member.is_some_and(|m| m.idle)} in_flight={member.map_or(0, |m| m.in_flight)} />
        }
    });
    let now = props.sim.now_real;
    let flights = props.sim.with(|s| {
        s.trace
            .flights
            .iter()
            .filter_map(|f| {
                let lane = layout.lane(&f.topic, f.partition)?;
                let ((x0, y0), (x1, y1)) = match &f.kind {
                    FlightKind::Produce { producer } => {
                        ((PROD_X + PROD_W, layout.producer(producer)?), (LANE_END - 10.0, lane.y))
                    }
                    FlightKind::Consume { instance, thread, .. } => {
                        ((LANE_END, lane.y), (THREAD_X, layout.thread(instance, *thread)?.y))
                    }
                };
                let t = if props.reduced_motion { 1.0 } else { ease((now - f.started) / FLIGHT_MS) };
                let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                let class = if f.duplicate { "flight dup" } else { "flight" };
                Some(html! {
                    <circle class={classes!(class, key_class(f.key.as_deref()))} cx={f1(x)} cy={f1(y)} r="5" />
                })
            })
            .collect::<Html>()
    });
    let height = layout.height;
    html! {
        <svg class="topology" data-testid="topology" viewBox={format!("0 0 {} {}", f1(WIDTH), f1(height))}
             width={f1(WIDTH)} height={f1(height)} role="group"
             aria-label="Topology: producers, partitions, consumer groups, instances and threads">
            <OwnershipLines {lines} />
            { for topics }
            { for producers }
            { for lanes }
            { for groups }
            { for instances }
            { for threads }
            <g class="flights" aria-hidden="true">{ flights }</g>
        </svg>
    }
}
