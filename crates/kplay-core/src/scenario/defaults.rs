//! Default values. Kafka's own default is named beside each one; where the playground shortens a timeout so that
//! something visible happens within seconds, the constant says so.

/// `segment.bytes` for the playground (Kafka: 1 GiB): small so retention visibly deletes segments.
pub const SEGMENT_BYTES: u64 = 64 * 1024;
/// `segment.ms` for the playground (Kafka: 7 days).
pub const SEGMENT_MS: u64 = 60_000;
/// `retention.ms` (Kafka's default, 7 days).
pub const RETENTION_MS: i64 = 604_800_000;
/// `retention.bytes` (Kafka: -1, unlimited).
pub const RETENTION_BYTES: i64 = -1;
/// `log.retention.check.interval.ms` for the playground (Kafka: 300000).
pub const RETENTION_CHECK_INTERVAL_MS: u64 = 1_000;
/// `delete.retention.ms` (Kafka's default, 1 day): how long compaction keeps a tombstone.
pub const DELETE_RETENTION_MS: u64 = 86_400_000;
/// `min.cleanable.dirty.ratio` (Kafka's default, 0.5) in millionths: a compacted log is cleaned once more than
/// half of its non-active bytes are dirty.
pub const MIN_CLEANABLE_DIRTY_RATIO_MILLIONTHS: u32 = 500_000;
/// `min.compaction.lag.ms` (Kafka's default, 0).
pub const MIN_COMPACTION_LAG_MS: u64 = 0;
/// `max.compaction.lag.ms` (Kafka's default, `Long.MAX_VALUE`).
pub const MAX_COMPACTION_LAG_MS: u64 = i64::MAX as u64;
/// `log.cleaner.backoff.ms` (Kafka's default): how long the log cleaner sleeps when no log is cleanable. It
/// first looks at time 0.
pub const LOG_CLEANER_BACKOFF_MS: u64 = 15_000;
/// `offsets.retention.minutes` in ms (Kafka's default, 7 days): committed offsets of a group that has been Empty
/// this long are deleted.
pub const OFFSETS_RETENTION_MS: u64 = 604_800_000;
/// `offsets.retention.check.interval.ms` (Kafka's default, 10 minutes): how often the coordinator expires
/// offsets and deletes Empty groups that have none left.
pub const OFFSETS_RETENTION_CHECK_INTERVAL_MS: u64 = 600_000;
/// Record size in bytes when a producer does not say.
pub const RECORD_BYTES: u32 = 100;
/// `batch.size` (Kafka's default).
pub const BATCH_SIZE: u32 = 16_384;
/// `linger.ms` (Kafka 3.x default 0; 4.0 made it 5).
pub const LINGER_MS: u32 = 0;
/// `auto.commit.interval.ms` (Kafka's default).
pub const AUTO_COMMIT_INTERVAL_MS: u32 = 5_000;
/// Spring Kafka's `ContainerProperties.ackTime` default: pending offsets are committed after this long in
/// `AckMode.TIME` / `COUNT_TIME`.
pub const ACK_TIME_MS: u32 = 5_000;
/// Spring Kafka's `ContainerProperties.ackCount` default: pending offsets are committed after this many records
/// in `AckMode.COUNT` / `COUNT_TIME`.
pub const ACK_COUNT: u32 = 1;
/// `session.timeout.ms` for the playground (Kafka: 45000; brokers accept 6000..=1800000).
pub const SESSION_TIMEOUT_MS: u32 = 10_000;
/// `heartbeat.interval.ms` (Kafka's default).
pub const HEARTBEAT_INTERVAL_MS: u32 = 3_000;
/// `max.poll.interval.ms` for the playground (Kafka: 300000); also the rebalance timeout.
pub const MAX_POLL_INTERVAL_MS: u32 = 30_000;
/// `max.poll.records` (Kafka's default).
pub const MAX_POLL_RECORDS: u32 = 500;
/// `group.initial.rebalance.delay.ms` (Kafka's default).
pub const INITIAL_REBALANCE_DELAY_MS: u32 = 3_000;
/// `metadata.max.age.ms` for the playground (Kafka: 300000): how late a group's leader, and a producer, notice new
/// partitions.
pub const METADATA_MAX_AGE_MS: u32 = 10_000;

// The functions below say which fields JSON leaves out (serde's `skip_serializing_if = "…"` and the writer).

pub(crate) fn is_min_cleanable_dirty_ratio(v: &super::Ratio) -> bool {
    *v == super::Ratio::from_millionths(MIN_CLEANABLE_DIRTY_RATIO_MILLIONTHS)
}
pub(crate) fn is_max_compaction_lag(v: &u64) -> bool {
    *v == MAX_COMPACTION_LAG_MS
}
pub(crate) fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}
pub(crate) fn is_zero(v: &u8) -> bool {
    *v == 0
}
pub(crate) fn is_metadata_max_age(v: &u32) -> bool {
    *v == METADATA_MAX_AGE_MS
}
