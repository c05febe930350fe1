//! The replication model's operator faults as world commands (feature `brokers`): a slow follower, a lost
//! acknowledgement and the preferred-leader election. Like broker crashes, each is checked first (a refusal
//! names the field and the rule; one that would change nothing is refused, so a scheduled one becomes a
//! `fault_rejected` warning) and leaves a trace event when it runs.

use super::Cluster;
use crate::event::EventKind;
use crate::replication::Acks;
use crate::scenario::{unknown_broker, MAX_FOLLOWER_DELAY_MS, NO_ACK_TO_LOSE};
use crate::scenario::{FaultKind, FaultSpec};
use crate::sim::{Command, CommandError, World};
use alloc::format;
use alloc::string::String;

/// The command a scheduled slow_follower, lose_ack or elect_preferred fault runs (`producer`: the fault's, or
/// empty); missing fields become values the command's check refuses or, for `partition`, the whole topic.
pub(in crate::sim) fn replication_fault_command(f: &FaultSpec, producer: String) -> Command {
    match f.kind {
        FaultKind::SlowFollower => Command::SlowFollower {
            broker: f.broker.unwrap_or(u32::MAX),
            extra_ms: f.extra_ms.unwrap_or(0),
        },
        FaultKind::LoseAck => Command::LoseAck { producer },
        _ => Command::ElectPreferred {
            topic: f.topic.clone().unwrap_or_default(),
            partition: f.partition,
        },
    }
}

impl Cluster {
    /// Refuses a broker id that is not in the cluster, naming the ones that are.
    pub(crate) fn known_broker(&self, broker: u32) -> Result<(), CommandError> {
        if self.specs.iter().any(|b| b.id == broker) {
            return Ok(());
        }
        let ids = self.specs.iter().map(|b| b.id);
        Err(CommandError::new("broker", unknown_broker(broker, ids)))
    }

    /// The extra ms of `broker`'s follower fetches (0 when it is not slow).
    fn follower_delay(&self, broker: u32) -> u64 {
        let slow = self.slow.iter().find(|s| s.0 == broker);
        slow.map_or(0, |s| s.1)
    }
}

impl World {
    /// Checks a slow_follower, lose_ack or elect_preferred command (other commands pass).
    pub(in crate::sim) fn check_replication_command(
        &self,
        c: &Command,
    ) -> Result<(), CommandError> {
        match c {
            Command::SlowFollower { broker, extra_ms } => {
                self.check_slow_follower(*broker, *extra_ms)
            }
            Command::LoseAck { producer } => self.ack_target(producer).map(|_| ()),
            Command::ElectPreferred { topic, partition } => {
                self.preferred_plan(topic, *partition).map(|_| ())
            }
            _ => Ok(()),
        }
    }

    /// Runs a checked slow_follower, lose_ack or elect_preferred command (other commands do nothing).
    pub(in crate::sim) fn run_replication_command(&mut self, c: Command) {
        match c {
            Command::SlowFollower { broker, extra_ms } => self.slow_follower(broker, extra_ms),
            Command::LoseAck { producer } => self.lose_ack(&producer),
            Command::ElectPreferred { topic, partition } => self.elect_preferred(&topic, partition),
            _ => {}
        }
    }

    /// The cluster, or the refusal of a broker command in a world without brokers.
    pub(super) fn cluster_for(&self, field: &str) -> Result<&Cluster, CommandError> {
        self.cluster.as_deref().ok_or_else(|| {
            CommandError::new(
                field,
                "this world has no brokers (add `brokers` to the scenario)",
            )
        })
    }

    /// Checks `slow_follower`: a known broker, at most an hour, and a delay other than the current one.
    fn check_slow_follower(&self, broker: u32, extra_ms: u64) -> Result<(), CommandError> {
        let c = self.cluster_for("broker")?;
        c.known_broker(broker)?;
        if extra_ms > MAX_FOLLOWER_DELAY_MS {
            let rule = format!("must be at most {MAX_FOLLOWER_DELAY_MS} (one hour)");
            return Err(CommandError::new("extra_ms", rule));
        }
        let now = c.follower_delay(broker);
        if now == extra_ms {
            let why = match now {
                0 => format!(
                    "broker {broker}'s follower fetches are not slowed (0 ends a slow follower)"
                ),
                _ => format!("broker {broker}'s follower fetches are already {now} ms slower"),
            };
            return Err(CommandError::new("extra_ms", why));
        }
        Ok(())
    }

    /// Runs a checked `slow_follower` in every topic's replication (and remembers it for topics created later).
    fn slow_follower(&mut self, broker: u32, extra_ms: u64) {
        let Some(c) = self.cluster.as_deref_mut() else {
            return;
        };
        c.slow.retain(|s| s.0 != broker);
        if extra_ms > 0 {
            c.slow.push((broker, extra_ms));
        }
        for t in c.topics.iter_mut().flatten() {
            let _ = t.rep.set_follower_delay(broker, extra_ms);
        }
        let kind = EventKind::BrokerFault {
            fault: "slow_follower".into(),
            broker,
        };
        self.events.push(self.now_ms, kind);
    }

    /// The producer `producer` and its id in its topic's replication, when it has acknowledgements to lose
    /// (`lose_ack`'s check: brokers, a known producer with `acks` 1 or all, and no loss already pending).
    fn ack_target(&self, producer: &str) -> Result<(usize, u64), CommandError> {
        let c = self.cluster_for("producer")?;
        let pi = self.find_producer(producer)?;
        let pr = &self.producers[pi];
        if pr.spec.acks == Some(Acks::Zero) {
            let why = format!("producer {producer:?} {NO_ACK_TO_LOSE}");
            return Err(CommandError::new("producer", why));
        }
        let rep = c.topics.get(pr.topic).and_then(|t| t.as_ref());
        match rep {
            Some(t) if t.rep.ack_loss_pending(pr.rep) => Err(CommandError::new(
                "producer",
                format!("producer {producer:?}'s next acknowledgement is already to be lost"),
            )),
            Some(_) => Ok((pr.topic, pr.rep)),
            None => Err(CommandError::new(
                "producer",
                format!("producer {producer:?} writes to a topic without replicas"),
            )),
        }
    }

    /// Runs a checked `lose_ack`: the model drops the producer's next successful answer.
    fn lose_ack(&mut self, producer: &str) {
        let Ok((ti, pid)) = self.ack_target(producer) else {
            return;
        };
        if let Some(Some(t)) = self
            .cluster
            .as_deref_mut()
            .and_then(|c| c.topics.get_mut(ti))
        {
            let _ = t.rep.lose_next_ack(pid);
        }
        self.fault_event("lose_ack", None, Some(producer), None);
    }
}
