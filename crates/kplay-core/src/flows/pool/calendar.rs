//! The HTTP server's pending ends: a monotone priority queue (a radix heap). Every key pushed is at least the
//! last key taken, as a request's end is never before now, so a push is one `Vec::push` and each item moves
//! between buckets only a few times before it is taken, instead of a binary heap's sift through thousands of
//! requests in flight on every push and pop.

use alloc::vec::Vec;

/// Keys; bucket `i` holds the keys whose highest bit differing from `last` is bit `i − 1`
/// (bucket 0: the keys equal to `last`).
#[derive(Clone, Debug)]
pub(super) struct Calendar {
    last: u64,
    buckets: [Vec<u64>; 65],
    /// The smallest key when bucket 0 is empty and it is known (saves scanning a bucket every millisecond
    /// while nothing is due).
    next: Option<u64>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            last: 0,
            buckets: core::array::from_fn(|_| Vec::new()),
            next: None,
        }
    }
}

fn slot(last: u64, key: u64) -> usize {
    (64 - (key ^ last).leading_zeros()) as usize
}

impl Calendar {
    /// Adds `key` (at least every key taken so far).
    pub(super) fn push(&mut self, key: u64) {
        debug_assert!(key >= self.last, "monotone");
        let s = slot(self.last, key);
        self.buckets[s].push(key);
        self.next = if s == 0 {
            None
        } else {
            self.next.map(|n| n.min(key))
        };
    }

    /// Takes the smallest key if it is at most `limit`.
    pub(super) fn pop_le(&mut self, limit: u64) -> Option<u64> {
        if self.buckets[0].is_empty() {
            let i = (1..65).find(|&i| !self.buckets[i].is_empty())?;
            let min = match self.next {
                Some(n) => n,
                None => self.buckets[i].iter().copied().min()?,
            };
            if min > limit {
                self.next = Some(min);
                return None;
            }
            self.next = None;
            self.last = min;
            let moved = core::mem::take(&mut self.buckets[i]);
            for &k in &moved {
                self.buckets[slot(min, k)].push(k);
            }
            // Keep the emptied bucket's room for the next items that land there.
            self.buckets[i] = moved;
            self.buckets[i].clear();
        }
        if self.buckets[0].last().is_some_and(|&k| k <= limit) {
            self.buckets[0].pop()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Calendar;
    use alloc::collections::BinaryHeap;
    use alloc::vec::Vec;
    use core::cmp::Reverse;

    /// Against a binary heap: each millisecond pushes keys from now + 1 to now + span (spans from 1 to far
    /// beyond a bucket, equal keys included) and takes every key due; both give the same keys in the same
    /// order at the same times.
    #[test]
    fn takes_what_a_binary_heap_takes_at_each_millisecond() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for span in [1, 2, 10, 300, 70_000] {
            let (mut cal, mut heap) = (Calendar::default(), BinaryHeap::new());
            for now in 0..5_000u64 {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                while let Some(e) = cal.pop_le(now) {
                    a.push(e);
                }
                while heap
                    .peek()
                    .is_some_and(|Reverse(k): &Reverse<u64>| *k <= now)
                {
                    b.extend(heap.pop().map(|r| r.0));
                }
                assert_eq!(a, b, "span {span} at {now}");
                for _ in 0..rnd(4) {
                    let key = now + 1 + rnd(span);
                    cal.push(key);
                    heap.push(Reverse(key));
                }
            }
        }
    }
}
