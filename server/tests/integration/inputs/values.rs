//! The hostile values the bad-input tests send: fixed lists of known attacks
//! and edge cases per kind of input, and proptest strategies that generate more.

use proptest::prelude::*;
use serde_json::{Value, json};

/// What kind of value an argument holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, names, emails, codes and choices.
    Text,
    /// A number, typed as text in a form or sent as a JSON number.
    Number,
    /// A calendar date (`YYYY-MM-DD`) or a time of day.
    Date,
    /// The key of a record.
    Id,
    /// A yes/no value.
    Flag,
}

/// SurrealQL injection attempts: every text and id argument gets each of them.
pub const INJECTIONS: &[&str] = &[
    "' OR true --",
    "\"; REMOVE TABLE account; --",
    "$auth",
    "type::thing('account', 'x')",
    "`; REMOVE TABLE pairing; `",
    "⟩; DELETE account; --",
];

/// More attempts, for the generated cases.
const MORE_INJECTIONS: &[&str] = &[
    "'; DELETE account; --",
    "$account",
    "type::record('account', $auth.id)",
    "account:⟨x⟩",
    "}); DELETE session; ({",
    "<string> (SELECT * FROM account)",
    "\" OR true --",
    "; DELETE account;",
    "$session",
    "`account`",
    "account:⟨x⟩; DELETE account",
    "account:*",
    "cohort:demo",
    "1; SELECT * FROM account",
    "->pairing->account",
    "NONE",
    "NULL",
];

/// Edge cases of text every text argument gets.
fn odd_texts() -> Vec<String> {
    vec![
        String::new(),
        "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}\r\n".into(),
        "Zoë Øster-Ålund 🇩🇰 \u{202e}مرحبا".into(),
        "ø".repeat(70_000),
    ]
}

/// More edge cases, for the generated cases.
fn more_odd_texts() -> Vec<String> {
    vec![
        " ".into(),
        "\0".into(),
        "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}".into(),
        "\r\n\t".into(),
        "\u{202e}gnp.exe".into(),
        "\u{feff}".into(),
        "Zoë Øster-Ålund 🇩🇰 👩‍👩‍👧".into(),
        "مرحبا".into(),
        "<script>alert(1)</script>".into(),
        "=HYPERLINK(\"http://evil.example\")".into(),
        "../../../etc/passwd".into(),
        "%00%27".into(),
        "{{7*7}}".into(),
        "\u{fffd}\u{d7ff}\u{e000}".into(),
        "a".repeat(10_000),
    ]
}

/// Numbers at and beyond the bounds of every integer type the functions use.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "256",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "1.5",
    "NaN",
    "٣",
];

/// Dates and times that are malformed, impossible or far out of range.
const DATES: &[&str] = &[
    "",
    "2027-02-30",
    "2027-13-01",
    "0000-00-00",
    "-2027-01-01",
    "99999-01-01",
    "2027-03-01T10:00:00Z",
    "d'2027-03-01'",
    "24:00",
    "2027-03-01' OR true --",
];

const FLAGS: &[&str] = &["", "yes", "' OR true"];

/// The fixed values for one kind, with `ids` (keys of real records of other
/// tables, and `table:key` forms of them) added to every id and text list.
pub fn fixed(kind: Kind, ids: &[String]) -> Vec<Value> {
    let strings: Vec<String> = match kind {
        Kind::Text => INJECTIONS
            .iter()
            .map(|s| (*s).to_owned())
            .chain(odd_texts())
            .collect(),
        Kind::Id => INJECTIONS
            .iter()
            .map(|s| (*s).to_owned())
            .chain(ids.iter().cloned())
            .chain([String::new(), "⟨⟩".into(), "x".repeat(65)])
            .collect(),
        Kind::Number => NUMBERS.iter().map(|s| (*s).to_owned()).collect(),
        Kind::Date => DATES.iter().map(|s| (*s).to_owned()).collect(),
        Kind::Flag => FLAGS.iter().map(|s| (*s).to_owned()).collect(),
    };
    strings.into_iter().map(Value::String).collect()
}

/// Values of the wrong JSON type, for arguments sent as JSON.
pub fn wrong_types() -> Vec<Value> {
    vec![json!(["' OR true --"]), json!({ "$auth": "x" })]
}

/// Generated values of the wrong JSON type.
fn wrong_type() -> BoxedStrategy<Value> {
    prop::sample::select(vec![
        Value::Null,
        json!(true),
        json!([]),
        json!({}),
        json!(-1),
        json!(u64::MAX),
        json!(1.0e300),
        json!(["' OR true --"]),
        json!({ "$auth": "x" }),
    ])
    .boxed()
}

/// Generated text: any unicode, control characters, long runs, and the attacks.
pub fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "\\PC{0,80}",
        1 => "[\\x00-\\x1f\\x7f]{1,12}",
        1 => ("[a-zA-Zæøå' ;\"`$⟨⟩:*-]{1,4}", 200usize..5_000).prop_map(|(unit, n)| unit.repeat(n / unit.len().max(1))),
        2 => prop::sample::select([INJECTIONS, MORE_INJECTIONS].concat()).prop_map(str::to_owned),
        1 => (prop::sample::select(MORE_INJECTIONS), "\\PC{0,20}").prop_map(|(attack, text)| format!("{text}{attack}")),
        1 => prop::sample::select(more_odd_texts()),
    ]
    .boxed()
}

/// A generated value of `kind`: a JSON number where the argument is one
/// (form values are always strings), and in JSON now and then a wrong type.
pub fn generated(kind: Kind, json: bool, number: bool) -> BoxedStrategy<Value> {
    if json {
        return prop_oneof![9 => generated_value(kind, number), 1 => wrong_type()].boxed();
    }
    generated_value(kind, false)
}

fn generated_value(kind: Kind, json_number: bool) -> BoxedStrategy<Value> {
    let as_string = |s: BoxedStrategy<String>| s.prop_map(Value::String).boxed();
    match kind {
        Kind::Text => as_string(text()),
        Kind::Id => as_string(
            prop_oneof![
                "[a-z0-9]{32}",
                "[a-zA-Z0-9_-]{0,70}",
                ("[a-z_]{1,12}", "\\PC{0,20}").prop_map(|(table, key)| format!("{table}:⟨{key}⟩")),
                text(),
            ]
            .boxed(),
        ),
        Kind::Number if json_number => prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
            (-300i64..300).prop_map(Value::from),
            "-?[0-9]{0,25}".prop_map(Value::String),
        ]
        .boxed(),
        Kind::Number => as_string(
            prop_oneof![
                "-?[0-9]{1,25}",
                any::<i64>().prop_map(|n| n.to_string()),
                any::<f64>().prop_map(|n| n.to_string()),
                "[0-9 .,-]{0,12}",
                text(),
            ]
            .boxed(),
        ),
        Kind::Date => as_string(
            prop_oneof![
                (-10_000i32..100_000, 0u32..15, 0u32..35)
                    .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
                "[0-9:/.T-]{0,20}",
                text(),
            ]
            .boxed(),
        ),
        Kind::Flag => as_string(prop_oneof!["true|false", text()].boxed()),
    }
}
