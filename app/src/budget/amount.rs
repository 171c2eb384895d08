//! Amounts of Danish kroner as people type them and as the page shows them.
//! Money is kept as whole øre (1 krone = 100 øre) in an `i64`, so sums are exact.
//!
//! Accepted, in Danish and English habits alike: `450000`, `450.000`,
//! `450.000,50`, `450,000.50`, `1234.50`, `1234,5`, `1 234,50`, with or without
//! `kr.`, `kr` or `DKK` around them. A lone `.` or `,` followed by exactly three
//! digits groups thousands (øre never have three digits); followed by one or
//! two digits it is the decimal mark. When both marks appear, the last one is
//! the decimal mark. Anything else (groups of the wrong size, a mark used both
//! ways, three decimals, letters) is refused rather than guessed at.

use serde::{Deserialize, Serialize};

/// Øre in one krone.
pub const ORE_PER_KRONE: i64 = 100;
/// The largest amount accepted anywhere: DKK 100 million.
pub const MAX_ORE: i64 = 100_000_000 * ORE_PER_KRONE;

/// Why a typed amount was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountError {
    /// Nothing typed.
    Empty,
    /// A minus sign: amounts are never negative.
    Negative,
    /// Not an amount, or one that could be read two ways.
    Unreadable,
    /// More than [`MAX_ORE`].
    TooLarge,
}

/// How a language writes an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `450.000,00 kr.`
    Danish,
    /// `DKK 450,000.00`
    English,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Removes one `kr.`, `kr` or `DKK` before or after the number.
fn without_currency(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    for suffix in ["kr.", "kr", "dkk"] {
        if lower.ends_with(suffix) && text.is_char_boundary(text.len() - suffix.len()) {
            return text[..text.len() - suffix.len()].trim_end_matches(is_space);
        }
    }
    for prefix in ["dkk", "kr."] {
        if lower.starts_with(prefix) && text.is_char_boundary(prefix.len()) {
            return text[prefix.len()..].trim_start_matches(is_space);
        }
    }
    text
}

/// Digits of a whole-kroner part, grouped by `group` (spaces count as one kind).
fn whole_kroner(part: &str, group: Option<char>) -> Result<i64, AmountError> {
    let groups: Vec<&str> = match group {
        Some(' ') => part.split(is_space).collect(),
        Some(mark) => part.split(mark).collect(),
        None => vec![part],
    };
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return Err(AmountError::Unreadable);
    }
    if groups.len() > 1 {
        let first = groups[0];
        let leading_zero = first.starts_with('0');
        if first.len() > 3 || leading_zero || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(AmountError::Unreadable);
        }
    }
    let mut kroner: i64 = 0;
    for digit in groups.concat().bytes() {
        kroner = kroner
            .checked_mul(10)
            .and_then(|k| k.checked_add(i64::from(digit - b'0')))
            .filter(|k| *k <= MAX_ORE / ORE_PER_KRONE)
            .ok_or(AmountError::TooLarge)?;
    }
    Ok(kroner)
}

/// The øre of one or two decimals.
fn decimals(part: &str) -> Result<i64, AmountError> {
    let bytes = part.as_bytes();
    match bytes {
        [a] if a.is_ascii_digit() => Ok(i64::from(a - b'0') * 10),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Ok(i64::from(a - b'0') * 10 + i64::from(b - b'0'))
        }
        _ => Err(AmountError::Unreadable),
    }
}

/// Reads a typed amount of kroner as øre. Never panics, whatever the input.
pub fn parse_amount(text: &str) -> Result<i64, AmountError> {
    let text = without_currency(text.trim_matches(is_space).trim());
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.starts_with(['-', '−', '–']) || text.ends_with('-') {
        return Err(AmountError::Negative);
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
    {
        return Err(AmountError::Unreadable);
    }
    let has_spaces = text.chars().any(is_space);
    let last_dot = text.rfind('.');
    let last_comma = text.rfind(',');
    let count = |mark: char| text.chars().filter(|c| *c == mark).count();
    // The decimal mark, if any, and the mark grouping thousands.
    let (decimal, group): (Option<char>, Option<char>) = match (last_dot, last_comma) {
        (Some(dot), Some(comma)) => {
            let (decimal, group) = if dot > comma { ('.', ',') } else { (',', '.') };
            if count(decimal) != 1 || has_spaces {
                return Err(AmountError::Unreadable);
            }
            (Some(decimal), Some(group))
        }
        (Some(_), None) | (None, Some(_)) => {
            let mark = if last_dot.is_some() { '.' } else { ',' };
            let after = text.rsplit(mark).next().unwrap_or_default();
            if count(mark) > 1 {
                if has_spaces {
                    return Err(AmountError::Unreadable);
                }
                (None, Some(mark))
            } else if after.len() == 3 && !has_spaces {
                (None, Some(mark))
            } else {
                (Some(mark), has_spaces.then_some(' '))
            }
        }
        (None, None) => (None, has_spaces.then_some(' ')),
    };
    let (whole, fraction) = match decimal {
        Some(mark) => match text.rsplit_once(mark) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => return Err(AmountError::Unreadable),
        },
        None => (text, None),
    };
    let kroner = whole_kroner(whole, group)?;
    let ore = fraction.map(decimals).transpose()?.unwrap_or(0);
    let total = kroner * ORE_PER_KRONE + ore;
    if total > MAX_ORE {
        return Err(AmountError::TooLarge);
    }
    Ok(total)
}

