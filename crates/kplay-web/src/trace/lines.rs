//! The event log's story lines and the engine's warnings, in the language shown.

use crate::i18n::I18n;
use kplay_core::sim::{Event, EventKind};

/// One line of text per event, in the language shown.
///
/// ```
/// use kplay_core::sim::{Event, EventKind};
/// let e = Event { t_ms: 0, kind: EventKind::GroupState { group: "g".into(), state: "Stable".into(), generation: 2 } };
/// let en = kplay_web::i18n::I18n::english();
/// assert_eq!(kplay_web::trace::describe(&en, &e), "g → Stable (generation 2)");
/// ```
pub fn describe(i18n: &I18n, e: &Event) -> String {
    let tp = |t: &str, p: u32| format!("{t}-{p}");
    let parts = |ps: &[(String, u32)]| {
        ps.iter()
            .map(|(t, p)| tp(t, *p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Every story line is one template: (key, its parameters).
    let mut tp_text = String::new();
    let list: String;
    let key;
    let mut args: Vec<(&str, &dyn std::fmt::Display)> = Vec::with_capacity(8);
    match &e.kind {
        EventKind::Produced {
            topic,
            partition,
            offset,
            key: k,
            producer,
            tombstone,
        } => {
            key = if *tombstone {
                "story.produced_tombstone"
            } else {
                "story.produced"
            };
            tp_text = tp(topic, *partition);
            args.extend_from_slice(&[
                ("producer", producer as &dyn std::fmt::Display),
                ("offset", offset),
            ]);
            args.push((
                "key",
                k.as_ref().map_or(&"null" as &dyn std::fmt::Display, |k| k),
            ));
        }
        EventKind::Processed {
            group,
            instance,
            thread,
            topic,
            partition,
            offset,
            duplicate,
            ..
        } => {
            key = if *duplicate {
                "story.reprocessed"
            } else {
                "story.processed"
            };
            tp_text = tp(topic, *partition);
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("instance", instance),
                ("thread", thread),
                ("offset", offset),
            ]);
        }
        EventKind::Committed {
            group,
            topic,
            partition,
            offset,
            ..
        } => {
            key = "story.committed";
            tp_text = tp(topic, *partition);
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("offset", offset),
            ]);
        }
        EventKind::Skipped {
            group,
            topic,
            partition,
            from,
            to,
            reason,
        } => {
            key = "story.skipped";
            tp_text = tp(topic, *partition);
            // The engine's reason is a code (`deleted`, `reset`); an unknown one shows as it is.
            let reason_key = format!("story.reason.{reason}");
            let text = i18n.t(&reason_key);
            list = if text == reason_key {
                reason.clone()
            } else {
                text
            };
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("from", from),
                ("to", to),
                ("reason", &list),
            ]);
        }
        EventKind::Assigned {
            group,
            instance,
            generation,
            partitions,
            ..
        }
        | EventKind::Revoked {
            group,
            instance,
            generation,
            partitions,
            ..
        } => {
            key = if matches!(e.kind, EventKind::Assigned { .. }) {
                "story.assigned"
            } else {
                "story.revoked"
            };
            list = parts(partitions);
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("instance", instance),
                ("generation", generation),
                ("partitions", &list),
            ]);
        }
        EventKind::Lost {
            group,
            instance,
            partitions,
            ..
        } => {
            key = "story.lost";
            list = parts(partitions);
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("instance", instance),
                ("partitions", &list),
            ]);
        }
        EventKind::GroupState {
            group,
            state,
            generation,
        } => {
            key = "story.group_state";
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("state", state),
                ("generation", generation),
            ]);
        }
        EventKind::OffsetsExpired { group, partitions } => {
            key = "story.offsets_expired";
            list = parts(partitions);
            args.extend_from_slice(&[
                ("group", group as &dyn std::fmt::Display),
                ("partitions", &list),
            ]);
        }
        EventKind::Fault {
            fault,
            instance,
            producer,
            topic,
        } => {
            key = "story.fault";
            list = instance
                .as_deref()
                .or(producer.as_deref())
                .or(topic.as_deref())
                .unwrap_or("")
                .to_string();
            args.extend_from_slice(&[
                ("fault", fault as &dyn std::fmt::Display),
                ("target", &list),
            ]);
        }
        EventKind::Warning {
            code,
            group,
            message,
        } => return warning_text(i18n, code, group.as_deref(), message),
        // kplay-core's `brokers` events: only when a workspace build unifies the feature in (the web never
        // enables it, so this arm is unreachable in the app).
        #[allow(unreachable_patterns)]
        _ => return e.kind.name().into(),
    }
    args.push(("tp", &tp_text));
    i18n.tf(key, &args)
}

