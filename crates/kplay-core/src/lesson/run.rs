//! Running a lesson's steps on the engine: each step's world built deterministically, its commands applied at
//! their times, its highlights checked and its facts measured at `run_ms`.

use super::flow::FlowRun;
use super::measure::{exists, measure, unknown_names};
use super::observe::Observer;
use super::{Fact, Lesson, Measure, Step, Value};
use crate::scenario::ScenarioProblem;
use crate::sim::World;
use alloc::format;
use alloc::vec::Vec;
use core::fmt;

/// Virtual milliseconds run between two reads of the event buffer (far below its capacity at any rate).
const CHUNK_MS: u64 = 100;

/// One fact measured: the fact, its value at `run_ms`, and whether the value meets the expectation.
///
/// ```
/// use kplay_core::lesson::{Fact, FactResult, Measure, Value};
/// let r = FactResult { fact: Fact::new(Measure::Members).group("g").eq(2), actual: Value::Num(1), holds: false };
/// assert_eq!(r.to_string(), "members{group=g} = 2: actual 1 FAIL");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactResult {
    /// The fact as written.
    pub fact: Fact,
    /// What the engine shows.
    pub actual: Value,
    /// Whether `actual` meets the fact's expectation.
    pub holds: bool,
}

impl fmt::Display for FactResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.holds { "OK" } else { "FAIL" };
        write!(f, "{}: actual {} {verdict}", self.fact, self.actual)
    }
}

/// What running one step found: each fact of its check, and every problem (a rejected command, a highlight
/// naming nothing, a world that could not be built), with its path (`steps[1].commands[0].command.instance`).
///
/// ```
/// let r = kplay_core::lesson::StepReport::default();
/// assert!(r.ok());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepReport {
    /// The step's index.
    pub step: usize,
    /// The facts of the step's check, in order.
    pub facts: Vec<FactResult>,
    /// Problems found while running the step.
    pub problems: Vec<ScenarioProblem>,
}

impl StepReport {
    /// Whether the step ran without problems and every fact holds.
    ///
    /// ```
    /// let mut r = kplay_core::lesson::StepReport::default();
    /// r.problems.push(kplay_core::scenario::ScenarioProblem::new("steps[0].run_ms", "x"));
    /// assert!(!r.ok());
    /// ```
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.facts.iter().all(|f| f.holds)
    }
}

/// Runs a lesson's steps in order, one per [`Iterator::next`]: step *k*'s world is built fresh from its
/// scenario (seeded by the scenario's `seed`) or continued from step *k−1*'s world at its `run_ms`; its commands
/// are applied when the step's clock reaches them; at `run_ms` its facts are measured. The same lesson gives the
/// same reports on every platform. The runner reads the world's events itself (for `keys_split` and
/// `out_of_order`).
///
/// ```
/// use kplay_core::lesson::{Lesson, StepWorlds};
/// let lesson: Lesson = Lesson::default();
/// assert_eq!(StepWorlds::new(&lesson).count(), 0);
/// ```
#[derive(Debug)]
pub struct StepWorlds<'a> {
    lesson: &'a Lesson,
    next: usize,
    world: Option<World>,
    /// A flow step's models (and then no world).
    flow: Option<FlowRun>,
    observer: Observer,
}

impl<'a> StepWorlds<'a> {
    /// A runner at the start of the lesson.
    ///
    /// ```
    /// let l = kplay_core::lesson::Lesson::default();
    /// assert!(kplay_core::lesson::StepWorlds::new(&l).world().is_none());
    /// ```
    pub fn new(lesson: &'a Lesson) -> Self {
        StepWorlds {
            lesson,
            next: 0,
            world: None,
            flow: None,
            observer: Observer::default(),
        }
    }

    /// The world as it is after the last step run (at that step's `run_ms`), if it could be built.
    ///
    /// ```
    /// let l = kplay_core::lesson::Lesson::default();
    /// assert!(kplay_core::lesson::StepWorlds::new(&l).world().is_none());
    /// ```
    pub fn world(&self) -> Option<&World> {
        self.world.as_ref()
    }

    /// The world at the start of step `k` (before its commands): fresh from its scenario, or the previous
    /// steps run. This is what the web shows when the learner opens step `k`.
    ///
    /// ```
    /// let l = kplay_core::lesson::Lesson::default();
    /// assert!(kplay_core::lesson::StepWorlds::start_world(&l, 0).is_err());
    /// ```
    pub fn start_world(lesson: &Lesson, k: usize) -> Result<World, Vec<ScenarioProblem>> {
        let mut run = StepWorlds::new(lesson);
        while run.next < k {
            run.next();
        }
        match lesson.steps.get(k) {
            Some(step) => run.begin(k, step).map(|()| run.world.take()).and_then(|w| {
                w.ok_or_else(|| {
                    alloc::vec![ScenarioProblem::new(format!("steps[{k}]"), "no world")]
                })
            }),
            None => Err(alloc::vec![ScenarioProblem::new(
                "steps",
                format!("has no step {k}")
            )]),
        }
    }