/// Whole kroner with thousands grouped by `mark`.
fn grouped(kroner: u64, mark: char) -> String {
    let digits = kroner.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(digit);
    }
    out
}

/// The number alone, without the currency: `450.000,00` / `450,000.00`.
pub fn format_number(style: Style, ore: i64) -> String {
    let sign = if ore < 0 { "−" } else { "" };
    let ore = ore.unsigned_abs();
    let (kroner, rest) = (ore / 100, ore % 100);
    match style {
        Style::Danish => format!("{sign}{},{rest:02}", grouped(kroner, '.')),
        Style::English => format!("{sign}{}.{rest:02}", grouped(kroner, ',')),
    }
}

/// An amount as the language writes it: `450.000,00 kr.` / `DKK 450,000.00`.
/// A negative amount (an overspent line's remainder) gets a minus sign.
pub fn format_amount(style: Style, ore: i64) -> String {
    let number = format_number(style, ore);
    match style {
        Style::Danish => format!("{number} kr."),
        Style::English => match number.strip_prefix('−') {
            Some(positive) => format!("−DKK {positive}"),
            None => format!("DKK {number}"),
        },
    }
}

/// An amount as it is typed into a form to change it: `450000,50` / `450000.50`,
/// whole kroner without decimals.
pub fn amount_input(style: Style, ore: i64) -> String {
    let ore = ore.max(0);
    let (kroner, rest) = (ore / 100, ore % 100);
    let mark = match style {
        Style::Danish => ',',
        Style::English => '.',
    };
    if rest == 0 {
        kroner.to_string()
    } else {
        format!("{kroner}{mark}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn danish_and_english_habits_are_read() {
        for (typed, ore) in [
            ("450000", 45_000_000),
            ("450.000", 45_000_000),
            ("450.000,50", 45_000_050),
            ("450,000.50", 45_000_050),
            ("1234.50", 123_450),
            ("1234,50", 123_450),
            ("1234,5", 123_450),
            ("1 234,50", 123_450),
            ("1\u{a0}234,50", 123_450),
            ("1 234", 123_400),
            ("1.234.567", 123_456_700),
            ("1,234,567.89", 123_456_789),
            ("450.000,00 kr.", 45_000_000),
            ("DKK 450,000.00", 45_000_000),
            ("  12 kr ", 1_200),
            ("dkk 12", 1_200),
            ("0", 0),
            ("0,05", 5),
            ("100000000", MAX_ORE),
        ] {
            assert_eq!(parse_amount(typed), Ok(ore), "{typed}");
        }
    }

    #[test]
    fn ambiguous_negative_and_garbage_are_refused() {
        for typed in [
            "1.23.456",
            "1,234.567,00",
            "1.234,567",
            "1 234.567",
            "1 234,567",
            "12.3456",
            "1,2345",
            "0.500.000",
            "1.234.56",
            "1,234,5",
            "1.000,000.00",
            "1.2.3",
            ",50",
            "1.",
            "1,,5",
            "12a",
            "one",
            "1e5",
            "+5",
            "1 000 00",
        ] {
            assert_eq!(parse_amount(typed), Err(AmountError::Unreadable), "{typed}");
        }
        for typed in ["-5", "−1.234,50", "- 12", "5-"] {
            assert_eq!(parse_amount(typed), Err(AmountError::Negative), "{typed}");
        }
        for typed in ["", "   ", "kr", "DKK"] {
            assert!(
                matches!(
                    parse_amount(typed),
                    Err(AmountError::Empty | AmountError::Unreadable)
                ),
                "{typed}"
            );
        }
        assert_eq!(parse_amount(""), Err(AmountError::Empty));
        assert_eq!(parse_amount("100000000,01"), Err(AmountError::TooLarge));
        assert_eq!(
            parse_amount("99999999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn amounts_are_written_the_way_each_language_writes_them() {
        assert_eq!(format_amount(Style::Danish, 45_000_000), "450.000,00 kr.");
        assert_eq!(format_amount(Style::English, 45_000_000), "DKK 450,000.00");
        assert_eq!(format_amount(Style::Danish, 123_405), "1.234,05 kr.");
        assert_eq!(format_amount(Style::English, 5), "DKK 0.05");
        assert_eq!(format_amount(Style::English, -150_000), "−DKK 1,500.00");
        assert_eq!(format_amount(Style::Danish, -150_000), "−1.500,00 kr.");
        assert_eq!(amount_input(Style::Danish, 123_450), "1234,50");
        assert_eq!(amount_input(Style::English, 123_400), "1234");
    }

    fn style() -> impl Strategy<Value = Style> {
        prop_oneof![Just(Style::Danish), Just(Style::English)]
    }

    proptest! {
        #[test]
        fn formatted_amounts_read_back_the_same(ore in 0..=MAX_ORE, style in style()) {
            prop_assert_eq!(parse_amount(&format_amount(style, ore)), Ok(ore));
            prop_assert_eq!(parse_amount(&format_number(style, ore)), Ok(ore));
            prop_assert_eq!(parse_amount(&amount_input(style, ore)), Ok(ore));
        }

        #[test]
        fn the_parser_never_panics(text in any::<String>()) {
            let _ = parse_amount(&text);
        }

        #[test]
        fn the_parser_never_panics_on_near_amounts(text in "[-−0-9 .,\u{a0}krDK]{0,24}") {
            if let Ok(ore) = parse_amount(&text) {
                prop_assert!((0..=MAX_ORE).contains(&ore));
            }
        }
    }
}
