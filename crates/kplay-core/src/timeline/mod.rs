//! Time travel: go back to any moment of a run, look at it, and fork a new future from it.
//!
//! The engine is deterministic, so a moment is fully described by the world it started from and the learner's
//! commands with their virtual times. A [`Timeline`] keeps that, plus periodic checkpoints (saved worlds) so
//! that reaching a moment re-runs at most one checkpoint interval instead of the whole run. Checkpoints are
//! capped in number: when the cap is reached every other one is dropped and the interval doubles, so memory
//! stays within `max_checkpoints` saved worlds (each without its event buffer) however long the run is, and
//! seeking costs at most one (doubled) interval of simulation.
//!
//! The timeline does not own the live world: the caller steps its world as usual, hands each frame's events to
//! [`Timeline::observe`], and reports each command it applied with [`Timeline::record`].
//!
//! ```
//! use kplay_core::scenario::{GroupSpec, InstanceSpec, ProducerSpec, Scenario, TopicSpec};
//! use kplay_core::sim::{Command, World};
//! use kplay_core::timeline::Timeline;
//!
//! let mut s = Scenario::default();
//! s.topics.push(TopicSpec::new("orders", 2));
//! s.producers.push(ProducerSpec::new("p", "orders", 50));
//! let mut g = GroupSpec::new("billing", ["orders"]);
//! g.instances.push(InstanceSpec::new("b1", "Billing", 1));
//! g.instances.push(InstanceSpec::new("b2", "Billing", 1));
//! s.groups.push(g);
//!
//! let mut live = World::new(&s, 7).unwrap();
//! let mut timeline = Timeline::new(&live, 1_000, 16);
//! live.run_until(4_000);
//! timeline.observe(&live, &live.events().cloned().collect::<Vec<_>>());
//! live.apply(Command::Crash { instance: "b1".into() }).unwrap();
//! timeline.record(live.now_ms(), Command::Crash { instance: "b1".into() });
//! live.run_until(9_000);
//! timeline.observe(&live, &[]);
//!
//! // The world as it was at 5 s, rebuilt exactly.
//! let mut straight = World::new(&s, 7).unwrap();
//! straight.run_until(4_000);
//! straight.apply(Command::Crash { instance: "b1".into() }).unwrap();
//! straight.run_until(5_000);
//! assert_eq!(timeline.world_at(5_000).snapshot(), straight.snapshot());
//! ```

mod markers;

pub use markers::{Marker, MarkerKind, MAX_MARKERS};

use crate::sim::{Command, CommandError, Event, SavedWorld, World};
use alloc::vec::Vec;

/// A command the learner applied, with the virtual time it was applied at.
///
/// ```
/// let c = kplay_core::timeline::TimedCommand { at_ms: 1500, command: kplay_core::sim::Command::Crash { instance: "i".into() } };
/// assert_eq!(c.at_ms, 1500);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimedCommand {
    /// Virtual time (ms) at which the command was applied.
    pub at_ms: u64,
    /// The command.
    pub command: Command,
}

/// A command of a replayed list that the engine refused (a link or a file may carry one).
///
/// ```
/// let e = kplay_core::timeline::ReplayError {
///     index: 2,
///     at_ms: 900,
///     error: kplay_core::sim::CommandError::new("instance", "unknown instance \"x\""),
/// };
/// assert_eq!(e.to_string(), "commands[2] (at 900 ms): instance: unknown instance \"x\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayError {
    /// Position of the command in the list.
    pub index: usize,
    /// Its virtual time.
    pub at_ms: u64,
    /// Why the engine refused it.
    pub error: CommandError,
}

impl core::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "commands[{}] (at {} ms): {}",
            self.index, self.at_ms, self.error
        )
    }
}

