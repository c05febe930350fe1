//! Scenario rules. Every rule is checked and every broken one reported, with its path.

use super::{Cleanup, FaultKind, KeyKind, Processing, Scenario, VERSION};
use crate::sort::NameMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// One broken rule: where (`groups[1].instances[0].threads`) and what (`must be a whole number from 1 to 64`).
///
/// ```
/// let p = kplay_core::scenario::ScenarioProblem::new("topics[0].partitions", "must be positive");
/// assert_eq!(p.to_string(), "topics[0].partitions: must be positive");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioProblem {
    /// Path of the offending field.
    pub path: String,
    /// The rule it breaks.
    pub problem: String,
}

impl ScenarioProblem {
    /// A problem at `path`.
    ///
    /// ```
    /// let p = kplay_core::scenario::ScenarioProblem::new("version", "must be 1");
    /// assert_eq!(p.path, "version");
    /// ```
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> Self {
        ScenarioProblem {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl core::error::Error for ScenarioProblem {}

/// Largest partition count the playground accepts.
pub const MAX_PARTITIONS: u32 = 1024;
/// Largest thread count per instance.
pub const MAX_THREADS: u32 = 64;

pub(super) struct Problems(pub(super) Vec<ScenarioProblem>);

impl Problems {
    pub(super) fn add(&mut self, path: String, problem: impl Into<String>) {
        self.0.push(ScenarioProblem::new(path, problem));
    }
    pub(super) fn range(&mut self, path: String, v: u64, lo: u64, hi: u64) {
        if v < lo || v > hi {
            self.add(path, super::range_rule(lo, hi));
        }
    }
}

/// A subscription (a group's or an instance's `topics`): at least one topic, each known, none twice.
fn topic_list(p: &mut Problems, at: &str, list: &[String], known: &NameMap) {
    if list.is_empty() {
        p.add(at.into(), "must subscribe to at least one topic");
    }
    let mut seen = NameMap::default();
    for (ti, t) in list.iter().enumerate() {
        if !known.contains_key(t.as_str()) {
            p.add(format!("{at}[{ti}]"), format!("unknown topic {t:?}"));
        } else if seen.insert(t.as_str(), ti).is_some() {
            p.add(format!("{at}[{ti}]"), format!("duplicate topic {t:?}"));
        }
    }
}

/// Kafka's topic-name rule: 1 to 249 characters from `[a-zA-Z0-9._-]`, not `.` or `..`.
pub(crate) fn topic_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > 249 {
        return Some("must be from 1 to 249 characters long");
    }
    if name == "." || name == ".." {
        return Some("must not be \".\" or \"..\"");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Some("may contain only a-z, A-Z, 0-9, '.', '_' and '-'");
    }
    None
}

fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() || id.len() > 128 {
        Some("must be from 1 to 128 characters long")
    } else {
        None
    }
}

pub(crate) fn check(s: &Scenario) -> Vec<ScenarioProblem> {
    let mut p = Problems(Vec::new());
    if s.version != VERSION {
        p.add("version".into(), format!("must be {VERSION}"));
    }
    if super::caps::far_over(s) {
        // Only the caps: checking every item of such a list would cost more than the answer is worth (the name
        // maps are sorted lists, quadratic in names given out of order).
        super::caps::check(s, &mut p);
        return p.0;
    }
    // Maps here all map a name to an index: one `NameMap` (a sorted `Vec`) instead of a tree instance.
    let mut topics = NameMap::default();
    for (i, t) in s.topics.iter().enumerate() {
        let at = format!("topics[{i}]");
        if let Some(why) = topic_name_problem(&t.name) {
            p.add(format!("{at}.name"), why);
        } else if topics.insert(&t.name, i).is_some() {
            p.add(
                format!("{at}.name"),
                format!("duplicate topic {:?}", t.name),
            );
        }
        p.range(
            format!("{at}.partitions"),
            t.partitions.into(),
            1,
            MAX_PARTITIONS.into(),
        );
        if t.retention_ms < -1 || t.retention_ms == 0 {
            p.add(format!("{at}.retention_ms"), "must be -1 or positive");
        }
        if t.retention_bytes < -1 || t.retention_bytes == 0 {
            p.add(format!("{at}.retention_bytes"), "must be -1 or positive");
        }
        p.range(
            format!("{at}.segment_ms"),
            t.segment_ms,
            1,
            u64::from(u32::MAX),
        );
        p.range(format!("{at}.segment_bytes"), t.segment_bytes, 14, 1 << 30);
        // Kafka's LogConfig: the ratio between(0, 1), max lag atLeast(1), and min lag ≤ max lag.
        if t.min_cleanable_dirty_ratio.valid().is_none() {
            p.add(
                format!("{at}.min_cleanable_dirty_ratio"),
                "must be a number from 0 to 1",
            );
        }
        let max_lag = i64::MAX as u64;
        p.range(
            format!("{at}.min_compaction_lag_ms"),
            t.min_compaction_lag_ms,
            0,
            max_lag,
        );
        p.range(
            format!("{at}.max_compaction_lag_ms"),
            t.max_compaction_lag_ms,
            1,
            max_lag,
        );
        if t.min_compaction_lag_ms > t.max_compaction_lag_ms {
            p.add(
                format!("{at}.min_compaction_lag_ms"),
                "must not exceed max_compaction_lag_ms",
            );
        }
    }
    let mut producers = NameMap::default();
    for (i, pr) in s.producers.iter().enumerate() {
        let at = format!("producers[{i}]");
        if let Some(why) = id_problem(&pr.id) {
            p.add(format!("{at}.id"), why);
        } else if producers.insert(pr.id.as_str(), i).is_some() {
            p.add(
                format!("{at}.id"),
                format!("duplicate producer {:?}", pr.id),
            );
        }
        let topic = topics.get(pr.topic.as_str()).map(|i| &s.topics[i]);
        if topic.is_none() {
            p.add(
                format!("{at}.topic"),
                format!("unknown topic {:?}", pr.topic),
            );
        }
        p.range(
            format!("{at}.rate_per_s"),
            pr.rate_per_s.into(),
            0,
            super::MAX_RATE_PER_S.into(),
        );
        if let Some(b) = pr.burst {
            p.range(format!("{at}.burst.on_ms"), b.on_ms.into(), 1, 86_400_000);
            p.range(format!("{at}.burst.off_ms"), b.off_ms.into(), 0, 86_400_000);
        }
        let needs_values = pr.keys.kind != KeyKind::None;
        if needs_values && pr.keys.values.is_empty() {
            p.add(
                format!("{at}.keys.values"),
                "must list at least one key for cycle, random and fixed",
            );
        }
        if pr.keys.values.len() > 100_000 {
            p.add(format!("{at}.keys.values"), "must have at most 100000 keys");
        }
        if let (Some(t), false) = (topic, needs_values) {
            let (n, cleanup) = (t.partitions, t.cleanup);
            if cleanup != Cleanup::Delete {
                p.add(
                    format!("{at}.keys.kind"),
                    "a compacted topic rejects records without a key",
                );
            }
            let _ = n;
        }
        if let (Some(part), Some(n)) = (pr.partition, topic.map(|t| t.partitions)) {
            if part >= n {
                p.add(
                    format!("{at}.partition"),
                    format!("must be below the topic's partition count {n}"),
                );
            }
        }
        p.range(
            format!("{at}.record_bytes"),
            pr.record_bytes.into(),
            1,
            1 << 20,
        );
        p.range(format!("{at}.batch_size"), pr.batch_size.into(), 1, 1 << 24);
        p.range(format!("{at}.linger_ms"), pr.linger_ms.into(), 0, 60_000);
        p.range(
            format!("{at}.metadata_max_age_ms"),
            pr.metadata_max_age_ms.into(),
            1,
            86_400_000,
        );
        p.range(
            format!("{at}.tombstone_percent"),
            pr.tombstone_percent.into(),
            0,
            100,
        );
    }
    let mut groups = NameMap::default();
    let mut instances = NameMap::default();
    // Static ids per group id (groups sharing an id, itself an error, share one set): group id → slot.
    let mut static_slots = NameMap::default();
    let mut static_ids: Vec<NameMap> = Vec::new();
    for (gi, g) in s.groups.iter().enumerate() {
        let at = format!("groups[{gi}]");
        if let Some(why) = id_problem(&g.id) {
            p.add(format!("{at}.id"), why);
        } else if groups.insert(g.id.as_str(), gi).is_some() {
            p.add(format!("{at}.id"), format!("duplicate group {:?}", g.id));
        }
        topic_list(&mut p, &format!("{at}.topics"), &g.topics, &topics);
        p.range(
            format!("{at}.commit.interval_ms"),
            g.commit.interval_ms.into(),
            1,
            3_600_000,
        );
        g.commit.check(&mut p, &at);
        p.range(
            format!("{at}.session_timeout_ms"),
            g.session_timeout_ms.into(),
            6_000,
            1_800_000,
        );
        if g.heartbeat_interval_ms == 0 || g.heartbeat_interval_ms >= g.session_timeout_ms {
            p.add(
                format!("{at}.heartbeat_interval_ms"),
                "must be at least 1 and below session_timeout_ms",
            );
        }
        p.range(
            format!("{at}.max_poll_interval_ms"),
            g.max_poll_interval_ms.into(),
            1_000,
            86_400_000,
        );
        p.range(
            format!("{at}.max_poll_records"),
            g.max_poll_records.into(),
            1,
            100_000,
        );
        p.range(
            format!("{at}.initial_rebalance_delay_ms"),
            g.initial_rebalance_delay_ms.into(),
            0,
            300_000,
        );
        p.range(
            format!("{at}.metadata_max_age_ms"),
            g.metadata_max_age_ms.into(),
            1,
            86_400_000,
        );
        if g.offsets_retention_ms == 0 {
            p.add(format!("{at}.offsets_retention_ms"), "must be at least 1");
        }
        for (ii, inst) in g.instances.iter().enumerate() {
            let at = format!("{at}.instances[{ii}]");
            if let Some(why) = id_problem(&inst.id) {
                p.add(format!("{at}.id"), why);
            } else if instances.insert(inst.id.as_str(), gi).is_some() {
                p.add(
                    format!("{at}.id"),
                    format!("duplicate instance {:?}", inst.id),
                );
            }
            if let Some(why) = id_problem(&inst.listener) {
                p.add(format!("{at}.listener"), why);
            }
            if let Some(own) = &inst.topics {
                topic_list(&mut p, &format!("{at}.topics"), own, &topics);
            }
            p.range(
                format!("{at}.threads"),
                inst.threads.into(),
                1,
                MAX_THREADS.into(),
            );
            match inst.processing_ms {
                Processing::Fixed(ms) => {
                    p.range(format!("{at}.processing_ms"), ms.into(), 0, 3_600_000)
                }
                Processing::Range { min, max } => {
                    if min > max || max > 3_600_000 {
                        p.add(
                            format!("{at}.processing_ms"),
                            "must have min <= max <= 3600000",
                        );
                    }
                }
            }
            if let Some(q) = inst.handoff_queue {
                p.range(format!("{at}.handoff_queue"), q.into(), 1, 100_000);
            }
            if let Some(sid) = &inst.static_id {
                if let Some(why) = id_problem(sid) {
                    p.add(format!("{at}.static_id"), why);
                } else {
                    let slot = match static_slots.get(g.id.as_str()) {
                        Some(slot) => slot,
                        None => {
                            static_slots.insert(g.id.as_str(), static_ids.len());
                            static_ids.push(NameMap::default());
                            static_ids.len() - 1
                        }
                    };
                    if static_ids[slot].insert(sid.as_str(), ii).is_some() {
                        p.add(
                            format!("{at}.static_id"),
                            format!("duplicate static id {sid:?} in the group"),
                        );
                    }
                }
            }
        }
    }
    for (fi, f) in s.faults.iter().enumerate() {
        let at = format!("faults[{fi}]");
        p.range(format!("{at}.at_ms"), f.at_ms, 0, super::MAX_RUN_MS);
        match f.kind {
            FaultKind::Crash | FaultKind::Stop | FaultKind::Restart | FaultKind::Slow => {
                match &f.instance {
                    None => p.add(
                        format!("{at}.instance"),
                        format!("required for {}", f.kind.name()),
                    ),
                    Some(i) if !instances.contains_key(i.as_str()) => {
                        p.add(format!("{at}.instance"), format!("unknown instance {i:?}"))
                    }
                    Some(_) => {}
                }
            }
            FaultKind::PauseProducer | FaultKind::ResumeProducer => match &f.producer {
                None => p.add(
                    format!("{at}.producer"),
                    format!("required for {}", f.kind.name()),
                ),
                Some(i) if !producers.contains_key(i.as_str()) => {
                    p.add(format!("{at}.producer"), format!("unknown producer {i:?}"))
                }
                Some(_) => {}
            },
            FaultKind::AddPartitions => {
                let topic = f
                    .topic
                    .as_deref()
                    .and_then(|t| topics.get(t))
                    .map(|i| s.topics[i].partitions);
                match &f.topic {
                    None => p.add(format!("{at}.topic"), "required for add_partitions"),
                    Some(t) if topic.is_none() => {
                        p.add(format!("{at}.topic"), format!("unknown topic {t:?}"))
                    }
                    Some(_) => {}
                }
                match (f.partitions, topic) {
                    (None, _) => p.add(format!("{at}.partitions"), "required for add_partitions"),
                    (Some(n), Some(cur)) if n <= cur || n > MAX_PARTITIONS => p.add(
                        format!("{at}.partitions"),
                        format!("must be above the current count {cur} and at most {MAX_PARTITIONS} (partitions are never removed)"),
                    ),
                    _ => {}
                }
            }
            // Checked with the other brokers fields (`broker::check`).
            #[cfg(feature = "brokers")]
            FaultKind::CrashBroker
            | FaultKind::RestartBroker
            | FaultKind::SlowFollower
            | FaultKind::LoseAck
            | FaultKind::ElectPreferred => {}
        }
        if let Some(ms) = f.processing_ms {
            if f.kind != FaultKind::Slow {
                p.add(format!("{at}.processing_ms"), "only allowed for slow");
            }
            p.range(format!("{at}.processing_ms"), ms.into(), 0, 3_600_000);
        }
    }
    #[cfg(feature = "import")]
    super::start::check(s, &mut p);
    #[cfg(feature = "brokers")]
    super::broker::check(s, &mut p);
    super::caps::check(s, &mut p);
    p.0
}
