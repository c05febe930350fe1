//! Small scenarios shared by the commit and hand-off tests (included with `mod commit_support;`).
#![allow(dead_code)]

use kplay_core::scenario::{
    CommitSpec, FaultKind, FaultSpec, GroupSpec, InstanceSpec, OffsetReset, Processing,
    ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::{Event, EventKind};

/// One partition, a producer at `rate` records/s, one instance processing each record in `proc_ms`.
pub fn one_partition(
    commit: CommitSpec,
    rate: u32,
    proc_ms: u32,
    max_poll_records: u32,
) -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("orders", 1));
    s.producers.push(ProducerSpec::new("shop", "orders", rate));
    let mut g = GroupSpec::new("billing", ["orders"]);
    g.auto_offset_reset = OffsetReset::Earliest;
    g.commit = commit;
    g.max_poll_records = max_poll_records;
    let mut i = InstanceSpec::new("a", "OrderListener", 1);
    i.processing_ms = Processing::Fixed(proc_ms);
    g.instances.push(i);
    s.groups.push(g);
    s
}

/// Committed offsets with their times.
pub fn commits(events: &[Event]) -> Vec<(u64, u64)> {
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Committed { offset, .. } => Some((e.t_ms, offset)),
            _ => None,
        })
        .collect()
}

/// Two instances share one partition's group; the owner crashes mid-stream.
pub fn crash_scenario(commit: CommitSpec, handoff: Option<u32>) -> Scenario {
    let mut s = one_partition(commit, 100, 5, 50);
    s.producers[0].rate_per_s = 100;
    let g = &mut s.groups[0];
    g.instances[0].handoff_queue = handoff;
    g.instances[0].processing_ms = Processing::Fixed(if handoff.is_some() { 20 } else { 5 });
    let mut b = InstanceSpec::new("b", "OrderListener", 1);
    b.processing_ms = Processing::Fixed(0);
    g.instances.push(b);
    let mut crash = FaultSpec::new(12_345, FaultKind::Crash);
    crash.instance = Some("a".into());
    s.faults.push(crash);
    let mut pause = FaultSpec::new(20_000, FaultKind::PauseProducer);
    pause.producer = Some("shop".into());
    s.faults.push(pause);
    s
}
