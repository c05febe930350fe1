//! The topic a form's `<select>` stands on: what the learner picked while it still exists, else the first.

use kplay_core::sim::Snapshot;

/// The names of the snapshot's topics, in the order the picture draws them.
///
/// ```
/// let snap = kplay_core::sim::World::new(&kplay_web::presets::default_scenario(), 1).unwrap().snapshot();
/// assert_eq!(kplay_web::pick::topic_names(&snap), ["orders"]);
/// ```
pub fn topic_names(snapshot: &Snapshot) -> Vec<String> {
    snapshot.topics.iter().map(|t| t.name.clone()).collect()
}

/// `picked` when it is one of `names` (a topic deleted meanwhile falls back), else the first name.
///
/// ```
/// let names = ["a".to_string(), "b".to_string()];
/// assert_eq!(kplay_web::pick::picked_or_first(&names, "b"), Some("b"));
/// assert_eq!(kplay_web::pick::picked_or_first(&names, "gone"), Some("a"));
/// assert_eq!(kplay_web::pick::picked_or_first(&[], "a"), None);
/// ```
pub fn picked_or_first<'a>(names: &'a [String], picked: &str) -> Option<&'a str> {
    names
        .iter()
        .find(|n| *n == picked)
        .or(names.first())
        .map(String::as_str)
}
