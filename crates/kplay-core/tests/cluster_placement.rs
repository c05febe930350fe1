//! Replica placement against Kafka: the cases Kafka's own tests publish (AdminRackAwareTest), Kafka's AdminUtils
//! itself run on 600 random shapes, half with a fixed start, half with the start and shift its seeded `Random`
//! drew (tests/data/kafka-placement-vectors.json, made by tools/java/make-vectors.sh).
//! Properties: cluster_placement_properties.rs.

use kplay_core::cluster::{
    assign_replicas_to_brokers, rack_alternated_brokers, Broker, PlacementError, Start,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const VECTORS: &str = include_str!("data/kafka-placement-vectors.json");

fn racked(map: &[(i32, &str)]) -> Vec<Broker> {
    map.iter()
        .map(|&(id, rack)| Broker::with_rack(id, rack))
        .collect()
}

/// Every (index, shift) Kafka's two `RAND.nextInt(n)` can draw.
fn every_random_start(n: u32, first_partition: u32) -> impl Iterator<Item = Start> {
    (0..n).flat_map(move |index| {
        (0..n).map(move |shift| Start {
            index,
            shift,
            first_partition,
        })
    })
}

// --- Kafka's published cases (core/src/test/scala/unit/kafka/admin/AdminRackAwareTest.scala) ---

#[test]
fn kafka_rack_alternated_list_and_its_assignment() {
    let rack_map = [
        (0, "rack1"),
        (1, "rack3"),
        (2, "rack3"),
        (3, "rack2"),
        (4, "rack2"),
        (5, "rack1"),
    ];
    assert_eq!(
        rack_alternated_brokers(&racked(&rack_map)).unwrap(),
        [0, 3, 1, 5, 4, 2]
    );
    assert_eq!(
        rack_alternated_brokers(&racked(&rack_map[..5])).unwrap(),
        [0, 3, 1, 4, 2]
    );
    let got = assign_replicas_to_brokers(&racked(&rack_map), 7, 3, Start::fixed(0)).unwrap();
    let expected = [
        [0, 3, 1],
        [3, 1, 5],
        [1, 5, 4],
        [5, 4, 2],
        [4, 2, 0],
        [2, 0, 3],
        [0, 4, 2],
    ];
    assert_eq!(got, expected);
}

#[test]
fn kafka_rack_unaware_assignment() {
    let brokers: Vec<Broker> = (0..5).map(Broker::new).collect();
    let expected = [
        [0, 1, 2],
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 0],
        [4, 0, 1],
        [0, 2, 3],
        [1, 3, 4],
        [2, 4, 0],
        [3, 0, 1],
        [4, 1, 2],
    ];
    assert_eq!(
        assign_replicas_to_brokers(&brokers, 10, 3, Start::fixed(0)).unwrap(),
        expected
    );
    assert_eq!(
        assign_replicas_to_brokers(&brokers, 10, 0, Start::fixed(0)),
        Err(PlacementError::InvalidReplicationFactor(0))
    );
    assert!(matches!(
        assign_replicas_to_brokers(&brokers, 10, 6, Start::fixed(0)),
        Err(PlacementError::ReplicationFactorTooLarge { .. })
    ));
}

