//! Where everything sits in the topology SVG, computed from a snapshot (pure, so it is tested natively).
//! Columns: producers → partition lanes → groups / instances / threads.

use kplay_core::sim::Snapshot;

pub mod heat;
use heat::HeatPos;

/// Height of one partition lane.
pub const LANE_H: f64 = 24.0;
/// Height of a topic's title row.
pub const TOPIC_HEAD: f64 = 24.0;
/// Space between blocks.
pub const GAP: f64 = 14.0;
/// Left edge of producers.
pub const PROD_X: f64 = 8.0;
/// Producer box width.
pub const PROD_W: f64 = 118.0;
/// Left edge of the lanes (partition label).
pub const LANE_X: f64 = 160.0;
/// Left edge of the first offset cell.
pub const CELLS_X: f64 = LANE_X + 112.0;
/// Width of one offset cell.
pub const CELL_W: f64 = 30.0;
/// Cells drawn per lane (the engine's `RECENT_RECORDS`).
pub const CELLS: usize = kplay_core::sim::RECENT_RECORDS;
/// Right edge of the lanes, where ownership lines start.
pub const LANE_END: f64 = CELLS_X + CELLS as f64 * CELL_W + 6.0;
/// Left edge of the consumer column.
pub const GROUP_X: f64 = LANE_END + 110.0;
/// Where thread dots sit.
pub const THREAD_X: f64 = GROUP_X + 26.0;
/// Whole drawing width: room for a group head such as "group billing · CompletingRebalance · gen 12" (texts past
/// it would be cut, since the picture is scaled to its viewBox).
pub const WIDTH: f64 = GROUP_X + 340.0;
const GROUP_HEAD: f64 = 26.0;
const INSTANCE_HEAD: f64 = 22.0;
const THREAD_H: f64 = 20.0;

/// A partition lane's centre line.
#[derive(Clone, Debug, PartialEq)]
pub struct LanePos {
    /// Topic.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// Vertical centre.
    pub y: f64,
    /// Where records fly in and out: the lane's right end, or the right edge of a heatmap cell.
    pub x: f64,
    /// Drawn as a heatmap cell (no lane of its own, no ownership line).
    pub heat: bool,
}

/// A thread slot (drawn even while its instance is down).
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadPos {
    /// Group index.
    pub group: usize,
    /// Instance id.
    pub instance: String,
    /// Thread number.
    pub thread: u32,
    /// Vertical centre.
    pub y: f64,
}

/// Positions of everything.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Total height.
    pub height: f64,
    /// Topic title rows: (name, y of the title baseline).
    pub topics: Vec<(String, f64)>,
    /// Lanes: topic by topic, in `topics` order, each topic's partitions from 0 up.
    pub lanes: Vec<LanePos>,
    /// Index in `lanes` of each topic's partition 0, in `topics` order.
    lane_starts: Vec<usize>,
    /// Producers: (id, vertical centre).
    pub producers: Vec<(String, f64)>,
    /// Group title rows: y of the top.
    pub groups: Vec<f64>,
    /// Instance title rows: (group index, instance id, y of the top).
    pub instances: Vec<(usize, String, f64)>,
    /// Thread slots.
    pub threads: Vec<ThreadPos>,
    /// Topics drawn as a heatmap (more than [`heat::HEAT_LIMIT`] partitions).
    pub heatmaps: Vec<HeatPos>,
}

