//! Brokers (feature `brokers`): what consumer groups do when an unclean election cuts a partition's log, as
//! Kafka's consumer after KIP-320's validation.
#![cfg(feature = "brokers")]

mod common;

use kplay_core::scenario::Scenario;
use kplay_core::sim::{Event, EventKind, World};

/// The unclean scenario with `auto_offset_reset` = `reset`; `slow`: 50 ms a record, slower than the 25 records/s
/// of a partition, so fetched batches hold records above the cut when it happens.
fn unclean_run(reset: &str, slow: bool) -> (World, Vec<Event>) {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/brokers-unclean.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("\"earliest\"", &format!("\"{reset}\""))
    // With `none` the group needs committed offsets to start from.
    .replace(
        "\"none\",",
        r#""none","committed":[{"topic":"orders","partition":0,"offset":0},{"topic":"orders","partition":1,"offset":0}],"#,
    );
    let text = if slow {
        text.replace(r#""threads":1}"#, r#""threads":1,"processing_ms":50}"#)
    } else {
        text
    };
    let s: Scenario = serde_json::from_str(&text).unwrap();
    common::run(&s, 3, 60_000)
}

/// The cut of `unclean_run`: `(partition, from, to, visible)`.
fn cuts(events: &[Event]) -> Vec<(u32, u64, u64, u64)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::RecordsLost {
                partition,
                from,
                to,
                visible,
                ..
            } => Some((*partition, *from, *to, *visible)),
            _ => None,
        })
        .collect()
}

/// A group reading a partition whose log an unclean election cuts: as Kafka's consumer after KIP-320's
/// validation (`SubscriptionState.maybeCompleteValidation`), its position goes back to the cut, the first offset
/// known to diverge, whatever `auto.offset.reset` says (`earliest` does not re-read the partition, `latest`
/// does not skip): no duplicate, nothing skipped, every new record written at the cut offsets processed once.
/// What was fetched above the cut and not processed is discarded, so those new records are not duplicates.
#[test]
fn after_a_cut_the_group_goes_back_to_the_cut_and_new_records_at_old_offsets_are_not_duplicates() {
    for (reset, slow) in [("earliest", false), ("latest", false), ("earliest", true)] {
        let (w, events) = unclean_run(reset, slow);
        let lost = cuts(&events);
        assert_eq!(lost.len(), 1, "{reset}");
        let (p, from, _, visible) = lost[0];
        assert!(visible > 0, "{reset}: the group's log was cut");
        let g = &w.snapshot().groups[0];
        assert_eq!(g.duplicates, 0, "{reset} (slow: {slow}): {lost:?}");
        // After the cut nothing is skipped (`latest` skipped what preceded the group's start), and the
        // partition's offsets from the cut to its end are processed, each once.
        let at = events
            .iter()
            .position(|e| matches!(e.kind, EventKind::RecordsLost { .. }))
            .unwrap();
        assert!(
            !events[at..]
                .iter()
                .any(|e| matches!(e.kind, EventKind::Skipped { .. })),
            "{reset}: nothing skipped"
        );
        let mut after: Vec<u64> = events[at..]
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Processed {
                    partition, offset, ..
                } if *partition == p => Some(*offset),
                _ => None,
            })
            .collect();
        after.sort_unstable();
        // (The last records of the run may still be in flight.)
        let end = w.log_end("orders", p).unwrap();
        let n = after.len() as u64;
        if slow {
            // Lagging: fetched batches held records above the cut.
            assert!(
                end - from > n + 500,
                "{reset}: {n} processed of {}",
                end - from
            );
        } else {
            assert!(
                n + 5 >= end - from,
                "{reset}: {n} processed of {}",
                end - from
            );
        }
        assert!(
            after.iter().copied().eq(from..from + n),
            "{reset}: from {from}, once each"
        );
        // Every record sent is in a log or was reported lost.
        let kept: u64 = (0..2).map(|p| w.log_end("orders", p).unwrap()).sum();
        assert_eq!(kept + lost[0].2 - lost[0].1, 3_000, "{reset}");
    }
}

/// With `auto.offset.reset=none` Kafka's consumer raises `LogTruncationException` instead of going back: a
/// `log_truncation` warning names the partition, the cut and the position, and nothing is skipped silently.
#[test]
fn after_a_cut_with_reset_none_the_group_is_warned() {
    let (_, events) = unclean_run("none", false);
    let (p, from, _, _) = cuts(&events)[0];
    let warned: Vec<&String> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Warning { code, message, .. } if code == "log_truncation" => Some(message),
            _ => None,
        })
        .collect();
    assert!(!warned.is_empty());
    let head = format!("orders-{p}: log truncated at offset {from} below the position");
    assert!(warned[0].starts_with(&head), "{warned:?}");
    assert!(!events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Skipped { .. })));
}

/// A committed offset carries its leader epoch, so Kafka validates it too: a group down during the cut whose
/// committed offset is above it starts again from the cut when it comes back, even though the log refilled past
/// that offset meanwhile (the offsets between hold other records), instead of skipping them.
#[test]
fn a_committed_offset_above_a_cut_is_read_as_the_cut() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/brokers-unclean.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        r#"{"at_ms":1000,"kind":"crash_broker","broker":2},"#,
        r#"{"at_ms":1000,"kind":"crash_broker","broker":2},{"at_ms":14000,"kind":"crash","instance":"b1"},
           {"at_ms":14000,"kind":"crash","instance":"b2"},{"at_ms":80000,"kind":"restart","instance":"b1"},"#,
    );
    let s: Scenario = serde_json::from_str(&text).unwrap();
    let (w, events) = common::run(&s, 3, 100_000);
    let (p, from, _, visible) = cuts(&events)[0];
    assert!(visible > 0);
    let g = &w.snapshot().groups[0];
    let committed = g
        .partitions
        .iter()
        .find(|x| x.partition == p)
        .and_then(|x| x.committed);
    assert!(committed.is_some_and(|c| c > from + 100), "{committed:?}");
    let back = events.iter().position(|e| e.t_ms >= 80_000).unwrap();
    let first = events[back..].iter().find_map(|e| match &e.kind {
        EventKind::Processed {
            partition, offset, ..
        } if *partition == p => Some(*offset),
        _ => None,
    });
    assert_eq!(first, Some(from));
    assert!(!events[back..]
        .iter()
        .any(|e| matches!(e.kind, EventKind::Skipped { .. })));
    assert_eq!(g.duplicates, 0);
}
