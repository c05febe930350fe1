//! A small plain-SVG line chart (no chart library: a polyline per series and a y-axis maximum), with the story's
//! marks (rebalances, faults, warnings) as small triangles under its time axis.

use crate::components::markup::hint;
use crate::format::{class_pair, clock, f1};
use crate::i18n::I18n;
use crate::trace::Mark;
use yew::prelude::*;

/// One series: name, CSS class (colour) and points (x in seconds, y).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// CSS class giving the stroke colour.
    pub class: String,
    /// Points.
    pub points: Vec<(f64, f64)>,
}

// The SVG below writes these (and H - 2 = 118) as literals: no number formatting for constants.
const W: f64 = 360.0;
const H: f64 = 120.0;
const PAD: f64 = 28.0;

/// A line chart: `title` (also its accessible name), the y `unit`, the `series`, and the moments to `marks`
/// under the time axis (those outside the chart's time window are not drawn). A plain function, not a
/// component: its series are new whenever the charts re-render, and each component type costs about 1 KB of
/// wasm.
pub fn line_chart(i18n: &I18n, title: &str, unit: &str, series: &[Series], marks: &[Mark]) -> Html {
    let (mut x0, mut x1, mut y1) = (f64::MAX, f64::MIN, 1.0f64);
    // Nested loops, not `flat_map` (each flattening adapter is code of its own in the bundle).
    for s in series {
        for (x, y) in &s.points {
            x0 = x0.min(*x);
            x1 = x1.max(*x);
            y1 = y1.max(*y);
        }
    }
    // One sample is no line yet.
    if x0 >= x1 {
        return hint(i18n.tf("charts.waiting", &[("title", &title)]));
    }
    let span = (x1 - x0).max(1.0);
    let sx = |x: f64| PAD + (x - x0) / span * (W - PAD - 4.0);
    let sy = |y: f64| H - 16.0 - y / y1 * (H - 24.0);
    let lines = series.iter().map(|s| {
        let pts = s
            .points
            .iter()
            .map(|(x, y)| point(sx(*x), sy(*y)))
            .collect::<Vec<_>>()
            .join(" ");
        html! { <polyline class={class_pair("series", &s.class)} points={pts} /> }
    });
    let axis = sy(0.0);
    let marks = marks
        .iter()
        .filter(|m| (x0..=x1).contains(&(m.t_ms as f64 / 1000.0)))
        .map(|m| {
            let x = sx(m.t_ms as f64 / 1000.0);
            let pts = [
                point(x, axis + 1.0),
                point(x - 3.0, axis + 7.0),
                point(x + 3.0, axis + 7.0),
            ]
            .join(" ");
            html! { <polygon class={m.kind.class()} points={pts}><title>{ clock(m.t_ms) }{ " " }{ m.label(i18n) }</title></polygon> }
        });
    html! {
        <figure class="chart">
            <svg viewBox="0 0 360 120" role="img" aria-label={title.to_string()}>
                <line class="axis" x1="28" y1={f1(axis)} x2="360" y2={f1(axis)} />
                <text class="tick" x="2" y="12">{ f1(y1.round()) }</text>
                <text class="tick" x="2" y={f1(axis)}>{ "0" }</text>
                <text class="tick" x="28" y="118">{ seconds(i18n, x0) }</text>
                <text class="tick end" x="360" y="118">{ seconds(i18n, x1) }</text>
                { for lines }
                { for marks }
            </svg>
            <figcaption>
                <strong>{ title.to_string() }</strong>{ " (" }{ unit.to_string() }{ ")" }
                { for series.iter().map(|s| html! { <span class={class_pair("legend", &s.class)}>{ &s.name }</span> }) }
            </figcaption>
        </figure>
    }
}

/// `x,y` of an SVG point, one decimal.
fn point(x: f64, y: f64) -> String {
    let mut s = f1(x);
    s.push(',');
    s.push_str(&f1(y));
    s
}

/// A time-axis end, whole seconds.
fn seconds(i18n: &I18n, x: f64) -> String {
    i18n.tf("format.seconds", &[("n", &f1(x.round()))])
}
