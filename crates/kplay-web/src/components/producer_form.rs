//! Add a producer: topic, rate (constant or bursty), key strategy, partitioner, an optional fixed partition, and
//! the batching configs that decide where null-key records go.

use crate::components::field::Words::{Key, Range};
use crate::components::field::{fields, Spec};
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
use std::rc::Rc;
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

/// The producer form's fields (the topic's choice stays apart: the shown one follows the first topic until picked).
struct Fields {
    id: UseStateHandle<String>,
    rate: UseStateHandle<String>,
    kind: UseStateHandle<String>,
    keys: UseStateHandle<String>,
    partition: UseStateHandle<String>,
    partitioner: UseStateHandle<usize>,
    ignore_keys: UseStateHandle<usize>,
    burst_on: UseStateHandle<String>,
    burst_off: UseStateHandle<String>,
    record_bytes: UseStateHandle<String>,
    batch_size: UseStateHandle<String>,
    linger_ms: UseStateHandle<String>,
    tombstones: UseStateHandle<String>,
    metadata_age: UseStateHandle<String>,
    error: UseStateHandle<String>,
}

/// The producer form.
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_producer_form(i18n: &I18n, sim: &SimHandle) -> Html {
    let n = sim.snapshot.producers.len() + 1;
    let topic = use_text("");
    let defaults = ProducerSpec::new("", "", 0);
    // The fields in one shared struct: the submit handler holds one `Rc` instead of a clone of each handle.
    let f = Rc::new(Fields {
        id: use_text(&format!("producer-{n}")),
        rate: use_text("5"),
        kind: use_text("cycle"),
        keys: use_text("alice, bob, carol, dave"), // i18n-ok: sample key values are data, not text
        partition: use_text(""),
        partitioner: use_index(0),
        ignore_keys: use_index(0),
        burst_on: use_text(""),
        burst_off: use_text(""),
        record_bytes: use_text(&defaults.record_bytes.to_string()),
        batch_size: use_text(&defaults.batch_size.to_string()),
        linger_ms: use_text(&defaults.linger_ms.to_string()),
        tombstones: use_text(&defaults.tombstone_percent.to_string()),
        metadata_age: use_text(&defaults.metadata_max_age_ms.to_string()),
        error: use_text(""),
    });
    let topics = crate::pick::topic_names(&sim.snapshot);
    let chosen = crate::pick::picked_or_first(&topics, &topic)
        .unwrap_or_default()
        .to_string();

    let on_submit = {
        let (sim, f, chosen) = (sim.clone(), f.clone(), chosen.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Fields {
                id,
                rate,
                kind,
                keys,
                partition,
                partitioner,
                ignore_keys,
                burst_on,
                burst_off,
                record_bytes,
                batch_size,
                linger_ms,
                tombstones,
                metadata_age,
                error,
            } = &*f;
            let producer = (|| -> Result<ProducerSpec, String> {
                let mut p = ProducerSpec::new(
                    id.trim(),
                    &chosen,
                    parse::whole(rate, "rate_per_s", 0, MAX_RATE_PER_S)?,
                );
                p.burst = parse::burst(burst_on, burst_off)?;
                p.keys = KeySpec {
                    kind: key_kind(kind),
                    values: if **kind == "none" {
                        Vec::new()
                    } else {
                        parse::list(keys).into_iter().map(String::from).collect()
                    },
                };
                if !partition.trim().is_empty() {
                    p.partition = Some(
                        parse::whole(partition, "partition", 0, u32::MAX)
                            .map_err(|_| parse::PARTITION_OR_EMPTY.to_string())?,
                    );
                }
                p.partitioner = PARTITIONERS
                    .get(**partitioner)
                    .map_or(PartitionerKind::Default, |(k, _, _)| *k);
                p.ignore_keys = **ignore_keys != 0;
                p.record_bytes = parse::whole(record_bytes, "record_bytes", 1, 1 << 20)?;
                p.batch_size = parse::whole(batch_size, "batch.size", 1, 1 << 24)?;
                p.linger_ms = parse::whole(linger_ms, "linger.ms", 0, 60_000)?;
                p.metadata_max_age_ms =
                    parse::whole(metadata_age, "metadata.max.age.ms", 1, 86_400_000)?;
                // Bounded to 0..=100 by the parse, so the narrowing cannot fail.
                p.tombstone_percent =
                    u8::try_from(parse::whole(tombstones, "tombstone_percent", 0, 100)?)
                        .unwrap_or(100);
                Ok(p)
            })();
            submit(
                &sim,
                error,
                producer.map(|producer| Command::AddProducer { producer }),
            );
        })
    };
    let Fields {
        id,
        rate,
        kind,
        keys,
        partition,
        partitioner,
        ignore_keys,
        burst_on,
        burst_off,
        record_bytes,
        batch_size,
        linger_ms,
        tombstones,
        metadata_age,
        error,
    } = &*f;
    let t = |key: &str| i18n.t(key);
    html! {
        { card_form("producer-form", t("form.producer.title"), on_submit, html! { <>
            { fields(i18n, "producer-", &ID, &[id], error) }
            { picker("producer-topic", true, t("form.topic"), dom::set_picked(&topic), topics.iter().map(|t| option(t.clone(), *t == chosen, t.clone())).collect()) }
            { fields(i18n, "producer-", &RATE, &[rate], error) }
            { field_row(fields(i18n, "producer-", &BURST, &[burst_on, burst_off], error)) }
            { picker("producer-keys-kind", true, t("form.producer.keys"), dom::set_picked(kind), KEYS.iter().map(|(k, d)| option((*k).into(), *k == **kind, String::from(*k) + ": " + &t(d))).collect()) }
            if **kind != "none" {
                { fields(i18n, "producer-", &KEY_VALUES, &[keys], error) }
            }
            { picker("producer-partitioner", true, t("form.producer.partitioner"), dom::set_picked_index(partitioner), PARTITIONERS.iter().enumerate().map(|(i, (_, name, d))| option(i.to_string(), i == **partitioner, String::from(*name) + ": " + &t(d))).collect()) }
            { fields(i18n, "producer-", &RECORDS, &[partition, tombstones], error) }
            { advanced(t("form.producer.batching"), html! { <>
                { check("producer-ignore-keys", **ignore_keys != 0, dom::set_checked(ignore_keys), t("form.producer.ignore_keys")) }
                </> }, fields(i18n, "producer-", &BATCHING, &[batch_size, linger_ms, record_bytes, metadata_age], error)) }
            { alert(Some("producer-error"), translate_problem(i18n, &parse::error_elsewhere(error, PRODUCER_FIELDS))) }
            { submit_button("btn primary", Some("add-producer".into()), topics.is_empty(), t("form.producer.add")) } // i18n-ok: CSS classes
        </> }) }
    }
}

