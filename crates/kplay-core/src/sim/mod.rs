//! The simulated world: topics, producers and consumer groups advancing in virtual time.
//!
//! The world is a pure function of (scenario, seed, commands with their times). Each millisecond runs fixed
//! phases, every phase over entities in creation order: scheduled faults, producers, log retention, group
//! coordinators, consumer threads. [`World::step`] runs whole milliseconds, so any split of time gives the same
//! result as one big step.
//!
//! ```
//! use kplay_core::scenario::{GroupSpec, InstanceSpec, ProducerSpec, Scenario, TopicSpec};
//! use kplay_core::sim::{Command, World};
//!
//! let mut s = Scenario::default();
//! s.topics.push(TopicSpec::new("orders", 2));
//! s.producers.push(ProducerSpec::new("p1", "orders", 100));
//! let mut g = GroupSpec::new("billing", ["orders"]);
//! g.instances.push(InstanceSpec::new("app-1", "BillingListener", 2));
//! s.groups.push(g);
//!
//! let mut world = World::new(&s, 42).unwrap();
//! world.run_until(10_000);
//! let snap = world.snapshot();
//! assert_eq!(snap.groups[0].state, kplay_core::sim::GroupState::Stable);
//! assert!(snap.totals.processed > 0);
//! assert!(world.apply(Command::Crash { instance: "nope".into() }).is_err());
//! ```

/// The consumer context for the world's fields at `now`. A macro rather than a method, so it borrows only
/// `topics`, `keys` and `events` and leaves `groups` free to be borrowed mutably beside it.
macro_rules! consumer_ctx {
    ($world:expr, $now:expr) => {
        crate::consumer::Ctx {
            now: $now,
            topics: &$world.topics,
            keys: &$world.keys,
            ev: &mut $world.events,
        }
    };
}

mod apply;
#[cfg(feature = "brokers")]
mod brokers;
mod caps;
mod cleaner;
pub(crate) mod command;
mod follow;
mod invariants;
mod memory;
pub use memory::MAX_RETAINED_RECORDS;
mod remove_topic;
pub(crate) mod snapshot;
mod threads;
mod tick;
mod view;

pub use crate::event::{Event, EventKind, GroupState, TraceLevel};
pub use command::{Command, CommandError};
pub use follow::{RecordJourney, RecordStage};
pub use snapshot::*;
pub use threads::ThreadWork;

use crate::consumer::GroupRt;
use crate::event::EventLog;
use crate::producer::{Outgoing, Producer};
use crate::rng::Rng;
use crate::scenario::{FaultSpec, Scenario, ScenarioProblem, RETENTION_CHECK_INTERVAL_MS};
use crate::topic::{KeyTable, Topic};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// Default capacity of the event ring buffer.
pub const EVENT_CAPACITY: usize = 65_536;

/// The whole simulated world.
#[derive(Clone, Debug)]
pub struct World {
    now_ms: u64,
    seed: u64,
    keys: KeyTable,
    topics: Vec<Topic>,
    producers: Vec<Producer>,
    groups: Vec<GroupRt>,
    faults: Vec<FaultSpec>,
    next_fault: usize,
    next_retention_ms: u64,
    /// When the log cleaner thread next looks for a log to clean (`log.cleaner.backoff.ms`).
    next_clean_ms: u64,
    next_offsets_check_ms: u64,
    events: EventLog,
    produced: u64,
    deleted: u64,
    next_memory_check_ms: u64,
    /// Whether the memory guard has already said it deleted records ([`memory`]).
    memory_warned: bool,
    scratch: Vec<Outgoing>,
    /// Brokers and replication (feature `brokers`); `None` without brokers: then nothing of it runs.
    #[cfg(feature = "brokers")]
    cluster: Option<Box<brokers::Cluster>>,
}

/// A saved copy of a whole world (for rewind): restore it with [`World::restore`].
///
/// ```
/// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
/// let saved = w.save();
/// w.step(100);
/// w.restore(&saved);
/// assert_eq!(w.now_ms(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct SavedWorld(Box<World>);

impl SavedWorld {
    /// A live copy of the saved world.
    pub(crate) fn to_world(&self) -> World {
        (*self.0).clone()
    }
}

