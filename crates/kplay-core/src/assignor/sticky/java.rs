//! The bits of Java semantics Kafka's sticky assignors depend on: `String.hashCode`, `String.compareTo`,
//! `TopicPartition.hashCode` and the iteration order of `java.util.HashMap` / `HashSet`.
//!
//! A Java `HashMap` iterates its table bucket by bucket; bucket = `(h ^ (h >>> 16)) & (capacity - 1)`; a bucket's
//! chain keeps insertion order, and a resize splits each chain keeping relative order, so the order of a map
//! built by puts alone is "by bucket at the final capacity, then by insertion". The capacity starts at 16 on the
//! first put and doubles when the size passes 0.75 × capacity, and also when a chain reaches 9 entries while the
//! capacity is still below 64 (`treeifyBin` resizes instead of building a tree).
//!
//! At capacity ≥ 64 a chain of 9 entries becomes a red-black tree bin. A tree bin still iterates through its
//! `next` links, but those are not insertion order (a new node is linked right after its tree parent and the
//! root is moved to the front), so the model below is exact only while no bin holds 9 or more keys at capacity
//! ≥ 64. That needs nine keys agreeing on at least the low six bits of their spread hash: member ids built to
//! collide (like `Aa`/`BB` repeated) or hundreds of partitions moving between the same two members. Kafka's own
//! inputs never get there in practice; `docs/kafka-quirks.md` records the limit.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// Java's `String.hashCode()`: `s[0]*31^(n-1) + … + s[n-1]` over UTF-16 code units, wrapping `int`.
pub fn string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
}

/// Java's `String.compareTo`: lexicographic over UTF-16 code units (differs from `str::cmp` only when a
/// supplementary character meets one in U+E000..=U+FFFF).
pub fn string_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Kafka's `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()`.
pub fn topic_partition_hash(topic_hash: i32, partition: u32) -> i32 {
    31i32
        .wrapping_add(partition as i32)
        .wrapping_mul(31)
        .wrapping_add(topic_hash)
}

/// `HashMap.hash()`: the spread applied before masking.
fn spread(h: i32) -> u32 {
    let h = h as u32;
    h ^ (h >> 16)
}

fn bucket(h: i32, capacity: u32) -> u32 {
    spread(h) & (capacity - 1)
}

/// Capacity and tree-bin flag of a `HashMap` after putting distinct keys with these hashes, in this order.
fn grown_capacity(hashes: &[i32]) -> (u32, bool) {
    let mut capacity = 16u32;
    let mut counts: Vec<u32> = alloc::vec![0; 16];
    let mut treeified = false;
    let recount = |capacity: u32, upto: &[i32]| {
        let mut c = alloc::vec![0u32; capacity as usize];
        for &h in upto {
            c[bucket(h, capacity) as usize] += 1;
        }
        c
    };
    for (i, &h) in hashes.iter().enumerate() {
        let b = bucket(h, capacity) as usize;
        counts[b] += 1;
        if counts[b] >= 9 {
            if capacity < 64 {
                capacity *= 2;
                counts = recount(capacity, &hashes[..=i]);
            } else {
                treeified = true;
            }
        }
        if (i as u64 + 1) * 4 > u64::from(capacity) * 3 {
            capacity *= 2;
            counts = recount(capacity, &hashes[..=i]);
        }
    }
    (capacity, treeified)
}

/// Indices of keys (given by hash, in insertion order) in the order a Java `HashMap` built by those puts
/// iterates them.
pub fn hash_map_order(hashes: &[i32]) -> Vec<u32> {
    // A tree bin (nine colliding ids) is reachable from input, so it is documented rather than asserted.
    let (capacity, _treeified) = grown_capacity(hashes);
    let mut order: Vec<u32> = (0..hashes.len() as u32).collect();
    crate::sort::sort_ids_by(&mut order, &mut |a, b| {
        (bucket(hashes[a as usize], capacity), a).cmp(&(bucket(hashes[b as usize], capacity), b))
    });
    order
}

/// A `java.util.HashSet<TopicPartition>` reduced to what Kafka asks of it: membership and
/// `iterator().next()`, the first element in table order.
#[derive(Clone, Debug, Default)]
pub struct JavaHashSet {
    /// 0 until the first insert allocates the table.
    capacity: u32,
    // Both maps are `u64 → u64` with packed fields, like the other maps of the sticky assignor: one instance
    // of the tree code in the wasm instead of one per key and value type. Buckets stay below 2^25 (10 million
    // partitions at most) and sequence numbers below 2^32 (one set never sees four billion inserts).
    /// `bucket << 32 | insertion sequence` → element: iteration order.
    order: BTreeMap<u64, u64>,
    /// element → `insertion sequence << 32 | hash as u32`.
    members: BTreeMap<u64, u64>,
    bucket_len: Vec<u32>,
    next_seq: u64,
}

impl JavaHashSet {
    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The element `iterator().next()` returns.
    pub fn first(&self) -> Option<u32> {
        self.order.values().next().map(|&e| e as u32)
    }

    /// Feeds `fold` everything that decides this set's future answers: its table size and its elements in
    /// iteration order (absolute insertion numbers do not matter, only their order).
    pub fn fold_state(&self, fold: &mut impl FnMut(u64)) {
        fold(u64::from(self.capacity));
        self.order.values().for_each(|&e| fold(e));
    }

    fn rebuild(&mut self, capacity: u32) {
        self.capacity = capacity;
        self.bucket_len = alloc::vec![0; capacity as usize];
        self.order.clear();
        for (&e, &packed) in &self.members {
            let (h, seq) = unpack_member(packed);
            let b = bucket(h, capacity);
            self.bucket_len[b as usize] += 1;
            self.order.insert(order_key(b, seq), e);
        }
    }

