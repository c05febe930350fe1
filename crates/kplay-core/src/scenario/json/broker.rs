//! The brokers fields (feature `brokers`): `brokers[]`, `acks` and the optional booleans.

use super::{Ctx, Value};
use crate::replication::Acks;
use crate::scenario::BrokerSpec;

const BROKER: &[&str] = &["id", "rack"];

pub(super) fn broker(c: &mut Ctx, v: &Value) -> BrokerSpec {
    let mut b = BrokerSpec::new(0);
    let Some(m) = c.object(v) else { return b };
    for (k, x) in m {
        let at = c.enter(k);
        match k.as_str() {
            "id" => c.u32(x, &mut b.id),
            "rack" => c.opt_string(x, &mut b.rack),
            _ => c.unknown(k, BROKER),
        }
        c.leave(at);
    }
    c.required(m, &BROKER[..1]);
    b
}

/// `acks`: a word (`"all"`, `"-1"`, `"1"`, `"0"`) or the number Kafka's config takes (-1, 0, 1); `null` is unset.
pub(super) fn acks(c: &mut Ctx, v: &Value, out: &mut Option<Acks>) {
    let n = v.as_i64();
    *out = match (v, n) {
        (Value::Null, _) => None,
        (_, Some(-1)) => Some(Acks::All),
        (_, Some(1)) => Some(Acks::One),
        (_, Some(0)) => Some(Acks::Zero),
        _ => {
            let mut a = Acks::All;
            c.words(v, &Acks::WORDS, &mut a);
            Some(a)
        }
    };
}

/// `null` is unset.
pub(super) fn opt_bool(c: &mut Ctx, v: &Value, out: &mut Option<bool>) {
    if v.is_null() {
        *out = None;
    } else {
        let mut b = false;
        c.bool(v, &mut b);
        *out = Some(b);
    }
}