#[test]
fn kafka_invalid_parameters() {
    // Broker 4 has no rack while the others have one.
    let mut brokers = racked(&[(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2")]);
    brokers.push(Broker::new(4));
    let s = Start::fixed(0);
    assert_eq!(
        assign_replicas_to_brokers(&brokers, 0, 0, s),
        Err(PlacementError::InvalidPartitions(0))
    );
    assert_eq!(
        assign_replicas_to_brokers(&brokers, 10, 0, s),
        Err(PlacementError::InvalidReplicationFactor(0))
    );
    assert!(matches!(
        assign_replicas_to_brokers(&brokers, 10, 6, s),
        Err(PlacementError::ReplicationFactorTooLarge { .. })
    ));
    assert_eq!(
        assign_replicas_to_brokers(&brokers, 10, 5, s),
        Err(PlacementError::IncompleteRacks)
    );
}

/// A broker → rack table, as Kafka's tests write them.
type Racks<'a> = &'a [(i32, &'a str)];

/// Kafka's `checkReplicaDistribution` (RackAwareTest.scala).
struct Check {
    rack_aware: bool,
    leaders: bool,
    replicas: bool,
}

fn check_distribution(
    assignment: &[Vec<i32>],
    racks: &[(i32, &str)],
    partitions: usize,
    rf: usize,
    check: &Check,
) {
    let rack_of: BTreeMap<i32, &str> = racks.iter().copied().collect();
    let n = racks.len();
    let mut leaders: BTreeMap<i32, usize> = BTreeMap::new();
    let mut replicas: BTreeMap<i32, usize> = BTreeMap::new();
    for brokers in assignment {
        let distinct: BTreeSet<_> = brokers.iter().collect();
        assert_eq!(distinct.len(), brokers.len(), "{assignment:?}");
        *leaders.entry(brokers[0]).or_default() += 1;
        for b in brokers {
            *replicas.entry(*b).or_default() += 1;
        }
        if check.rack_aware {
            let used: BTreeSet<_> = brokers.iter().map(|b| rack_of[b]).collect();
            assert_eq!(used.len(), rf, "{assignment:?}");
        }
    }
    if check.leaders {
        assert_eq!(leaders.len(), n, "{assignment:?}");
        assert!(leaders.values().all(|&c| c == partitions / n));
    }
    if check.replicas {
        assert_eq!(replicas.len(), n, "{assignment:?}");
        assert!(replicas.values().all(|&c| c == partitions * rf / n));
    }
}

const ALL: Check = Check {
    rack_aware: true,
    leaders: true,
    replicas: true,
};

/// Kafka's distribution tests, over every start Kafka's random draws can produce (Kafka runs each once with
/// whatever `Random` gives).
#[test]
fn kafka_distribution_tests_for_every_start() {
    let six = [
        (0, "rack1"),
        (1, "rack2"),
        (2, "rack2"),
        (3, "rack3"),
        (4, "rack3"),
        (5, "rack1"),
    ];
    let uneven = [
        (0, "rack1"),
        (1, "rack1"),
        (2, "rack2"),
        (3, "rack3"),
        (4, "rack3"),
        (5, "rack1"),
    ];
    let expansion = [
        (6, "rack1"),
        (7, "rack2"),
        (8, "rack2"),
        (9, "rack3"),
        (10, "rack3"),
        (11, "rack1"),
    ];
    let three = [(0, "rack1"), (1, "rack2"), (4, "rack3")];
    let twelve = [
        (0, "rack1"),
        (1, "rack2"),
        (2, "rack2"),
        (3, "rack3"),
        (4, "rack3"),
        (5, "rack1"),
        (6, "rack1"),
        (7, "rack2"),
        (8, "rack2"),
        (9, "rack3"),
        (10, "rack1"),
        (11, "rack3"),
    ];
    let no_replicas = Check {
        replicas: false,
        ..ALL
    };
    // (racks, partitions, rf, first partition, check)
    let cases: [(Racks, usize, usize, u32, &Check); 7] = [
        (&six, 6, 3, 0, &ALL),
        (&uneven, 12, 3, 0, &no_replicas),
        (&six, 12, 2, 0, &ALL),
        (&expansion, 12, 2, 12, &ALL),
        (&six, 6, 2, 0, &ALL),
        (&three, 3, 2, 0, &ALL),
        (&twelve, 96, 3, 0, &ALL),
    ];
    for (racks, partitions, rf, first, check) in cases {
        let brokers = racked(racks);
        for start in every_random_start(racks.len() as u32, first) {
            let got =
                assign_replicas_to_brokers(&brokers, partitions as i32, rf as i32, start).unwrap();
            check_distribution(&got, racks, partitions, rf, check);
        }
    }
    // Fixed start indices: testAssignmentWithRackAware (2) and testAssignmentWithRackAwareWithUnevenReplicas (0).
    let got = assign_replicas_to_brokers(&racked(&six), 6, 3, Start::fixed(2)).unwrap();
    check_distribution(&got, &six, 6, 3, &ALL);
    let got = assign_replicas_to_brokers(&racked(&six), 13, 3, Start::fixed(0)).unwrap();
    let rack_only = Check {
        rack_aware: true,
        leaders: false,
        replicas: false,
    };
    check_distribution(&got, &six, 13, 3, &rack_only);
}

#[test]
fn kafka_more_fewer_and_single_rack_tests_for_every_start() {
    let five_on_three = [
        (0, "rack1"),
        (1, "rack2"),
        (2, "rack2"),
        (3, "rack3"),
        (4, "rack3"),
        (5, "rack2"),
    ];
    let single: Vec<(i32, &str)> = (0..6).map(|id| (id, "rack1")).collect();
    for start in every_random_start(6, 0) {
        let racks_used = |racks: &[(i32, &str)], rf: i32| -> Vec<usize> {
            let rack_of: BTreeMap<i32, &str> = racks.iter().copied().collect();
            assign_replicas_to_brokers(&racked(racks), 6, rf, start)
                .unwrap()
                .iter()
                .map(|p| {
                    assert_eq!(p.len(), rf as usize);
                    p.iter().map(|b| rack_of[b]).collect::<BTreeSet<_>>().len()
                })
                .collect()
        };
        assert_eq!(racks_used(&five_on_three, 5), [3; 6]); // testMoreReplicasThanRacks
        assert_eq!(racks_used(&five_on_three, 2), [2; 6]); // testLessReplicasThanRacks
        assert_eq!(racks_used(&single, 3), [1; 6]); // testSingleRack
        let leaders: BTreeSet<i32> = assign_replicas_to_brokers(&racked(&single), 6, 3, start)
            .unwrap()
            .iter()
            .map(|p| p[0])
            .collect();
        assert_eq!(leaders.len(), 6);
    }
    // testSkipBrokerWithReplicaAlreadyAssigned: five brokers on three racks, replication factor 4.
    let skip = [(0, "a"), (1, "b"), (2, "c"), (3, "a"), (4, "a")];
    let got = assign_replicas_to_brokers(&racked(&skip), 6, 4, Start::fixed(2)).unwrap();
    let no_checks = Check {
        rack_aware: false,
        leaders: false,
        replicas: false,
    };
    check_distribution(&got, &skip, 6, 4, &no_checks);
}

// --- Kafka's AdminUtils itself on random shapes ---

#[test]
fn kafka_adminutils_vectors() {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file");
    let cases = file["cases"].as_array().expect("cases");
    assert!(cases.len() >= 600);
    let (mut placed, mut refused) = (0, 0);
    for (i, case) in cases.iter().enumerate() {
        let brokers: Vec<Broker> = case["brokers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| Broker {
                id: b["id"].as_i64().unwrap() as i32,
                rack: b["rack"].as_str().map(String::from),
            })
            .collect();
        // Either Kafka's fixed start index (index = shift) or the two values Kafka's seeded RAND drew.
        let start = Start {
            index: case["start_index"].as_u64().unwrap() as u32,
            shift: case["replica_shift"].as_u64().unwrap() as u32,
            first_partition: case["start_partition_id"].as_i64().unwrap().max(0) as u32,
        };
        if let Some(fixed) = case.get("fixed_start_index") {
            assert_eq!(
                Start::fixed(fixed.as_u64().unwrap() as u32).shift,
                start.shift
            );
        }
        let partitions = case["partitions"].as_i64().unwrap() as i32;
        let rf = case["replication_factor"].as_i64().unwrap() as i32;
        let got = assign_replicas_to_brokers(&brokers, partitions, rf, start);
        match case.get("error").and_then(Value::as_str) {
            Some(class) => {
                refused += 1;
                let err = got.expect_err(&format!("case {i}: Kafka threw {class}"));
                let expected_class = match err {
                    PlacementError::InvalidPartitions(_) => "InvalidPartitionsException",
                    PlacementError::InvalidReplicationFactor(_)
                    | PlacementError::ReplicationFactorTooLarge { .. } => {
                        "InvalidReplicationFactorException"
                    }
                    PlacementError::IncompleteRacks => "AdminOperationException",
                    PlacementError::DuplicateBroker(_) => "none",
                };
                assert_eq!(expected_class, class, "case {i}");
                assert_eq!(
                    err.to_string(),
                    case["message"].as_str().unwrap(),
                    "case {i}"
                );
            }
            None => {
                placed += 1;
                let got = got.unwrap_or_else(|e| panic!("case {i}: {e}"));
                let expect = case["expect"].as_object().unwrap();
                assert_eq!(got.len(), expect.len(), "case {i}");
                for (k, replicas) in got.iter().enumerate() {
                    let id = (start.first_partition as usize + k).to_string();
                    let want: Vec<i32> = expect[&id]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|b| b.as_i64().unwrap() as i32)
                        .collect();
                    assert_eq!(replicas, &want, "case {i} partition {id}");
                }
            }
        }
    }
    assert!(
        placed >= 350 && refused >= 25,
        "{placed} placed, {refused} refused"
    );
}