/// A warning the engine raised: its code's words (when the catalogue has them) before the engine's detail, the
/// group and the code, e.g. `billing: commit by … failed: ILLEGAL_GENERATION (commit_failed)`.
pub fn warning_text(i18n: &I18n, code: &str, group: Option<&str>, message: &str) -> String {
    let key = format!("warn.core.{code}");
    let mut text = i18n.tf(&key, &[("message", &message)]);
    if text == key {
        text = message.to_string();
    }
    match group {
        Some(g) => i18n.tf(
            "warn.in_group",
            &[("group", &g), ("text", &text), ("code", &code)],
        ),
        None => i18n.tf("warn.plain", &[("text", &text), ("code", &code)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{preload_korean, Lang};

    fn ev(kind: EventKind) -> Event {
        Event { t_ms: 0, kind }
    }

    fn ko() -> I18n {
        preload_korean(include_str!("../../i18n/ko.txt")).unwrap_or_else(|e| panic!("{e:?}"));
        I18n::loaded(Lang::Ko).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn story_lines_read_the_same_in_english_and_follow_korean_word_order() {
        let produced = ev(EventKind::Produced {
            topic: "orders".into(),
            partition: 1,
            offset: 7,
            key: None,
            producer: "shop".into(),
            tombstone: true,
        });
        let assigned = ev(EventKind::Assigned {
            group: "billing".into(),
            member: "m".into(),
            instance: "billing-1".into(),
            generation: 2,
            partitions: vec![("orders".into(), 0), ("orders".into(), 2)],
        });
        let skipped = ev(EventKind::Skipped {
            group: "billing".into(),
            topic: "orders".into(),
            partition: 0,
            from: 3,
            to: 9,
            reason: "deleted".into(),
        });
        let crash = ev(EventKind::Fault {
            fault: "crash".into(),
            instance: Some("billing-1".into()),
            producer: None,
            topic: None,
        });
        let en = I18n::english();
        assert_eq!(
            describe(&en, &produced),
            "shop → orders-1 @ 7 key null, value null (tombstone)"
        );
        assert_eq!(
            describe(&en, &assigned),
            "billing/billing-1 gen 2 assigned [orders-0, orders-2]"
        );
        assert_eq!(
            describe(&en, &skipped),
            "billing never reads orders-0 @ 3..9 (deleted)"
        );
        assert_eq!(describe(&en, &crash), "crash billing-1");
        let ko = ko();
        assert_eq!(
            describe(&ko, &assigned),
            "billing/billing-1 제너레이션 2 할당 [orders-0, orders-2]"
        );
        assert_eq!(
            describe(&ko, &skipped),
            "billing은(는) orders-0 @ 3..9를 읽지 않음 (삭제됨)"
        );
        assert_eq!(
            describe(&ko, &produced),
            "shop → orders-1 @ 7 키 null, 값 null (툼스톤)"
        );
        let warning = ev(EventKind::Warning {
            code: "poll_timeout".into(),
            group: Some("billing".into()),
            message: "member m did not poll within max.poll.interval.ms and leaves the group"
                .into(),
        });
        assert_eq!(
            describe(&en, &warning),
            "billing: member m did not poll within max.poll.interval.ms and leaves the group (poll_timeout)"
        );
        assert!(describe(&ko, &warning)
            .starts_with("billing: poll 간격 초과(max.poll.interval.ms): member m"));
    }
}
