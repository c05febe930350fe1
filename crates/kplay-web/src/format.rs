//! Pure presentation logic: numbers, key colours, the `kafka-consumer-groups --describe` rows and lag estimates.

use crate::i18n::I18n;
use kplay_core::sim::{GroupView, InstanceStatus, PartitionLag};

mod group;
pub use group::{clear_verdict, lag_text, processed_text, threads_text, totals_text, LAG_RULE};

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Two CSS classes as one `class` value (the second may be empty). Built as a plain string: `classes!` expands
/// into a `Classes` set built per call site.
pub fn class_pair(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    if !b.is_empty() {
        s.push(' ');
        s.push_str(b);
    }
    s
}

/// How many key colours there are before they repeat with a pattern (`k0`…`k11` in www/style.css).
pub const KEY_COLOURS: usize = 12;

thread_local! {
    /// Keys in the order they get colours: the scenario's declared keys first, then any other key when first drawn.
    static KEY_ORDER: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Starts the key colours again from `keys` (the scenario's producer keys in declaration order, as the engine
/// interns them), so the first 12 keys of a scenario always get the 12 distinct colours.
pub fn set_key_order<'a>(keys: impl IntoIterator<Item = &'a str>) {
    KEY_ORDER.with(|o| {
        let mut o = o.borrow_mut();
        o.clear();
        for k in keys {
            if !o.iter().any(|x| x == k) {
                o.push(k.to_string());
            }
        }
    });
}

/// The CSS classes for the `n`-th key: colour `k{n % 12}`, then from the 13th key a hatch (`kh`) and from the
/// 25th dots (`kd`), so key 13 never looks like key 1; `None` (null key) is the neutral `knull`.
pub fn key_class_at(n: Option<usize>) -> String {
    match n {
        None => "knull".to_string(),
        Some(n) => {
            let pattern = ["", " kh", " kd"][n / KEY_COLOURS % 3];
            format!("k{}{pattern}", n % KEY_COLOURS)
        }
    }
}

/// The CSS classes colouring a key (see [`key_class_at`]); the same key has the same colour everywhere, so
/// per-key ordering shows as colour runs.
pub fn key_class(key: Option<&str>) -> String {
    key_class_at(key.map(|k| {
        KEY_ORDER.with(|o| {
            let mut o = o.borrow_mut();
            o.iter().position(|x| x == k).unwrap_or_else(|| {
                o.push(k.to_string());
                o.len() - 1
            })
        })
    }))
}

/// The engine's member ids are `clientId-UUID` (36-character UUID); Kafka's CLIENT-ID column is the prefix.
pub fn client_id(member_id: &str) -> &str {
    if member_id.len() > 37 && member_id.is_char_boundary(member_id.len() - 37) {
        &member_id[..member_id.len() - 37]
    } else {
        member_id
    }
}

/// One row of `kafka-consumer-groups --describe`; `-` where Kafka prints `-`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeRow {
    /// GROUP
    pub group: String,
    /// TOPIC
    pub topic: String,
    /// PARTITION
    pub partition: String,
    /// CURRENT-OFFSET
    pub current: String,
    /// LOG-END-OFFSET
    pub log_end: String,
    /// LAG
    pub lag: String,
    /// CONSUMER-ID
    pub consumer: String,
    /// HOST
    pub host: String,
    /// CLIENT-ID
    pub client: String,
}

const DASH: &str = "-";

/// Each instance is its own process on its own host; the playground numbers them `/10.0.0.<n>`.
fn host_of(g: &GroupView, instance: &str) -> String {
    let n = g
        .instances
        .iter()
        .position(|i| i.id == instance)
        .map_or(0, |i| i + 1);
    format!("/10.0.0.{n}")
}

