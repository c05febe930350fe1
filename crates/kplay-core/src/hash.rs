//! Kafka's murmur2 hash and keyed partitioning.
//!
//! Kafka's producer sends a record with a non-null key (and no explicit partition) to
//! `(murmur2(key) & 0x7fffffff) % numPartitions`, counted over **all** partitions of the topic, available or not.
//! [`murmur2`] reproduces `org.apache.kafka.common.utils.Utils.murmur2` bit for bit, including its one deviation from
//! the reference MurmurHash2: the hash starts from `seed ^ length`.
//!
//! ```
//! use kplay_core::hash::{murmur2, partition_for_key};
//!
//! assert_eq!(murmur2(b"foobar"), -790332482);
//! // The sign bit is masked off before the modulo, as Kafka's `Utils.toPositive` does.
//! assert_eq!(partition_for_key(b"foobar", 6), ((-790332482i32 & 0x7fff_ffff) % 6) as u32);
//! ```

const SEED: u32 = 0x9747_b28c;
const M: u32 = 0x5bd1_e995;
const R: u32 = 24;

/// murmur2 exactly as Kafka's `Utils.murmur2`: 32-bit wrapping arithmetic, little-endian 4-byte blocks, unsigned
/// tail bytes, and the result read as a signed 32-bit integer (Java `int`).
///
/// ```
/// use kplay_core::hash::murmur2;
///
/// assert_eq!(murmur2(b"21"), -973932308);
/// assert_eq!(murmur2(b"abc"), 479470107);
/// assert_eq!(murmur2(b""), 275646681);
/// ```
pub fn murmur2(data: &[u8]) -> i32 {
    // Kafka mixes the length into the seed; the key's length is an `int` there, so it wraps the same way.
    let mut h = SEED ^ (data.len() as u32);
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = blocks.remainder();
    // The tail "falls through" in Kafka's switch: a 3-byte tail also mixes bytes 1 and 0.
    if tail.len() >= 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if !tail.is_empty() {
        h ^= u32::from(tail[0]);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive`: clears the sign bit (not `abs`, so `i32::MIN` maps to 0).
///
/// ```
/// assert_eq!(kplay_core::hash::to_positive(-1), 0x7fff_ffff);
/// assert_eq!(kplay_core::hash::to_positive(i32::MIN), 0);
/// ```
pub fn to_positive(value: i32) -> u32 {
    (value & 0x7fff_ffff) as u32
}

/// The partition Kafka picks for a non-null key: `(murmur2(key) & 0x7fffffff) % num_partitions`.
///
/// `num_partitions` must be at least 1 (a topic always has a partition); 0 is a caller bug and panics.
///
/// ```
/// use kplay_core::hash::partition_for_key;
///
/// assert_eq!(partition_for_key(b"21", 3), 0);
/// assert!(partition_for_key(b"any key", 12) < 12);
/// ```
pub fn partition_for_key(key: &[u8], num_partitions: u32) -> u32 {
    debug_assert!(num_partitions > 0, "a topic has at least one partition");
    to_positive(murmur2(key)) % num_partitions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every vector of Kafka's `UtilsTest.testMurmur2`.
    #[test]
    fn kafka_utils_test_vectors() {
        let cases: [(&[u8], i32); 6] = [
            (b"21", -973932308),
            (b"foobar", -790332482),
            (b"a-little-bit-long-string", -985981536),
            (b"a-little-bit-longer-string", -1486304829),
            (
                b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8",
                -58897971,
            ),
            // Kafka spells this one as a byte array literal; same bytes.
            (b"abc", 479470107),
        ];
        for (key, expected) in cases {
            assert_eq!(murmur2(key), expected, "key {key:?}");
        }
    }

    /// Tails of every length, high bytes (which Java reads as negative `byte`s and masks with 0xff) and multi-byte
    /// UTF-8. Expected values come from kafka-python's port of `Utils.murmur2` (unsigned there, read as i32 here).
    #[test]
    fn tails_and_high_bytes_match_kafka_python() {
        let cases: [(&[u8], u32); 13] = [
            (b"", 275646681),
            (b"a", 2731586172),
            (b"ab", 316155434),
            (b"abc", 479470107),
            (b"abcd", 2971317748),
            (b"abcde", 461995741),
            (b"abcdef", 1870650108),
            (b"abcdefg", 3948500121),
            (b"\xff", 3983499611),
            (b"\xff\xfe\xfd", 998637092),
            (b"\x80\x00\x00\x00\x81", 2792714336),
            ("k\u{e9}y-\u{4e2d}".as_bytes(), 1364572764),
            ("kafka \u{1F600}".as_bytes(), 2782710067),
        ];
        for (key, expected) in cases {
            assert_eq!(murmur2(key), expected as i32, "key {key:?}");
        }
    }

    #[test]
    fn partition_masks_sign_bit_then_takes_modulo() {
        // murmur2("21") is negative: abs() would give a different partition than Kafka's mask.
        let h = murmur2(b"21");
        assert!(h < 0);
        assert_eq!(
            partition_for_key(b"21", 1000),
            (h & 0x7fff_ffff) as u32 % 1000
        );
        assert_ne!(partition_for_key(b"21", 1000), h.unsigned_abs() % 1000);
        assert_eq!(partition_for_key(b"21", 1), 0);
    }
}
