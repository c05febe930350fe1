//! serde's `Serialize` for [`Value`], so a lesson step's `flow` block (kept as the JSON it was written as)
//! writes back as it was read.

use super::{Number, Value};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(u) = self.as_u64() {
            s.serialize_u64(u)
        } else if let Some(i) = self.as_i64() {
            s.serialize_i64(i)
        } else {
            s.serialize_f64(self.as_f64().unwrap_or(0.0))
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(t) => s.serialize_str(t),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map.iter() {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_writes_back_as_serde_json_reads_it() {
        let text = r#"{"a":[1,-2,1.5,"x",true,null],"b":{}}"#;
        let v = super::super::parse(text).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), text);
    }
}
