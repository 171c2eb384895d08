//! What the engine knows about mentees and mentors: only what matters for a match.
//!
//! Profiles carry no names or contact details; the app keeps those and refers to
//! profiles by their position in the slices it passes in.

use serde::{Deserialize, Serialize};

use crate::help::Help;
use crate::language::LanguageSkill;

/// A spouse in the programme, looking for a mentor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentee {
    /// Industries the mentee wants to work in, e.g. "IT", "Life science".
    pub target_industries: Vec<String>,
    /// Roles the mentee is aiming for, e.g. "Data analyst".
    pub target_roles: Vec<String>,
    pub education: Education,
    pub background: Background,
    pub languages: Vec<LanguageSkill>,
    /// What the mentee would like help with.
    pub help_wanted: Vec<Help>,
    pub availability: Availability,
    pub location: Location,
    /// How far the mentee will travel to meet in person; `None` uses
    /// [`DEFAULT_MAX_TRAVEL_KM`](crate::criteria::distance::DEFAULT_MAX_TRAVEL_KM).
    pub max_travel_km: Option<u16>,
    /// The mentor gender the mentee asked for, if they asked.
    pub mentor_gender: Option<Gender>,
}

/// A volunteer from local business.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentor {
    pub industry: String,
    pub role: String,
    /// Years of professional experience.
    pub years_experience: u8,
    pub education: Education,
    pub languages: Vec<LanguageSkill>,
    /// What the mentor can help with.
    pub offers: Vec<Help>,
    pub availability: Availability,
    pub location: Location,
    pub gender: Option<Gender>,
    /// How many mentees the mentor can take this round: usually 1, sometimes 2–3; 0 means
    /// no room.
    pub capacity: u8,
}

/// A mentee's working life before moving to Aarhus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Background {
    /// Years of professional experience.
    pub years: u8,
    pub industries: Vec<String>,
    pub roles: Vec<String>,
}

/// Highest completed education.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Education {
    /// Field of study, e.g. "Computer science", "Nursing".
    pub field: String,
    pub level: EducationLevel,
}

/// Level of education, in increasing order.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    #[default]
    None,
    UpperSecondary,
    Vocational,
    Bachelor,
    Master,
    Doctorate,
}

/// When and how someone can meet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Availability {
    pub times: Vec<MeetingTime>,
    pub modes: Vec<MeetingMode>,
}

/// A part of the week when meetings can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingTime {
    WeekdayDaytime,
    WeekdayEvening,
    Weekend,
}

/// How meetings can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingMode {
    InPerson,
    Online,
}

/// Where someone lives or works, as a coordinator would say it ("Aarhus C", "Skejby"),
/// with a position on a flat map in kilometres (the app derives it from the postcode,
/// e.g. relative to Aarhus City Hall) so distances can be measured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Location {
    pub area: String,
    pub east_km: f32,
    pub north_km: f32,
}

impl Location {
    /// Straight-line distance in kilometres.
    pub fn distance_km(&self, other: &Location) -> f32 {
        (self.east_km - other.east_km).hypot(self.north_km - other.north_km)
    }
}

/// Gender, only used when a mentee asks for a mentor of a given gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    NonBinary,
}
