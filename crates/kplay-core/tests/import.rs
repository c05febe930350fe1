//! Importing what Kafka's tools print (issue 14): parsers on layouts written from ConsumerGroupCommand and
//! TopicCommand of several versions, the scenario and explanation built from them, and exact rates.
#![cfg(feature = "import")]

use kplay_core::import::{build, parse, rates, ClearTime, NoteKind, Parsed};
use kplay_core::scenario::{Cleanup, Strategy};
use kplay_core::World;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn all(names: &[&str]) -> Parsed {
    let mut p = Parsed::default();
    for n in names {
        let one = parse(&fixture(n));
        assert!(one.problems.is_empty(), "{n}: {:?}", one.problems);
        p.merge(one);
    }
    p
}

#[test]
fn describe_3_6_with_notes_placeholders_and_two_groups() {
    let p = all(&["describe-3.6.txt"]);
    assert_eq!(p.notes.len(), 1);
    assert_eq!(
        (p.notes[0].group.as_str(), p.notes[0].kind),
        ("audit", NoteKind::NoActiveMembers)
    );
    assert_eq!(p.offsets.len(), 6);
    let r = &p.offsets[2];
    assert_eq!(r.group.as_deref(), Some("billing"));
    assert_eq!(
        (r.partition, r.current, r.log_end, r.lag),
        (Some(0), Some(1_234_500), Some(1_234_567), Some(67))
    );
    assert_eq!(r.client_id.as_deref(), Some("consumer-billing-1"));
    assert_eq!(r.line, 9);
    let idle = &p.offsets[5];
    assert_eq!(
        (idle.topic.as_deref(), idle.partition, idle.current),
        (None, None, None)
    );
    assert_eq!(p.offsets[0].consumer_id, None);
}

#[test]
fn describe_2_0_without_group_column_and_with_tabs() {
    let p = all(&["describe-2.0.txt"]);
    assert_eq!(p.offsets.len(), 2);
    assert_eq!(p.offsets[1].group, None);
    assert_eq!(
        (p.offsets[1].current, p.offsets[1].log_end),
        (Some(20), Some(20))
    );
    let i = build(&p, &[]).unwrap();
    assert_eq!(i.scenario.groups[0].id, "imported");
    assert!(i.assumed.iter().any(|a| a.path == "groups[0].id"));
    // app-0 and app-1 on one host: one instance with two threads.
    assert_eq!(i.scenario.groups[0].instances[0].threads, 2);
}

#[test]
fn members_verbose_with_and_without_topic_names() {
    let p = all(&["members-verbose-3.6.txt"]);
    assert_eq!(p.members.len(), 3);
    assert_eq!(p.members[0].group_instance_id.as_deref(), Some("app-1"));
    assert_eq!(p.members[1].group_instance_id, None);
    assert_eq!(p.members[1].host, "/10.0.0.5");
    let a = p.members[0].assignment.as_ref().unwrap();
    assert_eq!(
        a,
        &vec![
            (Some("orders".to_string()), vec![0, 1]),
            (Some("payments".to_string()), vec![2])
        ]
    );
    assert_eq!(p.members[2].assignment.as_ref().unwrap().len(), 0);
    let p = all(&["members-verbose-4.0.txt"]);
    assert_eq!(p.notes[0].kind, NoteKind::Rebalancing);
    assert_eq!(
        p.members[0].assignment.as_ref().unwrap()[0],
        (None, vec![0, 1])
    );
}

#[test]
fn kafka_2_0_state_and_members_have_no_group_column() {
    let p = all(&["state-2.0.txt", "members-verbose-2.0.txt"]);
    assert_eq!(p.states[0].group, None);
    assert_eq!(p.states[0].coordinator, "broker-1:9092  (1)");
    assert_eq!(
        (p.states[0].strategy.as_deref(), p.states[0].members),
        (Some("roundrobin"), 2)
    );
    assert_eq!(p.members[0].group, None);
    assert_eq!(
        p.members[0].assignment.as_ref().unwrap()[0].1,
        vec![0, 2, 10]
    );
    let i = build(&p, &[]).unwrap();
    let g = &i.scenario.groups[0];
    assert_eq!(
        (g.id.as_str(), g.strategy),
        ("imported", Strategy::RoundRobin)
    );
    assert_eq!(
        i.scenario.topics[0].partitions, 11,
        "the highest partition shown + 1, reported as assumed"
    );
    assert!(i.assumed.iter().any(|a| a.path == "topics[0].partitions"));
    let e = &i.explanation[0];
    assert_eq!(e.idle.len(), 1);
    assert!(!e.idle[0].more_members_than_partitions);
    assert_eq!(
        e.assignment_matches,
        Some(false),
        "roundrobin would spread 11 partitions over both"
    );
}

