//! A trace line ([`Event`]) as JSON text, without serde: what the web exports as JSON Lines. The layout is
//! serde_json's compact text of the derived `Serialize` (`kplay run`'s trace lines): `t_ms`, then `kind`, then
//! the kind's fields in declaration order, partitions as `["topic",n]` pairs, a missing key as `null`, and the
//! fields serde skips (`tombstone` when false, a fault's or warning's absent optional fields) left out.

use super::Writer;
use crate::event::{Event, EventKind};
use alloc::string::String;

#[cfg(feature = "brokers")]
mod brokers;

impl Event {
    /// This event as one compact JSON line (no newline), exactly as `kplay run` writes it.
    ///
    /// ```
    /// use kplay_core::sim::{Event, EventKind};
    /// let e = Event { t_ms: 7, kind: EventKind::GroupState { group: "g".into(), state: "Stable".into(), generation: 2 } };
    /// assert_eq!(e.to_json_line(), r#"{"t_ms":7,"kind":"group_state","group":"g","state":"Stable","generation":2}"#);
    /// ```
    pub fn to_json_line(&self) -> String {
        let mut w = Writer::new(false);
        w.open('{');
        w.key("t_ms");
        w.u64(self.t_ms);
        w.key("kind");
        w.string(self.kind.name());
        let s = |w: &mut Writer, k: &str, v: &str| {
            w.key(k);
            w.string(v);
        };
        let n = |w: &mut Writer, k: &str, v: u64| {
            w.key(k);
            w.u64(v);
        };
        let opt = |w: &mut Writer, k: &str, v: &Option<String>, skip: bool| match v {
            Some(v) => s(w, k, v),
            None if !skip => {
                w.key(k);
                w.null();
            }
            None => {}
        };
        let parts = |w: &mut Writer, ps: &[(String, u32)]| {
            w.key("partitions");
            w.open('[');
            for (t, p) in ps {
                w.item();
                w.open('[');
                w.item();
                w.string(t);
                w.item();
                w.u64(u64::from(*p));
                w.close(']');
            }
            w.close(']');
        };
        match &self.kind {
            EventKind::Produced {
                topic,
                partition,
                offset,
                key,
                producer,
                tombstone,
            } => {
                s(&mut w, "topic", topic);
                n(&mut w, "partition", u64::from(*partition));
                n(&mut w, "offset", *offset);
                opt(&mut w, "key", key, false);
                s(&mut w, "producer", producer);
                if *tombstone {
                    w.key("tombstone");
                    w.bool(true);
                }
            }
            EventKind::Processed {
                group,
                member,
                instance,
                thread,
                topic,
                partition,
                offset,
                key,
                duplicate,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "member", member);
                s(&mut w, "instance", instance);
                n(&mut w, "thread", u64::from(*thread));
                s(&mut w, "topic", topic);
                n(&mut w, "partition", u64::from(*partition));
                n(&mut w, "offset", *offset);
                opt(&mut w, "key", key, false);
                w.key("duplicate");
                w.bool(*duplicate);
            }
            EventKind::Committed {
                group,
                member,
                topic,
                partition,
                offset,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "member", member);
                s(&mut w, "topic", topic);
                n(&mut w, "partition", u64::from(*partition));
                n(&mut w, "offset", *offset);
            }
            EventKind::Assigned {
                group,
                member,
                instance,
                generation,
                partitions,
            }
            | EventKind::Revoked {
                group,
                member,
                instance,
                generation,
                partitions,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "member", member);
                s(&mut w, "instance", instance);
                w.key("generation");
                w.i64(i64::from(*generation));
                parts(&mut w, partitions);
            }
            EventKind::Lost {
                group,
                member,
                instance,
                partitions,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "member", member);
                s(&mut w, "instance", instance);
                parts(&mut w, partitions);
            }
            EventKind::GroupState {
                group,
                state,
                generation,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "state", state);
                w.key("generation");
                w.i64(i64::from(*generation));
            }
            EventKind::Skipped {
                group,
                topic,
                partition,
                from,
                to,
                reason,
            } => {
                s(&mut w, "group", group);
                s(&mut w, "topic", topic);
                n(&mut w, "partition", u64::from(*partition));
                n(&mut w, "from", *from);
                n(&mut w, "to", *to);
                s(&mut w, "reason", reason);
            }
            EventKind::OffsetsExpired { group, partitions } => {
                s(&mut w, "group", group);
                parts(&mut w, partitions);
            }
            EventKind::Fault {
                fault,
                instance,
                producer,
                topic,
            } => {
                s(&mut w, "fault", fault);
                opt(&mut w, "instance", instance, true);
                opt(&mut w, "producer", producer, true);
                opt(&mut w, "topic", topic, true);
            }
            EventKind::Warning {
                code,
                group,
                message,
            } => {
                s(&mut w, "code", code);
                opt(&mut w, "group", group, true);
                s(&mut w, "message", message);
            }
            #[cfg(feature = "brokers")]
            other => brokers::write(&mut w, other),
        }
        w.close('}');
        w.finish()
    }
}
