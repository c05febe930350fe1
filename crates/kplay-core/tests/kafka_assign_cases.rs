//! Replays `tests/data/kafka-assign-cases.json` (expected outputs computed by Apache Kafka's own Java assignors)
//! through the library API and demands the exact assignment.

mod case_file;

/// Strategies whose cases must pass: all four.
const COVERED: &[&str] = &["range", "roundrobin", "sticky", "cooperative-sticky"];

const CASES: &str = include_str!("data/kafka-assign-cases.json");

#[test]
fn every_covered_kafka_case_gives_the_exact_expected_assignment() {
    let (ran, failures) = case_file::replay(CASES, COVERED);
    assert!(
        failures.is_empty(),
        "{} case(s) differ from Kafka:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let counts: Vec<usize> = COVERED
        .iter()
        .map(|s| ran.get(*s).copied().unwrap_or(0))
        .collect();
    // The file holds 34 range, 33 roundrobin, 65 sticky and 57 cooperative-sticky cases.
    assert_eq!(counts, [34, 33, 65, 57], "cases run per strategy: {ran:?}");
}
