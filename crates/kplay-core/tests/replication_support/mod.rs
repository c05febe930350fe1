//! A fault-schedule runner for the replication properties: it drives the model one ms at a time and checks
//! the invariants after every ms.

use kplay_core::replication::{
    Acks, ProducerConfig, Record, Replication, ReplicationConfig, ReplicationEvent,
};
use std::collections::{BTreeMap, BTreeSet};

/// One fault at a virtual time.
#[derive(Clone, Debug)]
pub enum Fault {
    Crash(u32),
    Restart(u32),
    Slow(u32, u64),
    Fast(u32),
    LoseAck(u64),
    ElectPreferred(usize),
}

/// What a run saw.
#[derive(Default, Debug)]
pub struct Outcome {
    /// (partition, offset, epoch) of every record a producer was told is written.
    pub acked: BTreeSet<(usize, u64, u32)>,
    /// (partition, offset, epoch, acked flag) of every record reported lost.
    pub lost: BTreeSet<(usize, u64, u32, bool)>,
    /// Final leader (or last leader) log of each partition.
    pub final_logs: Vec<Vec<Record>>,
    /// Number of acknowledged records (to see that the run did something).
    pub acks: usize,
}

fn ids(log: &[Record]) -> BTreeSet<(u64, u32)> {
    log.iter().map(|r| (r.offset, r.epoch)).collect()
}

