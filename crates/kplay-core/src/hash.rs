//! Kafka's murmur2 hash and keyed partitioning.
//!
//! ```
//! assert_eq!(kplay_core::hash::murmur2(b"foobar"), -790332482);
//! ```

/// murmur2 exactly as Kafka's `Utils.murmur2` (placeholder: implemented by the partitioning issue).
pub fn murmur2(_data: &[u8]) -> i32 {
    todo!()
}

/// The partition Kafka picks for a non-null key: `(murmur2(key) & 0x7fffffff) % num_partitions`.
pub fn partition_for_key(key: &[u8], num_partitions: u32) -> u32 {
    ((murmur2(key) & 0x7fff_ffff) as u32) % num_partitions
}
