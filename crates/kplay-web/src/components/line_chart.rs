//! A small plain-SVG line chart (no chart library: a polyline per series and a y-axis maximum), with the story's
//! marks (rebalances, faults, warnings) as small triangles under its time axis.

use crate::format::{class_pair, clock, f1};
use crate::i18n::use_i18n;
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

/// Props of [`LineChart`].
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// Accessible title.
    pub title: AttrValue,
    /// Series.
    pub series: Vec<Series>,
    /// Y unit.
    pub unit: AttrValue,
    /// Moments to mark under the time axis; those outside the chart's time window are not drawn.
    #[prop_or_default]
    pub marks: Vec<Mark>,
}

const W: f64 = 360.0;
const H: f64 = 120.0;
const PAD: f64 = 28.0;

/// A line chart.
#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let i18n = use_i18n();
    let all = props.series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y1) = (f64::MAX, f64::MIN, 1.0f64);
    for (x, y) in all {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y1 = y1.max(*y);
    }
    // One sample is no line yet.
    if x0 >= x1 {
        return html! { <p class="hint">{ i18n.tf("charts.waiting", &[("title", &props.title)]) }</p> };
    }
    let span = (x1 - x0).max(1.0);
    let sx = |x: f64| PAD + (x - x0) / span * (W - PAD - 4.0);
    let sy = |y: f64| H - 16.0 - y / y1 * (H - 24.0);
    let lines = props.series.iter().map(|s| {
        let pts: Vec<String> = s
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", f1(sx(*x)), f1(sy(*y))))
            .collect();
        html! { <polyline class={class_pair("series", &s.class)} points={pts.join(" ")} /> }
    });
    let axis = sy(0.0);
    let marks = props
        .marks
        .iter()
        .filter(|m| (x0..=x1).contains(&(m.t_ms as f64 / 1000.0)))
        .map(|m| {
            let x = sx(m.t_ms as f64 / 1000.0);
            let pts = format!(
                "{},{} {},{} {},{}",
                f1(x),
                f1(axis + 1.0),
                f1(x - 3.0),
                f1(axis + 7.0),
                f1(x + 3.0),
                f1(axis + 7.0)
            );
            html! { <polygon class={m.kind.class()} points={pts}><title>{ format!("{} {}", clock(m.t_ms), m.label(&i18n)) }</title></polygon> }
        });
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {} {}", f1(W), f1(H))} role="img" aria-label={props.title.clone()}>
                <line class="axis" x1={f1(PAD)} y1={f1(sy(0.0))} x2={f1(W)} y2={f1(sy(0.0))} />
                <text class="tick" x="2" y="12">{ f1(y1.round()) }</text>
                <text class="tick" x="2" y={f1(sy(0.0))}>{ "0" }</text>
                <text class="tick" x={f1(PAD)} y={f1(H - 2.0)}>{ i18n.tf("format.seconds", &[("n", &f1(x0.round()))]) }</text>
                <text class="tick end" x={f1(W)} y={f1(H - 2.0)}>{ i18n.tf("format.seconds", &[("n", &f1(x1.round()))]) }</text>
                { for lines }
                { for marks }
            </svg>
            <figcaption>
                <strong>{ props.title.clone() }</strong>{ format!(" ({})", props.unit) }
                { for props.series.iter().map(|s| html! { <span class={class_pair("legend", &s.class)}>{ &s.name }</span> }) }
            </figcaption>
        </figure>
    }
}
