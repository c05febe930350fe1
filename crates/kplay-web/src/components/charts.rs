//! The charts under the picture: lag per group and per partition over time, produce vs consume throughput, and the time to clear
//! the lag at the current rates.

use crate::components::line_chart::{LineChart, Series};
use crate::format::{duration_text, f1, group_lag, thousands, time_to_clear_s};
use crate::hooks::use_simulation::SimHandle;
use yew::prelude::*;

/// Props of [`Charts`].
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// Samples used for the current rates.
const RATE_WINDOW: usize = 5;

/// The charts.
#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let snap = &props.sim.snapshot;
    let (lag, partitions, throughput, rates) = props.sim.with(|s| {
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
                name: "produced/s".into(),
                class: "produce".into(),
                points: rate(&|x| x.produced),
            },
            Series {
                name: "processed/s (all groups)".into(),
                class: "consume".into(),
                points: rate(&|x| x.processed),
            },
        ];
        (lag, partitions, throughput, s.trace.rates(RATE_WINDOW))
    });
    let produce = rates.0;
    let estimates = snap.groups.iter().map(|g| {
        // Each group reads every record, so its consume rate is its share of the processed total.
        let share = props.sim.with(|s| {
            let n = s.trace.samples.len();
            if n < 2 {
                return 0.0;
            }
            let (a, b) = (&s.trace.samples[n.saturating_sub(RATE_WINDOW + 1)], &s.trace.samples[n - 1]);
            let lag_a = a.group_lag.iter().find(|(id, _)| *id == g.id).map_or(0, |(_, l)| *l) as f64;
            let lag_b = b.group_lag.iter().find(|(id, _)| *id == g.id).map_or(0, |(_, l)| *l) as f64;
            let dt = (b.t_ms - a.t_ms).max(1) as f64 / 1000.0;
            // lag(t) = produced − consumed, so consumed/s = produced/s − Δlag/s.
            produce - (lag_b - lag_a) / dt
        });
        let l = group_lag(g);
        // Consuming as fast as producing: the lag is the steady in-between of commits, not a backlog.
        let verdict = if produce > 0.0 && (share - produce).abs() <= produce * 0.05 {
            "keeping up (lag holds steady)".to_string()
        } else {
            duration_text(time_to_clear_s(l, produce, share))
        };
        html! {
            <li data-testid="clear-estimate">
                <strong>{ &g.id }</strong>{ format!(": lag {} · consuming {}/s vs producing {}/s → time to clear: {}",
                    thousands(l), f1(share), f1(produce), verdict) }
            </li>
        }
    });
    html! {
        <div class="charts">
            <LineChart title="Lag per group" unit="records" series={lag} />
            <LineChart title="Lag per partition (first group)" unit="records" series={partitions} />
            <LineChart title="Throughput" unit="records per virtual second" series={throughput} />
            <ul class="estimates">{ for estimates }</ul>
        </div>
    }
}
