//! The Scenario tab: export as JSON, import JSON (problems listed, current scenario kept), share link, presets.

use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::use_i18n;
use crate::presets;
use crate::share;
use yew::prelude::*;

/// Props of [`ScenarioPanel`].
#[derive(Properties, PartialEq)]
pub struct ScenarioPanelProps {
    /// The simulation.
    pub sim: SimHandle,
}

/// The scenario panel.
#[component]
pub fn ScenarioPanel(props: &ScenarioPanelProps) -> Html {
    let i18n = use_i18n();
    let text = use_state(|| props.sim.with(|s| share::to_json(&s.scenario)));
    let problems = use_state(Vec::<String>::new);
    let (json, fragment) = props
        .sim
        .with(|s| (share::to_json(&s.scenario), share::to_fragment(&s.scenario)));
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
        let (sim, text, problems) = (props.sim.clone(), text.clone(), problems.clone());
        Callback::from(move |_: MouseEvent| {
            match share::from_json(&text).and_then(|s| sim.load(s)) {
                Ok(()) => problems.set(Vec::new()),
                Err(p) => problems.set(p),
            }
        })
    };
    let on_export = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| text.set(json.clone()))
    };
    let preset = |name: &'static str| {
        let (sim, problems, text) = (props.sim.clone(), problems.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = presets::preset(name) {
                text.set(share::to_json(&s));
                problems.set(sim.load(s).err().unwrap_or_default());
            }
        })
    };
    let t = |key: &str| i18n.t(key);
    html! {
        <div class="scenario">
            <section class="card">
                <h3>{ t("scenario.presets") }</h3>
                { for presets::NAMES.iter().map(|n| html! {
                    <button class="btn small" onclick={preset(n)} title={t(&format!("scenario.preset.{n}"))}>{ *n }</button>
                }) }
            </section>
            <section class="card">
                <h3>{ t("scenario.share") }</h3>
                <p class="hint">{ t("scenario.share_hint") }</p>
                <input class="share-link" readonly=true value={link} aria-label={t("scenario.share")} data-testid="share-link" />
            </section>
            <section class="card">
                <h3>{ t("scenario.json") }</h3>
                <textarea class="json" rows="14" value={(*text).clone()} oninput={on_input} aria-label={t("scenario.json")}
                          data-testid="scenario-json" spellcheck="false" />
                <div class="row-actions">
                    <button class="btn" onclick={on_export}>{ t("scenario.export") }</button>
                    <button class="btn primary" onclick={on_load} data-testid="load-scenario">{ t("scenario.load") }</button>
                </div>
                if !problems.is_empty() {
                    <div class="error" role="alert" data-testid="scenario-problems">
                        <p>{ t("scenario.not_loaded") }</p>
                        <ul>{ for problems.iter().map(|p| html! { <li>{ translate_problem(&i18n, p) }</li> }) }</ul>
                    </div>
                }
            </section>
        </div>
    }
}
