//! Add an instance to a group: its listener class and thread count.

use crate::components::field::Field;
use crate::components::topic_form::parse_count;
use crate::hooks::use_simulation::SimHandle;
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
    let threads = use_state(|| String::from("1"));
    let listener = use_state(|| props.listener.to_string());
    let error = use_state(String::new);
    let on_submit = {
        let (sim, threads, listener, error) = (
            props.sim.clone(),
            threads.clone(),
            listener.clone(),
            error.clone(),
        );
        let (group, id) = (
            props.group.to_string(),
            format!("{}-{}", props.group, props.next_index),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = match parse_count(&threads, "threads", MAX_THREADS) {
                Ok(n) => n,
                Err(m) => return error.set(m),
            };
            let instance = InstanceSpec::new(&id, listener.trim(), n);
            match sim.apply(Command::AddInstance {
                group: group.clone(),
                instance,
            }) {
                Ok(()) => error.set(String::new()),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    let base = format!("add-instance-{}", props.group);
    html! {
        <form class="inline-form" onsubmit={on_submit} aria-label={format!("Add an instance to {}", props.group)}>
            <Field id={format!("{base}-listener")} label="Listener" value={(*listener).clone()} on_input={set(listener.clone())} />
            <Field id={format!("{base}-threads")} label="Threads" kind="number" value={(*threads).clone()}
                   on_input={set(threads.clone())} rule={format!("1..={MAX_THREADS}")} error={(*error).clone()} />
            <button class="btn" type="submit" data-testid={base}>{ "+ Instance" }</button>
        </form>
    }
}
