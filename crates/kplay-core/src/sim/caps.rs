//! The scenario caps ([`crate::scenario::MAX_TOTAL_PARTITIONS`] and the rest) for commands on a running world:
//! a command that adds or grows something is refused when the world after it would break a cap, with the same
//! words as the scenario validator.

use super::{Command, CommandError, World};
use crate::scenario::{caps, GroupSpec, Scenario};

impl World {
    /// Refuses `c` when the world after it would go over one of the caps.
    pub(super) fn check_caps(&self, c: &Command) -> Result<(), CommandError> {
        let grows = matches!(
            c,
            Command::AddTopic { .. }
                | Command::AddPartitions { .. }
                | Command::AddProducer { .. }
                | Command::SetRate { .. }
                | Command::AddGroup { .. }
                | Command::AddInstance { .. }
                | Command::SetThreads { .. }
        );
        if !grows {
            return Ok(());
        }
        let mut s = Scenario {
            topics: self
                .topics
                .iter()
                .filter(|t| !t.removed)
                .map(|t| t.spec.clone())
                .collect(),
            producers: self.producers.iter().map(|p| p.spec.clone()).collect(),
            groups: self
                .groups
                .iter()
                .map(|g| {
                    let mut spec: GroupSpec = g.spec.clone();
                    spec.instances = g.instances.iter().map(|i| i.spec.clone()).collect();
                    spec
                })
                .collect(),
            ..Scenario::default()
        };
        match c {
            Command::AddTopic { topic } => s.topics.push(topic.clone()),
            Command::AddPartitions { topic, partitions } => {
                for t in s.topics.iter_mut().filter(|t| t.name == *topic) {
                    t.partitions = *partitions;
                }
            }
            Command::AddProducer { producer } => s.producers.push(producer.clone()),
            Command::SetRate {
                producer,
                rate_per_s,
            } => {
                for p in s.producers.iter_mut().filter(|p| p.id == *producer) {
                    p.rate_per_s = *rate_per_s;
                }
            }
            Command::AddGroup { group } => s.groups.push(group.clone()),
            Command::AddInstance { group, instance } => {
                for g in s.groups.iter_mut().filter(|g| g.id == *group) {
                    g.instances.push(instance.clone());
                }
            }
            Command::SetThreads { instance, threads } => {
                for i in s.groups.iter_mut().flat_map(|g| g.instances.iter_mut()) {
                    if i.id == *instance {
                        i.threads = *threads;
                    }
                }
            }
            _ => {}
        }
        match caps::problems(&s).into_iter().next() {
            Some(p) => Err(CommandError::new(p.path, p.problem)),
            None => Ok(()),
        }
    }
}
