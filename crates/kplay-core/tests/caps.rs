//! The playground's caps (issue 18): a scenario over one is refused with its path and the cap, whether it comes
//! as a struct, as JSON, or grows there through commands on a running world.

mod common;

use common::problems;
use kplay_core::scenario::{
    json, FaultKind, FaultSpec, GroupSpec, InstanceSpec, ProducerSpec, Scenario, TopicSpec,
    MAX_GROUPS, MAX_GROUP_INSTANCES, MAX_INSTANCES, MAX_RATE_PER_S, MAX_RUN_MS,
    MAX_TOTAL_PARTITIONS, MAX_TOTAL_THREADS,
};
use kplay_core::sim::{Command, World};

/// `n` topics of `parts` partitions each, and one group of `groups × instances × threads` on the first.
fn world(topics: u32, parts: u32, groups: usize, instances: usize, threads: u32) -> Scenario {
    let mut s = Scenario::default();
    for t in 0..topics {
        s.topics.push(TopicSpec::new(&format!("t{t}"), parts));
    }
    for g in 0..groups {
        let mut spec = GroupSpec::new(&format!("g{g}"), ["t0"]);
        for i in 0..instances {
            spec.instances
                .push(InstanceSpec::new(&format!("g{g}-i{i}"), "L", threads));
        }
        s.groups.push(spec);
    }
    s
}

#[test]
fn the_issues_links_are_refused_with_the_cap() {
    // 98 topics × 1,024 partitions: 45 s to the first frame before the caps.
    assert_eq!(
        problems(&world(98, 1024, 0, 0, 1)),
        vec![
            "topics: must have at most 64 entries (the playground's cap), got 98",
            "topics: partitions of all topics add up to 100352; the playground's cap is 2048",
        ]
    );
    // 10,000 instances in one group: the tab never rendered.
    let p = problems(&world(1, 8, 1, 10_000, 1));
    assert_eq!(
        p,
        vec![
            "groups[0].instances: must have at most 32 entries (the playground's cap), got 10000",
            "groups: instances of all groups add up to 10000; the playground's cap is 128",
            "groups: threads of all instances add up to 10000; the playground's cap is 1024",
        ]
    );
}

#[test]
fn everything_at_its_cap_is_valid_and_one_more_is_not() {
    // 16 groups × 8 instances × 8 threads = 128 instances, 1,024 threads; 2 topics × 1,024 partitions.
    let mut s = world(2, 1024, MAX_GROUPS, MAX_INSTANCES / MAX_GROUPS, 8);
    s.producers
        .push(ProducerSpec::new("p", "t0", MAX_RATE_PER_S));
    s.faults
        .push(FaultSpec::new(MAX_RUN_MS, FaultKind::Crash).instance("g0-i0"));
    assert_eq!(problems(&s), Vec::<String>::new());
    assert_eq!(MAX_TOTAL_PARTITIONS, 2048);
    assert_eq!(MAX_TOTAL_THREADS, 1024);

    let mut more = s.clone();
    more.groups[0].instances[0].threads = 9;
    assert_eq!(
        problems(&more),
        vec!["groups: threads of all instances add up to 1025; the playground's cap is 1024"]
    );
    let mut more = s.clone();
    more.producers.push(ProducerSpec::new("q", "t1", 1));
    assert_eq!(
        problems(&more),
        vec!["producers: rate_per_s of all producers add up to 100001; the playground's cap is 100000"]
    );
    let mut more = s.clone();
    more.producers[0].rate_per_s += 1;
    assert_eq!(
        problems(&more)[0],
        "producers[0].rate_per_s: must be a whole number from 0 to 100000"
    );
    let mut more = s.clone();
    more.faults[0].at_ms += 1;
    assert_eq!(
        problems(&more),
        vec!["faults[0].at_ms: must be a whole number from 0 to 86400000"]
    );
    let mut more = s.clone();
    more.groups.push(GroupSpec::new("g16", ["t0"]));
    assert_eq!(
        problems(&more),
        vec!["groups: must have at most 16 entries (the playground's cap), got 17"]
    );
    let mut more = s;
    more.groups[0]
        .instances
        .extend((0..MAX_GROUP_INSTANCES).map(|i| InstanceSpec::new(&format!("x{i}"), "L", 0)));
    let p = problems(&more);
    assert!(p.contains(
        &"groups[0].instances: must have at most 32 entries (the playground's cap), got 40"
            .to_string()
    ));
    assert!(p.contains(
        &"groups: instances of all groups add up to 160; the playground's cap is 128".to_string()
    ));
}