    /// Builds (or keeps) the world for step `k`'s start.
    fn begin(&mut self, k: usize, step: &Step) -> Result<(), Vec<ScenarioProblem>> {
        if let Some(v) = &step.flow {
            self.world = None;
            self.flow = None;
            let prefix = |p: ScenarioProblem| {
                let dot = if p.path.is_empty() { "" } else { "." };
                ScenarioProblem::new(format!("steps[{k}].flow{dot}{}", p.path), p.problem)
            };
            self.flow =
                Some(FlowRun::new(v).map_err(|l| l.into_iter().map(prefix).collect::<Vec<_>>())?);
            return Ok(());
        }
        if self.flow.is_some() && step.scenario.is_none() {
            return Ok(());
        }
        self.flow = None;
        if let Some(s) = &step.scenario {
            self.observer = Observer::default();
            self.world = None;
            let w = World::new(s, s.seed).map_err(|list| {
                list.into_iter()
                    .map(|p| {
                        ScenarioProblem::new(format!("steps[{k}].scenario.{}", p.path), p.problem)
                    })
                    .collect::<Vec<_>>()
            })?;
            self.world = Some(w);
        }
        if self.world.is_none() {
            return Err(alloc::vec![ScenarioProblem::new(
                format!("steps[{k}].scenario"),
                "continues a previous world that could not be built",
            )]);
        }
        self.drain();
        Ok(())
    }

    fn drain(&mut self) {
        if let Some(w) = self.world.as_mut() {
            for e in w.drain_events() {
                self.observer.see(&e);
            }
        }
    }

    /// Runs the world to the absolute time `t_ms`, reading its events as it goes.
    fn run_to(&mut self, t_ms: u64) {
        while let Some(now) = self.world.as_ref().map(World::now_ms).filter(|n| *n < t_ms) {
            if let Some(w) = self.world.as_mut() {
                w.run_until(t_ms.min(now + CHUNK_MS));
            }
            self.drain();
        }
    }

    fn run_step(&mut self, k: usize, step: &Step) -> StepReport {
        let mut report = StepReport {
            step: k,
            ..StepReport::default()
        };
        if let Err(list) = self.begin(k, step) {
            report.problems = list;
            return report;
        }
        if let Some(flow) = self.flow.as_mut() {
            flow.run_until(flow.now_ms() + step.run_ms);
            let models = flow.models();
            for f in step.check.iter().flat_map(|c| &c.facts) {
                let name = f.metric.as_deref().unwrap_or("");
                let actual = match models.metric(name) {
                    Some(n) if f.measure == Measure::FlowMetric => Value::Num(n),
                    Some(_) => {
                        Value::Missing(format!("{} needs a scenario step", f.measure.name()))
                    }
                    None => Value::Missing(format!("no metric {name:?} in this flow")),
                };
                let holds = f.holds(&actual);
                report.facts.push(FactResult {
                    fact: f.clone(),
                    actual,
                    holds,
                });
            }
            return report;
        }
        let Some(start) = self.world.as_ref().map(World::now_ms) else {
            return report;
        };
        let at_start = self.world.as_ref().map(World::snapshot);
        for (i, c) in step.commands.iter().enumerate() {
            self.run_to(start + c.at_ms);
            if let Some(Err(e)) = self.world.as_mut().map(|w| w.apply(c.command.clone())) {
                let path = format!("steps[{k}].commands[{i}].command.{}", e.field);
                report.problems.push(ScenarioProblem::new(path, e.problem));
            }
        }
        self.run_to(start + step.run_ms);
        let Some(snap) = self.world.as_ref().map(World::snapshot) else {
            return report;
        };
        for (i, h) in step.highlights.iter().enumerate() {
            if !at_start.as_ref().is_some_and(|s| exists(h, s)) && !exists(h, &snap) {
                report.problems.push(ScenarioProblem::new(
                    format!("steps[{k}].highlights[{i}]"),
                    "names something that does not exist in the step's world",
                ));
            }
        }
        if let Some(t) = &step.try_it {
            let now = unknown_names(&t.when, &snap);
            let before = at_start
                .as_ref()
                .map_or([true; 4], |s| unknown_names(&t.when, s));
            let fields = ["instance", "group", "topic", "producer"];
            for i in (0..4).filter(|&i| now[i] && before[i]) {
                report.problems.push(ScenarioProblem::new(
                    format!("steps[{k}].try_it.when.{}", fields[i]),
                    "names something that does not exist in the step's world",
                ));
            }
        }
        if let Some(check) = &step.check {
            for f in &check.facts {
                let actual = measure(f, &snap, &self.observer);
                let holds = f.holds(&actual);
                report.facts.push(FactResult {
                    fact: f.clone(),
                    actual,
                    holds,
                });
            }
        }
        report
    }
}

impl Iterator for StepWorlds<'_> {
    type Item = StepReport;

    /// Runs the next step and reports it.
    fn next(&mut self) -> Option<StepReport> {
        let k = self.next;
        let step = self.lesson.steps.get(k)?;
        self.next += 1;
        Some(self.run_step(k, step))
    }
}

impl Lesson {
    /// Runs every step on the engine ([`StepWorlds`]) and returns each step's report.
    ///
    /// ```
    /// assert!(kplay_core::lesson::Lesson::default().run().is_empty());
    /// ```
    pub fn run(&self) -> Vec<StepReport> {
        StepWorlds::new(self).collect()
    }
}
