//! What the learner has done, kept in localStorage under [`KEY`] as versioned JSON:
//! `{"version":1,"lessons":{"topic":{"seen":[0,1],"tried":[1],"answers":{"0":0}}}}` (lessons by id, steps
//! 0-based, `answers` maps a step to the chosen choice). Anything else found there is ignored, with a notice.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The localStorage key.
pub const KEY: &str = "kplay.lessons.v1";
/// The format version written and read.
pub const VERSION: u64 = 1;

/// One lesson's progress (steps 0-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// Steps opened.
    pub seen: BTreeSet<usize>,
    /// Steps whose "try it" the learner did.
    pub tried: BTreeSet<usize>,
    /// The choice picked for each answered step's question.
    pub answers: BTreeMap<usize, usize>,
}

/// Every lesson's progress, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// By lesson id.
    pub lessons: BTreeMap<String, LessonProgress>,
}

/// Step numbers from a JSON array (inserted one by one: collecting into a set would sort, and each sort is
/// another copy of the sort code in the wasm).
fn steps(v: Option<&Value>) -> Option<BTreeSet<usize>> {
    let mut set = BTreeSet::new();
    if let Some(v) = v {
        for n in v.as_array()? {
            set.insert(usize::try_from(n.as_u64()?).ok()?);
        }
    }
    Some(set)
}

fn lesson(v: &Value) -> Option<LessonProgress> {
    let o = v.as_object()?;
    let mut answers = BTreeMap::new();
    if let Some(a) = o.get("answers") {
        for (k, v) in a.as_object()? {
            answers.insert(k.parse().ok()?, usize::try_from(v.as_u64()?).ok()?);
        }
    }
    Some(LessonProgress {
        seen: steps(o.get("seen"))?,
        tried: steps(o.get("tried"))?,
        answers,
    })
}

/// Reads what was stored: `(progress, corrupt)`. Nothing stored is empty progress; text that is not this format
/// (bad JSON, another version, a wrong shape) is empty progress with `corrupt` set, never an error.
pub fn parse(stored: Option<&str>) -> (Progress, bool) {
    let Some(text) = stored else {
        return (Progress::default(), false);
    };
    let read = || -> Option<Progress> {
        let v: Value = serde_json::from_str(text).ok()?;
        if v.get("version")?.as_u64()? != VERSION {
            return None;
        }
        let mut lessons = BTreeMap::new();
        for (id, l) in v.get("lessons")?.as_object()? {
            lessons.insert(id.clone(), lesson(l)?);
        }
        Some(Progress { lessons })
    };
    match read() {
        Some(p) => (p, false),
        None => (Progress::default(), true),
    }
}

fn list(out: &mut String, set: &BTreeSet<usize>) {
    out.push('[');
    for (i, n) in set.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&n.to_string());
    }
    out.push(']');
}

/// The JSON [`parse`] reads back (written by hand: serde_json's serializer is not otherwise in the wasm).
pub fn to_json(p: &Progress) -> String {
    let mut out = format!("{{\"version\":{VERSION},\"lessons\":{{");
    for (i, (id, l)) in p.lessons.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&crate::spring::quoted(id));
        out.push_str(":{\"seen\":");
        list(&mut out, &l.seen);
        out.push_str(",\"tried\":");
        list(&mut out, &l.tried);
        out.push_str(",\"answers\":{");
        for (j, (s, c)) in l.answers.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&format!("\"{s}\":{c}"));
        }
        out.push_str("}}");
    }
    out.push_str("}}");
    out
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The stored progress and whether what was stored had to be ignored.
pub fn load() -> (Progress, bool) {
    let text = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    parse(text.as_deref())
}

/// Stores `p` (silently skipped where storage is unavailable, e.g. private mode).
pub fn save(p: &Progress) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &to_json(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_stored_is_empty_and_not_corrupt() {
        assert_eq!(parse(None), (Progress::default(), false));
    }

    #[test]
    fn progress_round_trips() {
        let mut p = Progress::default();
        let l = p.lessons.entry("group-id-warning".into()).or_default();
        l.seen.extend([0, 1, 3]);
        l.tried.insert(1);
        l.answers.insert(2, 1);
        p.lessons.entry("topic".into()).or_default().seen.insert(0);
        let text = to_json(&p);
        assert!(text.contains("\"version\":1"), "{text}");
        assert_eq!(parse(Some(&text)), (p, false));
    }

    #[test]
    fn corrupt_or_foreign_data_is_ignored_with_a_notice() {
        for bad in [
            "",
            "not json",
            "{\"version\":2,\"lessons\":{}}",
            "{\"lessons\":{}}",
            "{\"version\":1}",
            "{\"version\":1,\"lessons\":[]}",
            "{\"version\":1,\"lessons\":{\"topic\":{\"seen\":[-1]}}}",
            "{\"version\":1,\"lessons\":{\"topic\":{\"seen\":\"0\"}}}",
            "{\"version\":1,\"lessons\":{\"topic\":{\"answers\":{\"x\":1}}}}",
            "{\"version\":1,\"lessons\":{\"topic\":{\"answers\":{\"0\":1.5}}}}",
            "[1,2]",
        ] {
            assert_eq!(parse(Some(bad)), (Progress::default(), true), "{bad}");
        }
    }

    #[test]
    fn missing_lists_are_empty() {
        let (p, corrupt) = parse(Some("{\"version\":1,\"lessons\":{\"topic\":{}}}"));
        assert!(!corrupt);
        assert_eq!(p.lessons["topic"], LessonProgress::default());
    }
}
