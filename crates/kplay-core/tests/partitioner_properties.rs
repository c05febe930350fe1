//! Property tests for the producer partitioners: every choice is a valid partition, drawn from the available
//! ones when there are any, and each kind keeps its defining invariant.

use kplay_core::hash::partition_for_key;
use kplay_core::partitioner::{
    Partitioner, PartitionerConfig, PartitionerKind, ProducerRecord, TopicView,
};
use kplay_core::rng::Rng;
use proptest::prelude::{
    any, prop_assert, prop_assert_eq, prop_assert_ne, proptest, ProptestConfig,
};
use proptest::strategy::Strategy as _;

/// A partition count and a sorted subset of available partitions (possibly empty).
fn topic_shape() -> impl proptest::strategy::Strategy<Value = (u32, Vec<u32>)> {
    (1u32..24).prop_flat_map(|n| {
        proptest::collection::btree_set(0..n, 0..=n as usize)
            .prop_map(move |set| (n, set.into_iter().collect()))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn legacy_sticky_never_repeats_across_new_batches_when_two_are_available(
        (n, available) in topic_shape(), seed in any::<u64>(), opens in proptest::collection::vec(any::<bool>(), 1..200)
    ) {
        let topic = TopicView::with_available(n, &available);
        let mut rng = Rng::new(seed);
        let mut p = Partitioner::new(PartitionerConfig { kind: PartitionerKind::LegacySticky, ..Default::default() });
        let mut previous: Option<u32> = None;
        for &opens_batch in &opens {
            let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &|_| opens_batch, &mut rng).unwrap();
            prop_assert!(placed.partition < n);
            if !available.is_empty() {
                prop_assert!(available.contains(&placed.partition));
            }
            if let Some(prev) = previous {
                if opens_batch && available.len() >= 2 {
                    prop_assert_ne!(placed.partition, prev);
                } else if !opens_batch {
                    prop_assert_eq!(placed.partition, prev);
                }
            }
            previous = Some(placed.partition);
        }
    }

    #[test]
    fn built_in_stays_below_the_threshold_and_switches_at_twice_batch_size(
        (n, available) in topic_shape(), seed in any::<u64>(), batch in 1u32..500,
        appends in proptest::collection::vec((1u32..300, any::<bool>()), 1..200)
    ) {
        let topic = TopicView::with_available(n, &available);
        let mut rng = Rng::new(seed);
        let mut p = Partitioner::new(PartitionerConfig { batch_size: batch, ..Default::default() });
        for &(bytes, full) in &appends {
            let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &|_| false, &mut rng).unwrap();
            prop_assert!(placed.sticky && placed.partition < n);
            if !available.is_empty() {
                prop_assert!(available.contains(&placed.partition));
            }
            let before = p.sticky_bytes().unwrap();
            p.on_appended(placed, bytes, full, &topic, &mut rng);
            let total = u64::from(before) + u64::from(bytes);
            let must_switch = (total >= u64::from(batch) && full) || total >= 2 * u64::from(batch);
            if must_switch {
                prop_assert_eq!(p.sticky_bytes(), Some(0));
            } else {
                prop_assert_eq!(p.sticky_bytes(), Some(total as u32));
                prop_assert_eq!(p.sticky_partition(), Some(placed.partition));
            }
        }
    }

    #[test]
    fn fixed_round_robin_visits_each_available_partition_once_per_cycle(
        (n, available) in topic_shape(), opens in proptest::collection::vec(any::<bool>(), 1..100)
    ) {
        let topic = TopicView::with_available(n, &available);
        let mut rng = Rng::new(0);
        let mut p = Partitioner::new(PartitionerConfig {
            kind: PartitionerKind::RoundRobin { burn_on_new_batch: false },
            ..Default::default()
        });
        let cycle: Vec<u32> = if available.is_empty() { (0..n).collect() } else { available.clone() };
        for (i, &opens_batch) in opens.iter().enumerate() {
            let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &|_| opens_batch, &mut rng).unwrap();
            prop_assert_eq!(placed.partition, cycle[i % cycle.len()]);
        }
    }

    #[test]
    fn keyed_records_ignore_availability_and_batches(
        (n, available) in topic_shape(), key in proptest::collection::vec(any::<u8>(), 0..64), seed in any::<u64>()
    ) {
        let topic = TopicView::with_available(n, &available);
        let mut rng = Rng::new(seed);
        for kind in [PartitionerKind::BuiltIn, PartitionerKind::LegacySticky] {
            let mut p = Partitioner::new(PartitionerConfig { kind, ..Default::default() });
            let placed = p.partition(&ProducerRecord::keyed(&key), &topic, &|_| true, &mut rng).unwrap();
            prop_assert_eq!(placed.partition, partition_for_key(&key, n));
        }
    }
}
