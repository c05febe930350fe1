//! Properties of replica placement on random clusters (brokers 1–12, racks 0–4, partitions 1–64, any start):
//! every partition gets rf distinct brokers, leaders are spread round-robin, and rack-aware placement uses as many
//! racks as it can.

use kplay_core::cluster::{assign_replicas_to_brokers, Broker, Start};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn shape() -> impl Strategy<Value = (Vec<Broker>, usize, i32, i32, Start)> {
    (
        1usize..=12,
        0usize..=4,
        1i32..=64,
        any::<u32>(),
        any::<u32>(),
    )
        .prop_flat_map(|(n, racks, partitions, index, shift)| {
            let rack_ids = proptest::collection::vec(0..racks.max(1), n);
            (rack_ids, 1..=n as i32, Just(partitions)).prop_map(
                move |(rack_ids, rf, partitions)| {
                    let brokers = rack_ids
                        .iter()
                        .enumerate()
                        .map(|(i, r)| Broker {
                            id: 100 - 3 * i as i32,
                            rack: (racks > 0).then(|| format!("r{r}")),
                        })
                        .collect();
                    let start = Start {
                        index: index % 1000,
                        shift: shift % 1000,
                        first_partition: 0,
                    };
                    (brokers, racks, partitions, rf, start)
                },
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn placement_properties((brokers, racks, partitions, rf, start) in shape()) {
        let got = assign_replicas_to_brokers(&brokers, partitions, rf, start).unwrap();
        prop_assert_eq!(got.len(), partitions as usize);
        let ids: BTreeSet<i32> = brokers.iter().map(|b| b.id).collect();
        let mut leaders: BTreeMap<i32, usize> = ids.iter().map(|&id| (id, 0)).collect();
        let distinct_racks: BTreeSet<_> = brokers.iter().filter_map(|b| b.rack.clone()).collect();
        for replicas in &got {
            // rf distinct brokers of the cluster.
            let set: BTreeSet<i32> = replicas.iter().copied().collect();
            prop_assert_eq!(set.len(), rf as usize);
            prop_assert!(set.is_subset(&ids));
            *leaders.get_mut(&replicas[0]).unwrap() += 1;
            if racks > 0 {
                // Rack-aware: as many racks as it can use.
                let used: BTreeSet<_> = replicas
                    .iter()
                    .map(|id| brokers.iter().find(|b| b.id == *id).unwrap().rack.clone())
                    .collect();
                prop_assert_eq!(used.len(), (rf as usize).min(distinct_racks.len()));
            }
        }
        // Leaders round-robin: at most one apart between any two brokers.
        let (min, max) = (leaders.values().min().unwrap(), leaders.values().max().unwrap());
        prop_assert!(max - min <= 1, "{:?}", leaders);
    }
}
