//! A lost acknowledgement without idempotence writes the producer's whole batch again (Kafka retries a batch
//! unchanged): every record of the second copy is reported duplicated and carries its key.

use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, KeyKind, KeySpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, EventKind, World};

#[test]
fn a_retried_batch_is_written_again_whole_with_its_keys() {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", 1);
    t.replication_factor = Some(3);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 5_000);
    p.acks = Some(Acks::One);
    p.enable_idempotence = Some(false);
    p.keys = KeySpec {
        kind: KeyKind::Cycle,
        values: (0..7).map(|i| format!("k{i}")).collect(),
    };
    s.producers.push(p);
    let mut w = World::new(&s, 5).unwrap();
    w.step(2_000);
    w.apply(Command::LoseAck {
        producer: "p".into(),
    })
    .unwrap();
    w.step(45_000);
    let dups: Vec<u64> = w
        .events()
        .filter_map(|e| match e.kind {
            EventKind::Duplicated { offset, .. } => Some(offset),
            _ => None,
        })
        .collect();
    let n = dups.len() as u64;
    assert!(
        n >= 2,
        "the lost answer was for a batch of several records: {dups:?}"
    );
    assert_eq!(w.replication_totals().unwrap().1, n);
    assert!(
        dups.windows(2).all(|d| d[1] == d[0] + 1),
        "the copy is one run: {dups:?}"
    );
    let records = w.records_before("t", 0, u64::MAX, usize::MAX);
    let key_at = |o: u64| {
        records
            .iter()
            .find(|r| r.offset == o)
            .and_then(|r| r.key.clone())
    };
    for &o in &dups {
        let copy = key_at(o).unwrap_or_else(|| panic!("duplicate at offset {o} lost its key"));
        assert_eq!(
            Some(copy),
            key_at(o - n),
            "offset {o} repeats offset {}",
            o - n
        );
    }
    assert!(
        records.iter().all(|r| r.key.is_some()),
        "every record has its key"
    );
}
