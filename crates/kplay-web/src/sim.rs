//! The simulation as the UI owns it: the engine's `World`, the scenario as the user built it (for export and
//! reset), the derived [`Trace`], and the fixed-timestep clock. Plain Rust, so it is tested natively.

use crate::compare::{Compare, Edit};
use crate::trace::Trace;
use kplay_core::scenario::GroupSpec;
use kplay_core::sim::{CommandError, Snapshot};
use kplay_core::{Command, Scenario, World};
use std::rc::Rc;

/// Real time of one frame is clamped to this, so a background tab does not fast-forward minutes at once.
const MAX_FRAME_MS: f64 = 100.0;

/// The running playground.
pub struct Sim {
    /// The engine.
    pub world: World,
    /// The topology as built so far: the starting scenario plus every accepted structural command.
    pub scenario: Scenario,
    /// Derived events, lifecycles, flights and samples.
    pub trace: Trace,
    /// The latest snapshot, rebuilt after every change.
    pub snapshot: Rc<Snapshot>,
    /// Problems with the scenario the URL asked for (the default was loaded instead).
    pub load_errors: Vec<String>,
    /// A notice to show above the picture, as a catalogue key (empty: none): an autosave restored or ignored.
    pub notice: &'static str,
    /// The discarding button armed by a first click ([`Sim::arm`]): 0 reset, 1 + i the preset `NAMES[i]`.
    pub armed: Option<usize>,
    /// A lesson step's scripted commands by absolute virtual time, ascending: [`Sim::step`] applies each exactly
    /// when the clock reaches it, whatever the frame size, so a step replays the same at any speed.
    pub script: std::collections::VecDeque<(u64, Command)>,
    /// Commands the learner applied (through the UI) since this world was built, for a lesson's "try it".
    pub user_commands: Vec<Command>,
    /// The Compare area's contrast (kept while the playground is shown, so switching back and forth keeps both).
    pub compare: Option<Compare>,
    /// Whether the Compare area is shown: the loop, step and reset then drive it and the world stands still.
    pub compare_open: bool,
    /// Whether this world is the learner's session, which autosave keeps ([`crate::autosave::wanted`]): set when
    /// the learner acts (a command, a load, a reset) and for the saved or default start; not for a link's or a
    /// lesson's world.
    pub saving: bool,
    acc_ms: f64,
    last_real: Option<f64>,
}

impl Sim {
    /// A world from a valid scenario; an invalid one gives its problems.
    pub fn new(scenario: Scenario) -> Result<Sim, Vec<String>> {
        let world = World::new(&scenario, scenario.seed)
            .map_err(|ps| ps.iter().map(ToString::to_string).collect::<Vec<String>>())?;
        let snapshot = Rc::new(world.snapshot());
        crate::format::set_key_order(
            scenario
                .producers
                .iter()
                .filter(|p| p.keys.kind != kplay_core::scenario::KeyKind::None)
                .flat_map(|p| p.keys.values.iter().map(String::as_str)),
        );
        Ok(Sim {
            world,
            scenario,
            trace: Trace::default(),
            snapshot,
            load_errors: Vec::new(),
            notice: "",
            armed: None,
            script: Default::default(),
            user_commands: Vec::new(),
            compare: None,
            compare_open: false,
            saving: false,
            acc_ms: 0.0,
            last_real: None,
        })
    }

    /// Replaces the world with `scenario` at time 0; on bad input nothing changes.
    pub fn load(&mut self, scenario: Scenario) -> Result<(), Vec<String>> {
        let mut fresh = Sim::new(scenario)?;
        fresh.compare = self.compare.take();
        fresh.compare_open = self.compare_open;
        fresh.saving = true;
        *self = fresh;
        Ok(())
    }

    /// Back to time 0 with the topology built so far.
    pub fn reset(&mut self) {
        if let Some(c) = self.open_compare() {
            return c.reset();
        }
        let scenario = self.scenario.clone();
        let _ = self.load(scenario);
    }

    /// The Compare area's contrast while it is shown.
    pub fn open_compare(&mut self) -> Option<&mut Compare> {
        self.compare.as_mut().filter(|_| self.compare_open)
    }

    /// Virtual time of what is shown: the Compare area's, or the world's.
    pub fn now_ms(&self) -> u64 {
        match &self.compare {
            Some(c) if self.compare_open => c.now_ms(),
            _ => self.snapshot.now_ms,
        }
    }

    /// Opens (on a view: a new contrast unless it is the one kept) or closes the Compare area, or edits its
    /// contrast; a bad number changes nothing and says why.
    pub fn edit_compare(&mut self, edit: Edit) -> Result<(), String> {
        match (edit, self.compare.as_mut()) {
            (Edit::Area(None), _) => self.compare_open = false,
            (Edit::Area(Some(v)), c) => {
                if c.is_none_or(|c| c.view != v) {
                    self.compare = Some(Compare::new(v));
                }
                self.compare_open = true;
            }
            (Edit::Set(i, text), Some(c)) => return c.set(i, &text),
            (Edit::Act(i), Some(c)) => c.act(i),
            _ => {}
        }
        Ok(())
    }

