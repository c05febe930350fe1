//! Play/pause, step, speed and reset, plus the clock and running totals.

use crate::components::markup::{button, raw, wrap};
use crate::format::{clock, totals_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::state::{Action, AppContext, SPEED_LABELS};
use yew::prelude::*;

/// Virtual time one press of "step" advances.
pub const STEP_MS: u64 = 100;
/// What a control button does after (step) or before (reset) its action; see [`controls`].
const STEP: u8 = 1;
const RESET: u8 = 2;

/// The control bar; `ctx` is the app's state. A plain function, not a component: it shows the clock, so it
/// re-rendered with every frame anyway, and each component type costs about 1 KB of wasm.
pub fn controls(i18n: &I18n, sim: &SimHandle, ctx: &AppContext) -> Html {
    // Every button: one closure shape (each distinct closure is a type in the bundle). `then` runs `a` with the
    // simulation: `STEP` dispatches then steps, `RESET` resets then dispatches, anything else only dispatches.
    let act = |a: Action, then: u8| {
        let (ctx, sim) = (ctx.clone(), sim.clone());
        Callback::from(move |_: MouseEvent| {
            if then == RESET {
                // A first click that would lose the learner's live actions only arms the button.
                if !sim.arm(0) {
                    return;
                }
                sim.reset();
            }
            ctx.dispatch(a.clone());
            if then == STEP {
                sim.step(STEP_MS);
            }
        })
    };
    let on_speed = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            ctx.dispatch(Action::SetSpeedIndex(v.parse().unwrap_or(3)));
        })
    };
    let totals = &sim.snapshot.totals;
    // The Compare area's clock while it is shown (the playground's totals then stay hidden).
    let (now, comparing, armed) = sim.with(|s| (s.now_ms(), s.compare_open, s.armed == Some(0)));
    let t = |key: &str| i18n.t(key);
    let play_label = t(if ctx.paused {
        "controls.play_label"
    } else {
        "controls.pause_label"
    });
    // The clock and the totals only read: one string of markup, escaped (see [`raw`]).
    let mut readout = String::new();
    wrap(
        &mut readout,
        "<span class=\"clock\" data-testid=\"clock\" aria-label=\"",
        &t("controls.clock"),
        "\" data-ms=\"",
    );
    wrap(&mut readout, "", &now.to_string(), "\">");
    wrap(&mut readout, "", &clock(now), "</span>");
    if !comparing {
        let totals = totals_text(i18n, totals, sim.snapshot.groups.len());
        wrap(
            &mut readout,
            "<span class=\"totals\" aria-live=\"off\">",
            &totals,
            "</span>",
        );
    }
    html! {
        // A named section, so a landmark holds it (axe `region`): a toolbar role is no landmark.
        <section class="controls" aria-label={t("controls.label")}>
            { button("btn primary", Some(!ctx.paused), Some("play".into()), Some(play_label.clone()), Some(play_label), false, // i18n-ok: CSS classes
                    act(Action::TogglePause, 0), t(if ctx.paused { "controls.play" } else { "controls.pause" })) } // i18n-ok: CSS classes
            { button("btn", None, Some("step".into()), Some(t("controls.step_label")), Some(t("controls.step_title")), false,
                    act(Action::Pause, STEP), t("controls.step")) }
            { button("btn", None, None, Some(t("controls.slower_label")), Some(t("controls.slower_title")), false, act(Action::Slower, 0), "−".into()) }
            <label class="speed">
                <span class="visually-hidden">{ t("controls.speed") }</span>
                <select data-testid="speed" aria-label={t("controls.speed")} onchange={on_speed}>
                    { for SPEED_LABELS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == ctx.speed_index}>{ *s }</option>
                    }) }
                </select>
            </label>
            { button("btn", None, None, Some(t("controls.faster_label")), Some(t("controls.faster_title")), false, act(Action::Faster, 0), "+".into()) }
            { button("btn", None, Some("reset".into()), Some(t(if armed { "confirm.reset" } else { "controls.reset_label" })), Some(t("controls.reset_title")), false,
                    act(Action::Select(crate::state::Selection::None), RESET), t(if armed { "confirm.reset" } else { "controls.reset" })) }
            { raw(readout) }
        </section>
    }
}
