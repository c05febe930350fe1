//! `use_simulation`: owns the [`Sim`] outside render (`use_mut_ref`), drives it with a requestAnimationFrame loop
//! ([`SimHandle::start`], which the app's mount effect calls; cancelled on unmount), and re-renders once per frame with the latest snapshot.

use crate::hooks::use_form_state::use_index;
use crate::presets;
use crate::share;
use crate::sim::Sim;
use kplay_core::sim::{CommandError, Snapshot};
use kplay_core::{Command, Scenario};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The requestAnimationFrame callback, kept alive while the loop runs.
type FrameCallback = Closure<dyn FnMut(f64)>;

/// Real milliseconds between refreshes of the slow panels.
const SLOW_TICK_MS: f64 = 500.0;

/// What components get: the latest snapshot plus a way to act on the world. Compares by frame number, so a
/// component re-renders only when a new frame (or a command) happened.
#[derive(Clone)]
pub struct SimHandle {
    sim: Rc<RefCell<Sim>>,
    /// The latest snapshot.
    pub snapshot: Rc<Snapshot>,
    /// The snapshot as of the last slow tick (2 per second): busy partition lanes draw from it.
    pub slow_snapshot: Rc<Snapshot>,
    /// Real time of this frame (ms, `performance.now()`).
    pub now_real: f64,
    frame: u64,
    slow_frame: u64,
    redraw: Callback<()>,
    /// The frame loop's clock and its redraw (see [`SimHandle::start`]).
    clock: Rc<RefCell<Clock>>,
    tick_redraw: Callback<()>,
}

impl PartialEq for SimHandle {
    fn eq(&self, other: &Self) -> bool {
        self.frame == other.frame && Rc::ptr_eq(&self.sim, &other.sim)
    }
}

/// An `Rc` compared by pointer: props built from the same snapshot or layout are equal without a deep comparison,
/// so a component fed from the slow-tick snapshot skips rendering until that snapshot is replaced.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Real time now, in ms.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl SimHandle {
    /// Starts the world: follows pasted share links and `#preset=` hashes, and runs the frame loop. Returns what
    /// stops both. The app's mount effect calls it (one effect type in the bundle for the app's mount work).
    ///
    /// A share link or `#preset=` pasted into the open tab changes only the hash (no page load): it loads what it
    /// names, as a page load would (a bad link loads the default and says why in the warnings).
    pub fn start(&self) -> impl FnOnce() {
        let (hash_sim, hash_redraw) = (self.sim.clone(), self.redraw.clone());
        let (sim, clock, redraw) = (
            self.sim.clone(),
            self.clock.clone(),
            self.tick_redraw.clone(),
        );
        let on_hash: Closure<dyn FnMut()> = Closure::new(move || {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if let Some((scenario, errors)) = share::resolve(share::parse_location("", &hash)) {
                {
                    let mut s = hash_sim.borrow_mut();
                    match s.load(scenario) {
                        Ok(()) => s.load_errors = errors,
                        Err(e) => s.load_errors = e,
                    }
                    // Not the learner's session until they act (see [`crate::autosave::wanted`]).
                    s.saving = false;
                }
                hash_redraw.emit(());
            }
        });
        let stop_hash = crate::dom::on_hash_change(on_hash);

        let alive = Rc::new(Cell::new(true));
        let handle = Rc::new(Cell::new(0i32));
        let tick: Rc<RefCell<Option<FrameCallback>>> = Rc::new(RefCell::new(None));
        let again = tick.clone();
        let (alive2, handle2) = (alive.clone(), handle.clone());
        *tick.borrow_mut() = Some(Closure::new(move |ts: f64| {
            if !alive2.get() {
                return;
            }
            let (speed, paused) = clock.borrow().controls;
            if sim.borrow_mut().frame(ts, speed, paused) {
                redraw.emit(());
            }
            crate::autosave::save(&sim.borrow(), ts, false);
            if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
                handle2.set(
                    w.request_animation_frame(cb.as_ref().unchecked_ref())
                        .unwrap_or(0),
                );
            }
        }));
        if let (Some(w), Some(cb)) = (web_sys::window(), tick.borrow().as_ref()) {
            handle.set(
                w.request_animation_frame(cb.as_ref().unchecked_ref())
                    .unwrap_or(0),
            );
        }
        move || {
            stop_hash();
            alive.set(false);
            if let Some(w) = web_sys::window() {
                let _ = w.cancel_animation_frame(handle.get());
            }
            // Break the closure's reference to itself so it is freed.
            tick.borrow_mut().take();
        }
    }

    /// Applies a command; the error (field and rule) is returned for the form to show, and the world is unchanged.
    pub fn apply(&self, command: Command) -> Result<(), CommandError> {
        let r = {
            let mut sim = self.sim.borrow_mut();
            let r = sim.apply(command.clone(), now());
            if r.is_ok() {
                sim.user_commands.push(command);
                crate::autosave::save(&sim, now(), true);
            }
            r
        };
        self.redraw.emit(());
        r
    }

    /// Marks the world on screen as not the learner's session (a lesson's, left there when the lesson closes), so
    /// autosave keeps the saved session until the learner acts.
    pub fn not_the_learners(&self) {
        self.sim.borrow_mut().saving = false;
    }

    /// Replaces the world with a prepared one (a lesson step's).
    pub fn replace(&self, sim: Sim) {
        *self.sim.borrow_mut() = sim;
        self.redraw.emit(());
    }

    /// Advances `ms` of virtual time at once (the step button).
    pub fn step(&self, ms: u64) {
        {
            let mut s = self.sim.borrow_mut();
            match s.open_compare() {
                Some(c) => c.advance(ms),
                None => s.step(ms, now(), true),
            }
        }
        self.redraw.emit(());
    }

    /// Opens, closes or edits the Compare area (see [`Sim::edit_compare`]); a refused number says why.
    pub fn compare(&self, edit: crate::compare::Edit) -> Result<(), String> {
        let r = self.sim.borrow_mut().edit_compare(edit);
        self.redraw.emit(());
        r
    }

    /// Back to time 0 with the topology built so far.
    pub fn reset(&self) {
        self.sim.borrow_mut().reset();
        self.redraw.emit(());
    }

    /// Whether the discarding button `what` may go ahead now (see [`Sim::arm`]); redraws, so an armed button
    /// asks.
    pub fn arm(&self, what: usize) -> bool {
        let go = self.sim.borrow_mut().arm(what);
        self.redraw.emit(());
        go
    }

    /// Shows the notice `key` (a catalogue key) above the picture, as an autosave's: an export the browser
    /// refused to make. `""` (an export that worked) takes that refusal away and leaves any other notice.
    pub fn notice(&self, key: &'static str) {
        let mut sim = self.sim.borrow_mut();
        if !key.is_empty() || sim.notice == "export.failed" {
            sim.notice = key;
        }
        drop(sim);
        self.redraw.emit(());
    }

    /// Loads a scenario at time 0; on bad input the current one stays and the problems are returned.
    pub fn load(&self, scenario: Scenario) -> Result<(), Vec<String>> {
        let r = self.sim.borrow_mut().load(scenario);
        crate::autosave::save(&self.sim.borrow(), now(), true);
        self.redraw.emit(());
        r
    }

    /// The same handle, but comparing equal until the next slow tick (2 per second) or command: tables, charts and
    /// logs re-render at that pace instead of every frame, which keeps big scenarios within the frame budget.
    pub fn throttled(&self) -> SimHandle {
        SimHandle {
            frame: self.slow_frame,
            ..self.clone()
        }
    }

    /// Read access to the simulation (trace, scenario) for rendering.
    pub fn with<R>(&self, f: impl FnOnce(&Sim) -> R) -> R {
        f(&self.sim.borrow())
    }
}

