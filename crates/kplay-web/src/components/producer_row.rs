//! One running producer: its rate (editable), pause/resume and remove.

use crate::dom;
use crate::format::thousands;
use crate::hooks::use_simulation::SimHandle;
use crate::parse;
use kplay_core::sim::ProducerView;
use kplay_core::Command;
use yew::prelude::*;

/// A running producer's row (keyed by its id): `on_error` reports a refused command or field ("" when the last
/// one was accepted). A plain function, not a component: the list passes a new `on_error` at each render, so a
/// component would re-render with it anyway, and each component type costs about 1 KB of wasm.
pub fn producer_row(sim: &SimHandle, p: &ProducerView, on_error: &Callback<String>) -> Html {
    let send = |make: fn(String) -> Command| {
        let (sim, on_error, id) = (sim.clone(), on_error.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            on_error.emit(
                sim.apply(make(id.clone()))
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            )
        })
    };
    let on_rate = {
        let (sim, on_error, id) = (sim.clone(), on_error.clone(), p.id.clone());
        Callback::from(move |e: Event| {
            let text = dom::typed(&e);
            let applied = parse::whole(&text, "rate_per_s", 0, 10_000_000).and_then(|rate_per_s| {
                sim.apply(Command::SetRate {
                    producer: id.clone(),
                    rate_per_s,
                })
                .map_err(|e| e.to_string())
            });
            on_error.emit(applied.err().unwrap_or_default());
        })
    };
    let (toggle_label, toggle) = if p.paused {
        (
            "Resume",
            send(|producer| Command::ResumeProducer { producer }),
        )
    } else {
        (
            "Pause",
            send(|producer| Command::PauseProducer { producer }),
        )
    };
    html! {
        <li key={p.id.clone()} class={if p.paused { "instance-row status-stopped" } else { "instance-row" }} data-testid="producer-row" data-producer={p.id.clone()}>
            <span class="instance-name">{ &p.id }</span>
            <span class="muted">{ format!("→ {} · {} sent", p.topic, thousands(p.produced)) }</span>
            if p.paused { <span class="badge">{ "paused" }</span> }
            <label class="processing-edit">
                <span>{ "rec/s" }</span>
                <input value={p.rate_per_s.to_string()} onchange={on_rate} size="7" data-testid={format!("rate-{}", p.id)}
                       aria-label={format!("Records per second of {}: 0 to 10,000,000", p.id)} />
            </label>
            <span class="row-actions">
                <button class="btn small" data-testid={format!("pause-{}", p.id)} onclick={toggle}
                        aria-label={format!("{toggle_label} {}", p.id)}>{ toggle_label }</button>
                <button class="btn small" data-testid={format!("remove-producer-{}", p.id)}
                        onclick={send(|producer| Command::RemoveProducer { producer })}
                        aria-label={format!("Remove {} (its open batches are sent first)", p.id)}>{ "Remove" }</button>
            </span>
        </li>
    }
}
