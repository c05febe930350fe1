//! The main picture: the topology SVG plus the records flying along it (colour = key). Small scenarios redraw
//! the SVG every frame; past a few hundred records a second nobody can follow single cells, so the SVG then
//! follows the slow tick (2 Hz) and only the flight overlay changes every frame.

use crate::components::flights::Flights;
use crate::components::topology_svg::TopologySvg;
use crate::hooks::use_simulation::{Shared, SimHandle};
use crate::layout::Layout;
use yew::prelude::*;

/// Records per second above which the picture refreshes at the slow tick.
const BUSY_RATE: u32 = 200;

/// Props of [`Topology`].
#[derive(Properties, PartialEq)]
pub struct TopologyProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Records jump instead of fly (`prefers-reduced-motion`).
    pub reduced_motion: bool,
}

/// The topology with its flight overlay.
#[component]
pub fn Topology(props: &TopologyProps) -> Html {
    let (snap, slow) = (&props.sim.snapshot, &props.sim.slow_snapshot);
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
    let layout = Shared(layout);
    html! {
        <div class="topology-wrap">
            <TopologySvg snap={picture} layout={layout.clone()} />
            <Flights sim={props.sim.clone()} {layout} reduced_motion={props.reduced_motion} />
        </div>
    }
}
