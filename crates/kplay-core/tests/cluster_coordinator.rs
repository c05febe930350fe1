//! The group coordinator's partition against Java itself: `String.hashCode` and Kafka's abs-then-modulo rule for
//! ~200 group ids (ASCII, Korean, emoji, empty, three ids that hash to `Integer.MIN_VALUE`), from
//! tests/data/java-coordinator-vectors.json (made by tools/java/make-vectors.sh).

use core::num::NonZeroU32;
use kplay_core::cluster::{
    coordinator_partition, java_string_hash, kafka_abs, OFFSETS_TOPIC_PARTITIONS_DEFAULT,
};
use serde_json::Value;

const VECTORS: &str = include_str!("data/java-coordinator-vectors.json");

#[test]
fn java_string_hash_and_partitions_match_java() {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file");
    let counts: Vec<NonZeroU32> = file["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| NonZeroU32::new(c.as_u64().unwrap() as u32).unwrap())
        .collect();
    assert_eq!(counts[0], OFFSETS_TOPIC_PARTITIONS_DEFAULT);
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 200);
    let (mut min_values, mut non_bmp) = (0, 0);
    for case in cases {
        let id = case["group_id"].as_str().unwrap();
        let hash = case["hash_code"].as_i64().unwrap() as i32;
        assert_eq!(java_string_hash(id), hash, "{id:?}");
        assert_eq!(
            id.encode_utf16().count() as u64,
            case["utf16_units"].as_u64().unwrap()
        );
        // Java's Math.abs keeps Integer.MIN_VALUE negative; Kafka's Utils.abs turns it into 0.
        assert_eq!(
            hash.wrapping_abs() as i64,
            case["math_abs"].as_i64().unwrap()
        );
        if hash == i32::MIN {
            min_values += 1;
            assert_eq!(kafka_abs(hash), 0);
        }
        if id.chars().any(|c| c as u32 > 0xFFFF) {
            non_bmp += 1;
        }
        let expected = case["partitions"].as_array().unwrap();
        for (count, want) in counts.iter().zip(expected) {
            assert_eq!(
                coordinator_partition(id, *count) as u64,
                want.as_u64().unwrap(),
                "{id:?} over {count} partitions"
            );
        }
    }
    assert_eq!(min_values, 3);
    assert!(non_bmp >= 20, "{non_bmp}");
}
