//! A small plain-SVG line chart (no chart library: a polyline per series and a y-axis maximum), with the story's
//! marks (rebalances, faults, warnings) as small triangles under its time axis.

use crate::components::markup::{hint, raw, wrap};
use crate::format::{clock, f1};
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
    let axis = f1(sy(0.0));
    // The axes and lines only read, so one string of markup (see [`raw`]); every text in it is escaped.
    let mut out = String::from("<line class=\"axis\" x1=\"28\" y1=\"");
    wrap(&mut out, "", &axis, "\" x2=\"360\" y2=\"");
    wrap(
        &mut out,
        "",
        &axis,
        "\"/><text class=\"tick\" x=\"2\" y=\"12\">",
    );
    wrap(
        &mut out,
        "",
        &f1(y1.round()),
        "</text><text class=\"tick\" x=\"2\" y=\"",
    );
    wrap(
        &mut out,
        "",
        &axis,
        "\">0</text><text class=\"tick\" x=\"28\" y=\"118\">",
    );
    wrap(
        &mut out,
        "",
        &seconds(i18n, x0),
        "</text><text class=\"tick end\" x=\"360\" y=\"118\">",
    );
    wrap(&mut out, "", &seconds(i18n, x1), "</text>");
    for s in series {
        wrap(
            &mut out,
            "<polyline class=\"series ",
            &s.class,
            "\" points=\"",
        );
        for (i, (x, y)) in s.points.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&point(sx(*x), sy(*y)));
        }
        out.push_str("\"/>");
    }
    // The marks stay elements: their `<title>` is a tooltip the learner hovers while the clock runs, and a
    // string of markup would be rebuilt (and the tooltip dropped) at every refresh.
    let axis = sy(0.0);
    let marks = marks
        .iter()
        .filter(|m| (x0..=x1).contains(&(m.t_ms as f64 / 1000.0)))
        .map(|m| {
            let x = sx(m.t_ms as f64 / 1000.0);
            let points = [
                point(x, axis + 1.0),
                point(x - 3.0, axis + 7.0),
                point(x + 3.0, axis + 7.0),
            ]
            .join(" ");
            let mut tip = clock(m.t_ms);
            tip.push(' ');
            tip.push_str(&m.label(i18n));
            html! { <polygon class={m.kind.class()} {points}><title>{ tip }</title></polygon> }
        });
    let mut caption = String::new();
    wrap(&mut caption, "<figcaption><strong>", title, "</strong> (");
    wrap(&mut caption, "", unit, ")");
    for s in series {
        wrap(&mut caption, "<span class=\"legend ", &s.class, "\">");
        wrap(&mut caption, "", &s.name, "</span>");
    }
    caption.push_str("</figcaption>");
    html! {
        <figure class="chart">
            <svg viewBox="0 0 360 120" role="img" aria-label={title.to_string()}>
                { raw(out) }
                { for marks }
            </svg>
            { raw(caption) }
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
