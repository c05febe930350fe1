//! A partition's retained records in shared chunks, so that copying a log (a time-travel checkpoint, a saved
//! world) copies at most one chunk of it.
//!
//! Records are appended to a short tail; a full tail becomes a sealed chunk behind an `Rc`. Sealed chunks never
//! change in place: a copy of the log shares them, compaction's clean (records leave the middle) builds new ones,
//! and truncating into a sealed chunk copies it back into the tail. A time-travel checkpoint of the `bench` preset
//! after 10 virtual minutes (1.2 M records, 38 MB of log) costs about 0.24 MB instead of the whole log (issue 13's
//! budget; docs/benchmarks/engine.md, "Time travel").
//!
//! The API is the part of `VecDeque`'s the log uses, with the same meaning.

use super::Record;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::ops::{Index, RangeFrom};

/// Records per sealed chunk: a power of two (indexing by shifts), small enough that the unshared tail of 64
/// partitions stays near 0.5 MB per copy, large enough that the chunk list stays short.
const CHUNK: usize = 256;

/// The records of one partition, oldest first.
///
/// Laid out as one sequence: the live chunks (`chunks[head..]`), then the tail; the first `skip` records of that
/// sequence are already removed. So an index is one division away from its record, and removing from the front
/// moves nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Records {
    /// Sealed chunks, shared between copies; `chunks[..head]` are gone (dropped in batches). Fixed-size arrays: an
    /// index needs no length check and no second pointer.
    chunks: Vec<Rc<[Record; CHUNK]>>,
    head: usize,
    /// Removed records at the front of the sequence: fewer than [`CHUNK`].
    skip: usize,
    /// The newest records, fewer than [`CHUNK`] (counting removed ones, when there are no live chunks).
    tail: Vec<Record>,
    /// One past the offset of the newest record ever appended (or of the last one popped from the back).
    next_offset: u64,
    /// Whether some records' offsets are not consecutive (compaction's gaps). Without gaps, an offset's index is a
    /// subtraction: the lookup every fetch makes touches no record.
    gaps: bool,
}

impl Records {
    /// Records in the live chunks, removed ones included.
    #[inline]
    fn sealed(&self) -> usize {
        (self.chunks.len() - self.head) * CHUNK
    }

