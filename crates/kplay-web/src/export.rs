//! Exports (issue 13): the events the app keeps as JSON Lines (each line as `kplay run` writes it), the
//! `--describe` table as text in Kafka's layout, and each chart as a standalone SVG and as a PNG ([`png`]);
//! downloaded through a Blob and an object URL (a PNG: a data URL) and a temporary `<a download>`.

pub mod png;

use crate::format::{describe_rows, DescribeRow};
use crate::sim::Sim;
use kplay_core::sim::{Event, GroupView, DESCRIBE_COLUMNS};
use wasm_bindgen::JsCast;

/// The exports' catalogue keys, in [`build`]'s order: the trace, `--describe`, then the charts by title as SVG
/// (a chart's file is `kplay-<key after "charts.">.svg` with `-` for `_`: `kplay-lag-group.svg`), then the same
/// charts as PNG (`kplay-lag-group.png` …).
pub const KEYS: [&str; 8] = [
    "export.trace",
    "export.describe",
    "charts.lag_group",
    "charts.lag_partition",
    "charts.throughput",
    "charts.lag_group",
    "charts.lag_partition",
    "charts.throughput",
];

/// The trace as JSON Lines: one line per event, each exactly as `kplay run` writes it.
pub fn trace_jsonl<'a>(events: impl Iterator<Item = &'a Event>) -> String {
    let mut out = String::new();
    for e in events {
        out.push_str(&e.to_json_line());
        out.push('\n');
    }
    out
}

/// A width as Java's `String.length()` counts it (UTF-16 units), which `%-Ns` pads to.
fn java_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `kafka-consumer-groups --describe --all-groups` as it prints the groups (ConsumerGroupCommand
/// `printOffsets`): per group with rows, a line break, the header and each row in the format
/// `%-Gs %-Ts %-10s %-15s %-15s %-15s %-Cs %-Hs %s` (each line starts with its `\n`; G, T, C, H: the widest
/// GROUP, TOPIC, CONSUMER-ID and HOST value, at least 15), then a blank line. A group without rows prints
/// nothing here (Kafka says why on stderr). The groups come sorted by id, as `--all-groups` prints them (a
/// `TreeMap` of Java strings: UTF-16 code unit order).
pub fn describe_text(groups: &[GroupView]) -> String {
    let mut out = String::new();
    let mut sorted: Vec<&GroupView> = groups.iter().collect();
    // Through kplay-core's sort, as the rest of the web sorts: no new instance of the standard sort.
    kplay_core::sort::sort_by(&mut sorted, &mut |a, b| {
        a.id.encode_utf16().cmp(b.id.encode_utf16())
    });
    for g in sorted {
        let rows = describe_rows(g);
        if rows.is_empty() {
            continue;
        }
        let widest =
            |f: fn(&DescribeRow) -> &str| rows.iter().map(|r| java_len(f(r))).fold(15, usize::max);
        let widths = [
            widest(|r| &r.group),
            widest(|r| &r.topic),
            10,
            15,
            15,
            15,
            widest(|r| &r.consumer),
            widest(|r| &r.host),
            0,
        ];
        let mut line = |cells: [&str; 9]| {
            out.push('\n');
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(c);
                for _ in java_len(c)..w {
                    out.push(' ');
                }
            }
        };
        line(DESCRIBE_COLUMNS);
        for r in &rows {
            line([
                &r.group,
                &r.topic,
                &r.partition,
                &r.current,
                &r.log_end,
                &r.lag,
                &r.consumer,
                &r.host,
                &r.client,
            ]);
        }
        out.push('\n');
    }
    out
}

/// The CSS variables the chart rules read, inlined by value into an exported SVG.
const VARS: [&str; 13] = [
    "g0",
    "g1",
    "g2",
    "g3",
    "g4",
    "g5",
    "border",
    "text-muted",
    "accent",
    "danger",
    "warning",
    "ok",
    "surface",
];

