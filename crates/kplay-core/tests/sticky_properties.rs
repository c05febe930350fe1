//! Properties Kafka's own tests check for the sticky assignors (`verifyValidityAndBalance`, `isSticky`), over
//! random sequences of joins, leaves and subscription changes, plus Kafka's "40 topics, 200 consumers, remove
//! 50" case.

use std::collections::{BTreeMap, BTreeSet};

use kplay_core::assignor::{
    cooperative_sticky, sticky, Assignment, GroupSubscription, MemberSubscription, Strategy,
    TopicPartition,
};
use kplay_core::rng::Rng;
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

type Parts = BTreeMap<String, BTreeSet<(String, u32)>>;

fn parts(a: &Assignment) -> Parts {
    a.members
        .iter()
        .map(|(m, topics)| {
            let set = topics
                .iter()
                .flat_map(|(t, ps)| ps.iter().map(move |&p| (t.clone(), p)))
                .collect();
            (m.clone(), set)
        })
        .collect()
}

/// Kafka's `verifyValidityAndBalance`: members get only subscribed topics, no partition twice, and two members
/// whose counts differ by more than one share no topic. `settled` (not a cooperative first round, which
/// withholds moving partitions) also asks that every partition of a subscribed topic is assigned and checks balance.
fn check_valid_and_balanced(
    g: &GroupSubscription,
    a: &Assignment,
    settled: bool,
) -> Result<(), String> {
    let p = parts(a);
    let subs: BTreeMap<&str, BTreeSet<&str>> = g
        .members
        .iter()
        .map(|m| {
            (
                m.member_id.as_str(),
                m.topics.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    if p.len() != g.members.len() {
        return Err(format!(
            "{} members in the assignment, {} in the group",
            p.len(),
            g.members.len()
        ));
    }
    let mut seen = BTreeSet::new();
    for (m, set) in &p {
        for (t, part) in set {
            if !subs[m.as_str()].contains(t.as_str()) {
                return Err(format!("{m} got {t}-{part} without subscribing"));
            }
            if !seen.insert((t.clone(), *part)) {
                return Err(format!("{t}-{part} assigned twice"));
            }
        }
    }
    if !settled {
        return Ok(());
    }
    {
        for (t, n) in &g.topics {
            if subs.values().any(|s| s.contains(t.as_str())) {
                for part in 0..*n {
                    if !seen.contains(&(t.clone(), part)) {
                        return Err(format!("{t}-{part} unassigned"));
                    }
                }
            }
        }
    }
    let members: Vec<(&String, &BTreeSet<(String, u32)>)> = p.iter().collect();
    for (i, (m, a)) in members.iter().enumerate() {
        for (o, b) in &members[i + 1..] {
            if a.len().abs_diff(b.len()) <= 1 {
                continue;
            }
            let ta: BTreeSet<&String> = a.iter().map(|(t, _)| t).collect();
            if let Some(t) = b.iter().map(|(t, _)| t).find(|t| ta.contains(t)) {
                return Err(format!(
                    "{m} has {} and {o} has {} partitions, both of {t}",
                    a.len(),
                    b.len()
                ));
            }
        }
    }
    Ok(())
}

/// Kafka's `isSticky`: no topic has partitions moving both from A to B and from B to A in one rebalance.
fn check_sticky(before: &Parts, after: &Parts) -> Result<(), String> {
    let owner_before: BTreeMap<&(String, u32), &String> = before
        .iter()
        .flat_map(|(m, s)| s.iter().map(move |tp| (tp, m)))
        .collect();
    let mut moves: BTreeSet<(&String, &String, &String)> = BTreeSet::new();
    for (m, s) in after {
        for tp in s {
            if let Some(&old) = owner_before.get(tp) {
                if old != m {
                    moves.insert((&tp.0, old, m));
                }
            }
        }
    }
    for &(t, a, b) in &moves {
        if moves.contains(&(t, b, a)) {
            return Err(format!(
                "partitions of {t} moved both {a}->{b} and {b}->{a}"
            ));
        }
    }
    Ok(())
}

/// Cooperative rule: a partition goes to a new member only once no other member still reports owning it.
fn check_nothing_taken_while_owned(g: &GroupSubscription, a: &Assignment) -> Result<(), String> {
    let mut reported: BTreeMap<(String, u32), &str> = BTreeMap::new();
    for m in &g.members {
        for tp in &m.owned {
            reported.insert((tp.topic.clone(), tp.partition), &m.member_id);
        }
    }
    for (m, set) in parts(a) {
        for tp in set {
            if let Some(&old) = reported.get(&tp) {
                if old != m {
                    return Err(format!(
                        "{}-{} given to {m} while {old} still owns it",
                        tp.0, tp.1
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Kafka's cooperative test loop: rebalance again while anything is revoked (at most four extra rounds); no
/// round may hand a partition to a new member while another member still reports it.
/// `Ok(None)` when a round's input is one for which Kafka's balancing never ends: Kafka gives no answer to
/// compare with there.
fn settle_cooperatively(
    g: &GroupSubscription,
    seen: &mut Vec<GroupSubscription>,
) -> Result<Option<Assignment>, String> {
    let rounds = cooperative_sticky::rounds(g, 6);
    if rounds.len() > 5 {
        return Err(format!(
            "{} rebalances before nothing was revoked",
            rounds.len()
        ));
    }
    let mut input = g.clone();
    for a in &rounds {
        seen.push(input.clone());
        if sticky::balancing_never_ends(&input) {
            return Ok(None);
        }
        check_valid_and_balanced(&input, a, false)?;
        check_nothing_taken_while_owned(&input, a)?;
        for (m, (_, topics)) in input.members.iter_mut().zip(&a.members) {
            m.owned = topics
                .iter()
                .flat_map(|(t, ps)| ps.iter().map(move |&p| TopicPartition::new(t.clone(), p)))
                .collect();
        }
    }
    rounds
        .last()
        .cloned()
        .map(Some)
        .ok_or_else(|| "no round".to_string())
}

#[derive(Clone, Debug)]
enum Step {
    Join(u8),
    Leave(u8),
    Change(u8, u8),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    prop_oneof![
        any::<u8>().prop_map(Step::Join),
        any::<u8>().prop_map(Step::Leave),
        (any::<u8>(), any::<u8>()).prop_map(|(i, s)| Step::Change(i, s)),
    ]
}

fn topics_of(names: &[String], mask: u8) -> Vec<String> {
    let picked: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| t.clone())
        .collect();
    if picked.is_empty() {
        vec![names[mask as usize % names.len()].clone()]
    } else {
        picked
    }
}

/// Plays the steps; `owned` for every member is what the previous rebalance gave it.
fn play(
    partitions: &[u32],
    initial: &[u8],
    steps: &[Step],
    strategy: Strategy,
) -> Result<(), String> {
    play_seen(partitions, initial, steps, strategy, &mut Vec::new())
}

/// [`play`], keeping every group the assignor ran on in `seen` (each cooperative round's input).
fn play_seen(
    partitions: &[u32],
    initial: &[u8],
    steps: &[Step],
    strategy: Strategy,
    seen: &mut Vec<GroupSubscription>,
) -> Result<(), String> {
    let names: Vec<String> = (0..partitions.len()).map(|i| format!("t{i}")).collect();
    let topics: Vec<(String, u32)> = names
        .iter()
        .cloned()
        .zip(partitions.iter().copied())
        .collect();
    let mut next_id = 0u32;
    let mut members: Vec<MemberSubscription> = Vec::new();
    let mut join = |members: &mut Vec<MemberSubscription>, mask: u8| {
        // ids like consumer-10 and consumer-2 exercise Java HashMap order.
        members.push(MemberSubscription::new(
            format!("consumer-{next_id}"),
            topics_of(&names, mask),
        ));
        next_id += 1;
    };
    for &mask in initial {
        join(&mut members, mask);
    }
    let mut previous: Parts = BTreeMap::new();
    for (generation, s) in std::iter::once(None)
        .chain(steps.iter().map(Some))
        .enumerate()
    {
        match s {
            None => {}
            Some(Step::Join(mask)) => join(&mut members, *mask),
            Some(Step::Leave(i)) if !members.is_empty() => {
                let i = *i as usize % members.len();
                members.remove(i);
            }
            Some(Step::Leave(_)) => {}
            Some(Step::Change(i, mask)) if !members.is_empty() => {
                let i = *i as usize % members.len();
                members[i].topics = topics_of(&names, *mask);
            }
            Some(Step::Change(..)) => {}
        }
        let cooperative = strategy.is_cooperative();
        for m in &mut members {
            m.owned = previous
                .get(&m.member_id)
                .into_iter()
                .flatten()
                // A cooperative member revokes partitions of topics it dropped before it rejoins.
                .filter(|(t, _)| !cooperative || m.topics.contains(t))
                .map(|(t, p)| TopicPartition::new(t.clone(), *p))
                .collect();
            m.generation = Some(generation as i32);
        }
        let g = GroupSubscription::new(topics.clone(), members.clone());
        if !cooperative {
            seen.push(g.clone());
        }
        let settled = if cooperative {
            settle_cooperatively(&g, seen)?
        } else if sticky::balancing_never_ends(&g) {
            None
        } else {
            Some(strategy.assign(&g).map_err(|e| e.to_string())?)
        };
        // Kafka never answers for this group, so there is nothing of Kafka's to check against from here on.
        let Some(settled) = settled else {
            return Ok(());
        };
        check_valid_and_balanced(&g, &settled, true)?;
        let now = parts(&settled);
        // Kafka's `isSticky` looks at the moves of one `assignPartitions` call. A cooperative group settles
        // over several calls, and a partition revoked in one may come back in the next, so the check applies
        // to the first call's own computation: the sticky core's answer, before partitions are withheld.
        let first_call = if cooperative {
            parts(&Strategy::Sticky.assign(&g).map_err(|e| e.to_string())?)
        } else {
            now.clone()
        };
        check_sticky(&previous, &first_call)?;
        previous = now;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sticky_is_valid_balanced_and_sticky(
        partitions in prop::collection::vec(1u32..7, 1..7),
        initial in prop::collection::vec(any::<u8>(), 1..8),
        steps in prop::collection::vec(step(), 0..6),
    ) {
        prop_assert_eq!(play(&partitions, &initial, &steps, Strategy::Sticky), Ok(()));
    }

    #[test]
    fn cooperative_never_hands_out_an_owned_partition(
        partitions in prop::collection::vec(1u32..7, 1..7),
        initial in prop::collection::vec(any::<u8>(), 1..8),
        steps in prop::collection::vec(step(), 0..6),
    ) {
        prop_assert_eq!(play(&partitions, &initial, &steps, Strategy::CooperativeSticky), Ok(()));
    }

    #[test]
    fn equal_subscriptions_are_fully_balanced(
        count in 1u32..40,
        members in 1usize..12,
    ) {
        let ids: Vec<MemberSubscription> = (0..members).map(|i| MemberSubscription::new(format!("consumer-{i}"), ["t"])).collect();
        let a = Strategy::Sticky.assign(&GroupSubscription::new([("t", count)], ids)).unwrap();
        let sizes: Vec<usize> = parts(&a).values().map(BTreeSet::len).collect();
        prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
        prop_assert_eq!(sizes.iter().sum::<usize>(), count as usize);
    }
}

/// A group for which Kafka's balancing pass undoes its own moves forever (found by the property above on a CI
/// machine, where it hung the test run; Kafka's own assignors, compiled from its sources and run on this group,
/// did not return either): kplay notices, stops, and still hands out a valid assignment.
#[test]
fn a_balancing_loop_that_never_ends_in_kafka_is_cut_short_with_a_valid_assignment() {
    let steps = [
        Step::Change(146, 239),
        Step::Leave(234),
        Step::Change(53, 164),
        Step::Change(68, 107),
    ];
    let (partitions, initial) = ([4, 1, 3, 6, 2, 4], [130, 234, 84, 209, 128, 235, 142]);
    // The whole sequence ends, for both protocols.
    assert_eq!(
        play(&partitions, &initial, &steps, Strategy::CooperativeSticky),
        Ok(())
    );
    assert_eq!(
        play(&partitions, &initial, &steps, Strategy::Sticky),
        Ok(())
    );
    // Replay the cooperative rounds up to the group Kafka loops on, then look at kplay's answer for it.
    let looping = looping_round(&partitions, &initial, &steps).expect("some round loops in Kafka");
    let a = Strategy::Sticky.assign(&looping).unwrap();
    check_valid_and_balanced(&looping, &a, false).unwrap();
    let given: usize = parts(&a).values().map(BTreeSet::len).sum();
    let subscribed: u32 = looping
        .topics
        .iter()
        .filter(|(t, _)| looping.members.iter().any(|m| m.topics.contains(t)))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(
        given, subscribed as usize,
        "every subscribed partition has an owner"
    );
}

/// The detection must be rare: were it to fire on groups Kafka finishes, the properties above would stop checking
/// them without a word. Over 3,000 seeded random sequences like the properties' (a few in a million loop in
/// Kafka), at most 3 may meet a looping group.
#[test]
fn groups_kafka_never_finishes_are_rare() {
    let mut rng = Rng::new(7);
    let mut looping = 0;
    for _ in 0..3_000 {
        let partitions: Vec<u32> = (0..1 + rng.below(6)).map(|_| 1 + rng.below(6)).collect();
        let initial: Vec<u8> = (0..1 + rng.below(7))
            .map(|_| rng.below(256) as u8)
            .collect();
        let steps: Vec<Step> = (0..rng.below(6))
            .map(|_| match rng.below(3) {
                0 => Step::Join(rng.below(256) as u8),
                1 => Step::Leave(rng.below(256) as u8),
                _ => Step::Change(rng.below(256) as u8, rng.below(256) as u8),
            })
            .collect();
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let mut seen = Vec::new();
            assert_eq!(
                play_seen(&partitions, &initial, &steps, strategy, &mut seen),
                Ok(())
            );
            looping += usize::from(seen.iter().any(sticky::balancing_never_ends));
        }
    }
    assert!(
        looping <= 3,
        "{looping} of 6,000 plays met a group flagged as looping"
    );
}

/// The first cooperative round input of `play`'s sequence whose balancing never ends in Kafka.
fn looping_round(partitions: &[u32], initial: &[u8], steps: &[Step]) -> Option<GroupSubscription> {
    let mut seen = Vec::new();
    play_seen(
        partitions,
        initial,
        steps,
        Strategy::CooperativeSticky,
        &mut seen,
    )
    .ok()?;
    seen.into_iter().find(sticky::balancing_never_ends)
}

/// Kafka's `testLargeAssignmentWithMultipleConsumersLeavingAndRandomSubscription`: 40 topics with 1–10
/// partitions, 200 consumers with up to 20 random (possibly repeated) topics each, then 50 random removals.
#[test]
fn forty_topics_two_hundred_consumers_fifty_leave() {
    for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
        for seed in 0..3 {
            let mut rng = Rng::new(seed);
            let topics: Vec<(String, u32)> = (0..40)
                .map(|i| (format!("topic{i:02}"), rng.below(10) + 1))
                .collect();
            let members: Vec<MemberSubscription> = (0..200)
                .map(|i| {
                    let subs: Vec<String> = (0..rng.below(20))
                        .map(|_| topics[rng.below(40) as usize].0.clone())
                        .collect();
                    MemberSubscription::new(format!("consumer{i:03}"), subs)
                })
                .collect();
            let g = GroupSubscription::new(topics.clone(), members);
            let first = Strategy::Sticky.assign(&g).unwrap();
            check_valid_and_balanced(&g, &first, true).unwrap();
            let before = parts(&first);

            let mut next = g.clone();
            for m in &mut next.members {
                m.owned = before[&m.member_id]
                    .iter()
                    .map(|(t, p)| TopicPartition::new(t.clone(), *p))
                    .collect();
                m.generation = Some(1);
            }
            for _ in 0..50 {
                let i = rng.below(next.members.len() as u32) as usize;
                next.members.remove(i);
            }
            let settled = if strategy.is_cooperative() {
                settle_cooperatively(&next, &mut Vec::new())
                    .unwrap()
                    .expect("Kafka's balancing ends for this case")
            } else {
                strategy.assign(&next).unwrap()
            };
            check_valid_and_balanced(&next, &settled, true).unwrap();
            check_sticky(&before, &parts(&settled)).unwrap();
        }
    }
}

/// Any input, however odd (duplicate topics in a subscription, unknown topics, out-of-range or repeated owned
/// partitions, clashing generations), assigns without panicking and never hands out a partition twice or one
/// that does not exist.
fn arbitrary_group() -> impl proptest::strategy::Strategy<Value = GroupSubscription> {
    let topics = prop::collection::vec(0u32..5, 1..5);
    let member = (
        prop::collection::vec(0usize..6, 0..6),
        prop::collection::vec((0usize..6, 0u32..6), 0..8),
        prop::option::of(-2i32..4),
    );
    (topics, prop::collection::vec(member, 0..7)).prop_map(|(counts, members)| {
        let name = |i: usize| format!("t{i}");
        GroupSubscription::new(
            counts.iter().enumerate().map(|(i, &n)| (name(i), n)),
            members
                .into_iter()
                .enumerate()
                .map(|(i, (subs, owned, generation))| {
                    // Aa/BB-style ids collide in Java's String.hashCode.
                    let id =
                        ["Aa", "BB", "C#", "consumer-10", "consumer-2", "x", "AaAa"][i].to_string();
                    let mut m = MemberSubscription::new(id, subs.into_iter().map(name));
                    m.owned = owned
                        .into_iter()
                        .map(|(t, p)| TopicPartition::new(name(t), p))
                        .collect();
                    m.generation = generation;
                    m
                }),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn odd_input_never_panics_nor_double_assigns(g in arbitrary_group()) {
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let a = strategy.assign(&g).unwrap();
            prop_assert_eq!(a.members.len(), g.members.len());
            let mut seen = BTreeSet::new();
            for (_, topics) in &a.members {
                for (t, ps) in topics {
                    let count = g.partition_count(t).unwrap_or(0);
                    for &p in ps {
                        prop_assert!(p < count, "{}-{} does not exist", t, p);
                        prop_assert!(seen.insert((t.clone(), p)), "{}-{} assigned twice", t, p);
                    }
                }
            }
        }
    }
}
