//! Partition → thread ownership lines.

use crate::format::f1;
use crate::layout::{LANE_END, THREAD_X};
use yew::prelude::*;

/// The ownership lines, one per owned partition: (group index, lane y, thread y). A plain function, not a
/// component (each component type costs about 1 KB of wasm): the picture redraws every frame only for small
/// scenarios, and busy ones at the slow tick.
pub fn ownership_lines(lines: &[(usize, f64, f64)]) -> Html {
    let mid = (LANE_END + THREAD_X) / 2.0;
    let paths = lines.iter().map(|(gi, y0, y1)| {
        let d = format!(
            "M{} {} C{} {} {} {} {} {}",
            f1(LANE_END),
            f1(*y0),
            f1(mid),
            f1(*y0),
            f1(mid),
            f1(*y1),
            f1(THREAD_X - 7.0),
            f1(*y1)
        );
        html! { <path class={format!("own g{}", gi % 6)} {d} /> }
    });
    html! { <g class="ownership">{ for paths }</g> }
}