    pub(crate) fn len(&self) -> usize {
        self.sealed() + self.tail.len() - self.skip
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&Record> {
        let at = i + self.skip;
        match self.chunks.get(self.head + at / CHUNK) {
            Some(chunk) => Some(&chunk[at % CHUNK]),
            None => self.tail.get(at - self.sealed()),
        }
    }

    pub(crate) fn front(&self) -> Option<&Record> {
        self.get(0)
    }

    #[cfg(any(feature = "brokers", test))]
    pub(crate) fn back(&self) -> Option<&Record> {
        if self.len() == 0 {
            return None;
        }
        // With records left and an empty tail, the last chunk is live.
        self.tail
            .last()
            .or_else(|| self.chunks.last().map(|c| &c[CHUNK - 1]))
    }

    #[inline]
    pub(crate) fn push_back(&mut self, record: Record) {
        if record.offset != self.next_offset && self.len() > 0 {
            self.gaps = true;
        }
        self.next_offset = record.offset + 1;
        self.tail.push(record);
        if self.tail.len() == CHUNK {
            self.seal_tail();
        }
    }

    /// Moves the full tail into a new sealed chunk (once every [`CHUNK`] appends: kept out of the append path).
    #[cold]
    #[inline(never)]
    fn seal_tail(&mut self) {
        if let Ok(full) = <[Record; CHUNK]>::try_from(&self.tail[..]) {
            self.chunks.push(Rc::new(full));
            self.tail.clear();
        }
    }

    /// The index of the first record with offset ≥ `from` (the length when there is none).
    #[inline]
    pub(crate) fn index_of(&self, from: u64) -> usize {
        let len = self.len();
        if !self.gaps {
            let first = self.next_offset - len as u64;
            return from.saturating_sub(first).min(len as u64) as usize;
        }
        self.partition_point(|r| r.offset < from)
    }

    /// After removing a record: an empty log has no gaps.
    fn forget_gaps_if_empty(&mut self) {
        if self.gaps && self.len() == 0 {
            self.gaps = false;
        }
    }

    pub(crate) fn pop_front(&mut self) -> Option<Record> {
        let record = *self.front()?;
        self.skip += 1;
        if self.head < self.chunks.len() {
            if self.skip == CHUNK {
                self.skip = 0;
                self.head += 1;
                // Drop gone chunks in batches, so that removing from the front stays O(1) on average.
                if self.head >= 32 && self.head * 2 >= self.chunks.len() {
                    self.chunks.drain(..self.head);
                    self.head = 0;
                }
                self.forget_gaps_if_empty();
            }
        } else if self.skip == self.tail.len() {
            self.tail.clear();
            self.skip = 0;
            self.gaps = false;
        }
        Some(record)
    }

    /// Truncation (the replicated log's, feature `brokers`).
    #[cfg(any(feature = "brokers", test))]
    pub(crate) fn pop_back(&mut self) -> Option<Record> {
        if self.len() == 0 {
            return None;
        }
        if self.tail.is_empty() {
            // Unseal the newest chunk: it becomes the tail again (a copy: other logs may share it). When it was the
            // only live chunk, `skip` now counts into the tail, as the layout says.
            let last = self.chunks.pop()?;
            self.tail.extend_from_slice(&last[..]);
        }
        let record = self.tail.pop()?;
        if self.head == self.chunks.len() && self.skip == self.tail.len() {
            self.tail.clear();
            self.skip = 0;
        }
        self.next_offset = record.offset;
        self.forget_gaps_if_empty();
        Some(record)
    }

    /// The index of the first record for which `is_before` is false; `is_before` must hold for a prefix.
    pub(crate) fn partition_point(&self, mut is_before: impl FnMut(&Record) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if is_before(&self[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Keeps the records for which `keep` holds, in order. Builds new chunks: a shared one is never changed.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Record) -> bool) {
        let mut kept = Records::default();
        for r in self.iter() {
            if keep(r) {
                kept.push_back(*r);
            }
        }
        *self = kept;
    }

    pub(crate) fn iter(&self) -> Iter<'_> {
        self.range(0..)
    }

    pub(crate) fn range(&self, from: RangeFrom<usize>) -> Iter<'_> {
        let len = self.len();
        Iter {
            records: self,
            run: [].iter(),
            run_end: from.start.min(len),
            back: len,
        }
    }

    /// The records from index `i` that lie next to each other in memory, at most up to index `end`.
    fn run_at(&self, i: usize, end: usize) -> &[Record] {
        let at = i + self.skip;
        let n = end - i;
        match self.chunks.get(self.head + at / CHUNK) {
            Some(chunk) => {
                let start = at % CHUNK;
                &chunk[start..start + n.min(CHUNK - start)]
            }
            None => {
                let start = at - self.sealed();
                &self.tail[start..start + n]
            }
        }
    }
}

impl Index<usize> for Records {
    type Output = Record;

    fn index(&self, i: usize) -> &Record {
        match self.get(i) {
            Some(r) => r,
            None => panic!("record index {i} out of {}", self.len()),
        }
    }
}

/// Iterates over a range of [`Records`] from both ends. Forward iteration (every fetch) walks one contiguous run
/// of records at a time, as fast as a slice.
#[derive(Clone, Debug)]
pub(crate) struct Iter<'a> {
    records: &'a Records,
    /// Records not yet handed out that lie together in memory, ending at index `run_end`.
    run: core::slice::Iter<'a, Record>,
    run_end: usize,
    /// One past the index of the next record from the back.
    back: usize,
}

impl<'a> Iter<'a> {
    /// Starts the next run of records lying together (every [`CHUNK`] records at most).
    #[inline(never)]
    fn next_run(&mut self) -> Option<&'a Record> {
        if self.run_end == self.back {
            return None;
        }
        let run = self.records.run_at(self.run_end, self.back);
        self.run_end += run.len();
        self.run = run.iter();
        self.run.next()
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Record;

    #[inline]
    fn next(&mut self) -> Option<&'a Record> {
        match self.run.next() {
            Some(r) => Some(r),
            None => self.next_run(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.run_end + self.run.len();
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.run_end == self.back {
            // The run reaches the back (or nothing is left): take from its end.
            let r = self.run.next_back()?;
            self.run_end -= 1;
            self.back -= 1;
            return Some(r);
        }
        self.back -= 1;
        self.records.get(self.back)
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests;
