//! Autosave (issue 13): the scenario as the learner built it and the moment (virtual time) are kept in
//! localStorage under one versioned key, [`KEY`], as `{"version":1,"t_ms":…,"scenario":{…}}`. A page opened
//! without a link (`#s=`, `#preset=`, a lesson) runs the saved scenario again from 0 s to the saved moment (for
//! at most [`REPLAY_MS`] of real time): the engine is deterministic, so the same scenario and seed give the same
//! world. Live commands (crash, restart,
//! pause …) are not part of the scenario and are not kept; edits made while it ran apply from 0 s. Damaged,
//! unknown-version or invalid data is ignored with a notice and the default scenario opens.
//!
//! Only the page's `main` turns it on ([`enable`]), never in embed mode (no storage there, see
//! [`crate::embed::storage`]), so component tests and embeds neither read nor write it.

use crate::sim::Sim;
use kplay_core::Scenario;
use std::cell::{Cell, RefCell};

/// The localStorage key; its `v1` and the `version` field change together.
pub const KEY: &str = "kplay.autosave.v1";
/// Real milliseconds between two saves while the clock runs.
pub const SAVE_MS: f64 = 2000.0;
/// Real milliseconds a restore may spend replaying (a big scenario replays 10 virtual minutes in seconds): it
/// stops at the saved moment or when this is spent, whichever comes first.
pub const REPLAY_MS: f64 = 2000.0;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    /// Real time of the last save and the text saved.
    static LAST: RefCell<(f64, String)> = const { RefCell::new((f64::MIN, String::new())) };
}

/// Turns autosave on for this page (the app's `main` calls it before the first render).
pub fn enable() {
    ON.set(true);
}

fn storage() -> Option<web_sys::Storage> {
    if ON.get() {
        crate::embed::storage()
    } else {
        None
    }
}

/// The saved text of `scenario` at `t_ms`.
///
/// ```
/// let s = kplay_web::presets::default_scenario();
/// let text = kplay_web::autosave::encode(&s, 1500);
/// assert_eq!(kplay_web::autosave::decode(&text), Ok((s, 1500)));
/// ```
pub fn encode(scenario: &Scenario, t_ms: u64) -> String {
    [
        "{\"version\":1,\"t_ms\":",
        &t_ms.to_string(),
        ",\"scenario\":",
        &kplay_core::scenario::json::write(scenario, false),
        "}",
    ]
    .concat()
}

/// The scenario and moment of a saved text; `Err` (why, for tests) when it is not JSON, not version 1, or its
/// scenario is invalid.
pub fn decode(text: &str) -> Result<(Scenario, u64), String> {
    let v = kplay_core::json::parse(text).map_err(|e| e.to_string())?;
    if v.get("version").and_then(|v| v.as_u64()) != Some(1) {
        return Err("version: must be 1".into());
    }
    let t = v.get("t_ms").and_then(|t| t.as_u64()).ok_or("t_ms")?;
    // The problems themselves are not shown (the notice says the data was ignored): no formatting code for them.
    let s = kplay_core::scenario::json::scenario(v.get("scenario").ok_or("scenario")?)
        .map_err(|_| "scenario")?;
    s.validate().map_err(|_| "scenario: invalid")?;
    Ok((s, t))
}

/// The saved session ([`decode`]d: `Err` when it cannot be used); `None` when nothing is saved or autosave is
/// off. The page's first world runs it to its moment, with a notice (`autosave.restored` or `autosave.ignored`).
pub fn load() -> Option<Result<(Scenario, u64), String>> {
    Some(decode(&storage()?.get_item(KEY).ok()??))
}

/// Whether `sim` is the learner's session to keep: it came from the autosave or the default start, or the
/// learner acted on it ([`Sim::saving`]). A link's world (a broken link's default too) or a closed lesson's is
/// not kept until the learner acts, so it never replaces the saved session unasked.
pub fn wanted(sim: &Sim) -> bool {
    sim.saving
}

