//! Add a topic (with its retention and cleanup configs), or grow one (partitions only increase: Kafka cannot
//! remove partitions).

use crate::components::field::Words::{Key, Name, UpTo};
use crate::components::field::{field, fields, Spec};
use crate::components::markup::{advanced, alert, card_form, option, picker, submit_button};
use crate::dom;
use crate::hooks::use_form_state::{submit, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::{Cleanup, TopicSpec, MAX_PARTITIONS};
use kplay_core::Command;
use std::rc::Rc;
use yew::prelude::*;

/// Fields of the add-topic form that show their own errors.
const TOPIC_FIELDS: &[&str] = &[
    "partitions",
    "retention.ms",
    "retention.bytes",
    "segment.ms",
    "segment.bytes",
    "delete.retention.ms",
    "min.cleanable.dirty.ratio",
    "min.compaction.lag.ms",
    "max.compaction.lag.ms",
];

/// The cleanup policies offered (`cleanup.policy`), with the key of each one's words.
const CLEANUPS: [(&str, &str); 3] = [
    ("delete", "form.topic.cleanup.delete"),
    ("compact", "form.topic.cleanup.compact"),
    ("compact,delete", "form.topic.cleanup.both"),
];

/// The add-topic form's fields.
struct Fields {
    name: UseStateHandle<String>,
    parts: UseStateHandle<String>,
    error: UseStateHandle<String>,
    policy: UseStateHandle<String>,
    retention_ms: UseStateHandle<String>,
    retention_bytes: UseStateHandle<String>,
    segment_ms: UseStateHandle<String>,
    segment_bytes: UseStateHandle<String>,
    delete_retention_ms: UseStateHandle<String>,
    dirty_ratio: UseStateHandle<String>,
    min_lag: UseStateHandle<String>,
    max_lag: UseStateHandle<String>,
}

/// The topic forms.
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_topic_form(i18n: &I18n, sim: &SimHandle) -> Html {
    let defaults = TopicSpec::new("", 1);
    // The add form's fields in one shared struct: its submit handler holds one `Rc` instead of a clone of each.
    let f = Rc::new(Fields {
        name: use_text("payments"),
        parts: use_text("3"),
        error: use_text(""),
        policy: use_text("delete"),
        retention_ms: use_text(&defaults.retention_ms.to_string()),
        retention_bytes: use_text(&defaults.retention_bytes.to_string()),
        segment_ms: use_text(&defaults.segment_ms.to_string()),
        segment_bytes: use_text(&defaults.segment_bytes.to_string()),
        delete_retention_ms: use_text(&defaults.delete_retention_ms.to_string()),
        dirty_ratio: use_text(&defaults.min_cleanable_dirty_ratio.to_string()),
        min_lag: use_text(&defaults.min_compaction_lag_ms.to_string()),
        max_lag: use_text(&defaults.max_compaction_lag_ms.to_string()),
    });
    let grow_topic = use_text("");
    let grow_to = use_text("");
    let grow_error = use_text("");
    let topics: Vec<(String, usize)> = sim
        .snapshot
        .topics
        .iter()
        .map(|t| (t.name.clone(), t.partitions.len()))
        .collect();

    let on_add = {
        let (sim, f) = (sim.clone(), f.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Fields {
                name,
                parts,
                error,
                policy,
                retention_ms,
                retention_bytes,
                segment_ms,
                segment_bytes,
                delete_retention_ms,
                dirty_ratio,
                min_lag,
                max_lag,
            } = &*f;
            // Numbers are refused here with their rule; names and duplicates are the engine's call (Kafka's rules).
            let topic = (|| -> Result<TopicSpec, String> {
                let mut t = TopicSpec::new(
                    name.trim(),
                    parse::count(parts, "partitions", MAX_PARTITIONS)?,
                );
                t.cleanup = match policy.as_str() {
                    "compact" => Cleanup::Compact,
                    "compact,delete" => Cleanup::CompactDelete,
                    _ => Cleanup::Delete,
                };
                t.retention_ms = parse::limit(retention_ms, "retention.ms")?;
                t.retention_bytes = parse::limit(retention_bytes, "retention.bytes")?;
                t.segment_ms = parse::whole_u64(segment_ms, "segment.ms", 1, u32::MAX.into())?;
                t.segment_bytes = parse::whole_u64(segment_bytes, "segment.bytes", 14, 1 << 30)?;
                t.delete_retention_ms = parse::whole_u64(
                    delete_retention_ms,
                    "delete.retention.ms",
                    0,
                    u32::MAX.into(),
                )?;
                if t.cleanup != Cleanup::Delete {
                    let most = i64::MAX as u64;
                    t.min_cleanable_dirty_ratio =
                        parse::ratio(dirty_ratio, "min.cleanable.dirty.ratio")?;
                    t.min_compaction_lag_ms =
                        parse::whole_u64(min_lag, "min.compaction.lag.ms", 0, most)?;
                    t.max_compaction_lag_ms =
                        parse::whole_u64(max_lag, "max.compaction.lag.ms", 1, most)?;
                }
                Ok(t)
            })();
            submit(&sim, error, topic.map(|topic| Command::AddTopic { topic }));
        })
    };
    let current = topics
        .iter()
        .find(|(t, _)| *t == *grow_topic)
        .or(topics.first())
        .cloned();
    let on_grow = {
        let (sim, grow_to, grow_error, current) = (
            sim.clone(),
            grow_to.clone(),
            grow_error.clone(),
            current.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let command = (|| -> Result<Command, String> {
                let (topic, now) = current.clone().ok_or(parse::NO_TOPIC)?;
                let n = parse::count(&grow_to, "partitions", MAX_PARTITIONS)?;
                if n as usize <= now {
                    return Err(parse::only_grows(now));
                }
                Ok(Command::AddPartitions {
                    topic,
                    partitions: n,
                })
            })();
            submit(&sim, &grow_error, command);
        })
    };
    let Fields {
        name,
        parts,
        error,
        policy,
        retention_ms,
        retention_bytes,
        segment_ms,
        segment_bytes,
        delete_retention_ms,
        dirty_ratio,
        min_lag,
        max_lag,
    } = &*f;
    let compact = **policy != "delete";
    let t = |key: &str| i18n.t(key);
    html! {
        <>
        { card_form("topic-form", t("form.topic.title"), on_add, html! { <>
            { fields(i18n, "topic-", &MAIN, &[name, parts], error) }
            { advanced(t("form.topic.configs"), html! { <>
                { picker("topic-cleanup", true, "cleanup.policy".into(), dom::set_picked(policy), CLEANUPS.iter().map(|(v, k)| option((*v).into(), **policy == *v, t(k))).collect()) }
                </> }, html! { <>
                    { fields(i18n, "topic-", &RETENTION, &[retention_ms, retention_bytes, segment_ms, segment_bytes], error) }
                    if compact {
                        { fields(i18n, "topic-", &COMPACTION, &[delete_retention_ms, dirty_ratio, min_lag, max_lag], error) }
                    }
                </> }) }
            { alert(Some("topic-error"), translate_problem(i18n, &parse::error_elsewhere(error, TOPIC_FIELDS))) }
            { submit_button("btn primary", Some("add-topic".into()), false, t("form.topic.add")) } // i18n-ok: CSS classes
        </> }) }
        if let Some((topic, now)) = current {
            { card_form("grow-form", t("form.grow.title"), on_grow, html! { <>
                { picker("grow-topic", false, t("form.topic"), dom::set_picked(&grow_topic), topics.iter().map(|(t, n)| option(t.clone(), *t == topic, format!("{t} ({n})"))).collect()) }
                { field("grow-to", &t("form.grow.count"), "number", &grow_to, &i18n.tf("form.grow.count_rule", &[("now", &now)]), translate_problem(i18n, &grow_error)) }
                { submit_button("btn", None, false, t("form.grow.add")) }
            </> }) }
        }
        </>
    }
}

