//! English text for reasons, criteria and unmatched mentees, as a coordinator reads them.

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
        Criterion::Industry => "Industry",
        Criterion::Role => "Role",
        Criterion::Education => "Education",
        Criterion::Experience => "Experience",
        Criterion::Language => "Language",
        Criterion::Help => "Help offered",
        Criterion::Availability => "Availability",
        Criterion::Distance => "Distance",
        Criterion::GenderPreference => "Gender preference",
    }
}

pub fn help(h: Help) -> &'static str {
    match h {
        Help::CvAndLinkedin => "CV and LinkedIn review",
        Help::NetworkIntroductions => "network introductions",
        Help::InterviewPractice => "interview practice",
        Help::IndustryInsight => "industry insight",
        Help::DanishWorkplaceCulture => "Danish workplace culture",
    }
}

pub fn level(l: LanguageLevel) -> &'static str {
    match l {
        LanguageLevel::None => "none",
        LanguageLevel::Basic => "basic",
        LanguageLevel::Module1 => "module 1",
        LanguageLevel::Module2 => "module 2",
        LanguageLevel::Module3 => "module 3",
        LanguageLevel::Conversational => "conversational",
        LanguageLevel::Module4 => "module 4",
        LanguageLevel::Module5 => "module 5",
        LanguageLevel::Fluent => "fluent",
        LanguageLevel::Native => "native",
    }
}

pub fn time(t: MeetingTime) -> &'static str {
    match t {
        MeetingTime::WeekdayDaytime => "weekday daytime",
        MeetingTime::WeekdayEvening => "weekday evenings",
        MeetingTime::Weekend => "weekends",
    }
}

pub fn mode(m: MeetingMode) -> &'static str {
    match m {
        MeetingMode::InPerson => "in person",
        MeetingMode::Online => "online",
    }
}

/// "a", "a and b", "a, b and c".
fn list<T: Copy>(items: &[T], name: impl Fn(T) -> &'static str) -> String {
    let names: Vec<&str> = items.iter().map(|&i| name(i)).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// One reason as a short English phrase.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::SharedTargetIndustry { industry } => {
            format!("mentor works in {industry}, an industry the mentee is aiming for")
        }
        Reason::IndustryFromBackground { industry } => {
            format!("mentor works in {industry}, where the mentee has worked before")
        }
        Reason::DifferentIndustry { mentor_industry } if mentor_industry.is_empty() => {
            "mentor's industry is not given".to_string()
        }
        Reason::DifferentIndustry { mentor_industry } => {
            format!("mentor works in {mentor_industry}, not an industry the mentee named")
        }
        Reason::SameTargetRole { role } => {
            format!("mentor works as {role}, the role the mentee is aiming for")
        }
        Reason::RoleFromBackground { role } => {
            format!("mentor works as {role}, a role the mentee has held")
        }
        Reason::RelatedRole {
            mentor_role,
            mentee_role,
        } => {
            format!("mentor's role ({mentor_role}) is related to the mentee's goal ({mentee_role})")
        }
        Reason::DifferentRole { mentor_role } if mentor_role.is_empty() => {
            "mentor's role is not given".to_string()
        }
        Reason::DifferentRole { mentor_role } => {
            format!("mentor's role ({mentor_role}) is unrelated to the mentee's goals")
        }
        Reason::SameEducationField { field } => format!("both studied {field}"),
        Reason::EducationFieldMatchesIndustry { field } => {
            format!("mentee studied {field}, the mentor's industry")
        }
        Reason::DifferentEducationField => "different fields of education".to_string(),
        Reason::MentorMoreExperienced {
            mentor_years,
            mentee_years,
        } => {
            format!("mentor has {mentor_years} years of experience, mentee {mentee_years}")
        }
        Reason::SimilarExperience {
            mentor_years,
            mentee_years,
        } => {
            format!("similar experience: mentor {mentor_years} years, mentee {mentee_years}")
        }
        Reason::MentorLessExperienced {
            mentor_years,
            mentee_years,
        } => {
            format!(
                "mentor has less experience ({mentor_years} years) than the mentee ({mentee_years})"
            )
        }
        Reason::SharedLanguage { language, level: l } => {
            format!("shared language: {language} ({})", level(*l))
        }
        Reason::NoCommonLanguage => "no language both speak well enough".to_string(),
        Reason::HelpOffered { offered, missing } if missing.is_empty() => {
            format!("mentor offers {}, as the mentee asks", list(offered, help))
        }
        Reason::HelpOffered { offered, missing } => format!(
            "mentor offers {}, as the mentee asks, but not {}",
            list(offered, help),
            list(missing, help)
        ),
        Reason::NoHelpOffered { wanted } => format!(
            "mentor does not offer {}, which the mentee asks for",
            list(wanted, help)
        ),
        Reason::NoHelpRequested => "mentee has not asked for anything in particular".to_string(),
        Reason::CommonAvailability { times, modes } => {
            format!(
                "both can meet {}, {}",
                list(times, time),
                list(modes, mode).replace(" and ", " or ")
            )
        }
        Reason::NoCommonTime => "no time of the week suits both".to_string(),
        Reason::NoCommonMeetingMode => {
            "one can only meet in person, the other only online".to_string()
        }
        Reason::WithinTravel {
            km,
            same_area: true,
        } => format!("live in the same area ({km} km apart)"),
        Reason::WithinTravel {
            km,
            same_area: false,
        } => format!("live {km} km apart"),
        Reason::TooFar {
            km,
            limit_km,
            online_possible: true,
        } => {
            format!("{km} km apart, beyond the mentee's {limit_km} km, but they can meet online")
        }
        Reason::TooFar {
            km,
            limit_km,
            online_possible: false,
        } => {
            format!("{km} km apart, beyond the mentee's {limit_km} km")
        }
        Reason::MeetsOnlineOnly => "they will meet online, so distance does not matter".to_string(),
        Reason::NoGenderPreference => {
            "mentee has no preference for the mentor's gender".to_string()
        }
        Reason::GenderPreferenceMet => "mentor's gender is as the mentee asked".to_string(),
        Reason::GenderPreferenceNotMet => "mentee asked for a mentor of another gender".to_string(),
    }
}

