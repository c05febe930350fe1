//! Records in flight (colour = key), drawn in their own small SVG laid over the topology. Moving circles inside
//! the big topology SVG made the browser lay out and repaint the whole picture every frame; in a separate
//! composited layer only the circles are laid out and only the squares they leave and enter are repainted.
//! (A `<canvas>` overlay was measured too: in software compositing its whole bitmap is copied and drawn every
//! frame, which cost more than these circles.)

use crate::format::{f1, key_class};
use crate::hooks::use_simulation::{Shared, SimHandle};
use crate::layout::{ease, Layout, LANE_END, PROD_W, PROD_X, THREAD_X, WIDTH};
use crate::trace::{Flight, FlightKind, FLIGHT_MS};
use yew::prelude::*;

/// Props of [`Flights`].
#[derive(Properties, PartialEq)]
pub struct FlightsProps {
    /// The simulation (its trace holds the flights).
    pub sim: SimHandle,
    /// Where lanes, producers and threads sit.
    pub layout: Shared<Layout>,
    /// Records jump instead of fly (`prefers-reduced-motion`).
    pub reduced_motion: bool,
}

/// The overlay; renders every frame.
#[component]
pub fn Flights(props: &FlightsProps) -> Html {
    let layout = &*props.layout;
    let now = props.sim.now_real;
    let circles = props.sim.with(|s| {
        s.trace
            .flights
            .iter()
            .filter_map(|f| {
                let ((x0, y0), (x1, y1)) = ends(layout, f)?;
                let t = if props.reduced_motion {
                    1.0
                } else {
                    ease((now - f.started) / FLIGHT_MS)
                };
                let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                let class = if f.duplicate { "flight dup" } else { "flight" };
                // Unkeyed: a circle element is reused by whichever record sits at its index next frame.
                Some(html! {
                    <circle class={classes!(class, key_class(f.key.as_deref()))} cx={f1(x)} cy={f1(y)} r="5" />
                })
            })
            .collect::<Html>()
    });
    html! {
        <svg class="flights" viewBox={format!("0 0 {} {}", f1(WIDTH), f1(layout.height))} aria-hidden="true">
            { circles }
        </svg>
    }
}

/// Where a record starts and lands: producer → partition end, or partition end → consumer thread.
fn ends(layout: &Layout, f: &Flight) -> Option<((f64, f64), (f64, f64))> {
    let lane = layout.lane(&f.topic, f.partition)?;
    Some(match &f.kind {
        FlightKind::Produce { producer } => (
            (PROD_X + PROD_W, layout.producer(producer)?),
            (LANE_END - 10.0, lane.y),
        ),
        FlightKind::Consume {
            instance, thread, ..
        } => (
            (LANE_END, lane.y),
            (THREAD_X, layout.thread(instance, *thread)?.y),
        ),
    })
}
