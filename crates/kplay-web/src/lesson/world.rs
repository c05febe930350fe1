//! A lesson step's world, built deterministically: from the step's scenario, or from the last earlier step that
//! has one, replaying the steps in between (their commands at their times, each to its `run_ms`). The same world
//! the lessons test checks (`kplay_core::lesson::StepWorlds`), so "reset step" always gives it back.

use crate::compare::Compare;
use crate::sim::Sim;
use kplay_core::lesson::{Lesson, Step};

/// The step's scripted commands by absolute time, for a step starting at `start_ms`, in file order (the lesson
/// validator requires `at_ms` not to decrease, and the lessons test applies them in that order too).
fn script(step: &Step, start_ms: u64) -> std::collections::VecDeque<(u64, kplay_core::Command)> {
    step.commands
        .iter()
        .map(|c| (start_ms + c.at_ms, c.command.clone()))
        .collect()
}

/// The world at the start of step `k`, before any of its commands ran (its script loaded).
pub fn replay(lesson: &Lesson, k: usize) -> Result<Sim, Vec<String>> {
    let steps = lesson
        .steps
        .get(..=k)
        .ok_or_else(|| vec![format!("steps: has no step {k}")])?;
    let base = steps
        .iter()
        .rposition(|s| s.scenario.is_some())
        .ok_or_else(|| vec!["steps[0].scenario: is required".to_string()])?;
    let scenario = steps[base].scenario.clone().unwrap_or_default();
    let mut sim = Sim::new(scenario).map_err(|ps| {
        ps.into_iter()
            .map(|p| format!("steps[{base}].scenario.{p}"))
            .collect::<Vec<_>>()
    })?;
    for step in &steps[base..k] {
        let start = sim.world.now_ms();
        sim.script = script(step, start);
        sim.run_to(start + step.run_ms);
        sim.script.clear();
    }
    sim.script = script(&steps[k], sim.world.now_ms());
    Ok(sim)
}

/// A flow step's Compare area at the step's moment (its `run_ms`, counted from the step's start: the check's
/// time), built from the last step up to `k` with a `flow` and run through the steps since; `None` when step `k`
/// runs a scenario's world.
pub fn step_compare(lesson: &Lesson, k: usize) -> Result<Option<Compare>, Vec<String>> {
    let steps = lesson.steps.get(..=k).unwrap_or_default();
    let Some(base) = steps
        .iter()
        .rposition(|s| s.scenario.is_some() || s.flow.is_some())
    else {
        return Ok(None);
    };
    let Some(flow) = &steps[base].flow else {
        return Ok(None);
    };
    let mut c = crate::compare::lesson::from_flow(flow).ok_or_else(|| {
        vec![format!(
            "steps[{base}].flow: not a setup the Compare area shows"
        )]
    })?;
    c.advance(steps[base..].iter().map(|s| s.run_ms).sum());
    Ok(Some(c))
}

/// The playground for step `k`: [`replay`] plus the commands due at the step's first millisecond; for a flow step,
/// an empty world with the Compare area open on [`step_compare`].
pub fn step_sim(lesson: &Lesson, k: usize) -> Result<Sim, Vec<String>> {
    if let Some(c) = step_compare(lesson, k)? {
        let mut sim = Sim::new(kplay_core::Scenario::default())?;
        sim.compare = Some(c);
        sim.compare_open = true;
        return Ok(sim);
    }
    let mut sim = replay(lesson, k)?;
    sim.step(0, 0.0, false);
    Ok(sim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::lesson::{StepCommand, StepWorlds};
    use kplay_core::Command;

    fn topic_lesson() -> Lesson {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons/01-topic.json");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every step of every lesson in `lessons/index.json`, read by the web's reader.
    #[test]
    fn every_step_starts_in_the_world_the_lessons_test_checks() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap_or_default();
        let index = crate::lesson::file::parse_index(&read("index.json"))
            .unwrap_or_else(|e| panic!("index.json: {e:?}"));
        for entry in &index.lessons {
            let lesson = crate::lesson::file::parse_lesson(&read(&entry.file))
                .unwrap_or_else(|e| panic!("{}: {e:?}", entry.file));
            starts_match(&lesson);
        }
    }

    fn starts_match(lesson: &Lesson) {
        // Flow steps open the Compare area instead (`compare::lesson`'s test checks them).
        for k in (0..lesson.steps.len()).filter(|&k| matches!(step_compare(lesson, k), Ok(None))) {
            let at = format!("{} step {k}", lesson.id);
            let web = replay(lesson, k).unwrap_or_else(|e| panic!("{at}: {e:?}"));
            let core = StepWorlds::start_world(lesson, k).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(web.world.now_ms(), core.now_ms(), "{at}");
            assert_eq!(web.world.snapshot(), core.snapshot(), "{at}");
        }
    }

    #[test]
    fn scripted_commands_run_at_their_time_whatever_the_frame_size() {
        let mut lesson = topic_lesson();
        let producer = lesson.steps[0]
            .scenario
            .as_ref()
            .and_then(|s| s.producers.first())
            .map(|p| p.id.clone())
            .unwrap_or_default();
        lesson.steps[0].commands = vec![StepCommand {
            at_ms: 1234,
            command: Command::SetRate {
                producer,
                rate_per_s: 0,
            },
        }];
        check_frames(&lesson);
    }

    fn check_frames(lesson: &Lesson) {
        let mut fine = step_sim(lesson, 0).unwrap_or_else(|e| panic!("{e:?}"));
        let mut coarse = step_sim(lesson, 0).unwrap_or_else(|e| panic!("{e:?}"));
        for _ in 0..300 {
            fine.step(10, 0.0, false);
        }
        for _ in 0..3 {
            coarse.step(1000, 0.0, false);
        }
        assert!(fine.script.is_empty() && coarse.script.is_empty());
        assert_eq!(fine.world.snapshot(), coarse.world.snapshot());
        assert!(
            fine.user_commands.is_empty(),
            "scripted commands are not the learner's"
        );
        // Without the command the world differs: the script really ran.
        let mut plain = replay(lesson, 0).unwrap_or_else(|e| panic!("{e:?}"));
        plain.script.clear();
        plain.run_to(3000);
        assert_ne!(plain.world.snapshot(), fine.world.snapshot());
    }

    #[test]
    fn a_missing_step_or_first_scenario_is_a_problem_not_a_panic() {
        let lesson = topic_lesson();
        assert!(replay(&lesson, 99).is_err());
        let mut broken = lesson.clone();
        broken.steps[0].scenario = None;
        assert_eq!(
            replay(&broken, 0).err(),
            Some(vec!["steps[0].scenario: is required".to_string()])
        );
    }
}
