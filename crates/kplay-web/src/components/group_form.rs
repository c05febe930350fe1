//! Add a consumer group: subscription, assignor (eager or cooperative), the committing client (Spring's listener
//! container by default, or the plain Kafka client), offset reset, and its first
//! instances (threads per instance = @KafkaListener(concurrency); the group has instances × threads members) with their processing time, static membership,
//! and the consumer timeouts that decide when a slow or silent member is removed.

use crate::components::field::Words::{Key, Name};
use crate::components::field::{field, field_input, fields, Spec};
use crate::components::markup::{
    advanced, alert, card_form, check, field_row, option, picker, submit_button,
};
use crate::dom;
use crate::hooks::use_form_state::{submit, use_index, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use crate::parse;
use kplay_core::scenario::{
    AckMode, CommitMode, CommitSpec, GroupSpec, InstanceSpec, OffsetReset, Strategy,
    MAX_GROUP_INSTANCES, MAX_THREADS,
};
use kplay_core::Command;
use std::rc::Rc;
use yew::prelude::*;

/// Commit choices: Spring Kafka's listener container first (the playground's default, `AckMode.BATCH`), then
/// the plain Kafka client. Index `i < 7` is `ACKS[i]`; the rest are `MODES[i - 7]`.
const COMMITS: [&str; 11] = [
    "form.group.commit.batch",
    "form.group.commit.record",
    "form.group.commit.time",
    "form.group.commit.count",
    "form.group.commit.count_time",
    "form.group.commit.manual",
    "form.group.commit.manual_immediate",
    "form.group.commit.auto",
    "form.group.commit.sync",
    "form.group.commit.async",
    "form.group.commit.per_record",
];
const ACKS: [AckMode; 7] = [
    AckMode::Batch,
    AckMode::Record,
    AckMode::Time,
    AckMode::Count,
    AckMode::CountTime,
    AckMode::Manual,
    AckMode::ManualImmediate,
];
const MODES: [CommitMode; 4] = [
    CommitMode::Auto,
    CommitMode::Sync,
    CommitMode::Async,
    CommitMode::PerRecord,
];
const RESETS: [(&str, OffsetReset); 3] = [
    ("form.group.reset.earliest", OffsetReset::Earliest),
    ("form.group.reset.latest", OffsetReset::Latest),
    ("form.group.reset.none", OffsetReset::None),
];

/// Fields of the form that show their own errors.
const GROUP_FIELDS: &[&str] = &[
    "instances",
    "threads",
    "processing",
    "session.timeout.ms",
    "max.poll.interval.ms",
    "max.poll.records",
    "auto.commit.interval.ms",
    "ackTime",
    "ackCount",
    parse::HANDOFF_FIELD,
    "offsets.retention.ms",
];

/// The group form's fields (the subscription's text stays apart: its shown value follows the first topic until typed).
struct Fields {
    id: UseStateHandle<String>,
    strategy: UseStateHandle<usize>,
    commit: UseStateHandle<usize>,
    reset: UseStateHandle<usize>,
    listener: UseStateHandle<String>,
    instances: UseStateHandle<String>,
    threads: UseStateHandle<String>,
    processing: UseStateHandle<String>,
    static_members: UseStateHandle<usize>,
    handoff: UseStateHandle<String>,
    session_ms: UseStateHandle<String>,
    poll_interval_ms: UseStateHandle<String>,
    poll_records: UseStateHandle<String>,
    commit_interval_ms: UseStateHandle<String>,
    ack_time_ms: UseStateHandle<String>,
    ack_count: UseStateHandle<String>,
    offsets_retention_ms: UseStateHandle<String>,
    error: UseStateHandle<String>,
}

/// The group form.
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_group_form(i18n: &I18n, sim: &SimHandle) -> Html {
    let n = sim.snapshot.groups.len() + 1;
    let topics_text = use_text("");
    let defaults = GroupSpec::new("", []);
    // The fields in one shared struct: the submit handler holds one `Rc` instead of a clone of each handle.
    let f = Rc::new(Fields {
        id: use_text(&format!("group-{n}")),
        strategy: use_index(0),
        commit: use_index(0),
        reset: use_index(0),
        listener: use_text("OrderListener"),
        instances: use_text("2"),
        threads: use_text("2"),
        processing: use_text("0"),
        static_members: use_index(0),
        handoff: use_text(""),
        session_ms: use_text(&defaults.session_timeout_ms.to_string()),
        poll_interval_ms: use_text(&defaults.max_poll_interval_ms.to_string()),
        poll_records: use_text(&defaults.max_poll_records.to_string()),
        commit_interval_ms: use_text(&defaults.commit.interval_ms.to_string()),
        ack_time_ms: use_text(&defaults.commit.ack_time_ms.to_string()),
        ack_count: use_text(&defaults.commit.ack_count.to_string()),
        offsets_retention_ms: use_text(&defaults.offsets_retention_ms.to_string()),
        error: use_text(""),
    });
    let default_topics = sim
        .snapshot
        .topics
        .first()
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let topics_value = if topics_text.is_empty() {
        default_topics.clone()
    } else {
        (*topics_text).clone()
    };

    let on_submit = {
        let (sim, f, topics_value) = (sim.clone(), f.clone(), topics_value.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Fields {
                id,
                strategy,
                commit,
                reset,
                listener,
                instances,
                threads,
                processing,
                static_members,
                handoff,
                session_ms,
                poll_interval_ms,
                poll_records,
                commit_interval_ms,
                ack_time_ms,
                ack_count,
                offsets_retention_ms,
                error,
            } = &*f;
            let group = (|| -> Result<GroupSpec, String> {
                let count = parse::count(instances, "instances", MAX_GROUP_INSTANCES as u32)?;
                let per = parse::count(threads, "threads", MAX_THREADS)?;
                let work = parse::processing(processing, "processing")?;
                let mut g = GroupSpec::new(id.trim(), parse::list(&topics_value));
                g.strategy = Strategy::ALL[**strategy % Strategy::ALL.len()];
                let pick = **commit % COMMITS.len();
                g.commit = match ACKS.get(pick) {
                    Some(&ack) => {
                        let mut c = CommitSpec::spring(ack);
                        c.ack_time_ms = parse::whole(ack_time_ms, "ackTime", 1, 3_600_000)?;
                        c.ack_count = parse::whole(ack_count, "ackCount", 1, 1_000_000)?;
                        c
                    }
                    None => {
                        let mut c = CommitSpec::kafka(MODES[pick - ACKS.len()]);
                        c.interval_ms = parse::whole(
                            commit_interval_ms,
                            "auto.commit.interval.ms",
                            1,
                            3_600_000,
                        )?;
                        c
                    }
                };
                let handoff = match handoff.trim() {
                    "" => None,
                    q => Some(parse::whole(q, parse::HANDOFF_FIELD, 1, 100_000)?),
                };
                g.auto_offset_reset = RESETS[**reset % RESETS.len()].1;
                g.session_timeout_ms =
                    parse::whole(session_ms, "session.timeout.ms", 6_000, 1_800_000)?;
                // Kafka advises a heartbeat no slower than a third of the session timeout.
                g.heartbeat_interval_ms = g.heartbeat_interval_ms.min(g.session_timeout_ms / 3);
                g.max_poll_interval_ms =
                    parse::whole(poll_interval_ms, "max.poll.interval.ms", 1_000, 86_400_000)?;
                g.max_poll_records = parse::whole(poll_records, "max.poll.records", 1, 100_000)?;
                g.offsets_retention_ms = parse::whole_u64(
                    offsets_retention_ms,
                    "offsets.retention.ms",
                    1,
                    u32::MAX.into(),
                )?;
                for i in 1..=count {
                    let instance_id = format!("{}-{i}", id.trim());
                    let mut inst = InstanceSpec::new(&instance_id, listener.trim(), per);
                    inst.processing_ms = work;
                    inst.static_id = (**static_members != 0).then_some(instance_id);
                    inst.handoff_queue = handoff;
                    g.instances.push(inst);
                }
                Ok(g)
            })();
            submit(&sim, error, group.map(|group| Command::AddGroup { group }));
        })
    };
    let Fields {
        id,
        strategy,
        commit,
        reset,
        listener,
        instances,
        threads,
        processing,
        static_members,
        handoff,
        session_ms,
        poll_interval_ms,
        poll_records,
        commit_interval_ms,
        ack_time_ms,
        ack_count,
        offsets_retention_ms,
        error,
    } = &*f;
    let err = |field: &str| translate_problem(i18n, &parse::error_for(error, field));
    let t = |key: &str| i18n.t(key);
    let strategies = Strategy::ALL.iter().enumerate().map(|(i, s)| {
        let proto = t(if *s == Strategy::CooperativeSticky {
            "form.group.cooperative"
        } else {
            "form.group.eager"
        });
        option(
            i.to_string(),
            i == **strategy,
            String::from(s.name()) + " (" + &proto + ")",
        )
    });
    html! {
        { card_form("group-form", t("form.group.title"), on_submit, html! { <>
            { fields(i18n, "group-", &ID, &[id], error) }
            { field_input("group-topics", &t("form.group.topics"), "text", topics_value,
                          &t("form.group.topics_rule"), String::new(), &dom::set_text(&topics_text)) }
            { picker("group-strategy", true, t("form.group.assignor"), dom::set_picked_index(strategy), strategies.collect()) }
            { picker("group-commit", true, t("form.group.commits"), dom::set_picked_index(commit), COMMITS.iter().enumerate().map(|(i, l)| option(i.to_string(), i == **commit, t(l))).collect()) }
            { picker("group-reset", false, "auto.offset.reset".into(), dom::set_picked_index(reset), RESETS.iter().enumerate().map(|(i, (l, _))| option(i.to_string(), i == **reset, t(l))).collect()) }
            { fields(i18n, "group-", &LISTENER, &[listener], error) }
            { field_row(html! { <>
                { fields(i18n, "group-", &INSTANCES, &[instances], error) }
                { field("group-threads", &t("form.group.threads"), "number", threads, &i18n.tf("form.group.threads_rule", &[("max", &MAX_THREADS)]), err("threads")) }
            </> }) }
            { fields(i18n, "group-", &PROCESSING, &[processing], error) }
            { check("group-static", **static_members != 0, dom::set_checked(static_members), t("form.group.static")) }
            { advanced(t("form.group.configs"), Html::default(), fields(i18n, "group-", &CONFIGS, &[session_ms, poll_interval_ms,
                poll_records, commit_interval_ms, ack_time_ms, ack_count, handoff, offsets_retention_ms], error)) }
            { alert(Some("group-error"), translate_problem(i18n, &parse::error_elsewhere(error, GROUP_FIELDS))) }
            { submit_button("btn primary", Some("add-group".into()), false, t("form.group.add")) } // i18n-ok: CSS classes
        </> }) }
    }
}

