//! `use_lessons`: the open lesson and step, following the URL (`#lesson=3&step=2`, 1-based), the lessons index
//! and lesson files fetched on demand from `lessons/`, and the learner's progress (kept in localStorage).
//!
//! Every move goes through the URL: Back, Next and the list set the hash, and the `hashchange` listener opens
//! what it names, so a link, a reload and the browser's own back button all land on the same step.

use crate::hooks::use_simulation::SimHandle;
use crate::lesson::progress::{self, Progress};
use crate::lesson::{parse_route, world, Problem, Route, DIR};
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

async fn fetch_cached(url: &str) -> Result<Rc<str>, String> {
    let cached = FILES.with(|f| {
        f.borrow()
            .iter()
            .rev()
            .find(|(u, _)| u == url)
            .map(|(_, t)| t.clone())
    });
    if let Some(t) = cached {
        return Ok(t);
    }
    let text: Rc<str> = Rc::from(crate::dom::fetch_text(url).await?);
    preload(url, &text);
    Ok(text)
}

async fn fetch_index() -> Result<LessonIndex, Problem> {
    let url = format!("{DIR}index.json");
    let text = fetch_cached(&url).await.map_err(Problem::Unreadable)?;
    crate::lesson::file::parse_index(&text).map_err(|e| Problem::Unreadable(format!("{url}: {e}")))
}

async fn fetch_lesson(file: &str) -> Result<Lesson, Problem> {
    let url = format!("{DIR}{file}");
    let text = fetch_cached(&url).await.map_err(Problem::Unreadable)?;
    crate::lesson::file::parse_lesson(&text).map_err(|e| Problem::Unreadable(format!("{url}: {e}")))
}

/// What components get: the model, compared by a version bumped on every change.
#[derive(Clone)]
pub struct LessonHandle {
    model: Rc<RefCell<LessonModel>>,
    version: u64,
    bump: Callback<()>,
    sim: Rc<RefCell<Option<SimHandle>>>,
    show_list: Callback<()>,
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

    /// Leaves the lesson: the playground stays as it is.
    pub fn close(&self) {
        set_hash("");
        self.change(|m| m.open = None);
    }

    /// Loads the index for the list, once.
    pub fn ensure_index(&self) {
        if self.with(|m| m.index.is_some() || m.loading) {
            return;
        }
        let this = self.clone();
        this.change(|m| m.loading = true);
        yew::platform::spawn_local(async move {
            let r = fetch_index().await;
            this.change(|m| {
                m.loading = false;
                match r {
                    Ok(i) => m.index = Some(Rc::new(i)),
                    Err(p) => m.problem = Some(p),
                }
            });
        });
    }

    /// Opens what the URL names (nothing when it names no lesson: the lesson closes).
    pub fn follow(&self, hash: &str) {
        let route = match parse_route(hash) {
            None if self.with(|m| m.open.is_none()) => return,
            None => return self.change(|m| m.open = None),
            Some(Err(p)) => {
                self.show_list.emit(());
                self.ensure_index();
                return self.change(|m| {
                    m.open = None;
                    m.problem = Some(p);
                });
            }
            Some(Ok(r)) => r,
        };
        let this = self.clone();
        let mut request = 0;
        this.change(|m| {
            m.request += 1;
            request = m.request;
            m.loading = true;
        });
        yew::platform::spawn_local(async move {
            let r = this.load(route).await;
            if this.with(|m| m.request != request) {
                return; // a newer link won
            }
            match r {
                Ok((lesson, sim)) => {
                    this.show(sim);
                    this.change(|m| {
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
                Err(p) => {
                    this.show_list.emit(());
                    this.change(|m| {
                        m.loading = false;
                        m.open = None;
                        m.problem = Some(p);
                    });
                }
            }
        });
    }

    /// The lesson and the world of a route's step, or why not.
    async fn load(&self, route: Route) -> Result<(Rc<Lesson>, crate::sim::Sim), Problem> {
        let index = match self.with(|m| m.index.clone()) {
            Some(i) => i,
            None => {
                let i = Rc::new(fetch_index().await?);
                self.model.borrow_mut().index = Some(i.clone());
                i
            }
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
            None => Rc::new(fetch_lesson(&entry.file).await?),
        };
        if route.step > lesson.steps.len() {
            return Err(Problem::NoStep {
                lesson: route.lesson,
                step: route.step,
                count: lesson.steps.len(),
            });
        }
        let sim =
            world::step_sim(&lesson, route.step - 1).map_err(|e| Problem::World(e.join("; ")))?;
        Ok((lesson, sim))
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
        match world::step_sim(&open.lesson, open.step) {
            Ok(sim) => self.show(sim),
            Err(e) => self.change(|m| m.problem = Some(Problem::World(e.join("; ")))),
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

/// The lessons, following the URL. `show_list` opens the lessons list (a bad link shows its message there).
#[hook]
pub fn use_lessons(sim: SimHandle, show_list: Callback<()>) -> LessonHandle {
    let model = use_mut_ref(|| {
        let (progress, progress_notice) = progress::load();
        LessonModel {
            progress,
            progress_notice,
            ..LessonModel::default()
        }
    });
    let version = use_state_eq(|| 0u64);
    let counter = use_mut_ref(|| 0u64);
    let latest_sim = use_mut_ref(|| None::<SimHandle>);
    *latest_sim.borrow_mut() = Some(sim);
    let bump = {
        let (version, counter) = (version.setter(), counter.clone());
        Callback::from(move |()| {
            let mut c = counter.borrow_mut();
            *c += 1;
            version.set(*c);
        })
    };
    let handle = LessonHandle {
        model,
        version: *version,
        bump,
        sim: latest_sim,
        show_list,
    };
    {
        let handle = handle.clone();
        use_effect_with((), move |_| {
            handle.follow(&current_hash());
            let on_hash: Closure<dyn FnMut()> =
                Closure::new(move || handle.follow(&current_hash()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    on_hash.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        on_hash.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    handle
}
