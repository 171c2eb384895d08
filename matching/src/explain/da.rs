//! Danish text for reasons, criteria and unmatched mentees, as a coordinator reads them.

use crate::assignment::UnmatchedReason;
use crate::criteria::Criterion;
use crate::help::Help;
use crate::language::LanguageLevel;
use crate::profile::{MeetingMode, MeetingTime};
use crate::reason::Reason;
use crate::score::Explanation;
use crate::weights::Weight;

/// The criterion's name.
pub fn criterion(c: Criterion) -> &'static str {
    match c {
        Criterion::Industry => "Branche",
        Criterion::Role => "Rolle",
        Criterion::Education => "Uddannelse",
        Criterion::Experience => "Erfaring",
        Criterion::Language => "Sprog",
        Criterion::Help => "Hjælp tilbudt",
        Criterion::Availability => "Tilgængelighed",
        Criterion::Distance => "Afstand",
        Criterion::GenderPreference => "Kønspræference",
    }
}

pub fn help(h: Help) -> &'static str {
    match h {
        Help::CvAndLinkedin => "gennemgang af CV og LinkedIn",
        Help::NetworkIntroductions => "introduktioner til netværk",
        Help::InterviewPractice => "træning i jobsamtaler",
        Help::IndustryInsight => "indsigt i en branche",
        Help::DanishWorkplaceCulture => "forståelse af dansk arbejdspladskultur",
    }
}

/// The level; modules are those of the Danish education (danskuddannelse).
pub fn level(l: LanguageLevel) -> &'static str {
    match l {
        LanguageLevel::None => "ingen",
        LanguageLevel::Basic => "begynder",
        LanguageLevel::Module1 => "modul 1",
        LanguageLevel::Module2 => "modul 2",
        LanguageLevel::Module3 => "modul 3",
        LanguageLevel::Conversational => "samtaleniveau",
        LanguageLevel::Module4 => "modul 4",
        LanguageLevel::Module5 => "modul 5",
        LanguageLevel::Fluent => "flydende",
        LanguageLevel::Native => "modersmål",
    }
}

pub fn time(t: MeetingTime) -> &'static str {
    match t {
        MeetingTime::WeekdayDaytime => "hverdage i dagtimerne",
        MeetingTime::WeekdayEvening => "hverdagsaftener",
        MeetingTime::Weekend => "weekender",
    }
}

pub fn mode(m: MeetingMode) -> &'static str {
    match m {
        MeetingMode::InPerson => "fysisk fremmøde",
        MeetingMode::Online => "online",
    }
}

/// "a", "a `conj` b", "a, b `conj` c".
fn join(names: &[&str], conj: &str) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {conj} {last}", rest.join(", ")),
    }
}

/// "a", "a og b", "a, b og c".
fn list<T: Copy>(items: &[T], name: impl Fn(T) -> &'static str) -> String {
    let names: Vec<&str> = items.iter().map(|&i| name(i)).collect();
    join(&names, "og")
}

/// "a", "a eller b", "a, b eller c": alternatives, and what is denied after "ikke".
fn alternatives<T: Copy>(items: &[T], name: impl Fn(T) -> &'static str) -> String {
    let names: Vec<&str> = items.iter().map(|&i| name(i)).collect();
    join(&names, "eller")
}

