//! Partition → thread ownership lines; a separate component so unchanged lines cost nothing per frame.

use crate::format::f1;
use crate::layout::{LANE_END, THREAD_X};
use yew::prelude::*;

/// Props of [`OwnershipLines`].
#[derive(Properties, PartialEq)]
pub struct OwnershipLinesProps {
    /// One line per owned partition: (group index, lane y, thread y).
    pub lines: Vec<(usize, f64, f64)>,
}

/// The ownership lines.
#[component]
pub fn OwnershipLines(props: &OwnershipLinesProps) -> Html {
    let mid = (LANE_END + THREAD_X) / 2.0;
    let paths = props.lines.iter().map(|(gi, y0, y1)| {
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
