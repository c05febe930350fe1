//! `Command::RemoveTopic`: Kafka's DeleteTopics as the playground sees it.
//!
//! The topic leaves the metadata and its log is gone. The group coordinator deletes every group's committed
//! offsets for its partitions. Consumers still own its partitions until their group rebalances: their fetches
//! fail (no log), which makes the leader refresh its metadata at once, see the topic missing and rejoin; the
//! assignors skip the unknown topic, so eager members revoke everything and cooperative members revoke the
//! deleted partitions. Topic indices stay valid because the slot stays (marked removed); creating the topic
//! again makes a new slot whose offsets start at 0.

use super::{CommandError, World};
use crate::topic::Topic;
use alloc::format;
use alloc::vec::Vec;

impl World {
    pub(super) fn check_remove_topic(&self, topic: &str) -> Result<(), CommandError> {
        let ti = Topic::find(&self.topics, topic)
            .ok_or_else(|| CommandError::new("topic", format!("unknown topic {topic:?}")))?;
        if let Some(p) = self.producers.iter().find(|p| p.topic == ti) {
            return Err(CommandError::new(
                "topic",
                format!(
                    "producer {} still writes to it; remove the producer first",
                    p.spec.id
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn remove_topic(&mut self, topic: &str) {
        let Some(ti) = Topic::find(&self.topics, topic) else {
            return;
        };
        debug_assert!(self.producers.iter().all(|p| p.topic != ti));
        self.fault_event("remove_topic", None, None, Some(topic));
        let t = &mut self.topics[ti];
        t.removed = true;
        t.logs = Vec::new();
        #[cfg(feature = "brokers")]
        if let Some(slot) = self.cluster.as_mut().and_then(|c| c.topics.get_mut(ti)) {
            *slot = None;
        }
        let now = self.now_ms;
        let index = ti as u32;
        for g in &mut self.groups {
            g.coord.committed.retain(|tp, _| tp.0 != index);
            if g.topics().iter().any(|name| name == topic) {
                g.coord.refresh_metadata_now(now);
            }
        }
    }
}
