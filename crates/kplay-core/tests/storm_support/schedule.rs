//! A storm: a small random world and a schedule of commands at random virtual times, resolved against the
//! world as it is when they fire (so targets are mostly real; a refused command is counted, not an error).

use super::Rng;
use kplay_core::scenario::{
    AckMode, CommitMode, CommitSpec, GroupSpec, InstanceSpec, KeyKind, KeySpec, OffsetReset,
    PartitionerKind, Processing, ProducerSpec, Scenario, Strategy, TopicSpec,
};
use kplay_core::sim::{Command, World};

/// What a storm step does; targets are chosen when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Crash,
    Restart,
    Stop,
    SetThreads,
    AddInstance,
    RemoveInstance,
    Slow,
    Unslow,
    AddPartitions,
    PauseProducer,
    ResumeProducer,
    /// Remove the topic's producers, then the topic (Kafka refuses nothing here; the playground refuses a
    /// topic a producer still writes to).
    DeleteTopic,
    /// Create a deleted topic again (offsets restart at 0) with a new producer.
    RecreateTopic,
}

const STEPS: [(Step, u64); 13] = [
    (Step::Crash, 12),
    (Step::Restart, 16),
    (Step::Stop, 8),
    (Step::SetThreads, 8),
    (Step::AddInstance, 6),
    (Step::RemoveInstance, 5),
    (Step::Slow, 8),
    (Step::Unslow, 6),
    (Step::AddPartitions, 5),
    (Step::PauseProducer, 6),
    (Step::ResumeProducer, 6),
    (Step::DeleteTopic, 2),
    (Step::RecreateTopic, 2),
];

fn processing(rng: &mut Rng) -> Processing {
    let ms = rng.range(0, 6) as u32;
    if rng.chance(50) {
        Processing::Fixed(ms)
    } else {
        Processing::Range { min: 0, max: ms }
    }
}

fn instance(rng: &mut Rng, id: &str) -> InstanceSpec {
    let mut s = InstanceSpec::new(id, "L", rng.range(1, 3) as u32);
    s.processing_ms = processing(rng);
    if rng.chance(20) {
        s.static_id = Some(format!("s-{id}"));
    }
    s
}

fn producer(rng: &mut Rng, id: &str, topic: &str) -> ProducerSpec {
    let mut p = ProducerSpec::new(id, topic, rng.range(5, 50) as u32);
    if rng.chance(50) {
        p.keys = KeySpec {
            kind: KeyKind::Cycle,
            values: ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
        };
    }
    p.linger_ms = rng.range(0, 2) as u32 * 5;
    p.partitioner = [
        PartitionerKind::Default,
        PartitionerKind::StickyLegacy,
        PartitionerKind::UniformSticky,
        PartitionerKind::RoundRobin,
        PartitionerKind::RoundRobinKafka38,
    ][rng.pick(5)];
    p.batch_size = 300;
    p.tombstone_percent = [0, 0, 10][rng.pick(3)];
    p
}

/// A small world: 1–3 topics of 1–6 partitions, 1–3 producers at 5–50 records/s, 1–3 groups of 1–3 instances
/// of 1–3 threads, every commit mode, every strategy; no hand-off queues (a hand-off loses records by design,
/// tests/commits.rs pins that).
pub fn world(rng: &mut Rng) -> Scenario {
    let mut s = Scenario::default();
    let topics = rng.range(1, 3) as usize;
    for i in 0..topics {
        s.topics
            .push(TopicSpec::new(&format!("t{i}"), rng.range(1, 6) as u32));
    }
    for i in 0..rng.range(1, 3) {
        let t = format!("t{}", rng.pick(topics));
        s.producers.push(producer(rng, &format!("p{i}"), &t));
    }
    for gi in 0..rng.range(1, 3) {
        let mut names: Vec<String> = (0..topics)
            .filter(|_| rng.chance(70))
            .map(|i| format!("t{i}"))
            .collect();
        if names.is_empty() {
            names.push(format!("t{}", rng.pick(topics)));
        }
        let mut g = GroupSpec::new(&format!("g{gi}"), names.iter().map(String::as_str));
        g.strategy = [
            Strategy::Range,
            Strategy::RoundRobin,
            Strategy::Sticky,
            Strategy::CooperativeSticky,
        ][rng.pick(4)];
        g.auto_offset_reset = OffsetReset::Earliest;
        g.commit = match rng.pick(11) {
            m @ 0..=3 => CommitSpec {
                interval_ms: 2_000,
                ..CommitSpec::kafka(
                    [
                        CommitMode::Auto,
                        CommitMode::Sync,
                        CommitMode::Async,
                        CommitMode::PerRecord,
                    ][m],
                )
            },
            m => {
                let mut c = CommitSpec::spring(
                    [
                        AckMode::Batch,
                        AckMode::Record,
                        AckMode::Time,
                        AckMode::Count,
                        AckMode::CountTime,
                        AckMode::Manual,
                        AckMode::ManualImmediate,
                    ][m - 4],
                );
                c.ack_time_ms = 700;
                c.ack_count = 7;
                c
            }
        };
        g.session_timeout_ms = rng.range(6_000, 9_000) as u32;
        g.max_poll_interval_ms = 5_000;
        g.max_poll_records = 20;
        g.initial_rebalance_delay_ms = 500;
        g.metadata_max_age_ms = 3_000;
        for ii in 0..rng.range(1, 3) {
            g.instances.push(instance(rng, &format!("g{gi}i{ii}")));
        }
        s.groups.push(g);
    }
    s
}

