//! A consumer group at run time: the broker's coordinator, the group's instances and its processing
//! statistics.

use super::stats::Stats;
use super::{Instance, Phase};
use crate::event::EventLog;
use crate::group::coordinator::Coordinator;
use crate::rng::Rng;
use crate::scenario::GroupSpec;
use crate::topic::Topic;
use alloc::string::String;
use alloc::vec::Vec;

#[derive(Clone, Debug)]
pub(crate) struct GroupRt {
    pub spec: GroupSpec,
    pub coord: Coordinator,
    pub instances: Vec<Instance>,
    pub rng: Rng,
    pub stats: Stats,
    /// The listener classes (with their topics) last warned about.
    pub warned_listeners: Vec<String>,
    pub last_generation: i32,
    /// Feature `brokers`: per partition, the lowest cut an unclean election made below the committed offset
    /// since that offset was committed (`truncate.rs`): a consumer starting from it goes back to the cut.
    #[cfg(feature = "brokers")]
    pub diverged: crate::offsets::OffsetMap,
    /// Feature `brokers`: where its coordinator lives (`None` without brokers: always available).
    #[cfg(feature = "brokers")]
    pub home: Option<crate::group::home::Home>,
}

impl GroupRt {
    pub fn new(spec: &GroupSpec, rng: Rng) -> Self {
        GroupRt {
            spec: spec.clone(),
            coord: Coordinator::new(),
            instances: Vec::new(),
            rng,
            stats: Stats::default(),
            warned_listeners: Vec::new(),
            last_generation: 0,
            #[cfg(feature = "brokers")]
            diverged: crate::offsets::OffsetMap::default(),
            #[cfg(feature = "brokers")]
            home: None,
        }
    }

    /// Whether the group's coordinator can be reached: always without brokers; with brokers, while the leader of
    /// its `__consumer_offsets` partition runs.
    #[inline]
    pub fn coordinator_available(&self) -> bool {
        #[cfg(feature = "brokers")]
        if let Some(h) = &self.home {
            return h.serving.is_some();
        }
        true
    }

    /// Instance `i`'s subscription: its own `topics`, else the group's.
    pub fn subscription(&self, i: usize) -> &[String] {
        self.instances[i]
            .spec
            .topics
            .as_deref()
            .unwrap_or(&self.spec.topics)
    }

    /// The group's topics: the union of its instances' subscriptions in order of first appearance (the
    /// group's `topics` when it has no instances).
    pub fn topics(&self) -> Vec<String> {
        if self.instances.is_empty() {
            return self.spec.topics.clone();
        }
        let mut out: Vec<String> = Vec::new();
        for i in 0..self.instances.len() {
            for t in self.subscription(i) {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    /// The topics listener class `listener` subscribes to: the union over its instances.
    pub fn listener_topics(&self, listener: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in 0..self.instances.len() {
            if self.instances[i].spec.listener == listener {
                for t in self.subscription(i) {
                    if !out.contains(t) {
                        out.push(t.clone());
                    }
                }
            }
        }
        crate::sort::sort_by(&mut out, &mut |a, b| a.cmp(b));
        out
    }

    /// Topics that more than one listener class subscribes to, sorted (empty when their topics are disjoint).
    pub fn shared_topics(&self) -> Vec<String> {
        let subs: Vec<Vec<String>> = self
            .listeners()
            .iter()
            .map(|l| self.listener_topics(l))
            .collect();
        let mut shared: Vec<String> = Vec::new();
        for (k, ts) in subs.iter().enumerate() {
            for t in ts {
                if !shared.contains(t) && subs[k + 1..].iter().any(|o| o.contains(t)) {
                    shared.push(t.clone());
                }
            }
        }
        crate::sort::sort_by(&mut shared, &mut |a, b| a.cmp(b));
        shared
    }

    /// Distinct listeners of the instances, sorted.
    pub fn listeners(&self) -> Vec<String> {
        let mut ls: Vec<String> = self
            .instances
            .iter()
            .map(|i| i.spec.listener.clone())
            .collect();
        crate::sort::sort_by(&mut ls, &mut |a, b| a.cmp(b));
        ls.dedup();
        ls
    }

    /// Opens or closes the presence windows of the listener classes that came into the group or left it (see
    /// `seen::Seen::set_present`), at the current log-end offsets. Called after every command and after the
    /// consumers' part of each millisecond, so a window ends before the records produced in the millisecond of a
    /// crash or stop, and starts after those produced in the millisecond of a join.
    ///
    /// A class is in the group while one of its instances has a thread that sent JoinGroup and has not since
    /// crashed, stopped, been removed or had its thread closed. "Joined" means the JoinGroup, not the first
    /// assignment: from the JoinGroup the coordinator counts the member, and a record produced during the
    /// rebalance that member triggers goes, after it, to whichever class gets its partition — the split the
    /// shared group id causes. A thread the coordinator dropped (poll timeout, session timeout) still counts: its
    /// instance runs, and it rejoins at its next poll. A crashed instance no longer counts, although the
    /// coordinator keeps its members until the session timeout: it processes nothing while down, so what is
    /// produced meanwhile is not something it missed because of the shared group.
    pub(crate) fn track_presence(&mut self, topics: &[Topic]) {
        for slot in 0..self.stats.seen.len() {
            let present = self.instances.iter().any(|i| {
                i.listener_slot == slot && i.threads.iter().any(|t| t.phase != Phase::Unjoined)
            });
            let seen = &mut self.stats.seen[slot];
            if present != seen.open.is_some() {
                // Plain loops into a list: a `flat_map` compiled its own flattening adapter into the wasm.
                let mut ends = Vec::new();
                for (ti, t) in topics.iter().enumerate() {
                    for (p, log) in t.logs.iter().enumerate() {
                        ends.push(((ti as u32, p as u32), log.log_end()));
                    }
                }
                seen.set_present(present, ends.into_iter());
            }
        }
    }

    /// One run of the coordinator's offset expiry at `now`; a deleted group starts again from generation 0.
    pub(crate) fn expire_offsets(&mut self, now: u64, topics: &[Topic], ev: &mut EventLog) {
        if self.coord.expire_offsets(now, &self.spec, topics, ev) {
            self.last_generation = 0;
        }
    }
}
