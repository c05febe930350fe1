//! Add an instance to a group: its listener class, thread count, processing time per record, optional static
//! membership (`group.instance.id`) and an optional hand-off to a worker thread (`handoff_queue`).

use crate::components::field::field;
use crate::hooks::use_form_state::use_text;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::use_i18n;
use crate::parse;
use kplay_core::scenario::{InstanceSpec, MAX_THREADS};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`InstanceForm`].
#[derive(Properties, PartialEq)]
pub struct InstanceFormProps {
    /// The simulation.
    pub sim: SimHandle,
    /// Group id.
    pub group: AttrValue,
    /// Suggested listener class (the group's).
    pub listener: AttrValue,
    /// Number for the suggested id.
    pub next_index: usize,
}

/// The add-instance form.
#[component]
pub fn InstanceForm(props: &InstanceFormProps) -> Html {
    let i18n = use_i18n();
    let threads = use_text("1");
    let listener = use_text(&props.listener);
    let processing = use_text("0");
    let static_id = use_text("");
    let handoff = use_text("");
    let error = use_text("");
    let on_submit = {
        let handoff = handoff.clone();
        let (sim, threads, listener, processing, static_id, error) = (
            props.sim.clone(),
            threads.clone(),
            listener.clone(),
            processing.clone(),
            static_id.clone(),
            error.clone(),
        );
        let (group, id) = (
            props.group.to_string(),
            format!("{}-{}", props.group, props.next_index),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let instance = (|| -> Result<InstanceSpec, String> {
                let mut i = InstanceSpec::new(
                    &id,
                    listener.trim(),
                    parse::count(&threads, "threads", MAX_THREADS)?,
                );
                i.processing_ms = parse::processing(&processing, "processing")?;
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
    let base = format!("add-instance-{}", props.group);
    let t = |key: &str| i18n.t(key);
    html! {
        <form class="inline-form" onsubmit={on_submit} aria-label={i18n.tf("form.instance.title", &[("group", &props.group)])}>
            { field(&format!("{base}-listener"), &t("form.instance.listener"), "text", &listener, "", String::new()) }
            { field(&format!("{base}-threads"), &t("form.instance.threads"), "number", &threads, &i18n.tf("form.range", &[("lo", &1), ("hi", &MAX_THREADS)]), String::new()) }
            { field(&format!("{base}-processing"), &t("form.instance.processing"), "text", &processing, &t("form.processing_rule"), String::new()) }
            { field(&format!("{base}-static"), "group.instance.id", "text", &static_id, &t("form.instance.static_rule"), String::new()) }
            { field(&format!("{base}-handoff"), &t("rule.head.handoff"), "number", &handoff, &t("form.instance.handoff_rule"), String::new()) }
            <p class="error" role="alert">{ translate_problem(&i18n, &error) }</p>
            <button class="btn" type="submit" data-testid={base}>{ t("form.instance.add") }</button>
        </form>
    }
}
