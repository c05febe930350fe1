//! Generators of well-typed scenarios for `scenario_json.rs`: every field of every part, with any value its type
//! holds (not only valid ones: the reader reads types, the validator checks rules), and commit specs as the export
//! writes them (each client's own fields).

use kplay_core::assignor::Strategy as Assignor;
use kplay_core::scenario::{
    AckMode, Burst, Cleanup, CommitMode, CommitSpec, FaultKind, FaultSpec, GroupSpec, InstanceSpec,
    KeyKind, KeySpec, OffsetReset, PartitionerKind, Processing, ProducerSpec, Ratio, Scenario,
    TopicSpec,
};
use proptest::prelude::*;

fn word<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl proptest::strategy::Strategy<Value = T> {
    prop::sample::select(all)
}

prop_compose! {
    fn topic()(
        name in "[a-z]{1,8}", partitions in any::<u32>(), retention_ms in any::<i64>(),
        retention_bytes in any::<i64>(), segment_ms in any::<u64>(), segment_bytes in any::<u64>(),
        cleanup in word(&[Cleanup::Delete, Cleanup::Compact, Cleanup::CompactDelete]),
        delete_retention_ms in any::<u64>(), ratio in any::<u32>(), min_lag in any::<u64>(), max_lag in any::<u64>(),
        initial_logs in prop::collection::vec(any::<(u32, u64, u64)>(), 0..3),
        replication in any::<(Option<u32>, Option<u32>, Option<bool>)>(),
    ) -> TopicSpec {
        let mut t = TopicSpec::new(&name, partitions);
        (t.retention_ms, t.retention_bytes, t.segment_ms, t.segment_bytes) =
            (retention_ms, retention_bytes, segment_ms, segment_bytes);
        (t.cleanup, t.delete_retention_ms) = (cleanup, delete_retention_ms);
        t.min_cleanable_dirty_ratio = Ratio::from_millionths(ratio);
        (t.min_compaction_lag_ms, t.max_compaction_lag_ms) = (min_lag, max_lag);
        #[cfg(feature = "import")]
        {
            t.initial_logs = initial_logs
                .into_iter()
                .map(|(partition, log_start, log_end)| kplay_core::scenario::InitialLog { partition, log_start, log_end })
                .collect();
        }
        #[cfg(not(feature = "import"))]
        let _ = initial_logs;
        #[cfg(feature = "brokers")]
        {
            (t.replication_factor, t.min_insync_replicas, t.unclean_leader_election_enable) = replication;
        }
        #[cfg(not(feature = "brokers"))]
        let _ = replication;
        t
    }
}

prop_compose! {
    fn producer()(
        id in "[a-z]{1,8}", topic in "[a-z]{1,8}", rate in any::<u32>(),
        burst in prop::option::of((any::<u32>(), any::<u32>())),
        kind in word(&[KeyKind::None, KeyKind::Cycle, KeyKind::Random, KeyKind::Fixed]),
        values in prop::collection::vec("[a-z]{0,4}", 0..3), partition in prop::option::of(any::<u32>()),
        numbers in any::<[u32; 4]>(), flags in any::<[bool; 3]>(),
        partitioner in word(&[PartitionerKind::Default, PartitionerKind::UniformSticky, PartitionerKind::RoundRobin,
            PartitionerKind::StickyLegacy, PartitionerKind::RoundRobinKafka38]),
        tombstone_percent in any::<u8>(),
        acks in prop::option::of(0..3usize), enable_idempotence in any::<Option<bool>>(),
    ) -> ProducerSpec {
        let mut p = ProducerSpec::new(&id, &topic, rate);
        p.burst = burst.map(|(on_ms, off_ms)| Burst { on_ms, off_ms });
        p.keys = KeySpec { kind, values };
        p.partition = partition;
        [p.record_bytes, p.batch_size, p.linger_ms, p.metadata_max_age_ms] = numbers;
        [p.paused, p.ignore_keys, p.adaptive_partitioning] = flags;
        p.partitioner = partitioner;
        p.tombstone_percent = tombstone_percent;
        #[cfg(feature = "brokers")]
        {
            use kplay_core::replication::Acks;
            p.acks = acks.map(|i| [Acks::All, Acks::One, Acks::Zero][i]);
            p.enable_idempotence = enable_idempotence;
        }
        #[cfg(not(feature = "brokers"))]
        let _ = (acks, enable_idempotence);
        p
    }
}

