//! `use_lessons`: the open lesson and step, following the URL (`#lesson=3&step=2`, 1-based), the lessons index
//! and lesson files fetched on demand from `lessons/`, and the learner's progress (kept in localStorage).
//!
//! Every move goes through the URL: Back, Next and the list set the hash, and the `hashchange` listener opens
//! what it names, so a link, a reload and the browser's own back button all land on the same step.

use crate::hooks::use_simulation::SimHandle;
use crate::lesson::progress::{self, Progress};
use crate::lesson::{parse_route, side_tab, world, Problem, Route, DIR};
use crate::state::Tab;
use kplay_core::lesson::{Lesson, LessonIndex};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The step on screen.
#[derive(Clone, Debug)]
pub struct OpenStep {
    /// Lesson number, 1-based (position in the index).
    pub number: usize,
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Step index, 0-based.
    pub step: usize,
}

/// Everything the lesson UI shows.
#[derive(Debug, Default)]
pub struct LessonModel {
    /// `lessons/index.json` once loaded.
    pub index: Option<Rc<LessonIndex>>,
    /// A file is being fetched.
    pub loading: bool,
    /// The step on screen.
    pub open: Option<OpenStep>,
    /// Why the last link could not be opened (shown above the list).
    pub problem: Option<Problem>,
    /// The learner's progress.
    pub progress: Progress,
    /// The stored progress was unreadable and has been ignored.
    pub progress_notice: bool,
    /// Counts route changes, so a slow fetch for an older one does not win.
    request: u64,
}

impl LessonModel {
    /// The open lesson's progress entry (created on first use).
    fn entry(&mut self) -> Option<(&mut progress::LessonProgress, usize)> {
        let open = self.open.as_ref()?;
        let step = open.step;
        let id = open.lesson.id.clone();
        Some((self.progress.lesson_mut(&id), step))
    }
}

thread_local! {
    /// Fetched (or preloaded) lesson files by URL: each is fetched once per page.
    static FILES: RefCell<Vec<(String, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

/// Makes a file available without fetching it (component tests, which have no server for `lessons/`).
pub fn preload(url: &str, text: &str) {
    FILES.with(|f| f.borrow_mut().push((url.to_string(), Rc::from(text))));
}

/// A file already fetched (or preloaded), by URL.
fn cached(url: &str) -> Option<Rc<str>> {
    FILES.with(|f| {
        f.borrow()
            .iter()
            .rev()
            .find(|(u, _)| u == url)
            .map(|(_, t)| t.clone())
    })
}

/// Fetches a file into [`FILES`]. The only await on the network: everything else reads the cache in plain
/// functions, so no async state machine carries the parsers or the world building.
async fn fetch_file(url: String) -> Result<(), Problem> {
    let text = crate::dom::fetch_text(&url)
        .await
        .map_err(Problem::Unreadable)?;
    preload(&url, &text);
    Ok(())
}

/// A route's lesson and its step's world (nothing when only the index was asked for).
type Opened = Option<(Rc<Lesson>, crate::sim::Sim)>;

/// What an attempt still lacks: a file to fetch first, or why it cannot be done.
enum Lack {
    File(String),
    Problem(Problem),
}

impl From<Problem> for Lack {
    fn from(p: Problem) -> Self {
        Lack::Problem(p)
    }
}

/// `lessons/{file}` read by `parse` from the cache (or the file to fetch first).
fn read<T>(file: &str, parse: fn(&str) -> Result<T, crate::i18n::Reason>) -> Result<T, Lack> {
    let url = format!("{DIR}{file}");
    let Some(text) = cached(&url) else {
        return Err(Lack::File(url));
    };
    parse(&text).map_err(|e| Lack::Problem(Problem::Unreadable(e.of(&url))))
}

/// Step `k`'s world, built once for opening and resetting alike.
fn step_world(lesson: &Lesson, k: usize) -> Result<crate::sim::Sim, Problem> {
    world::step_sim(lesson, k).map_err(|e| Problem::World(e.join("; ")))
}

/// What components get: the model, compared by a version bumped on every change.
#[derive(Clone)]
pub struct LessonHandle {
    model: Rc<RefCell<LessonModel>>,
    version: usize,
    bump: Callback<()>,
    sim: Rc<RefCell<Option<SimHandle>>>,
    show_side: Callback<Option<Tab>>,
}

impl PartialEq for LessonHandle {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.model, &other.model)
    }
}

