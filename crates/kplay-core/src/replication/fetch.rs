//! Follower fetching, the leader's answer and leader-epoch truncation (`ReplicaFetcherThread`,
//! `AbstractFetcherThread.getOffsetTruncationState`, `Partition.fetchRecords` / `readFromLocalLog`).

use super::event::ReplicationEvent;
use super::model::{Parked, Replication};
use super::net::{FetchBody, Msg};

impl Replication {
    /// Every running follower of a partition with a running leader keeps one fetch outstanding.
    pub(crate) fn send_fetches(&mut self) -> bool {
        if !core::mem::take(&mut self.fetch_wanted) {
            return false;
        }
        let (now, lat) = (self.now, self.cfg.network_latency_ms);
        let mut busy = false;
        for part in 0..self.parts.len() {
            let Some(leader) = self.parts[part].leader else {
                continue;
            };
            let leader_id = self.parts[part].replicas[leader];
            if !self.is_up(leader_id) {
                continue;
            }
            for slot in 0..self.parts[part].replicas.len() {
                let id = self.parts[part].replicas[slot];
                if slot == leader || self.fetching[part][slot].is_some() {
                    continue;
                }
                let Some(b) = self.broker(id).filter(|b| b.up) else {
                    continue;
                };
                let delay = lat.saturating_add(b.extra_fetch_delay);
                let p = &self.parts[part];
                let log = &p.logs[slot];
                self.fetch_ids = self.fetch_ids.wrapping_add(1);
                let fetch = self.fetch_ids;
                let msg = Msg::Fetch {
                    id: fetch,
                    part,
                    slot,
                    fetch_offset: log.leo(),
                    last_epoch: log.latest_epoch(),
                    epoch: p.epoch,
                };
                let inc = self.incarnation(leader_id);
                self.net.send(now.saturating_add(delay), inc, msg);
                self.fetching[part][slot] = Some(fetch);
                busy = true;
            }
        }
        busy
    }

    /// Delivers every message due now. Returns true if any was delivered.
    pub(crate) fn deliver_due(&mut self) -> bool {
        let mut busy = false;
        while let Some(env) = self.net.pop_due(self.now) {
            busy = true;
            match env.msg {
                Msg::Fetch {
                    id,
                    part,
                    slot,
                    fetch_offset,
                    last_epoch,
                    epoch,
                } => {
                    if self.fetching[part][slot] != Some(id) {
                        continue; // stale: the follower restarted or the leader changed since
                    }
                    let p = &self.parts[part];
                    let leader_up = p.leader().is_some_and(|l| {
                        self.is_up(l) && self.incarnation(l) == env.to_incarnation
                    });
                    if !leader_up || p.epoch != epoch {
                        self.fetching[part][slot] = None; // FENCED_LEADER_EPOCH / connection lost: fetch again
                        self.fetch_wanted = true;
                        continue;
                    }
                    self.on_fetch(id, part, slot, fetch_offset, last_epoch);
                }
                Msg::FetchResp {
                    id,
                    part,
                    slot,
                    epoch,
                    body,
                } => {
                    if self.fetching[part][slot] != Some(id) {
                        continue;
                    }
                    self.fetching[part][slot] = None;
                    self.fetch_wanted = true;
                    let broker = self.parts[part].replicas[slot];
                    if self.is_up(broker)
                        && self.incarnation(broker) == env.to_incarnation
                        && self.parts[part].epoch == epoch
                    {
                        self.on_fetch_resp(part, slot, body);
                    }
                }
                Msg::Produce {
                    part,
                    broker,
                    producer,
                    seqs,
                    attempt,
                } => {
                    if self.is_up(broker) && self.incarnation(broker) == env.to_incarnation {
                        self.on_produce(part, broker, producer, &seqs, attempt);
                    }
                }
                Msg::ProduceResp {
                    producer,
                    attempt,
                    result,
                } => self.on_produce_resp(producer, attempt, result),
            }
        }
        busy
    }

