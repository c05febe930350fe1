//! Replica placement for a new topic, exactly as Kafka's `AdminUtils.assignReplicasToBrokers`
//! (`server-common/src/main/java/org/apache/kafka/admin/AdminUtils.java`).
//!
//! - **Rack-unaware** (no broker has a rack): partition `p`'s first replica (its preferred leader) is broker
//!   `(p + startIndex) % n` of the list as given; its other replicas follow at `1 + (shift + j) % (n - 1)` places
//!   after it, and the shift grows by one each time `p` passes a multiple of `n` (so the followers of the second
//!   round differ from the first).
//! - **Rack-aware** (every broker has a rack): the brokers are first interleaved by rack (racks in Java string
//!   order, brokers of a rack by id: rack1's first, rack2's first, …, rack1's second, …); leaders are placed
//!   round-robin on that list, and each further replica walks on from the leader (with shift × racks), skipping a
//!   broker whose rack already holds a replica while some rack holds none, and a broker already used while some
//!   broker is unused.
//! - Some brokers with a rack and some without: an error (Kafka's `AdminOperationException`).
//!
//! Kafka draws `startIndex` and the shift with `Random.nextInt(n)` unless the caller fixes them; a fixed start
//! index sets both to the same value ([`Start::fixed`]). kplay takes them from the caller or from its seeded
//! [`Rng`] ([`Start::random`]), so every placement is reproducible.
//!
//! A KRaft controller does not call this: it places new topics with `StripedReplicaPlacer` (docs/brokers.md says
//! how it differs); AdminUtils is what ZooKeeper-mode controllers used and what `kafka-reassign-partitions
//! --generate` still uses.
//!
//! ```
//! use kplay_core::cluster::{assign_replicas_to_brokers, Broker, Start};
//!
//! // Kafka's own example (AdminRackAwareTest): six brokers on three racks, 7 partitions, replication factor 3.
//! let racks = [(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2"), (4, "rack2"), (5, "rack1")];
//! let brokers: Vec<Broker> = racks.iter().map(|&(id, rack)| Broker::with_rack(id, rack)).collect();
//! let replicas = assign_replicas_to_brokers(&brokers, 7, 3, Start::fixed(0)).unwrap();
//! assert_eq!(replicas[0], [0, 3, 1]);
//! assert_eq!(replicas[6], [0, 4, 2]);
//! ```

pub use super::broker::{Broker, Start};
use crate::assignor::member_order::java_string_cmp;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// Why Kafka refuses a placement; the messages are Kafka's.
///
/// ```
/// use kplay_core::cluster::{assign_replicas_to_brokers, Broker, PlacementError, Start};
///
/// let err = assign_replicas_to_brokers(&[Broker::new(1)], 1, 2, Start::fixed(0)).unwrap_err();
/// assert_eq!(err, PlacementError::ReplicationFactorTooLarge { replication_factor: 2, brokers: 1 });
/// assert_eq!(err.to_string(), "Replication factor: 2 larger than available brokers: 1.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlacementError {
    /// `InvalidPartitionsException`: the partition count is 0 or negative.
    InvalidPartitions(i32),
    /// `InvalidReplicationFactorException`: the replication factor is 0 or negative.
    InvalidReplicationFactor(i32),
    /// `InvalidReplicationFactorException`: more replicas than brokers.
    ReplicationFactorTooLarge {
        /// The replication factor asked for.
        replication_factor: i32,
        /// How many brokers there are.
        brokers: usize,
    },
    /// `AdminOperationException`: some brokers have a rack and others do not.
    IncompleteRacks,
    /// A broker id listed twice (kplay's rule: a cluster's broker ids are unique, so Kafka never sees this).
    DuplicateBroker(i32),
}

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementError::InvalidPartitions(_) => {
                f.write_str("Number of partitions must be larger than 0.")
            }
            PlacementError::InvalidReplicationFactor(_) => {
                f.write_str("Replication factor must be larger than 0.")
            }
            PlacementError::ReplicationFactorTooLarge {
                replication_factor,
                brokers,
            } => write!(
                f,
                "Replication factor: {replication_factor} larger than available brokers: {brokers}."
            ),
            PlacementError::IncompleteRacks => f.write_str(
                "Not all brokers have rack information for replica rack aware assignment.",
            ),
            PlacementError::DuplicateBroker(id) => write!(f, "broker {id} is listed twice"),
        }
    }
}

