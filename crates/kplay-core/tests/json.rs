//! kplay-core's JSON (`kplay_core::json`) against serde_json: the same values, the same errors at the same
//! places, for every text; the writer's text reads back as the value written.

use kplay_core::json::{self, Map, Number, Value};
use proptest::prelude::*;

/// What serde_json reads from `text` (into kplay-core's value, through its `Deserialize`), or its error.
fn serde(text: &str) -> Result<Value, String> {
    serde_json::from_str::<Value>(text).map_err(|e| e.to_string())
}

fn ours(text: &str) -> Result<Value, String> {
    json::parse(text).map_err(|e| e.to_string())
}

/// Same value or same error (words, line and column).
fn same(text: &str) {
    assert_eq!(ours(text), serde(text), "{text:?}");
}

#[test]
fn errors_match_serde_json_word_for_word_and_place_for_place() {
    for text in [
        "",
        " ",
        "nul",
        "nulx",
        "tru",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[1 2]",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{1:2}",
        "{,}",
        "[,]",
        "{\"a\":1,2:3}",
        "\"abc",
        "\"a\\q\"",
        "\"a\\",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\udc00\"",
        "\"\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\x\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud83d\\ude00\"",
        "\"a\u{1}b\"",
        "\"tab\there\"",
        "01",
        "-",
        "-a",
        "1.",
        "1.x",
        "1e",
        "1e+",
        "1ex",
        "1x",
        "{\"version\":1} x",
        "\n\n  [1,\n  2,,]",
        "[1]\n\n}",
        "1e400",
        "-1e400",
        "1e-400",
        "1e99999999999",
        "0e99999999999",
        "1.5e-99999999999",
        "123456789012345678901234567890",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "-0",
        "-0.0",
        "0.1",
        "2.5e3",
        "1E2",
        "1.7976931348623157e308",
        "5e-324",
        "12345678901234567890.123456789e-5",
        "0.000000000000000000000000000001234567890123456789",
        "\u{feff}1",
        "[\"é\", \"\\u00e9\", \"\\/\"]",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"b\":1,\"a\":2}",
    ] {
        same(text);
    }
    let deep = "[".repeat(127) + &"]".repeat(127);
    same(&deep);
    same(&"[".repeat(128));
    same(&("{\"a\":".repeat(200) + "1"));
}

#[test]
fn numbers_keep_their_kind_and_a_repeated_key_its_first_place() {
    let v = json::parse(r#"{"b":1,"a":-2,"b":3,"f":1.0,"big":18446744073709551615}"#).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["b", "a", "f", "big"]);
    assert_eq!(v.get("b"), Some(&Value::from(3u64)));
    assert_eq!(v.get("a").and_then(Value::as_i64), Some(-2));
    assert_eq!(v.get("a").and_then(Value::as_u64), None);
    assert_eq!(v.get("f").and_then(Value::as_u64), None);
    assert_eq!(v.get("f").and_then(Value::as_f64), Some(1.0));
    assert!(v.get("big").is_some_and(|b| b.is_u64() && !b.is_i64()));
}

#[test]
fn writer_lays_out_like_serde_json() {
    let text = r#"{"a":[1,-2,{"b":null,"c":[]},{}],"d":"q\"\\\n\r\t\u0008\u000c\u0001\u001f\u007f é","e":true}"#;
    let v = json::parse(text).unwrap();
    let serde: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v.to_string(), serde_json::to_string(&serde).unwrap());
    assert_eq!(
        v.to_string_pretty(),
        serde_json::to_string_pretty(&serde).unwrap()
    );
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        // Floats that read back exactly through serde_json's (not correctly rounded) float reading.
        (-(1i64 << 50)..(1i64 << 50), 0..16i32)
            .prop_map(|(m, k)| Value::Number(Number::from_f64(m as f64 / 10f64.powi(k)).unwrap())),
        ".*".prop_map(|s: String| Value::String(s)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".{0,6}", inner), 0..6).prop_map(|kv| {
                let mut m = Map::new();
                for (k, v) in kv {
                    m.insert(k, v);
                }
                Value::Object(m)
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any text at all: no panic, and exactly serde_json's answer.
    #[test]
    fn any_text_reads_as_serde_json_reads_it(text in ".{0,40}") {
        prop_assert_eq!(ours(&text), serde(&text));
    }

    /// Texts made of JSON's own characters, which reach every error.
    #[test]
    fn json_like_text_reads_as_serde_json_reads_it(text in r#"[\[\]{}:,"\\ \nu0-9a-fA-F.eE+\-tlnrsx]{0,30}"#) {
        prop_assert_eq!(ours(&text), serde(&text));
    }

    /// Numbers of every shape: the same kind and the same bits.
    #[test]
    fn numbers_read_as_serde_json_reads_them(text in r"-?[0-9]{1,25}(\.[0-9]{0,22})?([eE][+-]?[0-9]{1,4})?") {
        prop_assert_eq!(ours(&text), serde(&text));
    }

    /// What the writer writes (compact or pretty) reads back as the value written, by both readers.
    #[test]
    fn written_values_read_back(v in arb_value()) {
        for text in [v.to_string(), v.to_string_pretty()] {
            prop_assert_eq!(ours(&text), Ok(v.clone()));
            prop_assert_eq!(serde(&text), Ok(v.clone()));
        }
    }
}

/// A repeated key keeps its first place and its last value however many keys the object has, and an object of
/// 200,000 keys reads in one pass of sorting (inserting one by one compared every key with all before it).
#[test]
fn repeated_keys_keep_first_place_and_last_value_in_big_objects() {
    let v = json::parse(r#"{"b":1,"a":2,"b":3,"c":4,"a":5,"b":6}"#).unwrap();
    let m = v.as_object().unwrap();
    let got: Vec<(&str, u64)> = m
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("b", 6), ("a", 5), ("c", 4)]);

    let mut text = String::from("{");
    for i in 0..200_000u32 {
        text.push_str(&format!("\"k{}\":{},", i % 150_000, i));
    }
    text.push_str("\"end\":0}");
    let v = json::parse(&text).unwrap();
    let m = v.as_object().unwrap();
    assert_eq!(m.len(), 150_001);
    assert_eq!(m.get("k7").and_then(|v| v.as_u64()), Some(150_007));
    assert_eq!(m.get("k149999").and_then(|v| v.as_u64()), Some(149_999));
    assert_eq!(m.iter().next().map(|(k, _)| k.as_str()), Some("k0"));
    assert_eq!(m.iter().next_back().map(|(k, _)| k.as_str()), Some("end"));
}
