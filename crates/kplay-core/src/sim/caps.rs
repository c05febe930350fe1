//! The scenario caps ([`crate::scenario::MAX_TOTAL_PARTITIONS`] and the rest) for commands on a running world.
//! A new topic, producer, group or instance goes through the scenario validator (`apply::check_spec`), caps
//! included; what grows an existing item is checked here against the totals, with the validator's words.

use super::{Command, CommandError, World};
use crate::scenario::{
    caps, total_cap_rule, MAX_RATE_PER_S, MAX_TOTAL_PARTITIONS, MAX_TOTAL_THREADS,
};
use crate::topic::Topic;

impl World {
    /// Refuses `c` when it would grow partitions, rates or threads past their total cap.
    pub(super) fn check_totals(&self, c: &Command) -> Result<(), CommandError> {
        let (path, what, max, total) = match c {
            Command::AddPartitions { topic, partitions } => {
                let at = Topic::find(&self.topics, topic);
                let mut total = 0u64;
                for (i, t) in self.topics.iter().enumerate().filter(|(_, t)| !t.removed) {
                    let n = if Some(i) == at {
                        *partitions
                    } else {
                        t.partition_count()
                    };
                    total += u64::from(n);
                }
                ("topics", caps::PARTITIONS, MAX_TOTAL_PARTITIONS, total)
            }
            Command::SetRate {
                producer,
                rate_per_s,
            } => {
                let mut total = 0u64;
                for p in &self.producers {
                    let n = if p.spec.id == *producer {
                        *rate_per_s
                    } else {
                        p.spec.rate_per_s
                    };
                    total += u64::from(n);
                }
                ("producers", caps::RATES, MAX_RATE_PER_S, total)
            }
            Command::SetThreads { instance, threads } => {
                let mut total = 0u64;
                for i in self.groups.iter().flat_map(|g| &g.instances) {
                    let n = if i.spec.id == *instance {
                        *threads
                    } else {
                        i.spec.threads
                    };
                    total += u64::from(n);
                }
                ("groups", caps::THREADS, MAX_TOTAL_THREADS, total)
            }
            _ => return Ok(()),
        };
        if total > u64::from(max) {
            return Err(CommandError::new(
                path,
                total_cap_rule(what, max.into(), total),
            ));
        }
        Ok(())
    }
}
