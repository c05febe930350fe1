//! Rename or delete a topic. Kafka deletes topics on a live cluster but has no rename: renaming rebuilds the
//! scenario with the new name and starts again from 0 s, and the form says so before the user clicks.

use crate::components::field::field;
use crate::components::markup::{alert, card_form, option, picker, submit_button};
use crate::dom;
use crate::edit::{delete_blocker, rename_topic};
use crate::hooks::use_form_state::{submit, use_text};
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
use kplay_core::Command;
use yew::prelude::*;

/// The rename/delete card.
/// A hook of the Build tab ([`use_build_panel`](crate::components::build_panel::use_build_panel)),
/// which holds this card's state while the tab is open.
#[hook]
pub fn use_topic_admin(i18n: &I18n, sim: &SimHandle) -> Html {
    let picked = use_text("");
    let new_name = use_text("");
    let error = use_text("");
    let delete_error = use_text("");
    let topics = crate::pick::topic_names(&sim.snapshot);
    let Some(topic) = crate::pick::picked_or_first(&topics, &picked).map(String::from) else {
        return html! {};
    };
    let on_rename = {
        let (sim, new_name, error, topic) =
            (sim.clone(), new_name.clone(), error.clone(), topic.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let to = new_name.trim();
            if to == topic {
                return error.set(crate::parse::same_name(&topic));
            }
            let renamed = sim.with(|s| rename_topic(&s.scenario, &topic, to));
            // The validator names the rule (Kafka's topic-name rules, duplicates); a refusal keeps the world.
            match sim.load(renamed) {
                Ok(()) => error.set(String::new()),
                Err(problems) => error.set(problems.join("; ")),
            }
        })
    };
    let on_delete = {
        let (sim, error, topic) = (sim.clone(), delete_error.clone(), topic.clone());
        Callback::from(move |_: MouseEvent| {
            let blocked = sim.with(|s| delete_blocker(&s.scenario, &topic));
            let command = match blocked {
                Some(why) => Err(why),
                None => Ok(Command::RemoveTopic {
                    topic: topic.clone(),
                }),
            };
            submit(&sim, &error, command);
        })
    };
    let t = |key: &str| i18n.t(key);
    html! {
        { card_form("topic-admin", t("form.admin.title"), on_rename, html! { <>
            { picker("admin-topic", true, t("form.topic"), dom::set_picked(&picked), topics.iter().map(|t| option(t.clone(), *t == topic, t.clone())).collect()) }
            { field("rename-to", &t("form.admin.new_name"), "text", &new_name, &t("form.admin.new_name_rule"), error.split("; ").map(|p| translate_problem(i18n, p)).collect::<Vec<_>>().join("; ")) }
            { submit_button("btn", Some("rename-topic".into()), false, t("form.admin.rename")) }
            <button class="btn danger" type="button" data-testid="delete-topic" onclick={on_delete}
                    aria-describedby="delete-topic-rule">{ i18n.tf("form.admin.delete", &[("topic", &topic)]) }</button>
            <small id="delete-topic-rule" class="rule">{ t("form.admin.delete_rule") }</small>
            { alert(Some("delete-topic-error"), translate_problem(i18n, &delete_error)) }
        </> }) }
    }
}
