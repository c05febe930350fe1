//! The scenario's JSON writer: what serde's `Serialize` writes (same fields, order, omissions and words),
//! without serde, so the web's export and share link need no serializer in the wasm.

use crate::assignor::Strategy;
use crate::json::Writer;
use crate::scenario::defaults as d;
use crate::scenario::{
    AckMode, Cleanup, Client, CommitMode, CommitSpec, FaultKind, FaultSpec, GroupSpec,
    InstanceSpec, KeyKind, OffsetReset, PartitionerKind, Processing, ProducerSpec, Scenario,
    TopicSpec,
};
use alloc::string::{String, ToString};

/// The scenario as JSON text: pretty (serde_json's `to_string_pretty`, what the web's Export shows) or compact
/// (its `to_string`). The reader reads it back as it was.
///
/// ```
/// use kplay_core::scenario::{json, Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// s.topics.push(TopicSpec::new("orders", 3));
/// let text = json::write(&s, false);
/// assert!(text.starts_with(r#"{"version":1,"seed":0,"topics":[{"name":"orders","partitions":3,"#));
/// assert_eq!(json::scenario(&kplay_core::json::parse(&text).unwrap()), Ok(s));
/// ```
pub fn write(s: &Scenario, pretty: bool) -> String {
    let mut w = Writer::new(pretty);
    w.open('{');
    w.key("version");
    w.u64(s.version.into());
    w.key("seed");
    w.u64(s.seed);
    list(&mut w, "topics", &s.topics, topic);
    list(&mut w, "producers", &s.producers, producer);
    list(&mut w, "groups", &s.groups, group);
    list(&mut w, "faults", &s.faults, fault);
    #[cfg(feature = "brokers")]
    if !s.brokers.is_empty() {
        list(&mut w, "brokers", &s.brokers, |w, b| {
            w.open('{');
            u32(w, "id", b.id);
            if let Some(r) = &b.rack {
                word(w, "rack", r);
            }
            w.close('}');
        });
    }
    #[cfg(feature = "brokers")]
    if let Some(rf) = s.offsets_topic_replication_factor {
        u32(&mut w, "offsets_topic_replication_factor", rf);
    }
    #[cfg(feature = "brokers")]
    if let Some(ms) = s.network_latency_ms {
        u32(&mut w, "network_latency_ms", ms);
    }
    #[cfg(feature = "brokers")]
    if let Some(b) = s.auto_leader_rebalance_enable {
        w.key("auto_leader_rebalance_enable");
        w.bool(b);
    }
    w.close('}');
    w.finish()
}

/// Field `key`: a list of `items`, each written by `one`.
fn list<T>(w: &mut Writer, key: &str, items: &[T], one: fn(&mut Writer, &T)) {
    w.key(key);
    w.open('[');
    for x in items {
        w.item();
        one(w, x);
    }
    w.close(']');
}

fn strings(w: &mut Writer, key: &str, items: &[String]) {
    list(w, key, items, |w, s| w.string(s));
}

fn u32(w: &mut Writer, key: &str, n: u32) {
    w.key(key);
    w.u64(n.into());
}

fn u64(w: &mut Writer, key: &str, n: u64) {
    w.key(key);
    w.u64(n);
}

fn word(w: &mut Writer, key: &str, word: &str) {
    w.key(key);
    w.string(word);
}

fn opt_u32(w: &mut Writer, key: &str, n: Option<u32>) {
    w.key(key);
    match n {
        Some(n) => w.u64(n.into()),
        None => w.null(),
    }
}

fn opt_string(w: &mut Writer, key: &str, s: &Option<String>) {
    w.key(key);
    match s {
        Some(s) => w.string(s),
        None => w.null(),
    }
}

