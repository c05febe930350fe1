//! Importing what Kafka's tools print (issue 14): a kplay world printed in Kafka's `--describe` layout parses back
//! to the same numbers, and arbitrary text never panics.
#![cfg(feature = "import")]

use kplay_core::import::{build, parse, Parsed};
use kplay_core::World;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn all(names: &[&str]) -> Parsed {
    let mut p = Parsed::default();
    for n in names {
        p.merge(parse(&fixture(n)));
    }
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    p
}

/// Prints a world's groups in ConsumerGroupCommand's `--describe` layout (the `%-Ns` columns), as the web app's
/// describe table does: owned partitions with their member, then committed ones without an owner.
fn describe(w: &World) -> String {
    let mut out = String::new();
    for g in &w.snapshot().groups {
        out.push_str("\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID\n");
        for p in &g.partitions {
            let d = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
            let owner = p.owner.clone().unwrap_or_else(|| "-".into());
            let client = match owner.rsplit_once('-') {
                Some((c, _)) if !c.is_empty() => c.to_string(),
                _ => "-".to_string(),
            };
            out.push_str(&format!(
                "{:<15} {:<15} {:<10} {:<15} {:<15} {:<15} {:<15} {:<15} {}\n",
                g.id,
                p.topic,
                p.partition,
                d(p.committed),
                p.log_end,
                d(p.lag),
                owner,
                "/10.0.0.1",
                client
            ));
        }
    }
    out
}

#[test]
fn round_trip_a_kplay_world_printed_in_kafkas_layout_parses_back_to_the_same_numbers() {
    let p = all(&["describe-3.6.txt", "state-3.6.txt", "topics-3.x.txt"]);
    let s = build(&p, &[]).unwrap().scenario;
    let mut w = World::new(&s, 3).unwrap();
    w.step(15_000);
    let snap = w.snapshot();
    let back = parse(&describe(&w));
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let mut n = 0;
    for g in &snap.groups {
        for part in &g.partitions {
            let row = back
                .offsets
                .iter()
                .find(|r| r.group.as_deref() == Some(&g.id) && r.partition == Some(part.partition))
                .unwrap();
            assert_eq!(
                (row.current, row.log_end),
                (part.committed, Some(part.log_end))
            );
            assert_eq!(row.lag, part.lag.map(|l| l as i64));
            n += 1;
        }
    }
    assert!(n >= 5);
    // The imported offsets survived into the world: billing's 0 had 67 to read and read them.
    let billing = snap.groups.iter().find(|g| g.id == "billing").unwrap();
    let p0 = billing
        .partitions
        .iter()
        .find(|p| p.partition == 0)
        .unwrap();
    assert_eq!(p0.log_end, 1_234_567);
    let rebuilt = build(&back, &[]).unwrap();
    assert_eq!(
        rebuilt.scenario.topics[0].initial_logs[0].log_end,
        1_234_567
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        prop_oneof![
            Just("GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID".to_string()),
            Just("GROUP CONSUMER-ID GROUP-INSTANCE-ID HOST CLIENT-ID #PARTITIONS ASSIGNMENT".to_string()),
            Just("GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS".to_string()),
            Just("Consumer group 'g' has no active members.".to_string()),
            "[a-z0-9 ()\\-,:=\t]{0,60}",
            "(g|t|-|[0-9]{1,20}|\\(0,1\\)|Topic:|Partition:|Leader:|Isr:|Configs:| |\t){0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_every_problem_has_a_line(lines in prop::collection::vec(line(), 0..12)) {
            let text = lines.join("\n");
            let n = text.lines().count();
            let p = parse(&text);
            for pr in &p.problems {
                prop_assert!(pr.line >= 1 && pr.line <= n, "{pr:?}");
                prop_assert!(!pr.message.is_empty());
            }
            match build(&p, &[]) {
                Ok(i) => prop_assert!(i.scenario.validate().is_ok()),
                Err(problems) => prop_assert!(!problems.is_empty()),
            }
        }
    }
}
