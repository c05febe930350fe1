//! The preferred-leader election as a world command (feature `brokers`): `kafka-leader-election.sh
//! --election-type PREFERRED` for one partition of a topic or all of them. As in Kafka, partitions whose
//! preferred replica cannot lead are left alone and said so; a command under which nothing would move is
//! refused (a scheduled one becomes a `fault_rejected` warning).

use crate::event::EventKind;
use crate::replication::PreferredBlocker;
use crate::sim::{CommandError, World};
use crate::topic::Topic;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// What an `elect_preferred` would do.
pub(in crate::sim) struct PreferredPlan {
    /// The topic's index.
    ti: usize,
    /// Partitions whose leadership moves.
    elect: Vec<usize>,
    /// Partitions left alone and why ("partition 1: preferred replica 2 is down (…)"). For a whole topic those
    /// already led by their preferred replica are left out, as Kafka leaves `ELECTION_NOT_NEEDED` out of the
    /// answer to an election over every partition.
    skipped: Vec<String>,
}

impl World {
    /// Checks `elect_preferred` and works out which partitions move. Refused without brokers, for an unknown
    /// topic, for a partition at or above the topic's count, and when no partition would move.
    pub(in crate::sim) fn preferred_plan(
        &self,
        topic: &str,
        partition: Option<u32>,
    ) -> Result<PreferredPlan, CommandError> {
        let c = self.cluster_for("topic")?;
        let unknown = || CommandError::new("topic", format!("unknown topic {topic:?}"));
        let ti = Topic::find(&self.topics, topic).ok_or_else(unknown)?;
        let rep = c
            .topics
            .get(ti)
            .and_then(|t| t.as_ref())
            .ok_or_else(unknown)?;
        // Compared, never `count - 1`: a count of 0 must not underflow.
        let count = self.topics[ti].partition_count();
        let parts: Vec<usize> = match partition {
            Some(p) if p >= count => {
                let rule = format!("must be below the topic's partition count {count}");
                return Err(CommandError::new("partition", rule));
            }
            Some(p) => alloc::vec![p as usize],
            None => (0..count as usize).collect(),
        };
        let mut plan = PreferredPlan {
            ti,
            elect: Vec::new(),
            skipped: Vec::new(),
        };
        let mut why_not = Vec::new();
        for p in parts {
            match rep.rep.preferred_election_blocker(p) {
                None => plan.elect.push(p),
                Some(b) => {
                    let line = format!("partition {p}: {b}");
                    if partition.is_some() || !matches!(b, PreferredBlocker::AlreadyLeads(_)) {
                        plan.skipped.push(line.clone());
                    }
                    why_not.push(line);
                }
            }
        }
        if plan.elect.is_empty() {
            let field = if partition.is_some() {
                "partition"
            } else {
                "topic"
            };
            let problem = format!(
                "no partition of {topic:?} can move to its preferred replica: {}",
                why_not.join("; ")
            );
            return Err(CommandError::new(field, problem));
        }
        Ok(plan)
    }

    /// Runs a checked `elect_preferred`: the movable partitions elect their preferred replica (the model
    /// reports each `leader_changed`); the others get one `preferred_election_skipped` warning.
    pub(super) fn elect_preferred(&mut self, topic: &str, partition: Option<u32>) {
        let Ok(plan) = self.preferred_plan(topic, partition) else {
            return;
        };
        self.fault_event("elect_preferred", None, None, Some(topic));
        if let Some(Some(t)) = self
            .cluster
            .as_deref_mut()
            .and_then(|c| c.topics.get_mut(plan.ti))
        {
            for &p in &plan.elect {
                let _ = t.rep.elect_preferred(p);
            }
        }
        if !plan.skipped.is_empty() {
            let message = format!(
                "elect_preferred on {topic:?} left {}",
                plan.skipped.join("; ")
            );
            let kind = EventKind::Warning {
                code: "preferred_election_skipped".into(),
                group: None,
                message,
            };
            self.events.push(self.now_ms, kind);
        }
    }
}
