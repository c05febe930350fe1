//! One instance with its faults, thread count, processing time and subscription: crash, stop, restart, slow,
//! remove, threads ±, topics.

use crate::components::markup::{button, edit_box, raw, wrap};
use crate::dom;
use crate::format::{status_label, status_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::Processing;
use kplay_core::sim::{InstanceStatus, InstanceView};
use kplay_core::Command;
use yew::prelude::*;

/// An instance's row in a group's list (keyed by the instance id): `on_error` reports a rejected command (the
/// group card puts it in the chosen language). A plain function, not a component: the group panel passes a new
/// `on_error` at each render, so a component would re-render with it anyway, and each component type costs about
/// 1 KB of wasm.
pub fn instance_row(
    i18n: &I18n,
    sim: &SimHandle,
    i: &InstanceView,
    on_error: &Callback<String>,
) -> Html {
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
    // One callback shape for both text fields (one closure type less): `topics` picks the subscription,
    // else the processing time.
    let on_edit = |topics: bool| {
        let (sim, on_error, instance) = (sim.clone(), on_error.clone(), i.id.clone());
        Callback::from(move |e: Event| {
            let text = dom::typed(&e);
            let applied = if topics {
                let topics = parse::list(&text).into_iter().map(String::from).collect();
                sim.apply(Command::Subscribe {
                    instance: instance.clone(),
                    topics,
                })
                .map_err(|e| e.to_string())
            } else {
                parse::processing(&text, "processing").and_then(|processing_ms| {
                    sim.apply(Command::SetProcessing {
                        instance: instance.clone(),
                        processing_ms,
                    })
                    .map_err(|e| e.to_string())
                })
            };
            on_error.emit(applied.err().unwrap_or_default());
        })
    };
    let threads = i.threads;
    let running = matches!(i.status, InstanceStatus::Up | InstanceStatus::Slow);
    let slow = i.status == InstanceStatus::Slow;
    // One callback shape for every button: its [`command`] by number. (A boxed closure per button compiled
    // eight closures, their vtables and drops.)
    let send = |n: u8| {
        let (sim, on_error, id) = (sim.clone(), on_error.clone(), i.id.clone());
        let configured = configured.unwrap_or_default();
        Callback::from(
            move |_: MouseEvent| match sim.apply(command(n, &id, threads, configured)) {
                Ok(()) => on_error.emit(String::new()),
                Err(e) => on_error.emit(e.to_string()),
            },
        )
    };
    // (`key` names the button's text; `key_label` its aria-label (with the instance) and `key_title` its
    // title; the test id; whether it is enabled; its command.)
    let buttons = [
        ("build.instance.fewer", "threads-down", threads > 1, 0),
        ("build.instance.more", "threads-up", true, 1),
        ("build.instance.crash", "crash", running, 2),
        ("build.instance.stop", "stop", running, 3),
        ("build.instance.restart", "restart", !running, 4),
        // Undo: back to the configured processing time (SetProcessing ends the slowness).
        if slow {
            ("build.instance.unslow", "unslow", true, 5)
        } else {
            (
                "build.instance.slow",
                "slow",
                i.status == InstanceStatus::Up,
                6,
            )
        },
        ("build.instance.remove", "remove", true, 7),
    ];
    // The instance, as the parameter of every aria-label (one argument array).
    let id_arg: [(&str, &dyn std::fmt::Display); 1] = [("id", &i.id)];
    let buttons = buttons.iter().map(|(key, testid, enabled, n)| {
        button(
            "btn small", // i18n-ok: CSS classes
            None,        // i18n-ok: CSS classes
            Some(((*testid).to_owned() + "-" + &i.id).into()),
            Some(i18n.tf(&((*key).to_owned() + "_label"), &id_arg)),
            Some(i18n.t(&((*key).to_owned() + "_title"))),
            !enabled,
            send(*n),
            i18n.t(key),
        )
    });
    // The instance's name, status and threads: read-only, one string of markup, escaped (see [`raw`]).
    let mut spans = String::new();
    wrap(
        &mut spans,
        "<span class=\"instance-name\">",
        &i.id,
        "</span>",
    );
    wrap(
        &mut spans,
        "<span class=\"badge\">",
        &status_text(i18n, i.status),
        "</span>",
    );
    let threads = i18n.tn(
        "build.instance.threads",
        i.threads.into(),
        &[("listener", &i.listener)],
    );
    wrap(&mut spans, "<span class=\"muted\">", &threads, "</span>");
    html! {
        <li key={i.id.clone()} class={"instance-row status-".to_owned() + status_label(i.status)} data-testid="instance-row"
            data-instance={i.id.clone()}>
            { raw(spans) }
            { edit_box(i18n.t("build.instance.processing"), processing, on_edit(false), "6", "processing-".to_owned() + &i.id,
                       i18n.tf("build.instance.processing_label", &id_arg)) }
            { edit_box(i18n.t("build.instance.topics"), topics, on_edit(true), "10", "topics-".to_owned() + &i.id,
                       i18n.tf("build.instance.topics_label", &id_arg)) }
            <span class="row-actions">{ for buttons }            </span>
        </li>
    }
}

/// The command of a row's button `n` for instance `id` with `threads` threads, whose configured processing
/// time is `configured`.
fn command(n: u8, id: &str, threads: u32, configured: Processing) -> Command {
    let instance = id.to_string();
    match n {
        0 => Command::SetThreads {
            instance,
            threads: threads.saturating_sub(1),
        },
        1 => Command::SetThreads {
            instance,
            threads: threads + 1,
        },
        2 => Command::Crash { instance },
        3 => Command::Stop { instance },
        4 => Command::Restart { instance },
        5 => Command::SetProcessing {
            instance,
            processing_ms: configured,
        },
        6 => Command::Slow {
            instance,
            processing_ms: None,
        },
        _ => Command::RemoveInstance { instance },
    }
}
