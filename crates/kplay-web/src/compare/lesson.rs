//! A lesson's flow step on the Compare area: its `flow` block (a flow scenario, `kplay_core::flows::setup::file`'s
//! format) as the view's numbers and actions, so the learner sees it in the view they can then edit. Only what
//! a view can show is read: its numbers by their flow-file key, and the outage / crash / API-down windows as the
//! view's actions from their start (all of one length: the view's `down_s`). Anything else (another seed,
//! `outage_mode: refuse`, a jitter key) is refused, and a test checks that every lesson's flow steps read here
//! and that the models then give the numbers the lessons test proved.

use super::{Compare, View};
use kplay_core::json::Value;

/// Per view: a flow-file key and the index of the number it sets.
fn keys(view: View) -> &'static [(&'static str, usize)] {
    match view {
        View::Http => &[
            ("rate", 0),
            ("order_ms", 1),
            ("payment_ms", 2),
            ("email_ms", 3),
            ("email_timeout_ms", 4),
            ("threads", 5),
        ],
        View::Polling => &[
            ("clients", 0),
            ("period_ms", 1),
            ("rate", 2),
            ("latency_ms", 3),
        ],
        View::Pool => &[
            ("threads", 0),
            ("accept_count", 1),
            ("rate", 2),
            ("burst_rate", 3),
            ("burst_from_ms", 4),
            ("burst_to_ms", 5),
            ("downstream_ms", 6),
            ("cpu_ms", 7),
            ("consumer_threads", 8),
        ],
        View::System => &[
            ("rate", 0),
            ("gateway_ms", 1),
            ("api_ms", 2),
            ("payment_ms", 3),
            ("threads", 4),
            ("push_ms", 6),
        ],
    }
}

/// The windows a view's actions stand for: `(view, word key, its word, from key, to key, action)`; an empty word
/// key means the window is on when its keys are given.
const WINDOWS: [(View, &str, &str, &str, &str, usize); 5] = [
    (
        View::Http,
        "outage",
        "email",
        "outage_from_ms",
        "outage_to_ms",
        0,
    ),
    (
        View::System,
        "",
        "",
        "gateway_down_from_ms",
        "gateway_down_to_ms",
        0,
    ),
    (
        View::System,
        "",
        "",
        "api_down_from_ms",
        "api_down_to_ms",
        1,
    ),
    (
        View::System,
        "crash",
        "payment",
        "crash_from_ms",
        "crash_to_ms",
        2,
    ),
    (
        View::System,
        "crash",
        "websocket",
        "crash_from_ms",
        "crash_to_ms",
        3,
    ),
];

