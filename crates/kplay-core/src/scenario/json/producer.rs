//! Topics and producers (with their bursts and keys).

use super::{Ctx, Value};
use crate::scenario::Cleanup;
use crate::scenario::{Burst, KeyKind, KeySpec, PartitionerKind, ProducerSpec, TopicSpec};

const TOPIC: &[&str] = &[
    "name",
    "partitions",
    "retention_ms",
    "retention_bytes",
    "segment_ms",
    "segment_bytes",
    "cleanup",
    "delete_retention_ms",
    "min_cleanable_dirty_ratio",
    "min_compaction_lag_ms",
    "max_compaction_lag_ms",
    #[cfg(feature = "import")]
    "initial_logs",
    #[cfg(feature = "brokers")]
    "replication_factor",
    #[cfg(feature = "brokers")]
    "min_insync_replicas",
    #[cfg(feature = "brokers")]
    "unclean_leader_election_enable",
];

pub(super) fn topic(c: &mut Ctx, v: &Value) -> TopicSpec {
    let mut t = TopicSpec::new("", 0);
    let Some(m) = c.object(v) else { return t };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "name" => c.string(x, &mut t.name),
            "partitions" => c.u32(x, &mut t.partitions),
            "retention_ms" => c.i64(x, &mut t.retention_ms),
            "retention_bytes" => c.i64(x, &mut t.retention_bytes),
            "segment_ms" => c.u64(x, &mut t.segment_ms),
            "segment_bytes" => c.u64(x, &mut t.segment_bytes),
            "cleanup" => c.words(x, &Cleanup::WORDS, &mut t.cleanup),
            "delete_retention_ms" => c.u64(x, &mut t.delete_retention_ms),
            "min_cleanable_dirty_ratio" => {
                super::parts::ratio(c, x, &mut t.min_cleanable_dirty_ratio)
            }
            "min_compaction_lag_ms" => c.u64(x, &mut t.min_compaction_lag_ms),
            "max_compaction_lag_ms" => c.u64(x, &mut t.max_compaction_lag_ms),
            #[cfg(feature = "import")]
            "initial_logs" => t.initial_logs = c.each(x, super::start::initial_log),
            #[cfg(feature = "brokers")]
            "replication_factor" => c.opt_u32(x, &mut t.replication_factor),
            #[cfg(feature = "brokers")]
            "min_insync_replicas" => c.opt_u32(x, &mut t.min_insync_replicas),
            #[cfg(feature = "brokers")]
            "unclean_leader_election_enable" => {
                super::broker::opt_bool(c, x, &mut t.unclean_leader_election_enable)
            }
            _ => c.unknown(k, TOPIC),
        }
        c.leave(at);
    }
    c.required(m, &TOPIC[..2]);
    t
}

const PRODUCER: &[&str] = &[
    "id",
    "topic",
    "rate_per_s",
    "burst",
    "keys",
    "partition",
    "record_bytes",
    "batch_size",
    "linger_ms",
    "paused",
    "partitioner",
    "ignore_keys",
    "adaptive_partitioning",
    "tombstone_percent",
    "metadata_max_age_ms",
    #[cfg(feature = "brokers")]
    "acks",
    #[cfg(feature = "brokers")]
    "enable_idempotence",
];

pub(super) fn producer(c: &mut Ctx, v: &Value) -> ProducerSpec {
    let mut p = ProducerSpec::new("", "", 0);
    let Some(m) = c.object(v) else { return p };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "id" => c.string(x, &mut p.id),
            "topic" => c.string(x, &mut p.topic),
            "rate_per_s" => c.u32(x, &mut p.rate_per_s),
            "burst" if x.is_null() => p.burst = None,
            "burst" => p.burst = burst(c, x),
            "keys" => p.keys = keys(c, x),
            "partition" => c.opt_u32(x, &mut p.partition),
            "record_bytes" => c.u32(x, &mut p.record_bytes),
            "batch_size" => c.u32(x, &mut p.batch_size),
            "linger_ms" => c.u32(x, &mut p.linger_ms),
            "paused" => c.bool(x, &mut p.paused),
            "partitioner" => c.words(x, &PartitionerKind::WORDS, &mut p.partitioner),
            "ignore_keys" => c.bool(x, &mut p.ignore_keys),
            "adaptive_partitioning" => c.bool(x, &mut p.adaptive_partitioning),
            "tombstone_percent" => c.u8(x, &mut p.tombstone_percent),
            "metadata_max_age_ms" => c.u32(x, &mut p.metadata_max_age_ms),
            #[cfg(feature = "brokers")]
            "acks" => super::broker::acks(c, x, &mut p.acks),
            #[cfg(feature = "brokers")]
            "enable_idempotence" => super::broker::opt_bool(c, x, &mut p.enable_idempotence),
            _ => c.unknown(k, PRODUCER),
        }
        c.leave(at);
    }
    c.required(m, &PRODUCER[..3]);
    p
}

const BURST: &[&str] = &["on_ms", "off_ms"];

/// A burst; `None` (after a problem) when it is not an object.
pub(super) fn burst(c: &mut Ctx, v: &Value) -> Option<Burst> {
    let mut b = Burst {
        on_ms: 0,
        off_ms: 0,
    };
    let m = c.object(v)?;
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "on_ms" => c.u32(x, &mut b.on_ms),
            "off_ms" => c.u32(x, &mut b.off_ms),
            _ => c.unknown(k, BURST),
        }
        c.leave(at);
    }
    c.required(m, BURST);
    Some(b)
}

const KEYS: &[&str] = &["kind", "values"];

pub(super) fn keys(c: &mut Ctx, v: &Value) -> KeySpec {
    let mut s = KeySpec::default();
    let Some(m) = c.object(v) else { return s };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "kind" => c.words(x, &KeyKind::WORDS, &mut s.kind),
            "values" => s.values = c.strings(x),
            _ => c.unknown(k, KEYS),
        }
        c.leave(at);
    }
    c.required(m, &KEYS[..1]);
    s
}
