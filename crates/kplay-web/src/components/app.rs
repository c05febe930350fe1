//! The root component: state, simulation, keyboard shortcuts and the page layout.

use crate::components::charts::Charts;
use crate::components::compare::{area_switch, compare_area};
use crate::components::controls::{controls, STEP_MS};
use crate::components::header::header;
use crate::components::help_dialog::help_dialog;
use crate::components::legend::legend;
use crate::components::markup::{button, flag, raw};
use crate::components::side_panel::SidePanel;
use crate::components::step_panel::StepPanel;
use crate::components::topology::use_topology;
use crate::components::warnings::Warnings;
use crate::hooks::use_form_state::{use_index, use_text};
use crate::hooks::use_lessons::{use_lessons, LessonHandle};
use crate::hooks::use_simulation::{use_simulation, SimHandle};
use crate::i18n::{self, I18n, Lang};
use crate::state::{Action, AppContext, State, Tab, Theme};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)"; // i18n-ok: a media query
const ESCAPE: &str = "Escape"; // i18n-ok: a key name

fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

thread_local! {
    /// `prefers-reduced-motion`, and whether the charts start open (only on viewports at least 1200 px tall, so
    /// the picture gets the screen first), as the page opened. One static: each costs its own lazy init.
    static MEDIA: (bool, bool) = (
        media("(prefers-reduced-motion: reduce)"), // i18n-ok: a media query
        media("(min-height: 1200px)"), // i18n-ok: a media query
    );
}

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::initial);
    // `?embed=1` (see `crate::embed`): the picture and compact controls, nothing stored, a way to the full app.
    let embed = crate::embed::current();
    let sim = use_simulation(state.speed(), state.paused);
    // Read once, at the first render (a thread-local rather than a memo hook: one hook type less).
    let (reduced_motion, charts_open) = MEDIA.with(|m| *m);
    let (i18n, lang_error, switch_lang) = use_language();
    // The help dialog's close button takes the focus when the dialog opens, so keyboard users land in it.
    let help_button = use_node_ref();
    {
        let button = help_button.clone();
        use_effect_with(state.help_open, move |open| {
            if *open {
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }

    // The picture's zoom (1 = fit to the box) and whether the side panel is folded away; both only restyle.
    // In percent (an integer: formatting a float would pull its formatter into the wasm).
    // Through the forms' shared state hooks: no state types of its own in the bundle (setting an equal value
    // re-renders the app, which it does every frame anyway).
    let zoom = use_index(100);
    // The picture's box, whose `--zoom` [`set_zoom`] sets.
    let stage = use_node_ref();
    // 1 when the side panel is folded away (a flag through `use_index`: no `bool` state type in the bundle); an
    // embed shows it only when it names a tab.
    let side_closed = use_index(usize::from(embed.as_ref().is_some_and(|e| e.tab.is_none())));
    // The side panel as the lessons want it: `Some(tab)` opens it on that tab (a bad lesson link on the list,
    // which says why; a step pointing into it on its tab), `None` folds it so the picture gets the width (a step
    // about the picture). Called once when a step opens: the learner's own choice afterwards stays.
    let show_side = {
        let (state, side_closed) = (state.clone(), side_closed.clone());
        Callback::from(move |tab: Option<Tab>| {
            side_closed.set(usize::from(tab.is_none()));
            if let Some(tab) = tab {
                state.dispatch(Action::SetTab(tab));
            }
        })
    };
    let lessons = use_lessons(sim.clone(), show_side);
    use_shortcuts(
        state.clone(),
        sim.clone(),
        switch_lang.clone(),
        lessons.clone(),
    );
    let in_lesson = lessons.with(|m| m.open.is_some());
    // Ctrl+wheel zooms; the plain wheel stays with the lanes (scrolling back through records).
    let on_wheel = {
        let (zoom, stage) = (zoom.clone(), stage.clone());
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() {
                e.prevent_default();
                set_zoom(&zoom, &stage, if e.delta_y() < 0.0 { 125 } else { 80 });
            }
        })
    };
    // Every button of the app: one closure shape for all (each distinct closure is a type with its own drop
    // glue and vtable in the bundle). `Some(action)` dispatches it; otherwise `f` = 1 folds the side panel and
    // any other `f` zooms to `f` % (see [`zoom_step`]).
    let click = |act: Option<Action>, f: usize| {
        let (state, zoom, side_closed, stage) = (
            state.clone(),
            zoom.clone(),
            side_closed.clone(),
            stage.clone(),
        );
        Callback::from(move |_: MouseEvent| match &act {
            Some(a) => state.dispatch(a.clone()),
            None if f == 1 => side_closed.set(usize::from(*side_closed == 0)),
            None => set_zoom(&zoom, &stage, f),
        })
    };
    let topology = use_topology(&sim, reduced_motion, &state, &i18n);
    // Dragging the picture's background pans it.
    let pan = crate::dom::drag_pan();
    // The Compare area (issue 12) replaces the workspace while it is shown; its last refused number's message.
    let in_compare = sim.with(|s| s.compare_open);
    let compare_error = use_text("");
    let side_label = i18n.t(if *side_closed != 0 {
        "stage.show_panels"
    } else {
        "stage.hide_panels"
    });
    let full = embed.is_none();
    html! {
            <div class={if full { "app" } else { "app embed" }} data-theme={state.theme.as_attr()} data-lang={i18n.lang().code()}>
                // An embed has no header; its page still needs a title for screen readers (one h1, as the full app).
                if !full { { raw(String::from("<header class=\"visually-hidden\"><h1>kplay</h1></header>")) } }
                if full { { header(&i18n, state.theme == Theme::Dark, click(Some(Action::ToggleTheme), 0), click(Some(Action::SetHelp(true)), 0), &switch_lang, lang_error, area_switch(&i18n, &sim, in_compare, &compare_error)) } }
                if embed.as_ref().is_none_or(|e| e.controls) { { controls(&i18n, &sim, &state) } }
                // A lesson's flow step shows its panel beside the Compare area.
                if in_compare && in_lesson { <div class="cmp-lesson"><StepPanel sim={sim.throttled()} i18n={i18n.clone()} lessons={lessons.clone()} />{ compare_area(&i18n, &sim, &compare_error) }</div> }
                else if in_compare { { compare_area(&i18n, &sim, &compare_error) } } else {
                <main class={String::from("workspace") + if *side_closed != 0 { " side-closed" } else { "" } + if in_lesson { " with-lesson" } else { "" }} aria-label={i18n.t("app.workspace")}>
                    <StepPanel sim={sim.throttled()} i18n={i18n.clone()} lessons={lessons.clone()} />
                    <section class="stage" aria-label={i18n.t("app.topology")}>
                        <Warnings sim={sim.throttled()} i18n={i18n.clone()} />
                        if full {
                        <div class="stage-tools" role="toolbar" aria-label={i18n.t("stage.picture")}>
                            { button("btn small", None, Some("zoom-out".into()), Some(i18n.t("stage.zoom_out")), Some(i18n.t("stage.zoom_out_title")), false, click(None, 80), "−".into()) } // i18n-ok: CSS classes
                            { button("btn small", None, Some("zoom-fit".into()), None, Some(i18n.t("stage.fit_title")), false, click(None, 0), i18n.t("stage.fit")) } // i18n-ok: CSS classes
                            { button("btn small", None, Some("zoom-in".into()), Some(i18n.t("stage.zoom_in")), Some(i18n.t("stage.zoom_in_title")), false, click(None, 125), "+".into()) } // i18n-ok: CSS classes
                            <button class="btn small side-toggle" data-testid="side-toggle" aria-controls="side-panel"
                                aria-expanded={flag(*side_closed == 0)} title={side_label.clone()} onclick={click(None, 1)}>{ side_label }</button>
                        </div>
                        }
                        <div class="stage-scroll" ref={stage.clone()} onwheel={on_wheel}
                            onpointerdown={pan.clone()} onpointermove={pan.clone()} onlostpointercapture={pan}>
                            { topology }
                        </div>
                        if full {
                        { legend(&i18n) }
                        <details class="charts-fold" data-testid="charts-fold" open={charts_open}>
                            <summary>{ i18n.t("stage.charts") }</summary>
                            <Charts sim={sim.throttled()} i18n={i18n.clone()} />
                        </details>
                        }
                    </section>
                    <SidePanel sim={sim.throttled()} ctx={state.clone()} i18n={i18n.clone()} lessons={lessons} />
                </main>
                }
                if state.help_open { { help_dialog(&i18n, click(Some(Action::SetHelp(false)), 0), help_button) } }
                if !full { { embed_bar(&i18n, &sim) } }
            </div>
    }
}