fn topic(w: &mut Writer, t: &TopicSpec) {
    w.open('{');
    word(w, "name", &t.name);
    u32(w, "partitions", t.partitions);
    w.key("retention_ms");
    w.i64(t.retention_ms);
    w.key("retention_bytes");
    w.i64(t.retention_bytes);
    u64(w, "segment_ms", t.segment_ms);
    u64(w, "segment_bytes", t.segment_bytes);
    word(w, "cleanup", Cleanup::WORDS.name(t.cleanup));
    u64(w, "delete_retention_ms", t.delete_retention_ms);
    if !d::is_min_cleanable_dirty_ratio(&t.min_cleanable_dirty_ratio) {
        word(
            w,
            "min_cleanable_dirty_ratio",
            &t.min_cleanable_dirty_ratio.to_string(),
        );
    }
    if !d::is_zero_u64(&t.min_compaction_lag_ms) {
        u64(w, "min_compaction_lag_ms", t.min_compaction_lag_ms);
    }
    if !d::is_max_compaction_lag(&t.max_compaction_lag_ms) {
        u64(w, "max_compaction_lag_ms", t.max_compaction_lag_ms);
    }
    #[cfg(feature = "import")]
    if !t.initial_logs.is_empty() {
        list(w, "initial_logs", &t.initial_logs, |w, l| {
            w.open('{');
            u32(w, "partition", l.partition);
            u64(w, "log_start", l.log_start);
            u64(w, "log_end", l.log_end);
            w.close('}');
        });
    }
    #[cfg(feature = "brokers")]
    {
        if let Some(n) = t.replication_factor {
            u32(w, "replication_factor", n);
        }
        if let Some(n) = t.min_insync_replicas {
            u32(w, "min_insync_replicas", n);
        }
        if let Some(b) = t.unclean_leader_election_enable {
            w.key("unclean_leader_election_enable");
            w.bool(b);
        }
    }
    w.close('}');
}

fn producer(w: &mut Writer, p: &ProducerSpec) {
    w.open('{');
    word(w, "id", &p.id);
    word(w, "topic", &p.topic);
    u32(w, "rate_per_s", p.rate_per_s);
    w.key("burst");
    match &p.burst {
        Some(b) => {
            w.open('{');
            u32(w, "on_ms", b.on_ms);
            u32(w, "off_ms", b.off_ms);
            w.close('}');
        }
        None => w.null(),
    }
    w.key("keys");
    w.open('{');
    word(w, "kind", KeyKind::WORDS.name(p.keys.kind));
    strings(w, "values", &p.keys.values);
    w.close('}');
    opt_u32(w, "partition", p.partition);
    u32(w, "record_bytes", p.record_bytes);
    u32(w, "batch_size", p.batch_size);
    u32(w, "linger_ms", p.linger_ms);
    w.key("paused");
    w.bool(p.paused);
    word(w, "partitioner", partitioner(p.partitioner));
    w.key("ignore_keys");
    w.bool(p.ignore_keys);
    w.key("adaptive_partitioning");
    w.bool(p.adaptive_partitioning);
    if !d::is_zero(&p.tombstone_percent) {
        u32(w, "tombstone_percent", p.tombstone_percent.into());
    }
    if !d::is_metadata_max_age(&p.metadata_max_age_ms) {
        u32(w, "metadata_max_age_ms", p.metadata_max_age_ms);
    }
    #[cfg(feature = "brokers")]
    {
        if let Some(a) = p.acks {
            word(w, "acks", crate::replication::Acks::WORDS.name(a));
        }
        if let Some(b) = p.enable_idempotence {
            w.key("enable_idempotence");
            w.bool(b);
        }
    }
    w.close('}');
}

/// serde's names (snake_case); the word table lists the kebab-case aliases first.
fn partitioner(p: PartitionerKind) -> &'static str {
    match p {
        PartitionerKind::Default => "default",
        PartitionerKind::UniformSticky => "uniform_sticky",
        PartitionerKind::RoundRobin => "round_robin",
        PartitionerKind::StickyLegacy => "sticky_legacy",
        PartitionerKind::RoundRobinKafka38 => "round_robin_kafka_3_8",
    }
}

