//! Add a producer: topic, rate, key strategy and an optional fixed partition.

use crate::components::field::Field;
use crate::hooks::use_simulation::SimHandle;
use kplay_core::scenario::{KeyKind, KeySpec, ProducerSpec};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`ProducerForm`].
#[derive(Properties, PartialEq)]
pub struct ProducerFormProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// Key strategies offered, with what each teaches.
const KEYS: [(&str, &str); 4] = [
    (
        "cycle",
        "keys in turn: each key always lands in the same partition (murmur2 hash)",
    ),
    ("random", "a random key from the list each record"),
    ("fixed", "always the first key: one hot partition"),
    (
        "none",
        "null keys: the sticky partitioner fills one partition per batch",
    ),
];

fn key_kind(s: &str) -> KeyKind {
    match s {
        "cycle" => KeyKind::Cycle,
        "random" => KeyKind::Random,
        "fixed" => KeyKind::Fixed,
        _ => KeyKind::None,
    }
}

/// The producer form.
#[component]
pub fn ProducerForm(props: &ProducerFormProps) -> Html {
    let n = props.sim.snapshot.producers.len() + 1;
    let id = use_state(|| format!("producer-{n}"));
    let topic = use_state(String::new);
    let rate = use_state(|| String::from("5"));
    let kind = use_state(|| String::from("cycle"));
    let keys = use_state(|| String::from("alice, bob, carol, dave"));
    let partition = use_state(String::new);
    let error = use_state(String::new);
    let topics: Vec<String> = props
        .sim
        .snapshot
        .topics
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let chosen = if topics.contains(&topic) {
        (*topic).clone()
    } else {
        topics.first().cloned().unwrap_or_default()
    };

    let on_submit = {
        let (sim, id, rate, kind, keys, partition, error, chosen) = (
            props.sim.clone(),
            id.clone(),
            rate.clone(),
            kind.clone(),
            keys.clone(),
            partition.clone(),
            error.clone(),
            chosen.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(r) = rate.trim().parse::<u32>() else {
                return error.set("rate_per_s: must be a whole number 0..=10000000".into());
            };
            let mut p = ProducerSpec::new(id.trim(), &chosen, r);
            let values: Vec<String> = keys
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect();
            p.keys = KeySpec {
                kind: key_kind(&kind),
                values: if *kind == "none" { Vec::new() } else { values },
            };
            if !partition.trim().is_empty() {
                match partition.trim().parse::<u32>() {
                    Ok(n) => p.partition = Some(n),
                    Err(_) => {
                        return error.set(
                            "partition: empty (use the partitioner) or a partition number".into(),
                        )
                    }
                }
            }
            match sim.apply(Command::AddProducer { producer: p }) {
                Ok(()) => error.set(String::new()),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    let pick = |s: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            s.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    html! {
        <form class="card form" onsubmit={on_submit} aria-label="Add a producer" data-testid="producer-form">
            <h3>{ "Add a producer" }</h3>
            <Field id="producer-id" label="Id" value={(*id).clone()} on_input={set(id.clone())} rule="unique" />
            <label for="producer-topic">{ "Topic" }</label>
            <select id="producer-topic" data-testid="producer-topic" onchange={pick(topic.clone())}>
                { for topics.iter().map(|t| html! { <option value={t.clone()} selected={*t == chosen}>{ t }</option> }) }
            </select>
            <Field id="producer-rate" label="Records per second" kind="number" value={(*rate).clone()}
                   on_input={set(rate.clone())} rule="0..=10,000,000" />
            <label for="producer-keys-kind">{ "Keys" }</label>
            <select id="producer-keys-kind" data-testid="producer-keys-kind" onchange={pick(kind.clone())}>
                { for KEYS.iter().map(|(k, d)| html! { <option value={*k} selected={*k == *kind}>{ format!("{k}: {d}") }</option> }) }
            </select>
            if *kind != "none" {
                <Field id="producer-keys" label="Key values (comma separated)" value={(*keys).clone()}
                       on_input={set(keys.clone())} rule="at least one" />
            }
            <Field id="producer-partition" label="Explicit partition (optional)" kind="number" value={(*partition).clone()}
                   on_input={set(partition.clone())} rule="empty: the default partitioner (murmur2 of the key; sticky for null keys)"
                   error={(*error).clone()} />
            <button class="btn primary" type="submit" data-testid="add-producer" disabled={topics.is_empty()}>{ "Add producer" }</button>
        </form>
    }
}
