//! One running producer: its rate (editable), pause/resume and remove.

use crate::components::markup::{button, edit_box, raw, wrap};
use crate::dom;
use crate::format::thousands;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::MAX_RATE_PER_S;
use kplay_core::sim::ProducerView;
use kplay_core::Command;
use yew::prelude::*;

/// A running producer's row (keyed by its id): `on_error` reports a refused command or field ("" when the last
/// one was accepted). A plain function, not a component: the list passes a new `on_error` at each render, so a
/// component would re-render with it anyway, and each component type costs about 1 KB of wasm.
pub fn producer_row(
    i18n: &I18n,
    sim: &SimHandle,
    p: &ProducerView,
    on_error: &Callback<String>,
) -> Html {
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
            let applied =
                parse::whole(&text, "rate_per_s", 0, MAX_RATE_PER_S).and_then(|rate_per_s| {
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
            "build.producer.resume",
            send(|producer| Command::ResumeProducer { producer }),
        )
    } else {
        (
            "build.producer.pause",
            send(|producer| Command::PauseProducer { producer }),
        )
    };
    let id = &p.id;
    // The producer's name, count and pause badge: read-only, one string of markup, escaped (see [`raw`]).
    let mut spans = String::new();
    wrap(&mut spans, "<span class=\"instance-name\">", id, "</span>");
    let sent = i18n.tf(
        "build.producer.sent",
        &[("topic", &p.topic), ("sent", &thousands(p.produced))],
    );
    wrap(&mut spans, "<span class=\"muted\">", &sent, "</span>");
    if p.paused {
        wrap(
            &mut spans,
            "<span class=\"badge\">",
            &i18n.t("build.producer.paused"),
            "</span>",
        );
    }
    html! {
        <li key={p.id.clone()} class={if p.paused { "instance-row status-stopped" } else { "instance-row" }} data-testid="producer-row" data-producer={p.id.clone()}>
            { raw(spans) }
            { edit_box(i18n.t("build.producer.rate"), p.rate_per_s.to_string(), on_rate, "7", format!("rate-{}", p.id),
                       i18n.tf("build.producer.rate_label", &[("id", id)])) }
            <span class="row-actions">
                { button("btn small", None, Some(format!("pause-{}", p.id).into()), Some(i18n.tf(&format!("{toggle_label}_label"), &[("id", id)])), // i18n-ok: CSS classes
                    None, false, toggle, i18n.t(toggle_label)) }
                { button("btn small", None, Some(format!("remove-producer-{}", p.id).into()), Some(i18n.tf("build.producer.remove_label", &[("id", id)])), // i18n-ok: CSS classes
                    None, false, send(|producer| Command::RemoveProducer { producer }), i18n.t("build.producer.remove")) }
            </span>
        </li>
    }
}
