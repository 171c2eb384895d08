//! Languages and how well someone speaks them.

use serde::{Deserialize, Serialize};

/// How well someone speaks a language.
///
/// Danish follows the Danish-education modules (Danskuddannelse): `Module1` to `Module5`
/// sit between `Basic` and `Fluent`, so one ordered scale serves every language; other
/// languages use `None`, `Basic`, `Conversational`, `Fluent` and `Native`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LanguageLevel {
    #[default]
    None,
    Basic,
    Module1,
    Module2,
    Module3,
    Conversational,
    Module4,
    Module5,
    Fluent,
    Native,
}

impl LanguageLevel {
    /// Whether two people at this level can hold a mentoring conversation.
    pub fn can_mentor_in(self) -> bool {
        self >= LanguageLevel::Conversational
    }

    /// How comfortable a conversation at this level is, 0..=1000.
    pub(crate) fn comfort(self) -> u16 {
        match self {
            LanguageLevel::None
            | LanguageLevel::Basic
            | LanguageLevel::Module1
            | LanguageLevel::Module2
            | LanguageLevel::Module3 => 0,
            LanguageLevel::Conversational | LanguageLevel::Module4 => 600,
            LanguageLevel::Module5 => 750,
            LanguageLevel::Fluent => 900,
            LanguageLevel::Native => 1000,
        }
    }
}

/// A language someone speaks, e.g. `("German", Fluent)`. Names are compared
/// case-insensitively, so "english" and "English" are the same language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageSkill {
    pub language: String,
    pub level: LanguageLevel,
}

impl LanguageSkill {
    pub fn new(language: impl Into<String>, level: LanguageLevel) -> Self {
        Self {
            language: language.into(),
            level,
        }
    }
}

/// The form in which free-text names (languages, industries, roles, fields) are compared:
/// trimmed, inner whitespace collapsed, lower case.
pub fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether two names are the same once [`normalise`]d, without allocating.
pub fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // The usual case, and the hot path when scoring a cohort: word by word.
        let (mut x, mut y) = (a.split_ascii_whitespace(), b.split_ascii_whitespace());
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
                _ => return false,
            }
        }
    }
    folded(a).eq(folded(b))
}

fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().enumerate().flat_map(|(k, word)| {
        (k > 0)
            .then_some(' ')
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_modules_sit_between_basic_and_fluent() {
        assert!(LanguageLevel::Basic < LanguageLevel::Module1);
        assert!(LanguageLevel::Module5 < LanguageLevel::Fluent);
        assert!(!LanguageLevel::Module2.can_mentor_in());
        assert!(LanguageLevel::Module4.can_mentor_in());
    }

    #[test]
    fn names_compare_ignoring_case_and_spacing() {
        assert_eq!(
            normalise("  Information   Technology "),
            "information technology"
        );
        assert_eq!(normalise("IT"), normalise("it"));
        assert!(same_name(" Life  Science", "life science"));
        assert!(!same_name("Life science", "Life sciences"));
        assert!(same_name("", "  "));
        assert!(same_name("Øresund  Logistik", "øresund logistik"));
    }
}
