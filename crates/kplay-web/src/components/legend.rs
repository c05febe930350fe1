//! The legend under the picture: one line per mark the topology draws, each with a small sample drawn with the
//! picture's own CSS classes (so it follows the theme). It is static markup: one string, parsed once by the
//! browser, costs fewer bundle bytes than building a few dozen elements in Rust, and an unchanged string is not
//! touched again when the app re-renders.

use yew::prelude::*;

/// Every mark explained, by its `data-mark` name (the order of [`LEGEND`]).
pub const MARKS: [&str; 17] = [
    "key",
    "key-pattern",
    "null-key",
    "tombstone",
    "commit",
    "processed",
    "lag",
    "older",
    "own",
    "busy",
    "idle",
    "waiting",
    "zombie",
    "down",
    "flight",
    "reprocessed",
    "rebalancing",
];

/// The legend's list. Samples use a 48×20 box; lanes, cells and markers use the picture's sizes.
pub const LEGEND: &str = concat!(
    r#"<ul class="marks-list">"#,
    r#"<li data-mark="key"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="1" y="1" width="22" height="18" rx="3" class="k0"/><text x="12" y="14" class="cell-offset">7</text></g><g class="cell"><rect x="25" y="1" width="22" height="18" rx="3" class="k1"/><text x="36" y="14" class="cell-offset">8</text></g></svg>"#,
    r#"<span>A record, coloured by its key (same key, same colour); the number is its offset.</span></li>"#,
    r#"<li data-mark="key-pattern"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="1" y="1" width="22" height="18" rx="3" class="k0 kh"/></g><g class="cell"><rect x="25" y="1" width="22" height="18" rx="3" class="k0 kd"/></g></svg>"#,
    r#"<span>Hatched or dotted: from the 13th key the 12 colours come back with a pattern, so key 13 never looks like key 1.</span></li>"#,
    r#"<li data-mark="null-key"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="13" y="1" width="22" height="18" rx="3" class="knull"/></g></svg>"#,
    r#"<span>Grey: a record without a key (null key).</span></li>"#,
    r#"<li data-mark="tombstone"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell tombstone"><rect x="13" y="1" width="22" height="18" rx="3" class="k0"/></g></svg>"#,
    r#"<span>Hollow: a tombstone, a record whose value is null (on a compacted topic it deletes its key).</span></li>"#,
    r#"<li data-mark="commit"><svg viewBox="0 0 48 20" aria-hidden="true"><rect class="lane-bg" x="0" y="0" width="48" height="20" rx="4"/><path class="commit-marker g0" d="M24 14 l-4 5 h8 z"/></svg>"#,
    r#"<span>Filled triangle below a lane: a group's committed offset (its colour), the next record it reads after a restart or rebalance.</span></li>"#,
    r#"<li data-mark="processed"><svg viewBox="0 0 48 20" aria-hidden="true"><rect class="lane-bg" x="0" y="0" width="48" height="20" rx="4"/><path class="processed-marker g0" d="M24 6 l-4 -5 h8 z"/></svg>"#,
    r#"<span>Hollow triangle above a lane: how far the group processed, when that is past its commit. Records in between are processed but not committed yet: a crash now means processing them again.</span></li>"#,
    r#"<li data-mark="lag"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="9" y="1" width="18" height="18" rx="3" class="k0"/></g><g class="cell"><rect x="28" y="1" width="18" height="18" rx="3" class="k1"/></g><path class="commit-marker g0" d="M8 14 l-4 5 h8 z"/></svg>"#,
    r#"<span>Lag: records after the commit marker (log-end minus committed offset), as kafka-consumer-groups --describe counts it.</span></li>"#,
    r#"<li data-mark="older"><svg viewBox="0 0 48 20" aria-hidden="true"><text class="lane-older" x="47" y="14">… 41</text></svg>"#,
    r#"<span>… N older: records still in the log before the ones drawn (back to log-start, the oldest kept). Click or scroll the lane to see them.</span></li>"#,
    r#"<li data-mark="own"><svg viewBox="0 0 48 20" aria-hidden="true"><path class="own g0" d="M2 4 C24 4 24 16 46 16"/></svg>"#,
    r#"<span>Line: the thread that owns (reads) a partition, in its group's colour.</span></li>"#,
    r#"<li data-mark="busy"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread busy"><circle cx="24" cy="10" r="6"/></g></svg>"#,
    r#"<span>A consumer thread reading its partitions (one group member).</span></li>"#,
    r#"<li data-mark="idle"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread idle"><circle cx="24" cy="10" r="6"/></g></svg>"#,
    r#"<span>Idle thread: more threads than partitions, so it got none.</span></li>"#,
    r#"<li data-mark="waiting"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread waiting"><circle cx="24" cy="10" r="6"/></g></svg>"#,
    r#"<span>Thread waiting for partitions while the group rebalances.</span></li>"#,
    r#"<li data-mark="zombie"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread zombie"><circle cx="24" cy="10" r="6"/></g></svg>"#,
    r#"<span>Kicked out: it did not poll within max.poll.interval.ms, so it left the group, yet it still finishes its batch. Kafka calls this a zombie; its commit fails and another thread reads those records again.</span></li>"#,
    r#"<li data-mark="down"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread down"><circle cx="8" cy="10" r="6"/></g><text class="instance-title down" x="17" y="14">✕ i1</text></svg>"#,
    r#"<span>Down instance (✕ crashed, ■ stopped) and its threads.</span></li>"#,
    r#"<li data-mark="flight"><svg viewBox="0 0 48 20" aria-hidden="true"><circle class="flight k0" cx="24" cy="10" r="5"/></svg>"#,
    r#"<span>A record in flight: produced to a partition, or fetched by a thread.</span></li>"#,
    r#"<li data-mark="reprocessed"><svg viewBox="0 0 48 20" aria-hidden="true"><circle class="flight dup k0" cx="24" cy="10" r="5"/></svg>"#,
    r#"<span>Red ring: a record processed again, re-read from the committed offset after a crash or rebalance.</span></li>"#,
    r#"<li data-mark="rebalancing"><svg viewBox="0 0 48 20" aria-hidden="true"><g class="group-head g0 rebalancing"><rect class="group-chip" x="1" y="0" width="8" height="20" rx="2"/><g class="state-badge st-PreparingRebalance"><rect x="13" y="3" width="33" height="14" rx="7"/></g></g></svg>"#,
    r#"<span>A group: its colour, then its state badge (Stable in green; PreparingRebalance and CompletingRebalance filled orange and pulsing while it rebalances; Empty grey; Dead red) and generation (one more at each rebalance).</span></li>"#,
    "</ul>"
);

/// The collapsible legend. A plain function rather than a component (each component type costs about 1 KB of
/// wasm): the app rebuilds it with each render, and yew leaves the DOM alone when the markup is the same string.
pub fn legend() -> Html {
    html! {
        <details class="marks" data-testid="legend">
            <summary>{ "What the marks mean" }</summary>
            { Html::from_html_unchecked(AttrValue::Static(LEGEND)) }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_has_one_entry_per_mark_in_order() {
        let names: Vec<&str> = LEGEND
            .split(r#"data-mark=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(names, MARKS);
        assert_eq!(LEGEND.matches("<li ").count(), MARKS.len());
        assert_eq!(
            LEGEND.matches("<svg ").count(),
            MARKS.len(),
            "a sample each"
        );
        assert!(LEGEND.contains("zombie") && LEGEND.contains("max.poll.interval.ms"));
    }
}