fn group(w: &mut Writer, g: &GroupSpec) {
    w.open('{');
    word(w, "id", &g.id);
    strings(w, "topics", &g.topics);
    word(w, "strategy", Strategy::WORDS.name(g.strategy));
    word(
        w,
        "auto_offset_reset",
        OffsetReset::WORDS.name(g.auto_offset_reset),
    );
    w.key("commit");
    commit(w, &g.commit);
    u32(w, "session_timeout_ms", g.session_timeout_ms);
    u32(w, "heartbeat_interval_ms", g.heartbeat_interval_ms);
    u32(w, "max_poll_interval_ms", g.max_poll_interval_ms);
    u32(w, "max_poll_records", g.max_poll_records);
    u32(
        w,
        "initial_rebalance_delay_ms",
        g.initial_rebalance_delay_ms,
    );
    u32(w, "metadata_max_age_ms", g.metadata_max_age_ms);
    u64(w, "offsets_retention_ms", g.offsets_retention_ms);
    list(w, "instances", &g.instances, instance);
    #[cfg(feature = "import")]
    if !g.committed.is_empty() {
        list(w, "committed", &g.committed, |w, c| {
            w.open('{');
            word(w, "topic", &c.topic);
            u32(w, "partition", c.partition);
            u64(w, "offset", c.offset);
            w.close('}');
        });
    }
    w.close('}');
}

/// Only the fields the client uses (as `CommitSpec`'s `Serialize`).
fn commit(w: &mut Writer, c: &CommitSpec) {
    w.open('{');
    word(w, "client", Client::WORDS.name(c.client));
    match c.client {
        Client::Kafka => {
            word(w, "mode", CommitMode::WORDS.name(c.mode));
            u32(w, "interval_ms", c.interval_ms);
        }
        Client::Spring => {
            word(w, "ack_mode", AckMode::WORDS.name(c.ack_mode));
            if matches!(c.ack_mode, AckMode::Time | AckMode::CountTime) {
                u32(w, "ack_time_ms", c.ack_time_ms);
            }
            if matches!(c.ack_mode, AckMode::Count | AckMode::CountTime) {
                u32(w, "ack_count", c.ack_count);
            }
        }
    }
    w.close('}');
}

fn instance(w: &mut Writer, i: &InstanceSpec) {
    w.open('{');
    word(w, "id", &i.id);
    word(w, "listener", &i.listener);
    u32(w, "threads", i.threads);
    w.key("processing_ms");
    match i.processing_ms {
        Processing::Fixed(ms) => w.u64(ms.into()),
        Processing::Range { min, max } => {
            w.open('{');
            u32(w, "min", min);
            u32(w, "max", max);
            w.close('}');
        }
    }
    opt_string(w, "static_id", &i.static_id);
    if let Some(q) = i.handoff_queue {
        u32(w, "handoff_queue", q);
    }
    if let Some(t) = &i.topics {
        strings(w, "topics", t);
    }
    w.close('}');
}

fn fault(w: &mut Writer, f: &FaultSpec) {
    w.open('{');
    u64(w, "at_ms", f.at_ms);
    word(w, "kind", FaultKind::WORDS.name(f.kind));
    opt_string(w, "instance", &f.instance);
    opt_string(w, "producer", &f.producer);
    opt_string(w, "topic", &f.topic);
    opt_u32(w, "partitions", f.partitions);
    opt_u32(w, "processing_ms", f.processing_ms);
    #[cfg(feature = "brokers")]
    if let Some(b) = f.broker {
        u32(w, "broker", b);
    }
    #[cfg(feature = "brokers")]
    if let Some(ms) = f.extra_ms {
        u64(w, "extra_ms", ms);
    }
    #[cfg(feature = "brokers")]
    if let Some(p) = f.partition {
        u32(w, "partition", p);
    }
    w.close('}');
}
