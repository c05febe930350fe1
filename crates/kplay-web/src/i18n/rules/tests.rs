//! The matcher, and which problem texts of kplay-core (and of the web's own parsing) it covers.

use super::*;
use crate::i18n::{preload_korean, I18n, Lang};
use kplay_core::scenario::{
    json_problem, parse_whole, range_rule, FaultKind, FaultSpec, GroupSpec, InstanceSpec, KeyKind,
    ProducerSpec, TopicSpec,
};
use kplay_core::sim::World;
use kplay_core::{Command, Scenario};

fn korean() -> I18n {
    preload_korean(include_str!("../../../i18n/ko.txt"))
        .unwrap_or_else(|b| panic!("ko.txt line {} is bad", b.line));
    I18n::loaded(Lang::Ko).unwrap_or_else(I18n::english)
}

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[test]
fn capture_takes_each_parameter_up_to_the_next_fixed_text() {
    assert_eq!(
        capture(
            "unknown field {name}; allowed: {allowed}",
            "unknown field \"x\"; allowed: a, b"
        ),
        Some((25, vec![("name", "\"x\""), ("allowed", "a, b")]))
    );
    assert_eq!(
        capture("expected value", "expected value"),
        Some((14, vec![]))
    );
    assert_eq!(capture("expected value", "expected values"), None);
    assert_eq!(
        capture("must be {x}", "must be "),
        None,
        "a value is never empty"
    );
    assert_eq!(
        capture("{a}, got {b}", "1, got 2, got 3"),
        Some((6, vec![("a", "1"), ("b", "2, got 3")]))
    );
}

#[test]
fn a_range_rule_is_translated_with_its_numbers_and_path() {
    let ko = korean();
    assert_eq!(
        translate_problem(
            &ko,
            "groups[0].instances[1].threads: must be a whole number from 1 to 64"
        ),
        "groups[0].instances[1].threads: 1부터 64까지의 정수여야 합니다"
    );
    assert_eq!(
        translate_problem(
            &ko,
            "partitions: must be a whole number from 1 to 1024, got a negative number"
        ),
        "partitions: 1부터 1024까지의 정수여야 합니다(입력: 음수)",
        "the most specific template wins and a known word inside is translated"
    );
    assert_eq!(
        translate_problem(&ko, "JSON line 1, column 50: must be a list, got an object"),
        "JSON 1행 50열: 목록 값이어야 합니다(입력: 객체)"
    );
}

#[test]
fn unknown_text_and_english_stay_as_they_are() {
    let ko = korean();
    for text in ["something new: nobody wrote this", "", "a: b: c"] {
        assert_eq!(translate_problem(&ko, text), text);
    }
    let en = I18n::english();
    let p = "topic: unknown topic \"x\"";
    assert_eq!(translate_problem(&en, p), p);
    assert_eq!(translate_problem(&ko, p), "topic: 없는 토픽입니다: \"x\"");
}