/// The Compare area at time 0 for a flow step's `flow` block, or `None` when the view cannot show it as written.
/// Each key it reads is counted: a key left over (one the view has no number for) refuses the block.
pub fn from_flow(flow: &Value) -> Option<Compare> {
    let get = |k: &str| flow.get(k);
    let name = get("flow")?.as_str()?;
    let view = View::ALL.into_iter().find(|v| v.id() == name)?;
    let params = view.def().params;
    let mut values: Vec<u32> = params.iter().map(|p| p.default).collect();
    // `version` and `flow`; another seed or a refused outage would show other numbers than the lesson's.
    let mut used = usize::from(get("description").is_some()) + 2;
    if let Some(v) = get("seed") {
        if v.as_u64() != Some(super::SEED) {
            return None;
        }
        used += 1;
    }
    if let Some(v) = get("outage_mode") {
        if v.as_str() != Some("hang") {
            return None;
        }
        used += 1;
    }
    for &(k, i) in keys(view) {
        if let Some(v) = get(k) {
            values[i] = u32::try_from(v.as_u64()?).ok()?;
            used += 1;
        }
    }
    let (mut acts, mut down) = (Vec::new(), None);
    for &(_, word, named, from, to, act) in WINDOWS.iter().filter(|w| w.0 == view) {
        let on = match word {
            "" => get(from).is_some() || get(to).is_some(),
            _ => get(word).and_then(Value::as_str) == Some(named),
        };
        if on {
            let (from, to) = (get(from)?.as_u64()?, get(to)?.as_u64()?);
            let len = to.checked_sub(from).filter(|l| l % 1000 == 0)?;
            if down.is_some_and(|d| d != len) {
                return None;
            }
            down = Some(len);
            acts.push((act, from));
            used += 2 + usize::from(!word.is_empty());
        }
    }
    if used != flow.as_object()?.len() {
        return None;
    }
    if let Some(d) = down {
        let i = params.iter().position(|p| p.path == "down_s")?;
        values[i] = u32::try_from(d / 1000).ok()?;
    }
    Compare::with(view, values, acts).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::lesson::{FlowModels, FlowRun, Lesson, Value as Actual};

    fn models(c: &Compare) -> FlowModels<'_> {
        c.flows.models()
    }

    fn lessons() -> Vec<(String, Lesson)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons/");
        let index = std::fs::read_to_string(format!("{dir}index.json")).unwrap_or_default();
        let index: kplay_core::lesson::LessonIndex =
            serde_json::from_str(&index).unwrap_or_else(|e| panic!("index.json: {e}"));
        index
            .lessons
            .iter()
            .map(|e| {
                let text = std::fs::read_to_string(format!("{dir}{}", e.file)).unwrap_or_default();
                let l = serde_json::from_str(&text).unwrap_or_else(|x| panic!("{}: {x}", e.file));
                (e.file.clone(), l)
            })
            .collect()
    }

    /// Every flow step of every lesson opens on its view (through [`crate::lesson::world::step_compare`], as the
    /// app does) at the step's moment, the view's models give every metric the core's models give for the
    /// `flow` block as written, and every fact of the step's check holds on the view's models.
    #[test]
    fn every_flow_step_shows_the_models_the_lessons_test_proved() {
        let mut steps = 0;
        for (file, lesson) in lessons() {
            let mut core: Option<FlowRun> = None;
            for (k, step) in lesson.steps.iter().enumerate() {
                if let Some(v) = &step.flow {
                    core = Some(FlowRun::new(v).unwrap_or_else(|e| panic!("{file}: {e:?}")));
                } else if step.scenario.is_some() {
                    core = None;
                }
                let Some(core) = core.as_mut() else { continue };
                core.run_until(core.now_ms() + step.run_ms);
                let at = format!("{file} step {k}");
                let web = crate::lesson::world::step_compare(&lesson, k)
                    .unwrap_or_else(|e| panic!("{at}: {e:?}"))
                    .unwrap_or_else(|| panic!("{at}: not a flow step"));
                assert_eq!(web.now_ms(), core.now_ms(), "{at}: at the step's moment");
                let (w, c) = (models(&web), core.models());
                let model = kplay_core::flows::setup::Model::from_name(web.view.id());
                for m in kplay_core::lesson::flow_metrics(model.unwrap_or_else(|| panic!("{at}"))) {
                    assert_eq!(w.metric(m), c.metric(m), "{at}: {m}");
                }
                for f in step.check.iter().flat_map(|c| &c.facts) {
                    let got = w.metric(f.metric.as_deref().unwrap_or(""));
                    let actual = got.map_or(Actual::Missing("none".into()), Actual::Num);
                    assert!(f.holds(&actual), "{at}: {f}: the view shows {actual}");
                }
                steps += 1;
            }
        }
        assert!(steps >= 4, "the four contrast lessons have flow steps");
    }

    #[test]
    fn what_a_view_cannot_show_is_refused() {
        let read = |t: &str| from_flow(&kplay_core::json::parse(t).unwrap_or_default());
        let c = read(
            r#"{"version":1,"flow":"http","outage":"email","outage_from_ms":5000,"outage_to_ms":8000,"rate":7}"#,
        );
        let c = c.unwrap_or_else(|| panic!("a view's keys and window"));
        assert_eq!(
            (c.values[0], c.values[6], c.acts.clone()),
            (7, 3, vec![(0, 5000)])
        );
        for bad in [
            r#"{"version":1,"flow":"http","outage_mode":"refuse"}"#,
            r#"{"version":1,"flow":"http","payment_jitter_ms":3}"#,
            r#"{"version":1,"flow":"polling","seed":7}"#,
            r#"{"version":1,"flow":"http","outage":"email","outage_from_ms":1,"outage_to_ms":2}"#,
            r#"{"version":1,"flow":"system","crash":"payment","crash_from_ms":0,"crash_to_ms":2000,"api_down_from_ms":0,"api_down_to_ms":1000}"#,
            r#"{"version":1,"flow":"grpc"}"#,
            r#"{"version":1,"flow":"pool","threads":0}"#,
        ] {
            assert!(read(bad).is_none(), "{bad}");
        }
    }
}
