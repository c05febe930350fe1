//! Which offsets each listener class of a group processed, as sorted disjoint offset ranges per partition.
//!
//! A partition's records are processed in offset order by one owner at a time, so each owner hand-over adds at
//! most one range: the structure grows with hand-overs and resets, never with the record count. It answers
//! exactly "which records of its topics did the group process that this listener never processed", counting a
//! record re-processed by another listener (after a crash or hand-over) as seen by both.

use crate::offsets::Tp;
use alloc::string::String;
use alloc::vec::Vec;

/// Sorted, disjoint, non-adjacent half-open offset ranges `[from, to)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ranges(Vec<(u64, u64)>);

impl Ranges {
    /// Adds one offset. In-order processing only extends the last range.
    #[inline]
    pub fn insert(&mut self, offset: u64) {
        if let Some(last) = self.0.last_mut() {
            if last.1 == offset {
                last.1 += 1;
                return;
            }
            if last.0 <= offset && offset < last.1 {
                return;
            }
        }
        self.insert_slow(offset);
    }

    fn insert_slow(&mut self, offset: u64) {
        // First range whose end is at or past `offset`.
        let i = self.0.partition_point(|&(_, to)| to < offset);
        match self.0.get(i).copied() {
            Some((from, to)) if from <= offset && offset < to => {}
            Some((_, to)) if to == offset => {
                self.0[i].1 += 1;
                if self.0.get(i + 1).is_some_and(|n| n.0 == offset + 1) {
                    self.0[i].1 = self.0[i + 1].1;
                    self.0.remove(i + 1);
                }
            }
            Some((from, _)) if from == offset + 1 => self.0[i].0 = offset,
            _ => self.0.insert(i, (offset, offset + 1)),
        }
    }

    /// Adds `[from, to)` (any overlap or adjacency merges).
    pub fn insert_range(&mut self, from: u64, to: u64) {
        if from >= to {
            return;
        }
        self.0.push((from, to));
        crate::sort::sort_by(&mut self.0, &mut |a, b| a.cmp(b));
        let mut out: Vec<(u64, u64)> = Vec::with_capacity(self.0.len());
        for &(a, b) in &self.0 {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        self.0 = out;
    }

    /// Whether `offset` is covered.
    pub fn contains(&self, offset: u64) -> bool {
        let i = self.0.partition_point(|&(_, to)| to <= offset);
        self.0.get(i).is_some_and(|&(from, _)| from <= offset)
    }

    /// The parts of `[from, to)` that none of `sets` covers.
    pub fn gaps<'a>(from: u64, to: u64, sets: impl Iterator<Item = &'a Ranges>) -> Vec<(u64, u64)> {
        let mut all = Ranges::default();
        for s in sets {
            for &(a, b) in &s.0 {
                all.insert_range(a, b);
            }
        }
        let mut out = Vec::new();
        let mut at = from;
        for &(a, b) in &all.0 {
            if b <= at || a >= to {
                continue;
            }
            if a > at {
                out.push((at, a));
            }
            at = at.max(b);
        }
        if at < to {
            out.push((at, to));
        }
        out
    }

    /// Number of offsets covered.
    pub fn len(&self) -> u64 {
        self.0.iter().map(|(a, b)| b - a).sum()
    }

    /// Number of offsets covered by at least one of `sets`.
    pub fn union_len<'a>(sets: impl Iterator<Item = &'a Ranges>) -> u64 {
        let mut all: Vec<(u64, u64)> = sets.flat_map(|r| r.0.iter().copied()).collect();
        crate::sort::sort_by(&mut all, &mut |a, b| a.cmp(b));
        let (mut n, mut end) = (0, 0);
        for (from, to) in all {
            let from = from.max(end);
            if to > from {
                n += to - from;
                end = to;
            }
        }
        n
    }
}

/// Offset ranges a group's position jumped over without processing them, per partition.
#[derive(Clone, Debug, Default)]
pub(crate) struct Skipped {
    /// Deleted by retention before the group read them.
    pub deleted: Ranges,
    /// Jumped over by `auto.offset.reset=latest`.
    pub reset: Ranges,
}

/// One listener class: its name and the offsets it processed per partition.
#[derive(Clone, Debug, Default)]
pub(crate) struct Seen {
    pub listener: String,
    pub parts: Vec<(Tp, Ranges)>,
}

impl Seen {
    /// The ranges of `tp`, if any.
    pub fn get(&self, tp: Tp) -> Option<&Ranges> {
        of(self, tp)
    }

    /// The ranges of `tp`, created empty when new.
    #[inline]
    pub fn ranges(&mut self, tp: Tp) -> &mut Ranges {
        let i = match self.parts.binary_search_by_key(&tp, |(k, _)| *k) {
            Ok(i) => i,
            Err(i) => {
                self.parts.insert(i, (tp, Ranges::default()));
                i
            }
        };
        &mut self.parts[i].1
    }
}

fn of(s: &Seen, tp: Tp) -> Option<&Ranges> {
    s.parts
        .binary_search_by_key(&tp, |(k, _)| *k)
        .ok()
        .map(|i| &s.parts[i].1)
}

/// Records of `topics` (topic indices) that some listener of `all` processed and `all[me]` never did.
pub(crate) fn missed(all: &[Seen], me: usize, topics: &[u32]) -> u64 {
    let mut tps: Vec<Tp> = all
        .iter()
        .flat_map(|s| s.parts.iter().map(|(tp, _)| *tp))
        .filter(|tp| topics.contains(&tp.0))
        .collect();
    crate::sort::sort_by(&mut tps, &mut |a, b| a.cmp(b));
    tps.dedup();
    tps.into_iter()
        .map(|tp| {
            let group = Ranges::union_len(all.iter().filter_map(|s| of(s, tp)));
            let own = all.get(me).and_then(|s| of(s, tp)).map_or(0, Ranges::len);
            group - own
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(offsets: &[u64]) -> Ranges {
        let mut r = Ranges::default();
        for &o in offsets {
            r.insert(o);
        }
        r
    }

    #[test]
    fn ranges_merge_and_count() {
        let r = set(&[0, 1, 2, 5, 6, 4, 3, 9, 2, 8]);
        assert_eq!(r.0, [(0, 7), (8, 10)]);
        assert_eq!(r.len(), 9);
        let s = set(&[6, 7, 8, 20]);
        assert_eq!(Ranges::union_len([&r, &s].into_iter()), 11);
    }

    #[test]
    fn missed_counts_only_the_listeners_topics_and_reprocessing_counts_as_seen() {
        let mut a = Seen::default();
        let mut b = Seen::default();
        for o in 0..10 {
            a.ranges((0, 0)).insert(o);
        }
        // B re-processes 5..10 after A crashed, then goes on to 12; B also reads topic 1 alone.
        for o in 5..12 {
            b.ranges((0, 0)).insert(o);
        }
        for o in 0..4 {
            b.ranges((1, 0)).insert(o);
        }
        let all = [a, b];
        assert!(all[0].parts[0].1.contains(9) && !all[0].parts[0].1.contains(10));
        assert_eq!(
            Ranges::gaps(0, 20, all.iter().flat_map(|s| s.parts.iter().map(|p| &p.1))),
            [(12, 20)]
        );
        assert_eq!(Ranges::gaps(3, 8, core::iter::empty()), [(3, 8)]);
        assert_eq!(missed(&all, 0, &[0]), 2);
        assert_eq!(missed(&all, 1, &[0, 1]), 5);
        assert_eq!(missed(&all, 1, &[1]), 0);
    }
}
