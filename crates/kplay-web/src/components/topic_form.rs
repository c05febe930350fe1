//! Add a topic, or grow one (partitions only increase: Kafka cannot remove partitions).

use crate::components::field::Field;
use crate::hooks::use_simulation::SimHandle;
use kplay_core::scenario::{TopicSpec, MAX_PARTITIONS};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`TopicForm`].
#[derive(Properties, PartialEq)]
pub struct TopicFormProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// Parses a count field, naming the rule on failure.
pub fn parse_count(text: &str, field: &str, max: u32) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("{field}: must be a whole number 1..={max}")),
    }
}

/// The topic forms.
#[component]
pub fn TopicForm(props: &TopicFormProps) -> Html {
    let name = use_state(|| String::from("payments"));
    let parts = use_state(|| String::from("3"));
    let error = use_state(String::new);
    let grow_topic = use_state(String::new);
    let grow_to = use_state(String::new);
    let grow_error = use_state(String::new);
    let topics: Vec<(String, usize)> = props
        .sim
        .snapshot
        .topics
        .iter()
        .map(|t| (t.name.clone(), t.partitions.len()))
        .collect();

    let on_add = {
        let (sim, name, parts, error) = (
            props.sim.clone(),
            name.clone(),
            parts.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A bad count is refused here with the rule; everything else is the engine's call (same rules as Kafka).
            let count = match parse_count(&parts, "partitions", MAX_PARTITIONS) {
                Ok(n) => n,
                Err(msg) => return error.set(msg),
            };
            match sim.apply(Command::AddTopic {
                topic: TopicSpec::new(name.trim(), count),
            }) {
                Ok(()) => error.set(String::new()),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let current = topics
        .iter()
        .find(|(t, _)| *t == *grow_topic)
        .or(topics.first())
        .cloned();
    let on_grow = {
        let (sim, grow_to, grow_error, current) = (
            props.sim.clone(),
            grow_to.clone(),
            grow_error.clone(),
            current.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((topic, now)) = current.clone() else {
                return grow_error.set("topic: add a topic first".into());
            };
            let n = match parse_count(&grow_to, "partitions", MAX_PARTITIONS) {
                Ok(n) => n,
                Err(msg) => return grow_error.set(msg),
            };
            if n as usize <= now {
                return grow_error.set(format!(
                    "partitions: must be more than {now}. Kafka can add partitions but never remove them \
                     (records and offsets live in them)"
                ));
            }
            match sim.apply(Command::AddPartitions {
                topic,
                partitions: n,
            }) {
                Ok(()) => grow_error.set(String::new()),
                Err(e) => grow_error.set(e.to_string()),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    let on_pick = {
        let grow_topic = grow_topic.clone();
        Callback::from(move |e: Event| {
            grow_topic.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    html! {
        <>
        <form class="card form" onsubmit={on_add} aria-label="Add a topic" data-testid="topic-form">
            <h3>{ "Add a topic" }</h3>
            <Field id="topic-name" label="Name" value={(*name).clone()} on_input={set(name.clone())}
                   rule="1–249 characters: letters, digits, . _ -" />
            <Field id="topic-partitions" label="Partitions" kind="number" value={(*parts).clone()}
                   on_input={set(parts.clone())} rule={format!("1..={MAX_PARTITIONS}")} error={(*error).clone()} />
            <button class="btn primary" type="submit" data-testid="add-topic">{ "Add topic" }</button>
        </form>
        if let Some((topic, now)) = current {
            <form class="card form" onsubmit={on_grow} aria-label="Add partitions" data-testid="grow-form">
                <h3>{ "Add partitions" }</h3>
                <label for="grow-topic">{ "Topic" }</label>
                <select id="grow-topic" onchange={on_pick}>
                    { for topics.iter().map(|(t, n)| html! { <option value={t.clone()} selected={*t == topic}>{ format!("{t} ({n})") }</option> }) }
                </select>
                <Field id="grow-to" label="New partition count" kind="number" value={(*grow_to).clone()}
                       on_input={set(grow_to.clone())} error={(*grow_error).clone()}
                       rule={format!("more than {now}: partitions only grow. Keyed records then hash to new partitions.")} />
                <button class="btn" type="submit">{ "Grow topic" }</button>
                <p class="hint">{ "Rename or delete: Kafka has no topic rename, and this engine has no delete-topic command yet; \
                                  use Scenario → edit JSON → Load." }</p>
            </form>
        }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_name_the_rule() {
        assert_eq!(parse_count(" 3 ", "partitions", 1024), Ok(3));
        assert_eq!(
            parse_count("0", "partitions", 1024),
            Err("partitions: must be a whole number 1..=1024".into())
        );
        assert!(parse_count("x", "threads", 64)
            .unwrap_err()
            .contains("1..=64"));
    }
}
