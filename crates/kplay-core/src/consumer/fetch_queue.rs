//! The records a poll returned and the thread has not processed yet.
//!
//! A thread polls only once its previous batch is done, so the queue is filled while empty and then drained
//! from the front: a `Vec` with a read position does that with none of a ring buffer's wrap-around
//! arithmetic, which the size-tuned wasm build does not inline (it was a visible part of the engine's
//! profile).

use super::Fetched;
use alloc::vec::Vec;

#[derive(Clone, Debug, Default)]
pub(crate) struct FetchQueue {
    items: Vec<Fetched>,
    head: usize,
}

impl FetchQueue {
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.items.len() - self.head
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.head == self.items.len()
    }

    #[inline(always)]
    pub fn push_back(&mut self, f: Fetched) {
        self.items.push(f);
    }

    #[inline(always)]
    pub fn pop_front(&mut self) -> Option<Fetched> {
        let f = *self.items.get(self.head)?;
        self.head += 1;
        if self.head == self.items.len() {
            // Drained: reuse the allocation for the next poll.
            self.items.clear();
            self.head = 0;
        }
        Some(f)
    }

    /// Keeps only the records `keep` accepts (feature `brokers`: a cut log drops the records above the cut).
    #[cfg(feature = "brokers")]
    pub fn retain(&mut self, keep: impl FnMut(&Fetched) -> bool) {
        self.items.drain(..self.head);
        self.head = 0;
        self.items.retain(keep);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Fetched> {
        self.items[self.head..].iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::VecDeque;

    #[test]
    fn behaves_like_a_vecdeque_used_front_to_back() {
        let mut q = FetchQueue::default();
        let mut d = VecDeque::new();
        let f = |offset| Fetched {
            tp: (0, 1),
            offset,
            key: None,
        };
        for round in 0..5u64 {
            for o in 0..round * 3 {
                q.push_back(f(o));
                d.push_back(f(o));
            }
            while !d.is_empty() {
                assert_eq!(q.len(), d.len());
                assert!(q.iter().map(|x| x.offset).eq(d.iter().map(|x| x.offset)));
                assert_eq!(
                    q.pop_front().map(|x| x.offset),
                    d.pop_front().map(|x| x.offset)
                );
            }
            assert!(q.is_empty() && q.pop_front().is_none());
        }
    }
}
