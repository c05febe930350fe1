//! One millisecond of the cluster: step each topic's replication, turn its events into trace events, and bring
//! the logs consumers read to the high watermarks.

use super::{Cluster, Payloads, TopicRep};
use crate::event::EventKind;
use crate::replication::{ProduceError, ReplicationEvent};
use crate::sim::World;
use crate::topic::Topic;
use alloc::string::String;

/// A partition's `high_watermark` event comes at most this often (virtual ms), with the latest value.
pub(crate) const HW_EVENT_INTERVAL_MS: u64 = 1_000;

/// The world lets the model forget records its consumers have once at least this many could go.
const FORGET_EVERY: u64 = 512;

/// The records `e` says the model gave up on: a delivery timeout, or records lost from the log.
fn given_up(e: &ReplicationEvent) -> alloc::vec::Vec<(u64, usize, u32)> {
    match e {
        ReplicationEvent::ProduceFailed {
            producer_id,
            sequence,
            partition,
            error: ProduceError::DeliveryTimeout,
        } => alloc::vec![(*producer_id, *partition, *sequence)],
        ReplicationEvent::RecordsLost { partition, records } => records
            .iter()
            .map(|r| (r.producer_id, *partition, r.sequence))
            .collect(),
        _ => alloc::vec::Vec::new(),
    }
}

impl World {
    /// Steps the cluster by 1 ms (nothing without brokers).
    pub(in crate::sim) fn step_cluster(&mut self, now: u64) {
        let Some(mut c) = self.cluster.take() else {
            return;
        };
        let balance = c.balance_due.is_some_and(|d| d <= now);
        for ti in 0..c.topics.len() {
            let Some(mut t) = c.topics[ti].take() else {
                continue;
            };
            t.rep.step(1);
            if balance {
                t.rep.balance_leaders();
            }
            for e in t.rep.drain_events() {
                let given_up = given_up(&e);
                self.on_replication_event(&mut c, ti, e, now);
                for (pid, part, seq) in given_up {
                    self.forget_if_unneeded(&mut t, ti, pid, part, seq);
                }
            }
            self.sync_logs(&mut c, ti, &mut t, now);
            c.topics[ti] = Some(t);
        }
        if let Some(o) = &mut c.offsets {
            o.step(balance);
        }
        if balance {
            c.balance_ran();
        }
        c.arm_balance(now);
        self.cluster = Some(c);
        self.sync_coordinators(now);
    }

    /// Drops the kept payload of a record the model gave up on, unless it can still reach the consumers' log:
    /// the producer still has it (a lost record it will retry), or a replica's log holds it above what
    /// consumers have (its request reached a leader that went away; that replica may lead again). Either way
    /// it is forgotten at the latest when a later record of the producer reaches the partition's log.
    fn forget_if_unneeded(&self, t: &mut TopicRep, ti: usize, pid: u64, part: usize, seq: u32) {
        if t.rep.is_unfinished(pid, part, seq) {
            return;
        }
        let from = self.topics[ti].logs.get(part).map_or(0, |l| l.log_end());
        let held = t.rep.partition(part).is_some_and(|s| {
            s.replicas().iter().any(|&b| {
                s.log(b)
                    .map(|l| l.records_from(from))
                    .is_some_and(|rs| rs.iter().any(|r| r.producer_id == pid && r.sequence == seq))
            })
        });
        let pay = Payloads::of(&mut t.producers, pid);
        if let (false, Some(pay)) = (held, pay) {
            pay.drop_record(part, seq);
        }
    }

    fn on_replication_event(&mut self, c: &mut Cluster, ti: usize, e: ReplicationEvent, now: u64) {
        // Per-record answers stay inside the model; the HW is reported throttled by `sync_logs`.
        if matches!(
            e,
            ReplicationEvent::HighWatermark { .. }
                | ReplicationEvent::Acknowledged { .. }
                | ReplicationEvent::ProduceFailed { .. }
        ) {
            return;
        }
        let topic = self.topics[ti].spec.name.clone();
        let kind = match e {
            ReplicationEvent::LeaderChanged {
                partition,
                leader,
                epoch,
                unclean,
            } => EventKind::LeaderChanged {
                topic,
                partition: partition as u32,
                leader,
                epoch,
                unclean,
            },
            ReplicationEvent::IsrShrunk { partition, isr } => EventKind::IsrShrunk {
                topic,
                partition: partition as u32,
                isr,
            },
            ReplicationEvent::IsrExpanded { partition, isr } => EventKind::IsrExpanded {
                topic,
                partition: partition as u32,
                isr,
            },
            ReplicationEvent::Truncated {
                partition,
                broker,
                to,
                removed,
            } => EventKind::Truncated {
                topic,
                partition: partition as u32,
                broker,
                to,
                removed: removed.len() as u64,
            },
            ReplicationEvent::RecordsLost { partition, records } => {
                let (Some(first), Some(last)) = (records.first(), records.last()) else {
                    return;
                };
                let (from, to) = (first.offset, last.offset + 1);
                let acknowledged = records.iter().filter(|r| r.acked).count() as u64;
                c.lost += records.len() as u64;
                let visible = match self.topics[ti].logs.get_mut(partition) {
                    Some(log) => {
                        let cut = log.log_end().saturating_sub(from);
                        self.deleted += log.truncate_to(from);
                        cut
                    }
                    None => 0,
                };
                if visible > 0 {
                    // Consumers validate their positions with the new leader and go back to the cut; what
                    // groups processed above it is gone, and the offsets will hold other records.
                    let tp = (ti as u32, partition as u32);
                    let mut ctx = consumer_ctx!(self, now);
                    for g in &mut self.groups {
                        crate::consumer::truncate::truncated(g, tp, from, &mut ctx);
                    }
                }
                EventKind::RecordsLost {
                    topic,
                    partition: partition as u32,
                    from,
                    to,
                    acknowledged,
                    visible,
                }
            }
            ReplicationEvent::HighWatermark { .. }
            | ReplicationEvent::Acknowledged { .. }
            | ReplicationEvent::ProduceFailed { .. } => return,
        };
        self.events.push(now, kind);
    }

