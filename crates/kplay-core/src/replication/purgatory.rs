//! The leader's produce purgatory: `acks=all` appends waiting for the high watermark (`DelayedProduce`,
//! `Partition.checkEnoughReplicasReachOffset`).

use super::event::ProduceError;
use super::model::Replication;

/// An `acks=all` append waiting for the high watermark (`DelayedProduce`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Purgatory {
    pub part: usize,
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

    /// `acks=all` requests whose batch the HW passed are answered (`checkEnoughReplicasReachOffset`).
    pub(crate) fn complete_purgatory(&mut self, part: usize) {
        let p = &self.parts[part];
        let Some(leader) = p.leader else { return };
        let hw = p.hws[leader];
        let enough = p.isr.len() >= p.effective_min_isr(self.cfg.min_insync_replicas);
        let epoch = p.epoch;
        let mut done = alloc::vec::Vec::new();
        self.purgatory.retain(|w| {
            let ready = w.part == part && w.epoch == epoch && hw > w.offset;
            if ready {
                done.push(w.clone());
            }
            !ready
        });
        for w in done {
            let rec_epoch = self.parts[part].logs[leader]
                .get(w.first)
                .map_or(epoch, |r| r.epoch);
            if enough {
                self.mark_acked(part, w.first..=w.offset, rec_epoch);
                self.answer(w.producer, w.attempt, Ok((w.first, rec_epoch)));
            } else {
                self.answer(
                    w.producer,
                    w.attempt,
                    Err(ProduceError::NotEnoughReplicasAfterAppend),
                );
            }
        }
    }

    /// `acks=all` requests waiting longer than `request.timeout.ms` are answered `REQUEST_TIMED_OUT`.
    pub(crate) fn expire_purgatory(&mut self) -> bool {
        let now = self.now;
        let mut expired = alloc::vec::Vec::new();
        self.purgatory.retain(|w| {
            let out = w.deadline <= now;
            if out {
                expired.push((w.producer, w.attempt));
            }
            !out
        });
        let busy = !expired.is_empty();
        for (producer, attempt) in expired {
            self.answer(producer, attempt, Err(ProduceError::RequestTimedOut));
        }
        busy
    }

    /// On a leader change, waiting requests of the old epoch get `NOT_LEADER_OR_FOLLOWER` from the old leader
    /// if it is still running (a crashed one answers nothing).
    pub(crate) fn fail_purgatory_of(&mut self, part: usize) {
        let epoch = self.parts[part].epoch;
        let mut failed = alloc::vec::Vec::new();
        self.purgatory.retain(|w| {
            let stale = w.part == part && w.epoch != epoch;
            if stale {
                failed.push((w.producer, w.attempt));
            }
            !stale
        });
        for (producer, attempt) in failed {
            self.answer(producer, attempt, Err(ProduceError::NotLeaderOrFollower));
        }
    }
}
