//! Scenario edits for topic rename and delete. Kafka has no topic rename, so the playground renames a topic in
//! the scenario and starts the world again from 0 s, and says so in the form. A delete runs live in the engine;
//! here the exported scenario follows it. [`delete_blocker`]'s text is English like core's problems and is
//! translated where it is shown (the catalogue's rule templates (kept on branch f11-spring-and-rules)).

use kplay_core::Scenario;

/// `scenario` with topic `from` called `to` everywhere: the topic, producers writing to it, group subscriptions
/// and faults naming it. Whether `to` is a valid, unused name is the scenario validator's call (the caller loads
/// the result, and a refused load keeps the current world).
///
/// ```
/// use kplay_core::scenario::{GroupSpec, ProducerSpec, TopicSpec};
/// let mut s = kplay_core::Scenario::default();
/// s.topics.push(TopicSpec::new("orders", 3));
/// s.producers.push(ProducerSpec::new("p1", "orders", 5));
/// s.groups.push(GroupSpec::new("g", ["orders"]));
/// let r = kplay_web::edit::rename_topic(&s, "orders", "payments");
/// assert_eq!((r.topics[0].name.as_str(), r.producers[0].topic.as_str()), ("payments", "payments"));
/// assert_eq!(r.groups[0].topics, vec!["payments".to_string()]);
/// ```
pub fn rename_topic(scenario: &Scenario, from: &str, to: &str) -> Scenario {
    let mut s = scenario.clone();
    let rename = |name: &mut String| {
        if name == from {
            *name = to.into();
        }
    };
    s.topics.iter_mut().for_each(|t| rename(&mut t.name));
    s.producers.iter_mut().for_each(|p| rename(&mut p.topic));
    for g in &mut s.groups {
        g.topics.iter_mut().for_each(rename);
        for i in &mut g.instances {
            i.topics.iter_mut().flatten().for_each(rename);
        }
    }
    for f in &mut s.faults {
        if let Some(t) = f.topic.as_mut() {
            rename(t);
        }
    }
    s
}

/// Why the playground will not delete `topic`: a group subscribed to nothing else would be left with an empty
/// subscription, which no scenario can express (Kafka would keep its members idle). `None` when it may go; the
/// engine still refuses while a producer writes to it.
///
/// ```
/// use kplay_core::scenario::{GroupSpec, TopicSpec};
/// let mut s = kplay_core::Scenario::default();
/// s.topics.push(TopicSpec::new("orders", 3));
/// assert_eq!(kplay_web::edit::delete_blocker(&s, "orders"), None);
/// s.groups.push(GroupSpec::new("billing", ["orders"]));
/// assert!(kplay_web::edit::delete_blocker(&s, "orders").unwrap().contains("billing"));
/// ```
pub fn delete_blocker(scenario: &Scenario, topic: &str) -> Option<String> {
    let only = scenario
        .groups
        .iter()
        .find(|g| g.topics.iter().all(|t| t == topic))?;
    Some(format!(
        "topic: group {} subscribes to {topic:?} only; remove the group or subscribe it to another topic first",
        only.id
    ))
}

/// `scenario` after Kafka's DeleteTopics of `topic`: the topic, the group subscriptions to it and the faults
/// naming it are gone.
///
/// ```
/// use kplay_core::scenario::{GroupSpec, TopicSpec};
/// let mut s = kplay_core::Scenario::default();
/// s.topics.push(TopicSpec::new("orders", 3));
/// s.topics.push(TopicSpec::new("audit", 1));
/// s.groups.push(GroupSpec::new("g", ["orders", "audit"]));
/// kplay_web::edit::remove_topic(&mut s, "orders");
/// assert_eq!((s.topics.len(), s.groups[0].topics.clone()), (1, vec!["audit".to_string()]));
/// ```
pub fn remove_topic(scenario: &mut Scenario, topic: &str) {
    scenario.topics.retain(|t| t.name != topic);
    for g in &mut scenario.groups {
        g.topics.retain(|t| t != topic);
        for i in &mut g.instances {
            if let Some(ts) = i.topics.as_mut() {
                ts.retain(|t| t != topic);
                if ts.is_empty() {
                    i.topics = None;
                }
            }
        }
    }
    scenario
        .faults
        .retain(|f| f.topic.as_deref() != Some(topic));
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::scenario::{FaultKind, FaultSpec, GroupSpec, TopicSpec};

    fn two_topics() -> Scenario {
        let mut s = Scenario::default();
        s.topics.push(TopicSpec::new("orders", 3));
        s.topics.push(TopicSpec::new("audit", 1));
        s.groups.push(GroupSpec::new("g", ["audit", "orders"]));
        let mut f = FaultSpec::new(1_000, FaultKind::AddPartitions);
        f.topic = Some("orders".into());
        f.partitions = Some(6);
        s.faults.push(f);
        s
    }

    #[test]
    fn renames_every_reference_and_nothing_else() {
        let r = rename_topic(&two_topics(), "orders", "payments");
        assert_eq!(r.topics[0].name, "payments");
        assert_eq!(r.topics[1].name, "audit");
        assert_eq!(r.groups[0].topics, ["audit", "payments"]);
        assert_eq!(r.faults[0].topic.as_deref(), Some("payments"));
        assert!(r.validate().is_ok());
    }

    #[test]
    fn renaming_onto_an_existing_topic_is_refused_by_validation() {
        let r = rename_topic(&two_topics(), "orders", "audit");
        let problems = r.validate().expect_err("two topics named audit");
        assert!(problems
            .iter()
            .any(|p| p.to_string().contains("duplicate topic")));
    }

    #[test]
    fn a_deleted_topic_leaves_a_valid_scenario() {
        let mut s = two_topics();
        assert_eq!(delete_blocker(&s, "orders"), None, "g also reads audit");
        remove_topic(&mut s, "orders");
        assert_eq!(s.groups[0].topics, ["audit"]);
        assert!(s.faults.is_empty(), "the add_partitions fault named orders");
        assert!(s.validate().is_ok());
        let blocker = delete_blocker(&s, "audit").expect("g reads audit only now");
        assert!(blocker.starts_with("topic: group g"), "{blocker}");
    }
}