/// Runs `ms` virtual ms: two partitions of three replicas on brokers 1..=3, one producer per partition sending
/// a record every `every` ms, the faults at their times; panics (with the time) when an invariant breaks.
pub fn run(
    cfg: ReplicationConfig,
    producer: ProducerConfig,
    faults: &[(u64, Fault)],
    ms: u64,
    every: u64,
) -> Outcome {
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    let parts = [
        r.add_partition(vec![1, 2, 3]).unwrap(),
        r.add_partition(vec![2, 3, 1]).unwrap(),
    ];
    let producers = [r.add_producer(producer), r.add_producer(producer)];
    let mut out = Outcome::default();
    // Per partition: epoch -> leader seen, (epoch, hw) last seen, leader log as last seen.
    let mut leader_of_epoch: Vec<BTreeMap<u32, Option<u32>>> = vec![BTreeMap::new(); 2];
    let mut last_hw: Vec<(u32, u64)> = vec![(0, 0); 2];
    let mut seen_log: Vec<(u32, Vec<Record>)> = parts
        .iter()
        .map(|&p| {
            (
                0,
                r.partition(p)
                    .unwrap()
                    .leader_log()
                    .unwrap()
                    .records()
                    .to_vec(),
            )
        })
        .collect();
    for t in 0..ms {
        for (_, f) in faults.iter().filter(|(at, _)| *at == t) {
            match *f {
                Fault::Crash(b) => r.crash(b).unwrap(),
                Fault::Restart(b) => r.restart(b).unwrap(),
                Fault::Slow(b, d) => r.set_follower_delay(b, d).unwrap(),
                Fault::Fast(b) => r.set_follower_delay(b, 0).unwrap(),
                Fault::LoseAck(p) => r.lose_next_ack(p).unwrap(),
                Fault::ElectPreferred(p) => r.elect_preferred(p).unwrap(),
            }
        }
        if t % every == 0 {
            for (&p, &pr) in parts.iter().zip(&producers) {
                r.send(pr, p).unwrap();
            }
        }
        r.step(1);
        let events = r.drain_events();
        let mut lost_now: Vec<BTreeSet<(u64, u32)>> = vec![BTreeSet::new(); 2];
        for e in &events {
            match e {
                ReplicationEvent::Acknowledged {
                    partition,
                    offset,
                    epoch,
                    ..
                } => {
                    out.acked.insert((*partition, *offset, *epoch));
                    out.acks += 1;
                }
                ReplicationEvent::RecordsLost { partition, records } => {
                    for x in records {
                        lost_now[*partition].insert((x.offset, x.epoch));
                        out.lost.insert((*partition, x.offset, x.epoch, x.acked));
                    }
                }
                _ => {}
            }
        }
        for &p in &parts {
            let part = r.partition(p).unwrap();
            let epoch = part.leader_epoch();
            let prev = leader_of_epoch[p].insert(epoch, part.leader());
            assert!(
                prev.is_none_or(|l| l == part.leader()),
                "t={t} p={p}: two leaders in epoch {epoch}"
            );
            let hw = part.high_watermark();
            if let Some(leader) = part.leader() {
                for &b in part.isr() {
                    let leo = part.log(b).unwrap().leo();
                    assert!(
                        hw <= leo,
                        "t={t} p={p}: HW {hw} above ISR member {b}'s LEO {leo}"
                    );
                }
                if last_hw[p].0 == epoch {
                    assert!(
                        hw >= last_hw[p].1,
                        "t={t} p={p}: HW went down on leader {leader}"
                    );
                }
                last_hw[p] = (epoch, hw);
                assert_eq!(r.fetchable_until(p), hw);
            } else {
                assert_eq!(
                    r.fetchable_until(p),
                    0,
                    "t={t}: an offline partition serves nothing"
                );
            }
            // What vanished from the leader's log this ms is exactly what was reported lost.
            let log = part.leader_log().unwrap().records();
            let (seen_epoch, seen) = &seen_log[p];
            if *seen_epoch == epoch {
                assert!(
                    log.len() >= seen.len(),
                    "t={t} p={p}: a leader's log shrank within its term"
                );
                assert!(
                    lost_now[p].is_empty(),
                    "t={t} p={p}: loss reported without a leader change"
                );
            } else {
                let now_ids = ids(log);
                let vanished: BTreeSet<(u64, u32)> =
                    ids(seen).difference(&now_ids).copied().collect();
                assert_eq!(
                    vanished, lost_now[p],
                    "t={t} p={p}: reported loss differs from what vanished"
                );
            }
            if seen_log[p].0 == epoch {
                let seen = &mut seen_log[p].1;
                let same = |x: &Record| {
                    log.get(seen.len() - 1)
                        .is_some_and(|y| (y.offset, y.epoch) == (x.offset, x.epoch))
                };
                assert!(seen.last().is_none_or(same), "t={t} p={p}: log rewritten");
                let from = seen.len();
                seen.extend_from_slice(&log[from..]);
            } else {
                seen_log[p] = (epoch, log.to_vec());
            }
        }
    }
    // Heal: every broker up and fast; after a while every replica holds the leader's log and the ISR is full.
    for b in 1..=3 {
        r.restart(b).unwrap();
        r.set_follower_delay(b, 0).unwrap();
    }
    r.step(15_000);
    for &p in &parts {
        let part = r.partition(p).unwrap();
        let leader = ids(part.leader_log().unwrap().records());
        for b in 1..=3 {
            assert_eq!(
                ids(part.log(b).unwrap().records()),
                leader,
                "p={p}: broker {b} did not converge"
            );
        }
        assert_eq!(part.isr().len(), 3, "p={p}: ISR not full after healing");
        assert_eq!(part.high_watermark(), part.leader_log().unwrap().leo());
    }
    // Restarting everything may elect uncleanly and lose records too: they count.
    for e in r.drain_events() {
        match e {
            ReplicationEvent::Acknowledged {
                partition,
                offset,
                epoch,
                ..
            } => {
                out.acked.insert((partition, offset, epoch));
            }
            ReplicationEvent::RecordsLost { partition, records } => {
                out.lost.extend(
                    records
                        .iter()
                        .map(|x| (partition, x.offset, x.epoch, x.acked)),
                );
            }
            _ => {}
        }
    }
    out.final_logs = parts
        .iter()
        .map(|&p| {
            r.partition(p)
                .unwrap()
                .leader_log()
                .unwrap()
                .records()
                .to_vec()
        })
        .collect();
    out
}

/// Every acknowledged record that is not in the final log was reported lost, marked acknowledged.
pub fn check_ledger(out: &Outcome) {
    for &(p, offset, epoch) in &out.acked {
        let kept = out.final_logs[p]
            .iter()
            .any(|r| r.offset == offset && r.epoch == epoch);
        assert!(
            kept || out.lost.contains(&(p, offset, epoch, true)),
            "p={p}: acked {offset}@{epoch} vanished unreported"
        );
    }
}

/// A producer config from a flag pair.
pub fn producer(acks: Acks, idempotence: bool) -> ProducerConfig {
    ProducerConfig {
        acks,
        enable_idempotence: idempotence,
    }
}