/// Kafka's `assignReplicasToBrokers(brokers, partitions, replicationFactor, …)` with the start taken from `start`.
///
/// Returns one replica list per partition: element `i` is partition `start.first_partition + i`, and its first
/// broker is that partition's preferred leader. In rack-unaware mode the order of `brokers` matters (ZooKeeper
/// mode's `AdminZkClient` sorts them by id; `kafka-reassign-partitions --generate` keeps the order the cluster
/// describes them in). The answer holds one list per partition, so its size grows with `partitions` (Kafka's
/// limit is Java's `int`; `kplay place` stops at 1,000,000).
///
/// Arithmetic is exact (64-bit), which is what Java's `int` arithmetic gives whenever it does not overflow; it
/// cannot with Kafka's own start values (drawn below the broker count).
///
/// ```
/// use kplay_core::cluster::{assign_replicas_to_brokers, Broker, Start};
///
/// // Kafka's ReplicaAssignment test: brokers 0..=4, 10 partitions, replication factor 3, start index 0.
/// let brokers: Vec<Broker> = (0..5).map(Broker::new).collect();
/// let r = assign_replicas_to_brokers(&brokers, 10, 3, Start::fixed(0)).unwrap();
/// assert_eq!(r[4], [4, 0, 1]);
/// assert_eq!(r[5], [0, 2, 3]); // second round: the followers shift by one more
/// ```
pub fn assign_replicas_to_brokers(
    brokers: &[Broker],
    partitions: i32,
    replication_factor: i32,
    start: Start,
) -> Result<Vec<Vec<i32>>, PlacementError> {
    if partitions <= 0 {
        return Err(PlacementError::InvalidPartitions(partitions));
    }
    if replication_factor <= 0 {
        return Err(PlacementError::InvalidReplicationFactor(replication_factor));
    }
    if replication_factor as usize > brokers.len() {
        return Err(PlacementError::ReplicationFactorTooLarge {
            replication_factor,
            brokers: brokers.len(),
        });
    }
    check_unique(brokers)?;
    let rf = replication_factor as usize;
    if brokers.iter().all(|b| b.rack.is_none()) {
        let ids: Vec<i32> = brokers.iter().map(|b| b.id).collect();
        return Ok(rack_unaware(&ids, partitions as u64, rf, start));
    }
    let (list, rack_of, racks) = rack_alternated(brokers)?;
    Ok(rack_aware(
        &list,
        &rack_of,
        racks,
        partitions as u64,
        rf,
        start,
    ))
}

/// Kafka's `getRackAlternatedBrokerList`: racks in Java string order, each rack's brokers by id, taken one per
/// rack in turn.
///
/// ```
/// use kplay_core::cluster::{rack_alternated_brokers, Broker};
///
/// let racks = [(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2"), (4, "rack2"), (5, "rack1")];
/// let brokers: Vec<Broker> = racks.iter().map(|&(id, rack)| Broker::with_rack(id, rack)).collect();
/// assert_eq!(rack_alternated_brokers(&brokers).unwrap(), [0, 3, 1, 5, 4, 2]);
/// ```
pub fn rack_alternated_brokers(brokers: &[Broker]) -> Result<Vec<i32>, PlacementError> {
    check_unique(brokers)?;
    Ok(rack_alternated(brokers)?.0)
}

fn check_unique(brokers: &[Broker]) -> Result<(), PlacementError> {
    let mut ids: Vec<i32> = brokers.iter().map(|b| b.id).collect();
    ids.sort_unstable();
    match ids.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(PlacementError::DuplicateBroker(w[0])),
        None => Ok(()),
    }
}

/// The interleaved list, the rack index of each list position, and the number of racks.
fn rack_alternated(brokers: &[Broker]) -> Result<(Vec<i32>, Vec<usize>, usize), PlacementError> {
    let mut by_rack: Vec<(&str, Vec<i32>)> = Vec::new();
    for b in brokers {
        let rack = b.rack.as_deref().ok_or(PlacementError::IncompleteRacks)?;
        match by_rack.iter_mut().find(|(r, _)| *r == rack) {
            Some((_, ids)) => ids.push(b.id),
            None => by_rack.push((rack, vec![b.id])),
        }
    }
    by_rack.sort_by(|a, b| java_string_cmp(a.0, b.0));
    for (_, ids) in &mut by_rack {
        ids.sort_unstable();
    }
    let mut list = Vec::with_capacity(brokers.len());
    let mut rack_of = Vec::with_capacity(brokers.len());
    let mut round = 0;
    while list.len() < brokers.len() {
        for (rack, (_, ids)) in by_rack.iter().enumerate() {
            if let Some(&id) = ids.get(round) {
                list.push(id);
                rack_of.push(rack);
            }
        }
        round += 1;
    }
    Ok((list, rack_of, by_rack.len()))
}

