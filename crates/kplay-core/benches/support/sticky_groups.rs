//! Kafka's sticky-assignor scale groups, shared by the criterion bench (`benches/sticky.rs`) and the timed
//! example (`examples/sticky_scale.rs`), so both measure the same groups.

use kplay_core::assignor::{Assignment, GroupSubscription, MemberSubscription, TopicPartition};

/// `topics` × `partitions`, every member subscribed to every topic (Kafka's uniform 1M-partition test).
pub fn uniform(topics: u32, partitions: u32, members: u32) -> GroupSubscription {
    let names: Vec<String> = (0..topics).map(|t| format!("topic-{t}")).collect();
    GroupSubscription::new(
        names.iter().map(|t| (t.clone(), partitions)),
        (0..members)
            .map(|m| MemberSubscription::new(format!("consumer-{m}"), names.iter().cloned())),
    )
}

/// Kafka's non-equal test: every fourth member takes the first half of the topics, the others the second half.
pub fn non_equal(topics: u32, partitions: u32, members: u32) -> GroupSubscription {
    let names: Vec<String> = (0..topics).map(|t| format!("topic-{t}")).collect();
    let half = (topics / 2) as usize;
    GroupSubscription::new(
        names.iter().map(|t| (t.clone(), partitions)),
        (0..members).map(|m| {
            let subs = if m % 4 == 0 {
                &names[..half]
            } else {
                &names[half..]
            };
            MemberSubscription::new(format!("consumer-{m}"), subs.iter().cloned())
        }),
    )
}

/// The group after the first member left, the others owning what `previous` gave them in generation 1.
pub fn one_left(group: &GroupSubscription, previous: &Assignment) -> GroupSubscription {
    let mut next = group.clone();
    next.members.remove(0);
    for (member, (_, topics)) in next.members.iter_mut().zip(previous.members.iter().skip(1)) {
        member.owned = topics
            .iter()
            .flat_map(|(t, ps)| ps.iter().map(move |&p| TopicPartition::new(t.clone(), p)))
            .collect();
        member.generation = Some(1);
    }
    next
}
