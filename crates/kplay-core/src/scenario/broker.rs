//! Brokers and replication settings of the scenario (feature `brokers`, issue 15): the cluster's brokers, each
//! topic's `replication.factor`, `min.insync.replicas` and `unclean.leader.election.enable`, each producer's
//! `acks` and `enable.idempotence`. Without `brokers` a scenario runs today's model (no brokers) and these
//! fields are refused.

use super::validate::Problems;
use super::Scenario;
use crate::replication::Acks;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;

/// Most brokers a scenario may have.
pub const MAX_BROKERS: usize = 32;

/// Longest extra delay of a slow follower's fetches (`slow_follower`'s `extra_ms`): one hour, the bound of
/// the scenario's other per-record times.
pub const MAX_FOLLOWER_DELAY_MS: u64 = 3_600_000;

/// Largest `network_latency_ms`: ten seconds a hop, far beyond any real network, still below Kafka's
/// `replica.lag.time.max.ms` (30 s) so that a follower can stay in sync.
pub const MAX_NETWORK_LATENCY_MS: u32 = 10_000;

/// What a scenario field or command needs when the scenario has no brokers.
pub(crate) const NEEDS_BROKERS: &str =
    "needs `brokers` (a scenario without brokers runs the model without replication)";

/// "unknown broker 9 (brokers: 1, 2, 3)": the refusal of a broker id, naming the ones there are.
pub(crate) fn unknown_broker(broker: u32, ids: impl Iterator<Item = u32>) -> String {
    let mut known = String::new();
    for id in ids {
        if !known.is_empty() {
            known.push_str(", ");
        }
        known.push_str(&format!("{id}"));
    }
    format!("unknown broker {broker} (brokers: {known})")
}

/// Kafka's `default.replication.factor` (1): a topic's replication factor when it does not set one.
pub const DEFAULT_REPLICATION_FACTOR: u32 = 1;

/// Kafka's `offsets.topic.replication.factor` default (3).
pub const OFFSETS_TOPIC_REPLICATION_FACTOR: u32 = 3;

/// The replication factor of `__consumer_offsets` when the scenario does not set
/// `offsets_topic_replication_factor`: Kafka's default 3, capped at the broker count. Kafka itself refuses to
/// create the topic with fewer live brokers than the setting (`INVALID_REPLICATION_FACTOR`, so FindCoordinator
/// answers `COORDINATOR_NOT_AVAILABLE` for ever); single-broker setups set it to 1, which the cap does for them.
///
/// ```
/// assert_eq!(kplay_core::scenario::default_offsets_replication_factor(1), 1);
/// assert_eq!(kplay_core::scenario::default_offsets_replication_factor(5), 3);
/// ```
pub fn default_offsets_replication_factor(brokers: usize) -> u32 {
    OFFSETS_TOPIC_REPLICATION_FACTOR.min(brokers.max(1) as u32)
}

/// A broker of the cluster: `node.id` and optional `broker.rack`.
///
/// ```
/// use kplay_core::scenario::{BrokerSpec, Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// s.brokers = vec![BrokerSpec::new(1), BrokerSpec::new(2), BrokerSpec::new(2)];
/// let mut t = TopicSpec::new("orders", 1);
/// t.replication_factor = Some(4);
/// s.topics.push(t);
/// let p: Vec<String> = s.validate().unwrap_err().iter().map(|p| p.to_string()).collect();
/// assert_eq!(p[0], "brokers[2].id: duplicate broker id 2");
/// assert_eq!(p[1], "topics[0].replication_factor: must be from 1 to the broker count (3)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BrokerSpec {
    /// `node.id`: unique, 0..=2147483647.
    pub id: u32,
    /// `broker.rack`: either every broker has one or none (rack-aware placement needs them all).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub rack: Option<String>,
}

impl BrokerSpec {
    /// A broker without a rack.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::BrokerSpec::new(3).id, 3);
    /// ```
    pub fn new(id: u32) -> Self {
        BrokerSpec { id, rack: None }
    }
}

// The JSON words of `acks`: Kafka's `all` (also `-1`), `1` and `0`.
crate::scenario::word_enum::deserialize_words!(
    Acks,
    [All, One, Zero],
    ["all" => 0, "-1" => 0, "1" => 1, "0" => 2]
);

