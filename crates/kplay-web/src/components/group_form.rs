//! Add a consumer group: subscription, assignor (eager or cooperative), commit mode, offset reset, and its first
//! instances (instances × threads = @KafkaListener(concurrency)).

use crate::components::field::Field;
use crate::components::topic_form::parse_count;
use crate::hooks::use_simulation::SimHandle;
use kplay_core::scenario::{
    CommitMode, GroupSpec, InstanceSpec, OffsetReset, Strategy, MAX_THREADS,
};
use kplay_core::Command;
use yew::prelude::*;

/// Props of [`GroupForm`].
#[derive(Properties, PartialEq)]
pub struct GroupFormProps {
    /// The simulation.
    pub sim: SimHandle,
}

const COMMITS: [(&str, CommitMode); 4] = [
    ("auto (every 5 s)", CommitMode::Auto),
    ("sync after each poll", CommitMode::Sync),
    ("async after each poll", CommitMode::Async),
    ("per record", CommitMode::PerRecord),
];
const RESETS: [(&str, OffsetReset); 3] = [
    ("earliest", OffsetReset::Earliest),
    ("latest (Kafka default)", OffsetReset::Latest),
    ("none", OffsetReset::None),
];

/// The group form.
#[component]
pub fn GroupForm(props: &GroupFormProps) -> Html {
    let n = props.sim.snapshot.groups.len() + 1;
    let id = use_state(|| format!("group-{n}"));
    let topics_text = use_state(String::new);
    let strategy = use_state(|| 0usize);
    let commit = use_state(|| 0usize);
    let reset = use_state(|| 0usize);
    let listener = use_state(|| String::from("OrderListener"));
    let instances = use_state(|| String::from("2"));
    let threads = use_state(|| String::from("2"));
    let error = use_state(String::new);
    let default_topics = props
        .sim
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
            props.sim.clone(),
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
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let count = match parse_count(&instances, "instances", 32) {
                Ok(n) => n,
                Err(m) => return error.set(m),
            };
            let per = match parse_count(&threads, "threads", MAX_THREADS) {
                Ok(n) => n,
                Err(m) => return error.set(m),
            };
            let subs: Vec<&str> = topics_value
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            let mut g = GroupSpec::new(id.trim(), subs);
            g.strategy = Strategy::ALL[*strategy];
            g.commit.mode = COMMITS[*commit].1;
            g.auto_offset_reset = RESETS[*reset].1;
            for i in 1..=count {
                g.instances.push(InstanceSpec::new(
                    &format!("{}-{i}", id.trim()),
                    listener.trim(),
                    per,
                ));
            }
            match sim.apply(Command::AddGroup { group: g }) {
                Ok(()) => error.set(String::new()),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    let pick = |s: UseStateHandle<usize>| {
        Callback::from(move |e: Event| {
            s.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value()
                    .parse()
                    .unwrap_or(0),
            )
        })
    };
    html! {
        <form class="card form" onsubmit={on_submit} aria-label="Add a consumer group" data-testid="group-form">
            <h3>{ "Add a consumer group" }</h3>
            <Field id="group-id" label="group.id" value={(*id).clone()} on_input={set(id.clone())} rule="unique" />
            <Field id="group-topics" label="Subscribed topics (comma separated)" value={topics_value}
                   on_input={set(topics_text.clone())} rule="existing topics" />
            <label for="group-strategy">{ "Assignor" }</label>
            <select id="group-strategy" data-testid="group-strategy" onchange={pick(strategy.clone())}>
                { for Strategy::ALL.iter().enumerate().map(|(i, s)| {
                    let proto = if *s == Strategy::CooperativeSticky { "cooperative: only moved partitions pause" } else { "eager: every member stops on rebalance" };
                    html! { <option value={i.to_string()} selected={i == *strategy}>{ format!("{} ({proto})", s.name()) }</option> }
                }) }
            </select>
            <label for="group-commit">{ "Commit mode" }</label>
            <select id="group-commit" onchange={pick(commit.clone())}>
                { for COMMITS.iter().enumerate().map(|(i, (l, _))| html! { <option value={i.to_string()} selected={i == *commit}>{ *l }</option> }) }
            </select>
            <label for="group-reset">{ "auto.offset.reset" }</label>
            <select id="group-reset" onchange={pick(reset.clone())}>
                { for RESETS.iter().enumerate().map(|(i, (l, _))| html! { <option value={i.to_string()} selected={i == *reset}>{ *l }</option> }) }
            </select>
            <Field id="group-listener" label="Listener class" value={(*listener).clone()} on_input={set(listener.clone())}
                   rule="one class per group; two classes in one group each miss records" />
            <div class="field-row">
                <Field id="group-instances" label="Instances" kind="number" value={(*instances).clone()}
                       on_input={set(instances.clone())} rule="processes, 1..=32" />
                <Field id="group-threads" label="Threads each" kind="number" value={(*threads).clone()}
                       on_input={set(threads.clone())} rule={format!("concurrency, 1..={MAX_THREADS}")} />
            </div>
            if !error.is_empty() { <p class="error" role="alert" data-testid="group-error">{ (*error).clone() }</p> }
            <button class="btn primary" type="submit" data-testid="add-group">{ "Add group" }</button>
        </form>
    }
}
