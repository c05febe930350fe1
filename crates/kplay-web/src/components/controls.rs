//! Play/pause, step, speed and reset, plus the clock and running totals.

use crate::format::{clock, totals_text};
use crate::hooks::use_simulation::SimHandle;
use crate::state::{Action, AppContext, SPEED_LABELS};
use yew::prelude::*;

/// Virtual time one press of "step" advances.
pub const STEP_MS: u64 = 100;

/// The control bar; `ctx` is the app's state. A plain function, not a component: it shows the clock, so it
/// re-rendered with every frame anyway, and each component type costs about 1 KB of wasm.
pub fn controls(sim: &SimHandle, ctx: &AppContext) -> Html {
    let act = |a: Action| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(a.clone()))
    };
    let on_step = {
        let (ctx, sim) = (ctx.clone(), sim.clone());
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Pause);
            sim.step(STEP_MS);
        })
    };
    let on_reset = {
        let (ctx, sim) = (ctx.clone(), sim.clone());
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
    let t = &sim.snapshot.totals;
    let play_label = if ctx.paused {
        "Play (space)"
    } else {
        "Pause (space)"
    };
    html! {
        <div class="controls" role="toolbar" aria-label="Simulation controls">
            <button class="btn primary" data-testid="play" aria-label={play_label} title={play_label}
                    aria-pressed={(!ctx.paused).to_string()} onclick={act(Action::TogglePause)}>
                { if ctx.paused { "▶ Play" } else { "❚❚ Pause" } }
            </button>
            <button class="btn" data-testid="step" aria-label="Step 100 ms (right arrow)" title="Step 100 ms (→)"
                    onclick={on_step}>{ "Step +100 ms" }</button>
            <button class="btn" aria-label="Slower (minus)" title="Slower (−)" onclick={act(Action::Slower)}>{ "−" }</button>
            <label class="speed">
                <span class="visually-hidden">{ "Speed" }</span>
                <select data-testid="speed" aria-label="Speed" onchange={on_speed}>
                    { for SPEED_LABELS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == ctx.speed_index}>{ *s }</option>
                    }) }
                </select>
            </label>
            <button class="btn" aria-label="Faster (plus)" title="Faster (+)" onclick={act(Action::Faster)}>{ "+" }</button>
            <button class="btn" data-testid="reset" aria-label="Reset to time 0 with this topology" title="Reset"
                    onclick={on_reset}>{ "↺ Reset" }</button>
            <span class="clock" data-testid="clock" aria-label="Virtual time" data-ms={sim.snapshot.now_ms.to_string()}>
                { clock(sim.snapshot.now_ms) }
            </span>
            <span class="totals" aria-live="off">
                { totals_text(t, sim.snapshot.groups.len()) }
            </span>
        </div>
    }
}