/// The topic's name and partitions.
#[rustfmt::skip]
const MAIN: [Spec; 2] = [
    Spec::text("name", Key("form.topic.name"), Key("form.topic.name_rule"), ""),
    Spec::number("partitions", Key("form.topic.partitions"), UpTo(MAX_PARTITIONS), "partitions"),
];

/// The retention and segment configs.
#[rustfmt::skip]
const RETENTION: [Spec; 4] = [
    Spec::config("retention-ms", "retention.ms", Key("form.topic.retention_ms_rule")),
    Spec::config("retention-bytes", "retention.bytes", Key("form.topic.retention_bytes_rule")),
    Spec::config("segment-ms", "segment.ms", Key("form.topic.segment_ms_rule")),
    Spec::config("segment-bytes", "segment.bytes", Key("form.topic.segment_bytes_rule")),
];

/// The compaction configs, shown for a compacted topic.
#[rustfmt::skip]
const COMPACTION: [Spec; 4] = [
    Spec::config("delete-retention", "delete.retention.ms", Key("form.topic.delete_retention_rule")),
    Spec::text("dirty-ratio", Name("min.cleanable.dirty.ratio"), Key("form.topic.dirty_ratio_rule"), "min.cleanable.dirty.ratio"),
    Spec::config("min-lag", "min.compaction.lag.ms", Key("form.topic.min_lag_rule")),
    Spec::config("max-lag", "max.compaction.lag.ms", Key("form.topic.max_lag_rule")),
];