/// The producer's id.
#[rustfmt::skip]
const ID: [Spec; 1] = [Spec::text("id", Key("form.producer.id"), Key("form.group.id_rule"), "")];

/// Its rate.
#[rustfmt::skip]
const RATE: [Spec; 1] = [Spec::number("rate", Key("form.producer.rate"), Range("0", "100,000"), "rate_per_s")];

/// Its bursts, side by side.
#[rustfmt::skip]
const BURST: [Spec; 2] = [
    Spec::number("burst-on", Key("form.producer.burst_on"), Key("form.producer.burst_on_rule"), "burst.on_ms"),
    Spec::number("burst-off", Key("form.producer.burst_off"), Range("0", "86,400,000"), "burst.off_ms"),
];

/// Its key values (unless it sends no keys).
#[rustfmt::skip]
const KEY_VALUES: [Spec; 1] = [
    Spec::text("keys", Key("form.producer.key_values"), Key("form.producer.key_values_rule"), ""),
];

/// Its fixed partition and tombstones.
#[rustfmt::skip]
const RECORDS: [Spec; 2] = [
    Spec::number("partition", Key("form.producer.partition"), Key("form.producer.partition_rule"), "partition"),
    Spec::number("tombstones", Key("form.producer.tombstones"), Key("form.producer.tombstones_rule"), "tombstone_percent"),
];

/// The batching configs.
#[rustfmt::skip]
const BATCHING: [Spec; 4] = [
    Spec::number("batch-size", Key("form.producer.batch_size"), Range("1", "16,777,216"), "batch.size"),
    Spec::config("linger", "linger.ms", Range("0", "60,000")),
    Spec::number("record-bytes", Key("form.producer.record_bytes"), Range("1", "1,048,576"), "record_bytes"),
    Spec::config("metadata-age", "metadata.max.age.ms", Key("form.producer.metadata_rule")),
];
