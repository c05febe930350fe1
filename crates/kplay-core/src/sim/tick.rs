//! One millisecond of the world, in fixed phases.

use super::World;
use crate::consumer;
use crate::event::EventKind;
use crate::group::coordinator::TopicsInfo;
use crate::producer::Outgoing;
use crate::scenario::{OFFSETS_RETENTION_CHECK_INTERVAL_MS, RETENTION_CHECK_INTERVAL_MS};
use alloc::string::String;
use alloc::vec::Vec;

impl World {
    pub(super) fn tick(&mut self) {
        let now = self.now_ms;
        while self.next_fault < self.faults.len() && self.faults[self.next_fault].at_ms <= now {
            let fault = self.faults[self.next_fault].clone();
            self.next_fault += 1;
            let command = super::apply::fault_command(&fault);
            if let Err(e) = self.apply(command) {
                let message = alloc::format!(
                    "fault {} at {} ms rejected: {e}",
                    fault.kind.name(),
                    fault.at_ms
                );
                self.events.push(
                    now,
                    EventKind::Warning {
                        code: "fault_rejected".into(),
                        group: None,
                        message,
                    },
                );
            }
        }
        #[cfg(feature = "brokers")]
        self.refresh_available();
        self.produce(now);
        #[cfg(feature = "brokers")]
        self.step_cluster(now);
        if now >= self.next_retention_ms {
            self.next_retention_ms = now + RETENTION_CHECK_INTERVAL_MS;
            // Compacted logs (also `compact,delete`) are the log cleaner's (LogManager.cleanupLogs skips them).
            for t in self.topics.iter_mut().filter(|t| !t.cfg.compact) {
                let cfg = t.cfg;
                for log in &mut t.logs {
                    self.deleted += log.enforce_retention(&cfg, now);
                }
            }
        }
        self.run_cleaner(now);
        if now >= self.next_memory_check_ms {
            self.next_memory_check_ms = now + super::memory::MEMORY_CHECK_INTERVAL_MS;
            self.guard_memory(now);
        }
        if now >= self.next_offsets_check_ms {
            self.next_offsets_check_ms = now + OFFSETS_RETENTION_CHECK_INTERVAL_MS;
            // Offset expiry is a coordinator's task: none runs for a group without one.
            for g in self.groups.iter_mut().filter(|g| g.coordinator_available()) {
                g.expire_offsets(now, &self.topics, &mut self.events);
            }
        }
        let names: Vec<&str> = self.topics.iter().map(|t| t.live_name()).collect();
        let counts: Vec<u32> = self.topics.iter().map(|t| t.partition_count()).collect();
        let info = TopicsInfo {
            names: &names,
            counts: &counts,
        };
        // An unavailable coordinator runs no timers: no session expires and no join round completes.
        for g in self.groups.iter_mut().filter(|g| g.coordinator_available()) {
            g.coord
                .tick(now, &g.spec, &g.spec.id, &info, &mut self.events);
        }
        let mut ctx = consumer_ctx!(self, now);
        for g in &mut self.groups {
            consumer::tick_group(g, &mut ctx);
        }
        #[cfg(feature = "brokers")]
        self.persist_groups();
        #[cfg(debug_assertions)]
        super::invariants::check(self);
        for g in &mut self.groups {
            g.last_generation = g.coord.generation;
        }
    }

    fn produce(&mut self, now: u64) {
        let mut out = core::mem::take(&mut self.scratch);
        for pi in 0..self.producers.len() {
            out.clear();
            let p = &mut self.producers[pi];
            p.tick(now, &self.topics[p.topic], &self.keys, &mut out);
            self.append(pi, &out, now);
        }
        self.scratch = out;
    }

    pub(super) fn append(&mut self, pi: usize, out: &[Outgoing], now: u64) {
        // With brokers, records go through the replication model and reach the log at the high watermark.
        #[cfg(feature = "brokers")]
        if let Some(c) = &mut self.cluster {
            let p = &self.producers[pi];
            c.send(p.topic, p.rep, out, now);
            return;
        }
        let p = &mut self.producers[pi];
        let topic = &mut self.topics[p.topic];
        let cfg = topic.cfg;
        for o in out {
            let Some(log) = topic.logs.get_mut(o.partition as usize) else {
                continue;
            };
            let (size, producer) = (p.spec.record_bytes, pi as u16);
            let offset = if o.tombstone {
                log.append_tombstone(&cfg, now, o.key, size, producer, o.sequence)
            } else {
                log.append(&cfg, now, o.key, size, producer, o.sequence)
            };
            p.produced += 1;
            self.produced += 1;
            if self.events.records_on() {
                let kind = EventKind::Produced {
                    topic: topic.spec.name.clone(),
                    partition: o.partition,
                    offset,
                    key: o.key.map(|k| String::from(self.keys.name(k))),
                    producer: p.spec.id.clone(),
                    tombstone: o.tombstone,
                };
                self.events.push(now, kind);
            }
        }
    }
}