/// The page's chart rules (www/style.css), for the SVG file alone (after the variables, inside `svg{…}`), and the
/// background rectangle's (`.bg`: the theme's surface, white without one).
const CSS: &str = "font-family:sans-serif}.bg{fill:var(--surface,#fff)}.axis{stroke:var(--border)}\
.tick{fill:var(--text-muted);font-size:10px}.tick.end{text-anchor:end}.series{fill:none;stroke-width:2}\
.mark-rebalance{fill:var(--accent)}.mark-fault{fill:var(--danger)}.mark-warning{fill:var(--warning)}\
.produce{stroke:var(--accent)}.consume{stroke:var(--ok)}.g0{stroke:var(--g0)}.g1{stroke:var(--g1)}\
.g2{stroke:var(--g2)}.g3{stroke:var(--g3)}.g4{stroke:var(--g4)}.g5{stroke:var(--g5)}\
.p0{stroke:hsl(0 65% 50%)}.p1{stroke:hsl(45 65% 50%)}.p2{stroke:hsl(90 65% 50%)}.p3{stroke:hsl(135 65% 50%)}\
.p4{stroke:hsl(180 65% 50%)}.p5{stroke:hsl(225 65% 50%)}.p6{stroke:hsl(270 65% 50%)}.p7{stroke:hsl(315 65% 50%)}";

/// A chart's `<svg>` markup (`outer_html`) as a file that renders alone: the SVG namespace, a `<style>` with the
/// chart rules and `vars` (`--g0:#…;` …, the variables' current values), a rectangle of the theme's background
/// under everything (a transparent image is unreadable on a dark page), and the chart's `title` (escaped) in a
/// band the view box gains above the chart (on the page the title is in the `<figcaption>`). For a PNG (`png`),
/// the `<svg>` also gets the PNG's size ([`png::SIZE`]: twice the view box), which becomes the image's natural
/// size.
///
/// ```
/// let f = kplay_web::export::standalone_svg("<svg viewBox=\"0 0 360 120\"><text>a&nbsp;b</text></svg>", "--g0:red;", "<Lag>", false);
/// assert!(f.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 -14 360 134\"><style>svg{--g0:red;"));
/// assert!(f.ends_with("</style><rect class=\"bg\" y=\"-14\" width=\"360\" height=\"134\"/>\
/// <text class=\"tick\" x=\"2\" y=\"-3\">&lt;Lag&gt;</text><text>a&#160;b</text></svg>"));
/// let png = kplay_web::export::standalone_svg("<svg viewBox=\"0 0 360 120\"></svg>", "", "", true);
/// assert!(png.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"268\" viewBox=\"0 -14 360 134\">"));
/// ```
pub fn standalone_svg(svg: &str, vars: &str, title: &str, png: bool) -> String {
    let (open, rest) = svg
        .strip_prefix("<svg")
        .and_then(|s| s.split_once('>'))
        .unwrap_or(("", svg));
    let mut out = [
        "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        if png {
            " width=\"720\" height=\"268\""
        } else {
            ""
        },
        &open.replace("0 0 360 120", "0 -14 360 134"),
        "><style>svg{",
        vars,
        CSS,
        "</style><rect class=\"bg\" y=\"-14\" width=\"360\" height=\"134\"/>",
    ]
    .concat();
    crate::components::markup::wrap(
        &mut out,
        "<text class=\"tick\" x=\"2\" y=\"-3\">",
        title,
        "</text>",
    );
    // HTML serialises a no-break space as an entity XML does not know.
    out + &rest.replace("&nbsp;", "&#160;")
}

