//! Why a criterion scored a pair as it did: a code with parameters, never a sentence, so
//! the app can render it in English ([`crate::explain::en`]) or Danish.

use serde::{Deserialize, Serialize};

use crate::help::Help;
use crate::language::LanguageLevel;
use crate::profile::{MeetingMode, MeetingTime};

/// The reason behind one criterion's contribution. Names in parameters keep the
/// spelling from the mentor's or mentee's profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The mentor works in an industry the mentee is aiming for.
    SharedTargetIndustry {
        industry: String,
    },
    /// The mentor works in an industry the mentee has worked in.
    IndustryFromBackground {
        industry: String,
    },
    DifferentIndustry {
        mentor_industry: String,
    },

    /// The mentor has the role the mentee is aiming for.
    SameTargetRole {
        role: String,
    },
    /// The mentor has a role the mentee has held.
    RoleFromBackground {
        role: String,
    },
    /// The roles share a key word, e.g. "Data analyst" and "Business analyst".
    RelatedRole {
        mentor_role: String,
        mentee_role: String,
    },
    DifferentRole {
        mentor_role: String,
    },

    SameEducationField {
        field: String,
    },
    /// The mentee studied the field the mentor works in.
    EducationFieldMatchesIndustry {
        field: String,
    },
    DifferentEducationField,

    MentorMoreExperienced {
        mentor_years: u8,
        mentee_years: u8,
    },
    SimilarExperience {
        mentor_years: u8,
        mentee_years: u8,
    },
    MentorLessExperienced {
        mentor_years: u8,
        mentee_years: u8,
    },

    /// The best language both speak well enough; `level` is the lower of the two.
    SharedLanguage {
        language: String,
        level: LanguageLevel,
    },
    NoCommonLanguage,

    /// The mentor offers some of the help the mentee asked for.
    HelpOffered {
        offered: Vec<Help>,
        missing: Vec<Help>,
    },
    NoHelpOffered {
        wanted: Vec<Help>,
    },
    NoHelpRequested,

    CommonAvailability {
        times: Vec<MeetingTime>,
        modes: Vec<MeetingMode>,
    },
    NoCommonTime,
    NoCommonMeetingMode,

    WithinTravel {
        km: u16,
        same_area: bool,
    },
    TooFar {
        km: u16,
        limit_km: u16,
        online_possible: bool,
    },
    /// They can only meet online, so distance does not matter.
    MeetsOnlineOnly,

    NoGenderPreference,
    GenderPreferenceMet,
    GenderPreferenceNotMet,
}
