//! The playground's caps: how much a scenario may ask for, so that no pasted link, JSON file or form can build a
//! world the browser cannot draw at an interactive frame rate (issue 18). Checked here, once, as part of
//! [`super::Scenario::validate`], so the forms, share links, JSON imports, the CLI and commands on a running world
//! all refuse the same things with the same words. docs/scenario.md lists them with the measurements behind them.
//!
//! ```
//! use kplay_core::scenario::{Scenario, TopicSpec, MAX_TOPICS};
//! let mut s = Scenario::default();
//! for i in 0..=MAX_TOPICS {
//!     s.topics.push(TopicSpec::new(&format!("t{i}"), 1));
//! }
//! let p = s.validate().unwrap_err();
//! assert_eq!(p[0].to_string(), "topics: must have at most 64 entries (the playground's cap), got 65");
//! ```

use super::validate::{Problems, MAX_PARTITIONS, MAX_THREADS};
use super::{FaultKind, Scenario};
use crate::sort::NameMap;
use alloc::format;
use alloc::string::String;

/// Most topics in a scenario.
pub const MAX_TOPICS: usize = 64;
/// Most partitions of all topics together, counting what `add_partitions` faults grow them to.
pub const MAX_TOTAL_PARTITIONS: u32 = 2048;
/// Most producers.
pub const MAX_PRODUCERS: usize = 64;
/// Highest `rate_per_s` of one producer, and of all producers together.
pub const MAX_RATE_PER_S: u32 = 100_000;
/// Most consumer groups.
pub const MAX_GROUPS: usize = 16;
/// Most instances in one group (the group form's limit too).
pub const MAX_GROUP_INSTANCES: usize = 32;
/// Most instances of all groups together.
pub const MAX_INSTANCES: usize = 128;
/// Most consumer threads of all instances together ([`MAX_THREADS`] is the cap of one instance).
pub const MAX_TOTAL_THREADS: u32 = 1024;
/// Most scheduled faults.
pub const MAX_FAULTS: usize = 1000;
/// Latest virtual time a fault may be scheduled at, and the longest `kplay run --until-ms`: 24 hours.
pub const MAX_RUN_MS: u64 = 86_400_000;

/// The rule a list longer than `max` breaks.
///
/// ```
/// assert_eq!(
///     kplay_core::scenario::list_cap_rule(16, 17),
///     "must have at most 16 entries (the playground's cap), got 17"
/// );
/// ```
pub fn list_cap_rule(max: usize, got: usize) -> String {
    format!("must have at most {max} entries (the playground's cap), got {got}")
}

/// The rule a total over `max` breaks: `what` (`partitions of all topics`) adds up to `got`.
///
/// ```
/// assert_eq!(
///     kplay_core::scenario::total_cap_rule("threads of all instances", 1024, 1100),
///     "threads of all instances add up to 1100; the playground's cap is 1024"
/// );
/// ```
pub fn total_cap_rule(what: &str, max: u64, got: u64) -> String {
    format!("{what} add up to {got}; the playground's cap is {max}")
}

/// The words of the totals, shared with the checks of commands on a running world (`sim::caps`).
pub(crate) const PARTITIONS: &str = "partitions of all topics";
pub(crate) const RATES: &str = "rate_per_s of all producers";
pub(crate) const THREADS: &str = "threads of all instances";
const INSTANCES: &str = "instances of all groups";

fn list(p: &mut Problems, path: String, len: usize, max: usize) {
    if len > max {
        p.add(path, list_cap_rule(max, len));
    }
}

fn total(p: &mut Problems, path: &str, what: &str, max: u64, got: u64) {
    if got > max {
        p.add(path.into(), total_cap_rule(what, max, got));
    }
}

/// Whether a list of `s` holds more than 16 times its cap: then validation reports the caps alone (a pasted
/// scenario of 100,000 topics is refused at once, not after 100,000 topics' checks).
pub(super) fn far_over(s: &Scenario) -> bool {
    let instances: usize = s.groups.iter().map(|g| g.instances.len()).sum();
    s.topics.len() > FAR_OVER * MAX_TOPICS
        || s.producers.len() > FAR_OVER * MAX_PRODUCERS
        || s.groups.len() > FAR_OVER * MAX_GROUPS
        || instances > FAR_OVER * MAX_INSTANCES
        || s.faults.len() > FAR_OVER * MAX_FAULTS
}

/// How many times its cap a list may hold and still be checked item by item.
const FAR_OVER: usize = 16;

/// Adds a problem for every cap `s` goes over. Per-item caps ([`MAX_PARTITIONS`], [`MAX_THREADS`],
/// [`MAX_RATE_PER_S`], [`MAX_RUN_MS`]) are range rules on the item, checked with the item's other rules.
pub(super) fn check(s: &Scenario, p: &mut Problems) {
    list(p, "topics".into(), s.topics.len(), MAX_TOPICS);
    list(p, "producers".into(), s.producers.len(), MAX_PRODUCERS);
    list(p, "groups".into(), s.groups.len(), MAX_GROUPS);
    list(p, "faults".into(), s.faults.len(), MAX_FAULTS);
    if s.topics.len() > FAR_OVER * MAX_TOPICS {
        // Far over the cap already (see `far_over`): their partitions are not added up.
        return check_groups(s, p);
    }
    // What each topic grows to: its partitions, or the largest valid `add_partitions` target. (`usize` values:
    // the validator's name maps are all `NameMap`s; sums saturate on 32 bits.)
    let mut grown = NameMap::default();
    for t in &s.topics {
        let n = grown.or_insert(t.name.as_str(), 0);
        *n = n.saturating_add(t.partitions as usize);
    }
    for f in &s.faults {
        if let (FaultKind::AddPartitions, Some(t), Some(n)) = (f.kind, &f.topic, f.partitions) {
            if let Some(cur) = grown.get_mut(t.as_str()) {
                *cur = (*cur).max(n.min(MAX_PARTITIONS) as usize);
            }
        }
    }
    let parts = grown.values().fold(0u64, |a, n| a.saturating_add(n as u64));
    total(p, "topics", PARTITIONS, MAX_TOTAL_PARTITIONS.into(), parts);
    check_groups(s, p);
}

/// The caps on producers' rates and on groups' instances and threads.
fn check_groups(s: &Scenario, p: &mut Problems) {
    let rate = s.producers.iter().map(|x| u64::from(x.rate_per_s)).sum();
    total(p, "producers", RATES, MAX_RATE_PER_S.into(), rate);
    let (mut instances, mut threads) = (0usize, 0u64);
    for (gi, g) in s.groups.iter().enumerate() {
        let n = g.instances.len();
        list(p, format!("groups[{gi}].instances"), n, MAX_GROUP_INSTANCES);
        instances += n;
        // Each instance's own range rule caps it at MAX_THREADS; count at most that much of it here.
        threads += g
            .instances
            .iter()
            .map(|i| u64::from(i.threads.min(MAX_THREADS)))
            .sum::<u64>();
    }
    total(
        p,
        "groups",
        INSTANCES,
        MAX_INSTANCES as u64,
        instances as u64,
    );
    total(p, "groups", THREADS, MAX_TOTAL_THREADS.into(), threads);
}
