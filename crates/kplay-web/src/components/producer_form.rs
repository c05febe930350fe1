//! Add a producer: topic, rate (constant or bursty), key strategy, partitioner, an optional fixed partition, and
//! the batching configs that decide where null-key records go.

use crate::components::field::field;
use crate::dom;
use crate::hooks::use_form_state::{use_flag, use_index, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::parse;
use kplay_core::scenario::{KeyKind, KeySpec, PartitionerKind, ProducerSpec};
use kplay_core::Command;
use yew::prelude::*;

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

/// Partitioners offered (`partitioner.class`), with how each spreads records.
const PARTITIONERS: [(PartitionerKind, &str, &str); 5] = [
    (
        PartitionerKind::Default,
        "default",
        "built-in (Kafka 3.3+): murmur2 for keys; null keys stick to a partition per batch, adaptive",
    ),
    (
        PartitionerKind::StickyLegacy,
        "sticky_legacy",
        "DefaultPartitioner (< 3.3): murmur2 for keys; null keys sticky per batch",
    ),
    (
        PartitionerKind::UniformSticky,
        "uniform_sticky",
        "UniformStickyPartitioner: every batch to a random partition, keys ignored",
    ),
    (
        PartitionerKind::RoundRobin,
        "round_robin",
        "RoundRobinPartitioner: each record to the next partition, keys ignored",
    ),
    (
        PartitionerKind::RoundRobinKafka38,
        "round_robin_kafka_3_8",
        "RoundRobinPartitioner as Kafka ≤ 3.8 (KAFKA-9965 skips partitions)",
    ),
];

/// Fields of the form that show their own errors.
const PRODUCER_FIELDS: &[&str] = &[
    "rate_per_s",
    "burst.on_ms",
    "burst.off_ms",
    "partition",
    "record_bytes",
    "batch.size",
    "linger.ms",
    "tombstone_percent",
    "metadata.max.age.ms",
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
/// A hook of the Build tab's one component ([`BuildPanel`](crate::components::build_panel::BuildPanel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_producer_form(sim: &SimHandle) -> Html {
    let n = sim.snapshot.producers.len() + 1;
    let id = use_text(&format!("producer-{n}"));
    let topic = use_text("");
    let rate = use_text("5");
    let kind = use_text("cycle");
    let keys = use_text("alice, bob, carol, dave");
    let partition = use_text("");
    let partitioner = use_index(0);
    let ignore_keys = use_flag(false);
    let burst_on = use_text("");
    let burst_off = use_text("");
    let defaults = ProducerSpec::new("", "", 0);
    let record_bytes = use_text(&defaults.record_bytes.to_string());
    let batch_size = use_text(&defaults.batch_size.to_string());
    let linger_ms = use_text(&defaults.linger_ms.to_string());
    let tombstones = use_text(&defaults.tombstone_percent.to_string());
    let metadata_age = use_text(&defaults.metadata_max_age_ms.to_string());
    let error = use_text("");
    let topics = crate::pick::topic_names(&sim.snapshot);
    let chosen = crate::pick::picked_or_first(&topics, &topic)
        .unwrap_or_default()
        .to_string();

    let on_submit = {
        let (sim, id, rate, kind, keys, partition, error, chosen) = (
            sim.clone(),
            id.clone(),
            rate.clone(),
            kind.clone(),
            keys.clone(),
            partition.clone(),
            error.clone(),
            chosen.clone(),
        );
        let (
            partitioner,
            ignore_keys,
            burst_on,
            burst_off,
            record_bytes,
            batch_size,
            linger_ms,
            tombstones,
        ) = (
            partitioner.clone(),
            ignore_keys.clone(),
            burst_on.clone(),
            burst_off.clone(),
            record_bytes.clone(),
            batch_size.clone(),
            linger_ms.clone(),
            tombstones.clone(),
        );
        let metadata_age = metadata_age.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let producer = (|| -> Result<ProducerSpec, String> {
                let mut p = ProducerSpec::new(
                    id.trim(),
                    &chosen,
                    parse::whole(&rate, "rate_per_s", 0, 10_000_000)?,
                );
                p.burst = parse::burst(&burst_on, &burst_off)?;
                p.keys = KeySpec {
                    kind: key_kind(&kind),
                    values: if *kind == "none" {
                        Vec::new()
                    } else {
                        parse::list(&keys).into_iter().map(String::from).collect()
                    },
                };
                if !partition.trim().is_empty() {
                    p.partition = Some(
                        parse::whole(&partition, "partition", 0, u32::MAX).map_err(|_| {
                            "partition: empty (use the partitioner) or a partition number"
                                .to_string()
                        })?,
                    );
                }
                p.partitioner = PARTITIONERS
                    .get(*partitioner)
                    .map_or(PartitionerKind::Default, |(k, _, _)| *k);
                p.ignore_keys = *ignore_keys;
                p.record_bytes = parse::whole(&record_bytes, "record_bytes", 1, 1 << 20)?;
                p.batch_size = parse::whole(&batch_size, "batch.size", 1, 1 << 24)?;
                p.linger_ms = parse::whole(&linger_ms, "linger.ms", 0, 60_000)?;
                p.metadata_max_age_ms =
                    parse::whole(&metadata_age, "metadata.max.age.ms", 1, 86_400_000)?;
                // Bounded to 0..=100 by the parse, so the narrowing cannot fail.
                p.tombstone_percent =
                    u8::try_from(parse::whole(&tombstones, "tombstone_percent", 0, 100)?)
                        .unwrap_or(100);
                Ok(p)
            })();
            match producer.map(|producer| sim.apply(Command::AddProducer { producer })) {
                Ok(Ok(())) => error.set(String::new()),
                Ok(Err(e)) => error.set(e.to_string()),
                Err(msg) => error.set(msg),
            }
        })
    };
    let err = |field: &str| parse::error_for(&error, field);
    html! {
        <form class="card form" onsubmit={on_submit} aria-label="Add a producer" data-testid="producer-form">
            <h3>{ "Add a producer" }</h3>
            { field("producer-id", "Id", "text", &id, "unique", String::new()) }
            <label for="producer-topic">{ "Topic" }</label>
            <select id="producer-topic" data-testid="producer-topic" onchange={dom::set_picked(&topic)}>
                { for topics.iter().map(|t| html! { <option value={t.clone()} selected={*t == chosen}>{ t }</option> }) }
            </select>
            { field("producer-rate", "Records per second", "number", &rate, "0 to 10,000,000", err("rate_per_s")) }
            <div class="field-row">
                { field("producer-burst-on", "Burst: send for (ms)", "number", &burst_on, "empty: send all the time", err("burst.on_ms")) }
                { field("producer-burst-off", "then pause for (ms)", "number", &burst_off, "0 to 86,400,000", err("burst.off_ms")) }
            </div>
            <label for="producer-keys-kind">{ "Keys" }</label>
            <select id="producer-keys-kind" data-testid="producer-keys-kind" onchange={dom::set_picked(&kind)}>
                { for KEYS.iter().map(|(k, d)| html! { <option value={*k} selected={*k == *kind}>{ format!("{k}: {d}") }</option> }) }
            </select>
            if *kind != "none" {
                { field("producer-keys", "Key values (comma separated)", "text", &keys, "at least one", String::new()) }
            }
            <label for="producer-partitioner">{ "Partitioner" }</label>
            <select id="producer-partitioner" data-testid="producer-partitioner" onchange={dom::set_picked_index(&partitioner)}>
                { for PARTITIONERS.iter().enumerate().map(|(i, (_, name, d))| html! {
                    <option value={i.to_string()} selected={i == *partitioner}>{ format!("{name}: {d}") }</option>
                }) }
            </select>
            { field("producer-partition", "Explicit partition (optional)", "number", &partition, "empty: the partitioner decides", err("partition")) }
            { field("producer-tombstones", "Tombstones (% of records with a null value)", "number", &tombstones, "0 to 100; on a compacted topic a tombstone deletes its key", err("tombstone_percent")) }
            <details class="advanced">
                <summary>{ "Batching (batch.size, linger.ms, record size, metadata age)" }</summary>
                <label class="check"><input type="checkbox" id="producer-ignore-keys" checked={*ignore_keys} onchange={dom::set_checked(&ignore_keys)} />
                    { " partitioner.ignore.keys: place keyed records as if the key were null" }</label>
                <div class="field-row">
                    { field("producer-batch-size", "batch.size (bytes)", "number", &batch_size, "1 to 16,777,216", err("batch.size")) }
                    { field("producer-linger", "linger.ms", "number", &linger_ms, "0 to 60,000", err("linger.ms")) }
                    { field("producer-record-bytes", "Record size (bytes)", "number", &record_bytes, "1 to 1,048,576", err("record_bytes")) }
                    { field("producer-metadata-age", "metadata.max.age.ms", "number", &metadata_age, "added partitions get records only after this refresh", err("metadata.max.age.ms")) }
                </div>
            </details>
            <p class="error" role="alert" data-testid="producer-error">{ parse::error_elsewhere(&error, PRODUCER_FIELDS) }</p>
            <button class="btn primary" type="submit" data-testid="add-producer" disabled={topics.is_empty()}>{ "Add producer" }</button>
        </form>
    }
}