/// An embed's last line: the virtual clock and "open in kplay", a link to the full app with this scenario (built
/// when clicked: the `href` is set before the browser follows it).
fn embed_bar(i18n: &I18n, sim: &SimHandle) -> Html {
    let open = {
        let sim = sim.clone();
        Callback::from(move |ev: MouseEvent| {
            let fragment = sim.with(|s| crate::share::to_fragment(&s.scenario));
            let href = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            // Yew delegates events to its root, so the link is found from the event's target.
            if let Some(a) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a").ok().flatten())
            {
                let _ = a.set_attribute("href", &crate::embed::full_app_url(&href, &fragment));
            }
        })
    };
    html! {
        <footer class="embed-bar">
            { raw(String::from("<span class=\"clock\" data-testid=\"clock-embed\" data-ms=\"") + &sim.snapshot.now_ms.to_string() + "\">" + &crate::format::clock(sim.snapshot.now_ms) + "</span>") }
            <a class="open-full" data-testid="open-full" href="./" target="_blank" rel="noopener" title={i18n.t("embed.open_title")} onclick={open}>{ i18n.t("embed.open") }</a>
        </footer>
    }
}

/// The language shown, why the last switch failed (if it did), and the switch (`true`: remember the choice).
/// The page starts in the language `main` loaded before the first render (`?lang=`, the remembered choice or the
/// browser; English if that file could not be read); then [`use_shortcuts`]' mount effect (one effect type less
/// than one of its own) switches to that language once more without remembering it, so the header can say why if
/// that fails.
#[hook]
fn use_language() -> (I18n, Option<AttrValue>, Callback<(Lang, bool)>) {
    // The catalogue in a cell: no state type of its own in the bundle. Setting `error` (a `use_state`, which
    // re-renders on every set) after the cell changed shows the new language.
    let i18n = use_mut_ref(|| I18n::loaded(i18n::initial_lang()).unwrap_or_else(I18n::english));
    // Through the forms' shared text state (empty = no error): no state type of its own in the bundle.
    let error = use_text("");
    let switch = {
        let (i18n, error) = (i18n.clone(), error.clone());
        Callback::from(move |(lang, keep): (Lang, bool)| {
            let (i18n, error) = (i18n.clone(), error.clone());
            yew::platform::spawn_local(async move {
                match i18n::load(lang).await {
                    Ok(next) => {
                        i18n::mark_document(lang);
                        if keep {
                            i18n::remember(lang);
                        }
                        *i18n.borrow_mut() = next;
                        error.set(String::new());
                    }
                    Err(reason) => {
                        let i18n = i18n.borrow();
                        error.set(i18n.tf("header.lang_failed", &[("reason", &reason.text(&i18n))]))
                    }
                }
            });
        })
    };
    let error = (!error.is_empty()).then(|| AttrValue::from((*error).clone()));
    let i18n = i18n.borrow().clone();
    (i18n, error, switch)
}