/// Saves the world's scenario and moment when `force`d (the scenario changed) or [`SAVE_MS`] after the last
/// save, if anything changed and it is [`wanted`]; never while a lesson is open (its steps are not the learner's
/// scenario).
pub fn save(sim: &Sim, now_real: f64, force: bool) {
    if !wanted(sim) {
        return;
    }
    LAST.with_borrow_mut(|(at, last)| {
        // Called every frame: the clock first, storage (a call into the page) only when a save is due.
        if !force && now_real - *at < SAVE_MS {
            return;
        }
        *at = now_real;
        let Some(store) = storage() else { return };
        let lesson = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_some_and(|h| h.contains("lesson="));
        let text = encode(&sim.scenario, sim.world.now_ms());
        if !lesson && text != *last {
            let _ = store.set_item(KEY, &text);
            *last = text;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_session_round_trips_and_bad_data_is_refused() {
        let mut s = kplay_core::scenario::bench_preset();
        s.seed = 99;
        assert_eq!(decode(&encode(&s, 42_000)), Ok((s.clone(), 42_000)));
        assert_eq!(decode(&encode(&s, u64::MAX)).map(|x| x.1), Ok(u64::MAX));
        let text = encode(&s, 5);
        for bad in [
            String::new(),
            text[..text.len() - 1].to_string(),
            text.replace("\"version\":1", "\"version\":2"),
            text.replace("\"version\":1,", ""),
            text.replace("\"t_ms\":5", "\"t_ms\":-5"),
            text.replace("\"scenario\"", "\"scenery\""),
            text.replace("\"partitions\":64", "\"partitions\":0"),
            "[1,2]".to_string(),
        ] {
            assert!(decode(&bad).is_err(), "{bad:.80}");
        }
    }

    /// A link's world (a page load or a link pasted into the tab), a broken link's default (with its problems)
    /// and a lesson's world are not kept until the learner acts; a command, a load and a reset are.
    #[test]
    fn only_the_learners_session_is_kept() {
        let mut link =
            Sim::new(kplay_core::scenario::bench_preset()).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!wanted(&link), "a link's or a lesson's world");
        link.step(3_000, 0.0, false);
        assert!(!wanted(&link), "time passing is no action");
        let crash = kplay_core::Command::Crash {
            instance: link.scenario.groups[0].instances[0].id.clone(),
        };
        assert!(link.apply(crash, 0.0).is_ok());
        assert!(wanted(&link), "a command");
        let mut reset =
            Sim::new(kplay_core::scenario::bench_preset()).unwrap_or_else(|e| panic!("{e:?}"));
        reset.reset();
        assert!(wanted(&reset), "a reset");
        // A link pasted into the open tab, as the hashchange handler loads it.
        assert!(reset.load(crate::presets::default_scenario()).is_ok());
        assert!(wanted(&reset), "a load");
        reset.saving = false;
        assert!(!wanted(&reset), "the hashchange handler's link");
        // A broken link opens the default: not kept until the learner acts on it.
        let mut broken =
            Sim::new(crate::presets::default_scenario()).unwrap_or_else(|e| panic!("{e:?}"));
        broken.load_errors = vec!["s: not base64url".into()];
        assert!(!wanted(&broken), "a broken link's default");
        let pause = kplay_core::Command::PauseProducer {
            producer: broken.scenario.producers[0].id.clone(),
        };
        assert!(broken.apply(pause, 0.0).is_ok());
        assert!(wanted(&broken), "the learner acted on it");
    }

    #[test]
    fn a_restored_session_is_the_world_a_straight_run_gives() {
        let s = crate::presets::default_scenario();
        let (s2, t) = decode(&encode(&s, 7_300)).unwrap_or_else(|e| panic!("{e}"));
        let mut restored = Sim::new(s2).unwrap_or_else(|e| panic!("{e:?}"));
        restored.run_to(t);
        let mut straight = Sim::new(s).unwrap_or_else(|e| panic!("{e:?}"));
        straight.run_to(7_300);
        assert_eq!(restored.world.snapshot(), straight.world.snapshot());
        assert_eq!(restored.world.now_ms(), 7_300);
    }
}
