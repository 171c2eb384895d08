//! Language: can they talk comfortably? The best language both speak well enough.

use super::Assessment;
use crate::language::{LanguageSkill, same_name};
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let mut best: Option<(u16, &LanguageSkill, &LanguageSkill)> = None;
    for theirs in &mentee.languages {
        let same = |l: &&LanguageSkill| same_name(&l.language, &theirs.language);
        for ours in mentor.languages.iter().filter(same) {
            let comfort = theirs.level.comfort().min(ours.level.comfort());
            // Strictly better only, so the mentee's own order breaks ties.
            if comfort > 0 && best.is_none_or(|(b, _, _)| comfort > b) {
                best = Some((comfort, theirs, ours));
            }
        }
    }
    match best {
        Some((fit, theirs, ours)) => Assessment::new(
            fit,
            Reason::SharedLanguage {
                language: theirs.language.trim().to_string(),
                level: theirs.level.min(ours.level),
            },
        ),
        None => Assessment::new(0, Reason::NoCommonLanguage),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::LanguageLevel::{self, *};

    fn mentee(langs: &[(&str, LanguageLevel)]) -> Mentee {
        Mentee {
            languages: langs
                .iter()
                .map(|&(l, v)| LanguageSkill::new(l, v))
                .collect(),
            ..Mentee::default()
        }
    }

    fn mentor(langs: &[(&str, LanguageLevel)]) -> Mentor {
        Mentor {
            languages: langs
                .iter()
                .map(|&(l, v)| LanguageSkill::new(l, v))
                .collect(),
            ..Mentor::default()
        }
    }

    #[test]
    fn picks_the_most_comfortable_shared_language() {
        let a = assess(
            &mentee(&[("English", Conversational), ("German", Native)]),
            &mentor(&[("english", Native), ("German", Fluent), ("Danish", Native)]),
        );
        assert_eq!(a.fit, Fluent.comfort());
        assert_eq!(
            a.reason,
            Reason::SharedLanguage {
                language: "German".into(),
                level: Fluent
            }
        );
    }

    #[test]
    fn danish_at_module_two_is_not_enough() {
        let a = assess(
            &mentee(&[("Danish", Module2)]),
            &mentor(&[("Danish", Native)]),
        );
        assert_eq!(a.reason, Reason::NoCommonLanguage);
        assert!(!a.passes());
    }

    #[test]
    fn danish_at_module_five_works() {
        assert!(
            assess(
                &mentee(&[("Danish", Module5)]),
                &mentor(&[("Danish", Native)])
            )
            .passes()
        );
    }

    #[test]
    fn no_languages_listed() {
        assert!(!assess(&Mentee::default(), &Mentor::default()).passes());
    }
}