/// Zooms the picture to `f` % (see [`zoom_step`]): the state, and `--zoom` on the picture's box (`stage`), which the
/// CSS sizes the picture by (100 until the first zoom). Set through the CSSOM, not a `style` attribute: the page's
/// Content-Security-Policy (`style-src 'self'`, docs/reliability.md) refuses those.
fn set_zoom(zoom: &UseStateHandle<usize>, stage: &NodeRef, f: usize) {
    let z = zoom_step(**zoom, f);
    zoom.set(z);
    if let Some(el) = stage.cast::<web_sys::HtmlElement>() {
        let _ = el.style().set_property("--zoom", &z.to_string());
    }
}

/// The next zoom, in percent: `f` % of `z`, between fit (100) and 800; `f` = 0 goes back to fit.
fn zoom_step(z: usize, f: usize) -> usize {
    (z * f / 100).clamp(100, 800)
}

/// Space, →, +/−, ? and Escape, on the whole window; ignored while typing in a form field. Its mount effect
/// also starts the world ([`SimHandle::start`]), applies the system's dark preference, then starts the language through `switch_lang` (see
/// [`use_language`]) and the lessons' following of the URL ([`LessonHandle::follow_hash`]): one effect type in
/// the bundle for all.
#[hook]
fn use_shortcuts(
    state: AppContext,
    sim: SimHandle,
    switch_lang: Callback<(Lang, bool)>,
    lessons: LessonHandle,
) {
    // The listener is installed once and reads the latest handles through these cells.
    let latest = use_mut_ref(|| (state.clone(), sim.clone()));
    *latest.borrow_mut() = (state, sim);
    use_effect_with((), move |_| {
        // The world's loop and hash listener first, as the simulation's own effect did before this one.
        let stop_sim = latest.borrow().1.start();
        // The system's dark preference first (as its own effect did before the shortcuts'), then the keys.
        // An embed's `theme` option wins over the system's preference.
        if media(DARK_QUERY) && crate::embed::current().is_none_or(|e| e.theme.is_none()) {
            latest.borrow().0.dispatch(Action::SetTheme(Theme::Dark));
        }
        let listener =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let (state, sim) = latest.borrow().clone();
                let handled = match e.key().as_str() {
                    " " => {
                        // Space on a focused button already clicks it.
                        let on_button = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|el| el.tag_name() == "BUTTON");
                        if on_button {
                            return;
                        }
                        state.dispatch(Action::TogglePause);
                        true
                    }
                    "ArrowRight" => {
                        state.dispatch(Action::Pause);
                        sim.step(STEP_MS);
                        true
                    }
                    "+" | "=" => {
                        state.dispatch(Action::Faster);
                        true
                    }
                    "-" | "_" => {
                        state.dispatch(Action::Slower);
                        true
                    }
                    "?" => {
                        state.dispatch(Action::SetHelp(true));
                        true
                    }
                    ESCAPE => {
                        state.dispatch(Action::SetHelp(false));
                        true
                    }
                    _ => false,
                };
                if handled {
                    e.prevent_default();
                }
            });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        // The language's start, as its own effect did after the shortcuts'.
        switch_lang.emit((i18n::initial_lang(), false));
        // The lessons' mount work, as their own effect did after this one.
        let stop_lessons = lessons.follow_hash();
        move || {
            stop_lessons();
            stop_sim();
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::zoom_step;

    #[test]
    fn zoom_stays_between_fit_and_eight_times_and_zero_means_fit() {
        assert_eq!(zoom_step(100, 125), 125);
        assert_eq!(zoom_step(100, 80), 100, "never smaller than fit");
        assert_eq!(zoom_step(700, 125), 800);
        assert_eq!(zoom_step(400, 0), 100);
    }
}
