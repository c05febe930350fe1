//! Subscription changes (`KafkaConsumer.subscribe` with a new topic set).

use super::GroupRt;
use super::{tp_names, Ctx, Phase};
use crate::event::EventKind;
use crate::group::member::Tp;
use alloc::string::String;
use alloc::vec::Vec;

/// Instance `i` subscribes to `topics`. Every thread that has joined rejoins at its next poll (a thread still
/// joining rejoins once its assignment arrives), sending the new subscription: the coordinator sees changed
/// member metadata and rebalances (ConsumerCoordinator.rejoinNeededOrPending: the subscription differs from
/// `joinedSubscription`).
pub(crate) fn subscribe(g: &mut GroupRt, i: usize, topics: Vec<String>) {
    let inst = &mut g.instances[i];
    inst.spec.topics = Some(topics);
    for t in &mut inst.threads {
        if t.phase != Phase::Unjoined {
            t.rejoin = true;
        }
    }
}

/// Before a cooperative member rejoins, it revokes the partitions of topics it no longer subscribes to and
/// keeps the rest (ConsumerCoordinator.onJoinPrepare, COOPERATIVE case); eager members revoke everything anyway.
pub(super) fn revoke_unsubscribed(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let subscribed = g.subscription(i);
    let gone: Vec<Tp> = g.instances[i].threads[ti]
        .assigned
        .iter()
        .copied()
        .filter(|tp| {
            let name = ctx.topics.get(tp.0 as usize).map(|t| t.spec.name.as_str());
            !subscribed.iter().any(|s| Some(s.as_str()) == name)
        })
        .collect();
    if gone.is_empty() {
        return;
    }
    let instance = g.instances[i].spec.id.clone();
    let t = &mut g.instances[i].threads[ti];
    t.assigned.retain(|tp| !gone.contains(tp));
    for tp in &gone {
        t.positions.remove(tp);
        t.processed.remove(tp);
    }
    let kind = EventKind::Revoked {
        group: g.spec.id.clone(),
        member: t.member_id.clone(),
        instance,
        generation: t.generation,
        partitions: tp_names(ctx.topics, &gone),
    };
    ctx.ev.push(ctx.now, kind);
}
