//! The keys of each model: name and bounds, in one table that `kplay flows --key value`, flow scenario files
//! and (later) the web read alike. Defaults are the models' `Default` specs (and the windows in
//! [`super::FlowSetup::new`]).

use super::{Model, Value};
use crate::flows::MAX_MS;
use crate::scenario::{parse_whole, range_rule, Ratio};
use alloc::format;
use alloc::string::String;

/// What a key accepts.
///
/// ```
/// use kplay_core::flows::setup::Rule;
/// assert_eq!(Rule::Word(&["even", "random"]).describe(), "must be even or random");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A whole number in `lo..=hi`.
    Whole(u64, u64),
    /// A decimal number from 0 to 1 with at most 6 decimals.
    Ratio,
    /// One of these words.
    Word(&'static [&'static str]),
}

impl Rule {
    /// The rule in words (`must be a whole number from 0 to 100000`).
    ///
    /// ```
    /// use kplay_core::flows::setup::Rule;
    /// assert_eq!(Rule::Whole(1, 64).describe(), "must be a whole number from 1 to 64");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Rule::Whole(lo, hi) => range_rule(*lo, *hi),
            Rule::Ratio => String::from("must be a number from 0 to 1"),
            Rule::Word(words) => {
                let mut s = String::from("must be ");
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        s.push_str(if i + 1 == words.len() { " or " } else { ", " });
                    }
                    s.push_str(w);
                }
                s
            }
        }
    }
}

/// One key of a model: its name (`payment_timeout_ms`; the CLI spells it `--payment-timeout-ms`) and rule.
///
/// ```
/// use kplay_core::flows::setup::{Model, Value};
/// let k = Model::Http.key("partitions").unwrap();
/// assert_eq!(k.read("3"), Ok(Value::Whole(3)));
/// assert_eq!(k.read("0").unwrap_err(), "must be a whole number from 1 to 64, got 0");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The name in files (snake case).
    pub name: &'static str,
    /// What it accepts.
    pub rule: Rule,
}

impl Key {
    /// Reads `text` (an option's value, or a JSON number or string as written) by the rule.
    ///
    /// ```
    /// use kplay_core::flows::setup::{Model, Value};
    /// let k = Model::Http.key("outage").unwrap();
    /// assert_eq!(k.read("email"), Ok(Value::Word("email")));
    /// assert_eq!(k.read("db").unwrap_err(), "must be email or payment, got \"db\"");
    /// ```
    pub fn read(&self, text: &str) -> Result<Value, String> {
        match self.rule {
            Rule::Whole(lo, hi) => parse_whole(text, lo, hi).map(Value::Whole),
            Rule::Ratio => Ratio::from_decimal(text.trim())
                .filter(|r| r.valid().is_some())
                .map(Value::Ratio)
                .ok_or_else(|| format!("{}, got {text:?}", self.rule.describe())),
            Rule::Word(words) => words
                .iter()
                .find(|w| **w == text)
                .map(|w| Value::Word(w))
                .ok_or_else(|| format!("{}, got {text:?}", self.rule.describe())),
        }
    }
}

const fn k(name: &'static str, lo: u64, hi: u64) -> Key {
    Key {
        name,
        rule: Rule::Whole(lo, hi),
    }
}

const fn ms(name: &'static str) -> Key {
    k(name, 0, MAX_MS)
}

const fn ratio(name: &'static str) -> Key {
    Key {
        name,
        rule: Rule::Ratio,
    }
}

const fn word(name: &'static str, words: &'static [&'static str]) -> Key {
    Key {
        name,
        rule: Rule::Word(words),
    }
}

/// The longest run and the latest window a key can name: one day.
pub const MAX_RUN_MS: u64 = 86_400_000;
const RATE: u64 = crate::flows::http::MAX_RATE;

const HTTP: &[Key] = &[
    k("rate", 0, RATE),
    ms("order_ms"),
    ms("payment_ms"),
    ms("payment_jitter_ms"),
    ratio("payment_failure"),
    k("payment_timeout_ms", 1, MAX_MS),
    ms("email_ms"),
    ms("email_jitter_ms"),
    ratio("email_failure"),
    k("email_timeout_ms", 1, MAX_MS),
    word("outage", &["email", "payment"]),
    k("outage_from_ms", 0, MAX_RUN_MS),
    k("outage_to_ms", 1, MAX_RUN_MS),
    word("outage_mode", &["hang", "refuse"]),
    k("bucket_ms", 1, MAX_MS),
    ms("ack_ms"),
    k("partitions", 1, 64),
    k("threads", 1, 64),
];

const POOL: &[Key] = &[
    k("threads", 1, 10_000),
    k("accept_count", 0, 100_000),
    k("rate", 0, RATE),
    k("burst_rate", 0, RATE),
    k("burst_from_ms", 0, MAX_RUN_MS),
    k("burst_to_ms", 1, MAX_RUN_MS),
    ms("downstream_ms"),
    ms("downstream_jitter_ms"),
    k("cpu_ms", 1, MAX_MS),
    k("consumer_threads", 1, 64),
    k("bucket_ms", 1, MAX_MS),
];

const POLLING: &[Key] = &[
    k("clients", 1, 100_000),
    k("period_ms", 1, MAX_MS),
    k("rate", 0, RATE),
    ms("latency_ms"),
    word("spread", &["even", "random"]),
];

const SYSTEM: &[Key] = &[
    k("rate", 0, 10_000),
    ms("gateway_ms"),
    ms("gateway_jitter_ms"),
    ms("api_ms"),
    ms("ack_ms"),
    ms("payment_ms"),
    ms("payment_jitter_ms"),
    ms("push_ms"),
    k("partitions", 1, 64),
    k("threads", 1, 64),
    word("crash", &["payment", "websocket"]),
    k("crash_from_ms", 0, MAX_RUN_MS),
    k("crash_to_ms", 1, MAX_RUN_MS),
    k("gateway_down_from_ms", 0, MAX_RUN_MS),
    k("gateway_down_to_ms", 1, MAX_RUN_MS),
    k("api_down_from_ms", 0, MAX_RUN_MS),
    k("api_down_to_ms", 1, MAX_RUN_MS),
];

pub(super) fn table(m: Model) -> &'static [Key] {
    match m {
        Model::Http => HTTP,
        Model::Pool => POOL,
        Model::Polling => POLLING,
        Model::System => SYSTEM,
    }
}
