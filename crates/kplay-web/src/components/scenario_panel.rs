//! The Scenario tab: export as JSON, import JSON (problems listed, current scenario kept), share link, presets,
//! and the exports (trace, `--describe`, charts; see [`crate::export`]).

use crate::components::markup::{button, h2, hint, raw, wrap};
use crate::export;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use crate::presets;
use crate::share;
use crate::trace::EVENT_LOG_CAP;
use yew::prelude::*;

/// The Scenario tab's state: the JSON text being edited (first the current scenario) and the problems of the
/// last load, one per line (a text state like the forms' rather than a `Vec` state type of its own in the bundle).
pub struct ScenarioState {
    text: UseStateHandle<String>,
    problems: UseStateHandle<String>,
}

/// The Scenario tab's state, held by the side panel's tab component while the tab is open.
#[hook]
pub fn use_scenario_state(sim: &SimHandle) -> ScenarioState {
    let sim = sim.clone();
    ScenarioState {
        text: use_state(move || sim.with(|s| share::to_json(&s.scenario))),
        problems: crate::hooks::use_form_state::use_text(""),
    }
}

/// The scenario panel. A plain function over [`ScenarioState`], not a component of its own (each component
/// type costs about 1 KB of wasm).
pub fn scenario_panel(i18n: &I18n, sim: &SimHandle, state: &ScenarioState) -> Html {
    let ScenarioState { text, problems } = state;
    let (json, fragment) =
        sim.with(|s| (share::to_json(&s.scenario), share::to_fragment(&s.scenario)));
    let link = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| format!("{}#{fragment}", h.split('#').next().unwrap_or("")))
        .unwrap_or_default();
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_load = {
        let (sim, text, problems) = (sim.clone(), text.clone(), problems.clone());
        Callback::from(move |_: MouseEvent| {
            match share::from_json(&text).and_then(|s| sim.load(s)) {
                Ok(()) => problems.set(String::new()),
                Err(p) => problems.set(p.join("\n")),
            }
        })
    };
    let on_export = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| text.set(json.clone()))
    };
    let preset = |i: usize, name: &'static str| {
        let (sim, problems, text) = (sim.clone(), problems.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            // A first click that would discard edits or live actions only arms the button (its label asks).
            if !sim.arm(1 + i) {
                return;
            }
            if let Some(s) = presets::preset(name) {
                text.set(share::to_json(&s));
                problems.set(sim.load(s).err().unwrap_or_default().join("\n"));
            }
        })
    };
    let t = |key: &str| i18n.t(key);
    let (armed, samples, no_groups) =
        sim.with(|s| (s.armed, s.trace.samples.len(), s.snapshot.groups.is_empty()));
    // Every export button: one closure shape; `what` as [`export::build`] reads it. The file is made in a task
    // (one path for all): a PNG is drawn first, which waits for its image to load; if the browser refuses, the
    // notice above the picture says so.
    let export = |what: usize, title: String| {
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| {
            let Some((name, mime, text)) = sim.with(|s| export::build(s, what, &title)) else {
                return;
            };
            let sim = sim.clone();
            yew::platform::spawn_local(async move {
                let url = if what > 4 {
                    export::png::render(&text).await
                } else {
                    export::blob_url(mime, &text)
                };
                match url {
                    Some(url) => {
                        export::save(&name, url);
                        sim.notice("");
                    }
                    None => sim.notice("export.failed"),
                }
            });
        })
    };
    // Why the text was not loaded: read-only, one string of markup, escaped (see [`raw`]).
    let mut problem_list =
        String::from("<div class=\"error\" role=\"alert\" data-testid=\"scenario-problems\">");
    wrap(
        &mut problem_list,
        "<p>",
        &t("scenario.not_loaded"),
        "</p><ul>",
    );
    for p in problems.lines() {
        wrap(
            &mut problem_list,
            "<li>",
            &translate_problem(i18n, p),
            "</li>",
        );
    }
    problem_list.push_str("</ul></div>");
    html! {
        <div class="scenario">
            <section class="card">
                { h2(t("scenario.presets")) }
                { for presets::NAMES.iter().enumerate().map(|(i, n)| html! {
                    { button("btn small", None, None, None, Some(t(&format!("scenario.preset.{n}"))), false, preset(i, n), if armed == Some(1 + i) { t("confirm.preset") } else { (*n).into() }) } // i18n-ok: CSS classes
                }) }
            </section>
            <section class="card" data-testid="export">
                { h2(t("export.title")) }
                { hint(i18n.tf("export.hint", &[("cap", &EVENT_LOG_CAP)])) }
                { for export::KEYS.iter().enumerate().map(|(i, key)| { let title = t(key);
                    // A chart exports once it is drawn (two samples, three for the rates; lag needs a group, all but the throughput, 4 and 7): until then its button is off and says why.
                    let waiting = i > 1 && (samples < 3 || i % 3 != 1 && no_groups);
                    button("btn small", None, None, None, waiting.then(|| i18n.tf("charts.waiting", &[("title", &title)])), waiting, export(i, title.clone()), if i < 2 { title } else { i18n.tf(if i > 4 { "export.png" } else { "export.chart" }, &[("chart", &title)]) }) // i18n-ok: CSS classes
                }) }
            </section>
            <section class="card">
                { h2(t("scenario.share")) }
                { hint(t("scenario.share_hint")) }
                <input class="share-link" readonly=true value={link} aria-label={t("scenario.share")} data-testid="share-link" />
            </section>
            <section class="card">
                { h2(t("scenario.json")) }
                <textarea class="json" rows="14" value={(**text).clone()} oninput={on_input} aria-label={t("scenario.json")}
                          data-testid="scenario-json" spellcheck="false" />
                <div class="row-actions">
                    { button("btn", None, None, None, None, false, on_export, t("scenario.export")) }
                    { button("btn primary", None, Some("load-scenario".into()), None, None, false, on_load, t("scenario.load")) } // i18n-ok: CSS classes
                </div>
                if !problems.is_empty() {
                    { raw(problem_list) }
                }
            </section>
        </div>
    }
}