#[test]
fn add_partitions_faults_count_toward_the_total() {
    let mut s = world(2, 1000, 0, 0, 1);
    s.faults.push(FaultSpec {
        topic: Some("t1".into()),
        partitions: Some(1024),
        ..FaultSpec::new(1000, FaultKind::AddPartitions)
    });
    // 1,000 + 1,024 after the fault; then 1,024 + 1,024, exactly the cap.
    assert_eq!(problems(&s), Vec::<String>::new());
    s.topics[0].partitions = 1024;
    assert_eq!(problems(&s), Vec::<String>::new());
    s.topics[0].partitions = 1025;
    assert_eq!(
        problems(&s),
        vec![
            "topics[0].partitions: must be a whole number from 1 to 1024",
            "topics: partitions of all topics add up to 2049; the playground's cap is 2048",
        ]
    );
}

#[test]
fn json_gets_the_same_words() {
    let topics: Vec<String> = (0..3)
        .map(|i| format!(r#"{{"name":"t{i}","partitions":1024}}"#))
        .collect();
    let text = format!(r#"{{"version":1,"topics":[{}]}}"#, topics.join(","));
    let v = kplay_core::json::parse(&text).expect("test JSON");
    let s = json::scenario(&v).expect("well-typed");
    assert_eq!(
        problems(&s),
        vec!["topics: partitions of all topics add up to 3072; the playground's cap is 2048"]
    );
    assert!(World::new(&s, 1).is_err());
}

#[test]
fn commands_cannot_grow_a_world_past_a_cap() {
    let mut s = world(2, 1024, 1, MAX_GROUP_INSTANCES, 32);
    s.producers
        .push(ProducerSpec::new("p", "t0", MAX_RATE_PER_S));
    let mut w = World::new(&s, 1).expect("at the caps is valid");
    let refused = |w: &mut World, c: Command| {
        w.apply(c)
            .map_err(|e| e.to_string())
            .expect_err("over a cap")
    };
    let e = refused(
        &mut w,
        Command::AddTopic {
            topic: TopicSpec::new("t2", 1),
        },
    );
    assert_eq!(
        e,
        "topics: partitions of all topics add up to 2049; the playground's cap is 2048"
    );
    let e = refused(
        &mut w,
        Command::AddInstance {
            group: "g0".into(),
            instance: InstanceSpec::new("x", "L", 1),
        },
    );
    assert_eq!(
        e,
        "groups[0].instances: must have at most 32 entries (the playground's cap), got 33"
    );
    let e = refused(
        &mut w,
        Command::SetThreads {
            instance: "g0-i0".into(),
            threads: 33,
        },
    );
    assert_eq!(
        e,
        "groups: threads of all instances add up to 1025; the playground's cap is 1024"
    );
    let e = refused(
        &mut w,
        Command::SetRate {
            producer: "p".into(),
            rate_per_s: MAX_RATE_PER_S + 1,
        },
    );
    assert_eq!(e, "rate_per_s: must be a whole number from 0 to 100000");
    let e = refused(
        &mut w,
        Command::AddProducer {
            producer: ProducerSpec::new("q", "t1", 1),
        },
    );
    assert_eq!(
        e,
        "producers: rate_per_s of all producers add up to 100001; the playground's cap is 100000"
    );
    // Below the caps the same kinds of command still work.
    w.apply(Command::SetThreads {
        instance: "g0-i0".into(),
        threads: 31,
    })
    .expect("fewer threads");
    w.apply(Command::SetRate {
        producer: "p".into(),
        rate_per_s: 10,
    })
    .expect("a lower rate");
    w.apply(Command::AddProducer {
        producer: ProducerSpec::new("q", "t1", 1),
    })
    .expect("room in the total rate now");
}

/// A list far over its cap (more than 16 times) is refused with the cap alone, and at once: 100,000 topics whose
/// names arrive out of order would otherwise go through the validator's sorted name maps one by one.
#[test]
fn a_list_far_over_its_cap_gets_the_cap_alone() {
    let mut s = Scenario::default();
    // Reversed and one duplicated: the full check would also report the duplicate.
    for i in (0..100_000).rev() {
        s.topics.push(TopicSpec::new(&format!("t{i:06}"), 1));
    }
    s.topics.push(TopicSpec::new("t000000", 1));
    assert_eq!(
        problems(&s),
        ["topics: must have at most 64 entries (the playground's cap), got 100001"]
    );
    // 16 times the cap is still checked item by item: the duplicate is reported beside the cap.
    s.topics.truncate(16 * 64 - 1);
    s.topics.push(TopicSpec::new("t099999", 1));
    let texts = problems(&s);
    assert!(
        texts.iter().any(|t| t.contains("duplicate topic")),
        "{texts:?}"
    );
}
