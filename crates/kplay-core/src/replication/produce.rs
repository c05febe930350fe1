//! Producers: queues per partition, produce requests per broker, retries within `delivery.timeout.ms`, and the
//! answers (`Sender`, `RecordAccumulator`). The leader's side of a request is in `append.rs`.
//!
//! Each producer keeps one queue and at most one batch in flight **per partition**, so sequences reach each
//! leader in order and a partition that is offline, slow or short of in-sync replicas holds back only its own
//! records (`RecordAccumulator.drain` skips partitions with no leader). A pass puts the ready batch of every
//! partition led by the same broker into one request to it (`Sender.sendProduceRequests`); the answer comes
//! when all of them have their result, so a slow partition delays the acknowledgement of the others in its
//! request, as Kafka's `DelayedProduce` does.

use super::append::BatchResult;
use super::config::{Acks, BrokerId};
use super::event::{ProduceError, ReplicationEvent};
use super::model::Replication;
use super::net::Msg;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A producer's settings.
///
/// ```
/// use kplay_core::replication::{Acks, ProducerConfig};
/// let c = ProducerConfig::default();
/// assert_eq!((c.acks, c.enable_idempotence), (Acks::All, true)); // Kafka >= 3.0 defaults
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProducerConfig {
    /// `acks`.
    pub acks: Acks,
    /// `enable.idempotence`.
    pub enable_idempotence: bool,
}