/// What export `what` gives now: (file name, MIME type, text). 0: the trace, 1: `--describe`, 2 to 4: the chart
/// of `KEYS[what]` (whose title is `title`), `None` while that chart has no line yet; 5 to 7: the same for its
/// PNG, typed `image/png` but still the SVG text (sized for the PNG), for [`png::render`] to draw.
pub fn build(sim: &Sim, what: usize, title: &str) -> Option<(String, &'static str, String)> {
    Some(match what {
        0 => (
            "kplay-trace.jsonl".into(),
            "application/x-ndjson",
            trace_jsonl(sim.trace.events.iter()),
        ),
        1 => (
            "kplay-describe.txt".into(),
            "text/plain",
            describe_text(&sim.snapshot.groups),
        ),
        i => {
            let svg = web_sys::window()?
                .document()?
                .query_selector(&[".chart svg[aria-label=\"", title, "\"]"].concat())
                .ok()??;
            let style = web_sys::window()?.get_computed_style(&svg).ok()??;
            let mut vars = String::new();
            for v in VARS {
                let name = ["--", v].concat();
                let value = style.get_property_value(&name).unwrap_or_default();
                // A variable without a value would be written `--gN:;`: left out.
                if !value.trim().is_empty() {
                    vars.push_str(&[&name, ":", value.trim(), ";"].concat());
                }
            }
            let png = i > 4;
            (
                [
                    "kplay-",
                    &KEYS.get(i)?[7..].replace("_", "-"),
                    if png { ".png" } else { ".svg" },
                ]
                .concat(),
                if png { "image/png" } else { "image/svg+xml" },
                standalone_svg(&svg.outer_html(), &vars, title, png),
            )
        }
    })
}

/// An object URL (`blob:…`) of `text` typed `mime`; the caller revokes it.
pub fn blob_url(mime: &str, text: &str) -> Option<String> {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let parts = js_sys::Array::of1(&text.into());
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b))
        .ok()
}

