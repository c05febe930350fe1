//! One instance with its faults, thread count, processing time and subscription: crash, stop, restart, slow,
//! remove, threads ±, topics.

use crate::dom;
use crate::format::{status_label, status_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::use_i18n;
use crate::parse;
use kplay_core::sim::{InstanceStatus, InstanceView};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`InstanceRow`].
#[derive(Properties, PartialEq)]
pub struct InstanceRowProps {
    /// The simulation.
    pub sim: SimHandle,
    /// The instance.
    pub instance: InstanceView,
    /// Reports a rejected command.
    pub on_error: Callback<String>,
}

/// An instance's row.
#[component]
pub fn InstanceRow(props: &InstanceRowProps) -> Html {
    let i = &props.instance;
    let i18n = use_i18n();
    // Problems go to the group card already in the chosen language.
    let on_error = {
        let (on_error, i18n) = (props.on_error.clone(), i18n.clone());
        Callback::from(move |e: String| on_error.emit(translate_problem(&i18n, &e)))
    };
    let send = |make: Box<dyn Fn() -> Command>| {
        let (sim, on_error) = (props.sim.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| match sim.apply(make()) {
            Ok(()) => on_error.emit(String::new()),
            Err(e) => on_error.emit(e.to_string()),
        })
    };
    let (configured, processing, topics) = props.sim.with(|s| {
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
        let (sim, on_error, instance) = (props.sim.clone(), on_error.clone(), i.id.clone());
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
        let (sim, on_error, instance) = (props.sim.clone(), on_error.clone(), i.id.clone());
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
    // `key` names the button's text; `key_label` its aria-label (with the instance) and `key_title` its title.
    let b = |key: &str, testid: &str, cb: Callback<MouseEvent>, enabled: bool| {
        html! {
            <button class="btn small" aria-label={i18n.tf(&format!("{key}_label"), &[("id", &i.id)])}
                    title={i18n.t(&format!("{key}_title"))}
                    data-testid={format!("{testid}-{}", i.id)} disabled={!enabled} onclick={cb}>{ i18n.t(key) }</button>
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
        <li class={format!("instance-row status-{}", status_label(i.status))} data-testid="instance-row"
            data-instance={i.id.clone()}>
            <span class="instance-name">{ &i.id }</span>
            <span class="badge">{ status_text(&i18n, i.status) }</span>
            <span class="muted">{ i18n.tn("build.instance.threads", i.threads.into(), &[("listener", &i.listener)]) }</span>
            <label class="processing-edit">
                <span>{ i18n.t("build.instance.processing") }</span>
                <input value={processing} onchange={on_processing} size="6" data-testid={format!("processing-{}", i.id)}
                       aria-label={i18n.tf("build.instance.processing_label", &[("id", &i.id)])} />
            </label>
            <label class="processing-edit">
                <span>{ i18n.t("build.instance.topics") }</span>
                <input value={topics} onchange={on_topics} size="10" data-testid={format!("topics-{}", i.id)}
                       aria-label={i18n.tf("build.instance.topics_label", &[("id", &i.id)])} />
            </label>
            <span class="row-actions">
                { b("build.instance.fewer", "threads-down",
                    send(Box::new(move || Command::SetThreads { instance: a.clone(), threads: threads.saturating_sub(1) })), threads > 1) }
                { b("build.instance.more", "threads-up",
                    send(Box::new(move || Command::SetThreads { instance: b2.clone(), threads: threads + 1 })), true) }
                { b("build.instance.crash", "crash",
                    send(Box::new(move || Command::Crash { instance: c.clone() })), running) }
                { b("build.instance.stop", "stop",
                    send(Box::new(move || Command::Stop { instance: d.clone() })), running) }
                { b("build.instance.restart", "restart",
                    send(Box::new(move || Command::Restart { instance: e.clone() })), !running) }
                if i.status == InstanceStatus::Slow {
                    // Undo: back to the configured processing time (SetProcessing ends the slowness).
                    { b("build.instance.unslow", "unslow",
                        send(Box::new(move || Command::SetProcessing { instance: h.clone(), processing_ms: configured.unwrap_or_default() })), true) }
                } else {
                    { b("build.instance.slow", "slow",
                        send(Box::new(move || Command::Slow { instance: f.clone(), processing_ms: None })), i.status == InstanceStatus::Up) }
                }
                { b("build.instance.remove", "remove",
                    send(Box::new(move || Command::RemoveInstance { instance: g.clone() })), true) }
            </span>
        </li>
    }
}
