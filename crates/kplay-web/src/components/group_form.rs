//! Add a consumer group: subscription, assignor (eager or cooperative), the committing client (Spring's listener
//! container by default, or the plain Kafka client), offset reset, and its first
//! instances (threads per instance = @KafkaListener(concurrency); the group has instances × threads members) with their processing time, static membership,
//! and the consumer timeouts that decide when a slow or silent member is removed.

use crate::components::field::{field, field_input};
use crate::dom;
use crate::hooks::use_form_state::{use_flag, use_index, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::parse;
use kplay_core::scenario::{
    AckMode, CommitMode, CommitSpec, GroupSpec, InstanceSpec, OffsetReset, Strategy, MAX_THREADS,
};
use kplay_core::Command;
use yew::prelude::*;

/// Commit choices: Spring Kafka's listener container first (the playground's default, `AckMode.BATCH`), then
/// the plain Kafka client. Index `i < 7` is `ACKS[i]`; the rest are `MODES[i - 7]`.
const COMMITS: [&str; 11] = [
    "Spring: AckMode.BATCH (default: after each poll's records)",
    "Spring: AckMode.RECORD (after each record)",
    "Spring: AckMode.TIME (after ackTime)",
    "Spring: AckMode.COUNT (after ackCount records)",
    "Spring: AckMode.COUNT_TIME",
    "Spring: AckMode.MANUAL (acknowledge(), committed per poll)",
    "Spring: AckMode.MANUAL_IMMEDIATE (acknowledge() commits)",
    "Kafka client: enable.auto.commit=true (every auto.commit.interval.ms)",
    "Kafka client: commitSync() after each poll",
    "Kafka client: commitAsync() after each poll",
    "Kafka client: commitSync() per record",
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
    ("earliest", OffsetReset::Earliest),
    ("latest (Kafka default)", OffsetReset::Latest),
    ("none", OffsetReset::None),
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
    "hand-off queue",
    "offsets.retention.ms",
];

/// The group form.
/// A hook of the Build tab's one component ([`BuildPanel`](crate::components::build_panel::BuildPanel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_group_form(sim: &SimHandle) -> Html {
    let n = sim.snapshot.groups.len() + 1;
    let id = use_text(&format!("group-{n}"));
    let topics_text = use_text("");
    let strategy = use_index(0);
    let commit = use_index(0);
    let reset = use_index(0);
    let listener = use_text("OrderListener");
    let instances = use_text("2");
    let threads = use_text("2");
    let processing = use_text("0");
    let static_members = use_flag(false);
    let handoff = use_text("");
    let defaults = GroupSpec::new("", []);
    let session_ms = use_text(&defaults.session_timeout_ms.to_string());
    let poll_interval_ms = use_text(&defaults.max_poll_interval_ms.to_string());
    let poll_records = use_text(&defaults.max_poll_records.to_string());
    let commit_interval_ms = use_text(&defaults.commit.interval_ms.to_string());
    let ack_time_ms = use_text(&defaults.commit.ack_time_ms.to_string());
    let ack_count = use_text(&defaults.commit.ack_count.to_string());
    let offsets_retention_ms = use_text(&defaults.offsets_retention_ms.to_string());
    let error = use_text("");
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
        let (sim, id, strategy, commit, reset, listener, instances, threads, error, topics_value) = (
            sim.clone(),
            id.clone(),
            strategy.clone(),
            commit.clone(),
            reset.clone(),
            listener.clone(),
            instances.clone(),
            threads.clone(),
            error.clone(),
            topics_value.clone(),
        );
        let (
            processing,
            static_members,
            session_ms,
            poll_interval_ms,
            poll_records,
            commit_interval_ms,
        ) = (
            processing.clone(),
            static_members.clone(),
            session_ms.clone(),
            poll_interval_ms.clone(),
            poll_records.clone(),
            commit_interval_ms.clone(),
        );
        let offsets_retention_ms = offsets_retention_ms.clone();
        let (ack_time_ms, ack_count, handoff) =
            (ack_time_ms.clone(), ack_count.clone(), handoff.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let group = (|| -> Result<GroupSpec, String> {
                let count = parse::count(&instances, "instances", 32)?;
                let per = parse::count(&threads, "threads", MAX_THREADS)?;
                let work = parse::processing(&processing, "processing")?;
                let mut g = GroupSpec::new(id.trim(), parse::list(&topics_value));
                g.strategy = Strategy::ALL[*strategy % Strategy::ALL.len()];
                let pick = *commit % COMMITS.len();
                g.commit = match ACKS.get(pick) {
                    Some(&ack) => {
                        let mut c = CommitSpec::spring(ack);
                        c.ack_time_ms = parse::whole(&ack_time_ms, "ackTime", 1, 3_600_000)?;
                        c.ack_count = parse::whole(&ack_count, "ackCount", 1, 1_000_000)?;
                        c
                    }
                    None => {
                        let mut c = CommitSpec::kafka(MODES[pick - ACKS.len()]);
                        c.interval_ms = parse::whole(
                            &commit_interval_ms,
                            "auto.commit.interval.ms",
                            1,
                            3_600_000,
                        )?;
                        c
                    }
                };
                let handoff = match handoff.trim() {
                    "" => None,
                    q => Some(parse::whole(q, "hand-off queue", 1, 100_000)?),
                };
                g.auto_offset_reset = RESETS[*reset % RESETS.len()].1;
                g.session_timeout_ms =
                    parse::whole(&session_ms, "session.timeout.ms", 6_000, 1_800_000)?;
                // Kafka advises a heartbeat no slower than a third of the session timeout.
                g.heartbeat_interval_ms = g.heartbeat_interval_ms.min(g.session_timeout_ms / 3);
                g.max_poll_interval_ms =
                    parse::whole(&poll_interval_ms, "max.poll.interval.ms", 1_000, 86_400_000)?;
                g.max_poll_records = parse::whole(&poll_records, "max.poll.records", 1, 100_000)?;
                g.offsets_retention_ms = parse::whole_u64(
                    &offsets_retention_ms,
                    "offsets.retention.ms",
                    1,
                    u32::MAX.into(),
                )?;
                for i in 1..=count {
                    let instance_id = format!("{}-{i}", id.trim());
                    let mut inst = InstanceSpec::new(&instance_id, listener.trim(), per);
                    inst.processing_ms = work;
                    inst.static_id = static_members.then_some(instance_id);
                    inst.handoff_queue = handoff;
                    g.instances.push(inst);
                }
                Ok(g)
            })();
            match group.map(|group| sim.apply(Command::AddGroup { group })) {
                Ok(Ok(())) => error.set(String::new()),
                Ok(Err(e)) => error.set(e.to_string()),
                Err(msg) => error.set(msg),
            }
        })
    };
    let err = |field: &str| parse::error_for(&error, field);
    html! {
        <form class="card form" onsubmit={on_submit} aria-label="Add a consumer group" data-testid="group-form">
            <h3>{ "Add a consumer group" }</h3>
            { field("group-id", "group.id", "text", &id, "unique", String::new()) }
            { field_input("group-topics", "Subscribed topics (comma separated)", "text", topics_value,
                          "existing topics", String::new(), &dom::set_text(&topics_text)) }
            <label for="group-strategy">{ "Assignor" }</label>
            <select id="group-strategy" data-testid="group-strategy" onchange={dom::set_picked_index(&strategy)}>
                { for Strategy::ALL.iter().enumerate().map(|(i, s)| {
                    let proto = if *s == Strategy::CooperativeSticky { "cooperative: only moved partitions pause" } else { "eager: every member stops on rebalance" };
                    html! { <option value={i.to_string()} selected={i == *strategy}>{ format!("{} ({proto})", s.name()) }</option> }
                }) }
            </select>
            <label for="group-commit">{ "Client and commits" }</label>
            <select id="group-commit" data-testid="group-commit" onchange={dom::set_picked_index(&commit)}>
                { for COMMITS.iter().enumerate().map(|(i, l)| html! { <option value={i.to_string()} selected={i == *commit}>{ *l }</option> }) }
            </select>
            <label for="group-reset">{ "auto.offset.reset" }</label>
            <select id="group-reset" onchange={dom::set_picked_index(&reset)}>
                { for RESETS.iter().enumerate().map(|(i, (l, _))| html! { <option value={i.to_string()} selected={i == *reset}>{ *l }</option> }) }
            </select>
            { field("group-listener", "Listener class", "text", &listener, "one class per group; two classes in one group each miss records", String::new()) }
            <div class="field-row">
                { field("group-instances", "Instances", "number", &instances, "processes, 1 to 32", err("instances")) }
                { field("group-threads", "Threads each", "number", &threads, &format!("@KafkaListener concurrency: threads per instance, 1 to {MAX_THREADS}"), err("threads")) }
            </div>
            { field("group-processing", "Processing time per record (ms)", "text", &processing, "20, or a range like 5-50", err("processing")) }
            <label class="check"><input type="checkbox" id="group-static" checked={*static_members} onchange={dom::set_checked(&static_members)} />
                { " static membership: group.instance.id per instance (a quick restart causes no rebalance)" }</label>
            <details class="advanced">
                <summary>{ "Consumer configs (timeouts, poll size, commit timing, hand-off)" }</summary>
                <div class="field-row">
                    { field("group-session", "session.timeout.ms", "number", &session_ms, "6,000 to 1,800,000: a crash is noticed after this", err("session.timeout.ms")) }
                    { field("group-poll-interval", "max.poll.interval.ms", "number", &poll_interval_ms, "1,000 to 86,400,000: a slower poll loop is kicked out", err("max.poll.interval.ms")) }
                    { field("group-poll-records", "max.poll.records", "number", &poll_records, "1 to 100,000 records per poll", err("max.poll.records")) }
                    { field("group-commit-interval", "auto.commit.interval.ms", "number", &commit_interval_ms, "1 to 3,600,000 (Kafka client, auto commit)", err("auto.commit.interval.ms")) }
                    { field("group-ack-time", "ackTime (ms)", "number", &ack_time_ms, "1 to 3,600,000 (Spring TIME, COUNT_TIME)", err("ackTime")) }
                    { field("group-ack-count", "ackCount", "number", &ack_count, "1 to 1,000,000 (Spring COUNT, COUNT_TIME)", err("ackCount")) }
                    { field("group-handoff", "hand-off queue (records)", "number", &handoff, "empty: process on the poll thread; 1 to 100,000: hand records to a worker thread (commits can run ahead of processing)", err("hand-off queue")) }
                    { field("group-offsets-retention", "offsets retention (ms)", "number", &offsets_retention_ms, "offsets.retention.minutes: committed offsets go once the group has been Empty this long", err("offsets.retention.ms")) }
                </div>
            </details>
            <p class="error" role="alert" data-testid="group-error">{ parse::error_elsewhere(&error, GROUP_FIELDS) }</p>
            <button class="btn primary" type="submit" data-testid="add-group">{ "Add group" }</button>
        </form>
    }
}