/// Saves what `url` holds (an object URL of [`blob_url`], or a PNG's data URL, which the later revoking leaves
/// alone) as the file `name`: a temporary `<a download>`, clicked.
pub fn save(name: &str, url: String) {
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
    {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        // An `<a>` made here: the cast cannot fail.
        a.unchecked_into::<web_sys::HtmlElement>().click();
    }
    // Freed once the browser has taken the file.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::{Command, World};

    fn world_at(ms: u64) -> World {
        let mut w =
            World::new(&crate::presets::default_scenario(), 42).unwrap_or_else(|e| panic!("{e:?}"));
        w.set_event_capacity(usize::MAX);
        w.run_until(ms);
        w
    }

    /// The exported text is exactly Kafka's layout, checked against a hand-written expectation: the header,
    /// columns padded to the widest value (at least 15 for GROUP, TOPIC, CONSUMER-ID, HOST; 10 and 15 for the
    /// numbers), every line starting with its line break, a blank line after each group.
    #[test]
    fn describe_text_is_kafkas_layout() {
        let snap = world_at(20_000).snapshot();
        let g = &snap.groups[0];
        let rows = describe_rows(g);
        assert_eq!(rows.len(), 3);
        let text = describe_text(std::slice::from_ref(g));
        let id = &rows[0].consumer;
        let cid = id.len().max(15);
        let mut expected = format!(
            "\n{:<15} {:<15} {:<10} {:<15} {:<15} {:<15} {:<cid$} {:<15} {}",
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID"
        );
        for r in &rows {
            expected += &format!(
                "\n{:<15} {:<15} {:<10} {:<15} {:<15} {:<15} {:<cid$} {:<15} {}",
                r.group,
                r.topic,
                r.partition,
                r.current,
                r.log_end,
                r.lag,
                r.consumer,
                r.host,
                r.client
            );
        }
        expected.push('\n');
        assert_eq!(text, expected);
        assert!(text.starts_with("\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID"));
        // Two groups: a blank line between them; a group without rows prints nothing.
        let mut g2 = g.clone();
        g2.id = "a-group-name-longer-than-fifteen".into();
        let mut none = g.clone();
        none.partitions.clear();
        let two = describe_text(&[g.clone(), none, g2]);
        assert_eq!(two.matches("\nGROUP").count(), 2);
        assert!(two.contains("\n\nGROUP"), "blank line between groups");
        assert!(two.contains(&format!(
            "\na-group-name-longer-than-fifteen {}",
            rows[0].topic
        )));
        assert!(
            two.contains("\nGROUP                            TOPIC"),
            "the header pads to the widest group"
        );
    }

    /// `--all-groups` prints the groups in Java's `String` order (UTF-16 code units), not the scenario's: "B"
    /// before "a" before "b", and U+10000 (a surrogate pair, 0xD800…) before U+FF61, unlike UTF-8's order.
    #[test]
    fn describe_text_sorts_groups_as_javas_tree_map() {
        let g = &world_at(20_000).snapshot().groups[0];
        let ids = ["b", "\u{FF61}", "a", "\u{10000}", "B"];
        let groups: Vec<GroupView> = ids
            .iter()
            .map(|id| GroupView {
                id: (*id).into(),
                ..g.clone()
            })
            .collect();
        let text = describe_text(&groups);
        let mut firsts: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("GROUP "))
            .map(|l| l.split(' ').next().unwrap_or_default())
            .collect();
        firsts.dedup();
        assert_eq!(firsts, ["B", "a", "b", "\u{10000}", "\u{FF61}"]);
    }

    /// The text reads back with kplay-core's importer (what `kplay import` reads from a real cluster): the same
    /// rows, every value in its column, no problem.
    #[test]
    fn describe_text_reads_back_with_the_importer() {
        let mut w = world_at(15_000);
        assert!(w
            .apply(Command::Crash {
                instance: "billing-2".into()
            })
            .is_ok());
        w.run_until(60_000);
        let groups = w.snapshot().groups;
        let text = describe_text(&groups);
        let parsed = kplay_core::import::parse(&text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let rows: Vec<DescribeRow> = groups.iter().flat_map(describe_rows).collect();
        assert!(!rows.is_empty());
        assert_eq!(parsed.offsets.len(), rows.len());
        let dash = |o: Option<String>| o.unwrap_or_else(|| "-".into());
        let num = |o: Option<u64>| o.map_or("-".into(), |n| n.to_string());
        for (p, r) in parsed.offsets.iter().zip(&rows) {
            assert_eq!(p.group.as_deref(), Some(r.group.as_str()));
            assert_eq!(p.topic.as_deref(), Some(r.topic.as_str()));
            assert_eq!(
                p.partition.map(|n| n.to_string()).as_deref(),
                Some(r.partition.as_str())
            );
            assert_eq!(num(p.current), r.current);
            assert_eq!(num(p.log_end), r.log_end);
            assert_eq!(p.lag.map_or("-".into(), |n| n.to_string()), r.lag);
            assert_eq!(dash(p.consumer_id.clone()), r.consumer);
            assert_eq!(dash(p.host.clone()), r.host);
            assert_eq!(dash(p.client_id.clone()), r.client);
        }
    }

    /// The export is the app's events, one line each, as `kplay run` writes them (serde_json of the event).
    #[test]
    fn the_trace_export_is_the_clis_lines_for_the_same_events() {
        let mut w = world_at(10_000);
        let events = w.drain_events();
        let text = trace_jsonl(events.iter());
        let cli: String = events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
            .collect();
        assert_eq!(text, cli);
        assert_eq!(text.lines().count(), events.len());
    }

    #[test]
    fn a_chart_becomes_a_standalone_svg_with_its_colours() {
        let svg = "<svg viewBox=\"0 0 360 120\" role=\"img\" aria-label=\"Lag\"><polyline class=\"series g1\" points=\"1,2\"></polyline></svg>";
        let f = standalone_svg(svg, "--g1:#123456;", "Lag \"&\"", false);
        assert!(f.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 -14 360 134\" role=\"img\" aria-label=\"Lag\"><style>svg{--g1:#123456;"));
        assert!(f.contains(".g1{stroke:var(--g1)}") && f.contains(".p7{stroke:hsl(315 65% 50%)}"));
        assert!(
            f.ends_with("</style><rect class=\"bg\" y=\"-14\" width=\"360\" height=\"134\"/><text class=\"tick\" x=\"2\" y=\"-3\">Lag &quot;&amp;&quot;</text><polyline class=\"series g1\" points=\"1,2\"></polyline></svg>")
        );
        assert_eq!(
            KEYS[2..]
                .iter()
                .map(|k| k[7..].replace('_', "-"))
                .collect::<Vec<_>>(),
            ["lag-group", "lag-partition", "throughput"].repeat(2)
        );
    }
}