/// The rows Kafka prints for a group (ConsumerGroupCommand.collectGroupsOffsets): first the partitions of each
/// member that owns some, members with more partitions first, each member's by partition number; then the
/// partitions with a committed offset but no owner, with `-` for CONSUMER-ID, HOST and CLIENT-ID. A partition
/// never committed shows `-` for CURRENT-OFFSET and LAG; one neither owned nor committed is not listed, nor is
/// a member without partitions (those show only under `--members`). Ties (same partition number on two topics)
/// go by topic name.
pub fn describe_rows(g: &GroupView) -> Vec<DescribeRow> {
    let row = |p: &PartitionLag, owner: Option<&str>| DescribeRow {
        group: g.id.clone(),
        topic: p.topic.clone(),
        partition: p.partition.to_string(),
        current: p.committed.map_or(DASH.into(), |c| c.to_string()),
        log_end: p.log_end.to_string(),
        lag: p.lag.map_or(DASH.into(), |l| l.to_string()),
        consumer: owner.unwrap_or(DASH).into(),
        // Member ids are `<instance>-<thread>-<uuid>`: the host is the instance's.
        host: owner.map_or(DASH.into(), |o| {
            let client = client_id(o);
            host_of(g, client.rsplit_once('-').map_or(client, |x| x.0))
        }),
        client: owner.map_or(DASH.into(), |o| client_id(o).to_string()),
    };
    let mut owners: Vec<&str> = Vec::new();
    for o in g
        .members
        .iter()
        .map(|m| m.member_id.as_str())
        .chain(g.partitions.iter().filter_map(|p| p.owner.as_deref()))
    {
        if !owners.contains(&o) && g.partitions.iter().any(|p| p.owner.as_deref() == Some(o)) {
            owners.push(o);
        }
    }
    let of = |o: Option<&str>| {
        let mut ps: Vec<&PartitionLag> = g
            .partitions
            .iter()
            .filter(|p| p.owner.as_deref() == o && (o.is_some() || p.committed.is_some()))
            .collect();
        kplay_core::sort::sort_by(&mut ps, &mut |a, b| {
            (a.partition, &a.topic).cmp(&(b.partition, &b.topic))
        });
        ps
    };
    // A stable sort: equal sizes keep the members' order. Both sorts go through kplay-core's (the engine's one
    // instance of the standard sort) instead of two more instances (~3 KB gzip).
    let mut owned: Vec<(&str, Vec<&PartitionLag>)> =
        owners.into_iter().map(|o| (o, of(Some(o)))).collect();
    kplay_core::sort::sort_by(&mut owned, &mut |a, b| b.1.len().cmp(&a.1.len()));
    let mut rows: Vec<DescribeRow> = owned
        .iter()
        .flat_map(|(o, ps)| ps.iter().map(|p| row(p, Some(o))))
        .collect();
    rows.extend(of(None).into_iter().map(|p| row(p, None)));
    rows
}

/// Total lag of a group: partitions never committed have no lag (`-` in `--describe`) and are not summed.
pub fn group_lag(g: &GroupView) -> u64 {
    g.partitions.iter().filter_map(|p| p.lag).sum()
}

/// Seconds until `lag` is gone when consuming at `consume_per_s` while producing at `produce_per_s`.
/// `None` when the lag does not shrink.
pub fn time_to_clear_s(lag: u64, produce_per_s: f64, consume_per_s: f64) -> Option<f64> {
    if lag == 0 {
        return Some(0.0);
    }
    let drain = consume_per_s - produce_per_s;
    (drain > 1e-9).then(|| lag as f64 / drain)
}

/// `None` → "never at these rates", else a short duration.
pub fn duration_text(i18n: &I18n, s: Option<f64>) -> String {
    let (key, n) = match s {
        None => return i18n.t("format.never"),
        Some(s) if s < 1.0 => return i18n.t("format.now"),
        Some(s) if s < 120.0 => ("format.seconds", s.round()),
        Some(s) if s < 7200.0 => ("format.minutes", (s / 60.0).round()),
        Some(s) => ("format.hours", s / 3600.0),
    };
    i18n.tf(key, &[("n", &f1(n))])
}

