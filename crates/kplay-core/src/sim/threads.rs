//! Where each consumer thread is in its poll loop: what the thread-state views (busy / idle) draw.

use super::World;
use alloc::string::String;
use alloc::vec::Vec;

/// One running consumer thread's work in hand.
///
/// ```
/// assert!(kplay_core::sim::ThreadWork::default().done_at_ms.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ThreadWork {
    /// Group id.
    pub group: String,
    /// Instance id.
    pub instance: String,
    /// Thread number within the instance.
    pub thread: u32,
    /// Records fetched by its last poll and not processed yet.
    pub fetched: u32,
    /// When the record it is processing is done (the record occupies the milliseconds before it); `None`
    /// when it has nothing in hand (it is in `poll()`) or hands records to a worker thread.
    pub done_at_ms: Option<u64>,
}

impl World {
    /// Every running consumer thread, in group, instance and thread order, with the work it has in hand.
    ///
    /// ```
    /// use kplay_core::scenario::{GroupSpec, InstanceSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// let mut g = GroupSpec::new("g", ["t"]);
    /// g.instances.push(InstanceSpec::new("i", "L", 2));
    /// s.groups.push(g);
    /// let w = kplay_core::sim::World::new(&s, 1).unwrap();
    /// let work = w.thread_work();
    /// assert_eq!(work.len(), 2);
    /// assert!(work.iter().all(|t| t.fetched == 0 && t.done_at_ms.is_none()));
    /// ```
    pub fn thread_work(&self) -> Vec<ThreadWork> {
        let mut out = Vec::new();
        for g in &self.groups {
            for inst in g.instances.iter().filter(|i| i.is_running()) {
                for t in &inst.threads {
                    let fetched = t.batch.len() as u32;
                    let in_hand = fetched > 0 && inst.spec.handoff_queue.is_none();
                    out.push(ThreadWork {
                        group: g.spec.id.clone(),
                        instance: inst.spec.id.clone(),
                        thread: t.index,
                        fetched,
                        done_at_ms: in_hand.then_some(t.next_done_ms),
                    });
                }
            }
        }
        out
    }

    /// When each running consumer thread's record in hand is done, in [`World::thread_work`]'s order and with
    /// its `done_at_ms`, without building the list (a flow reads it every millisecond).
    ///
    /// ```
    /// use kplay_core::scenario::{GroupSpec, InstanceSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// let mut g = GroupSpec::new("g", ["t"]);
    /// g.instances.push(InstanceSpec::new("i", "L", 2));
    /// s.groups.push(g);
    /// let w = kplay_core::sim::World::new(&s, 1).unwrap();
    /// let done: Vec<_> = w.threads_done_at().collect();
    /// assert_eq!(done, w.thread_work().iter().map(|t| t.done_at_ms).collect::<Vec<_>>());
    /// ```
    pub fn threads_done_at(&self) -> impl Iterator<Item = Option<u64>> + '_ {
        self.groups.iter().flat_map(|g| {
            g.instances
                .iter()
                .filter(|i| i.is_running())
                .flat_map(|inst| {
                    let in_hand = inst.spec.handoff_queue.is_none();
                    inst.threads
                        .iter()
                        .map(move |t| (in_hand && !t.batch.is_empty()).then_some(t.next_done_ms))
                })
        })
    }
}