    /// Leader side (`Partition.fetchRecords`): check divergence against the follower's last fetched epoch,
    /// record the fetch (`updateFollowerFetchState`), maybe expand the ISR and move the HW, then answer with the
    /// records after `fetch_offset` or park the fetch until there are some.
    fn on_fetch(
        &mut self,
        id: u32,
        part: usize,
        slot: usize,
        fetch_offset: u64,
        last_epoch: Option<u32>,
    ) {
        let now = self.now;
        let p = &mut self.parts[part];
        let Some(leader) = p.leader else { return };
        let leader_log = &p.logs[leader];
        let leader_leo = leader_log.leo();
        if let Some(e) = last_epoch {
            let (end_epoch, end_offset) = leader_log.end_offset_for(e).unwrap_or((0, 0));
            if end_epoch < e || end_offset < fetch_offset {
                let body = FetchBody::Diverging {
                    epoch: end_epoch,
                    end_offset,
                };
                return self.respond(id, part, slot, body);
            }
        }
        p.views[slot].on_fetch(fetch_offset, now, leader_leo);
        let broker = p.replicas[slot];
        let eligible = self.broker(broker).is_some_and(|b| b.up && !b.fenced);
        if self.parts[part].maybe_expand_isr(slot, eligible) {
            let isr = self.parts[part].isr.clone();
            self.events.push(ReplicationEvent::IsrExpanded {
                partition: part,
                isr,
            });
        }
        self.maybe_increment_hw(part);
        if fetch_offset < leader_leo {
            self.respond_records(id, part, slot, fetch_offset);
        } else {
            let epoch = self.parts[part].epoch;
            let deadline = now.saturating_add(self.cfg.replica_fetch_wait_max_ms);
            self.parked_due = self.parked_due.min(deadline);
            self.parked.push(Parked {
                id,
                part,
                slot,
                epoch,
                fetch_offset,
                deadline,
            });
        }
    }

    fn respond_records(&mut self, id: u32, part: usize, slot: usize, fetch_offset: u64) {
        let p = &self.parts[part];
        let Some(leader) = p.leader else { return };
        let log = &p.logs[leader];
        // `forget_below` keeps every replica's LEO at or above the log start, and a follower fetches from its LEO.
        debug_assert!(fetch_offset >= log.log_start(), "fetch below the log start");
        let body = FetchBody::Records {
            records: log.records_from(fetch_offset).to_vec(),
            hw: p.hws[leader],
        };
        self.respond(id, part, slot, body);
    }

    fn respond(&mut self, id: u32, part: usize, slot: usize, body: FetchBody) {
        let p = &self.parts[part];
        let (epoch, broker) = (p.epoch, p.replicas[slot]);
        let at = self.now.saturating_add(self.cfg.network_latency_ms);
        let inc = self.incarnation(broker);
        self.net.send(
            at,
            inc,
            Msg::FetchResp {
                id,
                part,
                slot,
                epoch,
                body,
            },
        );
    }

    /// Parked fetches complete when the leader has data past their offset or their wait is over.
    pub(crate) fn complete_parked(&mut self) -> bool {
        let now = self.now;
        // Nothing can complete unless a leader appended or a deadline passed.
        if !core::mem::take(&mut self.parked_check) && now < self.parked_due {
            return false;
        }
        let parts = &self.parts;
        let mut ready = alloc::vec::Vec::new();
        self.parked.retain(|w| {
            let p = &parts[w.part];
            let leo = p.leader.map_or(0, |l| p.logs[l].leo());
            let go = p.epoch == w.epoch && (leo > w.fetch_offset || w.deadline <= now);
            if go {
                ready.push(w.clone());
            }
            !go && p.epoch == w.epoch
        });
        self.parked_due = self
            .parked
            .iter()
            .map(|w| w.deadline)
            .min()
            .unwrap_or(u64::MAX);
        let busy = !ready.is_empty();
        for w in ready {
            self.respond_records(w.id, w.part, w.slot, w.fetch_offset);
        }
        busy
    }

    /// Follower side: truncate on a diverging epoch (`getOffsetTruncationState`), else append and take the HW
    /// (capped at the own LEO).
    fn on_fetch_resp(&mut self, part: usize, slot: usize, body: FetchBody) {
        let p = &mut self.parts[part];
        let log = &mut p.logs[slot];
        match body {
            FetchBody::Diverging { epoch, end_offset } => {
                let leo = log.leo();
                let to = match log.end_offset_for(epoch) {
                    Some((fe, fo)) if fe == epoch => fo.min(end_offset).min(leo),
                    Some((_, fo)) => fo.min(leo),
                    None => end_offset.min(leo),
                };
                let removed = log.truncate_to(to);
                p.hws[slot] = p.hws[slot].min(to);
                if !removed.is_empty() {
                    let broker = p.replicas[slot];
                    self.events.push(ReplicationEvent::Truncated {
                        partition: part,
                        broker,
                        to,
                        removed,
                    });
                }
            }
            FetchBody::Records { records, hw } => {
                for r in records {
                    if r.offset == log.leo() {
                        log.append(r);
                    }
                }
                p.hws[slot] = hw.min(log.leo());
            }
        }
    }
}