/// Problems kplay-core's validator reports for a scenario that breaks many rules at once.
fn validator_problems() -> Vec<String> {
    let mut s = Scenario {
        version: 2,
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("bad name!", 0);
    t.retention_ms = 0;
    t.min_compaction_lag_ms = 5;
    t.max_compaction_lag_ms = 2;
    s.topics.push(t);
    s.topics.push(TopicSpec::new("orders", 2));
    s.topics.push(TopicSpec::new("orders", 2));
    s.topics.push(TopicSpec::new("..", 1));
    s.topics.push(TopicSpec::new("", 1));
    let mut p = ProducerSpec::new("p", "nope", 5);
    p.keys.kind = KeyKind::Cycle;
    p.keys.values.clear();
    s.producers.push(p.clone());
    let mut p2 = ProducerSpec::new("p", "orders", 5);
    p2.partition = Some(9);
    s.producers.push(p2);
    let mut g = GroupSpec::new("g", ["orders", "orders", "gone"]);
    g.heartbeat_interval_ms = 0;
    g.offsets_retention_ms = 0;
    let mut i = InstanceSpec::new("i", "L", 0);
    i.static_id = Some("s".into());
    let mut j = InstanceSpec::new("i", "L", 1);
    j.static_id = Some("s".into());
    g.instances.push(i);
    g.instances.push(j);
    s.groups.push(g.clone());
    let mut g2 = GroupSpec::new("g", Vec::<&str>::new());
    g2.instances.push(InstanceSpec::new("k", "", 1));
    s.groups.push(g2);
    s.faults.push(FaultSpec::new(1, FaultKind::Crash));
    let mut f = FaultSpec::new(1, FaultKind::Stop);
    f.instance = Some("ghost".into());
    f.processing_ms = Some(5);
    s.faults.push(f);
    let mut f = FaultSpec::new(1, FaultKind::PauseProducer);
    f.producer = Some("ghost".into());
    s.faults.push(f);
    s.faults.push(FaultSpec::new(1, FaultKind::AddPartitions));
    let mut f = FaultSpec::new(1, FaultKind::AddPartitions);
    f.topic = Some("orders".into());
    f.partitions = Some(1);
    s.faults.push(f);
    s.validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Refusals of the engine's commands.
fn command_problems() -> Vec<String> {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("orders", 2));
    s.producers.push(ProducerSpec::new("p", "orders", 1));
    let mut g = GroupSpec::new("g", ["orders"]);
    g.instances.push(InstanceSpec::new("i", "L", 1));
    s.groups.push(g);
    let Ok(mut w) = World::new(&s, 1) else {
        panic!("a valid world")
    };
    let s = |x: &str| x.to_string();
    [
        Command::Crash { instance: s("x") },
        Command::RemoveProducer { producer: s("x") },
        Command::RemoveGroup { group: s("x") },
        Command::AddPartitions {
            topic: s("x"),
            partitions: 3,
        },
        Command::AddPartitions {
            topic: s("orders"),
            partitions: 1,
        },
        Command::SetThreads {
            instance: s("i"),
            threads: 0,
        },
        Command::Restart { instance: s("i") },
        Command::Subscribe {
            instance: s("i"),
            topics: vec![],
        },
        Command::Subscribe {
            instance: s("i"),
            topics: vec![s("x")],
        },
        Command::Subscribe {
            instance: s("i"),
            topics: vec![s("orders"), s("orders")],
        },
        Command::RemoveTopic { topic: s("orders") },
        Command::AddTopic {
            topic: TopicSpec::new("orders", 1),
        },
        Command::SetRate {
            producer: s("p"),
            rate_per_s: u32::MAX,
        },
    ]
    .into_iter()
    .filter_map(|c| w.apply(c).err().map(|e| e.to_string()))
    .collect()
}

/// serde's messages for scenario JSON, as the web shows them (`JSON line …, column …: rule`).
fn json_problems() -> Vec<String> {
    [
        r#"{"version":1,"topics":[{"name":"t","partitions":-3}]}"#,
        r#"{"version":1,"topics":[{"name":"t","partitions":"many"}]}"#,
        r#"{"version":1,"topics":{}}"#,
        r#"{"version":1,"topics":[{"name":"t"}]}"#,
        r#"{"version":1,"topics":[{"name":"t","partitions":1,"colour":1}]}"#,
        r#"{"version":1,"topics":[{"name":"t","partitions":1,"cleanup":"shred"}]}"#,
        r#"{"version":1,"topics":[{"name":"t","partitions":1}"#,
        r#"{"version":1,}"#,
        r#"{"version":1} x"#,
        r#"{"version" 1}"#,
        r#"{"version":}"#,
        r#"{"version":1,"topics":[{"name":"\q"}]}"#,
        r#"{"version":1,"topics":[{name:1}]}"#,
    ]
    .into_iter()
    .filter_map(|t| crate::share::from_json(t).err())
    .flatten()
    .collect()
}

/// The web's own form and link problems.
fn web_problems() -> Vec<String> {
    let mut out = vec![
        crate::parse::ratio("2", "min.cleanable.dirty.ratio").err(),
        crate::parse::limit("0", "retention.ms").err(),
        crate::parse::processing("x", "processing").err(),
        crate::parse::processing("-5", "processing").err(),
        crate::parse::whole("x", "hand-off queue", 1, 100_000).err(),
        crate::share::b64_decode("a!").err(),
        Some(crate::parse::PARTITION_OR_EMPTY.to_string()),
        Some(crate::parse::NO_TOPIC.to_string()),
        Some(crate::parse::only_grows(3)),
        Some(crate::parse::same_name("orders")),
    ];
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("orders", 1));
    s.groups.push(GroupSpec::new("g", ["orders"]));
    out.push(crate::edit::delete_blocker(&s, "orders"));
    let link = crate::share::resolve(crate::share::parse_location("?preset=nope", ""));
    out.extend(
        link.map(|(_, e)| e)
            .unwrap_or_default()
            .into_iter()
            .map(Some),
    );
    if let crate::share::Request::Shared(Err(e)) = crate::share::parse_location("", "#s=_w") {
        out.extend(e.into_iter().map(Some));
    }
    out.into_iter().flatten().collect()
}

