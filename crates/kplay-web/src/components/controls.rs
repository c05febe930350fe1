//! Play/pause, step, speed and reset, plus the clock and running totals.

use crate::format::{clock, totals_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::use_i18n;
use crate::state::{Action, AppContext, SPEED_LABELS};
use yew::prelude::*;

/// Virtual time one press of "step" advances.
pub const STEP_MS: u64 = 100;

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The control bar.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let i18n = use_i18n();
    let Some(ctx) = use_context::<AppContext>() else {
        return html! {};
    };
    let act = |a: Action| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(a.clone()))
    };
    let on_step = {
        let (ctx, sim) = (ctx.clone(), props.sim.clone());
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Pause);
            sim.step(STEP_MS);
        })
    };
    let on_reset = {
        let (ctx, sim) = (ctx.clone(), props.sim.clone());
        Callback::from(move |_: MouseEvent| {
            sim.reset();
            ctx.dispatch(Action::Select(crate::state::Selection::None));
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
    let totals = &props.sim.snapshot.totals;
    let t = |key: &str| i18n.t(key);
    let play_label = t(if ctx.paused {
        "controls.play_label"
    } else {
        "controls.pause_label"
    });
    html! {
        <div class="controls" role="toolbar" aria-label={t("controls.label")}>
            <button class="btn primary" data-testid="play" aria-label={play_label.clone()} title={play_label}
                    aria-pressed={(!ctx.paused).to_string()} onclick={act(Action::TogglePause)}>
                { t(if ctx.paused { "controls.play" } else { "controls.pause" }) }
            </button>
            <button class="btn" data-testid="step" aria-label={t("controls.step_label")} title={t("controls.step_title")}
                    onclick={on_step}>{ t("controls.step") }</button>
            <button class="btn" aria-label={t("controls.slower_label")} title={t("controls.slower_title")} onclick={act(Action::Slower)}>{ "−" }</button>
            <label class="speed">
                <span class="visually-hidden">{ t("controls.speed") }</span>
                <select data-testid="speed" aria-label={t("controls.speed")} onchange={on_speed}>
                    { for SPEED_LABELS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == ctx.speed_index}>{ *s }</option>
                    }) }
                </select>
            </label>
            <button class="btn" aria-label={t("controls.faster_label")} title={t("controls.faster_title")} onclick={act(Action::Faster)}>{ "+" }</button>
            <button class="btn" data-testid="reset" aria-label={t("controls.reset_label")} title={t("controls.reset_title")}
                    onclick={on_reset}>{ t("controls.reset") }</button>
            <span class="clock" data-testid="clock" aria-label={t("controls.clock")} data-ms={props.sim.snapshot.now_ms.to_string()}>
                { clock(props.sim.snapshot.now_ms) }
            </span>
            <span class="totals" aria-live="off">
                { totals_text(&i18n, totals, props.sim.snapshot.groups.len()) }
            </span>
        </div>
    }
}