/// Runs `world` forward to `until_ms`, applying each command of `commands` at its time (commands before the
/// world's present are skipped; commands after `until_ms` wait). The list must be in time order.
///
/// ```
/// use kplay_core::sim::{Command, World};
/// use kplay_core::timeline::{replay, TimedCommand};
/// let mut w = World::new(&Default::default(), 1).unwrap();
/// let bad = [TimedCommand { at_ms: 10, command: Command::Crash { instance: "nobody".into() } }];
/// let err = replay(&mut w, &bad, 100).unwrap_err();
/// assert_eq!((err.index, w.now_ms()), (0, 10));
/// ```
pub fn replay(
    world: &mut World,
    commands: &[TimedCommand],
    until_ms: u64,
) -> Result<(), ReplayError> {
    let from = world.now_ms();
    for (index, c) in commands.iter().enumerate() {
        if c.at_ms < from {
            continue;
        }
        if c.at_ms > until_ms {
            break;
        }
        if index > 0 && commands[index - 1].at_ms > c.at_ms {
            return Err(ReplayError {
                index,
                at_ms: c.at_ms,
                error: CommandError::new("at_ms", "commands must be in time order"),
            });
        }
        world.run_until(c.at_ms);
        world
            .apply(c.command.clone())
            .map_err(|error| ReplayError {
                index,
                at_ms: c.at_ms,
                error,
            })?;
    }
    world.run_until(until_ms);
    Ok(())
}

/// A saved world and how many recorded commands had been applied when it was taken.
#[derive(Clone, Debug)]
struct Checkpoint {
    at_ms: u64,
    commands_before: usize,
    world: SavedWorld,
}

/// The history of one run: where it started, the learner's commands, checkpoints and markers.
///
/// ```
/// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
/// let t = kplay_core::timeline::Timeline::new(&w, 1_000, 8);
/// assert_eq!((t.start_ms(), t.present_ms()), (0, 0));
/// ```
#[derive(Clone, Debug)]
pub struct Timeline {
    origin: Checkpoint,
    checkpoints: Vec<Checkpoint>,
    commands: Vec<TimedCommand>,
    markers: markers::MarkerLog,
    every_ms: u64,
    max_checkpoints: usize,
    present_ms: u64,
}

impl Timeline {
    /// A timeline starting at `world`'s present, checkpointing every `every_ms` (at least 1) and keeping at
    /// most `max_checkpoints` (at least 2) saved worlds.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let t = kplay_core::timeline::Timeline::new(&w, 0, 0);
    /// assert_eq!((t.checkpoint_interval_ms(), t.checkpoint_count()), (1, 0));
    /// ```
    pub fn new(world: &World, every_ms: u64, max_checkpoints: usize) -> Timeline {
        Timeline {
            origin: Checkpoint {
                at_ms: world.now_ms(),
                commands_before: 0,
                world: world.save_state(),
            },
            checkpoints: Vec::new(),
            commands: Vec::new(),
            markers: markers::MarkerLog::default(),
            every_ms: every_ms.max(1),
            max_checkpoints: max_checkpoints.max(2),
            present_ms: world.now_ms(),
        }
    }

    /// The first moment of the timeline.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// w.step(30);
    /// assert_eq!(kplay_core::timeline::Timeline::new(&w, 100, 4).start_ms(), 30);
    /// ```
    pub fn start_ms(&self) -> u64 {
        self.origin.at_ms
    }

    /// The latest moment observed (the live world's time at the last [`Timeline::observe`]).
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// w.step(250);
    /// t.observe(&w, &[]);
    /// assert_eq!(t.present_ms(), 250);
    /// ```
    pub fn present_ms(&self) -> u64 {
        self.present_ms
    }

    /// The current checkpoint interval (it doubles each time the checkpoints are thinned).
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert_eq!(kplay_core::timeline::Timeline::new(&w, 500, 4).checkpoint_interval_ms(), 500);
    /// ```
    pub fn checkpoint_interval_ms(&self) -> u64 {
        self.every_ms
    }

    /// How many checkpoints are kept (never more than the cap given to [`Timeline::new`]).
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// for _ in 0..50 { w.step(100); t.observe(&w, &[]); }
    /// assert!(t.checkpoint_count() <= 4);
    /// ```
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    /// The learner's commands, in time order.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert!(kplay_core::timeline::Timeline::new(&w, 100, 4).commands().is_empty());
    /// ```
    pub fn commands(&self) -> &[TimedCommand] {
        &self.commands
    }

