//! [`Sim::arm`]: reset and the presets ask (a second click) only when something would be lost.

use super::Sim;
use kplay_core::scenario::InstanceSpec;
use kplay_core::Command;

fn sim() -> Sim {
    Sim::new(crate::presets::default_scenario()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn reset_and_presets_ask_only_when_something_would_be_lost() {
    let mut s = sim();
    assert!(s.arm(0), "nothing applied: reset at once");
    assert!(s.arm(1), "the default preset: a click gives it back");
    let crash = Command::Crash {
        instance: "billing-1".into(),
    };
    // As `SimHandle::apply` does for the learner's commands.
    assert!(s.apply(crash.clone(), 0.0).is_ok());
    s.user_commands.push(crash);
    assert!(
        !s.arm(0),
        "a live crash would be lost: the first click arms"
    );
    assert_eq!(s.armed, Some(0));
    assert!(!s.arm(2), "another button re-arms for itself");
    assert!(s.arm(2), "the second click goes ahead");
    assert_eq!(s.armed, None);
    assert!(!s.arm(0));
    s.step(100, 0.0, false);
    assert!(s.arm(0), "armed across frames");
    let mut edited = sim();
    assert!(edited
        .apply(
            Command::AddPartitions {
                topic: "orders".into(),
                partitions: 5
            },
            0.0
        )
        .is_ok());
    edited.user_commands.push(Command::AddPartitions {
        topic: "orders".into(),
        partitions: 5,
    });
    assert!(edited.arm(0), "reset keeps the edits: nothing live to lose");
    assert!(!edited.arm(1), "a preset would discard the edit");
    edited.user_commands.clear();
    edited.armed = None;
    assert!(!edited.arm(1), "an edited scenario is no preset");
    let inst = InstanceSpec::new("billing-9", "OrderListener", 1);
    let add = Command::AddInstance {
        group: "billing".into(),
        instance: inst,
    };
    assert!(edited.apply(add, 0.0).is_ok());
    assert_eq!(edited.armed, None, "a new command disarms");
}

/// With the Compare area shown, reset resets only that area: the world's live actions are kept, so it does not
/// ask (a preset still does: it replaces the world).
#[test]
fn reset_does_not_ask_while_the_compare_area_is_shown() {
    let mut s = sim();
    let crash = Command::Crash {
        instance: "billing-1".into(),
    };
    assert!(s.apply(crash.clone(), 0.0).is_ok());
    s.user_commands.push(crash);
    s.step(1_000, 0.0, false);
    let view = crate::compare::View::Http;
    assert!(s
        .edit_compare(crate::compare::Edit::Area(Some(view)))
        .is_ok());
    assert!(
        s.arm(0),
        "reset resets only the Compare area: nothing to ask"
    );
    assert!(!s.arm(1), "a preset would lose the crash");
    s.reset();
    assert!(
        s.world.now_ms() == 1_000 && s.user_commands.len() == 1 && s.arm(0),
        "the world is untouched"
    );
    assert!(s.edit_compare(crate::compare::Edit::Area(None)).is_ok());
    assert!(!s.arm(0), "back on the playground, reset asks again");
}