#[test]
fn members_without_verbose_still_show_idle_members() {
    let text = "GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS\ng a-1 /h c-1 1\ng b-2 /h c-2 0\n";
    let mut p = parse(text);
    p.merge(parse("GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t 0 1 1 0 a-1 /h c-1"));
    let i = build(&p, &[]).unwrap();
    let e = &i.explanation[0];
    assert_eq!((e.members, e.partitions), (2, 1));
    assert_eq!(e.idle[0].consumer_id, "b-2");
    assert!(e.idle[0].more_members_than_partitions);
    assert_eq!(e.assignment_matches, Some(true));
}

#[test]
fn a_group_known_only_from_state_is_left_out_visibly() {
    let mut p = all(&["describe-2.0.txt"]);
    p.merge(parse(
        "GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS\nidle b:9092  (1) Empty 0",
    ));
    let i = build(&p, &[]).unwrap();
    assert_eq!(i.scenario.groups.len(), 1);
    assert!(i
        .assumed
        .iter()
        .any(|a| a.path == "groups" && a.value == "without idle"));
}

#[test]
fn state_rows_with_and_without_a_strategy() {
    let p = all(&["state-3.6.txt"]);
    assert_eq!(p.states.len(), 2);
    assert_eq!(p.states[0].coordinator, "broker-1:9092  (1)");
    assert_eq!(p.states[0].strategy.as_deref(), Some("cooperative-sticky"));
    assert_eq!(
        (
            p.states[1].strategy.as_deref(),
            p.states[1].state.as_str(),
            p.states[1].members
        ),
        (None, "Empty", 0)
    );
}

#[test]
fn topics_3_x_and_2_0_layouts() {
    let p = all(&["topics-3.x.txt"]);
    let t = &p.topics[0];
    assert_eq!(
        (t.name.as_str(), t.partitions, t.replication),
        ("orders", 3, Some(2))
    );
    assert_eq!(t.configs.len(), 4);
    assert_eq!(p.partitions.len(), 3);
    assert_eq!(
        (p.partitions[1].leader, p.partitions[1].isr.clone()),
        (Some(2), vec![2])
    );
    assert_eq!(
        (p.partitions[2].leader, p.partitions[2].isr.len()),
        (None, 0)
    );
    let p = all(&["topics-2.0.txt"]);
    assert_eq!(
        p.topics[0].configs,
        vec![("cleanup.policy".to_string(), "compact,delete".to_string())]
    );
    let i = build(&p, &[]).unwrap();
    assert_eq!(i.scenario.topics[0].cleanup, Cleanup::CompactDelete);
}

#[test]
fn a_whole_cluster_becomes_a_scenario_with_grouping_and_explanation() {
    let p = all(&["describe-3.6.txt", "state-3.6.txt", "topics-3.x.txt"]);
    let i = build(&p, &[]).unwrap();
    let s = &i.scenario;
    let t = &s.topics[0];
    assert_eq!(
        (t.partitions, t.retention_ms, t.segment_bytes),
        (3, 86_400_000, 1_073_741_824)
    );
    assert!(i.assumed.iter().any(|a| a.why.contains("compression.type")));
    // The log of partition 0 starts at the lowest committed offset of all groups.
    assert_eq!(
        (t.initial_logs[0].log_start, t.initial_logs[0].log_end),
        (1_234_000, 1_234_567)
    );
    let billing = s.groups.iter().find(|g| g.id == "billing").unwrap();
    assert_eq!(billing.strategy, Strategy::CooperativeSticky);
    assert_eq!(
        billing
            .instances
            .iter()
            .map(|i| i.threads)
            .collect::<Vec<_>>(),
        [2, 2]
    );
    let g = i.grouping.iter().find(|g| g.group == "billing").unwrap();
    assert_eq!(
        (
            g.instances[1].host.as_str(),
            g.instances[1].client_prefix.as_str()
        ),
        ("/10.0.0.2", "consumer-billing")
    );
    let audit = s.groups.iter().find(|g| g.id == "audit").unwrap();
    assert!(audit.instances.is_empty());
    assert_eq!(audit.committed.len(), 2);
    let e = i.explanation.iter().find(|e| e.group == "billing").unwrap();
    assert_eq!((e.members, e.partitions, e.total_lag), (4, 3, 467));
    assert_eq!(e.idle.len(), 1);
    assert!(e.idle[0].more_members_than_partitions);
    assert_eq!((e.lag[0].partition, e.lag[0].lag), (2, 400));
    assert_eq!(e.assignment_matches, Some(true));
    assert_eq!(e.clear, ClearTime::Unknown);
    World::new(s, 1).unwrap();
}

#[test]
fn an_assignment_range_would_not_give_is_reported() {
    let h = "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
    // Range gives a-… partitions 0,1 and b-… partition 2; here a has 0 and 2.
    let text =
        format!("{h}g t 0 1 1 0 a-1 /h c-1\ng t 2 1 1 0 a-1 /h c-1\ng t 1 1 1 0 b-2 /h c-2\n");
    let i = build(&parse(&text), &[]).unwrap();
    let e = &i.explanation[0];
    assert_eq!(e.assignment_matches, Some(false));
    assert_eq!(
        e.expected[0],
        (
            "a-1".to_string(),
            vec![("t".to_string(), 0), ("t".to_string(), 1)]
        )
    );
}