    /// The markers seen so far (rebalances, faults, commits, warnings), in time order.
    ///
    /// ```
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// assert_eq!(kplay_core::timeline::Timeline::new(&w, 100, 4).markers().count(), 0);
    /// ```
    pub fn markers(&self) -> impl Iterator<Item = &Marker> {
        self.markers.iter()
    }

    /// Takes in the live world after a step: its events become markers, and a checkpoint is saved when one is
    /// due.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// w.step(120);
    /// t.observe(&w, &[]);
    /// assert_eq!(t.checkpoint_count(), 1);
    /// ```
    pub fn observe(&mut self, world: &World, events: &[Event]) {
        for e in events {
            self.markers.take(e);
        }
        self.present_ms = self.present_ms.max(world.now_ms());
        let last = self.checkpoints.last().unwrap_or(&self.origin).at_ms;
        if world.now_ms() >= last.saturating_add(self.every_ms) {
            self.checkpoints.push(Checkpoint {
                at_ms: world.now_ms(),
                commands_before: self.commands.len(),
                world: world.save_state(),
            });
            if self.checkpoints.len() > self.max_checkpoints {
                self.thin();
            }
        }
    }

    /// Notes a command the live world accepted at `at_ms` (its present).
    ///
    /// ```
    /// use kplay_core::sim::Command;
    /// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// t.record(0, Command::Stop { instance: "i".into() });
    /// assert_eq!(t.commands().len(), 1);
    /// ```
    pub fn record(&mut self, at_ms: u64, command: Command) {
        debug_assert!(self.commands.last().is_none_or(|c| c.at_ms <= at_ms));
        self.present_ms = self.present_ms.max(at_ms);
        self.commands.push(TimedCommand { at_ms, command });
    }

    /// The world as it was at `t_ms` (clamped to the timeline's start and present), rebuilt from the nearest
    /// checkpoint before it. Its event buffer holds the events since that checkpoint.
    ///
    /// ```
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// w.step(1_000);
    /// t.observe(&w, &[]);
    /// assert_eq!(t.world_at(420).now_ms(), 420);
    /// assert_eq!(t.world_at(5_000).now_ms(), 1_000);
    /// ```
    pub fn world_at(&self, t_ms: u64) -> World {
        let t = t_ms.clamp(self.origin.at_ms, self.present_ms);
        let from = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.at_ms <= t)
            .unwrap_or(&self.origin);
        let mut world = from.world.to_world();
        let pending = &self.commands[from.commands_before..];
        let replayed = replay(&mut world, pending, t);
        // The live world accepted these same commands in this same state.
        debug_assert!(replayed.is_ok(), "{replayed:?}");
        world
    }

    /// Forks at `t_ms`: forgets every command, checkpoint and marker after it and returns the world at that
    /// moment, which becomes the new live world.
    ///
    /// ```
    /// use kplay_core::sim::Command;
    /// let mut w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
    /// let mut t = kplay_core::timeline::Timeline::new(&w, 100, 4);
    /// w.step(500);
    /// t.record(500, Command::Stop { instance: "i".into() });
    /// t.observe(&w, &[]);
    /// let live = t.fork_at(200);
    /// assert_eq!((live.now_ms(), t.present_ms(), t.commands().len()), (200, 200, 0));
    /// ```
    pub fn fork_at(&mut self, t_ms: u64) -> World {
        let t = t_ms.clamp(self.origin.at_ms, self.present_ms);
        let world = self.world_at(t);
        self.commands.retain(|c| c.at_ms <= t);
        let kept = self.commands.len();
        self.checkpoints
            .retain(|c| c.at_ms <= t && c.commands_before <= kept);
        self.markers.forget_after(t);
        self.present_ms = t;
        world
    }

    /// Halves the checkpoints (keeping the even ones, so the spacing stays regular) and doubles the interval.
    fn thin(&mut self) {
        let mut index = 0;
        self.checkpoints.retain(|_| {
            index += 1;
            index % 2 == 0
        });
        self.every_ms = self.every_ms.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests;