    /// Advances by `dt_ms` virtual milliseconds and refreshes everything derived.
    pub fn step(&mut self, dt_ms: u64, now_real: f64, animate: bool) {
        let end = self.world.now_ms() + dt_ms;
        while let Some((at, _)) = self.script.front().filter(|(at, _)| *at <= end) {
            self.world.run_until(*at);
            if let Some((_, c)) = self.script.pop_front() {
                // A scripted command the world rejects is skipped (the lessons test proves none is).
                if self.world.apply(c.clone()).is_ok() {
                    mirror(&mut self.scenario, c);
                }
            }
        }
        self.world.run_until(end);
        self.refresh(now_real, animate);
    }

    /// Runs to the absolute time `t_ms` in slices of at most a second, so the event buffer never overflows and
    /// the trace keeps the history (a lesson step replaying the steps before it).
    pub fn run_to(&mut self, t_ms: u64) {
        self.run_toward(t_ms, &|| true);
    }

    /// [`Sim::run_to`], stopping early (at a whole slice) once `more` says no: an autosaved session replays
    /// within a real-time budget.
    pub fn run_toward(&mut self, t_ms: u64, more: &dyn Fn() -> bool) {
        while self.world.now_ms() < t_ms && more() {
            let dt = (t_ms - self.world.now_ms()).min(1000);
            self.step(dt, 0.0, false);
        }
    }

    fn refresh(&mut self, now_real: f64, animate: bool) {
        let events = self.world.drain_events();
        self.trace.absorb(events, now_real, animate);
        let snap = self.world.snapshot();
        self.trace.clear_recovered(&snap);
        self.trace.sample(&snap);
        self.snapshot = Rc::new(snap);
    }

    /// One animation frame at real time `now_real`: the fixed-timestep accumulator turns real time × speed into
    /// whole virtual milliseconds (the engine's tick), carrying the remainder to the next frame.
    /// Returns whether anything visible changed (paused with no record in the air: nothing to redraw).
    pub fn frame(&mut self, now_real: f64, speed: f64, paused: bool) -> bool {
        let dt = self
            .last_real
            .map_or(0.0, |l| (now_real - l).clamp(0.0, MAX_FRAME_MS));
        self.last_real = Some(now_real);
        if paused {
            self.acc_ms = 0.0;
            let flying = !self.trace.flights.is_empty();
            self.trace.absorb(Vec::new(), now_real, true); // let flights finish
            return flying;
        }
        self.acc_ms += dt * speed;
        let whole = self.acc_ms.floor();
        self.acc_ms -= whole;
        if let Some(c) = self.open_compare() {
            c.advance(whole as u64);
            return true;
        }
        // Past 10× a record would cross the screen in a few frames: skip flights, the cells still fill.
        self.step(whole as u64, now_real, speed <= 10.0);
        true
    }

    /// Whether the discarding button `what` (0 reset, 1 + i the preset `NAMES[i]`) may go ahead: at once when
    /// it loses nothing, else on a second click, the first only arming it (its label then asks). Reset loses the
    /// learner's live actions (crash, stop, restart, slow, pausing a producer); a preset loses any command of
    /// theirs and a scenario no preset gives back.
    pub fn arm(&mut self, what: usize) -> bool {
        // Compared as JSON text: the writer is in the bundle already, a deep `PartialEq` of scenarios is not.
        let json = crate::share::to_json;
        // Live actions (faults, pausing a producer) are not in the scenario: reset loses them (not while the
        // Compare area is shown: reset then resets only that); edits it keeps.
        let live = self.open_compare().is_none()
            && self.user_commands.iter().any(|c| {
                matches!(
                    c,
                    Command::Crash { .. }
                        | Command::Stop { .. }
                        | Command::Restart { .. }
                        | Command::Slow { .. }
                        | Command::PauseProducer { .. }
                        | Command::ResumeProducer { .. }
                )
            });
        let lose = live
            || what > 0 && !self.user_commands.is_empty()
            || what > 0
                && !crate::presets::NAMES.iter().any(|n| {
                    crate::presets::preset(n).map(|p| json(&p)) == Some(json(&self.scenario))
                });
        let go = !lose || self.armed == Some(what);
        self.armed = (!go).then_some(what);
        go
    }

    /// Applies a user command; a rejected one changes nothing and says why.
    pub fn apply(&mut self, command: Command, now_real: f64) -> Result<(), CommandError> {
        self.world.apply(command.clone())?;
        self.armed = None;
        self.saving = true;
        mirror(&mut self.scenario, command);
        self.refresh(now_real, true);
        Ok(())
    }
}