/// One reason as a short Danish phrase.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::SharedTargetIndustry { industry } => {
            format!("mentor arbejder inden for {industry}, som mentee gerne vil ind i")
        }
        Reason::IndustryFromBackground { industry } => {
            format!("mentor arbejder inden for {industry}, hvor mentee har arbejdet før")
        }
        Reason::DifferentIndustry { mentor_industry } if mentor_industry.is_empty() => {
            "mentors branche er ikke oplyst".to_string()
        }
        Reason::DifferentIndustry { mentor_industry } => {
            format!("mentor arbejder inden for {mentor_industry}, som mentee ikke har nævnt")
        }
        Reason::SameTargetRole { role } => {
            format!("mentor arbejder som {role}, den rolle mentee sigter mod")
        }
        Reason::RoleFromBackground { role } => {
            format!("mentor arbejder som {role}, en rolle mentee selv har haft")
        }
        Reason::RelatedRole {
            mentor_role,
            mentee_role,
        } => {
            format!("mentors rolle ({mentor_role}) er beslægtet med mentees mål ({mentee_role})")
        }
        Reason::DifferentRole { mentor_role } if mentor_role.is_empty() => {
            "mentors rolle er ikke oplyst".to_string()
        }
        Reason::DifferentRole { mentor_role } => {
            format!("mentors rolle ({mentor_role}) er ikke beslægtet med mentees mål")
        }
        Reason::SameEducationField { field } => {
            format!("begge har en uddannelse inden for {field}")
        }
        Reason::EducationFieldMatchesIndustry { field } => {
            format!("mentee har en uddannelse inden for {field}, som er mentors branche")
        }
        Reason::DifferentEducationField => "forskellige uddannelsesretninger".to_string(),
        Reason::MentorMoreExperienced {
            mentor_years,
            mentee_years,
        } => {
            format!("mentor har {mentor_years} års erfaring, mentee {mentee_years}")
        }
        Reason::SimilarExperience {
            mentor_years,
            mentee_years,
        } => {
            format!("omtrent samme erfaring: mentor {mentor_years} år, mentee {mentee_years}")
        }
        Reason::MentorLessExperienced {
            mentor_years,
            mentee_years,
        } => {
            format!("mentor har mindre erfaring ({mentor_years} år) end mentee ({mentee_years})")
        }
        Reason::SharedLanguage { language, level: l } => {
            format!("fælles sprog: {language} ({})", level(*l))
        }
        Reason::NoCommonLanguage => "intet sprog, som begge taler godt nok".to_string(),
        Reason::HelpOffered { offered, missing } if missing.is_empty() => {
            format!("mentor tilbyder {}, som mentee ønsker", list(offered, help))
        }
        Reason::HelpOffered { offered, missing } => format!(
            "mentor tilbyder {}, som mentee ønsker, men ikke {}",
            list(offered, help),
            alternatives(missing, help)
        ),
        Reason::NoHelpOffered { wanted } if wanted.len() > 1 => format!(
            "mentor tilbyder hverken {}, som mentee ønsker",
            alternatives(wanted, help)
        ),
        Reason::NoHelpOffered { wanted } => format!(
            "mentor tilbyder ikke {}, som mentee ønsker",
            list(wanted, help)
        ),
        Reason::NoHelpRequested => "mentee har ikke bedt om noget bestemt".to_string(),
        Reason::CommonAvailability { times, modes } => {
            format!(
                "begge kan mødes: {}; {}",
                list(times, time),
                alternatives(modes, mode)
            )
        }
        Reason::NoCommonTime => "intet tidspunkt på ugen passer begge".to_string(),
        Reason::NoCommonMeetingMode => {
            "den ene kan kun mødes fysisk, den anden kun online".to_string()
        }
        Reason::WithinTravel {
            km,
            same_area: true,
        } => format!("bor i samme område ({km} km fra hinanden)"),
        Reason::WithinTravel {
            km,
            same_area: false,
        } => format!("bor {km} km fra hinanden"),
        Reason::TooFar {
            km,
            limit_km,
            online_possible: true,
        } => {
            format!(
                "{km} km fra hinanden, mere end mentees grænse på {limit_km} km, \
                 men de kan mødes online"
            )
        }
        Reason::TooFar {
            km,
            limit_km,
            online_possible: false,
        } => {
            format!("{km} km fra hinanden, mere end mentees grænse på {limit_km} km")
        }
        Reason::MeetsOnlineOnly => "de mødes online, så afstanden betyder ikke noget".to_string(),
        Reason::NoGenderPreference => "mentee har ingen præference for mentors køn".to_string(),
        Reason::GenderPreferenceMet => "mentors køn er, som mentee ønskede".to_string(),
        Reason::GenderPreferenceNotMet => "mentee har ønsket en mentor af et andet køn".to_string(),
    }
}