/// Whether a producer with these settings is idempotent: `enable.idempotence` (default true) unless `acks` is
/// not `all` and the user did not set it (Kafka's `ProducerConfig.postProcessAndValidateIdempotenceConfigs`
/// then disables it; set explicitly with `acks` 0 or 1 it is a `ConfigException`, refused by validation).
///
/// ```
/// use kplay_core::replication::Acks;
/// use kplay_core::scenario::effective_idempotence;
/// assert!(effective_idempotence(None, None));
/// assert!(!effective_idempotence(Some(Acks::One), None));
/// assert!(!effective_idempotence(None, Some(false)));
/// ```
pub fn effective_idempotence(acks: Option<Acks>, enable: Option<bool>) -> bool {
    match enable {
        Some(e) => e,
        None => acks.unwrap_or_default() == Acks::All,
    }
}

/// The rules of the brokers fields.
pub(super) fn check(s: &Scenario, p: &mut Problems) {
    const NEEDS: &str = NEEDS_BROKERS;
    let n = s.brokers.len();
    if n > MAX_BROKERS {
        p.add("brokers".into(), format!("at most {MAX_BROKERS} brokers"));
    }
    let mut ids: BTreeMap<u32, usize> = BTreeMap::new();
    let racks = s.brokers.iter().filter(|b| b.rack.is_some()).count();
    for (i, b) in s.brokers.iter().enumerate() {
        if b.id > i32::MAX as u32 {
            p.add(format!("brokers[{i}].id"), "must be from 0 to 2147483647");
        } else if ids.insert(b.id, i).is_some() {
            p.add(
                format!("brokers[{i}].id"),
                format!("duplicate broker id {}", b.id),
            );
        }
        if racks > 0 && b.rack.is_none() {
            p.add(
                format!("brokers[{i}].rack"),
                "required once any broker has a rack (Kafka's rack-aware placement needs every broker's rack)",
            );
        }
    }
    if s.auto_leader_rebalance_enable.is_some() && n == 0 {
        p.add("auto_leader_rebalance_enable".into(), NEEDS);
    }
    if let Some(rf) = s.offsets_topic_replication_factor {
        let at = String::from("offsets_topic_replication_factor");
        if n == 0 {
            p.add(at, NEEDS);
        } else if rf == 0 || rf as usize > n {
            p.add(
                at,
                format!(
                    "must be from 1 to the broker count ({n}): Kafka cannot create __consumer_offsets with more \
                     replicas than brokers, and then no group finds a coordinator"
                ),
            );
        }
    }
    if let Some(ms) = s.network_latency_ms {
        let at = String::from("network_latency_ms");
        if n == 0 && ms > 0 {
            p.add(at, NEEDS);
        } else if ms > MAX_NETWORK_LATENCY_MS {
            p.add(
                at,
                format!("must be at most {MAX_NETWORK_LATENCY_MS} (ms per hop)"),
            );
        }
    }
    for (i, t) in s.topics.iter().enumerate() {
        let at = |f: &str| format!("topics[{i}].{f}");
        let set = [
            ("replication_factor", t.replication_factor.is_some()),
            ("min_insync_replicas", t.min_insync_replicas.is_some()),
            (
                "unclean_leader_election_enable",
                t.unclean_leader_election_enable.is_some(),
            ),
        ];
        if n == 0 {
            for (f, _) in set.iter().filter(|x| x.1) {
                p.add(at(f), NEEDS);
            }
            continue;
        }
        #[cfg(feature = "import")]
        if !t.initial_logs.is_empty() {
            p.add(
                at("initial_logs"),
                "not with `brokers` (the replicas' logs start empty at offset 0)",
            );
        }
        if let Some(rf) = t.replication_factor {
            if rf == 0 || rf as usize > n {
                p.add(
                    at("replication_factor"),
                    format!("must be from 1 to the broker count ({n})"),
                );
            }
        }
        if t.min_insync_replicas == Some(0) {
            p.add(at("min_insync_replicas"), "must be at least 1");
        }
    }
    for (i, pr) in s.producers.iter().enumerate() {
        let at = |f: &str| format!("producers[{i}].{f}");
        if n == 0 {
            if pr.acks.is_some() {
                p.add(at("acks"), NEEDS);
            }
            if pr.enable_idempotence.is_some() {
                p.add(at("enable_idempotence"), NEEDS);
            }
            continue;
        }
        if pr.enable_idempotence == Some(true) && pr.acks.is_some_and(|a| a != Acks::All) {
            p.add(
                at("enable_idempotence"),
                "needs acks \"all\" (Kafka: \"Must set acks to all in order to use the idempotent producer\")",
            );
        }
    }
    super::broker_faults::check(s, &ids, p);
}
