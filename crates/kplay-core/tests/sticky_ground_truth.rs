//! More cases from Kafka's own `AbstractStickyAssignor` (compiled from the sources of the commit named in
//! `kafka-assign-cases.json`, logging stubbed out) on 700 random groups of up to 25 members: mixed and equal
//! subscriptions, hash-colliding ids, stale and conflicting claims. The shared case file's sticky cases are
//! replayed by `kafka_assign_cases.rs`.

mod case_file;

const RANDOM_CASES: &str = include_str!("data/kafka-sticky-random-cases.json");

#[test]
fn every_random_kafka_case_matches() {
    let (ran, failures) = case_file::replay(RANDOM_CASES, &["sticky", "cooperative-sticky"]);
    let checked: usize = ran.values().sum();
    assert_eq!(checked, 700, "cases run: {ran:?}");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
