//! The main picture: the topology SVG plus the records flying along it (colour = key). Small scenarios redraw
//! the SVG every frame; past a few hundred records a second nobody can follow single cells, so the SVG then
//! follows the slow tick (2 Hz) and only the flights change every frame.
//!
//! Flights live in their own small SVG laid over the picture: moving circles inside the big topology SVG made the
//! browser lay out and repaint the whole picture every frame; in a separate composited layer only the circles
//! are laid out and only the squares they leave and enter are repainted. Both SVGs fill the same box with the
//! same viewBox and `preserveAspectRatio`, so they scale to fit (and zoom) together and stay aligned. (A `<canvas>` overlay was measured
//! too: in software compositing its whole bitmap is copied and composited every frame, which cost more.)

use crate::components::topology_svg::TopologySvg;
use crate::format::{class_pair, f1, key_class};
use crate::hooks::use_simulation::{Shared, SimHandle};
use crate::i18n::I18n;
use crate::layout::{ease, Layout, PROD_W, PROD_X, THREAD_X, WIDTH};
use crate::state::AppContext;
use crate::trace::{Flight, FlightKind, FLIGHT_MS};
use yew::prelude::*;

/// Records per second above which the picture refreshes at the slow tick.
const BUSY_RATE: u32 = 200;

/// The topology with its flight overlay. A hook of the app (its memos live there), not a component of its own:
/// it re-rendered with the app every frame anyway, and each component type costs about 1 KB of wasm. Records
/// jump instead of fly when `reduced_motion` (`prefers-reduced-motion`); `ctx` is the app's state.
#[hook]
pub fn use_topology(sim: &SimHandle, reduced_motion: bool, ctx: &AppContext, i18n: &I18n) -> Html {
    let (snap, slow) = (&sim.snapshot, &sim.slow_snapshot);
    let rate: u32 = snap
        .producers
        .iter()
        .filter(|p| !p.paused)
        .map(|p| p.rate_per_s)
        .sum();
    // A command forces a slow tick, so the slow snapshot never shows an older topology than the flights use.
    let busy = rate > BUSY_RATE && slow.topics.len() == snap.topics.len();
    let picture = Shared(if busy { slow.clone() } else { snap.clone() });
    let layout = use_memo(picture.clone(), |p| Layout::of(p));
    // Read with the picture's snapshot, so the lanes re-render only when it is replaced (busy: at the slow tick).
    let processed = {
        let sim = sim.clone();
        use_memo(picture.clone(), move |_| {
            sim.with(|s| s.trace.processed_upto.clone())
        })
    };
    // Stable across frames (the simulation behind the handle never changes), so lanes still skip rendering.
    let fetch = {
        let sim = sim.clone();
        use_callback(
            (),
            move |(topic, partition, before): (String, u32, u64), _| {
                sim.with(|s| {
                    s.world
                        .records_before(&topic, partition, before, crate::layout::CELLS)
                })
            },
        )
    };
    let now = sim.now_real;
    let circles = sim.with(|s| {
        s.trace
            .flights
            .iter()
            .filter_map(|f| {
                let ((x0, y0), (x1, y1)) = ends(&layout, f)?;
                let t = if reduced_motion {
                    1.0
                } else {
                    ease((now - f.started) / FLIGHT_MS)
                };
                let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                let class = if f.reprocessed { "flight dup" } else { "flight" };
                // Unkeyed: a circle element is reused by whichever record sits at its index next frame.
                Some(html! {
                    <circle class={class_pair(class, &key_class(f.key.as_deref()))} cx={f1(x)} cy={f1(y)} r="5" />
                })
            })
            .collect::<Html>()
    });
    let view_box = format!("0 0 {} {}", f1(WIDTH), f1(layout.height));
    html! {
        <div class="topology-wrap">
            <TopologySvg snap={picture} layout={Shared(layout)} heads={Shared(slow.clone())} {fetch}
                processed={Shared(processed)} ctx={ctx.clone()} i18n={i18n.clone()} />
            <svg class="flights" viewBox={view_box} preserveAspectRatio="xMidYMin meet" aria-hidden="true">{ circles }</svg>
        </div>
    }
}

/// Where a record starts and lands: producer → partition end, or partition end → consumer thread.
fn ends(layout: &Layout, f: &Flight) -> Option<((f64, f64), (f64, f64))> {
    let lane = layout.lane(&f.topic, f.partition)?;
    Some(match &f.kind {
        FlightKind::Produce { producer } => (
            (PROD_X + PROD_W, layout.producer(producer)?),
            (lane.x - 10.0, lane.y),
        ),
        FlightKind::Consume {
            instance, thread, ..
        } => (
            (lane.x, lane.y),
            (THREAD_X, layout.thread(instance, *thread)?.y),
        ),
    })
}
