//! Warnings where the user looks: above the picture (e.g. two listener classes in one group).

use crate::components::markup::{raw, wrap};
use crate::format::thousands;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::I18n;
use crate::trace::warning_text;
use kplay_core::sim::GroupView;
use yew::prelude::*;

/// Props of [`Warnings`].
#[derive(Properties, PartialEq)]
pub struct WarningsProps {
    /// The simulation.
    pub sim: SimHandle,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
}

/// The words of a group's `mixed_listeners` warning, built from the snapshot's data: (headline, details), e.g.
/// `Group g: different listener classes (A, B) share one group.` and what each class missed.
pub fn mixed_text(i18n: &I18n, g: &GroupView) -> (String, String) {
    // Sorted and distinct; inserting in place instead of collecting a BTreeSet keeps another instance
    // of the standard sort out of the bundle.
    let mut listeners: Vec<String> = Vec::new();
    for i in &g.instances {
        if let Err(at) = listeners.binary_search(&i.listener) {
            listeners.insert(at, i.listener.clone());
        }
    }
    let missed = g
        .missed_by_listener
        .iter()
        .map(|(l, n)| i18n.tf("warn.missed", &[("listener", l), ("count", &thousands(*n))]))
        .collect::<Vec<_>>()
        .join("; ");
    let head = i18n.tf(
        "warn.mixed",
        &[("group", &g.id), ("listeners", &listeners.join(", "))],
    );
    let body = if g.shared_topics.is_empty() {
        i18n.tf("warn.mixed_apart", &[("missed", &missed)])
    } else {
        i18n.tf(
            "warn.mixed_shared",
            &[("topics", &g.shared_topics.join(", ")), ("missed", &missed)],
        )
    };
    (head, body)
}

/// The warnings banner; empty when all is well.
#[component]
pub fn Warnings(props: &WarningsProps) -> Html {
    let i18n = props.i18n.clone();
    let snap = &props.sim.snapshot;
    // Read-only, so the list is one string of markup, escaped (see [`raw`]).
    let mut items = String::new();
    for g in snap
        .groups
        .iter()
        .filter(|g| g.warnings.iter().any(|w| w == "mixed_listeners"))
    {
        let (head, body) = mixed_text(&i18n, g);
        wrap(
            &mut items,
            "<li data-testid=\"warning-mixed\"><strong>",
            &head,
            "</strong> ",
        );
        wrap(&mut items, "", &body, "</li>");
    }
    props.sim.with(|s| {
        for (code, group, message) in s
            .trace
            .warnings
            .iter()
            .filter(|(c, _, _)| c != "mixed_listeners")
        {
            wrap(
                &mut items,
                "<li>",
                &warning_text(&i18n, code, group.as_deref(), message),
                "</li>",
            );
        }
        if !s.notice.is_empty() {
            wrap(
                &mut items,
                "<li data-testid=\"notice\">",
                &i18n.t(s.notice),
                "</li>",
            );
        }
        for e in &s.load_errors {
            wrap(
                &mut items,
                "<li>",
                &i18n.tf("warn.load", &[("error", e)]),
                "</li>",
            );
        }
    });
    if items.is_empty() {
        return html! {};
    }
    html! {
        <section class="warnings" role="alert" aria-label={i18n.t("warn.aria")} data-testid="warnings">
            { raw(String::from("<ul>") + &items + "</ul>") }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{preload_korean, Lang};

    fn ko() -> I18n {
        preload_korean(include_str!("../../i18n/ko.txt")).unwrap_or_else(|e| panic!("{e:?}"));
        I18n::loaded(Lang::Ko).unwrap_or_else(|| unreachable!())
    }

    fn mixed(shared: &[&str]) -> GroupView {
        use kplay_core::sim::{GroupState, InstanceView};
        let inst = |id: &str, l: &str| InstanceView {
            id: id.into(),
            listener: l.into(),
            ..InstanceView::default()
        };
        GroupView {
            id: "g".into(),
            instances: vec![
                inst("b-1", "OrderListener"),
                inst("a-1", "AuditListener"),
                inst("b-2", "OrderListener"),
            ],
            missed_by_listener: vec![("AuditListener".into(), 1200), ("OrderListener".into(), 3)],
            shared_topics: shared.iter().map(|t| t.to_string()).collect(),
            state: GroupState::Stable,
            generation: 1,
            strategy: "range".into(),
            members: Vec::new(),
            partitions: Vec::new(),
            processed: 0,
            duplicates: 0,
            lost_in_handoff: 0,
            deleted_before_read: 0,
            skipped_by_reset: 0,
            warnings: vec!["mixed_listeners".into()],
        }
    }

    #[test]
    fn mixed_listeners_are_put_in_words_from_the_data() {
        let en = I18n::english();
        let (head, body) = mixed_text(&en, &mixed(&["orders"]));
        assert_eq!(
            head,
            "Group g: different listener classes (AuditListener, OrderListener) share one group."
        );
        assert_eq!(
            body,
            "On orders each record goes to only one of them, so each class misses the records the others got: \
             AuditListener never saw 1,200 records; OrderListener never saw 3 records. Give each class its own group.id."
        );
        let (_, apart) = mixed_text(&en, &mixed(&[]));
        assert!(apart.starts_with(
            "They read different topics, so they share only rebalances: AuditListener"
        ));
        let (head, body) = mixed_text(&ko(), &mixed(&["orders"]));
        assert_eq!(head, "그룹 g: 서로 다른 리스너 클래스(AuditListener, OrderListener)가 한 그룹을 함께 씁니다.");
        assert!(body.starts_with("orders에서는 각 레코드가"), "{body}");
        assert!(
            body.contains("AuditListener은(는) 레코드 1,200개를 받지 못함"),
            "{body}"
        );
    }

    #[test]
    fn engine_warnings_keep_the_engine_detail_and_say_the_code_in_korean() {
        let msg = "commit by m (generation 1) failed: ILLEGAL_GENERATION";
        assert_eq!(
            warning_text(&I18n::english(), "commit_failed", Some("billing"), msg),
            format!("billing: {msg} (commit_failed)")
        );
        assert_eq!(
            warning_text(&ko(), "commit_failed", Some("billing"), msg),
            format!("billing: 커밋 실패: {msg} (commit_failed)")
        );
        assert_eq!(
            warning_text(&ko(), "brand_new", None, "m"),
            "m (brand_new)",
            "an unknown code shows the engine's words"
        );
    }
}
