//! Add a producer: topic, rate (constant or bursty), key strategy, partitioner, an optional fixed partition, and
//! the batching configs that decide where null-key records go.

use crate::components::field::field;
use crate::components::markup::{
    advanced, alert, card_form, check, field_row, option, picker, submit_button,
};
use crate::dom;
use crate::hooks::use_form_state::{submit, use_index, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::{KeyKind, KeySpec, PartitionerKind, ProducerSpec, MAX_RATE_PER_S};
use kplay_core::Command;
use yew::prelude::*;

/// Key strategies offered, with the key of what each teaches.
const KEYS: [(&str, &str); 4] = [
    ("cycle", "form.producer.keys.cycle"),
    ("random", "form.producer.keys.random"),
    ("fixed", "form.producer.keys.fixed"),
    ("none", "form.producer.keys.none"),
];

/// Partitioners offered (`partitioner.class`), with the key of how each spreads records.
const PARTITIONERS: [(PartitionerKind, &str, &str); 5] = [
    (
        PartitionerKind::Default,
        "default",
        "form.producer.part.default",
    ),
    (
        PartitionerKind::StickyLegacy,
        "sticky_legacy",
        "form.producer.part.sticky_legacy",
    ),
    (
        PartitionerKind::UniformSticky,
        "uniform_sticky",
        "form.producer.part.uniform_sticky",
    ),
    (
        PartitionerKind::RoundRobin,
        "round_robin",
        "form.producer.part.round_robin",
    ),
    (
        PartitionerKind::RoundRobinKafka38,
        "round_robin_kafka_3_8",
        "form.producer.part.round_robin_3_8",
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
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_producer_form(i18n: &I18n, sim: &SimHandle) -> Html {
    let n = sim.snapshot.producers.len() + 1;
    let id = use_text(&format!("producer-{n}"));
    let topic = use_text("");
    let rate = use_text("5");
    let kind = use_text("cycle");
    let keys = use_text("alice, bob, carol, dave"); // i18n-ok: sample key values are data, not text
    let partition = use_text("");
    let partitioner = use_index(0);
    let ignore_keys = use_index(0);
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
                    parse::whole(&rate, "rate_per_s", 0, MAX_RATE_PER_S)?,
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
                        parse::whole(&partition, "partition", 0, u32::MAX)
                            .map_err(|_| parse::PARTITION_OR_EMPTY.to_string())?,
                    );
                }
                p.partitioner = PARTITIONERS
                    .get(*partitioner)
                    .map_or(PartitionerKind::Default, |(k, _, _)| *k);
                p.ignore_keys = *ignore_keys != 0;
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
            submit(
                &sim,
                &error,
                producer.map(|producer| Command::AddProducer { producer }),
            );
        })
    };
    let err = |field: &str| translate_problem(i18n, &parse::error_for(&error, field));
    let t = |key: &str| i18n.t(key);
    let range = |lo: &str, hi: &str| i18n.tf("form.range", &[("lo", &lo), ("hi", &hi)]);
    html! {
        { card_form("producer-form", t("form.producer.title"), on_submit, html! { <>
            { field("producer-id", &t("form.producer.id"), "text", &id, &t("form.group.id_rule"), String::new()) }
            { picker("producer-topic", true, t("form.topic"), dom::set_picked(&topic), topics.iter().map(|t| option(t.clone(), *t == chosen, t.clone())).collect()) }
            { field("producer-rate", &t("form.producer.rate"), "number", &rate, &range("0", "100,000"), err("rate_per_s")) }
            { field_row(html! { <>
                { field("producer-burst-on", &t("form.producer.burst_on"), "number", &burst_on, &t("form.producer.burst_on_rule"), err("burst.on_ms")) }
                { field("producer-burst-off", &t("form.producer.burst_off"), "number", &burst_off, &range("0", "86,400,000"), err("burst.off_ms")) }
            </> }) }
            { picker("producer-keys-kind", true, t("form.producer.keys"), dom::set_picked(&kind), KEYS.iter().map(|(k, d)| option((*k).into(), *k == *kind, String::from(*k) + ": " + &t(d))).collect()) }
            if *kind != "none" {
                { field("producer-keys", &t("form.producer.key_values"), "text", &keys, &t("form.producer.key_values_rule"), String::new()) }
            }
            { picker("producer-partitioner", true, t("form.producer.partitioner"), dom::set_picked_index(&partitioner), PARTITIONERS.iter().enumerate().map(|(i, (_, name, d))| option(i.to_string(), i == *partitioner, String::from(*name) + ": " + &t(d))).collect()) }
            { field("producer-partition", &t("form.producer.partition"), "number", &partition, &t("form.producer.partition_rule"), err("partition")) }
            { field("producer-tombstones", &t("form.producer.tombstones"), "number", &tombstones, &t("form.producer.tombstones_rule"), err("tombstone_percent")) }
            { advanced(t("form.producer.batching"), html! { <>
                { check("producer-ignore-keys", *ignore_keys != 0, dom::set_checked(&ignore_keys), t("form.producer.ignore_keys")) }
                </> }, html! { <>
                    { field("producer-batch-size", &t("form.producer.batch_size"), "number", &batch_size, &range("1", "16,777,216"), err("batch.size")) }
                    { field("producer-linger", "linger.ms", "number", &linger_ms, &range("0", "60,000"), err("linger.ms")) }
                    { field("producer-record-bytes", &t("form.producer.record_bytes"), "number", &record_bytes, &range("1", "1,048,576"), err("record_bytes")) }
                    { field("producer-metadata-age", "metadata.max.age.ms", "number", &metadata_age, &t("form.producer.metadata_rule"), err("metadata.max.age.ms")) }
                </> }) }
            { alert(Some("producer-error"), translate_problem(i18n, &parse::error_elsewhere(&error, PRODUCER_FIELDS))) }
            { submit_button("btn primary", Some("add-producer".into()), topics.is_empty(), t("form.producer.add")) } // i18n-ok: CSS classes
        </> }) }
    }
}
