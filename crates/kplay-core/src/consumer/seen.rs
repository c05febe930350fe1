//! Which offsets each listener class of a group processed, and which offsets were produced while the class was
//! in the group, as sorted disjoint offset ranges per partition.
//!
//! A partition's records are processed in offset order by one owner at a time, so each owner hand-over adds at
//! most one range: the structure grows with hand-overs and resets, never with the record count. Presence
//! windows grow by one range per partition each time the class comes back. Together they answer exactly
//! "which records of its topics, produced while this listener was in the group, did another listener that was
//! in the group then process, and this one never", counting a record re-processed by another listener (after a
//! crash or hand-over) as seen by both.

use crate::offsets::{OffsetMap, Tp};
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

    /// Forgets every offset at or above `cut` (feature `brokers`: an unclean election cut the log there, and
    /// those offsets will hold other records).
    #[cfg(feature = "brokers")]
    pub fn cut_at(&mut self, cut: u64) {
        self.0.retain(|r| r.0 < cut);
        if let Some(last) = self.0.last_mut() {
            last.1 = last.1.min(cut);
        }
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

    /// The offsets covered by both `self` and `other`.
    pub fn intersect(&self, other: &Ranges) -> Ranges {
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while let (Some(&(a1, b1)), Some(&(a2, b2))) = (self.0.get(i), other.0.get(j)) {
            let (from, to) = (a1.max(a2), b1.min(b2));
            if from < to {
                out.push((from, to));
            }
            if b1 < b2 {
                i += 1;
            } else {
                j += 1;
            }
        }
        // Pieces of non-adjacent inputs are disjoint and non-adjacent themselves.
        Ranges(out)
    }

    /// Number of offsets covered.
    pub fn len(&self) -> u64 {
        self.0.iter().map(|(a, b)| b - a).sum()
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

/// One listener class: its name, the offsets it processed per partition and the offsets produced while it was
/// in the group (its presence windows).
#[derive(Clone, Debug, Default)]
pub(crate) struct Seen {
    pub listener: String,
    pub parts: Vec<(Tp, Ranges)>,
    /// Closed presence windows per partition: `[log-end when the class came, log-end when it went)`.
    pub present: Vec<(Tp, Ranges)>,
    /// While the class is in the group: each partition's log-end offset when it came. A partition missing here
    /// was created after that, so its window starts at 0.
    pub open: Option<OffsetMap>,
}

impl Seen {
    /// The ranges of `tp`, if any.
    pub fn get(&self, tp: Tp) -> Option<&Ranges> {
        of(&self.parts, tp)
    }

    /// The ranges of `tp`, created empty when new.
    #[inline]
    pub fn ranges(&mut self, tp: Tp) -> &mut Ranges {
        of_mut(&mut self.parts, tp)
    }

    /// The class comes into the group (`present`) or leaves it, when the log-end offsets are `ends`
    /// (every partition of every topic). Opens or closes one window per partition; no-op without a change.
    pub fn set_present(&mut self, present: bool, ends: impl Iterator<Item = (Tp, u64)>) {
        match (present, self.open.take()) {
            (true, None) => {
                let mut open = OffsetMap::default();
                for (tp, end) in ends {
                    open.insert(tp, end);
                }
                self.open = Some(open);
            }
            (false, Some(open)) => {
                for (tp, end) in ends {
                    let from = open.get(&tp).copied().unwrap_or(0);
                    if end > from {
                        of_mut(&mut self.present, tp).insert_range(from, end);
                    }
                }
            }
            (_, open) => self.open = open,
        }
    }

    /// The offsets of `tp` produced while the class was in the group (an open window ends at `u64::MAX`).
    pub fn window(&self, tp: Tp) -> Ranges {
        let mut w = of(&self.present, tp).cloned().unwrap_or_default();
        if let Some(open) = &self.open {
            w.insert_range(open.get(&tp).copied().unwrap_or(0), u64::MAX);
        }
        w
    }
}

fn of(parts: &[(Tp, Ranges)], tp: Tp) -> Option<&Ranges> {
    parts
        .binary_search_by_key(&tp, |(k, _)| *k)
        .ok()
        .map(|i| &parts[i].1)
}

#[inline]
fn of_mut(parts: &mut Vec<(Tp, Ranges)>, tp: Tp) -> &mut Ranges {
    // As `OffsetMap::find`: over every partition of the first topic, partition `p` is at index `p`.
    let guess = parts
        .get(tp.1 as usize)
        .filter(|(k, _)| *k == tp)
        .map(|_| tp.1 as usize);
    let i = match guess.map_or_else(|| parts.binary_search_by_key(&tp, |(k, _)| *k), Ok) {
        Ok(i) => i,
        Err(i) => {
            parts.insert(i, (tp, Ranges::default()));
            i
        }
    };
    &mut parts[i].1
}

/// Records of `topics` (topic indices) that `all[me]` missed because of the shared group: produced while it was
/// in the group, processed by another listener class that was in the group when they were produced, and never
/// processed by `all[me]`. Records produced before it came, or after it left, do not count.
pub(crate) fn missed(all: &[Seen], me: usize, topics: &[u32]) -> u64 {
    let Some(mine) = all.get(me) else {
        return 0;
    };
    let mut tps: Vec<Tp> = all
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != me)
        .flat_map(|(_, s)| s.parts.iter().map(|(tp, _)| *tp))
        .filter(|tp| topics.contains(&tp.0))
        .collect();
    crate::sort::sort_by(&mut tps, &mut |a, b| a.cmp(b));
    tps.dedup();
    tps.into_iter()
        .map(|tp| {
            let mine_present = mine.window(tp);
            let mut others = Ranges::default();
            for (k, s) in all.iter().enumerate() {
                let Some(done) = s.get(tp).filter(|_| k != me) else {
                    continue;
                };
                let both = done.intersect(&s.window(tp)).intersect(&mine_present);
                for &(a, b) in &both.0 {
                    others.insert_range(a, b);
                }
            }
            let own = mine.get(tp).map_or(0, |r| others.intersect(r).len());
            others.len() - own
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

    /// Log-end offsets `ends` for partitions 0, 1, … of topics 0 and 1 (`(topic, ends)` pairs).
    fn ends(topics: &[(u32, &[u64])]) -> Vec<(Tp, u64)> {
        let per_topic = topics
            .iter()
            .map(|&(t, e)| e.iter().enumerate().map(move |(p, &o)| ((t, p as u32), o)));
        per_topic.flatten().collect()
    }

    /// A class present in the whole run (came at log-end 0 on topics 0 and 1).
    fn always() -> Seen {
        let mut s = Seen::default();
        s.set_present(true, ends(&[(0, &[0]), (1, &[0])]).into_iter());
        s
    }

    #[test]
    fn ranges_merge_intersect_and_count() {
        let r = set(&[0, 1, 2, 5, 6, 4, 3, 9, 2, 8]);
        assert_eq!(r.0, [(0, 7), (8, 10)]);
        assert_eq!(r.len(), 9);
        let s = set(&[6, 7, 8, 20]);
        assert_eq!(r.intersect(&s).0, [(6, 7), (8, 9)]);
        assert_eq!(s.intersect(&r), r.intersect(&s));
        assert_eq!(r.intersect(&Ranges::default()).len(), 0);
        let mut open = Ranges::default();
        open.insert_range(4, u64::MAX);
        assert_eq!(r.intersect(&open).0, [(4, 7), (8, 10)]);
    }

    #[test]
    fn presence_windows_open_at_the_log_end_close_at_the_log_end_and_repeat() {
        let mut s = Seen::default();
        assert!(s.window((0, 0)).0.is_empty(), "never in the group");
        s.set_present(true, ends(&[(0, &[5, 7])]).into_iter());
        assert_eq!(s.window((0, 1)).0, [(7, u64::MAX)]);
        // Present again: no change (the window stays where it opened).
        s.set_present(true, ends(&[(0, &[9, 9])]).into_iter());
        assert_eq!(s.window((0, 0)).0, [(5, u64::MAX)]);
        // Partition 2 was added while present: its window starts at 0.
        s.set_present(false, ends(&[(0, &[10, 12, 3])]).into_iter());
        assert_eq!(s.window((0, 0)).0, [(5, 10)]);
        assert_eq!(s.window((0, 1)).0, [(7, 12)]);
        assert_eq!(s.window((0, 2)).0, [(0, 3)]);
        s.set_present(false, ends(&[(0, &[11, 13, 4])]).into_iter());
        assert_eq!(
            s.window((0, 0)).0,
            [(5, 10)],
            "leaving twice changes nothing"
        );
        // Back later: a second window; nothing produced while away (partition 2: 3..4 and 4..6 stay apart).
        s.set_present(true, ends(&[(0, &[20, 12, 4])]).into_iter());
        s.set_present(false, ends(&[(0, &[25, 12, 6])]).into_iter());
        assert_eq!(s.window((0, 0)).0, [(5, 10), (20, 25)]);
        assert_eq!(
            s.window((0, 1)).0,
            [(7, 12)],
            "nothing produced on 1 while back"
        );
        assert_eq!(s.window((0, 2)).0, [(0, 3), (4, 6)]);
    }

    #[test]
    fn missed_counts_only_records_produced_while_both_were_in_the_group() {
        // A is in the group from the start; B comes at log-end 10 and leaves at log-end 30, comes back at 40.
        let mut a = always();
        let mut b = Seen::default();
        b.set_present(true, ends(&[(0, &[10])]).into_iter());
        for o in 0..20 {
            a.ranges((0, 0)).insert(o);
        }
        // B takes the partition over at 20 and processes up to 35 (30..35 after it left: a zombie batch).
        for o in 20..35 {
            b.ranges((0, 0)).insert(o);
        }
        b.set_present(false, ends(&[(0, &[30])]).into_iter());
        // A gets it back and processes 35..40, B is back at 40 and A goes on to 50.
        for o in 35..50 {
            a.ranges((0, 0)).insert(o);
        }
        b.set_present(true, ends(&[(0, &[40])]).into_iter());
        let all = [a, b];
        // B missed 10..20 (A processed them while both were in) and 40..50; not 0..10 (before B came) nor
        // 35..40 (B was away).
        assert_eq!(missed(&all, 1, &[0]), 20);
        // A missed 20..30: produced while both were in; 30..35 were produced after B left.
        assert_eq!(missed(&all, 0, &[0]), 10);
        assert_eq!(missed(&all, 0, &[1]), 0, "only the listener's topics");
        // Whole-run presence for both gives the old count: everything the other processed and this one did not.
        let (mut a, mut b) = (always(), always());
        a.parts = all[0].parts.clone();
        b.parts = all[1].parts.clone();
        let both = [a, b];
        assert_eq!(missed(&both, 1, &[0]), 35);
        assert_eq!(missed(&both, 0, &[0]), 15);
    }

    #[test]
    fn a_record_processed_outside_the_processors_window_is_not_missed() {
        // B processes a backlog produced before it came (offsets 0..10, handed over at a rebalance): A, present
        // all along, did not miss those because of B being in the group, only 10..15.
        let mut a = always();
        let mut b = Seen::default();
        b.set_present(true, ends(&[(0, &[10])]).into_iter());
        for o in 0..15 {
            b.ranges((0, 0)).insert(o);
        }
        a.ranges((1, 0)).insert(0);
        assert_eq!(missed(&[a, b], 0, &[0]), 5);
    }

    #[test]
    fn missed_counts_only_the_listeners_topics_and_reprocessing_counts_as_seen() {
        let (mut a, mut b) = (always(), always());
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