#[test]
fn rates_from_two_pastes_are_exact_and_give_the_time_to_clear() {
    let h = "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
    let a = parse(&format!(
        "{h}g t 0 1000 2000 1000 m-1 /h c-1\ng t 1 50 60 10 m-2 /h c-2\ng t 2 0 7 7 m-3 /h c-3\n"
    ));
    let b = parse(&format!(
        "{h}g t 0 1700 2300 600 m-1 /h c-1\ng t 1 60 80 20 m-2 /h c-2\ng t 2 7 7 0 m-3 /h c-3\n"
    ));
    let (r, problems) = rates(&a, &b, 7);
    assert!(problems.is_empty());
    assert_eq!(
        (r[0].produced, r[0].consumed, r[0].interval_s),
        (300, 700, 7)
    );
    assert_eq!((r[1].produced, r[1].consumed), (20, 10));
    let i = build(&b, &r).unwrap();
    let e = &i.explanation[0];
    // t-0: 600 records at (700 − 300) / 7 s net: 600 · 7 / 400 = 10.5 s.
    assert_eq!(e.lag[0].clear, ClearTime::InMs(10_500));
    assert_eq!(
        e.lag[1].clear,
        ClearTime::Never,
        "t-1 consumes 10 while 20 are produced"
    );
    assert_eq!(e.clear, ClearTime::Never);
    // Producers per partition: 300/7 rounds down to 42 records/s, and that is reported.
    assert_eq!(i.scenario.producers[0].rate_per_s, 42);
    assert!(i
        .assumed
        .iter()
        .any(|x| x.path == "producers[0].rate_per_s"));
    // One instance (host /h, prefix c) of three threads; m-1 (700 in 7 s: 10 ms) and m-2 (10 in 7 s: 700 ms)
    // were still behind, m-3 was not: the instance gets their average, 355 ms per record.
    let inst = &i.scenario.groups[0].instances[0];
    assert_eq!(inst.threads, 3);
    assert_eq!(
        inst.processing_ms,
        kplay_core::scenario::Processing::Fixed(355)
    );
    let (_, p) = rates(&b, &a, 7);
    assert_eq!(p.len(), 3, "every offset that went down: {p:?}");
    assert_eq!(p[0].line, 2);
}

#[test]
fn the_command_line_is_skipped_but_a_topic_named_like_the_tool_is_data() {
    let text = "$ bin/kafka-consumer-groups.sh --bootstrap-server b:9092 --describe --group g\n\
                bin/kafka-topics.sh --describe\n\
                GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n\
                g kafka-topics-audit 0 1 2 1 - - -";
    let p = parse(text);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.offsets[0].topic.as_deref(), Some("kafka-topics-audit"));
}

#[test]
fn rates_of_a_kafka_2_0_paste_without_group_names_reach_the_explanation() {
    let h = "TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
    let a = parse(&format!("{h}t 0 100 200 100 m-1 /h c-1\n"));
    let b = parse(&format!("{h}t 0 250 300 50 m-1 /h c-1\n"));
    let (r, _) = rates(&a, &b, 10);
    assert_eq!(
        (r[0].group.as_str(), r[0].produced, r[0].consumed),
        ("imported", 100, 150)
    );
    let i = build(&b, &r).unwrap();
    // 50 left at a net 50 records in 10 s: 10 s.
    assert_eq!(i.explanation[0].clear, ClearTime::InMs(10_000));
    let b = parse(&format!("{h}t 0 150 300 150 m-1 /h c-1\n"));
    let (r, _) = rates(&a, &b, 10);
    let i = build(&b, &r).unwrap();
    // 50 consumed and 100 produced in 10 s: the lag grows.
    assert_eq!(i.explanation[0].clear, ClearTime::Never);
}

#[test]
fn columns_are_found_by_their_header_names_so_an_extra_column_is_read_past() {
    // No Kafka version in the mirror adds one; the parser must not depend on that.
    let text = "GROUP TOPIC PARTITION EXTRA CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n\
                g t 3 x 10 15 5 m-1 /h c-1";
    let p = parse(text);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let r = &p.offsets[0];
    assert_eq!(
        (r.partition, r.current, r.log_end, r.lag),
        (Some(3), Some(10), Some(15), Some(5))
    );
    // A header without a column the rows need is not a header: the line is a problem.
    let p = parse("GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG\n");
    assert_eq!(p.problems[0].line, 1);
}

#[test]
fn unreadable_lines_name_their_line_and_what_was_expected() {
    let text = "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t x 1 1 0 a /h c\ng t 0 1\n\nwhat is this\nTopic: t\tPartitionCount: many";
    let p = parse(text);
    let got: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(
        got[0].starts_with("line 2: column PARTITION: expected a whole number"),
        "{got:?}"
    );
    assert!(got[1].starts_with("line 3: expected 9 columns"), "{got:?}");
    assert!(
        got[2].starts_with("line 5: expected a table header"),
        "{got:?}"
    );
    assert!(
        got[3].starts_with("line 6: PartitionCount: expected a whole number"),
        "{got:?}"
    );
}
