//! The heatmap drawn for a big topic: one small cell per partition in a grid of [`HEAT_COLS`] columns, coloured
//! by the lag of one group (or by the produce rate when no group reads the topic), with the partition's detailed
//! lane on a row below the grid. Pure geometry and colour bins, tested natively.

use super::{LANE_END, LANE_H, LANE_X};

/// Topics with more partitions than this are drawn as a heatmap (64 lanes of 24 px do not fit any screen).
pub const HEAT_LIMIT: usize = 24;
/// Cells per grid row.
pub const HEAT_COLS: usize = 16;
/// A cell's width and height (the pitch: the drawn square is 2 px smaller).
pub const HEAT_CELL: f64 = 18.0;
/// Left edge of the grid; the row labels ("P16–31") sit between [`LANE_X`] and it.
pub const HEAT_X: f64 = LANE_X + 62.0;
/// The text row above the grid ("colour: lag of group …").
pub const HEAT_HEAD: f64 = 16.0;
/// The colour scale row under the grid.
pub const HEAT_SCALE: f64 = 18.0;
/// Colour bins: 0, 1–9, 10–99, 100–999, 1,000–9,999, 10,000 and more (decades: lag spans orders of magnitude).
pub const HEAT_BINS: usize = 6;

/// Where a heatmap topic's parts sit.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatPos {
    /// Topic.
    pub topic: String,
    /// Partitions.
    pub partitions: u32,
    /// Baseline of the head text.
    pub head_y: f64,
    /// Top of the first grid row.
    pub top: f64,
    /// Centre line of the colour scale row.
    pub scale_y: f64,
    /// Centre line of the detailed lane (the hovered or focused partition).
    pub detail_y: f64,
}

impl HeatPos {
    /// Lays out a heatmap whose block starts at `y` (under the topic title); returns it and the block's end.
    pub fn at(topic: &str, partitions: usize, y: f64) -> (HeatPos, f64) {
        let top = y + HEAT_HEAD;
        let scale_top = top + rows(partitions) as f64 * HEAT_CELL + 2.0;
        let h = HeatPos {
            topic: topic.to_string(),
            partitions: partitions as u32,
            head_y: y + 11.0,
            top,
            scale_y: scale_top + HEAT_SCALE / 2.0,
            detail_y: scale_top + HEAT_SCALE + LANE_H / 2.0,
        };
        (h, scale_top + HEAT_SCALE + LANE_H)
    }

    /// The top-left corner of a partition's cell.
    pub fn cell(&self, p: u32) -> (f64, f64) {
        let (row, col) = (p as usize / HEAT_COLS, p as usize % HEAT_COLS);
        (
            HEAT_X + col as f64 * HEAT_CELL,
            self.top + row as f64 * HEAT_CELL,
        )
    }
}

/// Whether a topic of `partitions` partitions is drawn as a heatmap.
pub fn is_heat(partitions: usize) -> bool {
    partitions > HEAT_LIMIT
}

/// Grid rows for `partitions` cells.
pub fn rows(partitions: usize) -> usize {
    partitions.div_ceil(HEAT_COLS)
}

/// The colour bin of a value (lag in records, or records per second): 0 for 0, then one bin per decade up to
/// [`HEAT_BINS`] − 1 for 10,000 and more.
pub fn bin(v: u64) -> usize {
    let mut b = 0;
    let mut bound = 1;
    while v >= bound && b < HEAT_BINS - 1 {
        b += 1;
        bound *= 10;
    }
    b
}

/// The lowest value of each bin, for the scale's labels.
pub const BIN_FLOOR: [&str; HEAT_BINS] = ["0", "1+", "10+", "100+", "1k+", "10k+"];

/// The cell a navigation key moves to from `p` in a grid of `n` cells (arrow keys by one cell or one row, Home /
/// End to the first / last), or `None` for other keys or past an edge.
pub fn next_cell(p: u32, key: &str, n: u32) -> Option<u32> {
    let cols = HEAT_COLS as u32;
    let to = match key {
        "ArrowRight" => p.checked_add(1)?,
        "ArrowLeft" => p.checked_sub(1)?,
        "ArrowDown" => p.checked_add(cols)?,
        "ArrowUp" => p.checked_sub(cols)?,
        "Home" => 0,
        "End" => n.checked_sub(1)?,
        _ => return None,
    };
    (to < n).then_some(to)
}

/// Records per second per partition between two readings of the log-end offsets, `ms` of virtual time apart
/// (0 where a log shrank, e.g. a topic recreated, or no time passed).
pub fn rates(before: &[u64], after: &[u64], ms: u64) -> Vec<u64> {
    after
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let b = before.get(i).copied().unwrap_or(*a);
            a.saturating_sub(b)
                .saturating_mul(1000)
                .checked_div(ms)
                .unwrap_or(0)
        })
        .collect()
}

/// Where a flight lands on (and leaves) a heatmap cell: its right edge, at mid-height.
pub fn flight_end(h: &HeatPos, p: u32) -> (f64, f64) {
    let (x, y) = h.cell(p);
    (x + HEAT_CELL, y + HEAT_CELL / 2.0)
}

