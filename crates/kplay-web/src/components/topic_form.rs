//! Add a topic (with its retention and cleanup configs), or grow one (partitions only increase: Kafka cannot
//! remove partitions).

use crate::components::field::Field;
use crate::dom;
use crate::hooks::use_simulation::SimHandle;
use crate::parse;
use kplay_core::scenario::{Cleanup, TopicSpec, MAX_PARTITIONS};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`TopicForm`].
#[derive(Properties, PartialEq)]
pub struct TopicFormProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// Fields of the add-topic form that show their own errors.
const TOPIC_FIELDS: &[&str] = &[
    "partitions",
    "retention.ms",
    "retention.bytes",
    "segment.ms",
    "segment.bytes",
    "delete.retention.ms",
];

/// The topic forms.
#[component]
pub fn TopicForm(props: &TopicFormProps) -> Html {
    let name = use_state(|| String::from("payments"));
    let parts = use_state(|| String::from("3"));
    let error = use_state(String::new);
    let defaults = TopicSpec::new("", 1);
    let compact = use_state(|| false);
    let retention_ms = use_state(|| defaults.retention_ms.to_string());
    let retention_bytes = use_state(|| defaults.retention_bytes.to_string());
    let segment_ms = use_state(|| defaults.segment_ms.to_string());
    let segment_bytes = use_state(|| defaults.segment_bytes.to_string());
    let delete_retention_ms = use_state(|| defaults.delete_retention_ms.to_string());
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
        let (
            compact,
            retention_ms,
            retention_bytes,
            segment_ms,
            segment_bytes,
            delete_retention_ms,
        ) = (
            compact.clone(),
            retention_ms.clone(),
            retention_bytes.clone(),
            segment_ms.clone(),
            segment_bytes.clone(),
            delete_retention_ms.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Numbers are refused here with their rule; names and duplicates are the engine's call (Kafka's rules).
            let topic = (|| -> Result<TopicSpec, String> {
                let mut t = TopicSpec::new(
                    name.trim(),
                    parse::count(&parts, "partitions", MAX_PARTITIONS)?,
                );
                t.cleanup = if *compact {
                    Cleanup::Compact
                } else {
                    Cleanup::Delete
                };
                t.retention_ms = parse::limit(&retention_ms, "retention.ms")?;
                t.retention_bytes = parse::limit(&retention_bytes, "retention.bytes")?;
                t.segment_ms = parse::whole_u64(&segment_ms, "segment.ms", 1, u32::MAX.into())?;
                t.segment_bytes = parse::whole_u64(&segment_bytes, "segment.bytes", 14, 1 << 30)?;
                t.delete_retention_ms = parse::whole_u64(
                    &delete_retention_ms,
                    "delete.retention.ms",
                    0,
                    u32::MAX.into(),
                )?;
                Ok(t)
            })();
            match topic.map(|topic| sim.apply(Command::AddTopic { topic })) {
                Ok(Ok(())) => error.set(String::new()),
                Ok(Err(e)) => error.set(e.to_string()),
                Err(msg) => error.set(msg),
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
            let n = match parse::count(&grow_to, "partitions", MAX_PARTITIONS) {
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
    let on_cleanup = {
        let compact = compact.clone();
        Callback::from(move |e: Event| compact.set(dom::picked(&e) == "compact"))
    };
    html! {
        <>
        <form class="card form" onsubmit={on_add} aria-label="Add a topic" data-testid="topic-form">
            <h3>{ "Add a topic" }</h3>
            <Field id="topic-name" label="Name" value={(*name).clone()} on_input={dom::set_text(&name)}
                   rule="1–249 characters: letters, digits, . _ -" />
            <Field id="topic-partitions" label="Partitions" kind="number" value={(*parts).clone()}
                   on_input={dom::set_text(&parts)} rule={format!("1..={MAX_PARTITIONS}")}
                   error={parse::error_for(&error, "partitions")} />
            <details class="advanced">
                <summary>{ "Topic configs (retention, segments, cleanup)" }</summary>
                <label for="topic-cleanup">{ "cleanup.policy" }</label>
                <select id="topic-cleanup" data-testid="topic-cleanup" onchange={on_cleanup}>
                    <option value="delete" selected={!*compact}>{ "delete: old segments go after retention" }</option>
                    <option value="compact" selected={*compact}>{ "compact: keep the latest record per key" }</option>
                </select>
                <div class="field-row">
                    <Field id="topic-retention-ms" label="retention.ms" kind="number" value={(*retention_ms).clone()}
                           on_input={dom::set_text(&retention_ms)} error={parse::error_for(&error, "retention.ms")} rule="-1 keeps forever; whole segments older than this go" />
                    <Field id="topic-retention-bytes" label="retention.bytes" kind="number" value={(*retention_bytes).clone()}
                           on_input={dom::set_text(&retention_bytes)} error={parse::error_for(&error, "retention.bytes")} rule="per partition; -1 is unlimited" />
                    <Field id="topic-segment-ms" label="segment.ms" kind="number" value={(*segment_ms).clone()}
                           on_input={dom::set_text(&segment_ms)} error={parse::error_for(&error, "segment.ms")} rule="roll the active segment after this long" />
                    <Field id="topic-segment-bytes" label="segment.bytes" kind="number" value={(*segment_bytes).clone()}
                           on_input={dom::set_text(&segment_bytes)} error={parse::error_for(&error, "segment.bytes")} rule="14..=1073741824; only closed segments are deleted or compacted" />
                    if *compact {
                        <Field id="topic-delete-retention" label="delete.retention.ms" kind="number"
                               value={(*delete_retention_ms).clone()} on_input={dom::set_text(&delete_retention_ms)}
                               error={parse::error_for(&error, "delete.retention.ms")}
                               rule="how long a key's tombstone (null value) survives after the first clean saw it" />
                    }
                </div>
            </details>
            <p class="error" role="alert" data-testid="topic-error">{ parse::error_elsewhere(&error, TOPIC_FIELDS) }</p>
            <button class="btn primary" type="submit" data-testid="add-topic">{ "Add topic" }</button>
        </form>
        if let Some((topic, now)) = current {
            <form class="card form" onsubmit={on_grow} aria-label="Add partitions" data-testid="grow-form">
                <h3>{ "Add partitions" }</h3>
                <label for="grow-topic">{ "Topic" }</label>
                <select id="grow-topic" onchange={dom::set_picked(&grow_topic)}>
                    { for topics.iter().map(|(t, n)| html! { <option value={t.clone()} selected={*t == topic}>{ format!("{t} ({n})") }</option> }) }
                </select>
                <Field id="grow-to" label="New partition count" kind="number" value={(*grow_to).clone()}
                       on_input={dom::set_text(&grow_to)} error={(*grow_error).clone()}
                       rule={format!("more than {now}: partitions only grow. Keyed records then hash to new partitions.")} />
                <button class="btn" type="submit">{ "Grow topic" }</button>
            </form>
        }
        </>
    }
}