/// Why a mentee is unmatched.
pub fn unmatched(r: UnmatchedReason) -> &'static str {
    match r {
        UnmatchedReason::NoMentorPassesMustHaves => "ingen mentor opfylder denne mentees skal-krav",
        UnmatchedReason::AllCandidatesForbidden => {
            "alle egnede mentorer er på listen over mentorer, denne mentee aldrig må sættes sammen med"
        }
        UnmatchedReason::AllCandidatesBelowMinimum => {
            "alle egnede mentorer scorer under minimumsscoren"
        }
        UnmatchedReason::AllCandidatesFull => "alle egnede mentorer er fuldt optaget",
        UnmatchedReason::BetterOverallAssignment => {
            "der er egnede mentorer, men den bedste samlede matchning giver dem til andre mentees"
        }
    }
}

/// The explanation as lines, e.g. `Branche +8000 (vægt 8): mentor arbejder inden for IT, …`,
/// preceded by the total or by the must-haves the pair fails.
pub fn lines(e: &Explanation) -> Vec<String> {
    let head = if e.is_possible() {
        format!("Score {}", e.total)
    } else {
        let failed: Vec<&str> = e.failed_must_haves.iter().map(|&c| criterion(c)).collect();
        let noun = if failed.len() == 1 {
            "skal-kravet"
        } else {
            "skal-kravene"
        };
        format!("Ikke muligt: opfylder ikke {noun} {}", join(&failed, "og"))
    };
    let body = e.criteria.iter().map(|c| {
        let weight = match c.weight {
            Weight::MustHave => "skal-krav".to_string(),
            Weight::Points(p) => format!("vægt {p}"),
        };
        format!(
            "{} +{} ({weight}): {}",
            criterion(c.criterion),
            c.contribution,
            reason(&c.reason)
        )
    });
    std::iter::once(head).chain(body).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::en;
    use crate::language::LanguageSkill;
    use crate::profile::{Availability, Mentee, Mentor};
    use crate::weights::Weights;

    /// One reason of every kind, with parameters a coordinator would see.
    fn representative_reasons() -> Vec<Reason> {
        vec![
            Reason::SharedTargetIndustry {
                industry: "IT".into(),
            },
            Reason::IndustryFromBackground {
                industry: "Life science".into(),
            },
            Reason::DifferentIndustry {
                mentor_industry: String::new(),
            },
            Reason::DifferentIndustry {
                mentor_industry: "Finance".into(),
            },
            Reason::SameTargetRole {
                role: "Data analyst".into(),
            },
            Reason::RoleFromBackground {
                role: "Nurse".into(),
            },
            Reason::RelatedRole {
                mentor_role: "Business analyst".into(),
                mentee_role: "Data analyst".into(),
            },
            Reason::DifferentRole {
                mentor_role: String::new(),
            },
            Reason::DifferentRole {
                mentor_role: "Chef".into(),
            },
            Reason::SameEducationField {
                field: "Computer science".into(),
            },
            Reason::EducationFieldMatchesIndustry {
                field: "Nursing".into(),
            },
            Reason::DifferentEducationField,
            Reason::MentorMoreExperienced {
                mentor_years: 12,
                mentee_years: 3,
            },
            Reason::SimilarExperience {
                mentor_years: 5,
                mentee_years: 4,
            },
            Reason::MentorLessExperienced {
                mentor_years: 2,
                mentee_years: 8,
            },
            Reason::SharedLanguage {
                language: "English".into(),
                level: LanguageLevel::Fluent,
            },
            Reason::NoCommonLanguage,
            Reason::HelpOffered {
                offered: vec![Help::CvAndLinkedin],
                missing: vec![],
            },
            Reason::HelpOffered {
                offered: vec![Help::InterviewPractice],
                missing: vec![Help::NetworkIntroductions],
            },
            Reason::NoHelpOffered {
                wanted: vec![Help::IndustryInsight],
            },
            Reason::NoHelpOffered {
                wanted: vec![Help::IndustryInsight, Help::DanishWorkplaceCulture],
            },
            Reason::NoHelpRequested,
            Reason::CommonAvailability {
                times: vec![MeetingTime::WeekdayDaytime, MeetingTime::Weekend],
                modes: vec![MeetingMode::Online],
            },
            Reason::NoCommonTime,
            Reason::NoCommonMeetingMode,
            Reason::WithinTravel {
                km: 3,
                same_area: true,
            },
            Reason::WithinTravel {
                km: 12,
                same_area: false,
            },
            Reason::TooFar {
                km: 45,
                limit_km: 30,
                online_possible: true,
            },
            Reason::TooFar {
                km: 45,
                limit_km: 30,
                online_possible: false,
            },
            Reason::MeetsOnlineOnly,
            Reason::NoGenderPreference,
            Reason::GenderPreferenceMet,
            Reason::GenderPreferenceNotMet,
        ]
    }

    #[test]
    fn reasons_read_as_danish() {
        let r = Reason::SharedLanguage {
            language: "tysk".into(),
            level: LanguageLevel::Fluent,
        };
        assert_eq!(reason(&r), "fælles sprog: tysk (flydende)");
        let r = Reason::SharedLanguage {
            language: "dansk".into(),
            level: LanguageLevel::Module4,
        };
        assert_eq!(reason(&r), "fælles sprog: dansk (modul 4)");
        let r = Reason::MentorMoreExperienced {
            mentor_years: 12,
            mentee_years: 3,
        };
        assert_eq!(reason(&r), "mentor har 12 års erfaring, mentee 3");
        let r = Reason::TooFar {
            km: 45,
            limit_km: 30,
            online_possible: true,
        };
        assert_eq!(
            reason(&r),
            "45 km fra hinanden, mere end mentees grænse på 30 km, men de kan mødes online"
        );
        assert_eq!(
            reason(&Reason::DifferentIndustry {
                mentor_industry: String::new()
            }),
            "mentors branche er ikke oplyst"
        );
    }

    #[test]
    fn lists_join_with_og_and_denials_with_eller() {
        let r = Reason::HelpOffered {
            offered: vec![
                Help::InterviewPractice,
                Help::CvAndLinkedin,
                Help::IndustryInsight,
            ],
            missing: vec![Help::NetworkIntroductions, Help::DanishWorkplaceCulture],
        };
        assert_eq!(
            reason(&r),
            "mentor tilbyder træning i jobsamtaler, gennemgang af CV og LinkedIn og indsigt i en \
             branche, som mentee ønsker, men ikke introduktioner til netværk eller forståelse af \
             dansk arbejdspladskultur"
        );
        let r = Reason::NoHelpOffered {
            wanted: vec![Help::InterviewPractice],
        };
        assert_eq!(
            reason(&r),
            "mentor tilbyder ikke træning i jobsamtaler, som mentee ønsker"
        );
        let r = Reason::NoHelpOffered {
            wanted: vec![
                Help::InterviewPractice,
                Help::IndustryInsight,
                Help::NetworkIntroductions,
            ],
        };
        assert_eq!(
            reason(&r),
            "mentor tilbyder hverken træning i jobsamtaler, indsigt i en branche eller \
             introduktioner til netværk, som mentee ønsker"
        );
        let r = Reason::CommonAvailability {
            times: vec![
                MeetingTime::WeekdayDaytime,
                MeetingTime::WeekdayEvening,
                MeetingTime::Weekend,
            ],
            modes: vec![MeetingMode::InPerson, MeetingMode::Online],
        };
        assert_eq!(
            reason(&r),
            "begge kan mødes: hverdage i dagtimerne, hverdagsaftener og weekender; \
             fysisk fremmøde eller online"
        );
        assert_eq!(list(&[MeetingTime::Weekend], time), "weekender");
        assert_eq!(list::<MeetingTime>(&[], time), "");
    }

    #[test]
    fn every_reason_and_unmatched_reason_is_translated() {
        for r in representative_reasons() {
            let (da, en) = (reason(&r), en::reason(&r));
            assert!(!da.is_empty(), "{r:?}");
            assert_ne!(da, en, "{r:?} is not translated");
        }
        for u in [
            UnmatchedReason::NoMentorPassesMustHaves,
            UnmatchedReason::AllCandidatesForbidden,
            UnmatchedReason::AllCandidatesBelowMinimum,
            UnmatchedReason::AllCandidatesFull,
            UnmatchedReason::BetterOverallAssignment,
        ] {
            assert_ne!(unmatched(u), en::unmatched(u), "{u:?} is not translated");
        }
        for c in Criterion::ALL {
            assert_ne!(criterion(c), en::criterion(c), "{c:?} is not translated");
        }
    }

    fn mentee(languages: Vec<LanguageSkill>, times: Vec<MeetingTime>) -> Mentee {
        Mentee {
            target_industries: vec!["IT".into()],
            languages,
            help_wanted: vec![Help::InterviewPractice],
            availability: Availability {
                times,
                modes: vec![],
            },
            ..Mentee::default()
        }
    }

    fn mentor() -> Mentor {
        Mentor {
            industry: "it".into(),
            languages: vec![LanguageSkill::new("Danish", LanguageLevel::Native)],
            offers: vec![Help::InterviewPractice],
            availability: Availability {
                times: vec![MeetingTime::WeekdayEvening],
                modes: vec![],
            },
            capacity: 1,
            ..Mentor::default()
        }
    }

    #[test]
    fn lines_have_a_head_and_one_line_per_criterion() {
        let danish = vec![LanguageSkill::new("Danish", LanguageLevel::Fluent)];
        let e = crate::explain(
            &mentee(danish, vec![MeetingTime::WeekdayEvening]),
            &mentor(),
            &Weights::default(),
        );
        assert!(e.is_possible());
        let da = lines(&e);
        assert_eq!(da.len(), e.criteria.len() + 1);
        assert_eq!(da.len(), en::lines(&e).len());
        assert_eq!(da[0], format!("Score {}", e.total));
        assert_eq!(
            da[1],
            "Branche +8000 (vægt 8): mentor arbejder inden for it, som mentee gerne vil ind i"
        );
        assert!(da.contains(&"Sprog +9000 (skal-krav): fælles sprog: Danish (flydende)".into()));
        for (line, c) in da[1..].iter().zip(&e.criteria) {
            assert!(line.starts_with(criterion(c.criterion)), "{line}");
        }
    }

    #[test]
    fn impossible_pair_names_the_failed_must_haves() {
        let german = vec![LanguageSkill::new("German", LanguageLevel::Native)];
        let e = crate::explain(
            &mentee(german.clone(), vec![MeetingTime::Weekend]),
            &mentor(),
            &Weights::default(),
        );
        assert!(!e.is_possible());
        let da = lines(&e);
        assert_eq!(da.len(), e.criteria.len() + 1);
        assert_eq!(da.len(), en::lines(&e).len());
        assert_eq!(
            da[0],
            "Ikke muligt: opfylder ikke skal-kravene Sprog og Tilgængelighed"
        );
        let e = crate::explain(
            &mentee(german, vec![MeetingTime::WeekdayEvening]),
            &mentor(),
            &Weights::default(),
        );
        assert_eq!(lines(&e)[0], "Ikke muligt: opfylder ikke skal-kravet Sprog");
    }
}