/// A number with at most one decimal, without core's float formatter (which adds ~10 KB gzip to the wasm).
pub fn f1(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let v = (x * 10.0).round() as i64;
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{}", a / 10)
    } else {
        format!("{sign}{}.{}", a / 10, a % 10)
    }
}

/// The words for an instance status (its [`status_label`] is the CSS/test name).
pub fn status_text(i18n: &I18n, s: InstanceStatus) -> String {
    i18n.t(&format!("format.status.{}", status_label(s)))
}

/// Name of an instance status, as CSS classes and `data-status` use it.
pub fn status_label(s: InstanceStatus) -> &'static str {
    match s {
        InstanceStatus::Up => "up",
        InstanceStatus::Crashed => "crashed",
        InstanceStatus::Stopped => "stopped",
        InstanceStatus::Slow => "slow",
    }
}

/// Virtual time as `m:ss.t`.
pub fn clock(ms: u64) -> String {
    format!("{}:{:02}.{}", ms / 60_000, ms / 1000 % 60, ms / 100 % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn twelve_distinct_key_colours_then_the_same_colours_with_a_pattern() {
        let first: Vec<String> = (0..12).map(|n| key_class_at(Some(n))).collect();
        let mut unique = first.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 12, "first 12 keys distinct: {first:?}");
        assert!(
            first.iter().all(|c| !c.contains(' ')),
            "no pattern on the first 12"
        );
        assert_eq!(
            key_class_at(Some(12)),
            "k0 kh",
            "key 13 = colour of key 1 + hatch"
        );
        assert_ne!(key_class_at(Some(12)), key_class_at(Some(0)));
        assert_eq!(
            key_class_at(Some(24)),
            "k0 kd",
            "key 25 = colour of key 1 + dots"
        );
        assert_eq!(key_class_at(None), "knull", "null key stays neutral");
    }

    #[test]
    fn key_colours_follow_the_declared_key_order_and_are_stable() {
        let keys: Vec<String> = (1..=13).map(|i| format!("user-{i}")).collect();
        set_key_order(keys.iter().map(String::as_str));
        assert_eq!(key_class(Some("user-1")), "k0");
        assert_eq!(key_class(Some("user-12")), "k11");
        assert_eq!(key_class(Some("user-13")), "k0 kh");
        assert_eq!(
            key_class(Some("late")),
            "k1 kh",
            "an undeclared key takes the next colour"
        );
        assert_eq!(key_class(Some("late")), "k1 kh", "and keeps it");
        assert_eq!(key_class(None), "knull");
        set_key_order(["b", "a", "b"]);
        assert_eq!(
            (key_class(Some("b")), key_class(Some("a"))),
            ("k0".into(), "k1".into())
        );
    }

    #[test]
    fn client_id_strips_the_uuid() {
        assert_eq!(
            client_id("billing-1-0-123e4567-e89b-12d3-a456-426614174000"),
            "billing-1-0"
        );
        assert_eq!(client_id("short"), "short");
    }

    #[test]
    fn lag_estimate() {
        assert_eq!(time_to_clear_s(0, 5.0, 1.0), Some(0.0));
        assert_eq!(time_to_clear_s(100, 5.0, 5.0), None);
        assert_eq!(time_to_clear_s(100, 5.0, 15.0), Some(10.0));
        let en = I18n::english();
        assert_eq!(duration_text(&en, None), "never at these rates");
        assert_eq!(duration_text(&en, Some(10.0)), "10 s");
        assert_eq!(duration_text(&en, Some(600.0)), "10 min");
        assert_eq!(duration_text(&en, Some(0.5)), "now");
        assert_eq!(status_text(&en, InstanceStatus::Crashed), "crashed");
        assert_eq!(clock(61_250), "1:01.2");
        assert_eq!(
            (f1(2.0), f1(2.25), f1(-0.36), f1(1e3 / 3.0), f1(f64::NAN)),
            (
                "2".into(),
                "2.3".into(),
                "-0.4".into(),
                "333.3".into(),
                "0".into()
            )
        );
    }

    #[test]
    fn describe_prints_dashes_like_kafka() {
        use kplay_core::sim::World;
        let mut w =
            World::new(&crate::presets::default_scenario(), 7).unwrap_or_else(|e| panic!("{e:?}"));
        // ConsumerGroupCommand.collectGroupsOffsets: nothing owned and nothing committed lists no row.
        assert!(describe_rows(&w.snapshot().groups[0]).is_empty());
        w.step(15_000);
        let rows = describe_rows(&w.snapshot().groups[0]);
        // 2 instances × 2 threads on 3 partitions: the idle thread has no row (members without partitions
        // are filtered out; they show only under --members).
        assert_eq!(rows.len(), 3, "{rows:#?}");
        assert!(rows
            .iter()
            .all(|r| r.topic == "orders" && r.consumer != "-"));
        for r in &rows {
            let (c, e, l): (u64, u64, u64) = (
                r.current.parse().unwrap_or(0),
                r.log_end.parse().unwrap_or(0),
                r.lag.parse().unwrap_or(99),
            );
            assert_eq!(e - c, l, "LAG = LOG-END-OFFSET − CURRENT-OFFSET");
            assert!(r.host.starts_with("/10.0.0."));
        }
    }

    /// ConsumerGroupCommand.collectGroupsOffsets: members owning partitions, the one with more first, each by
    /// partition; then committed partitions without an owner (`-` for CONSUMER-ID/HOST/CLIENT-ID); a partition
    /// never committed shows `-` for CURRENT-OFFSET and LAG (getLag) and adds nothing to the group's lag.
    #[test]
    fn describe_lists_owned_then_committed_unowned_partitions() {
        use kplay_core::sim::{GroupState, InstanceView, MemberView};
        let (m1, m2) = (
            format!("app-1-0-{}", "a".repeat(36)),
            format!("app-2-0-{}", "b".repeat(36)),
        );
        let part = |p: u32, committed: Option<u64>, owner: Option<&String>| PartitionLag {
            topic: "orders".into(),
            partition: p,
            committed,
            log_end: 10,
            lag: committed.map(|c| 10 - c),
            owner: owner.cloned(),
            ..PartitionLag::default()
        };
        let member = |id: &String, instance: &str| MemberView {
            member_id: id.clone(),
            instance: instance.into(),
            ..MemberView::default()
        };
        let g = GroupView {
            id: "g".into(),
            state: GroupState::Stable,
            generation: 3,
            strategy: "range".into(),
            members: vec![member(&m2, "app-2"), member(&m1, "app-1")],
            instances: ["app-1", "app-2"]
                .map(|id| InstanceView {
                    id: id.into(),
                    ..InstanceView::default()
                })
                .to_vec(),
            partitions: vec![
                part(0, Some(5), Some(&m2)),
                part(1, None, Some(&m1)),
                part(2, Some(3), Some(&m1)),
                part(3, Some(7), None),
                part(4, None, None),
            ],
            processed: 0,
            duplicates: 0,
            lost_in_handoff: 0,
            deleted_before_read: 0,
            skipped_by_reset: 0,
            missed_by_listener: Vec::new(),
            shared_topics: Vec::new(),
            warnings: Vec::new(),
        };
        let rows: Vec<[String; 6]> = describe_rows(&g)
            .into_iter()
            .map(|r| [r.partition, r.current, r.lag, r.consumer, r.host, r.client])
            .collect();
        let want = |cols: [&str; 6]| cols.map(String::from);
        assert_eq!(
            rows,
            [
                want(["1", "-", "-", &m1, "/10.0.0.1", "app-1-0"]),
                want(["2", "3", "7", &m1, "/10.0.0.1", "app-1-0"]),
                want(["0", "5", "5", &m2, "/10.0.0.2", "app-2-0"]),
                want(["3", "7", "3", "-", "-", "-"]),
            ]
        );
        assert_eq!(group_lag(&g), 5 + 7 + 3);
    }
}