impl Default for ProducerConfig {
    fn default() -> Self {
        Self {
            acks: Acks::All,
            enable_idempotence: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Queued {
    seq: u32,
    part: usize,
    created: u64,
    next_try: u64,
    offline_reported: bool,
}

/// Most records one produce request carries for a partition. Kafka's accumulator closes a batch at
/// `batch.size` (16 KB) and a request holds up to `max.request.size` (1 MB) of batches; at the playground's record
/// sizes a request rarely carries more than a few hundred records.
pub(crate) const MAX_RECORDS_PER_REQUEST: usize = 4_096;

/// A produce request being put together for one broker: a batch per partition it leads.
struct Request {
    broker: BrokerId,
    attempt: u32,
    /// Partition and record count of each batch; the records' sequences are in `seqs`, batch after batch.
    batches: Vec<(usize, u32)>,
    seqs: Vec<u32>,
}

/// One partition's records of a producer: its queue and the request in flight.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lane {
    queue: VecDeque<Queued>,
    /// Attempt id and send time of the request in flight.
    in_flight: Option<(u32, u64)>,
    /// Records at the front of `queue` that form the batch already sent at least once (0: none sent). A retry
    /// sends exactly this batch again, as Kafka retries a batch unchanged: an idempotent leader recognises it by
    /// its first sequence, and records queued since go in the next request.
    batch: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Producer {
    pub(super) cfg: ProducerConfig,
    next_seq: u32,
    /// Per partition (grown on the first record to it).
    lanes: Vec<Lane>,
    /// Attempt ids, unique per producer (an answer finds its lane by them).
    attempts: u32,
    lose_next_ack: bool,
}

impl Replication {
    /// Adds a producer; returns its producer id (also the index + 1).
    pub fn add_producer(&mut self, cfg: ProducerConfig) -> u64 {
        self.producers.push(Producer {
            cfg,
            next_seq: 0,
            lanes: Vec::new(),
            attempts: 0,
            lose_next_ack: false,
        });
        self.producers.len() as u64
    }

    /// Queues one record from `producer` to `partition`; returns its sequence number.
    pub fn send(&mut self, producer: u64, partition: usize) -> Result<u32, String> {
        if partition >= self.parts.len() {
            return Err(format!("partition {partition} does not exist"));
        }
        let now = self.now;
        let p = self.producer_mut(producer)?;
        let seq = p.next_seq;
        p.next_seq += 1;
        if p.lanes.len() <= partition {
            p.lanes.resize(partition + 1, Lane::default());
        }
        p.lanes[partition].queue.push_back(Queued {
            seq,
            part: partition,
            created: now,
            next_try: now,
            offline_reported: false,
        });
        self.producers_dirty = true;
        Ok(seq)
    }

    /// Fault: the next successful answer to `producer` is lost on the way back (it retries after
    /// `request.timeout.ms`).
    pub fn lose_next_ack(&mut self, producer: u64) -> Result<(), String> {
        self.producer_mut(producer)?.lose_next_ack = true;
        Ok(())
    }

    /// Whether `producer`'s next successful answer is already set to be lost ([`Self::lose_next_ack`]).
    pub fn ack_loss_pending(&self, producer: u64) -> bool {
        let i = usize::try_from(producer)
            .ok()
            .and_then(|i| i.checked_sub(1));
        i.and_then(|i| self.producers.get(i))
            .is_some_and(|p| p.lose_next_ack)
    }

    /// Records of `producer` from its oldest unfinished one (queued or in flight) on, finished or not: 0 when
    /// every record it sent is done. With one partition this is the number of unfinished records; with more,
    /// records of other partitions sent after a held-back one count too.
    pub fn pending_records(&self, producer: u64) -> usize {
        let Some(p) = self.producer(producer) else {
            return 0;
        };
        let oldest = p
            .lanes
            .iter()
            .filter_map(|l| l.queue.front())
            .map(|q| q.seq)
            .min();
        oldest.map_or(0, |o| p.next_seq.saturating_sub(o) as usize)
    }

    /// Whether `producer` still has record `sequence` for `partition` queued or in flight (it may still be
    /// appended). A lane's queue is in sequence order.
    pub fn is_unfinished(&self, producer: u64, partition: usize, sequence: u32) -> bool {
        self.producer(producer)
            .and_then(|p| p.lanes.get(partition))
            .is_some_and(|l| l.queue.binary_search_by(|q| q.seq.cmp(&sequence)).is_ok())
    }

    /// Per producer (index = id − 1): the first sequence of its batch for `partition` that was sent and not yet
    /// answered (a retry of it may come back and must find the earlier copy in the log), or `None`.
    pub(crate) fn unanswered_batches(&self, partition: usize) -> Vec<Option<u32>> {
        self.producers
            .iter()
            .map(|p| {
                let lane = p.lanes.get(partition)?;
                let sent = lane.batch > 0 || lane.in_flight.is_some();
                lane.queue.front().filter(|_| sent).map(|q| q.seq)
            })
            .collect()
    }

    /// Producer ids start at 1 (as `add_producer` hands them out); index = id − 1.
    fn producer_index(producer: u64) -> Option<usize> {
        usize::try_from(producer).ok()?.checked_sub(1)
    }

    fn producer(&self, producer: u64) -> Option<&Producer> {
        self.producers.get(Self::producer_index(producer)?)
    }

    fn producer_mut(&mut self, producer: u64) -> Result<&mut Producer, String> {
        Self::producer_index(producer)
            .and_then(|i| self.producers.get_mut(i))
            .ok_or_else(|| format!("producer {producer} does not exist"))
    }

    /// Producer side: per partition, timeouts, then the next attempt of the head record. Returns true if
    /// anything was sent. Lanes are looked at only when a record was queued or an answer came, or a lane's
    /// timer is due: in between, every lane is waiting and looking would change nothing.
    pub(crate) fn run_producers(&mut self) -> bool {
        let now = self.now;
        if !core::mem::take(&mut self.producers_dirty) && now < self.producers_due {
            return false;
        }
        let mut busy = false;
        let mut due = u64::MAX;
        for i in 0..self.producers.len() {
            let mut requests: Vec<Request> = Vec::new();
            for l in 0..self.producers[i].lanes.len() {
                if let Some(leader) = self.run_lane(i, l) {
                    self.add_to_request(i, l, leader, &mut requests);
                }
                due = due.min(self.lane_due(i, l));
            }
            busy |= !requests.is_empty();
            let at = now.saturating_add(self.cfg.network_latency_ms);
            for r in requests {
                let inc = self.incarnation(r.broker);
                let msg = Msg::Produce {
                    broker: r.broker,
                    producer: i,
                    attempt: r.attempt,
                    batches: r.batches,
                    seqs: r.seqs,
                };
                self.net.send(at, inc, msg);
            }
        }
        self.producers_due = due;
        busy
    }

    /// Puts lane `l`'s batch (the one already tried, or a new one of what is queued) into producer `i`'s
    /// request to `leader`, starting that request if it is the first batch for it.
    fn add_to_request(
        &mut self,
        i: usize,
        l: usize,
        leader: BrokerId,
        requests: &mut Vec<Request>,
    ) {
        let now = self.now;
        let p = &mut self.producers[i];
        let k = match requests.iter().position(|r| r.broker == leader) {
            Some(k) => k,
            None => {
                p.attempts += 1;
                requests.push(Request {
                    broker: leader,
                    attempt: p.attempts,
                    batches: Vec::new(),
                    seqs: Vec::new(),
                });
                requests.len() - 1
            }
        };
        let r = &mut requests[k];
        let fire_and_forget = p.cfg.acks == Acks::Zero;
        let lane = &mut p.lanes[l];
        if lane.batch == 0 {
            lane.batch = lane.queue.len().min(MAX_RECORDS_PER_REQUEST);
        }
        let count = lane.batch.min(lane.queue.len());
        r.seqs.extend(lane.queue.iter().take(count).map(|q| q.seq));
        r.batches.push((l, count as u32));
        if fire_and_forget {
            // Fire and forget: done as soon as it is sent.
            lane.queue.drain(..count);
            lane.batch = 0;
        } else {
            lane.in_flight = Some((r.attempt, now));
        }
    }

    /// When lane `l` of producer `i` next has something to do by itself: its request times out, its head
    /// may be tried again, or expires (`u64::MAX`: empty).
    fn lane_due(&self, i: usize, l: usize) -> u64 {
        let lane = &self.producers[i].lanes[l];
        let Some(head) = lane.queue.front() else {
            return u64::MAX;
        };
        match lane.in_flight {
            Some((_, sent)) => sent.saturating_add(self.cfg.request_timeout_ms),
            None => head
                .next_try
                .min(head.created.saturating_add(self.cfg.delivery_timeout_ms)),
        }
    }

    /// Timeouts and expiry of lane `l`'s head; returns the broker to send its batch to when it should go now.
    fn run_lane(&mut self, i: usize, l: usize) -> Option<BrokerId> {
        let now = self.now;
        let pid = i as u64 + 1;
        let lane = &self.producers[i].lanes[l];
        let head = lane.queue.front().cloned()?;
        if let Some((_, sent)) = lane.in_flight {
            if now.saturating_sub(sent) >= self.cfg.request_timeout_ms {
                self.producers[i].lanes[l].in_flight = None;
                self.produce_failed(i, l, ProduceError::RequestTimedOut);
            }
            return None;
        }
        if now.saturating_sub(head.created) >= self.cfg.delivery_timeout_ms {
            self.expire_head(i, l);
            return None;
        }
        if head.next_try > now {
            return None;
        }
        let Some(leader) = self.parts[head.part].leader() else {
            // No leader known: the batch waits in the accumulator; reported once.
            let retry = now.saturating_add(self.cfg.retry_backoff_ms);
            if let Some(q) = self.producers[i].lanes[l].queue.front_mut() {
                q.next_try = retry;
                if !q.offline_reported {
                    q.offline_reported = true;
                    let error = ProduceError::NotLeaderOrFollower;
                    let e = ReplicationEvent::ProduceFailed {
                        producer_id: pid,
                        sequence: head.seq,
                        partition: head.part,
                        error,
                    };
                    self.events.push(e);
                }
            }
            return None;
        };
        Some(leader)
    }

    /// `delivery.timeout.ms` passed for the head of lane `l`: the batch already sent expires whole (Kafka expires
    /// batches, timed from their first record); a record never sent expires alone.
    fn expire_head(&mut self, i: usize, l: usize) {
        let lane = &mut self.producers[i].lanes[l];
        let n = lane.batch.max(1).min(lane.queue.len());
        lane.batch = 0;
        let expired: Vec<Queued> = lane.queue.drain(..n).collect();
        for q in expired {
            let e = ReplicationEvent::ProduceFailed {
                producer_id: i as u64 + 1,
                sequence: q.seq,
                partition: q.part,
                error: ProduceError::DeliveryTimeout,
            };
            self.events.push(e);
        }
    }

    /// Producer side: the answer to request `attempt` arrives, one result per partition (each ignored unless
    /// its lane still waits for that attempt). A lost answer (`lose_next_ack`) loses every partition's result:
    /// their requests time out and are retried.
    pub(crate) fn on_produce_resp(
        &mut self,
        i: usize,
        attempt: u32,
        results: Vec<(usize, BatchResult)>,
    ) {
        let p = &mut self.producers[i];
        let waits =
            |l: usize| p.lanes.get(l).and_then(|l| l.in_flight).map(|a| a.0) == Some(attempt);
        if !results.iter().any(|(l, _)| waits(*l)) {
            return;
        }
        self.producers_dirty = true;
        if p.lose_next_ack && results.iter().any(|(_, r)| r.is_ok()) {
            p.lose_next_ack = false;
            return; // lost on the way: the in-flight attempt times out later
        }
        for (l, result) in results {
            let lane = &mut self.producers[i].lanes[l];
            if lane.in_flight.map(|a| a.0) != Some(attempt) {
                continue;
            }
            lane.in_flight = None;
            match result {
                Ok((base, epoch)) => {
                    let n = lane.batch.min(lane.queue.len());
                    lane.batch = 0;
                    for (k, q) in lane.queue.drain(..n).enumerate() {
                        let e = ReplicationEvent::Acknowledged {
                            producer_id: i as u64 + 1,
                            sequence: q.seq,
                            partition: q.part,
                            offset: base + k as u64,
                            epoch,
                        };
                        self.events.push(e);
                    }
                }
                Err(error) => self.produce_failed(i, l, error),
            }
        }
    }

    fn produce_failed(&mut self, i: usize, l: usize, error: ProduceError) {
        let next = self.now.saturating_add(self.cfg.retry_backoff_ms);
        let Some(q) = self.producers[i].lanes[l].queue.front_mut() else {
            return;
        };
        q.next_try = next;
        let e = ReplicationEvent::ProduceFailed {
            producer_id: i as u64 + 1,
            sequence: q.seq,
            partition: q.part,
            error,
        };
        self.events.push(e);
    }
}