/// The scenario the page URL asks for (`?preset=`, `#preset=`, `#s=`), or the default with the reasons; with
/// no link and no lesson in the URL, the autosaved session (see [`crate::autosave`]) if there is one.
fn initial() -> Sim {
    let loc = web_sys::window().map(|w| w.location());
    let search = loc
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    // The saved session's moment and the notice about it.
    let (mut t_ms, mut notice, mut saving) = (0, "", false);
    let (scenario, errors) =
        share::resolve(share::parse_location(&search, &hash)).unwrap_or_else(|| {
            // No link: the saved session or the default start is the learner's (kept by autosave), unless a
            // lesson is asked for (its world is not the learner's session, nor is the default if it fails).
            saving = !hash.contains("lesson=");
            let saved = (!hash.contains("lesson="))
                .then(crate::autosave::load)
                .flatten();
            let scenario = match saved {
                Some(Ok((s, t))) => {
                    (t_ms, notice) = (t, "autosave.restored");
                    s
                }
                Some(Err(_)) => {
                    notice = "autosave.ignored";
                    presets::default_scenario()
                }
                None => presets::default_scenario(),
            };
            (scenario, Vec::new())
        });
    let mut sim = Sim::new(scenario)
        .or_else(|_| Sim::new(presets::default_scenario()))
        .unwrap_or_else(|_| {
            Sim::new(Scenario::default())
                .unwrap_or_else(|_| unreachable!("empty scenario is valid"))
        });
    sim.load_errors = errors;
    sim.notice = notice;
    sim.saving = saving;
    let start = now();
    sim.run_toward(t_ms, &|| now() - start < crate::autosave::REPLAY_MS);
    sim
}

/// The animation loop's clock: frames drawn, the slow tick (number, real time of the last one), and the speed
/// and pause the loop reads each frame.
#[derive(Default)]
struct Clock {
    counter: usize,
    slow: (u64, f64),
    controls: (f64, bool),
}

/// Runs the playground at `speed` unless `paused`.
#[hook]
pub fn use_simulation(speed: f64, paused: bool) -> SimHandle {
    let sim = use_mut_ref(initial);
    // The frame number, through the forms' shared `use_index` (one state-hook instance less; it only grows).
    let frame = use_index(0);
    // The loop's clock in one cell (one `use_mut_ref` instance rather than three).
    let clock = use_mut_ref(Clock::default);
    let slow_snapshot = use_mut_ref(|| (u64::MAX, Rc::new(Snapshot::default())));
    // The loop reads these each frame, so changing speed does not restart it.
    clock.borrow_mut().controls = (speed, paused);

    // Every frame redraws the picture; commands also force a slow tick so panels answer at once.
    let redraw_with = |force_slow: bool| {
        let frame = frame.setter();
        let clock = clock.clone();
        Callback::from(move |()| {
            let now = now();
            let mut c = clock.borrow_mut();
            if force_slow || now - c.slow.1 >= SLOW_TICK_MS {
                c.slow = (c.slow.0 + 1, now);
            }
            c.counter += 1;
            frame.set(c.counter);
        })
    };
    let redraw = redraw_with(true);
    let tick_redraw = redraw_with(false);

    let snapshot = sim.borrow().snapshot.clone();
    let slow_frame = clock.borrow().slow.0;
    let slow_snapshot = {
        let mut held = slow_snapshot.borrow_mut();
        if held.0 != slow_frame {
            *held = (slow_frame, snapshot.clone());
        }
        held.1.clone()
    };
    SimHandle {
        sim,
        snapshot,
        slow_snapshot,
        now_real: now(),
        frame: *frame as u64,
        slow_frame,
        redraw,
        clock,
        tick_redraw,
    }
}
