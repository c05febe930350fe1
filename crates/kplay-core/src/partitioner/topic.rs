//! What a partitioner may know about a topic and its batches at the moment it decides.

/// A topic's partition count and which partitions have a leader (Kafka's `availablePartitionsForTopic`).
///
/// ```
/// use kplay_core::partitioner::TopicView;
///
/// let all = TopicView::all_available(3);
/// assert_eq!(all.available_count(), 3);
/// let some = TopicView::with_available(3, &[0, 2]);
/// assert_eq!(some.available_at(1), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicView<'a> {
    partitions: u32,
    available: Option<&'a [u32]>,
}

impl<'a> TopicView<'a> {
    /// Every partition has a leader.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::TopicView::all_available(4).partitions(), 4);
    /// ```
    pub fn all_available(partitions: u32) -> Self {
        TopicView {
            partitions,
            available: None,
        }
    }

    /// Only `available` (ascending partition numbers, each `< partitions`) have a leader; may be empty.
    ///
    /// ```
    /// let v = kplay_core::partitioner::TopicView::with_available(4, &[]);
    /// assert_eq!(v.available_count(), 0);
    /// ```
    pub fn with_available(partitions: u32, available: &'a [u32]) -> Self {
        debug_assert!(available.windows(2).all(|w| w[0] < w[1]));
        debug_assert!(available.iter().all(|&p| p < partitions));
        TopicView {
            partitions,
            available: Some(available),
        }
    }

    /// The number of partitions of the topic.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::TopicView::all_available(2).partitions(), 2);
    /// ```
    pub fn partitions(&self) -> u32 {
        self.partitions
    }

    /// How many partitions are available.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::TopicView::with_available(5, &[1, 3]).available_count(), 2);
    /// ```
    pub fn available_count(&self) -> u32 {
        match self.available {
            None => self.partitions,
            Some(list) => list.len() as u32,
        }
    }

    /// The `index`-th available partition (`index < available_count()`).
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::TopicView::all_available(5).available_at(4), 4);
    /// ```
    pub fn available_at(&self, index: u32) -> u32 {
        match self.available {
            None => index,
            Some(list) => list[index as usize],
        }
    }
}

/// The engine's record accumulator, as far as the partitioners need it.
///
/// Any `Fn(u32) -> bool` works: it answers "would appending this record to `partition` need a new batch?"
/// (there is no open batch for the partition, or the record does not fit in it). An engine that also
/// implements [`BatchState::all_batches_full`] lets the built-in partitioner complete a held-back switch
/// before an append, as Kafka's `RecordAccumulator.partitionChanged` does; a plain closure answers `false`
/// there, so the switch waits for the next append (or `2 × batch.size`).
///
/// ```
/// use kplay_core::partitioner::BatchState;
/// let open_batches = [true, false];
/// let state = |p: u32| !open_batches[p as usize];
/// assert!(!state.needs_new_batch(0));
/// assert!(state.needs_new_batch(1));
/// ```
pub trait BatchState {
    /// Whether the record would open a new batch on `partition`.
    fn needs_new_batch(&self, partition: u32) -> bool;

    /// Whether every queued batch of `partition` is full, an empty queue included (Kafka's
    /// `RecordAccumulator.allBatchesFull`: the last batch is full or there is none). Default: `false`.
    ///
    /// ```
    /// use kplay_core::partitioner::BatchState;
    /// struct Queues(Vec<Option<bool>>); // last batch full?, None = empty queue
    /// impl BatchState for Queues {
    ///     fn needs_new_batch(&self, p: u32) -> bool { self.0[p as usize] != Some(false) }
    ///     fn all_batches_full(&self, p: u32) -> bool { self.0[p as usize] != Some(false) }
    /// }
    /// let q = Queues(vec![None, Some(false)]);
    /// assert!(q.all_batches_full(0) && !q.all_batches_full(1));
    /// assert!(!(|_p: u32| true).all_batches_full(0));
    /// ```
    fn all_batches_full(&self, _partition: u32) -> bool {
        false
    }
}

impl<F: Fn(u32) -> bool> BatchState for F {
    fn needs_new_batch(&self, partition: u32) -> bool {
        self(partition)
    }
}
