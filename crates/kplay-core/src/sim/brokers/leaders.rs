//! What the world derives from the partitions' leaders every millisecond: each topic's partitions that have a
//! leader (`available`, for producers) and a running one (`fetchable`, for consumers).
//!
//! Leaders move only through the replication models' elections and added partitions (both bump the model's
//! `leader_version`), and a leader's broker runs or not only through `Cluster::set_up` (which forgets the
//! topic's lists). Between those the lists are unchanged, so a topic's are made again only when one of them
//! happened since they were last made, instead of every millisecond. A saved world is a clone: the versions
//! and lists are saved and restored together. Debug builds check after every millisecond that kept lists
//! equal fresh ones (`kept_leader_state_is_fresh`), so a leader change that bypassed the version would show.

use crate::replication::Replication;
use crate::sim::World;
use alloc::vec::Vec;

/// Fills `available` with the partitions of `rep` that have a leader and `fetchable` with those whose leader
/// is not in `down`, ascending.
fn make_lists(rep: &Replication, down: &[u32], available: &mut Vec<u32>, fetchable: &mut Vec<u32>) {
    let n = rep.partition_count();
    let leaders = (0..n).map(|p| rep.partition(p).and_then(|s| s.leader()));
    available.clear();
    available.extend(
        leaders
            .clone()
            .enumerate()
            .filter(|(_, l)| l.is_some())
            .map(|(p, _)| p as u32),
    );
    fetchable.clear();
    fetchable.extend(
        leaders
            .enumerate()
            .filter(|(_, l)| l.is_some_and(|b| !down.contains(&b)))
            .map(|(p, _)| p as u32),
    );
}

impl World {
    /// Tells each topic which of its partitions have a leader now, and which a running one (nothing without
    /// brokers).
    pub(in crate::sim) fn refresh_available(&mut self) {
        let Some(c) = self.cluster.as_deref_mut() else {
            return;
        };
        let down = &c.down;
        for (t, rep) in self.topics.iter_mut().zip(c.topics.iter_mut()) {
            let Some(rep) = rep else { continue };
            let version = rep.rep.leader_version;
            if rep.listed == Some(version) {
                continue;
            }
            rep.listed = Some(version);
            let a = t.available.get_or_insert_with(Vec::new);
            let f = t.fetchable.get_or_insert_with(Vec::new);
            make_lists(&rep.rep, down, a, f);
        }
    }

    /// What the world keeps instead of looking at every partition each millisecond is what looking would
    /// find: the lists of each topic whose leaders did not move since they were made, and the controller's
    /// "nothing imbalanced" while its timer is unarmed and nothing moved. `Err` names the first that is not.
    pub(in crate::sim) fn kept_leader_state_is_fresh(&self) -> Result<(), alloc::string::String> {
        let Some(c) = self.cluster.as_deref() else {
            return Ok(());
        };
        let (mut a, mut f) = (Vec::new(), Vec::new());
        for (t, rep) in self.topics.iter().zip(&c.topics) {
            let Some(rep) = rep
                .as_ref()
                .filter(|r| r.listed == Some(r.rep.leader_version))
            else {
                continue;
            };
            make_lists(&rep.rep, &c.down, &mut a, &mut f);
            if t.available.as_ref() != Some(&a) || t.fetchable.as_ref() != Some(&f) {
                return Err(alloc::format!(
                    "topic {}: kept leader lists {:?}/{:?}, fresh {a:?}/{f:?}",
                    t.spec.name,
                    t.available,
                    t.fetchable
                ));
            }
        }
        if !c.kept_balance_is_fresh() {
            return Err("the balancing timer is unarmed while a leader is not preferred".into());
        }
        Ok(())
    }
}
