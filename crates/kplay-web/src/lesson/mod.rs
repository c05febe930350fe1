//! Lessons in the playground, the parts without a DOM: the `#lesson=3&step=2` route, a step's text as
//! paragraphs with `code`, the saved progress ([`progress`]) and a step's world ([`world`]). Tested natively.

pub mod file;
pub mod progress;
pub mod world;

use kplay_core::lesson::Highlight;

/// Where the lesson files are served, relative to the page (Trunk copies `lessons/` into dist/).
pub const DIR: &str = "lessons/";

/// A lesson step named by the URL, both numbers 1-based as in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// Lesson number, 1-based (the position in `index.json`).
    pub lesson: usize,
    /// Step number, 1-based.
    pub step: usize,
}

impl Route {
    /// The URL fragment (without `#`) that opens this step.
    ///
    /// ```
    /// let r = kplay_web::lesson::Route { lesson: 3, step: 2 };
    /// assert_eq!(r.fragment(), "lesson=3&step=2");
    /// ```
    pub fn fragment(self) -> String {
        format!("lesson={}&step={}", self.lesson, self.step)
    }
}

/// Why a lesson link or file cannot be shown; the UI says it and shows the lessons list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `lesson=` or `step=` is not a whole number from 1 (the text as given).
    BadLink(String),
    /// No lesson with this number; `count` lessons exist.
    NoLesson {
        /// The number asked for.
        lesson: usize,
        /// How many lessons there are.
        count: usize,
    },
    /// The lesson has no such step.
    NoStep {
        /// The lesson number.
        lesson: usize,
        /// The step asked for.
        step: usize,
        /// How many steps it has.
        count: usize,
    },
    /// A file could not be fetched or read (the reason names the file).
    Unreadable(String),
    /// The step's world could not be built (the problems).
    World(String),
}

/// The lesson step a URL fragment names: `None` when it names no lesson (`#s=…` share links and the rest stay
/// with the playground), else the route or why the link is bad. A missing `step` is step 1.
pub fn parse_route(hash: &str) -> Option<Result<Route, Problem>> {
    let (mut lesson, mut step) = (None, None);
    for pair in hash.trim_start_matches('#').split('&') {
        if let Some(v) = pair.strip_prefix("lesson=") {
            lesson = Some(v);
        } else if let Some(v) = pair.strip_prefix("step=") {
            step = Some(v);
        }
    }
    let number = |v: &str| v.parse::<usize>().ok().filter(|n| *n >= 1);
    let lesson_text = lesson?;
    let bad = || Problem::BadLink(hash.trim_start_matches('#').to_string());
    Some(match (number(lesson_text), step.map(number)) {
        (Some(lesson), None) => Ok(Route { lesson, step: 1 }),
        (Some(lesson), Some(Some(step))) => Ok(Route { lesson, step }),
        _ => Err(bad()),
    })
}

/// A run of a paragraph: plain text, or `code` (between backticks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    /// Plain text.
    Text(&'a str),
    /// A Kafka identifier or code.
    Code(&'a str),
}

/// A step text as paragraphs (separated by a blank line), each as runs; an unclosed backtick leaves the rest as
/// code. Empty runs are dropped.
///
/// ```
/// use kplay_web::lesson::{paragraphs, Run};
/// let p = paragraphs("Read `orders`.\n\nDone.");
/// assert_eq!(p[0], vec![Run::Text("Read "), Run::Code("orders"), Run::Text(".")]);
/// assert_eq!(p[1], vec![Run::Text("Done.")]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Vec<Run<'_>>> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.split('`')
                .enumerate()
                .filter(|(_, s)| !s.is_empty())
                .map(|(i, s)| {
                    if i % 2 == 1 {
                        Run::Code(s)
                    } else {
                        Run::Text(s)
                    }
                })
                .collect()
        })
        .collect()
}