    /// Appends to each partition's consumer log the leader's records below the high watermark.
    fn sync_logs(&mut self, c: &mut Cluster, ti: usize, t: &mut TopicRep, now: u64) {
        let Self {
            topics,
            producers,
            events,
            keys,
            produced,
            ..
        } = self;
        let topic: &mut Topic = &mut topics[ti];
        let cfg = topic.cfg;
        for (p, log) in topic.logs.iter_mut().enumerate() {
            let target = t.rep.fetchable_until(p);
            if target > log.log_end() {
                let Some(leader_log) = t.rep.partition(p).and_then(|s| s.leader_log()) else {
                    continue;
                };
                for offset in log.log_end()..target {
                    let Some(r) = leader_log.get(offset) else {
                        break;
                    };
                    let Some(pay) = Payloads::of(&mut t.producers, r.producer_id) else {
                        continue;
                    };
                    // A missing payload (never expected) still keeps the offsets dense.
                    // The record keeps the producer's send time as its timestamp (CreateTime), not the time
                    // the high watermark passed it.
                    let (o, sent_ms) = pay.get(p, r.sequence).unwrap_or((
                        crate::producer::Outgoing {
                            partition: p as u32,
                            key: None,
                            sequence: r.sequence,
                            tombstone: false,
                        },
                        now,
                    ));
                    let world_index = producers
                        .iter()
                        .position(|x| x.rep == r.producer_id && x.topic == ti)
                        .map_or(pay.world_index, |i| i as u16);
                    let (size, seq) = (pay.record_bytes, o.sequence);
                    let at = if o.tombstone {
                        log.append_tombstone(&cfg, sent_ms, o.key, size, world_index, seq)
                    } else {
                        log.append(&cfg, sent_ms, o.key, size, world_index, seq)
                    };
                    *produced += 1;
                    if let Some(w) = producers.get_mut(world_index as usize) {
                        w.produced += 1;
                    }
                    pay.shown(p, r.batch_sequence);
                    if events.records_on() {
                        events.push(
                            now,
                            EventKind::Produced {
                                topic: topic.spec.name.clone(),
                                partition: p as u32,
                                offset: at,
                                key: o.key.map(|k| String::from(keys.name(k))),
                                producer: pay.name.clone(),
                                tombstone: o.tombstone,
                            },
                        );
                    }
                    if r.duplicate {
                        c.duplicated += 1;
                        let kind = EventKind::Duplicated {
                            topic: topic.spec.name.clone(),
                            partition: p as u32,
                            offset: at,
                            producer: pay.name.clone(),
                        };
                        events.push(now, kind);
                    }
                }
            }
            let hw = log.log_end();
            // Consumers have every record below `hw`: the model may forget them (it keeps what a replica, a
            // producer's retry or an election still needs). Only every few thousand records, so each drain
            // moves the retained tail once per many appends.
            if hw.saturating_sub(t.rep.log_start(p)) >= FORGET_EVERY {
                t.rep.forget_below(p, hw);
            }
            if let Some(last) = t.hw_reported.get_mut(p) {
                if hw != last.0 && (last.1 == 0 || now >= last.1 + HW_EVENT_INTERVAL_MS) {
                    *last = (hw, now.max(1));
                    let kind = EventKind::HighWatermark {
                        topic: topic.spec.name.clone(),
                        partition: p as u32,
                        hw,
                    };
                    events.push(now, kind);
                }
            }
        }
    }
}

impl World {
    /// Records the replication models hold, over every replica of every partition of every topic (what the
    /// world keeps besides the consumers' logs; bounded by the replicas' lag once consumers have the rest).
    pub fn replica_records(&self) -> u64 {
        let Some(c) = &self.cluster else { return 0 };
        let topics = c.topics.iter().flatten();
        let parts =
            topics.flat_map(|t| (0..t.rep.partition_count()).filter_map(|p| t.rep.partition(p)));
        parts
            .flat_map(|s| s.replicas().iter().filter_map(|&b| s.log(b)))
            .map(|l| l.records().len() as u64)
            .sum()
    }
}
