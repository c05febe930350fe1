//! A group as Spring Boot would configure it: the `@KafkaListener` method and the `application.yml` properties
//! that give the same consumers. Plain Rust (no DOM), so it is tested natively.
//!
//! Names checked against the sources (not from memory):
//! - `@KafkaListener(id, groupId, topics, concurrency)`, `concurrency` a String overriding the container factory:
//!   Spring for Apache Kafka reference, "@KafkaListener Annotation" (`concurrency = "${listen.concurrency:3}"`) and
//!   the `KafkaListener` javadoc (docs.spring.io/spring-kafka/docs/2.6.8/api/.../annotation/KafkaListener.html).
//! - `spring.kafka.consumer.group-id`, `auto-offset-reset`, `enable-auto-commit`, `auto-commit-interval`,
//!   `heartbeat-interval`, `max-poll-records`, `properties.*` and `spring.kafka.listener.ack-mode`, `ack-time`,
//!   `ack-count`: Spring Boot "Common Application Properties" (spring.kafka.*) and its `KafkaProperties`
//!   (`Consumer`, `Listener`; durations accept `ms`). Keys with dots under `properties` are written
//!   `"[a.b]"`, as in Spring Boot's "Additional Kafka Properties".
//! - Static membership: Spring's `ConcurrentMessageListenerContainer` suffixes `group.instance.id` per child
//!   container with `-` + its index (`configureChildContainer`: `"-" + index`, index from 0), as kplay's threads.
//! - Assignor classes: `org.apache.kafka.clients.consumer.{Range,RoundRobin,Sticky,CooperativeSticky}Assignor`.

use crate::i18n::I18n;
use crate::lesson::quoted;
use kplay_core::scenario::{
    AckMode, Client, CommitMode, GroupSpec, InstanceSpec, OffsetReset, Strategy,
};

/// The two generated texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpringCode {
    /// The listener classes with their `@KafkaListener` methods.
    pub java: String,
    /// `application.yml`.
    pub yaml: String,
}

fn assignor(s: Strategy) -> &'static str {
    match s {
        Strategy::Range => "RangeAssignor",
        Strategy::RoundRobin => "RoundRobinAssignor",
        Strategy::Sticky => "StickyAssignor",
        Strategy::CooperativeSticky => "CooperativeStickyAssignor",
    }
}

/// The Java side: one listener class per distinct (listener class, threads, topics) among the instances, with
/// the instances that run it in a comment, so instances with different `concurrency` each get theirs.
fn java(i18n: &I18n, g: &GroupSpec) -> String {
    fn topics<'a>(g: &'a GroupSpec, i: &'a InstanceSpec) -> &'a [String] {
        i.topics.as_deref().unwrap_or(&g.topics)
    }
    let same = |a: &InstanceSpec, b: &InstanceSpec| {
        a.listener == b.listener && a.threads == b.threads && topics(g, a) == topics(g, b)
    };
    let manual = g.commit.client == Client::Spring
        && matches!(
            g.commit.ack_mode,
            AckMode::Manual | AckMode::ManualImmediate
        );
    let ack = if manual {
        ", Acknowledgment ack) {\n        // ...\n        ack.acknowledge();"
    } else {
        ") {\n        // ..."
    };
    let id = quoted(&g.id);
    // A group without instances still gets its listener, as one unnamed instance.
    let none = [InstanceSpec::new("", "Listener", 1)];
    let all = if g.instances.is_empty() {
        &none[..]
    } else {
        &g.instances
    };
    let mut out = String::new();
    // Each variant where its first instance appears.
    for (n, i) in all.iter().enumerate() {
        if all[..n].iter().any(|e| same(e, i)) {
            continue;
        }
        if n > 0 {
            out.push('\n');
        }
        let mut ids = String::new();
        for e in all.iter().filter(|e| same(e, i) && !e.id.is_empty()) {
            ids.push_str(if ids.is_empty() { "// " } else { ", " });
            ids.push_str(&e.id);
        }
        if !ids.is_empty() {
            ids.push('\n');
        }
        let mut list = String::new();
        for t in topics(g, i) {
            if !list.is_empty() {
                list.push_str(", ");
            }
            list.push_str(&quoted(t));
        }
        out += &i18n.tf(
            "spring.class",
            &[
                ("ids", &ids),
                ("listener", &i.listener),
                ("id", &id),
                ("topics", &list),
                ("threads", &i.threads),
                ("ack", &ack),
            ],
        );
    }
    out
}

