//! The root component: state, simulation, keyboard shortcuts and the page layout.

use crate::components::charts::Charts;
use crate::components::controls::{Controls, STEP_MS};
use crate::components::header::Header;
use crate::components::help_dialog::HelpDialog;
use crate::components::legend::Legend;
use crate::components::side_panel::SidePanel;
use crate::components::topology::Topology;
use crate::components::warnings::Warnings;
use crate::hooks::use_drag_pan::use_drag_pan;
use crate::hooks::use_simulation::{use_simulation, SimHandle};
use crate::i18n::{self, I18n, Lang};
use crate::state::{Action, AppContext, State, Theme};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)"; // i18n-ok: a media query
const ESCAPE: &str = "Escape"; // i18n-ok: a key name

fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let sim = use_simulation(state.speed(), state.paused);
    let reduced_motion = use_memo((), |_| media("(prefers-reduced-motion: reduce)")); // i18n-ok: a media query
                                                                                      // The charts start folded on viewports under 1200 px tall, so the picture gets the screen first.
    let charts_open = use_memo((), |_| media("(min-height: 1200px)")); // i18n-ok: a media query
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if media(DARK_QUERY) {
                state.dispatch(Action::SetTheme(Theme::Dark));
            }
        });
    }
    use_shortcuts(state.clone(), sim.clone());
    let (i18n, lang_error, on_set_lang) = use_language();

    let on_toggle_theme = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::ToggleTheme))
    };
    let on_help = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::SetHelp(true)))
    };
    let on_close_help = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::SetHelp(false)))
    };
    // The picture's zoom (1 = fit to the box) and whether the side panel is folded away; both only restyle.
    // In percent (an integer: formatting a float would pull its formatter into the wasm).
    let zoom = use_state_eq(|| 100u32);
    let side_closed = use_state_eq(|| false);
    let zoom_by = |f: u32| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(zoom_step(*zoom, f)))
    };
    // Ctrl+wheel zooms; the plain wheel stays with the lanes (scrolling back through records).
    let on_wheel = {
        let zoom = zoom.clone();
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() {
                e.prevent_default();
                zoom.set(zoom_step(*zoom, if e.delta_y() < 0.0 { 125 } else { 80 }));
            }
        })
    };
    let stage = use_node_ref();
    let pan = use_drag_pan(stage.clone());
    let toggle_side = {
        let side_closed = side_closed.clone();
        Callback::from(move |_: MouseEvent| side_closed.set(!*side_closed))
    };
    let side_label = i18n.t(if *side_closed {
        "stage.show_panels"
    } else {
        "stage.hide_panels"
    });
    html! {
        <ContextProvider<I18n> context={i18n.clone()}>
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="app" data-theme={state.theme.as_attr()} data-lang={i18n.lang().code()}>
                <Header dark={state.theme == Theme::Dark} {on_toggle_theme} {on_help} {on_set_lang} lang_error={lang_error} />
                <Controls sim={sim.clone()} />
                <main class={if *side_closed { "workspace side-closed" } else { "workspace" }} aria-label={i18n.t("app.workspace")}>
                    <section class="stage" aria-label={i18n.t("app.topology")}>
                        <Warnings sim={sim.throttled()} />
                        <div class="stage-tools" role="toolbar" aria-label={i18n.t("stage.picture")}>
                            <button class="btn small" data-testid="zoom-out" aria-label={i18n.t("stage.zoom_out")} title={i18n.t("stage.zoom_out_title")} onclick={zoom_by(80)}>{ "−" }</button>
                            <button class="btn small" data-testid="zoom-fit" title={i18n.t("stage.fit_title")} onclick={zoom_by(0)}>{ i18n.t("stage.fit") }</button>
                            <button class="btn small" data-testid="zoom-in" aria-label={i18n.t("stage.zoom_in")} title={i18n.t("stage.zoom_in_title")} onclick={zoom_by(125)}>{ "+" }</button>
                            <button class="btn small side-toggle" data-testid="side-toggle" aria-controls="side-panel"
                                aria-expanded={(!*side_closed).to_string()} title={side_label.clone()} onclick={toggle_side}>{ side_label }</button>
                        </div>
                        <div class="stage-scroll" ref={stage} style={format!("--zoom:{}", *zoom)} onwheel={on_wheel}
                            onpointerdown={pan.pointer.clone()} onpointermove={pan.pointer.clone()}
                            onpointerup={pan.pointer.clone()} onpointercancel={pan.pointer} onmousedown={pan.mouse}>
                            <Topology sim={sim.clone()} reduced_motion={*reduced_motion} />
                        </div>
                        <Legend />
                        <details class="charts-fold" data-testid="charts-fold" open={*charts_open}>
                            <summary>{ i18n.t("stage.charts") }</summary>
                            <Charts sim={sim.throttled()} />
                        </details>
                    </section>
                    <SidePanel sim={sim.throttled()} />
                </main>
                if state.help_open { <HelpDialog on_close={on_close_help} /> }
            </div>
        </ContextProvider<AppContext>>
        </ContextProvider<I18n>>
    }
}

/// The language shown, why the last switch failed (if it did), and the switch. Starts in English, then moves
/// to the language of `?lang=`, the remembered choice or the browser once its catalogue is there.
#[hook]
fn use_language() -> (I18n, Option<AttrValue>, Callback<Lang>) {
    let i18n = use_state_eq(I18n::english);
    let error = use_state_eq(|| None::<AttrValue>);
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
                        error.set(None);
                        i18n.set(next);
                    }
                    Err(reason) => error.set(Some(
                        i18n.tf("header.lang_failed", &[("reason", &reason)]).into(),
                    )),
                }
            });
        })
    };
    {
        let switch = switch.clone();
        use_effect_with((), move |_| switch.emit((i18n::initial_lang(), false)));
    }
    let on_set_lang = switch.reform(|lang| (lang, true));
    ((*i18n).clone(), (*error).clone(), on_set_lang)
}

/// The next zoom, in percent: `f` % of `z`, between fit (100) and 800; `f` = 0 goes back to fit.
fn zoom_step(z: u32, f: u32) -> u32 {
    (z * f / 100).clamp(100, 800)
}

/// Space, →, +/−, ? and Escape, on the whole window; ignored while typing in a form field.
#[hook]
fn use_shortcuts(state: AppContext, sim: SimHandle) {
    // The listener is installed once and reads the latest handles through these cells.
    let latest = use_mut_ref(|| (state.clone(), sim.clone()));
    *latest.borrow_mut() = (state, sim);
    use_effect_with((), move |_| {
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
        move || {
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