/// Why a mentee is unmatched.
pub fn unmatched(r: UnmatchedReason) -> &'static str {
    match r {
        UnmatchedReason::NoMentorPassesMustHaves => "no mentor meets this mentee's must-haves",
        UnmatchedReason::AllCandidatesForbidden => {
            "every suitable mentor is on the mentee's never-pair list"
        }
        UnmatchedReason::AllCandidatesBelowMinimum => {
            "every suitable mentor scores below the minimum score"
        }
        UnmatchedReason::AllCandidatesFull => "every suitable mentor is full",
        UnmatchedReason::BetterOverallAssignment => {
            "suitable mentors exist, but the best overall matching gives them to other mentees"
        }
    }
}

/// The explanation as lines, e.g. `Industry +8000 (weight 8): mentor works in IT, …`,
/// preceded by the total or by the must-haves the pair fails.
pub fn lines(e: &Explanation) -> Vec<String> {
    let head = if e.is_possible() {
        format!("Score {}", e.total)
    } else {
        let failed: Vec<&str> = e.failed_must_haves.iter().map(|&c| criterion(c)).collect();
        format!("Not possible: fails the must-have {}", failed.join(", "))
    };
    let body = e.criteria.iter().map(|c| {
        let weight = match c.weight {
            Weight::MustHave => "must-have".to_string(),
            Weight::Points(p) => format!("weight {p}"),
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

    #[test]
    fn reasons_read_as_english() {
        let r = Reason::SharedLanguage {
            language: "German".into(),
            level: LanguageLevel::Fluent,
        };
        assert_eq!(reason(&r), "shared language: German (fluent)");
        let r = Reason::HelpOffered {
            offered: vec![
                Help::InterviewPractice,
                Help::CvAndLinkedin,
                Help::IndustryInsight,
            ],
            missing: vec![Help::NetworkIntroductions],
        };
        assert_eq!(
            reason(&r),
            "mentor offers interview practice, CV and LinkedIn review and industry insight, as the mentee asks, \
             but not network introductions"
        );
        let r = Reason::CommonAvailability {
            times: vec![MeetingTime::WeekdayEvening],
            modes: vec![MeetingMode::InPerson, MeetingMode::Online],
        };
        assert_eq!(
            reason(&r),
            "both can meet weekday evenings, in person or online"
        );
    }
}