/// The `application.yml` side.
fn yaml(i18n: &I18n, g: &GroupSpec) -> String {
    let c = &g.commit;
    let reset = match g.auto_offset_reset {
        OffsetReset::Earliest => "earliest",
        OffsetReset::Latest => "latest",
        OffsetReset::None => "none",
    };
    let auto = c.auto_commit();
    let interval = if auto {
        String::from("      auto-commit-interval: ") + &c.interval_ms.to_string() + "ms\n"
    } else {
        String::new()
    };
    let mut y = i18n.tf(
        "spring.yaml",
        &[
            ("id", &quoted(&g.id)),
            ("reset", &reset),
            ("auto", &auto),
            ("interval", &interval),
            ("records", &g.max_poll_records),
            ("heartbeat", &g.heartbeat_interval_ms),
            ("assignor", &assignor(g.strategy)),
            ("session", &g.session_timeout_ms),
            ("poll", &g.max_poll_interval_ms),
        ],
    );
    let statics = || g.instances.iter().filter(|i| i.static_id.is_some());
    const INSTANCE_ID: &str = "        \"[group.instance.id]\": ";
    match (statics().next(), statics().count()) {
        (None, _) => {}
        (Some(i), 1) => {
            y = y + INSTANCE_ID + &quoted(i.static_id.as_deref().unwrap_or_default()) + "\n";
        }
        _ => {
            // One file per process: each instance sets its own.
            for i in statics() {
                y = y
                    + "        # "
                    + &i.id
                    + ": INSTANCE_ID="
                    + i.static_id.as_deref().unwrap_or_default()
                    + "\n";
            }
            y = y + INSTANCE_ID + "${INSTANCE_ID}\n";
        }
    }
    // The plain client's commits as the container's closest equivalent: commitSync after each poll's records
    // is BATCH, per record is RECORD; commitAsync is BATCH with syncCommits=false (a container property).
    let spring = c.client == Client::Spring;
    let ack = match (c.client, c.mode) {
        (Client::Spring, _) => c.ack_mode,
        (Client::Kafka, CommitMode::Auto) => return y,
        (Client::Kafka, CommitMode::Sync | CommitMode::Async) => AckMode::Batch,
        (Client::Kafka, CommitMode::PerRecord) => AckMode::Record,
    };
    y = y + "    listener:\n      ack-mode: " + ack.name() + "\n";
    if spring && matches!(ack, AckMode::Time | AckMode::CountTime) {
        y = y + "      ack-time: " + &c.ack_time_ms.to_string() + "ms\n";
    }
    if spring && matches!(ack, AckMode::Count | AckMode::CountTime) {
        y = y + "      ack-count: " + &c.ack_count.to_string() + "\n";
    }
    if !spring && c.mode == CommitMode::Async {
        y.push_str("      # ContainerProperties.setSyncCommits(false)\n");
    }
    y
}