/// The CSS selector of the elements a highlight points at (they get `data-lesson-hl`, styled as a pulsing
/// outline): the picture's shapes and the side panel's rows and tabs, by the `data-*` attributes they carry.
pub fn highlight_selector(h: &Highlight) -> String {
    let q = quoted;
    match h {
        Highlight::Group { group } => {
            let g = q(group);
            format!(".group-card[data-group={g}],[data-testid=group-head][data-group={g}]")
        }
        Highlight::Topic { topic } => {
            format!("[data-testid=partition-lane][data-topic={}]", q(topic))
        }
        Highlight::Partition { topic, partition } => format!(
            "[data-testid=partition-lane][data-topic={}][data-partition=\"{partition}\"]",
            q(topic)
        ),
        Highlight::Instance { instance } => {
            let i = q(instance);
            format!(
                ".instance-row[data-instance={i}],[data-testid=instance-title][data-instance={i}]"
            )
        }
        Highlight::Thread { instance, thread } => format!(
            "[data-testid=thread][data-instance={}][data-thread=\"{thread}\"]",
            q(instance)
        ),
        Highlight::Row {
            group,
            topic,
            partition,
        } => format!(
            "table[data-group={}] tr[data-topic={}][data-partition=\"{partition}\"]",
            q(group),
            q(topic)
        ),
        Highlight::Panel { panel } => format!("[data-testid=tab-{}]", panel.name()),
    }
}

/// `s` as a double-quoted JSON string (ids in progress data and messages).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::lesson::Panel;

    #[test]
    fn highlights_select_by_data_attributes_with_names_quoted() {
        let row = Highlight::Row {
            group: "billing".into(),
            topic: "orders".into(),
            partition: 1,
        };
        assert_eq!(
            highlight_selector(&row),
            "table[data-group=\"billing\"] tr[data-topic=\"orders\"][data-partition=\"1\"]"
        );
        let thread = Highlight::Thread {
            instance: "a\"b".into(),
            thread: 2,
        };
        assert_eq!(
            highlight_selector(&thread),
            "[data-testid=thread][data-instance=\"a\\\"b\"][data-thread=\"2\"]"
        );
        assert_eq!(
            highlight_selector(&Highlight::Panel {
                panel: Panel::Groups
            }),
            "[data-testid=tab-groups]"
        );
    }

    #[test]
    fn routes_are_read_from_the_hash() {
        assert_eq!(
            parse_route("#lesson=3&step=2"),
            Some(Ok(Route { lesson: 3, step: 2 }))
        );
        assert_eq!(
            parse_route("step=4&lesson=12"),
            Some(Ok(Route {
                lesson: 12,
                step: 4
            }))
        );
        assert_eq!(
            parse_route("#lesson=1"),
            Some(Ok(Route { lesson: 1, step: 1 }))
        );
        assert_eq!(
            parse_route("#lesson=99&step=42"),
            Some(Ok(Route {
                lesson: 99,
                step: 42
            })),
            "existence is checked against the files"
        );
    }

    #[test]
    fn bad_numbers_are_a_bad_link_and_other_hashes_are_not_lessons() {
        for bad in [
            "#lesson=0",
            "#lesson=x&step=1",
            "#lesson=2&step=0",
            "#lesson=2&step=-1",
            "#lesson=",
        ] {
            assert_eq!(
                parse_route(bad),
                Some(Err(Problem::BadLink(bad[1..].to_string()))),
                "{bad}"
            );
        }
        assert_eq!(parse_route("#s=eyJ2IjoxfQ"), None);
        assert_eq!(parse_route("#preset=bench"), None);
        assert_eq!(parse_route(""), None);
        assert_eq!(parse_route("#step=2"), None, "a step without a lesson");
    }

    #[test]
    fn a_route_round_trips_through_its_fragment() {
        let r = Route { lesson: 7, step: 3 };
        assert_eq!(parse_route(&format!("#{}", r.fragment())), Some(Ok(r)));
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_backticks() {
        let p = paragraphs("`group.id` is `billing`\n\n\n\nsecond `open");
        assert_eq!(
            p,
            vec![
                vec![
                    Run::Code("group.id"),
                    Run::Text(" is "),
                    Run::Code("billing")
                ],
                vec![Run::Text("second "), Run::Code("open")],
            ]
        );
        assert!(paragraphs("  \n\n ").is_empty());
    }
}
