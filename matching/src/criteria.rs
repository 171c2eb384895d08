//! The criteria a pair is scored on. Each is a small function of the two profiles that
//! returns a fit in `0..=1000` and a [`Reason`]; a fit of 0 means the pair fails the
//! criterion, which rules the pair out when the criterion is a must-have.

pub mod availability;
pub mod distance;
pub mod education;
pub mod experience;
pub mod gender;
pub mod help;
pub mod industry;
pub mod language;
pub mod role;

use serde::{Deserialize, Serialize};

use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// The fit of a pair that meets a criterion fully.
pub const FULL_FIT: u16 = 1000;

/// One criterion's verdict on a pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// How well the pair fits, `0..=FULL_FIT`.
    pub fit: u16,
    pub reason: Reason,
}

impl Assessment {
    pub(crate) fn new(fit: u16, reason: Reason) -> Self {
        Self {
            fit: fit.min(FULL_FIT),
            reason,
        }
    }

    /// Whether the pair meets the criterion at all.
    pub fn passes(&self) -> bool {
        self.fit > 0
    }
}

/// A named criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// The mentor's industry against the mentee's target (or past) industries.
    Industry,
    /// The mentor's role against the mentee's target (or past) roles.
    Role,
    /// Education field.
    Education,
    /// The mentor's experience compared with the mentee's.
    Experience,
    /// A language both speak well enough for mentoring.
    Language,
    /// What the mentor offers against what the mentee asks for.
    Help,
    /// A common time of the week and way of meeting.
    Availability,
    /// Travel distance for meeting in person.
    Distance,
    /// The mentor gender the mentee asked for, if any.
    GenderPreference,
}

impl Criterion {
    /// Every criterion, in the order explanations list them.
    pub const ALL: [Criterion; 9] = [
        Criterion::Industry,
        Criterion::Role,
        Criterion::Education,
        Criterion::Experience,
        Criterion::Language,
        Criterion::Help,
        Criterion::Availability,
        Criterion::Distance,
        Criterion::GenderPreference,
    ];

    /// A stable code (the serde name), for storage and translation keys.
    pub const fn code(self) -> &'static str {
        match self {
            Criterion::Industry => "industry",
            Criterion::Role => "role",
            Criterion::Education => "education",
            Criterion::Experience => "experience",
            Criterion::Language => "language",
            Criterion::Help => "help",
            Criterion::Availability => "availability",
            Criterion::Distance => "distance",
            Criterion::GenderPreference => "gender_preference",
        }
    }

    /// Scores the pair on this criterion.
    pub fn assess(self, mentee: &Mentee, mentor: &Mentor) -> Assessment {
        match self {
            Criterion::Industry => industry::assess(mentee, mentor),
            Criterion::Role => role::assess(mentee, mentor),
            Criterion::Education => education::assess(mentee, mentor),
            Criterion::Experience => experience::assess(mentee, mentor),
            Criterion::Language => language::assess(mentee, mentor),
            Criterion::Help => help::assess(mentee, mentor),
            Criterion::Availability => availability::assess(mentee, mentor),
            Criterion::Distance => distance::assess(mentee, mentor),
            Criterion::GenderPreference => gender::assess(mentee, mentor),
        }
    }
}