/// The Spring Boot code and configuration of group `g`. The fixed text is the catalogue's (`spring.class`,
/// `spring.yaml`, filled like any message): a static file rather than text in the wasm, and `fill`'s one code
/// path for every value rather than a `write!` per line.
pub fn spring_code(i18n: &I18n, g: &GroupSpec) -> SpringCode {
    SpringCode {
        java: java(i18n, g),
        yaml: yaml(i18n, g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::scenario::{CommitSpec, InstanceSpec};

    fn group(threads: &[u32]) -> GroupSpec {
        let mut g = GroupSpec::new("billing", ["orders", "refunds"]);
        g.commit = CommitSpec::spring(AckMode::Batch);
        g.auto_offset_reset = OffsetReset::Earliest;
        for (n, t) in threads.iter().enumerate() {
            let id = format!("billing-{}", n + 1);
            g.instances
                .push(InstanceSpec::new(&id, "BillingListener", *t));
        }
        g
    }

    #[test]
    fn same_threads_everywhere_give_one_listener_with_that_concurrency() {
        let code = spring_code(&I18n::english(), &group(&[3, 3]));
        assert_eq!(code.java.matches("@KafkaListener").count(), 1);
        assert!(
            code.java.contains("// billing-1, billing-2\n"),
            "{}",
            code.java
        );
        assert!(code.java.contains(
            "@KafkaListener(id = \"billing\", groupId = \"billing\", topics = {\"orders\", \"refunds\"}, concurrency = \"3\")"
        ), "{}", code.java);
        assert!(code.java.contains("public class BillingListener {"));
        assert!(!code.java.contains("Acknowledgment"));
    }

    #[test]
    fn instances_with_different_threads_each_get_their_concurrency() {
        let code = spring_code(&I18n::english(), &group(&[2, 3, 2]));
        assert_eq!(code.java.matches("@KafkaListener").count(), 2);
        assert!(code.java.contains("// billing-1, billing-3\n"));
        assert!(code.java.contains("// billing-2\n"));
        assert!(code.java.contains("concurrency = \"2\""));
        assert!(code.java.contains("concurrency = \"3\""));
    }

    #[test]
    fn an_instance_with_its_own_topics_or_listener_is_its_own_listener() {
        let mut g = group(&[1, 1]);
        g.instances[1].listener = "CrmSync".into();
        g.instances[0].topics = Some(vec!["orders".into()]);
        let code = spring_code(&I18n::english(), &g);
        assert!(code.java.contains("public class CrmSync {"));
        assert!(code.java.contains("topics = {\"orders\"}, concurrency"));
    }

    #[test]
    fn spring_batch_group_properties() {
        let y = spring_code(&I18n::english(), &group(&[2])).yaml;
        for line in [
            "spring:\n  kafka:\n    consumer:\n",
            "      group-id: \"billing\"\n",
            "      auto-offset-reset: earliest\n",
            "      enable-auto-commit: false\n",
            "      max-poll-records: 500\n",
            "      heartbeat-interval: 3000ms\n",
            "        \"[partition.assignment.strategy]\": org.apache.kafka.clients.consumer.RangeAssignor\n",
            "        \"[session.timeout.ms]\": 10000\n",
            "        \"[max.poll.interval.ms]\": 30000\n",
            "    listener:\n      ack-mode: BATCH\n",
        ] {
            assert!(y.contains(line), "missing {line:?} in\n{y}");
        }
        assert!(!y.contains("auto-commit-interval"));
        assert!(!y.contains("ack-time") && !y.contains("ack-count"));
        assert!(!y.contains("group.instance.id"));
    }

    #[test]
    fn count_time_writes_ack_time_and_count_and_manual_acknowledges() {
        let mut g = group(&[1]);
        g.commit = CommitSpec::spring(AckMode::CountTime);
        g.commit.ack_time_ms = 2000;
        g.commit.ack_count = 100;
        g.strategy = Strategy::CooperativeSticky;
        let y = spring_code(&I18n::english(), &g).yaml;
        assert!(y.contains(
            "      ack-mode: COUNT_TIME\n      ack-time: 2000ms\n      ack-count: 100\n"
        ));
        assert!(y.contains("consumer.CooperativeStickyAssignor\n"));
        g.commit = CommitSpec::spring(AckMode::ManualImmediate);
        let code = spring_code(&I18n::english(), &g);
        assert!(code.yaml.contains("ack-mode: MANUAL_IMMEDIATE\n"));
        assert!(
            code.java.contains(", Acknowledgment ack)") && code.java.contains("ack.acknowledge();")
        );
    }

    #[test]
    fn plain_kafka_auto_commit_sets_the_interval_and_no_ack_mode() {
        let mut g = group(&[1]);
        g.commit = CommitSpec::kafka(CommitMode::Auto);
        g.commit.interval_ms = 1000;
        let y = spring_code(&I18n::english(), &g).yaml;
        assert!(y.contains("enable-auto-commit: true\n      auto-commit-interval: 1000ms\n"));
        assert!(!y.contains("listener:"));
        g.commit = CommitSpec::kafka(CommitMode::PerRecord);
        assert!(spring_code(&I18n::english(), &g)
            .yaml
            .contains("ack-mode: RECORD\n"));
        g.commit = CommitSpec::kafka(CommitMode::Async);
        let y = spring_code(&I18n::english(), &g).yaml;
        assert!(y.contains("ack-mode: BATCH\n") && y.contains("setSyncCommits(false)"));
    }

    #[test]
    fn static_members_set_group_instance_id_per_process() {
        let mut g = group(&[2]);
        g.instances[0].static_id = Some("billing-1".into());
        assert!(spring_code(&I18n::english(), &g)
            .yaml
            .contains("        \"[group.instance.id]\": \"billing-1\"\n"));
        let mut g = group(&[2, 2]);
        g.instances[0].static_id = Some("a".into());
        g.instances[1].static_id = Some("b".into());
        let y = spring_code(&I18n::english(), &g).yaml;
        assert!(
            y.contains("# billing-1: INSTANCE_ID=a\n")
                && y.contains("# billing-2: INSTANCE_ID=b\n")
        );
        assert!(y.contains("\"[group.instance.id]\": ${INSTANCE_ID}\n"));
    }

    #[test]
    fn quotes_in_names_are_escaped_and_an_empty_group_still_has_a_listener() {
        let g = GroupSpec::new("we\"ird\\id", ["t"]);
        let code = spring_code(&I18n::english(), &g);
        assert!(
            code.java.contains("groupId = \"we\\\"ird\\\\id\""),
            "{}",
            code.java
        );
        assert!(code.yaml.contains("group-id: \"we\\\"ird\\\\id\"\n"));
        assert!(code.java.contains("topics = {\"t\"}, concurrency = \"1\""));
        assert!(code.java.starts_with("@Component"), "no instances to name");
    }
}
