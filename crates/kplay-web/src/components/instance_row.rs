//! One instance with its faults, thread count, processing time and subscription: crash, stop, restart, slow,
//! remove, threads ±, topics.

use crate::dom;
use crate::format::status_label;
use crate::hooks::use_simulation::SimHandle;
use crate::parse;
use kplay_core::sim::{InstanceStatus, InstanceView};
use kplay_core::Command;
use yew::prelude::*;

/// An instance's row in a group's list (keyed by the instance id): `on_error` reports a rejected command. A
/// plain function, not a component: the group panel passes a new `on_error` at each render, so a component
/// would re-render with it anyway, and each component type costs about 1 KB of wasm.
pub fn instance_row(sim: &SimHandle, i: &InstanceView, on_error: &Callback<String>) -> Html {
    let send = |make: Box<dyn Fn() -> Command>| {
        let (sim, on_error) = (sim.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| match sim.apply(make()) {
            Ok(()) => on_error.emit(String::new()),
            Err(e) => on_error.emit(e.to_string()),
        })
    };
    let (configured, processing, topics) = sim.with(|s| {
        s.scenario
            .group_of_instance(&i.id)
            .and_then(|g| {
                let g = &s.scenario.groups[g];
                let x = g.instances.iter().find(|x| x.id == i.id)?;
                Some((
                    Some(x.processing_ms),
                    parse::processing_text(x.processing_ms),
                    x.topics.as_ref().unwrap_or(&g.topics).join(", "),
                ))
            })
            .unwrap_or_default()
    });
    let on_topics = {
        let (sim, on_error, instance) = (sim.clone(), on_error.clone(), i.id.clone());
        Callback::from(move |e: Event| {
            let topics = parse::list(&dom::typed(&e))
                .into_iter()
                .map(String::from)
                .collect();
            let r = sim.apply(Command::Subscribe {
                instance: instance.clone(),
                topics,
            });
            on_error.emit(r.err().map(|e| e.to_string()).unwrap_or_default());
        })
    };
    let on_processing = {
        let (sim, on_error, instance) = (sim.clone(), on_error.clone(), i.id.clone());
        Callback::from(move |e: Event| {
            let text = dom::typed(&e);
            let applied = parse::processing(&text, "processing").and_then(|processing_ms| {
                sim.apply(Command::SetProcessing {
                    instance: instance.clone(),
                    processing_ms,
                })
                .map_err(|e| e.to_string())
            });
            on_error.emit(applied.err().unwrap_or_default());
        })
    };
    let id = i.id.clone();
    let threads = i.threads;
    let running = matches!(i.status, InstanceStatus::Up | InstanceStatus::Slow);
    let b = |label: &str, what: &str, testid: &str, cb: Callback<MouseEvent>, enabled: bool| {
        html! {
            <button class="btn small" aria-label={format!("{what} {}", i.id)} title={what.to_string()}
                    data-testid={format!("{testid}-{}", i.id)} disabled={!enabled} onclick={cb}>{ label.to_string() }</button>
        }
    };
    let (a, b2, c, d, e, f, g, h) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id,
    );
    html! {
        <li key={i.id.clone()} class={format!("instance-row status-{}", status_label(i.status))} data-testid="instance-row"
            data-instance={i.id.clone()}>
            <span class="instance-name">{ &i.id }</span>
            <span class="badge">{ status_label(i.status) }</span>
            <span class="muted">{ format!("{} · {} thread{}", i.listener, i.threads, if i.threads == 1 { "" } else { "s" }) }</span>
            <label class="processing-edit">
                <span>{ "ms/record" }</span>
                <input value={processing} onchange={on_processing} size="6" data-testid={format!("processing-{}", i.id)}
                       aria-label={format!("Processing time per record of {}: 20, or a range like 5-50", i.id)} />
            </label>
            <label class="processing-edit">
                <span>{ "topics" }</span>
                <input value={topics} onchange={on_topics} size="10" data-testid={format!("topics-{}", i.id)}
                       aria-label={format!("Topics {} subscribes to (comma-separated); a change makes it rejoin", i.id)} />
            </label>
            <span class="row-actions">
                { b("−", "One thread fewer on", "threads-down",
                    send(Box::new(move || Command::SetThreads { instance: a.clone(), threads: threads.saturating_sub(1) })), threads > 1) }
                { b("+", "One thread more on", "threads-up",
                    send(Box::new(move || Command::SetThreads { instance: b2.clone(), threads: threads + 1 })), true) }
                { b("Crash", "Crash (kill, no commit, no LeaveGroup)", "crash",
                    send(Box::new(move || Command::Crash { instance: c.clone() })), running) }
                { b("Stop", "Stop gracefully (commit, LeaveGroup)", "stop",
                    send(Box::new(move || Command::Stop { instance: d.clone() })), running) }
                { b("Restart", "Restart", "restart",
                    send(Box::new(move || Command::Restart { instance: e.clone() })), !running) }
                if i.status == InstanceStatus::Slow {
                    // Undo: back to the configured processing time (SetProcessing ends the slowness).
                    { b("Normal speed", "Undo Slow (back to the configured processing time) on", "unslow",
                        send(Box::new(move || Command::SetProcessing { instance: h.clone(), processing_ms: configured.unwrap_or_default() })), true) }
                } else {
                    { b("Slow", "Slow down processing past max.poll.interval.ms", "slow",
                        send(Box::new(move || Command::Slow { instance: f.clone(), processing_ms: None })), i.status == InstanceStatus::Up) }
                }
                { b("Remove", "Remove instance", "remove",
                    send(Box::new(move || Command::RemoveInstance { instance: g.clone() })), true) }
            </span>
        </li>
    }
}
