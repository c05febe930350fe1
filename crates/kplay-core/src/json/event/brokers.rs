//! The brokers events' fields (feature `brokers`), in declaration order as serde writes them.

use super::Writer;
use crate::event::EventKind;

fn tp(w: &mut Writer, topic: &str, partition: u32) {
    w.key("topic");
    w.string(topic);
    w.key("partition");
    w.u64(partition.into());
}

fn n(w: &mut Writer, k: &str, v: u64) {
    w.key(k);
    w.u64(v);
}

fn isr(w: &mut Writer, isr: &[u32]) {
    w.key("isr");
    w.open('[');
    for b in isr {
        w.item();
        w.u64((*b).into());
    }
    w.close(']');
}

pub(super) fn write(w: &mut Writer, kind: &EventKind) {
    match kind {
        EventKind::LeaderChanged {
            topic,
            partition,
            leader,
            epoch,
            unclean,
        } => {
            tp(w, topic, *partition);
            w.key("leader");
            match leader {
                Some(b) => w.u64((*b).into()),
                None => w.null(),
            }
            n(w, "epoch", (*epoch).into());
            w.key("unclean");
            w.bool(*unclean);
        }
        EventKind::IsrShrunk {
            topic,
            partition,
            isr: i,
        }
        | EventKind::IsrExpanded {
            topic,
            partition,
            isr: i,
        } => {
            tp(w, topic, *partition);
            isr(w, i);
        }
        EventKind::HighWatermark {
            topic,
            partition,
            hw,
        } => {
            tp(w, topic, *partition);
            n(w, "hw", *hw);
        }
        EventKind::Truncated {
            topic,
            partition,
            broker,
            to,
            removed,
        } => {
            tp(w, topic, *partition);
            n(w, "broker", (*broker).into());
            n(w, "to", *to);
            n(w, "removed", *removed);
        }
        EventKind::RecordsLost {
            topic,
            partition,
            from,
            to,
            acknowledged,
            visible,
        } => {
            tp(w, topic, *partition);
            n(w, "from", *from);
            n(w, "to", *to);
            n(w, "acknowledged", *acknowledged);
            n(w, "visible", *visible);
        }
        EventKind::Duplicated {
            topic,
            partition,
            offset,
            producer,
        } => {
            tp(w, topic, *partition);
            n(w, "offset", *offset);
            w.key("producer");
            w.string(producer);
        }
        EventKind::BrokerFault { fault, broker } => {
            w.key("fault");
            w.string(fault);
            n(w, "broker", (*broker).into());
        }
        EventKind::CoordinatorUnavailable { group, broker } => {
            w.key("group");
            w.string(group);
            n(w, "broker", (*broker).into());
        }
        EventKind::CoordinatorMoved { group, from, to } => {
            w.key("group");
            w.string(group);
            n(w, "from", (*from).into());
            n(w, "to", (*to).into());
        }
        _ => {}
    }
}
