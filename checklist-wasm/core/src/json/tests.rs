//! Tests of the JSON reader and writer in `json/`: what parses, what is refused with
//! which line and column, round trips, and the typed readers' error paths.

use super::*;
use crate::definition::Verbal;

#[test]
fn parses_and_writes_back_every_kind_of_value() {
    let text = r#"{"a":[1,-2.5,1e3,true,false,null],"s":"q\"\\\n\u00e9\ud83d\ude00/","o":{}}"#;
    let value = parse(text).unwrap();
    assert_eq!(value.get("s").and_then(Json::as_str), Some("q\"\\\né😀/"));
    assert_eq!(
        value.to_compact(),
        r#"{"a":[1,-2.5,1000,true,false,null],"s":"q\"\\\né😀/","o":{}}"#
    );
    assert_eq!(parse(&value.to_pretty()).unwrap(), value);
    assert_eq!(
        Json::object([("k", Json::Array(vec![Json::Number(1.0)]))]).to_pretty(),
        "{\n  \"k\": [\n    1\n  ]\n}"
    );
}

#[test]
fn numbers_round_trip_exactly() {
    for n in [
        0.1,
        99.95,
        1e-7,
        123456789.123,
        f64::MAX,
        f64::MIN_POSITIVE,
        -0.0,
    ] {
        assert_eq!(
            parse(&Json::Number(n).to_compact()).unwrap(),
            Json::Number(n),
            "{n}"
        );
    }
}

#[test]
fn bad_text_says_where() {
    let err = |text: &str| parse(text).unwrap_err().to_string();
    assert_eq!(
        err("{"),
        "expected a key in double quotes at line 1 column 2"
    );
    assert_eq!(
        err("{\"a\":1,\n \"a\":2}"),
        "an object has the same key twice at line 1 column 1"
    );
    assert_eq!(err("[1,]"), "expected a value at line 1 column 4");
    assert_eq!(err("[01]"), "invalid number at line 1 column 2");
    assert_eq!(err("1e999"), "the number is too large at line 1 column 1");
    assert_eq!(
        err("\"a\nb\""),
        "a control character in a string must be escaped at line 1 column 3"
    );
    assert_eq!(
        err("\"\\ud800\""),
        "invalid unicode escape at line 1 column 8"
    );
    assert_eq!(
        err("{} x"),
        "unexpected text after the value at line 1 column 4"
    );
    assert_eq!(err("[\"ä\", tru]"), "expected a value at line 1 column 7");
    assert_eq!(
        err(&"[".repeat(MAX_DEPTH + 1)),
        format!(
            "the data is nested too deeply at line 1 column {}",
            MAX_DEPTH + 1
        )
    );
    assert_eq!(
        err(""),
        "the text ends where a value should be at line 1 column 1"
    );
}

#[test]
fn typed_reads_name_the_path_of_the_first_problem() {
    let value = parse(r#"{"v":[{"n":1}],"k":"no","m":"maybe"}"#).unwrap();
    let names = read(&value, |doc| {
        doc.field("v").list(|item| item.field("n").string())
    });
    assert_eq!(
        names.unwrap_err().to_string(),
        "`v[0].n`: expected a string, found a number"
    );
    let missing = read(&value, |doc| {
        (doc.field("w").number(), doc.field("k").id::<Verbal>())
    });
    assert_eq!(missing.unwrap_err().to_string(), "the field `w` is missing");
    let unknown = read(&value, |doc| doc.entries(Some(&["x"])).len()).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "unknown field `v`; expected one of `x`"
    );
    let picked = read(&value, |doc| doc.field("k").id::<Verbal>());
    assert_eq!(picked, Ok(Verbal::No));
    let refused = read(&value, |doc| doc.field("m").id::<Verbal>()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "`m`: `maybe` is not one of `yes`, `partial`, `no`, `unknown`"
    );
}

#[test]
fn json_writer_emitted_inf_and_nan() {
    let value = Json::Array(vec![
        Json::Number(f64::INFINITY),
        Json::Number(f64::NEG_INFINITY),
        Json::Number(f64::NAN),
        Json::Number(1.5),
    ]);
    assert_eq!(value.to_compact(), "[null,null,null,1.5]");
    for text in [value.to_compact(), value.to_pretty()] {
        assert_eq!(
            parse(&text).unwrap(),
            Json::Array(vec![Json::Null, Json::Null, Json::Null, Json::Number(1.5)])
        );
    }
}
