//! The world lets the replication model forget what its consumers' log already has: a long run keeps the
//! model's retained records bounded by the replicas' lag (plus the amortisation step), not by the run's length.
#![cfg(feature = "brokers")]

use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::World;

#[test]
fn a_long_run_keeps_the_models_records_bounded() {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", 2);
    t.replication_factor = Some(3);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 2_000);
    p.acks = Some(Acks::All);
    s.producers.push(p);
    let mut w = World::new(&s, 1).unwrap();
    let mut most = 0;
    for _ in 0..60 {
        w.step(1_000);
        most = most.max(w.replica_records());
    }
    let produced = w.snapshot().totals.produced;
    assert!(produced >= 110_000, "{produced}");
    // Per partition and replica: under 4,096 records the consumers have, plus the records above their end.
    assert!(
        most < 2 * 3 * 5_000,
        "{most} records held after {produced} produced"
    );
    assert!(
        w.replica_records() > 0,
        "the records above the consumers' end stay"
    );
}