/// Keeps the exported scenario in step with structural commands (faults like crash are not topology).
fn mirror(s: &mut Scenario, command: Command) {
    let instance_group = |s: &mut Scenario, id: &str| s.group_of_instance(id);
    match command {
        Command::AddTopic { topic } => s.topics.push(topic),
        Command::RemoveTopic { topic } => crate::edit::remove_topic(s, &topic),
        Command::AddPartitions { topic, partitions } => {
            if let Some(t) = s.topics.iter_mut().find(|t| t.name == topic) {
                t.partitions = partitions;
            }
        }
        Command::AddProducer { producer } => s.producers.push(producer),
        Command::RemoveProducer { producer } => s.producers.retain(|p| p.id != producer),
        Command::SetRate {
            producer,
            rate_per_s,
        } => {
            if let Some(p) = s.producers.iter_mut().find(|p| p.id == producer) {
                p.rate_per_s = rate_per_s;
            }
        }
        Command::AddGroup { group } => s.groups.push(group),
        Command::RemoveGroup { group } => s.groups.retain(|g: &GroupSpec| g.id != group),
        Command::AddInstance { group, instance } => {
            if let Some(g) = s.groups.iter_mut().find(|g| g.id == group) {
                g.instances.push(instance);
            }
        }
        Command::RemoveInstance { instance } => {
            if let Some(gi) = instance_group(s, &instance) {
                s.groups[gi].instances.retain(|i| i.id != instance);
            }
        }
        Command::SetThreads { instance, threads } => {
            if let Some(gi) = instance_group(s, &instance) {
                if let Some(i) = s.groups[gi].instances.iter_mut().find(|i| i.id == instance) {
                    i.threads = threads;
                }
            }
        }
        Command::SetProcessing {
            instance,
            processing_ms,
        } => {
            if let Some(gi) = instance_group(s, &instance) {
                if let Some(i) = s.groups[gi].instances.iter_mut().find(|i| i.id == instance) {
                    i.processing_ms = processing_ms;
                }
            }
        }
        Command::Subscribe { instance, topics } => {
            if let Some(gi) = instance_group(s, &instance) {
                if let Some(i) = s.groups[gi].instances.iter_mut().find(|i| i.id == instance) {
                    i.topics = Some(topics);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod arm_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::scenario::Strategy;
    use kplay_core::scenario::{InstanceSpec, TopicSpec};

    fn sim() -> Sim {
        Sim::new(crate::presets::default_scenario()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn accumulator_carries_fractions_and_respects_speed_and_pause() {
        let mut s = sim();
        s.frame(0.0, 1.0, false);
        s.frame(16.6, 1.0, false);
        assert_eq!(s.world.now_ms(), 16);
        s.frame(33.2, 1.0, false);
        assert_eq!(s.world.now_ms(), 33, "the 0.6 ms remainders add up");
        s.frame(43.2, 50.0, false);
        assert_eq!(s.world.now_ms(), 533);
        s.frame(1000.0, 1.0, true);
        assert_eq!(s.world.now_ms(), 533);
        s.frame(10_000.0, 1.0, false);
        assert_eq!(s.world.now_ms(), 633, "a long gap counts as at most 100 ms");
    }

    #[test]
    fn a_cooperative_sticky_group_runs_and_rebalances() {
        let mut s = sim();
        let mut g = GroupSpec::new("g2", ["orders"]);
        g.strategy = Strategy::CooperativeSticky;
        g.instances.push(kplay_core::scenario::InstanceSpec::new(
            "g2-1",
            "AuditListener",
            2,
        ));
        assert!(s.apply(Command::AddGroup { group: g }, 0.0).is_ok());
        s.step(10_000, 0.0, false);
        let snap = s.world.snapshot();
        let g2 = snap
            .groups
            .iter()
            .find(|g| g.id == "g2")
            .expect("group g2 exists");
        assert!(
            g2.generation >= 1,
            "the cooperative group completed a rebalance"
        );
    }

    #[test]
    fn a_rejected_command_changes_nothing() {
        let mut s = sim();
        let before = (*s.snapshot).clone();
        let e = s.apply(
            Command::AddTopic {
                topic: TopicSpec::new("t", 0),
            },
            0.0,
        );
        assert!(e.is_err());
        assert_eq!(*s.snapshot, before);
        assert_eq!(s.scenario, crate::presets::default_scenario());
    }

    #[test]
    fn accepted_commands_are_mirrored_into_the_scenario_and_survive_reset() {
        let mut s = sim();
        let inst = InstanceSpec::new("billing-3", "OrderListener", 3);
        assert!(s
            .apply(
                Command::AddInstance {
                    group: "billing".into(),
                    instance: inst
                },
                0.0
            )
            .is_ok());
        assert!(s
            .apply(
                Command::AddPartitions {
                    topic: "orders".into(),
                    partitions: 5
                },
                0.0
            )
            .is_ok());
        assert!(s
            .apply(
                Command::Crash {
                    instance: "billing-1".into()
                },
                0.0
            )
            .is_ok());
        s.step(2000, 0.0, false);
        s.reset();
        assert_eq!(s.world.now_ms(), 0);
        assert_eq!(s.scenario.groups[0].instances.len(), 3);
        assert_eq!(s.snapshot.topics[0].partitions.len(), 5);
        assert!(s.snapshot.groups[0]
            .instances
            .iter()
            .all(|i| i.status == kplay_core::sim::InstanceStatus::Up));
    }
}