/// A commit spec as the export writes it: each client's own fields only.
fn commit() -> impl proptest::strategy::Strategy<Value = CommitSpec> {
    let kafka = (
        word(&[
            CommitMode::Auto,
            CommitMode::Sync,
            CommitMode::Async,
            CommitMode::PerRecord,
        ]),
        any::<u32>(),
    )
        .prop_map(|(mode, interval_ms)| CommitSpec {
            interval_ms,
            ..CommitSpec::kafka(mode)
        });
    let spring = (
        word(&[
            AckMode::Batch,
            AckMode::Record,
            AckMode::Time,
            AckMode::Count,
            AckMode::CountTime,
            AckMode::Manual,
            AckMode::ManualImmediate,
        ]),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(|(ack_mode, time, count)| {
            let mut c = CommitSpec::spring(ack_mode);
            if matches!(ack_mode, AckMode::Time | AckMode::CountTime) {
                c.ack_time_ms = time;
            }
            if matches!(ack_mode, AckMode::Count | AckMode::CountTime) {
                c.ack_count = count;
            }
            c
        });
    prop_oneof![kafka, spring]
}

prop_compose! {
    fn instance()(
        id in "[a-z]{1,8}", threads in any::<u32>(),
        processing in prop_oneof![any::<u32>().prop_map(Processing::Fixed),
            (any::<u32>(), any::<u32>()).prop_map(|(min, max)| Processing::Range { min, max })],
        static_id in prop::option::of("[a-z]{0,4}"), handoff_queue in prop::option::of(any::<u32>()),
        topics in prop::option::of(prop::collection::vec("[a-z]{1,4}", 0..3)),
    ) -> InstanceSpec {
        InstanceSpec { processing_ms: processing, static_id, handoff_queue, topics, ..InstanceSpec::new(&id, "L", threads) }
    }
}

prop_compose! {
    fn group()(
        id in "[a-z]{1,8}", topics in prop::collection::vec("[a-z]{1,4}", 0..3),
        strategy in word(&[Assignor::Range, Assignor::RoundRobin, Assignor::Sticky, Assignor::CooperativeSticky]),
        reset in word(&[OffsetReset::Earliest, OffsetReset::Latest, OffsetReset::None]),
        commit in commit(), numbers in any::<[u32; 6]>(), offsets_retention_ms in any::<u64>(),
        instances in prop::collection::vec(instance(), 0..3),
        committed in prop::collection::vec(("[a-z]{1,4}", any::<u32>(), any::<u64>()), 0..3),
    ) -> GroupSpec {
        let mut g = GroupSpec::new(&id, topics.iter().map(String::as_str));
        g.strategy = strategy;
        g.auto_offset_reset = reset;
        g.commit = commit;
        [g.session_timeout_ms, g.heartbeat_interval_ms, g.max_poll_interval_ms, g.max_poll_records,
            g.initial_rebalance_delay_ms, g.metadata_max_age_ms] = numbers;
        g.offsets_retention_ms = offsets_retention_ms;
        g.instances = instances;
        #[cfg(feature = "import")]
        {
            g.committed = committed
                .into_iter()
                .map(|(topic, partition, offset)| kplay_core::scenario::CommittedOffset { topic, partition, offset })
                .collect();
        }
        #[cfg(not(feature = "import"))]
        let _ = committed;
        g
    }
}

prop_compose! {
    fn fault()(
        at_ms in any::<u64>(),
        kind in word(&[FaultKind::Crash, FaultKind::Stop, FaultKind::Restart, FaultKind::Slow,
            FaultKind::PauseProducer, FaultKind::ResumeProducer, FaultKind::AddPartitions,
            #[cfg(feature = "brokers")]
            FaultKind::CrashBroker,
            #[cfg(feature = "brokers")]
            FaultKind::RestartBroker,
            #[cfg(feature = "brokers")]
            FaultKind::SlowFollower,
            #[cfg(feature = "brokers")]
            FaultKind::LoseAck,
            #[cfg(feature = "brokers")]
            FaultKind::ElectPreferred]),
        names in prop::option::weighted(0.5, "[a-z]{1,4}"), partitions in prop::option::of(any::<u32>()),
        processing_ms in prop::option::of(any::<u32>()), broker in any::<Option<u32>>(),
        extra_ms in any::<Option<u64>>(), partition in any::<Option<u32>>(),
    ) -> FaultSpec {
        #[cfg(not(feature = "brokers"))]
        let _ = (broker, extra_ms, partition);
        FaultSpec { instance: names.clone(), producer: names.clone(), topic: names, partitions, processing_ms,
            #[cfg(feature = "brokers")]
            broker,
            #[cfg(feature = "brokers")]
            extra_ms,
            #[cfg(feature = "brokers")]
            partition,
            ..FaultSpec::new(at_ms, kind) }
    }
}

prop_compose! {
    pub fn scenario()(
        version in any::<u32>(), seed in any::<u64>(),
        topics in prop::collection::vec(topic(), 0..3),
        producers in prop::collection::vec(producer(), 0..3),
        groups in prop::collection::vec(group(), 0..3),
        faults in prop::collection::vec(fault(), 0..3),
        brokers in prop::collection::vec((any::<u32>(), prop::option::of("[a-z]{0,3}")), 0..3),
        offsets_rf in prop::option::of(any::<u32>()),
        latency in prop::option::of(any::<u32>()),
        auto_balance in prop::option::of(any::<bool>()),
    ) -> Scenario {
        #[cfg(not(feature = "brokers"))]
        let _ = (brokers, offsets_rf, latency, auto_balance);
        Scenario { version, seed, topics, producers, groups, faults,
            #[cfg(feature = "brokers")]
            brokers: brokers.into_iter().map(|(id, rack)| kplay_core::scenario::BrokerSpec { id, rack }).collect(),
            #[cfg(feature = "brokers")]
            offsets_topic_replication_factor: offsets_rf,
            #[cfg(feature = "brokers")]
            network_latency_ms: latency,
            #[cfg(feature = "brokers")]
            auto_leader_rebalance_enable: auto_balance }
    }
}
