//! Tests of the trace digest: lifecycles, reprocessing, rates, and the end-to-end test's topology.

use super::*;
use kplay_core::sim::World;

#[test]
fn each_thread_shares_one_processed_text() {
    let mut t = Trace::default();
    let a = t.processed_text("g", "i-1", 0);
    let b = t.processed_text("g", "i-1", 0);
    let c = t.processed_text("g", "i-1", 1);
    assert!(Rc::ptr_eq(&a, &b));
    let en = crate::i18n::I18n::english();
    let r = ("t", 0, 0);
    assert_eq!(a.text(&en, r), "fetched and processed by g / i-1 thread 0");
    assert_eq!(c.text(&en, r), "fetched and processed by g / i-1 thread 1");
}

#[test]
fn lifecycle_follows_a_record_from_produce_to_commit() {
    let mut w =
        World::new(&crate::presets::default_scenario(), 7).unwrap_or_else(|e| panic!("{e:?}"));
    let mut t = Trace::default();
    for i in 0..200 {
        w.step(100);
        t.absorb(w.drain_events(), f64::from(i) * 100.0, true);
        t.sample(&w.snapshot());
    }
    let steps = t
        .lifecycles
        .get(&("orders".to_string(), 0, 0))
        .cloned()
        .unwrap_or_default();
    let en = crate::i18n::I18n::english();
    let text: Vec<String> = steps
        .iter()
        .map(|s| s.what.text(&en, ("orders", 0, 0)))
        .collect();
    assert!(text[0].starts_with("produced by shop"), "{text:?}");
    assert!(
        text.iter().any(|s| s.contains("processed by billing")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|s| s.starts_with("committed by billing")),
        "{text:?}"
    );
    assert!(t.flights.len() <= FLIGHT_CAP);
    assert!(t.events.len() <= EVENT_LOG_CAP);
    let (p, c) = t.rates(5);
    assert!((p - 4.0).abs() < 1.5, "4 records/s produced, got {p}");
    assert!(c > 0.0);
}

#[test]
fn crash_then_rebalance_counts_reprocessing() {
    let mut w =
        World::new(&crate::presets::default_scenario(), 7).unwrap_or_else(|e| panic!("{e:?}"));
    let mut t = Trace::default();
    w.step(8000);
    t.absorb(w.drain_events(), 0.0, false);
    assert!(w
        .apply(kplay_core::Command::Crash {
            instance: "billing-1".into()
        })
        .is_ok());
    w.step(30_000);
    t.absorb(w.drain_events(), 0.0, false);
    assert!(
        t.reprocessed > 0,
        "auto-commit every 5 s: a crash re-delivers the uncommitted records"
    );
    assert!(t.flights.is_empty(), "no flights when not animating");
}

mod e2e_mirror {
    use kplay_core::scenario::*;
    use kplay_core::{Command, Scenario, World};

    /// The topology the end-to-end test builds through the UI, crashed after it settles.
    #[test]
    fn crash_after_settling_reprocesses() {
        let mut w = World::new(&Scenario::default(), 0).unwrap_or_else(|e| panic!("{e:?}"));
        let ok = |r: Result<(), kplay_core::sim::CommandError>| assert!(r.is_ok(), "{r:?}");
        ok(w.apply(Command::AddTopic {
            topic: TopicSpec::new("orders", 3),
        }));
        let mut p = ProducerSpec::new("shop", "orders", 5);
        p.keys = KeySpec {
            kind: KeyKind::Cycle,
            values: vec!["alice".into(), "bob".into(), "carol".into()],
        };
        ok(w.apply(Command::AddProducer { producer: p }));
        let mut g = GroupSpec::new("billing", ["orders"]);
        g.auto_offset_reset = OffsetReset::Earliest;
        g.instances
            .push(InstanceSpec::new("billing-1", "OrderListener", 2));
        g.instances
            .push(InstanceSpec::new("billing-2", "OrderListener", 2));
        ok(w.apply(Command::AddGroup { group: g }));
        w.step(5000);
        // Wait until billing-1 holds processed but uncommitted records (auto-commit runs every 5 s).
        let mut t = super::super::Trace::default();
        let uncommitted = |w: &World, t: &super::super::Trace| {
            let g = &w.snapshot().groups[0];
            g.partitions.iter().any(|p| {
                let upto = t
                    .processed_upto
                    .get(&("billing".into(), p.topic.clone(), p.partition))
                    .copied();
                p.owner
                    .as_deref()
                    .is_some_and(|o| o.starts_with("billing-1-"))
                    && upto > p.committed
            })
        };
        t.absorb(w.drain_events(), 0.0, false);
        while !uncommitted(&w, &t) {
            w.step(100);
            t.absorb(w.drain_events(), 0.0, false);
        }
        let gen = w.snapshot().groups[0].generation;
        ok(w.apply(Command::Crash {
            instance: "billing-1".into(),
        }));
        w.step(60_000);
        let g = &w.snapshot().groups[0];
        assert!(g.generation > gen);
        assert!(
            g.duplicates > 0,
            "what billing-1 processed after its last commit is processed again"
        );
    }
}