/// Kafka's `replicaIndex`: the list position `1 + (shift + j) % (n - 1)` places after `first`.
fn replica_index(first: u64, shift: u64, j: u64, n: u64) -> usize {
    ((first + 1 + (shift + j) % (n - 1)) % n) as usize
}

fn rack_unaware(ids: &[i32], partitions: u64, rf: usize, start: Start) -> Vec<Vec<i32>> {
    let n = ids.len() as u64;
    let mut shift = u64::from(start.shift);
    let mut out = Vec::with_capacity(partitions.min(1 << 16) as usize);
    for p in (0..partitions).map(|i| u64::from(start.first_partition) + i) {
        if p > 0 && p % n == 0 {
            shift += 1;
        }
        let first = (p + u64::from(start.index)) % n;
        let mut replicas = Vec::with_capacity(rf);
        replicas.push(ids[first as usize]);
        for j in 0..rf as u64 - 1 {
            replicas.push(ids[replica_index(first, shift, j, n)]);
        }
        out.push(replicas);
    }
    out
}

fn rack_aware(
    list: &[i32],
    rack_of: &[usize],
    racks: usize,
    partitions: u64,
    rf: usize,
    start: Start,
) -> Vec<Vec<i32>> {
    let n = list.len() as u64;
    let mut shift = u64::from(start.shift);
    let mut out = Vec::with_capacity(partitions.min(1 << 16) as usize);
    // Which list positions and racks hold a replica of the partition being placed, with their counts.
    let mut broker_used = vec![false; list.len()];
    let mut rack_used = vec![false; racks];
    let mut positions = Vec::with_capacity(rf);
    for p in (0..partitions).map(|i| u64::from(start.first_partition) + i) {
        if p > 0 && p % n == 0 {
            shift += 1;
        }
        let first = ((p + u64::from(start.index)) % n) as usize;
        positions.clear();
        positions.push(first);
        broker_used[first] = true;
        rack_used[rack_of[first]] = true;
        let (mut racks_with, mut brokers_with) = (1, 1);
        let mut k = 0u64;
        for _ in 1..rf {
            // Terminates: positions after `first` cycle through every other position within n - 1 steps, and
            // while fewer than rf <= n brokers are used some unused one qualifies.
            loop {
                let at = replica_index(first as u64, shift * racks as u64, k, n);
                k += 1;
                let rack = rack_of[at];
                if (!rack_used[rack] || racks_with == racks)
                    && (!broker_used[at] || brokers_with == list.len())
                {
                    if !rack_used[rack] {
                        rack_used[rack] = true;
                        racks_with += 1;
                    }
                    if !broker_used[at] {
                        broker_used[at] = true;
                        brokers_with += 1;
                    }
                    positions.push(at);
                    break;
                }
            }
        }
        out.push(positions.iter().map(|&at| list[at]).collect());
        for &at in &positions {
            broker_used[at] = false;
            rack_used[rack_of[at]] = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_in_kafkas_order() {
        let three: Vec<Broker> = (0..3).map(Broker::new).collect();
        let s = Start::fixed(0);
        assert_eq!(
            assign_replicas_to_brokers(&three, 0, 0, s),
            Err(PlacementError::InvalidPartitions(0))
        );
        assert_eq!(
            assign_replicas_to_brokers(&three, 1, -1, s),
            Err(PlacementError::InvalidReplicationFactor(-1))
        );
        assert_eq!(
            assign_replicas_to_brokers(&[], 1, 1, s),
            Err(PlacementError::ReplicationFactorTooLarge {
                replication_factor: 1,
                brokers: 0
            })
        );
        let mixed = [Broker::with_rack(0, "a"), Broker::new(1)];
        assert_eq!(
            assign_replicas_to_brokers(&mixed, 1, 1, s),
            Err(PlacementError::IncompleteRacks)
        );
        let twice = [Broker::new(4), Broker::new(4)];
        assert_eq!(
            assign_replicas_to_brokers(&twice, 1, 1, s),
            Err(PlacementError::DuplicateBroker(4))
        );
    }

    #[test]
    fn racks_sort_in_java_utf16_order() {
        // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-8/char order but before it in UTF-16 order.
        let brokers = [
            Broker::with_rack(1, "\u{1F600}"),
            Broker::with_rack(2, "\u{FF21}"),
        ];
        assert_eq!(rack_alternated_brokers(&brokers).unwrap(), [1, 2]);
    }

    #[test]
    fn single_broker_single_replica() {
        let r = assign_replicas_to_brokers(&[Broker::with_rack(9, "r")], 3, 1, Start::fixed(5));
        assert_eq!(r, Ok(vec![vec![9], vec![9], vec![9]]));
    }
}