fn set_hash(fragment: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(fragment);
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

impl LessonHandle {
    /// Read access for rendering.
    pub fn with<R>(&self, f: impl FnOnce(&LessonModel) -> R) -> R {
        f(&self.model.borrow())
    }

    fn change(&self, f: impl FnOnce(&mut LessonModel)) {
        f(&mut self.model.borrow_mut());
        self.bump.emit(());
    }

    /// Opens a step (1-based numbers) by changing the URL.
    pub fn go(&self, route: Route) {
        set_hash(&route.fragment());
    }

    /// Leaves the lesson for the lessons list: the playground stays as it is.
    pub fn close(&self) {
        set_hash("");
        self.show_side.emit(Some(Tab::Learn));
        self.leave_world();
        self.change(|m| m.open = None);
    }

    /// The closed lesson's world stays on screen, but it is not the learner's session to autosave.
    fn leave_world(&self) {
        let handle = self.sim.borrow().clone();
        if let Some(h) = handle {
            h.not_the_learners();
        }
    }

    /// Loads the index for the list, once.
    pub fn ensure_index(&self) {
        if self.with(|m| m.index.is_some() || m.loading) {
            return;
        }
        self.start(None);
    }

    /// Opens what the URL names (nothing when it names no lesson: the lesson closes).
    pub fn follow(&self, hash: &str) {
        match parse_route(hash) {
            None if self.with(|m| m.open.is_none()) => {}
            None => {
                self.show_side.emit(Some(Tab::Learn));
                self.leave_world();
                self.change(|m| m.open = None);
            }
            Some(Err(p)) => {
                self.show_side.emit(Some(Tab::Learn));
                self.ensure_index();
                self.change(|m| {
                    m.open = None;
                    m.problem = Some(p);
                });
            }
            Some(Ok(r)) => self.start(Some(r)),
        }
    }

    /// Loads what `route` needs (the index alone for `None`), fetching the files it lacks one at a time: the
    /// one async task of the lessons, which only awaits [`fetch_file`].
    fn start(&self, route: Option<Route>) {
        let this = self.clone();
        let mut request = 0;
        this.change(|m| {
            if route.is_some() {
                m.request += 1;
            }
            request = m.request;
            m.loading = true;
        });
        yew::platform::spawn_local(async move {
            let r = loop {
                match this.attempt(route) {
                    Err(Lack::File(url)) => {
                        if let Err(p) = fetch_file(url).await {
                            break Err(p);
                        }
                    }
                    Err(Lack::Problem(p)) => break Err(p),
                    Ok(o) => break Ok(o),
                }
            };
            this.finish(request, route, r);
        });
    }

    /// Shows what [`start`](Self::start) loaded, unless a newer link won meanwhile.
    fn finish(&self, request: u64, route: Option<Route>, r: Result<Opened, Problem>) {
        if route.is_some() && self.with(|m| m.request != request) {
            return; // a newer link won
        }
        match (route, r) {
            (Some(route), Ok(Some((lesson, sim)))) => {
                self.show(sim);
                // Once, as the step opens: fold the side panel, or open it where the step points.
                let step = lesson.steps.get(route.step - 1);
                self.show_side
                    .emit(step.and_then(|s| side_tab(&s.highlights)));
                self.change(|m| {
                    m.loading = false;
                    m.problem = None;
                    m.open = Some(OpenStep {
                        number: route.lesson,
                        lesson,
                        step: route.step - 1,
                    });
                    if let Some((e, k)) = m.entry() {
                        e.see(k);
                    }
                    progress::save(&m.progress);
                });
            }
            (Some(_), Err(p)) => {
                self.show_side.emit(Some(Tab::Learn));
                self.change(|m| {
                    m.loading = false;
                    m.open = None;
                    m.problem = Some(p);
                });
            }
            (_, r) => self.change(|m| {
                m.loading = false;
                if let Err(p) = r {
                    m.problem = Some(p);
                }
            }),
        }
    }

    /// The lesson and the world of a route's step (nothing for `None`, once the index is read), from the files
    /// at hand, or the file it still lacks, or why not.
    fn attempt(&self, route: Option<Route>) -> Result<Opened, Lack> {
        let index = match self.with(|m| m.index.clone()) {
            Some(i) => i,
            None => {
                let i = Rc::new(read("index.json", crate::lesson::file::parse_index)?);
                self.model.borrow_mut().index = Some(i.clone());
                i
            }
        };
        let Some(route) = route else {
            return Ok(None);
        };
        let entry = index
            .lessons
            .get(route.lesson - 1)
            .ok_or(Problem::NoLesson {
                lesson: route.lesson,
                count: index.lessons.len(),
            })?;
        let cached = self.with(|m| {
            m.open
                .as_ref()
                .filter(|o| o.number == route.lesson)
                .map(|o| o.lesson.clone())
        });
        let lesson = match cached {
            Some(l) => l,
            None => Rc::new(read(&entry.file, crate::lesson::file::parse_lesson)?),
        };
        if route.step > lesson.steps.len() {
            return Err(Problem::NoStep {
                lesson: route.lesson,
                step: route.step,
                count: lesson.steps.len(),
            }
            .into());
        }
        let sim = step_world(&lesson, route.step - 1)?;
        Ok(Some((lesson, sim)))
    }

    /// Puts a step's world on screen. The handle is cloned out first: replacing redraws, and a redraw may
    /// render (and store the next handle) at once.
    fn show(&self, sim: crate::sim::Sim) {
        let handle = self.sim.borrow().clone();
        if let Some(h) = handle {
            h.replace(sim);
        }
    }

    /// Restores the open step's world as it was when the step opened.
    pub fn reset_step(&self) {
        let Some(open) = self.with(|m| m.open.clone()) else {
            return;
        };
        match step_world(&open.lesson, open.step) {
            Ok(sim) => self.show(sim),
            Err(p) => self.change(|m| m.problem = Some(p)),
        }
    }

    /// Records the answer picked for the open step's question.
    pub fn answer(&self, choice: usize) {
        self.change(|m| {
            if let Some((e, k)) = m.entry() {
                e.answer(k, choice);
            }
            progress::save(&m.progress);
        });
    }

    /// Opens what the URL names now and follows its changes; returns what stops following. The app's mount
    /// effect calls it (one effect type in the bundle rather than one of this hook's own).
    pub fn follow_hash(&self) -> impl FnOnce() {
        self.follow(&current_hash());
        let handle = self.clone();
        let on_hash: Closure<dyn FnMut()> = Closure::new(move || handle.follow(&current_hash()));
        crate::dom::on_hash_change(on_hash)
    }

    /// Records that the learner did the open step's "try it".
    pub fn tried(&self) {
        self.change(|m| {
            if let Some((e, k)) = m.entry() {
                e.try_it(k);
            }
            progress::save(&m.progress);
        });
    }
}

/// The lessons, following the URL once the app's mount effect calls [`LessonHandle::follow_hash`]. `show_side` puts the side panel where a step or a bad link wants it: `None`
/// folds it, `Some(tab)` opens it on `tab` (a bad link shows its message on the lessons list).
#[hook]
pub fn use_lessons(sim: SimHandle, show_side: Callback<Option<Tab>>) -> LessonHandle {
    let model = use_mut_ref(|| {
        let (progress, progress_notice) = progress::load();
        LessonModel {
            progress,
            progress_notice,
            ..LessonModel::default()
        }
    });
    // Through the shared `use_index` (no `u64` state type of its own in the bundle); it only grows.
    let version = crate::hooks::use_form_state::use_index(0);
    let counter = use_mut_ref(|| 0usize);
    let latest_sim = use_mut_ref(|| None::<SimHandle>);
    *latest_sim.borrow_mut() = Some(sim);
    let bump = {
        let (version, counter) = (version.clone(), counter.clone());
        Callback::from(move |()| {
            let mut c = counter.borrow_mut();
            *c += 1;
            version.set(*c);
        })
    };
    LessonHandle {
        model,
        version: *version,
        bump,
        sim: latest_sim,
        show_side,
    }
}
