//! What the learner has done, kept in localStorage under [`KEY`] as versioned JSON:
//! `{"version":1,"lessons":[{"id":"topic","seen":[0,1],"tried":[1],"answers":[[2,1]]}]}` (steps 0-based;
//! `answers` pairs a step with the choice picked). Anything else found there is ignored, with a notice.
//! Plain vectors, not maps: each map type is another copy of the B-tree code in the wasm.

use super::file::each;
use kplay_core::json::Value;

/// The localStorage key.
pub const KEY: &str = "kplay.lessons.v1";
/// The format version written and read.
pub const VERSION: u32 = 1;

/// One lesson's progress (steps 0-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// The lesson's id.
    pub id: String,
    /// Steps opened.
    pub seen: Vec<usize>,
    /// Steps whose "try it" the learner did.
    pub tried: Vec<usize>,
    /// (step, choice picked) for each answered question.
    pub answers: Vec<(usize, usize)>,
}

fn add(list: &mut Vec<usize>, step: usize) {
    if !list.contains(&step) {
        list.push(step);
    }
}

impl LessonProgress {
    /// Records that `step` was opened.
    pub fn see(&mut self, step: usize) {
        add(&mut self.seen, step);
    }

    /// Records that the learner did `step`'s "try it".
    pub fn try_it(&mut self, step: usize) {
        add(&mut self.tried, step);
    }

    /// Records the choice picked for `step`'s question (replacing an earlier pick).
    pub fn answer(&mut self, step: usize, choice: usize) {
        self.answers.retain(|(s, _)| *s != step);
        self.answers.push((step, choice));
    }

    /// The choice picked for `step`'s question.
    pub fn answered(&self, step: usize) -> Option<usize> {
        self.answers
            .iter()
            .find(|(s, _)| *s == step)
            .map(|(_, c)| *c)
    }
}

/// Every lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Format version, [`VERSION`].
    pub version: u32,
    /// One entry per lesson the learner opened.
    pub lessons: Vec<LessonProgress>,
}

impl Progress {
    /// The progress of lesson `id`, if any.
    pub fn lesson(&self, id: &str) -> Option<&LessonProgress> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The progress of lesson `id`, created empty if missing.
    pub fn lesson_mut(&mut self, id: &str) -> &mut LessonProgress {
        let i = match self.lessons.iter().position(|l| l.id == id) {
            Some(i) => i,
            None => {
                self.lessons.push(LessonProgress {
                    id: id.to_string(),
                    ..LessonProgress::default()
                });
                self.lessons.len() - 1
            }
        };
        &mut self.lessons[i]
    }
}

fn step(n: &Value) -> Option<usize> {
    usize::try_from(n.as_u64()?).ok()
}

fn lesson(v: &Value) -> Option<LessonProgress> {
    let pair = |p: &Value| match p.as_array()?.as_slice() {
        [s, c] => Some((step(s)?, step(c)?)),
        _ => None,
    };
    // A missing list is empty; a present one must be a list.
    let list = |key: &str| v.get(key).map_or(Some(()), |l| l.as_array().map(|_| ()));
    list("seen")?;
    list("tried")?;
    list("answers")?;
    Some(LessonProgress {
        id: v.get("id")?.as_str()?.to_string(),
        seen: each(v, "seen", step)?,
        tried: each(v, "tried", step)?,
        answers: each(v, "answers", pair)?,
    })
}

/// Reads what was stored: `(progress, corrupt)`. Nothing stored is empty progress; text that is not this format
/// (bad JSON, another version, a wrong shape) is empty progress with `corrupt` set, never an error.
pub fn parse(stored: Option<&str>) -> (Progress, bool) {
    let Some(text) = stored else {
        return (Progress::default(), false);
    };
    let read = || {
        let v: Value = kplay_core::json::parse(text).ok()?;
        (v.get("version")?.as_u64()? == u64::from(VERSION)).then_some(())?;
        v.get("lessons")?.as_array()?;
        let lessons = each(&v, "lessons", lesson)?;
        Some(Progress {
            version: VERSION,
            lessons,
        })
    };
    match read() {
        Some(p) => (p, false),
        None => (Progress::default(), true),
    }
}

fn list(out: &mut String, items: impl Iterator<Item = String>) {
    out.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&s);
    }
    out.push(']');
}

/// The JSON [`parse`] reads back (written by hand: no serializer in the wasm).
pub fn to_json(p: &Progress) -> String {
    let mut out = format!("{{\"version\":{VERSION},\"lessons\":");
    let lessons = p.lessons.iter().map(|l| {
        let mut o = format!("{{\"id\":{},\"seen\":", crate::lesson::quoted(&l.id));
        list(&mut o, l.seen.iter().map(ToString::to_string));
        o.push_str(",\"tried\":");
        list(&mut o, l.tried.iter().map(ToString::to_string));
        o.push_str(",\"answers\":");
        list(&mut o, l.answers.iter().map(|(s, c)| format!("[{s},{c}]")));
        o.push('}');
        o
    });
    list(&mut out, lessons);
    out.push('}');
    out
}

/// localStorage, except in embed mode (embeds keep no progress: they share no keys).
fn storage() -> Option<web_sys::Storage> {
    crate::embed::storage()
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
        let mut p = Progress {
            version: VERSION,
            ..Progress::default()
        };
        let l = p.lesson_mut("group-id-warning");
        l.see(0);
        l.see(3);
        l.see(0);
        l.try_it(1);
        l.answer(2, 0);
        l.answer(2, 1);
        p.lesson_mut("topic").see(0);
        assert_eq!(p.lesson("group-id-warning").map(|l| l.seen.len()), Some(2));
        assert_eq!(
            p.lesson("group-id-warning").and_then(|l| l.answered(2)),
            Some(1)
        );
        let text = to_json(&p);
        assert_eq!(
            text,
            "{\"version\":1,\"lessons\":[{\"id\":\"group-id-warning\",\"seen\":[0,3],\"tried\":[1],\"answers\":[[2,1]]},{\"id\":\"topic\",\"seen\":[0],\"tried\":[],\"answers\":[]}]}"
        );
        assert_eq!(parse(Some(&text)), (p, false));
    }

    #[test]
    fn corrupt_or_foreign_data_is_ignored_with_a_notice() {
        for bad in [
            "",
            "not json",
            "{\"version\":2,\"lessons\":[]}",
            "{\"lessons\":[]}",
            "{\"version\":1}",
            "{\"version\":1,\"lessons\":{}}",
            "{\"version\":1,\"lessons\":[{\"id\":\"t\",\"seen\":[-1]}]}",
            "{\"version\":1,\"lessons\":[{\"id\":\"t\",\"seen\":\"0\"}]}",
            "{\"version\":1,\"lessons\":[{\"seen\":[0]}]}",
            "{\"version\":1,\"lessons\":[{\"id\":\"t\",\"answers\":[[0,1.5]]}]}",
            "[1,2]",
        ] {
            assert_eq!(parse(Some(bad)), (Progress::default(), true), "{bad}");
        }
    }

    #[test]
    fn missing_lists_are_empty() {
        let (p, corrupt) = parse(Some("{\"version\":1,\"lessons\":[{\"id\":\"topic\"}]}"));
        assert!(!corrupt);
        assert_eq!(p.lesson("topic").map(|l| l.seen.is_empty()), Some(true));
    }
}