/// Whether the grid, its head and scale fit in the lane column (so nothing overlaps the ownership lines).
pub fn fits() -> bool {
    HEAT_X + HEAT_COLS as f64 * HEAT_CELL <= LANE_END
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fall_in_decade_bins() {
        let got: Vec<usize> = [0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, u64::MAX]
            .iter()
            .map(|v| bin(*v))
            .collect();
        assert_eq!(got, [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn a_64_partition_heatmap_is_4_rows_and_far_shorter_than_64_lanes() {
        assert!(!is_heat(24) && is_heat(25) && is_heat(64));
        assert!(fits());
        let (h, end) = HeatPos::at("bench", 64, 100.0);
        assert_eq!(rows(64), 4);
        assert_eq!(rows(65), 5);
        assert_eq!(h.cell(0), (HEAT_X, h.top));
        assert_eq!(h.cell(17), (HEAT_X + HEAT_CELL, h.top + HEAT_CELL));
        let (_, last_y) = h.cell(63);
        assert!(last_y + HEAT_CELL <= h.scale_y - HEAT_SCALE / 2.0 + 0.1);
        assert!(h.detail_y > h.scale_y && end >= h.detail_y + LANE_H / 2.0);
        assert!(end - 100.0 < 64.0 * LANE_H / 8.0, "{end}");
        assert_eq!(flight_end(&h, 1), (HEAT_X + 2.0 * HEAT_CELL, h.top + 9.0));
    }

    #[test]
    fn keys_move_by_cell_and_row_and_stop_at_the_edges() {
        assert_eq!(next_cell(0, "ArrowRight", 64), Some(1));
        assert_eq!(next_cell(0, "ArrowLeft", 64), None);
        assert_eq!(next_cell(3, "ArrowDown", 64), Some(19));
        assert_eq!(next_cell(50, "ArrowDown", 64), None);
        assert_eq!(next_cell(19, "ArrowUp", 64), Some(3));
        assert_eq!(next_cell(5, "ArrowUp", 64), None);
        assert_eq!(next_cell(63, "ArrowRight", 64), None);
        assert_eq!(next_cell(30, "Home", 64), Some(0));
        assert_eq!(next_cell(3, "End", 40), Some(39));
        assert_eq!(next_cell(3, "Enter", 64), None);
    }

    #[test]
    fn rates_are_records_per_second_and_never_negative() {
        assert_eq!(rates(&[0, 10, 50], &[30, 10, 20], 1000), [30, 0, 0]);
        assert_eq!(rates(&[0, 0], &[5, 10], 500), [10, 20]);
        assert_eq!(
            rates(&[0], &[5, 7], 1000),
            [5, 0],
            "a new partition starts at 0/s"
        );
        assert_eq!(rates(&[0], &[5], 0), [0]);
    }

    #[test]
    fn the_bench_topic_is_a_compact_heatmap_with_its_producers_in_its_block() {
        use crate::layout::Layout;
        use kplay_core::sim::World;
        let w = World::new(&kplay_core::scenario::bench_preset(), 1)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let l = Layout::of(&w.snapshot());
        assert_eq!(l.heatmaps.len(), 1);
        let h = l.heatmap("events").unwrap_or_else(|| panic!("no heatmap"));
        assert_eq!(h.partitions, 64);
        assert_eq!(l.lanes.len(), 64, "a flight target per partition");
        assert!(l.lanes.iter().all(|x| x.heat));
        assert_eq!(
            l.lane("events", 17).map(|x| (x.x, x.y)),
            Some(flight_end(h, 17))
        );
        let end = h.detail_y + LANE_H / 2.0;
        assert!(
            end < 200.0,
            "64 partitions in {end} px, not 64 lanes' {} px",
            64.0 * LANE_H
        );
        for (_, y) in &l.producers {
            assert!(
                *y - 18.0 >= h.head_y - 11.0 && *y + 18.0 <= end,
                "producer at {y}"
            );
        }
    }

    #[test]
    fn producers_stay_at_the_top_of_a_tall_topic() {
        use crate::layout::Layout;
        use kplay_core::sim::{PartitionView, ProducerView, Snapshot, TopicView};
        let topic = |name: &str, n: usize| TopicView {
            name: name.into(),
            partitions: vec![PartitionView::default(); n],
        };
        let producer = |id: &str, topic: &str| ProducerView {
            id: id.into(),
            topic: topic.into(),
            ..ProducerView::default()
        };
        let s = Snapshot {
            topics: vec![topic("tall", 20), topic("huge", 400)],
            producers: vec![producer("a", "tall"), producer("b", "huge")],
            ..Snapshot::default()
        };
        let l = Layout::of(&s);
        let first = |t: &str| l.lanes.iter().find(|x| x.topic == t).map_or(0.0, |x| x.y);
        assert_eq!(l.producer("a"), Some(first("tall") - LANE_H / 2.0 + 18.0));
        let h = l.heatmap("huge").unwrap_or_else(|| panic!("no heatmap"));
        assert_eq!(rows(400), 25);
        assert_eq!(l.producer("b"), Some(h.head_y - 11.0 + 18.0));
        assert!(l.heatmap("tall").is_none());
    }
}
