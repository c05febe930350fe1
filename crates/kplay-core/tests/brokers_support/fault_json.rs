//! Whatever a scenario file puts in the broker faults' fields (`broker`, `extra_ms`, `producer`, `topic`,
//! `partition`, of any JSON type and size), reading, validating and, when valid, running it never panics.

use kplay_core::scenario::json;
use kplay_core::sim::World;
use proptest::prelude::*;

/// A JSON value for field `k`: mostly plausible for it (small numbers or delays for a number, the scenario's
/// names for a name), sometimes numbers at every edge and wrong types.
fn value(k: &str) -> impl Strategy<Value = String> {
    let plausible = if matches!(k, "producer" | "topic") {
        let own = if k == "topic" { "t" } else { "p" };
        prop_oneof![4 => Just(own), 1 => Just("z"), 1 => Just("x")]
            .prop_map(|s| format!("{s:?}"))
            .boxed()
    } else {
        let range = match k {
            "extra_ms" => 0u64..60_000,
            "partitions" => 2..8,
            _ => 0..4,
        };
        range.prop_map(|n| n.to_string()).boxed()
    };
    let wild = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        prop_oneof![
            Just(3_600_000u64),
            Just(3_600_001),
            Just(u64::from(u32::MAX)),
            Just(u64::from(u32::MAX) + 1)
        ]
        .prop_map(|n| n.to_string()),
        (-1e20f64..1e20).prop_map(|f| format!("{f:?}")),
        Just(r#""""#.to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
    ];
    prop_oneof![6 => plausible, 1 => wild]
}

/// One fault: its kind's own fields, and now and then a field of another kind.
fn fault() -> impl Strategy<Value = String> {
    let kind = prop_oneof![
        Just(("slow_follower", &["broker", "extra_ms"][..])),
        Just(("lose_ack", &["producer"][..])),
        Just(("elect_preferred", &["topic", "partition"][..])),
        Just(("crash_broker", &["broker"][..])),
        Just(("restart_broker", &["broker"][..])),
        Just(("add_partitions", &["topic", "partitions"][..])),
    ];
    let stray = prop_oneof![
        Just("broker"),
        Just("extra_ms"),
        Just("producer"),
        Just("partition")
    ]
    .prop_flat_map(|k| (Just(k), value(k)));
    let stray = prop::option::weighted(0.1, stray);
    let with_values = kind.prop_flat_map(|(kind, fields)| {
        let vs: Vec<_> = fields
            .iter()
            .map(|k| prop::option::weighted(0.95, value(k)))
            .collect();
        (Just(kind), Just(fields), vs)
    });
    (0u64..4_000, with_values, stray).prop_map(|(at, (kind, fields, vs), stray)| {
        let mut f = format!(r#"{{"at_ms":{at},"kind":"{kind}""#);
        let own = fields.iter().zip(vs).filter_map(|(k, v)| Some((*k, v?)));
        for (k, v) in own.chain(stray.filter(|s| !fields.contains(&s.0))) {
            f.push_str(&format!(r#","{k}":{v}"#));
        }
        f + "}"
    })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_broker_fault_fields_never_panic(
        partitions in prop_oneof![9 => 1u32..4, 1 => Just(0)],
        brokers in prop_oneof![6 => Just(3usize), 3 => 1usize..3, 1 => Just(0)],
        acks in prop_oneof![Just("all"), Just("1"), Just("0")],
        faults in prop::collection::vec(fault(), 0..4),
        seed in any::<u64>(),
    ) {
        let brokers: Vec<String> = (1..=brokers).map(|b| format!(r#"{{"id":{b}}}"#)).collect();
        let text = format!(
            r#"{{"version":1,"brokers":[{}],"topics":[{{"name":"t","partitions":{partitions}}}],
                "producers":[{{"id":"p","topic":"t","rate_per_s":200,"acks":"{acks}"}},
                             {{"id":"z","topic":"t","rate_per_s":50,"acks":"0"}}],
                "faults":[{}]}}"#,
            brokers.join(","),
            faults.join(","),
        );
        let v = kplay_core::json::parse(&text).unwrap();
        let (s, problems) = json::read_scenario(&v);
        if problems.is_empty() && s.validate().is_ok() {
            let mut w = World::new(&s, seed).unwrap();
            w.step(4_000);
            prop_assert!(w.check_invariants().is_ok(), "{:?}", w.check_invariants());
        }
    }
}
