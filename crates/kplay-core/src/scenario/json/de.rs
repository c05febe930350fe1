//! serde's `Deserialize` for the scenario types: read a [`Value`], then run this module's reader, so every
//! serde user (lesson files, commands, tests) reads them exactly as the CLI and the web do.

use super::{group, one_line, parts, producer, Ctx, Value};
use crate::scenario::{
    Burst, CommitSpec, FaultSpec, GroupSpec, InstanceSpec, KeySpec, Processing, ProducerSpec,
    Ratio, Scenario, TopicSpec,
};
use serde::de::{Deserialize, Deserializer, Error};

/// Reads `T` from what `d` holds; problems become one custom error.
fn read<'de, D: Deserializer<'de>, T>(
    d: D,
    read: fn(&mut Ctx, &Value) -> T,
) -> Result<T, D::Error> {
    let v = Value::deserialize(d)?;
    super::run(&v, read).map_err(|ps| D::Error::custom(one_line(&ps)))
}

macro_rules! via_reader {
    ($($ty:ty => $read:expr),+ $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read(d, $read)
            }
        }
    )+};
}

via_reader!(
    Scenario => parts::scenario,
    TopicSpec => producer::topic,
    ProducerSpec => producer::producer,
    GroupSpec => group::group,
    InstanceSpec => group::instance,
    CommitSpec => group::commit,
    Processing => group::processing,
    FaultSpec => parts::fault,
    Burst => |c, v| producer::burst(c, v).unwrap_or(Burst { on_ms: 0, off_ms: 0 }),
    KeySpec => producer::keys,
    Ratio => |c, v| {
        let mut r = Ratio::from_millionths(0);
        parts::ratio(c, v, &mut r);
        r
    },
);
