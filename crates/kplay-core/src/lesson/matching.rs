//! Which command completes a "try it" prompt.

use super::CommandMatch;
use crate::sim::Command;

/// Every [`Command::name`], for validating `try_it.when.action`.
pub(crate) const ACTIONS: [&str; 19] = [
    "add_topic",
    "remove_topic",
    "add_partitions",
    "add_producer",
    "remove_producer",
    "pause_producer",
    "resume_producer",
    "set_rate",
    "add_group",
    "remove_group",
    "add_instance",
    "remove_instance",
    "set_threads",
    "set_processing",
    "crash",
    "stop",
    "restart",
    "subscribe",
    "slow",
];

fn s(x: &str) -> Option<&str> {
    Some(x)
}

/// The names a command acts on: (instance, group, topic, producer).
fn subjects(c: &Command) -> [Option<&str>; 4] {
    match c {
        Command::AddTopic { topic } => [None, None, s(&topic.name), None],
        Command::RemoveTopic { topic } | Command::AddPartitions { topic, .. } => {
            [None, None, s(topic), None]
        }
        Command::AddProducer { producer } => [None, None, s(&producer.topic), s(&producer.id)],
        Command::RemoveProducer { producer }
        | Command::PauseProducer { producer }
        | Command::ResumeProducer { producer }
        | Command::SetRate { producer, .. } => [None, None, None, s(producer)],
        #[cfg(feature = "brokers")]
        Command::LoseAck { producer } => [None, None, None, s(producer)],
        #[cfg(feature = "brokers")]
        Command::ElectPreferred { topic, .. } => [None, None, s(topic), None],
        Command::AddGroup { group } => [None, s(&group.id), None, None],
        Command::RemoveGroup { group } => [None, s(group), None, None],
        Command::AddInstance { group, instance } => [s(&instance.id), s(group), None, None],
        Command::RemoveInstance { instance }
        | Command::SetThreads { instance, .. }
        | Command::SetProcessing { instance, .. }
        | Command::Crash { instance }
        | Command::Stop { instance }
        | Command::Restart { instance }
        | Command::Subscribe { instance, .. }
        | Command::Slow { instance, .. } => [s(instance), None, None, None],
        #[cfg(feature = "brokers")]
        Command::CrashBroker { .. }
        | Command::RestartBroker { .. }
        | Command::SlowFollower { .. } => [None; 4],
    }
}

impl CommandMatch {
    /// A match on the action alone.
    ///
    /// ```
    /// assert!(kplay_core::lesson::CommandMatch::action("crash").instance.is_none());
    /// ```
    pub fn action(action: &str) -> Self {
        CommandMatch {
            action: action.into(),
            ..CommandMatch::default()
        }
    }

    /// Whether `command` is this action and acts on every name given.
    ///
    /// ```
    /// use kplay_core::{lesson::CommandMatch, Command};
    /// let mut m = CommandMatch::action("crash");
    /// m.instance = Some("billing-1".into());
    /// assert!(m.matches(&Command::Crash { instance: "billing-1".into() }));
    /// assert!(!m.matches(&Command::Crash { instance: "billing-2".into() }));
    /// assert!(!m.matches(&Command::Stop { instance: "billing-1".into() }));
    /// ```
    pub fn matches(&self, command: &Command) -> bool {
        if command.name() != self.action {
            return false;
        }
        let want = [&self.instance, &self.group, &self.topic, &self.producer];
        let got = subjects(command);
        want.iter()
            .zip(got)
            .all(|(w, g)| w.as_deref().is_none_or(|w| Some(w) == g))
    }
}
