//! A step of a record's life as data, put in words when shown (so the Inspect tab follows the language).

use crate::i18n::I18n;

/// What happened to a record; put in words in the language shown by [`Step::text`].
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A producer appended it.
    Produced {
        /// Producer id.
        producer: String,
        /// Its key (`None`: null key).
        key: Option<String>,
    },
    /// A consumer thread fetched and processed it.
    Processed {
        /// Group id.
        group: String,
        /// Instance id.
        instance: String,
        /// Thread number.
        thread: u32,
        /// Processed again (re-read from the committed offset).
        again: bool,
    },
    /// A group committed an offset past it.
    Committed {
        /// Group id.
        group: String,
        /// The committed offset.
        offset: u64,
    },
}

impl Step {
    /// The step in words; `record` is the record it happened to (topic, partition, offset).
    ///
    /// ```
    /// use kplay_web::trace::Step;
    /// let s = Step::Committed { group: "billing".into(), offset: 8 };
    /// let en = kplay_web::i18n::I18n::english();
    /// assert_eq!(s.text(&en, ("orders", 0, 3)), "committed by billing (committed offset 8)");
    /// ```
    pub fn text(&self, i18n: &I18n, record: (&str, u32, u64)) -> String {
        let (topic, partition, offset) = record;
        match self {
            Step::Produced { producer, key } => {
                let tp = format!("{topic}-{partition}");
                let mut args: Vec<(&str, &dyn std::fmt::Display)> =
                    vec![("producer", producer), ("tp", &tp), ("offset", &offset)];
                let key_name = match key {
                    Some(k) => {
                        args.push(("key", k));
                        "inspect.step.produced"
                    }
                    None => "inspect.step.produced_null",
                };
                i18n.tf(key_name, &args)
            }
            Step::Processed {
                group,
                instance,
                thread,
                again,
            } => i18n.tf(
                if *again {
                    "inspect.step.reprocessed"
                } else {
                    "inspect.step.processed"
                },
                &[("group", group), ("instance", instance), ("thread", thread)],
            ),
            Step::Committed { group, offset } => i18n.tf(
                "inspect.step.committed",
                &[("group", group), ("offset", offset)],
            ),
        }
    }

    /// Whether this is processing a record again.
    pub fn again(&self) -> bool {
        matches!(self, Step::Processed { again: true, .. })
    }
}