#[test]
fn the_common_core_problems_read_in_korean() {
    let ko = korean();
    let mut words: Vec<String> = vec![
        range_rule(1, 1024),
        parse_whole("-3", 1, 9).unwrap_err(),
        parse_whole("99", 1, 9).unwrap_err(),
        parse_whole("x", 1, 9).unwrap_err(),
        json_problem("invalid value: integer `-3`, expected u32"),
        json_problem("invalid type: boolean `true`, expected a sequence"),
        json_problem("invalid type: string \"x\", expected a boolean"),
        json_problem("missing field `partitions`"),
        json_problem("unknown field `colour`, expected one of `name`, `partitions`"),
        json_problem("unknown variant `shred`, expected one of `delete`, `compact`"),
        json_problem("duplicate field `min`"),
    ];
    let validator = validator_problems();
    let commands = command_problems();
    let json = json_problems();
    let web = web_problems();
    assert!(validator.len() >= 25, "{validator:#?}");
    assert!(commands.len() >= 11, "{commands:#?}");
    assert!(json.len() >= 10, "{json:#?}");
    assert!(web.len() >= 13, "{web:#?}");
    words.extend(validator.into_iter().chain(commands).chain(json).chain(web));
    let untranslated: Vec<&String> = words
        .iter()
        .filter(|p| {
            let k = translate_problem(&ko, p);
            !hangul(&k) || k.contains("must ") || k.contains("unknown ")
        })
        .collect();
    assert!(
        untranslated.is_empty(),
        "no template for: {untranslated:#?}"
    );
    for p in &words {
        let k = translate_problem(&ko, p);
        // The path before the first `:` stays (`groups[0].instances[1].threads`).
        if let Some((path, _)) = p.split_once(": ") {
            if path.contains(['[', '.', '_']) && !path.contains(' ') {
                assert!(k.starts_with(&format!("{path}: ")), "{p} -> {k}");
            }
        }
    }
}

#[test]
fn the_readers_words_for_extreme_floats_read_in_korean() {
    let ko = korean();
    for (doc, word) in [
        (r#"{"version":1,"seed":1e-30}"#, "0에 가까운 숫자"),
        (r#"{"version":1,"seed":1e300}"#, "너무 큰 숫자"),
    ] {
        let problems = crate::share::from_json(doc).err().unwrap_or_default();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = translate_problem(&ko, &problems[0]);
        assert!(shown.contains(word), "{} -> {shown}", problems[0]);
        assert!(!shown.contains("number"), "{shown}");
    }
}

/// The playground's caps (kplay-core's `scenario::caps`) read in Korean, each total with its own words.
#[test]
fn the_caps_read_in_korean() {
    let mut s = Scenario::default();
    for i in 0..65 {
        s.topics.push(TopicSpec::new(&format!("t{i}"), 32));
    }
    s.producers.push(ProducerSpec::new("p", "t0", 100_000));
    s.producers.push(ProducerSpec::new("q", "t0", 1));
    let mut g = GroupSpec::new("g", ["t0"]);
    for i in 0..33 {
        g.instances
            .push(InstanceSpec::new(&format!("i{i}"), "L", 64));
    }
    s.groups.push(g);
    let shown: Vec<String> = s
        .validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(|p| translate_problem(&korean(), &p.to_string()))
        .collect();
    assert_eq!(
        shown,
        [
            "topics: 최대 64개까지만 둘 수 있습니다(플레이그라운드 상한, 입력: 65개)",
            "topics: 모든 토픽의 파티션 수의 합이 2080입니다. 플레이그라운드 상한은 2048입니다",
            "producers: 모든 프로듀서의 rate_per_s의 합이 100001입니다. 플레이그라운드 상한은 100000입니다",
            "groups[0].instances: 최대 32개까지만 둘 수 있습니다(플레이그라운드 상한, 입력: 33개)",
            "groups: 모든 인스턴스의 스레드 수의 합이 2112입니다. 플레이그라운드 상한은 1024입니다",
        ]
    );
}
