//! `kplay assign`'s input: the CLI's own JSON reader and group reader (compiled here from kplay-cli's source),
//! then each of Kafka's four assignors on the group.
#![no_main]

#[allow(dead_code)]
#[path = "../../crates/kplay-cli/src/assign.rs"]
mod assign;
#[allow(dead_code)]
#[path = "../../crates/kplay-cli/src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "../../crates/kplay-cli/src/json.rs"]
mod json;

use kplay_core::assignor::Strategy;
use libfuzzer_sys::fuzz_target;

/// Larger groups are valid input but cost seconds by design (Kafka's assignors are linear or worse in the
/// partitions); the fuzzer looks for wrong answers and panics, not for that.
const MAX_FUZZ_PARTITIONS: u64 = 20_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = json::parse(text) else {
        return;
    };
    let Ok(group) = assign::group_from_json(&doc) else {
        return;
    };
    let partitions: u64 = group.topics.iter().map(|(_, n)| u64::from(*n)).sum();
    if partitions > MAX_FUZZ_PARTITIONS || group.members.len() > 2_000 {
        return;
    }
    for strategy in [
        Strategy::Range,
        Strategy::RoundRobin,
        Strategy::Sticky,
        Strategy::CooperativeSticky,
    ] {
        let _ = strategy.assign(&group);
    }
});