/// `n` steps at random times in `[0, until_ms)`, sorted by time.
pub fn steps(rng: &mut Rng, n: usize, until_ms: u64) -> Vec<(u64, Step, u64)> {
    let total: u64 = STEPS.iter().map(|s| s.1).sum();
    let mut out: Vec<(u64, Step, u64)> = (0..n)
        .map(|_| {
            let at = rng.range(0, until_ms - 1);
            let mut roll = rng.range(0, total - 1);
            let step = STEPS
                .iter()
                .find(|s| {
                    let hit = roll < s.1;
                    roll = roll.saturating_sub(s.1);
                    hit
                })
                .map_or(Step::Crash, |s| s.0);
            (at, step, rng.next())
        })
        .collect();
    out.sort_by_key(|s| s.0);
    out
}

/// Names the world knows now, for choosing targets.
struct Names {
    groups: Vec<String>,
    instances: Vec<String>,
    live_topics: Vec<(String, u32)>,
    producers: Vec<(String, String)>,
}

fn names(w: &World) -> Names {
    let snap = w.snapshot();
    Names {
        groups: snap.groups.iter().map(|g| g.id.clone()).collect(),
        instances: snap
            .groups
            .iter()
            .flat_map(|g| g.instances.iter().map(|i| i.id.clone()))
            .collect(),
        live_topics: snap
            .topics
            .iter()
            .map(|t| (t.name.clone(), t.partitions.len() as u32))
            .collect(),
        producers: snap
            .producers
            .iter()
            .map(|p| (p.id.clone(), p.topic.clone()))
            .collect(),
    }
}

/// The commands of one step against the world as it is now (empty when it has no target, e.g. no instance
/// left). `deleted` holds the names of deleted topics (for `RecreateTopic`); `serial` makes new ids unique.
pub fn resolve(
    w: &World,
    step: Step,
    dice: u64,
    deleted: &mut Vec<String>,
    serial: &mut u32,
) -> Vec<Command> {
    let n = names(w);
    let mut rng = Rng::new(dice);
    let inst = |rng: &mut Rng| -> Option<String> {
        (!n.instances.is_empty()).then(|| n.instances[rng.pick(n.instances.len())].clone())
    };
    *serial += 1;
    let serial = *serial;
    let one = |c: Option<Command>| c.into_iter().collect();
    match step {
        Step::Crash => one(inst(&mut rng).map(|instance| Command::Crash { instance })),
        Step::Restart => one(inst(&mut rng).map(|instance| Command::Restart { instance })),
        Step::Stop => one(inst(&mut rng).map(|instance| Command::Stop { instance })),
        Step::SetThreads => one(inst(&mut rng).map(|instance| Command::SetThreads {
            instance,
            threads: rng.range(1, 4) as u32,
        })),
        Step::RemoveInstance => {
            one(inst(&mut rng).map(|instance| Command::RemoveInstance { instance }))
        }
        Step::Slow => one(inst(&mut rng).map(|instance| Command::Slow {
            instance,
            // None: one record takes the whole max.poll.interval.ms (a kick-out).
            processing_ms: [None, Some(300), Some(1_500), Some(4_000)][rng.pick(4)],
        })),
        Step::Unslow => one(inst(&mut rng).map(|instance| Command::SetProcessing {
            instance,
            processing_ms: processing(&mut rng),
        })),
        Step::AddInstance => {
            if n.groups.is_empty() {
                return Vec::new();
            }
            let group = n.groups[rng.pick(n.groups.len())].clone();
            let instance = instance(&mut rng, &format!("{group}x{serial}"));
            vec![Command::AddInstance { group, instance }]
        }
        Step::AddPartitions => {
            if n.live_topics.is_empty() {
                return Vec::new();
            }
            let (topic, count) = n.live_topics[rng.pick(n.live_topics.len())].clone();
            let partitions = (count + rng.range(1, 2) as u32).min(8);
            vec![Command::AddPartitions { topic, partitions }]
        }
        Step::PauseProducer | Step::ResumeProducer => {
            if n.producers.is_empty() {
                return Vec::new();
            }
            let producer = n.producers[rng.pick(n.producers.len())].0.clone();
            vec![if step == Step::PauseProducer {
                Command::PauseProducer { producer }
            } else {
                Command::ResumeProducer { producer }
            }]
        }
        Step::DeleteTopic => {
            // Keep one topic at least: a world without topics has nothing left to check.
            if n.live_topics.len() < 2 {
                return Vec::new();
            }
            let topic = n.live_topics[rng.pick(n.live_topics.len())].0.clone();
            let mut out: Vec<Command> = n
                .producers
                .iter()
                .filter(|p| p.1 == topic)
                .map(|p| Command::RemoveProducer {
                    producer: p.0.clone(),
                })
                .collect();
            out.push(Command::RemoveTopic {
                topic: topic.clone(),
            });
            deleted.push(topic);
            out
        }
        Step::RecreateTopic => {
            if deleted.is_empty() {
                return Vec::new();
            }
            let name = deleted.remove(rng.pick(deleted.len()));
            let topic = TopicSpec::new(&name, rng.range(1, 6) as u32);
            let p = producer(&mut rng, &format!("p{serial}"), &name);
            vec![
                Command::AddTopic { topic },
                Command::AddProducer { producer: p },
            ]
        }
    }
}
