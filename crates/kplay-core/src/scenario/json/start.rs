//! Where logs and committed offsets stand at time 0 (`topics[].initial_logs`, `groups[].committed`; feature
//! `import`).

use super::{Ctx, Value};
use crate::scenario::{CommittedOffset, InitialLog};

const INITIAL_LOG: &[&str] = &["partition", "log_start", "log_end"];

pub(super) fn initial_log(c: &mut Ctx, v: &Value) -> InitialLog {
    let mut l = InitialLog {
        partition: 0,
        log_start: 0,
        log_end: 0,
    };
    let Some(m) = c.object(v) else { return l };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "partition" => c.u32(x, &mut l.partition),
            "log_start" => c.u64(x, &mut l.log_start),
            "log_end" => c.u64(x, &mut l.log_end),
            _ => c.unknown(k, INITIAL_LOG),
        }
        c.leave(at);
    }
    c.required(m, INITIAL_LOG);
    l
}

const COMMITTED: &[&str] = &["topic", "partition", "offset"];

pub(super) fn committed(c: &mut Ctx, v: &Value) -> CommittedOffset {
    let mut o = CommittedOffset {
        topic: alloc::string::String::new(),
        partition: 0,
        offset: 0,
    };
    let Some(m) = c.object(v) else { return o };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "topic" => c.string(x, &mut o.topic),
            "partition" => c.u32(x, &mut o.partition),
            "offset" => c.u64(x, &mut o.offset),
            _ => c.unknown(k, COMMITTED),
        }
        c.leave(at);
    }
    c.required(m, COMMITTED);
    o
}