impl Layout {
    /// Lays out a snapshot.
    pub fn of(s: &Snapshot) -> Layout {
        let mut l = Layout::default();
        let mut y = GAP;
        for t in &s.topics {
            l.topics.push((t.name.clone(), y + 16.0));
            l.lane_starts.push(l.lanes.len());
            y += TOPIC_HEAD;
            let first = y;
            let n = t.partitions.len();
            if heat::is_heat(n) {
                let (h, end) = HeatPos::at(&t.name, n, y);
                for p in 0..n as u32 {
                    let (x, y) = heat::flight_end(&h, p);
                    let (topic, heat) = (t.name.clone(), true);
                    l.lanes.push(LanePos {
                        topic,
                        partition: p,
                        y,
                        x,
                        heat,
                    });
                }
                l.heatmaps.push(h);
                y = end;
            } else {
                for p in 0..n {
                    l.lanes.push(LanePos {
                        topic: t.name.clone(),
                        partition: p as u32,
                        y: y + LANE_H / 2.0,
                        x: LANE_END,
                        heat: false,
                    });
                    y += LANE_H;
                }
            }
            let mine: Vec<_> = s.producers.iter().filter(|p| p.topic == t.name).collect();
            // Producers sit level with a short topic's middle, and at the top of a tall one (in view with its title).
            let block = mine.len().saturating_sub(1) as f64 * 40.0;
            let middle = if y - first > block + 6.0 * LANE_H {
                first + 18.0 + block / 2.0
            } else {
                (first + y) / 2.0
            };
            for (i, p) in mine.iter().enumerate() {
                let offset = (i as f64 - (mine.len() as f64 - 1.0) / 2.0) * 40.0;
                l.producers.push((p.id.clone(), middle + offset));
            }
            y += GAP;
        }
        let left = y;
        let mut y = GAP;
        for (gi, g) in s.groups.iter().enumerate() {
            l.groups.push(y);
            y += GROUP_HEAD;
            for inst in &g.instances {
                l.instances.push((gi, inst.id.clone(), y));
                y += INSTANCE_HEAD;
                for t in 0..inst.threads {
                    l.threads.push(ThreadPos {
                        group: gi,
                        instance: inst.id.clone(),
                        thread: t,
                        y: y + THREAD_H / 2.0,
                    });
                    y += THREAD_H;
                }
            }
            y += GAP;
        }
        l.height = left.max(y).max(120.0);
        l
    }

    /// The lane of a partition.
    pub fn lane(&self, topic: &str, partition: u32) -> Option<&LanePos> {
        self.lane_index(topic, partition).map(|i| &self.lanes[i])
    }

    /// The index in `lanes` of a partition's lane: its topic's first lane plus the partition, so a picture with
    /// thousands of partitions finds each in constant time (a scan per partition made frames grow with the
    /// square of the partitions).
    pub fn lane_index(&self, topic: &str, partition: u32) -> Option<usize> {
        let t = self.topics.iter().position(|(name, _)| name == topic)?;
        let i = self.lane_starts[t] + partition as usize;
        let lane = self.lanes.get(i)?;
        (lane.topic == topic && lane.partition == partition).then_some(i)
    }

    /// The slot of a thread.
    pub fn thread(&self, instance: &str, thread: u32) -> Option<&ThreadPos> {
        self.threads
            .iter()
            .find(|t| t.thread == thread && t.instance == instance)
    }

    /// The heatmap of a topic, if it is drawn as one.
    pub fn heatmap(&self, topic: &str) -> Option<&HeatPos> {
        self.heatmaps.iter().find(|h| h.topic == topic)
    }

    /// A producer's centre.
    pub fn producer(&self, id: &str) -> Option<f64> {
        self.producers
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, y)| *y)
    }
}

/// Smooth start and stop for flying records.
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::sim::World;

    #[test]
    fn default_layout_has_a_lane_per_partition_and_a_slot_per_thread() {
        let w =
            World::new(&crate::presets::default_scenario(), 7).unwrap_or_else(|e| panic!("{e:?}"));
        let l = Layout::of(&w.snapshot());
        assert_eq!(l.lanes.len(), 3);
        assert_eq!(l.threads.len(), 4);
        assert!(l.lanes.windows(2).all(|w| w[1].y - w[0].y == LANE_H));
        let py = l.producer("shop").unwrap_or(0.0);
        assert_eq!(
            py, l.lanes[1].y,
            "a single producer sits level with the middle lane"
        );
        assert!(l.thread("billing-2", 1).is_some());
        assert!(l.height >= l.threads[3].y);
        assert_eq!(
            (ease(0.0), ease(0.5), ease(1.0), ease(2.0)),
            (0.0, 0.5, 1.0, 1.0)
        );
    }
}
