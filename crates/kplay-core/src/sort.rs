//! The engine's sorts and ordered-map builds, funnelled through few instances of the standard library's code.
//!
//! Every `sort_by` call site with its own closure, and every `collect::<BTreeMap<_, _>>()` (which sorts its
//! input first), instantiates the standard sort anew: about 4–5 KB of wasm each, some 60 KB in the web bundle
//! before this module. Here one stable sort of `u32` ids with a comparator object does all the comparing, and
//! values are moved into place afterwards. Results equal `slice::sort_by` exactly (both are stable), so the
//! engine's behaviour does not change; the price is an indirect call per comparison.

mod names;

pub use names::NameMap;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// Sorts `ids` stably by `cmp`. The one instance of the standard stable sort the engine uses; with the `small`
/// feature (the web bundle) [`merge_sort_ids`] instead, which gives the same order in far less code (~1.3 KB
/// gzip less), but does not exploit runs already in order as the standard sort does.
#[inline(never)]
pub(crate) fn sort_ids_by(ids: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    if cfg!(feature = "small") {
        merge_sort_ids(ids, cmp);
    } else {
        ids.sort_by(|&a, &b| cmp(a, b));
    }
}

/// A bottom-up merge sort of `ids` by `cmp`: stable (of two equal ids the left one is taken first), so the
/// result equals `ids.sort_by(cmp)` for any consistent comparator.
fn merge_sort_ids(ids: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    let n = ids.len();
    let mut buf = alloc::vec![0u32; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = n.min(start + width);
            let end = n.min(start + 2 * width);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if cmp(ids[j], ids[i]) == Ordering::Less {
                    buf[k] = ids[j];
                    j += 1;
                } else {
                    buf[k] = ids[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&ids[i..mid]);
            k += mid - i;
            buf[k..end].copy_from_slice(&ids[j..end]);
            start = end;
        }
        ids.copy_from_slice(&buf);
        width *= 2;
    }
}

/// Sorts plain `u32`s ascending (the same result as `sort_unstable`, equal values being indistinguishable)
/// without the standard sort's code: insertion sort for short slices, else a byte-wise radix sort.
pub(crate) fn sort_u32(v: &mut [u32]) {
    if v.len() <= 32 {
        for i in 1..v.len() {
            let x = v[i];
            let mut j = i;
            while j > 0 && v[j - 1] > x {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return;
    }
    let mut buf = alloc::vec![0u32; v.len()];
    for shift in [0, 8, 16, 24] {
        let mut start = [0usize; 256];
        for &x in v.iter() {
            start[((x >> shift) & 0xFF) as usize] += 1;
        }
        let mut sum = 0;
        for s in start.iter_mut() {
            let n = *s;
            *s = sum;
            sum += n;
        }
        for &x in v.iter() {
            let d = ((x >> shift) & 0xFF) as usize;
            buf[start[d]] = x;
            start[d] += 1;
        }
        v.copy_from_slice(&buf);
    }
}

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`, without a new instance of the standard sort
/// for each element type and comparator (the web app sorts through it too).
///
/// ```
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// kplay_core::sort::sort_by(&mut v, &mut |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    debug_assert!(
        u32::try_from(v.len()).is_ok(),
        "sorts stay below 2^32 items"
    );
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_ids_by(&mut order, &mut |a, b| cmp(&v[a as usize], &v[b as usize]));
    permute(v, &order);
}

/// Rearranges `v` so that position `i` holds what was at `order[i]` (`order` is a permutation).
fn permute<T>(v: &mut [T], order: &[u32]) {
    // `at[p]`: original index of the value now at position p; `pos[k]`: where original value k is now.
    let mut at: Vec<u32> = (0..v.len() as u32).collect();
    let mut pos = at.clone();
    for (i, &want) in order.iter().enumerate() {
        let from = pos[want as usize] as usize;
        if from != i {
            v.swap(i, from);
            let displaced = at[i];
            at[from] = displaced;
            pos[displaced as usize] = from as u32;
            at[i] = want;
            pos[want as usize] = i as u32;
        }
    }
}

/// Builds a map by inserting in order (a later value for an equal key wins), as `collect()` would, without
/// `collect()`'s sort.
pub(crate) fn map_from<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in entries {
        map.insert(k, v);
    }
    map
}

/// An assignment's topic map from its entries. By default `collect`: a sort of the (already sorted) entries and
/// a linear bulk build, which at a million partitions is twice as fast as inserting. With the `small` feature
/// (the web bundle) entries are inserted instead, saving that sort's code (~2 KB gzip). Same map either way.
pub(crate) fn assignment_map<V>(
    entries: impl IntoIterator<Item = (alloc::string::String, V)>,
) -> BTreeMap<alloc::string::String, V> {
    if cfg!(feature = "small") {
        map_from(entries)
    } else {
        entries.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sort_by_equals_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            // Few distinct keys, so stability is what decides the order of most pairs.
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = tagged.clone();
            expected.sort_by_key(|a| a.0);
            let mut ours = tagged;
            sort_by(&mut ours, &mut |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn sort_ids_by_equals_the_standard_stable_sort(keys in proptest::collection::vec(0u8..4, 0..100)) {
            let mut expected: Vec<u32> = (0..keys.len() as u32).collect();
            expected.sort_by_key(|&i| keys[i as usize]);
            let mut ours: Vec<u32> = (0..keys.len() as u32).collect();
            sort_ids_by(&mut ours, &mut |a, b| keys[a as usize].cmp(&keys[b as usize]));
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn merge_sort_ids_equals_the_standard_stable_sort(keys in proptest::collection::vec(0u8..5, 0..150)) {
            let mut expected: Vec<u32> = (0..keys.len() as u32).collect();
            expected.sort_by_key(|&i| keys[i as usize]);
            let mut ours: Vec<u32> = (0..keys.len() as u32).collect();
            merge_sort_ids(&mut ours, &mut |a, b| keys[a as usize].cmp(&keys[b as usize]));
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn map_from_equals_collect(entries in proptest::collection::vec((0u8..10, 0u32..1000), 0..50)) {
            let expected: BTreeMap<u8, u32> = entries.iter().copied().collect();
            prop_assert_eq!(map_from(entries), expected);
        }
    }

    proptest! {
        #[test]
        fn sort_u32_equals_the_standard_sort(
            mut v in proptest::collection::vec(prop_oneof![0u32..40, any::<u32>()], 0..300)
        ) {
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_u32(&mut v);
            prop_assert_eq!(v, expected);
        }
    }

    #[test]
    fn permute_moves_every_value_to_its_new_place() {
        let mut v = alloc::vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut v, &[3, 0, 4, 1, 2]);
        assert_eq!(v, alloc::vec!['d', 'a', 'e', 'b', 'c']);
    }
}
