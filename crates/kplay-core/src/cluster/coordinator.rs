//! The group coordinator's partition: Kafka stores a group's offsets and membership in one partition of
//! `__consumer_offsets`, and the broker that leads that partition is the group's coordinator.
//!
//! Kafka (`GroupCoordinatorService.partitionFor`, and `GroupMetadataManager.partitionFor` in the classic
//! coordinator) computes it as `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions`:
//! - `groupId.hashCode()` is Java's `String.hashCode`, a wrapping `int` sum over the string's **UTF-16 code
//!   units**, so a character outside the Basic Multilingual Plane (an emoji) counts as two units (its surrogates);
//! - `Utils.abs` maps `Integer.MIN_VALUE` to 0 (not to itself, as `Math.abs` does), so the result is never
//!   negative: `"polygenelubricants"` hashes to `Integer.MIN_VALUE` and lands on partition 0;
//! - `offsets.topic.num.partitions` defaults to 50 and must be at least 1.
//!
//! ```
//! use kplay_core::cluster::{coordinator_partition, java_string_hash, OFFSETS_TOPIC_PARTITIONS_DEFAULT};
//!
//! assert_eq!(java_string_hash("polygenelubricants"), i32::MIN);
//! assert_eq!(coordinator_partition("polygenelubricants", OFFSETS_TOPIC_PARTITIONS_DEFAULT), 0);
//! ```

use core::num::NonZeroU32;

/// `offsets.topic.num.partitions`'s default: 50 partitions in `__consumer_offsets`.
///
/// ```
/// assert_eq!(kplay_core::cluster::OFFSETS_TOPIC_PARTITIONS_DEFAULT.get(), 50);
/// ```
pub const OFFSETS_TOPIC_PARTITIONS_DEFAULT: NonZeroU32 = NonZeroU32::MIN.saturating_add(49);

/// Java's `String.hashCode()`: `s[0]*31^(n-1) + … + s[n-1]` over the UTF-16 code units, in wrapping `int`
/// arithmetic.
///
/// ```
/// use kplay_core::cluster::java_string_hash;
///
/// assert_eq!(java_string_hash(""), 0);
/// assert_eq!(java_string_hash("a"), 97);
/// // U+1F600 is the surrogate pair D83D DE00 in UTF-16: 0xD83D * 31 + 0xDE00.
/// assert_eq!(java_string_hash("\u{1F600}"), 0xD83D * 31 + 0xDE00);
/// ```
pub fn java_string_hash(s: &str) -> i32 {
    crate::assignor::sticky::java::string_hash(s)
}

/// Kafka's `Utils.abs`: the absolute value, except that `Integer.MIN_VALUE` (which has none in `int`) gives 0.
///
/// ```
/// use kplay_core::cluster::kafka_abs;
///
/// assert_eq!(kafka_abs(-7), 7);
/// assert_eq!(kafka_abs(i32::MIN), 0);
/// ```
pub fn kafka_abs(n: i32) -> i32 {
    if n == i32::MIN {
        0
    } else {
        n.abs()
    }
}

/// The `__consumer_offsets` partition of `group_id`: `Utils.abs(groupId.hashCode()) % partitions`.
///
/// ```
/// use core::num::NonZeroU32;
/// use kplay_core::cluster::coordinator_partition;
///
/// let fifty = NonZeroU32::new(50).unwrap();
/// assert_eq!(coordinator_partition("my-group", fifty), 12);
/// // One group id, another partition count: the partition moves (which is why the count must not change).
/// assert_eq!(coordinator_partition("my-group", NonZeroU32::new(3).unwrap()), 1906497762 % 3);
/// ```
pub fn coordinator_partition(group_id: &str, partitions: NonZeroU32) -> u32 {
    // kafka_abs never returns a negative number, so the cast keeps the value.
    (kafka_abs(java_string_hash(group_id)) as u32) % partitions.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_hash_over_utf16_units_not_chars() {
        // "한" is one UTF-16 unit (U+D55C); an emoji is two.
        assert_eq!(java_string_hash("한"), 0xD55C);
        assert_eq!(
            java_string_hash("a\u{1F600}"),
            (97 * 31 + 0xD83D) * 31 + 0xDE00
        );
    }

    #[test]
    fn min_value_group_goes_to_partition_zero_for_every_count() {
        for n in [1u32, 3, 7, 50, 51, 2_147_483_647] {
            let n = NonZeroU32::new(n).unwrap();
            assert_eq!(coordinator_partition("polygenelubricants", n), 0);
        }
    }
}
