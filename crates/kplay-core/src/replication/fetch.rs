//! Follower fetching, the leader's answer and leader-epoch truncation (`ReplicaFetcherThread`,
//! `AbstractFetcherThread.getOffsetTruncationState`, `Partition.fetchRecords` / `readFromLocalLog`).
//!
//! A follower broker has one fetch session with each broker that leads partitions it follows
//! (`num.replica.fetchers` = 1: one `ReplicaFetcherThread` per source broker), and each fetch carries all of
//! those partitions, as Kafka's fetcher builds one request from every partition it holds.

use super::config::BrokerId;
use super::event::ReplicationEvent;
use super::model::{Parked, Replication};
use super::net::{FetchBody, FetchEntry, FetchPart, Msg};
use alloc::vec::Vec;

impl Replication {
    /// Every running follower keeps one fetch outstanding to each running broker that leads partitions it
    /// follows, covering all of them (`AbstractFetcherThread.maybeFetch`).
    pub(crate) fn send_fetches(&mut self) -> bool {
        if !core::mem::take(&mut self.fetch_wanted) {
            return false;
        }
        let (now, lat) = (self.now, self.cfg.network_latency_ms);
        let n = self.brokers.len();
        let mut requests: Vec<Vec<FetchEntry>> = alloc::vec![Vec::new(); n * n];
        for (part, p) in self.parts.iter().enumerate() {
            let Some(leader) = p.leader else { continue };
            let Some(l) = self.brokers.iter().position(|b| b.id == p.replicas[leader]) else {
                continue;
            };
            if !self.brokers[l].up {
                continue;
            }
            for (slot, &id) in p.replicas.iter().enumerate() {
                let Some(f) = self.brokers.iter().position(|b| b.id == id) else {
                    continue;
                };
                let session = f * n + l;
                if slot == leader || !self.brokers[f].up || self.sessions[session].is_some() {
                    continue;
                }
                let log = &p.logs[slot];
                requests[session].push(FetchEntry {
                    part,
                    slot,
                    fetch_offset: log.leo(),
                    last_epoch: log.latest_epoch(),
                    epoch: p.epoch,
                });
            }
        }
        let mut busy = false;
        for (session, entries) in requests.into_iter().enumerate() {
            if entries.is_empty() {
                continue;
            }
            let (follower, leader) = (&self.brokers[session / n], &self.brokers[session % n]);
            let delay = lat.saturating_add(follower.extra_fetch_delay);
            self.fetch_ids = self.fetch_ids.wrapping_add(1);
            let id = self.fetch_ids;
            let msg = Msg::Fetch {
                id,
                follower: follower.id,
                leader: leader.id,
                entries,
            };
            let inc = leader.incarnation;
            self.net.send(now.saturating_add(delay), inc, msg);
            self.sessions[session] = Some(id);
            busy = true;
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
                    follower,
                    leader,
                    entries,
                } => {
                    let Some(session) = self.session(follower, leader) else {
                        continue;
                    };
                    if self.sessions[session] != Some(id) {
                        continue; // stale: the follower restarted or gave the fetch up since
                    }
                    if !(self.is_up(leader) && self.incarnation(leader) == env.to_incarnation) {
                        self.sessions[session] = None; // connection lost: fetch again
                        self.fetch_wanted = true;
                        continue;
                    }
                    self.on_fetch(id, follower, leader, entries);
                }
                Msg::FetchResp {
                    id,
                    follower,
                    leader,
                    parts,
                } => {
                    let Some(session) = self.session(follower, leader) else {
                        continue;
                    };
                    if self.sessions[session] != Some(id) {
                        continue;
                    }
                    self.sessions[session] = None;
                    self.fetch_wanted = true;
                    if !(self.is_up(follower) && self.incarnation(follower) == env.to_incarnation) {
                        continue;
                    }
                    for fp in parts {
                        // A partition whose leader changed since is fetched anew in the new epoch.
                        if self.parts[fp.part].epoch == fp.epoch {
                            self.on_fetch_resp(fp.part, fp.slot, fp.body);
                        }
                    }
                }
                Msg::Produce {
                    broker,
                    producer,
                    attempt,
                    batches,
                    seqs,
                } => {
                    if self.is_up(broker) && self.incarnation(broker) == env.to_incarnation {
                        self.on_produce(broker, producer, attempt, &batches, &seqs);
                    }
                }
                Msg::ProduceResp {
                    producer,
                    attempt,
                    results,
                } => self.on_produce_resp(producer, attempt, results),
            }
        }
        busy
    }

    /// Leader side (`ReplicaManager.fetchMessages`, per partition `Partition.fetchRecords`): check each
    /// partition's divergence against the follower's last fetched epoch, record the fetch
    /// (`updateFollowerFetchState`), maybe expand the ISR and move the HW; then answer at once if a partition
    /// has records, diverges or is not led here any more (`fetch.min.bytes` = 1, errors answer at once), else
    /// park the fetch until one has.
    fn on_fetch(
        &mut self,
        id: u32,
        follower: BrokerId,
        leader: BrokerId,
        entries: Vec<FetchEntry>,
    ) {
        let now = self.now;
        let eligible = self.broker(follower).is_some_and(|b| b.up && !b.fenced);
        let mut answer_now = false;
        let mut diverging = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let p = &mut self.parts[e.part];
            // A partition not led here in the follower's epoch gets an error (`NOT_LEADER_OR_FOLLOWER`,
            // `FENCED_LEADER_EPOCH`): left out of the answer, the follower fetches it anew.
            let Some(ls) = p
                .leader
                .filter(|&s| p.replicas[s] == leader && p.epoch == e.epoch)
            else {
                answer_now = true;
                continue;
            };
            let leader_log = &p.logs[ls];
            let leader_leo = leader_log.leo();
            if let Some(last) = e.last_epoch {
                let (end_epoch, end_offset) = leader_log.end_offset_for(last).unwrap_or((0, 0));
                if end_epoch < last || end_offset < e.fetch_offset {
                    diverging.push((i, end_epoch, end_offset));
                    answer_now = true;
                    continue;
                }
            }
            p.views[e.slot].on_fetch(e.fetch_offset, now, leader_leo);
            if p.maybe_expand_isr(e.slot, eligible) {
                let isr = p.isr.clone();
                self.events.push(ReplicationEvent::IsrExpanded {
                    partition: e.part,
                    isr,
                });
            }
            self.maybe_increment_hw(e.part);
            answer_now |= e.fetch_offset < leader_leo;
        }
        if answer_now {
            self.respond(id, follower, leader, &entries, &diverging);
        } else {
            let deadline = now.saturating_add(self.cfg.replica_fetch_wait_max_ms);
            self.parked_due = self.parked_due.min(deadline);
            self.parked.push(Parked {
                id,
                follower,
                leader,
                entries,
                deadline,
            });
        }
    }

    /// The answer to a fetch: for each partition still led by `leader` in the fetched epoch, the diverging epoch
    /// found on arrival, or the records from the fetch offset (maybe none) and the HW, which the follower takes.
    fn respond(
        &mut self,
        id: u32,
        follower: BrokerId,
        leader: BrokerId,
        entries: &[FetchEntry],
        diverging: &[(usize, u32, u64)],
    ) {
        let mut parts = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let p = &self.parts[e.part];
            let Some(ls) = p
                .leader
                .filter(|&s| p.replicas[s] == leader && p.epoch == e.epoch)
            else {
                continue;
            };
            let body = match diverging.iter().find(|d| d.0 == i) {
                Some(&(_, epoch, end_offset)) => FetchBody::Diverging { epoch, end_offset },
                None => {
                    let log = &p.logs[ls];
                    // `forget_below` keeps every replica's LEO at or above the log start, and a follower
                    // fetches from its LEO.
                    debug_assert!(
                        e.fetch_offset >= log.log_start(),
                        "fetch below the log start"
                    );
                    FetchBody::Records {
                        from: e.fetch_offset,
                        to: log.leo(),
                        hw: p.hws[ls],
                    }
                }
            };
            parts.push(FetchPart {
                part: e.part,
                slot: e.slot,
                epoch: e.epoch,
                body,
            });
        }
        let at = self.now.saturating_add(self.cfg.network_latency_ms);
        let inc = self.incarnation(follower);
        let msg = Msg::FetchResp {
            id,
            follower,
            leader,
            parts,
        };
        self.net.send(at, inc, msg);
    }

    /// Parked fetches complete when one of their partitions has data past its fetch offset or a new leader
    /// epoch, or their wait is over (`DelayedFetch.tryComplete`).
    pub(crate) fn complete_parked(&mut self) -> bool {
        let now = self.now;
        // Nothing can complete unless a leader appended or changed, or a deadline passed.
        if !core::mem::take(&mut self.parked_check) && now < self.parked_due {
            return false;
        }
        let mut busy = false;
        let mut i = 0;
        while let Some(w) = self.parked.get(i) {
            let go = w.deadline <= now
                || w.entries.iter().any(|e| {
                    let p = &self.parts[e.part];
                    p.epoch != e.epoch || p.leader.is_some_and(|l| p.logs[l].leo() > e.fetch_offset)
                });
            if go {
                let w = self.parked.remove(i);
                self.respond(w.id, w.follower, w.leader, &w.entries, &[]);
                busy = true;
            } else {
                i += 1;
            }
        }
        self.parked_due = self
            .parked
            .iter()
            .map(|w| w.deadline)
            .min()
            .unwrap_or(u64::MAX);
        busy
    }

    /// Follower side: truncate on a diverging epoch (`getOffsetTruncationState`), else append and take the HW
    /// (capped at the own LEO).
    fn on_fetch_resp(&mut self, part: usize, slot: usize, body: FetchBody) {
        let p = &mut self.parts[part];
        match body {
            FetchBody::Diverging { epoch, end_offset } => {
                let log = &mut p.logs[slot];
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
            FetchBody::Records { from, to, hw } => {
                // The caller checked the epoch: the leader that answered still leads.
                let Some(leader) = p.leader.filter(|&l| l != slot) else {
                    return;
                };
                for offset in from..to {
                    let Some(&r) = p.logs[leader].get(offset) else {
                        continue;
                    };
                    if offset == p.logs[slot].leo() {
                        p.logs[slot].append(r);
                    }
                }
                p.hws[slot] = hw.min(p.logs[slot].leo());
            }
        }
    }
}