    /// `add(e)`; re-adding a present element changes nothing.
    pub fn insert(&mut self, e: u32, hash: i32) {
        if self.members.contains_key(&u64::from(e)) {
            return;
        }
        if self.capacity == 0 {
            self.rebuild(16);
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        debug_assert!(seq < 1 << 32, "sequence numbers fit 32 bits");
        self.members
            .insert(u64::from(e), seq << 32 | u64::from(hash as u32));
        let b = bucket(hash, self.capacity);
        self.bucket_len[b as usize] += 1;
        self.order.insert(order_key(b, seq), u64::from(e));
        if self.bucket_len[b as usize] >= 9 && self.capacity < 64 {
            self.rebuild(self.capacity * 2);
        }
        if self.members.len() as u64 * 4 > u64::from(self.capacity) * 3 {
            self.rebuild(self.capacity * 2);
        }
    }

    /// `remove(e)`; the table never shrinks.
    pub fn remove(&mut self, e: u32) {
        if let Some(packed) = self.members.remove(&u64::from(e)) {
            let (h, seq) = unpack_member(packed);
            let b = bucket(h, self.capacity);
            self.bucket_len[b as usize] -= 1;
            self.order.remove(&order_key(b, seq));
        }
    }
}

/// Orders by bucket, then insertion sequence, as `(bucket, seq)` would.
fn order_key(bucket: u32, seq: u64) -> u64 {
    u64::from(bucket) << 32 | (seq & 0xFFFF_FFFF)
}

/// `(hash, insertion sequence)` of a `members` value.
fn unpack_member(packed: u64) -> (i32, u64) {
    (packed as u32 as i32, packed >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_matches_java() {
        assert_eq!(string_hash(""), 0);
        assert_eq!(string_hash("Aa"), string_hash("BB"));
        assert_eq!(string_hash("Aa"), 2112);
        // "hello".hashCode() in Java.
        assert_eq!(string_hash("hello"), 99_162_322);
        // A supplementary character hashes as its two surrogates.
        assert_eq!(string_hash("😀"), 0xD83D * 31 + 0xDE00);
    }

    #[test]
    fn compare_is_utf16_order() {
        assert_eq!(string_cmp("consumer-10", "consumer-2"), Ordering::Less);
        // U+FF61 sorts after U+1F600 in UTF-8 byte order but before it in UTF-16.
        assert_eq!("\u{FF61}".cmp("😀"), Ordering::Less);
        assert_eq!(string_cmp("\u{FF61}", "😀"), Ordering::Greater);
    }

    #[test]
    fn map_order_is_bucket_then_insertion() {
        let ids = ["consumer-2", "consumer-10", "consumer-3"];
        let hashes: Vec<i32> = ids.iter().map(|s| string_hash(s)).collect();
        let order = hash_map_order(&hashes);
        let buckets: Vec<u32> = order
            .iter()
            .map(|&i| bucket(hashes[i as usize], 16))
            .collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]));
        // Colliding hashes keep insertion order.
        let h = string_hash("Aa");
        assert_eq!(hash_map_order(&[h, h]), [0, 1]);
    }

    #[test]
    fn capacity_grows_past_three_quarters_and_on_long_chains() {
        assert_eq!(grown_capacity(&[0; 0]).0, 16);
        let distinct: Vec<i32> = (0..13).collect();
        assert_eq!(grown_capacity(&distinct[..12]).0, 16);
        assert_eq!(grown_capacity(&distinct).0, 32);
        // Nine keys in one bucket at capacity 16 force a resize to 32 (treeifyBin below 64).
        let same_bucket: Vec<i32> = (0..9).map(|i| i * 64).collect();
        assert_eq!(grown_capacity(&same_bucket).0, 32);
    }

    /// Vectors printed by a small Java 17 program using the real `java.util.HashMap`/`HashSet` (insertion
    /// orders of member-like ids up to 300 keys, nine keys sharing a bucket, and add/remove sequences on a
    /// set of objects hashing like Kafka's `TopicPartition`).
    #[test]
    fn matches_real_java_collections() {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/data/java-hash-order.json")).unwrap();
        let strs = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        for case in doc["maps"].as_array().unwrap() {
            let keys = strs(&case["insert"]);
            let hashes: Vec<i32> = keys.iter().map(|k| string_hash(k)).collect();
            let order: Vec<String> = hash_map_order(&hashes)
                .iter()
                .map(|&i| keys[i as usize].clone())
                .collect();
            assert_eq!(order, strs(&case["order"]), "insertion order {keys:?}");
        }
        for ops in doc["sets"].as_array().unwrap() {
            let mut set = JavaHashSet::default();
            let mut ids: BTreeMap<(String, u32), u32> = BTreeMap::new();
            for op in ops.as_array().unwrap() {
                let key = (
                    op[1].as_str().unwrap().to_string(),
                    op[2].as_u64().unwrap() as u32,
                );
                let next = ids.len() as u32;
                let id = *ids.entry(key.clone()).or_insert(next);
                if op[0] == "add" {
                    set.insert(id, topic_partition_hash(string_hash(&key.0), key.1));
                } else {
                    set.remove(id);
                }
                let want = op[3].as_array().map(|f| {
                    ids[&(
                        f[0].as_str().unwrap().to_string(),
                        f[1].as_u64().unwrap() as u32,
                    )]
                });
                assert_eq!(set.first(), want, "after {op}");
            }
        }
    }

    #[test]
    fn hash_set_first_follows_table_order() {
        let mut s = JavaHashSet::default();
        s.insert(7, 5);
        s.insert(3, 1);
        assert_eq!(s.first(), Some(3));
        s.remove(3);
        assert_eq!(s.first(), Some(7));
        s.remove(7);
        assert!(s.is_empty());
    }
}
