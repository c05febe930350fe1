//! `Event::to_json_line` (the web's trace export, without serde) against `kplay run`'s lines (serde_json of the
//! derived `Serialize`): byte for byte on every event of every shipped scenario, on the golden trace, on
//! hand-made events of every kind and optional field, and on arbitrary strings.

mod common;

use common::{load, run};
use kplay_core::sim::{Event, EventKind};
use proptest::prelude::*;

fn cli_line(e: &Event) -> String {
    serde_json::to_string(e).expect("serializable")
}

#[test]
fn every_event_of_every_scenario_writes_as_the_cli_writes_it() {
    let dir = format!("{}/../../scenarios", env!("CARGO_MANIFEST_DIR"));
    let mut kinds = std::collections::BTreeSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("scenarios dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("utf-8");
        // Broker scenarios need the `brokers` feature.
        if !name.ends_with(".json") || (!cfg!(feature = "brokers") && name.starts_with("broker")) {
            continue;
        }
        let (_, events) = run(&load(&name), 7, 60_000);
        for e in &events {
            assert_eq!(e.to_json_line(), cli_line(e), "{name}");
            kinds.insert(e.kind.name());
            count += 1;
        }
    }
    assert!(count > 1000, "only {count} events");
    for k in [
        "produced",
        "processed",
        "committed",
        "assigned",
        "revoked",
        "lost",
        "group_state",
        "fault",
        // scenarios/broker-coordinator-failover.json crashes the group's coordinator.
        #[cfg(feature = "brokers")]
        "coordinator_unavailable",
        #[cfg(feature = "brokers")]
        "coordinator_moved",
    ] {
        assert!(
            kinds.contains(k),
            "no {k} event in the scenarios: {kinds:?}"
        );
    }
}

#[test]
fn the_golden_trace_reads_and_writes_back_byte_identical() {
    let path = format!(
        "{}/tests/data/golden/crash-duplicates.seed42.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("golden trace");
    for line in text.lines() {
        let e: Event = serde_json::from_str(line).expect("a trace line");
        assert_eq!(e.to_json_line(), line);
    }
}

fn every_kind(s: &str, opt: Option<String>) -> Vec<EventKind> {
    let parts = vec![(s.to_string(), 3), ("t".to_string(), 0)];
    vec![
        EventKind::Produced {
            topic: s.into(),
            partition: 1,
            offset: u64::MAX,
            key: opt.clone(),
            producer: s.into(),
            tombstone: opt.is_none(),
        },
        EventKind::Processed {
            group: s.into(),
            member: s.into(),
            instance: s.into(),
            thread: u32::MAX,
            topic: s.into(),
            partition: 0,
            offset: 9,
            key: opt.clone(),
            duplicate: opt.is_some(),
        },
        EventKind::Committed {
            group: s.into(),
            member: s.into(),
            topic: s.into(),
            partition: 2,
            offset: 0,
        },
        EventKind::Assigned {
            group: s.into(),
            member: s.into(),
            instance: s.into(),
            generation: -1,
            partitions: parts.clone(),
        },
        EventKind::Revoked {
            group: s.into(),
            member: s.into(),
            instance: s.into(),
            generation: i32::MAX,
            partitions: Vec::new(),
        },
        EventKind::Lost {
            group: s.into(),
            member: s.into(),
            instance: s.into(),
            partitions: parts.clone(),
        },
        EventKind::GroupState {
            group: s.into(),
            state: "Stable".into(),
            generation: i32::MIN,
        },
        EventKind::Skipped {
            group: s.into(),
            topic: s.into(),
            partition: 4,
            from: 1,
            to: 5,
            reason: "deleted".into(),
        },
        EventKind::OffsetsExpired {
            group: s.into(),
            partitions: parts,
        },
        EventKind::Fault {
            fault: s.into(),
            instance: opt.clone(),
            producer: None,
            topic: opt.clone(),
        },
        EventKind::Fault {
            fault: "pause".into(),
            instance: None,
            producer: opt.clone(),
            topic: None,
        },
        EventKind::Warning {
            code: s.into(),
            group: opt.clone(),
            message: s.into(),
        },
        #[cfg(feature = "brokers")]
        EventKind::LeaderChanged {
            topic: s.into(),
            partition: 3,
            leader: opt.as_ref().map(|_| 2),
            epoch: 7,
            unclean: opt.is_some(),
        },
        #[cfg(feature = "brokers")]
        EventKind::IsrShrunk {
            topic: s.into(),
            partition: 0,
            isr: vec![3, 1],
        },
        #[cfg(feature = "brokers")]
        EventKind::IsrExpanded {
            topic: s.into(),
            partition: 1,
            isr: vec![],
        },
        #[cfg(feature = "brokers")]
        EventKind::HighWatermark {
            topic: s.into(),
            partition: 2,
            hw: u64::MAX,
        },
        #[cfg(feature = "brokers")]
        EventKind::Truncated {
            topic: s.into(),
            partition: 2,
            broker: 4,
            to: 10,
            removed: 3,
        },
        #[cfg(feature = "brokers")]
        EventKind::RecordsLost {
            topic: s.into(),
            partition: 2,
            from: 10,
            to: 13,
            acknowledged: 2,
            visible: 1,
        },
        #[cfg(feature = "brokers")]
        EventKind::Duplicated {
            topic: s.into(),
            partition: 0,
            offset: 5,
            producer: s.into(),
        },
        #[cfg(feature = "brokers")]
        EventKind::BrokerFault {
            fault: s.into(),
            broker: 1,
        },
        #[cfg(feature = "brokers")]
        EventKind::CoordinatorUnavailable {
            group: s.into(),
            broker: u32::MAX,
        },
        #[cfg(feature = "brokers")]
        EventKind::CoordinatorMoved {
            group: s.into(),
            from: 2,
            to: 0,
        },
    ]
}

#[test]
fn every_kind_and_optional_field_writes_as_the_cli_writes_it() {
    for opt in [None, Some("k\"ey\\ \u{1}\u{7f} 한".to_string())] {
        for kind in every_kind("a\nb\t\"c\" \u{8}\u{c}\r\u{1f} é 🎉", opt) {
            let e = Event { t_ms: 12, kind };
            assert_eq!(e.to_json_line(), cli_line(&e));
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_strings_write_as_the_cli_writes_them(s in any::<String>(), k in proptest::option::of(any::<String>()), t in any::<u64>()) {
        for kind in every_kind(&s, k.clone()) {
            let e = Event { t_ms: t, kind };
            prop_assert_eq!(e.to_json_line(), cli_line(&e));
        }
    }
}
