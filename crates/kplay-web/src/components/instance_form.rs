//! Add an instance to a group: its listener class, thread count, processing time per record, optional static
//! membership (`group.instance.id`) and an optional hand-off to a worker thread (`handoff_queue`).

use crate::components::field::Words::{Key, Name, Nothing, UpTo};
use crate::components::field::{fields, Spec};
use crate::components::markup::{alert, submit_button};
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::{InstanceSpec, MAX_THREADS};
use kplay_core::Command;
use std::rc::Rc;
use yew::prelude::*;

/// The add-instance form's fields, held by the group card (one form per card, so the same lifetime).
pub struct InstanceFormState {
    threads: UseStateHandle<String>,
    listener: UseStateHandle<String>,
    processing: UseStateHandle<String>,
    static_id: UseStateHandle<String>,
    handoff: UseStateHandle<String>,
    error: UseStateHandle<String>,
}

/// The form's state; `listener` (the group's class) is the suggested listener, read on the first render only. Shared
/// (`Rc`): the submit handler holds one `Rc` instead of a clone of each handle.
#[hook]
pub fn use_instance_form(listener: &str) -> Rc<InstanceFormState> {
    Rc::new(InstanceFormState {
        threads: use_text("1"),
        listener: use_text(listener),
        processing: use_text("0"),
        static_id: use_text(""),
        handoff: use_text(""),
        error: use_text(""),
    })
}

/// The add-instance form of `group`, suggesting the id `<group>-<next_index>`. A plain function over state the
/// group card holds, not a component: it re-rendered with the card anyway, and each component type costs about
/// 1 KB of wasm.
pub fn instance_form(
    i18n: &I18n,
    sim: &SimHandle,
    group: &str,
    next_index: usize,
    state: &Rc<InstanceFormState>,
) -> Html {
    let on_submit = {
        let (sim, state) = (sim.clone(), state.clone());
        let (group, id) = (group.to_string(), format!("{group}-{next_index}"));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let InstanceFormState {
                threads,
                listener,
                processing,
                static_id,
                handoff,
                error,
            } = &*state;
            let instance = (|| -> Result<InstanceSpec, String> {
                let mut i = InstanceSpec::new(
                    &id,
                    listener.trim(),
                    parse::count(threads, "threads", MAX_THREADS)?,
                );
                i.processing_ms = parse::processing(processing, "processing")?;
                let static_id = static_id.trim();
                i.static_id = (!static_id.is_empty()).then(|| static_id.to_string());
                i.handoff_queue = match handoff.trim() {
                    "" => None,
                    q => Some(parse::whole(q, parse::HANDOFF_FIELD, 1, 100_000)?),
                };
                Ok(i)
            })();
            let instance = match instance {
                Ok(i) => i,
                Err(m) => return error.set(m),
            };
            match sim.apply(Command::AddInstance {
                group: group.clone(),
                instance,
            }) {
                Ok(()) => error.set(String::new()),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let InstanceFormState {
        threads,
        listener,
        processing,
        static_id,
        handoff,
        error,
    } = &**state;
    let base = "add-instance-".to_owned() + group;
    let t = |key: &str| i18n.t(key);
    html! {
        <form class="inline-form" onsubmit={on_submit} aria-label={i18n.tf("form.instance.title", &[("group", &group)])}>
            { fields(i18n, &(base.clone() + "-"), &FIELDS, &[listener, threads, processing, static_id, handoff], "") }
            { alert(None, translate_problem(i18n, error)) }
            { submit_button("btn", Some(base.into()), false, t("form.instance.add")) }
        </form>
    }
}

/// The form's fields (their problems show under the form, as the engine words them).
#[rustfmt::skip]
const FIELDS: [Spec; 5] = [
    Spec::text("listener", Key("form.instance.listener"), Nothing, ""),
    Spec::number("threads", Key("form.instance.threads"), UpTo(MAX_THREADS), ""),
    Spec::text("processing", Key("form.instance.processing"), Key("form.processing_rule"), ""),
    Spec::text("static", Name("group.instance.id"), Key("form.instance.static_rule"), ""),
    Spec::number("handoff", Key("rule.head.handoff"), Key("form.instance.handoff_rule"), ""),
];