/// A stable 64-bit id hash (FNV-1a) so per-entity random streams depend on ids, not creation order.
fn stream_id(kind: &str, id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind.bytes().chain([0u8]).chain(id.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl World {
    /// Builds the world at time 0 from a scenario (validated first: every problem is returned).
    ///
    /// ```
    /// use kplay_core::scenario::{Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 0));
    /// assert_eq!(kplay_core::sim::World::new(&s, 1).unwrap_err()[0].path, "topics[0].partitions");
    /// ```
    pub fn new(scenario: &Scenario, seed: u64) -> Result<World, Vec<ScenarioProblem>> {
        scenario.validate()?;
        let mut w = World {
            now_ms: 0,
            seed,
            keys: KeyTable::default(),
            topics: Vec::new(),
            producers: Vec::new(),
            groups: Vec::new(),
            faults: Vec::new(),
            next_fault: 0,
            next_retention_ms: RETENTION_CHECK_INTERVAL_MS,
            next_clean_ms: 0,
            next_offsets_check_ms: crate::scenario::OFFSETS_RETENTION_CHECK_INTERVAL_MS,
            events: EventLog::new(EVENT_CAPACITY),
            produced: 0,
            deleted: 0,
            next_memory_check_ms: memory::MEMORY_CHECK_INTERVAL_MS,
            memory_warned: false,
            scratch: Vec::new(),
            #[cfg(feature = "brokers")]
            cluster: None,
        };
        #[cfg(feature = "brokers")]
        if !scenario.brokers.is_empty() {
            w.cluster = Some(Box::new(brokers::Cluster::new(
                &scenario.brokers,
                scenario.offsets_topic_replication_factor,
                scenario.network_latency_ms.unwrap_or(0),
                seed,
            )));
            if let Some(c) = w.cluster.as_deref_mut() {
                c.auto_balance = scenario.auto_leader_rebalance_enable.unwrap_or(true);
            }
        }
        for t in &scenario.topics {
            w.topics.push(Topic::new(t));
            #[cfg(feature = "brokers")]
            w.add_topic_replicas(t);
        }
        for p in &scenario.producers {
            w.add_producer(p);
        }
        for g in &scenario.groups {
            w.add_group(g);
        }
        w.faults = scenario.faults.clone();
        // A stable sort keeps the scenario's order for faults at the same time.
        crate::sort::sort_by(&mut w.faults, &mut |a, b| a.at_ms.cmp(&b.at_ms));
        Ok(w)
    }

    /// Current virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::sim::World::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// The seed the world was built with.
    ///
    /// ```
    /// assert_eq!(kplay_core::sim::World::new(&Default::default(), 9).unwrap().seed(), 9);
    /// ```
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Advances virtual time by `dt_ms` milliseconds.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// w.step(16);
    /// assert_eq!(w.now_ms(), 16);
    /// ```
    pub fn step(&mut self, dt_ms: u64) {
        for _ in 0..dt_ms {
            self.tick();
            self.now_ms += 1;
        }
    }

    /// Advances to `t_ms` (no-op if already there or past).
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// w.run_until(1000);
    /// assert_eq!(w.now_ms(), 1000);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms));
    }

    /// Chooses which events are recorded (per-record events cost time in long runs).
    ///
    /// ```
    /// use kplay_core::sim::{TraceLevel, World};
    /// let mut w = World::new(&Default::default(), 1).unwrap();
    /// w.set_trace_level(TraceLevel::Lifecycle);
    /// ```
    pub fn set_trace_level(&mut self, level: TraceLevel) {
        self.events.level = level;
    }

    /// Sets the event ring buffer's capacity (the oldest events are dropped beyond it).
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// w.set_event_capacity(1024);
    /// ```
    pub fn set_event_capacity(&mut self, capacity: usize) {
        self.events.set_capacity(capacity);
    }

    /// The buffered events, oldest first, without removing them.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert_eq!(w.events().count(), 0);
    /// ```
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.iter()
    }

    /// Removes and returns the buffered events, oldest first.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert!(w.drain_events().is_empty());
    /// ```
    pub fn drain_events(&mut self) -> Vec<Event> {
        self.events.drain()
    }

    /// A copy of the whole world.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let _saved = w.save();
    /// ```
    pub fn save(&self) -> SavedWorld {
        SavedWorld(Box::new(self.clone()))
    }

    /// A copy of the world's state without its buffered events (they are output, not state): what a
    /// timeline checkpoint keeps.
    pub(crate) fn save_state(&self) -> SavedWorld {
        let mut copy = self.clone();
        drop(copy.events.drain());
        SavedWorld(Box::new(copy))
    }

    /// Goes back to a saved copy.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let s = w.save();
    /// w.step(5);
    /// w.restore(&s);
    /// assert_eq!(w.now_ms(), 0);
    /// ```
    pub fn restore(&mut self, saved: &SavedWorld) {
        *self = (*saved.0).clone();
    }

    /// Applies a user action now. A rejected command changes nothing and says which field broke which rule.
    ///
    /// ```
    /// use kplay_core::sim::{Command, World};
    /// let mut w = World::new(&Default::default(), 1).unwrap();
    /// let err = w.apply(Command::PauseProducer { producer: "p9".into() }).unwrap_err();
    /// assert_eq!(err.field, "producer");
    /// ```
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        self.check(&command)?;
        self.check_totals(&command)?;
        self.execute(command);
        for g in &mut self.groups {
            g.track_presence(&self.topics);
        }
        Ok(())
    }

    /// The per-frame view for the UI.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert!(w.snapshot().groups.is_empty());
    /// ```
    pub fn snapshot(&self) -> Snapshot {
        view::snapshot(self)
    }

    /// Checks the engine's invariants (also run after every millisecond in debug builds): one owner per
    /// partition per group, committed ≤ log-end, generations never go back, idle members only when a group has
    /// more members than some subscribed topic has partitions.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert!(w.check_invariants().is_ok());
    /// ```
    pub fn check_invariants(&self) -> Result<(), String> {
        invariants::violations(self)
    }

    fn add_producer(&mut self, spec: &crate::scenario::ProducerSpec) {
        let topic = Topic::find(&self.topics, &spec.topic).unwrap_or(0);
        let rng = Rng::derive(self.seed, stream_id("producer", &spec.id));
        self.producers
            .push(Producer::new(spec, topic, &mut self.keys, rng));
        #[cfg(feature = "brokers")]
        if let Some(c) = &mut self.cluster {
            let pi = self.producers.len() - 1;
            self.producers[pi].rep = c.add_producer(topic, spec, pi);
        }
    }

    /// With brokers, the replicas of the topic just created (the last one).
    #[cfg(feature = "brokers")]
    fn add_topic_replicas(&mut self, spec: &crate::scenario::TopicSpec) {
        if let Some(c) = &mut self.cluster {
            c.add_topic(self.topics.len() - 1, spec);
        }
    }

    fn add_group(&mut self, spec: &crate::scenario::GroupSpec) {
        let rng = Rng::derive(self.seed, stream_id("group", &spec.id));
        let mut g = GroupRt::new(spec, rng);
        // Imported committed offsets (validated: known topic and partition).
        #[cfg(feature = "import")]
        for c in &spec.committed {
            if let Some(ti) = Topic::find(&self.topics, &c.topic) {
                g.coord.committed.insert((ti as u32, c.partition), c.offset);
            }
        }
        for inst in &spec.instances {
            let rng = Rng::derive(self.seed, stream_id("instance", &inst.id));
            let slot = g.stats.listener_slot(&inst.listener);
            g.instances
                .push(crate::consumer::Instance::new(inst, self.now_ms, rng, slot));
        }
        self.groups.push(g);
        #[cfg(feature = "brokers")]
        self.add_group_home();
        let last = self.groups.len() - 1;
        self.check_listeners(last);
    }

    /// Warns once per distinct set of listener classes and their topics when a group runs more than one
    /// listener class, saying whether they share topics (then each misses the others' records of those
    /// topics) or only rebalances.
    fn check_listeners(&mut self, gi: usize) {
        let g = &mut self.groups[gi];
        let listeners = g.listeners();
        let key: Vec<String> = listeners
            .iter()
            .map(|l| alloc::format!("{l}:{}", g.listener_topics(l).join(",")))
            .collect();
        if listeners.len() > 1 && key != g.warned_listeners {
            let shared = g.shared_topics();
            let message = if shared.is_empty() {
                alloc::format!(
                    "group {} runs different listeners ({}) on different topics: they share only rebalances, each still gets every record of its own topics",
                    g.spec.id,
                    listeners.join(", ")
                )
            } else {
                alloc::format!(
                    "group {} runs different listeners ({}) on the same topics ({}): each record of those goes to one of them only, so each listener misses the records the others get",
                    g.spec.id,
                    listeners.join(", "),
                    shared.join(", ")
                )
            };
            let kind = EventKind::Warning {
                code: "mixed_listeners".into(),
                group: Some(g.spec.id.clone()),
                message,
            };
            self.events.push(self.now_ms, kind);
            g.warned_listeners = key;
        }
    }
}
