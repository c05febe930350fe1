//! The network: messages in flight between brokers and producers, each delivered after the configured
//! latency (plus a slow follower's extra delay).

use super::append::BatchResult;
use super::config::BrokerId;
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// A fetch answer from the leader to a follower.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FetchBody {
    /// The follower's log diverges: truncate using this epoch and end offset (KIP-595 `divergingEpoch`).
    Diverging { epoch: u32, end_offset: u64 },
    /// The leader's records `from..to` (the fetch offset to its LEO when it answered) and its high watermark.
    /// The follower copies them from the leader's log on arrival: they are still there then, because an
    /// answer is dropped if the partition's leader epoch changed meanwhile (only a new epoch truncates a
    /// leader's log) and the log start never passes a replica's LEO (`forget_below`), the fetch offset here.
    Records { from: u64, to: u64, hw: u64 },
}

/// One partition of a follower's fetch request: where the follower's log ends and the epochs it knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FetchEntry {
    pub part: usize,
    /// The follower's replica slot in the partition.
    pub slot: usize,
    pub fetch_offset: u64,
    pub last_epoch: Option<u32>,
    /// The leader epoch the follower fetches in.
    pub epoch: u32,
}

/// One partition of a leader's fetch answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FetchPart {
    pub part: usize,
    pub slot: usize,
    pub epoch: u32,
    pub body: FetchBody,
}

/// One message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Msg {
    /// Broker `follower` sends fetch `id` to broker `leader`, for every partition it follows there (one
    /// `ReplicaFetcherThread` per source broker: `num.replica.fetchers` = 1).
    Fetch {
        id: u32,
        follower: BrokerId,
        leader: BrokerId,
        entries: Vec<FetchEntry>,
    },
    /// The leader answers a fetch, partition by partition.
    FetchResp {
        id: u32,
        follower: BrokerId,
        leader: BrokerId,
        parts: Vec<FetchPart>,
    },
    /// A producer sends request `attempt` to `broker`: one batch per partition (`batches`: partition and
    /// record count; the records' sequences in `seqs`, batch after batch), as Kafka's sender puts every ready
    /// batch for one broker into one request (`Sender.sendProduceRequests`).
    Produce {
        broker: BrokerId,
        producer: usize,
        attempt: u32,
        batches: Vec<(usize, u32)>,
        seqs: Vec<u32>,
    },
    /// A broker answers a produce request once every partition in it has its result.
    ProduceResp {
        producer: usize,
        attempt: u32,
        results: Vec<(usize, BatchResult)>,
    },
}

/// A message with its delivery time and the incarnation of the receiving broker when it was sent (a restarted
/// broker does not get answers meant for its previous life).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Envelope {
    pub at: u64,
    pub to_incarnation: u32,
    pub msg: Msg,
}

/// Messages in flight, delivered in (time, send order): kept sorted that way, so the next due message is the
/// first. Most messages go at the end (a fixed latency sends them in time order); a slow follower's delayed ones
/// are placed after the messages due no later than them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Network {
    pub in_flight: VecDeque<Envelope>,
}

impl Network {
    /// Queues `msg` for delivery at `at`.
    pub fn send(&mut self, at: u64, to_incarnation: u32, msg: Msg) {
        let e = Envelope {
            at,
            to_incarnation,
            msg,
        };
        if self.in_flight.back().is_none_or(|b| b.at <= at) {
            self.in_flight.push_back(e);
        } else {
            let i = self.in_flight.partition_point(|x| x.at <= at);
            self.in_flight.insert(i, e);
        }
    }

    /// Removes and returns the first message due at or before `now`, in send order among equal times.
    pub fn pop_due(&mut self, now: u64) -> Option<Envelope> {
        if self.in_flight.front()?.at <= now {
            self.in_flight.pop_front()
        } else {
            None
        }
    }
}
