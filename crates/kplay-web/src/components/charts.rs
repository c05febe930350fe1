//! The charts under the picture: lag per group and per partition over time, produce vs consume throughput, and the time to clear
//! the lag at the current rates.

use crate::components::line_chart::{line_chart, Series};
use crate::components::markup::{raw, wrap};
use crate::format::{clear_verdict, f1, group_lag, thousands, LAG_RULE};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use yew::prelude::*;

/// Props of [`Charts`].
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The simulation.
    pub sim: SimHandle,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
}

/// Samples used for the current rates.
const RATE_WINDOW: usize = 5;

/// The charts.
#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let i18n = props.i18n.clone();
    let snap = &props.sim.snapshot;
    let (lag, partitions, throughput, marks) = props.sim.with(|s| {
        let samples = &s.trace.samples;
        let lag: Vec<Series> = snap
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| Series {
                name: g.id.clone(),
                class: format!("g{}", gi % 6),
                points: samples
                    .iter()
                    .filter_map(|x| {
                        x.group_lag
                            .iter()
                            .find(|(id, _)| *id == g.id)
                            .map(|(_, l)| (x.t_ms as f64 / 1000.0, *l as f64))
                    })
                    .collect(),
            })
            .collect();
        // Per partition of the first group: enough to see one hot or starving partition without a spaghetti plot.
        let partitions: Vec<Series> = snap
            .groups
            .first()
            .map(|g| {
                g.partitions
                    .iter()
                    .take(8)
                    .enumerate()
                    .map(|(i, p)| Series {
                        name: format!("{}-{}", p.topic, p.partition),
                        class: format!("p{}", i % 8),
                        points: samples
                            .iter()
                            .filter_map(|x| {
                                x.partition_lag
                                    .iter()
                                    .find(|(gid, t, pp, _)| {
                                        *gid == g.id && *t == p.topic && *pp == p.partition
                                    })
                                    .map(|(_, _, _, l)| (x.t_ms as f64 / 1000.0, *l as f64))
                            })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let pairs: Vec<_> = samples.iter().collect();
        let rate = |f: &dyn Fn(&crate::trace::Sample) -> u64| -> Vec<(f64, f64)> {
            pairs
                .windows(2)
                .map(|w| {
                    let dt = (w[1].t_ms - w[0].t_ms).max(1) as f64 / 1000.0;
                    (w[1].t_ms as f64 / 1000.0, (f(w[1]) - f(w[0])) as f64 / dt)
                })
                .collect()
        };
        let throughput = vec![
            Series {
                name: i18n.t("charts.produced"),
                class: "produce".into(),
                points: rate(&|x| x.produced),
            },
            Series {
                name: i18n.t("charts.processed"),
                class: "consume".into(),
                points: rate(&|x| x.processed),
            },
        ];
        // At most MARK_CAP, already limited to the samples' window by the trace.
        let marks: Vec<crate::trace::Mark> = s.trace.story.marks.iter().cloned().collect();
        (lag, partitions, throughput, marks)
    });
    let rule = i18n.t(LAG_RULE);
    // What only reads, as one string of markup (see [`raw`]): the marks' key, the sawtooth note, the estimates.
    let t = |key: &str| i18n.t(key);
    let mut notes =
        String::from("<p class=\"hint chart-note\" data-testid=\"chart-marks-legend\">");
    wrap(
        &mut notes,
        "",
        &t("charts.marks_intro"),
        " <span class=\"mark-key mark-rebalance\">",
    );
    wrap(
        &mut notes,
        "",
        &t("charts.mark_rebalance_key"),
        "</span>, <span class=\"mark-key mark-fault\">",
    );
    wrap(
        &mut notes,
        "",
        &t("charts.mark_fault_key"),
        "</span>, <span class=\"mark-key mark-warning\">",
    );
    wrap(&mut notes, "", &t("charts.mark_warning_key"), "</span>");
    wrap(
        &mut notes,
        "",
        &t("charts.marks_hover"),
        "</p><p class=\"hint chart-note\" data-testid=\"sawtooth-note\">",
    );
    wrap(&mut notes, "", &t("charts.sawtooth"), "</p>");
    // The estimates stay elements: each explains its rule in a tooltip, and a string of markup would be rebuilt
    // (dropping the tooltip) whenever a lag changes.
    let estimates = snap.groups.iter().map(|g| {
        let rates = props.sim.with(|s| s.trace.group_rates(&g.id, RATE_WINDOW));
        let (produce, consume) = rates.unwrap_or_default();
        let text = i18n.tf(
            "charts.estimate",
            &[
                ("lag", &thousands(group_lag(g))),
                ("consume", &f1(consume)),
                ("produce", &f1(produce)),
                ("verdict", &clear_verdict(&i18n, g, rates)),
            ],
        );
        html! { <li data-testid="clear-estimate" title={rule.clone()}><strong>{ g.id.clone() }</strong>{ text }</li> }
    });
    html! {
        <div class="charts">
            { line_chart(&i18n, &i18n.t("charts.lag_group"), &i18n.t("charts.lag_group_unit"), &lag, &marks) }
            { line_chart(&i18n, &i18n.t("charts.lag_partition"), &i18n.t("charts.lag_partition_unit"), &partitions, &marks) }
            { line_chart(&i18n, &i18n.t("charts.throughput"), &i18n.t("charts.throughput_unit"), &throughput, &marks) }
            { raw(notes) }
            <ul class="estimates">{ for estimates }</ul>
        </div>
    }
}
