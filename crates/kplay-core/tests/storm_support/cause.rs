//! Why a storm's record was processed twice by one group (see `check.rs`).

/// Why a record was processed twice by one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// Its earlier processor's instance crashed before committing past it (`onPartitionsLost` at the crash).
    Crash,
    /// Its earlier processor was kicked out (no poll within `max.poll.interval.ms`) before anyone committed
    /// past it: a kicked-out member's commits fail, and it may still finish its batch.
    KickedOut,
    /// The earlier processor lost the partition otherwise (removed by the coordinator, or closed while
    /// rebalancing, when the client cannot commit) before committing past it.
    LostOther,
    /// The earlier processor's instance was stopped, removed or scaled down, and its closing commit did not
    /// cover the record (it failed, or nothing was acknowledged yet).
    StopWithoutCommit,
    /// The earlier processor revoked the partition in a rebalance before committing past it.
    RevokedWithoutCommit,
    /// One of the two processors had been removed from the group (it did not rejoin a rebalance in time)
    /// and went on with the records in hand: a zombie, fenced at its next request (its commit fails with
    /// ILLEGAL_GENERATION or in the client, then `onPartitionsLost` or `onPartitionsRevoked`, after the
    /// duplicate), while the partition's new owner started from the committed offset, which the zombie had not
    /// moved past the record.
    Zombie,
    /// The group's committed offsets expired in between (`offsets.retention.minutes`).
    OffsetsExpired,
}
