//! Consumer groups, their commit settings and instances, and processing times.

use super::{Ctx, Value};
use crate::assignor::Strategy;
use crate::scenario::{
    AckMode, Client, CommitMode, CommitSpec, GroupSpec, InstanceSpec, OffsetReset, Processing,
};

const GROUP: &[&str] = &[
    "id",
    "topics",
    "strategy",
    "auto_offset_reset",
    "commit",
    "session_timeout_ms",
    "heartbeat_interval_ms",
    "max_poll_interval_ms",
    "max_poll_records",
    "initial_rebalance_delay_ms",
    "metadata_max_age_ms",
    "offsets_retention_ms",
    "instances",
    #[cfg(feature = "import")]
    "committed",
];

pub(super) fn group(c: &mut Ctx, v: &Value) -> GroupSpec {
    let mut g = GroupSpec::new("", []);
    let Some(m) = c.object(v) else { return g };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "id" => c.string(x, &mut g.id),
            "topics" => g.topics = c.strings(x),
            "strategy" => c.words(x, &Strategy::WORDS, &mut g.strategy),
            "auto_offset_reset" => c.words(x, &OffsetReset::WORDS, &mut g.auto_offset_reset),
            "commit" => g.commit = commit(c, x),
            "session_timeout_ms" => c.u32(x, &mut g.session_timeout_ms),
            "heartbeat_interval_ms" => c.u32(x, &mut g.heartbeat_interval_ms),
            "max_poll_interval_ms" => c.u32(x, &mut g.max_poll_interval_ms),
            "max_poll_records" => c.u32(x, &mut g.max_poll_records),
            "initial_rebalance_delay_ms" => c.u32(x, &mut g.initial_rebalance_delay_ms),
            "metadata_max_age_ms" => c.u32(x, &mut g.metadata_max_age_ms),
            "offsets_retention_ms" => c.u64(x, &mut g.offsets_retention_ms),
            "instances" => g.instances = c.each(x, instance),
            #[cfg(feature = "import")]
            "committed" => g.committed = c.each(x, super::start::committed),
            _ => c.unknown(k, GROUP),
        }
        c.leave(at);
    }
    c.required(m, &GROUP[..2]);
    g
}

const COMMIT: &[&str] = &[
    "client",
    "mode",
    "interval_ms",
    "ack_mode",
    "ack_time_ms",
    "ack_count",
];

pub(super) fn commit(c: &mut Ctx, v: &Value) -> CommitSpec {
    let mut s = CommitSpec::default();
    let Some(m) = c.object(v) else { return s };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "client" => c.words(x, &Client::WORDS, &mut s.client),
            "mode" => c.words(x, &CommitMode::WORDS, &mut s.mode),
            "interval_ms" => c.u32(x, &mut s.interval_ms),
            "ack_mode" => c.words(x, &AckMode::WORDS, &mut s.ack_mode),
            "ack_time_ms" => c.u32(x, &mut s.ack_time_ms),
            "ack_count" => c.u32(x, &mut s.ack_count),
            _ => c.unknown(k, COMMIT),
        }
        c.leave(at);
    }
    s
}

const INSTANCE: &[&str] = &[
    "id",
    "listener",
    "threads",
    "processing_ms",
    "static_id",
    "handoff_queue",
    "topics",
];

pub(super) fn instance(c: &mut Ctx, v: &Value) -> InstanceSpec {
    let mut i = InstanceSpec::new("", "", 1);
    let Some(m) = c.object(v) else { return i };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "id" => c.string(x, &mut i.id),
            "listener" => c.string(x, &mut i.listener),
            "threads" => c.u32(x, &mut i.threads),
            "processing_ms" => i.processing_ms = processing(c, x),
            "static_id" => c.opt_string(x, &mut i.static_id),
            "handoff_queue" => c.opt_u32(x, &mut i.handoff_queue),
            "topics" if x.is_null() => i.topics = None,
            "topics" => {
                let topics = c.strings(x);
                if x.is_array() {
                    i.topics = Some(topics);
                }
            }
            _ => c.unknown(k, INSTANCE),
        }
        c.leave(at);
    }
    c.required(m, &INSTANCE[..2]);
    i
}

const RANGE: &[&str] = &["min", "max"];

/// A number of ms, or `{"min": a, "max": b}`.
pub(super) fn processing(c: &mut Ctx, v: &Value) -> Processing {
    let Value::Object(m) = v else {
        if v.is_u64() || v.is_i64() {
            let mut ms = 0;
            c.u32(v, &mut ms);
            return Processing::Fixed(ms);
        }
        c.expected(
            "milliseconds per record (a whole number) or {\"min\": ms, \"max\": ms}",
            v,
        );
        return Processing::default();
    };
    let (mut min, mut max) = (0, 0);
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "min" => c.u32(x, &mut min),
            "max" => c.u32(x, &mut max),
            _ => c.unknown(k, RANGE),
        }
        c.leave(at);
    }
    if m.contains_key("min") && m.contains_key("max") {
        Processing::Range { min, max }
    } else {
        c.required(m, RANGE);
        Processing::default()
    }
}
