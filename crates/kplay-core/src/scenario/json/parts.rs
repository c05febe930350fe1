//! The whole scenario, its faults, and ratios.

use super::{Ctx, Value};
use crate::scenario::{FaultKind, FaultSpec, Ratio, Scenario};

const SCENARIO: &[&str] = &[
    "version",
    "seed",
    "topics",
    "producers",
    "groups",
    "faults",
    #[cfg(feature = "brokers")]
    "brokers",
    #[cfg(feature = "brokers")]
    "offsets_topic_replication_factor",
    #[cfg(feature = "brokers")]
    "network_latency_ms",
    #[cfg(feature = "brokers")]
    "auto_leader_rebalance_enable",
];

pub(super) fn scenario(c: &mut Ctx, v: &Value) -> Scenario {
    let mut s = Scenario::default();
    let Some(m) = c.object(v) else { return s };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "version" => c.u32(x, &mut s.version),
            "seed" => c.u64(x, &mut s.seed),
            "topics" => s.topics = c.each(x, super::producer::topic),
            "producers" => s.producers = c.each(x, super::producer::producer),
            "groups" => s.groups = c.each(x, super::group::group),
            "faults" => s.faults = c.each(x, fault),
            #[cfg(feature = "brokers")]
            "brokers" => s.brokers = c.each(x, super::broker::broker),
            #[cfg(feature = "brokers")]
            "offsets_topic_replication_factor" => {
                c.opt_u32(x, &mut s.offsets_topic_replication_factor)
            }
            #[cfg(feature = "brokers")]
            "network_latency_ms" => c.opt_u32(x, &mut s.network_latency_ms),
            #[cfg(feature = "brokers")]
            "auto_leader_rebalance_enable" => {
                super::broker::opt_bool(c, x, &mut s.auto_leader_rebalance_enable)
            }
            _ => c.unknown(k, SCENARIO),
        }
        c.leave(at);
    }
    c.required(m, &SCENARIO[..1]);
    s
}

const FAULT: &[&str] = &[
    "at_ms",
    "kind",
    "instance",
    "producer",
    "topic",
    "partitions",
    "processing_ms",
    #[cfg(feature = "brokers")]
    "broker",
    #[cfg(feature = "brokers")]
    "extra_ms",
    #[cfg(feature = "brokers")]
    "partition",
];

pub(super) fn fault(c: &mut Ctx, v: &Value) -> FaultSpec {
    let mut f = FaultSpec::new(0, FaultKind::Crash);
    let Some(m) = c.object(v) else { return f };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "at_ms" => c.u64(x, &mut f.at_ms),
            "kind" => c.words(x, &FaultKind::WORDS, &mut f.kind),
            "instance" => c.opt_string(x, &mut f.instance),
            "producer" => c.opt_string(x, &mut f.producer),
            "topic" => c.opt_string(x, &mut f.topic),
            "partitions" => c.opt_u32(x, &mut f.partitions),
            "processing_ms" => c.opt_u32(x, &mut f.processing_ms),
            #[cfg(feature = "brokers")]
            "broker" => c.opt_u32(x, &mut f.broker),
            #[cfg(feature = "brokers")]
            "extra_ms" => c.opt_u64(x, &mut f.extra_ms),
            #[cfg(feature = "brokers")]
            "partition" => c.opt_u32(x, &mut f.partition),
            _ => c.unknown(k, FAULT),
        }
        c.leave(at);
    }
    c.required(m, &FAULT[..2]);
    f
}

/// A ratio: a JSON number (kept, saturated, when out of range so the validator names it) or a decimal string.
pub(super) fn ratio(c: &mut Ctx, v: &Value, out: &mut Ratio) {
    let r = match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Some(Ratio::from_whole(i64::try_from(u).unwrap_or(i64::MAX))),
            (_, Some(i), _) => Some(Ratio::from_whole(i)),
            (_, _, Some(f)) => Some(Ratio::from_f64(f)),
            _ => None,
        },
        Value::String(s) => Ratio::from_decimal(s.trim()),
        _ => None,
    };
    match r {
        Some(r) => *out = r,
        None => c.expected("a number from 0 to 1", v),
    }
}
