//! What the world keeps beside the replication model for each record a producer sent: its key, tombstone
//! flag and send time, kept **per partition** until the consumers' log of that partition can no longer need
//! it. A partition's high watermark can lag far behind the producer's other partitions (`acks=1` with a slow
//! or dead follower), so nothing is forgotten because another partition moved on.

use crate::producer::Outgoing;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;

/// One kept record: the model's sequence, the world's record and the time the producer sent it.
#[derive(Clone, Copy, Debug)]
struct Kept {
    seq: u32,
    out: Outgoing,
    sent_ms: u64,
}

/// One partition's kept records of a producer, in sequence order.
#[derive(Clone, Debug, Default)]
struct Lane {
    items: VecDeque<Kept>,
    /// Highest model sequence of this producer that reached this partition's consumers' log.
    last_visible: Option<u32>,
}

impl Lane {
    fn find(&self, seq: u32) -> Result<usize, usize> {
        self.items.binary_search_by(|k| k.seq.cmp(&seq))
    }
}

/// The records a producer has handed to the replication model and their world-side content.
#[derive(Clone, Debug)]
pub(crate) struct Payloads {
    /// Per partition (grown on the first record to it).
    lanes: Vec<Lane>,
    /// The world producer's index when it was added (records of a removed producer keep it).
    pub(super) world_index: u16,
    pub(super) name: String,
    pub(super) record_bytes: u32,
}

impl Payloads {
    pub(super) fn new(world_index: u16, name: String, record_bytes: u32) -> Self {
        Payloads {
            lanes: Vec::new(),
            world_index,
            name,
            record_bytes,
        }
    }

    /// Keeps record `out`, which the model numbered `seq` (sequences only grow).
    pub(super) fn push(&mut self, seq: u32, out: Outgoing, sent_ms: u64) {
        let p = out.partition as usize;
        if self.lanes.len() <= p {
            self.lanes.resize_with(p + 1, Lane::default);
        }
        self.lanes[p].items.push_back(Kept { seq, out, sent_ms });
    }

    /// The record of sequence `seq` on `partition` and the time it was sent.
    pub(super) fn get(&self, partition: usize, seq: u32) -> Option<(Outgoing, u64)> {
        let lane = self.lanes.get(partition)?;
        let k = lane.items.get(lane.find(seq).ok()?)?;
        Some((k.out, k.sent_ms))
    }

    /// Record `seq` reached `partition`'s consumers' log: forgets the ones before it there. The model sends a
    /// partition's records one request at a time and moves to the next only once the previous is done
    /// (acknowledged or failed), so no earlier record can be appended again; the record itself is kept, as a
    /// retry's duplicate can still follow it.
    pub(super) fn shown(&mut self, partition: usize, seq: u32) {
        let Some(lane) = self.lanes.get_mut(partition) else {
            return;
        };
        let v = lane.last_visible.map_or(seq, |v| v.max(seq));
        lane.last_visible = Some(v);
        while lane.items.front().is_some_and(|k| k.seq < v) {
            lane.items.pop_front();
        }
    }

    /// The model gave up on record `seq` of `partition` (delivery timeout, or lost with nothing left to
    /// retry it): it can never reach the consumers' log.
    pub(super) fn drop_record(&mut self, partition: usize, seq: u32) {
        if let Some(lane) = self.lanes.get_mut(partition) {
            if let Ok(i) = lane.find(seq) {
                lane.items.remove(i);
            }
        }
    }

    /// How many records are kept, over all partitions.
    pub(super) fn kept(&self) -> usize {
        self.lanes.iter().map(|l| l.items.len()).sum()
    }
}