/// The group's id.
#[rustfmt::skip]
const ID: [Spec; 1] = [Spec::text("id", Name("group.id"), Key("form.group.id_rule"), "")];

/// Its instances' listener class.
#[rustfmt::skip]
const LISTENER: [Spec; 1] = [Spec::text("listener", Key("form.group.listener"), Key("form.group.listener_rule"), "")];

/// Its instance count.
#[rustfmt::skip]
const INSTANCES: [Spec; 1] = [
    Spec::number("instances", Key("form.group.instances"), Key("form.group.instances_rule"), "instances"),
];

/// Its processing time per record.
#[rustfmt::skip]
const PROCESSING: [Spec; 1] = [
    Spec::text("processing", Key("form.group.processing"), Key("form.processing_rule"), "processing"),
];

/// The consumer configs.
#[rustfmt::skip]
const CONFIGS: [Spec; 8] = [
    Spec::config("session", "session.timeout.ms", Key("form.group.session_rule")),
    Spec::config("poll-interval", "max.poll.interval.ms", Key("form.group.poll_interval_rule")),
    Spec::config("poll-records", "max.poll.records", Key("form.group.poll_records_rule")),
    Spec::config("commit-interval", "auto.commit.interval.ms", Key("form.group.commit_interval_rule")),
    Spec::number("ack-time", Name("ackTime (ms)"), Key("form.group.ack_time_rule"), "ackTime"),
    Spec::config("ack-count", "ackCount", Key("form.group.ack_count_rule")),
    Spec::number("handoff", Key("form.group.handoff"), Key("form.group.handoff_rule"), parse::HANDOFF_FIELD),
    Spec::number("offsets-retention", Key("form.group.offsets_retention"), Key("form.group.offsets_retention_rule"), "offsets.retention.ms"),
];
