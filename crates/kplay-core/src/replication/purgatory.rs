//! The leader's produce purgatory: `acks=all` appends waiting for the high watermark (`DelayedProduce`,
//! `Partition.checkEnoughReplicasReachOffset`).

use super::event::ProduceError;
use super::model::Replication;
use alloc::vec::Vec;

/// An `acks=all` append waiting for the high watermark (`DelayedProduce`), kept with its partition's others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Purgatory {
    pub epoch: u32,
    /// The batch's first and last offsets: it is answered once the high watermark passes the last.
    pub first: u64,
    pub offset: u64,
    pub producer: usize,
    pub attempt: u32,
    pub deadline: u64,
}

impl Replication {
    /// Marks the appends at `offsets` (written in `epoch`) acknowledged in every replica that holds them.
    pub(crate) fn mark_acked(
        &mut self,
        part: usize,
        offsets: core::ops::RangeInclusive<u64>,
        epoch: u32,
    ) {
        for log in &mut self.parts[part].logs {
            for offset in offsets.clone() {
                match log.record_mut(offset) {
                    Some(r) if r.epoch == epoch => r.acked = true,
                    Some(_) => {}
                    None => break,
                }
            }
        }
    }

    /// Parks an `acks=all` append of partition `part` until the high watermark passes it.
    pub(crate) fn park_produce(&mut self, part: usize, w: Purgatory) {
        self.purgatory_due = self.purgatory_due.min(w.deadline);
        self.purgatory[part].push(w);
        self.complete_purgatory(part);
    }

    /// `acks=all` requests whose batch the HW passed are answered (`checkEnoughReplicasReachOffset`).
    pub(crate) fn complete_purgatory(&mut self, part: usize) {
        let p = &self.parts[part];
        let Some(leader) = p.leader else { return };
        let hw = p.hws[leader];
        let enough = p.isr.len() >= p.effective_min_isr(self.cfg.min_insync_replicas);
        let epoch = p.epoch;
        let ready = |w: &Purgatory| w.epoch == epoch && hw > w.offset;
        // One at a time, in arrival order: usually none or the first few are ready, and answering changes
        // neither the HW nor the epoch.
        while let Some(i) = self.purgatory[part].iter().position(ready) {
            let w = self.purgatory[part].remove(i);
            let rec_epoch = self.parts[part].logs[leader]
                .get(w.first)
                .map_or(epoch, |r| r.epoch);
            if enough {
                self.mark_acked(part, w.first..=w.offset, rec_epoch);
                self.resolve(part, w.producer, w.attempt, Ok((w.first, rec_epoch)));
            } else {
                let e = Err(ProduceError::NotEnoughReplicasAfterAppend);
                self.resolve(part, w.producer, w.attempt, e);
            }
        }
    }

    /// `acks=all` requests waiting longer than `request.timeout.ms` are answered `REQUEST_TIMED_OUT`.
    pub(crate) fn expire_purgatory(&mut self) -> bool {
        let now = self.now;
        // `purgatory_due` is never later than the earliest deadline, so nothing expires before it.
        if now < self.purgatory_due {
            return false;
        }
        let mut expired = Vec::new();
        let mut due = u64::MAX;
        for (part, waiting) in self.purgatory.iter_mut().enumerate() {
            waiting.retain(|w| {
                let out = w.deadline <= now;
                if out {
                    expired.push((part, w.producer, w.attempt));
                } else {
                    due = due.min(w.deadline);
                }
                !out
            });
        }
        self.purgatory_due = due;
        let busy = !expired.is_empty();
        for (part, producer, attempt) in expired {
            self.resolve(part, producer, attempt, Err(ProduceError::RequestTimedOut));
        }
        busy
    }

    /// On a leader change, waiting requests of the old epoch get `NOT_LEADER_OR_FOLLOWER` from the old leader
    /// if it is still running (a crashed one answers nothing).
    pub(crate) fn fail_purgatory_of(&mut self, part: usize) {
        let epoch = self.parts[part].epoch;
        let mut failed = Vec::new();
        self.purgatory[part].retain(|w| {
            let stale = w.epoch != epoch;
            if stale {
                failed.push((w.producer, w.attempt));
            }
            !stale
        });
        for (producer, attempt) in failed {
            let e = Err(ProduceError::NotLeaderOrFollower);
            self.resolve(part, producer, attempt, e);
        }
    }
}
