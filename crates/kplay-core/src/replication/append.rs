//! The leader's side of a produce request (`KafkaApis.handleProduceRequest`, `ReplicaManager.appendRecords`):
//! each partition's batch is appended or refused, and the request is answered once, when every partition has
//! its result (`DelayedProduce` waits for the `acks=all` ones).

use super::config::{Acks, BrokerId};
use super::event::ProduceError;
use super::log::Record;
use super::model::Replication;
use super::net::Msg;
use super::purgatory::Purgatory;
use alloc::vec::Vec;

/// One partition's result in a produce answer: the batch's first offset and its epoch, or an error.
pub(crate) type BatchResult = Result<(u64, u32), ProduceError>;

/// A produce request a broker has not answered yet: some of its partitions wait in the purgatory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PendingAnswer {
    pub broker: BrokerId,
    pub producer: usize,
    pub attempt: u32,
    /// Partitions without a result yet.
    pub waiting: usize,
    pub results: Vec<(usize, BatchResult)>,
}

impl Replication {
    /// Broker side: producer `producer`'s request `attempt` arrives at `broker` with one batch per partition
    /// (`batches`: partition and record count, the records' sequences in `seqs`, in that order).
    pub(crate) fn on_produce(
        &mut self,
        broker: BrokerId,
        producer: usize,
        attempt: u32,
        batches: &[(usize, u32)],
        seqs: &[u32],
    ) {
        if self.producers[producer].cfg.acks != Acks::Zero {
            self.pending.push(PendingAnswer {
                broker,
                producer,
                attempt,
                waiting: batches.len(),
                results: Vec::with_capacity(batches.len()),
            });
        }
        let mut from = 0;
        for &(part, n) in batches {
            let to = from + n as usize;
            if let Some(batch) = seqs.get(from..to) {
                self.append_batch(part, broker, producer, batch, attempt);
            }
            from = to;
        }
    }

    /// One partition's batch of a produce request: refused (not the leader, too few in-sync replicas),
    /// recognised as a retry (idempotence), or appended; then answered at once or parked until the HW passes it.
    fn append_batch(
        &mut self,
        part: usize,
        broker: u32,
        producer: usize,
        seqs: &[u32],
        attempt: u32,
    ) {
        // A lane sends a batch only when it has a queued record, so no batch is empty.
        debug_assert!(
            !seqs.is_empty(),
            "an empty batch leaves its request unanswered"
        );
        let Some(&first) = seqs.first() else { return };
        let now = self.now;
        let cfg = self.producers[producer].cfg;
        let pid = producer as u64 + 1;
        let p = &mut self.parts[part];
        let Some(leader) = p.leader.filter(|&s| p.replicas[s] == broker) else {
            let e = Err(ProduceError::NotLeaderOrFollower);
            return self.resolve(part, producer, attempt, e);
        };
        if cfg.acks == Acks::All && p.isr.len() < p.effective_min_isr(self.cfg.min_insync_replicas)
        {
            let e = Err(ProduceError::NotEnoughReplicas);
            return self.resolve(part, producer, attempt, e);
        }
        let log = &mut p.logs[leader];
        // ProducerStateManager knows the producer's last batches: a batch whose first sequence is in the log is a
        // retry, answered with the original offset and not appended.
        let earlier = appended_at(log.records(), pid, first);
        let dup = earlier.filter(|_| cfg.enable_idempotence);
        let base = match dup {
            Some(offset) => offset,
            None => {
                let base = log.leo();
                for (k, &sequence) in seqs.iter().enumerate() {
                    log.append(Record {
                        offset: base + k as u64,
                        epoch: p.epoch,
                        producer_id: pid,
                        sequence,
                        batch_sequence: first,
                        acked: false,
                        duplicate: earlier.is_some(),
                    });
                }
                self.parked_check = true;
                base
            }
        };
        let last = base + seqs.len() as u64 - 1;
        let epoch = p.logs[leader].get(base).map_or(p.epoch, |r| r.epoch);
        match cfg.acks {
            Acks::Zero => {}
            Acks::One => {
                self.mark_acked(part, base..=last, epoch);
                self.resolve(part, producer, attempt, Ok((base, epoch)));
            }
            Acks::All => {
                let e = self.parts[part].epoch;
                let deadline = now.saturating_add(self.cfg.request_timeout_ms);
                let waiting = Purgatory {
                    epoch: e,
                    first: base,
                    offset: last,
                    producer,
                    attempt,
                    deadline,
                };
                self.park_produce(part, waiting);
            }
        }
        if dup.is_none() {
            self.maybe_increment_hw(part);
        }
    }

    /// Partition `part` of producer `producer`'s request `attempt` has its result; the answer goes back once
    /// every partition of the request has one. Nothing happens for a request no one waits for any more (its
    /// broker crashed, or `acks=0`).
    pub(crate) fn resolve(
        &mut self,
        part: usize,
        producer: usize,
        attempt: u32,
        result: BatchResult,
    ) {
        let Some(k) = self
            .pending
            .iter()
            .position(|r| r.producer == producer && r.attempt == attempt)
        else {
            return;
        };
        let r = &mut self.pending[k];
        r.results.push((part, result));
        r.waiting = r.waiting.saturating_sub(1);
        if r.waiting > 0 {
            return;
        }
        let mut r = self.pending.remove(k);
        r.results.sort_by_key(|x| x.0);
        let msg = Msg::ProduceResp {
            producer,
            attempt,
            results: r.results,
        };
        // Addressed to the producer, which has no broker incarnation.
        self.net
            .send(self.now.saturating_add(self.cfg.network_latency_ms), 0, msg);
    }
}

/// The offset of `producer`'s record `sequence` in `records`, if it is there. A producer's sequences grow within
/// a partition's log (batches go in order, one request at a time; only a retry repeats the latest batch), so the
/// search stops at the first of its records with a smaller one.
fn appended_at(records: &[Record], producer: u64, sequence: u32) -> Option<u64> {
    records
        .iter()
        .rev()
        .filter(|r| r.producer_id == producer)
        .take_while(|r| r.sequence >= sequence)
        .find(|r| r.sequence == sequence)
        .map(|r| r.offset)
}
