//! Kafka's own sticky-assignor scale tests as criterion benchmarks (numbers in docs/benchmarks/sticky.md).
//!
//! `cargo bench -p kplay-core --bench sticky`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kplay_core::assignor::{
    Assignment, GroupSubscription, MemberSubscription, Strategy, TopicPartition,
};

/// `topics` × `partitions`, every member subscribed to every topic (Kafka's uniform 1M-partition test).
fn uniform(topics: u32, partitions: u32, members: u32) -> GroupSubscription {
    let names: Vec<String> = (0..topics).map(|t| format!("topic-{t}")).collect();
    GroupSubscription::new(
        names.iter().map(|t| (t.clone(), partitions)),
        (0..members)
            .map(|m| MemberSubscription::new(format!("consumer-{m}"), names.iter().cloned())),
    )
}

/// Kafka's non-equal test: every fourth member takes the first half of the topics, the others the second half.
fn non_equal(topics: u32, partitions: u32, members: u32) -> GroupSubscription {
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
fn one_left(group: &GroupSubscription, previous: &Assignment) -> GroupSubscription {
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

fn bench(c: &mut Criterion) {
    let cases = [
        ("1m-uniform", uniform(500, 2_000, 2_000)),
        ("100x200-500-non-equal", non_equal(100, 200, 500)),
    ];
    for (label, fresh) in &cases {
        let mut group = c.benchmark_group(*label);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let first = strategy.assign(fresh).expect("valid group");
            let next = one_left(fresh, &first);
            drop(first);
            group.bench_function(format!("{}/fresh", strategy.name()), |b| {
                b.iter_with_large_drop(|| strategy.assign(black_box(fresh)).expect("valid group"))
            });
            group.bench_function(format!("{}/one-left", strategy.name()), |b| {
                b.iter_with_large_drop(|| strategy.assign(black_box(&next)).expect("valid group"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
