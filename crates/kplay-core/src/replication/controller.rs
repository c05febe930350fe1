//! The KRaft controller's part: leader election and ISR changes when brokers are fenced or unfenced
//! (`metadata/.../controller/PartitionChangeBuilder.java`, `ReplicationControlManager.java`).
//!
//! Modelled without Eligible Leader Replicas (KIP-966, `eligible.leader.replicas.version`): the controller
//! then never empties the ISR; the last member stays in it while its broker is down (`PartitionChangeBuilder
//! .build`: the ISR is only rewritten when the target ISR is non-empty or ELR is enabled).

use super::config::BrokerId;
use super::partition::PartitionState;
use alloc::vec::Vec;

/// Kind of election (`PartitionChangeBuilder.Election`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Election {
    /// Preferred replica if valid, else keep the current leader, else the first valid one.
    Preferred,
    /// Keep the current leader if valid, else the first ISR replica that is alive (`ONLINE`).
    Online,
    /// Like `Online`, then any alive replica (`UNCLEAN`).
    Unclean,
}

/// What an election decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    /// New leader slot (`None` = `NO_LEADER`).
    pub leader: Option<usize>,
    /// New ISR.
    pub isr: Vec<BrokerId>,
    /// The leader field changes, so the leader epoch is bumped (`PartitionRegistration.merge`).
    pub leader_changed: bool,
    /// Chosen from outside the ISR.
    pub unclean: bool,
}

/// `PartitionChangeBuilder.electLeader` + `build` for a target ISR `target_isr`, with `acceptable(broker)` the
/// controller's `isAcceptableLeader` (unfenced, and not the broker being fenced).
pub(crate) fn decide(
    p: &PartitionState,
    target_isr: Vec<BrokerId>,
    election: Election,
    acceptable: &dyn Fn(BrokerId) -> bool,
) -> Decision {
    let valid =
        |slot: usize| target_isr.contains(&p.replicas[slot]) && acceptable(p.replicas[slot]);
    let first_valid = |skip: usize| (skip..p.replicas.len()).find(|&s| valid(s));
    let current_valid = p.leader.filter(|&s| valid(s));
    let (leader, unclean) = match election {
        Election::Preferred => match (valid(0), current_valid) {
            (true, _) => (Some(0), false),
            (false, Some(c)) => (Some(c), false),
            _ => (first_valid(1), false),
        },
        Election::Online | Election::Unclean => match current_valid.or_else(|| first_valid(0)) {
            Some(s) => (Some(s), false),
            None if election == Election::Unclean => {
                let s = (0..p.replicas.len()).find(|&s| acceptable(p.replicas[s]));
                (s, s.is_some())
            }
            None => (None, false),
        },
    };
    let leader_changed = leader != p.leader;
    let isr = if unclean && leader_changed {
        // "If the election was unclean, we have to forcibly set the ISR to just the new leader."
        alloc::vec![p.replicas[leader.unwrap_or(0)]]
    } else if target_isr.is_empty() {
        // No ELR: an empty target ISR is not written; the last member stays.
        p.isr.clone()
    } else {
        target_isr
    };
    Decision {
        leader,
        isr,
        leader_changed,
        unclean: unclean && leader_changed,
    }
}

/// `ReplicationControlManager.handleBrokerFenced`: for a partition with `broker` in its ISR, drop it from the
/// ISR and elect a leader among the others.
pub(crate) fn on_fenced(
    p: &PartitionState,
    broker: BrokerId,
    unclean_enabled: bool,
    alive: &dyn Fn(BrokerId) -> bool,
) -> Option<Decision> {
    if !p.isr.contains(&broker) {
        return None;
    }
    let target: Vec<BrokerId> = p.isr.iter().copied().filter(|&b| b != broker).collect();
    let election = if unclean_enabled {
        Election::Unclean
    } else {
        Election::Online
    };
    Some(decide(p, target, election, &|b| b != broker && alive(b)))
}

/// `ReplicationControlManager.handleBrokerUnfenced`: partitions without a leader try an election again.
pub(crate) fn on_unfenced(
    p: &PartitionState,
    unclean_enabled: bool,
    alive: &dyn Fn(BrokerId) -> bool,
) -> Option<Decision> {
    if p.leader.is_some() {
        return None;
    }
    let election = if unclean_enabled {
        Election::Unclean
    } else {
        Election::Online
    };
    Some(decide(p, p.isr.clone(), election, alive))
}
