//! The self-service portal: mentee applications and mentor profiles, their
//! status, and the coordinator's view of them.

mod functions;
pub mod matching;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod store;

pub use functions::*;

use serde::{Deserialize, Serialize};

pub use profile::{MenteeProfile, MentorProfile};

/// Where the browser posts a CV and reads it back (`/files/cv/ACCOUNT`).
pub const CV_PATH: &str = "/files/cv";
/// The largest CV accepted, in megabytes.
pub const MAX_CV_MB: u32 = 5;

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    Accepted,
    Waitlisted,
    Declined,
    InCohort,
    Completed,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Submitted,
        Status::Accepted,
        Status::Waitlisted,
        Status::Declined,
        Status::InCohort,
        Status::Completed,
        Status::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Accepted => "accepted",
            Status::Waitlisted => "waitlisted",
            Status::Declined => "declined",
            Status::InCohort => "in_cohort",
            Status::Completed => "completed",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.code() == code)
    }

    /// Whether the person can still change their answers.
    pub fn is_editable(self) -> bool {
        !matches!(
            self,
            Status::Declined | Status::Completed | Status::Withdrawn
        )
    }

    /// Whether the person can withdraw from here.
    pub fn can_withdraw(self) -> bool {
        !matches!(
            self,
            Status::Declined | Status::Completed | Status::Withdrawn
        )
    }
}

/// A mentee's or mentor's answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "answers", rename_all = "snake_case")]
pub enum Answers {
    Mentee(MenteeProfile),
    Mentor(MentorProfile),
}

/// An uploaded CV, as its owner and coordinators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvInfo {
    pub file_name: String,
    pub size_bytes: u64,
    /// Seconds since the epoch.
    pub uploaded_at: i64,
}

/// An application with its status, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub account: String,
    pub answers: Answers,
    pub status: Status,
    /// The mentee step to resume at (1-based).
    pub step: u8,
    pub partner_name: Option<String>,
    pub cv: Option<CvInfo>,
    /// Seconds since the epoch.
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// The coordinator's reason for a decline or waitlisting.
    pub status_reason: Option<String>,
}

/// One line of the coordinator's list of applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub account: String,
    pub name: String,
    pub kind: String,
    pub status: Status,
    pub partner_name: Option<String>,
    pub submitted_at: Option<i64>,
    /// Mentees: the industries they aim for; mentors: their industry.
    pub industry: String,
    /// Languages the person works in (Danish from module 3).
    pub languages: Vec<String>,
    /// Names of the cohorts the person is in.
    pub cohorts: Vec<String>,
}

/// The coordinator's list of applications: which ones, and how many.
/// Every field is optional, and an empty one is not a filter. The server
/// checks each and names the one it cannot read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationQuery {
    /// `mentee` or `mentor`.
    pub kind: Option<String>,
    /// A status code other than `draft`.
    pub status: Option<String>,
    /// The id of the partner who referred them.
    pub partner: Option<String>,
    /// A language they work in, whole, in any case.
    pub language: Option<String>,
    /// Part of their industry, in any case.
    pub industry: Option<String>,
    /// Part of their name or email, in any case.
    pub search: Option<String>,
    /// Submitted on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Submitted on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// How many rows at most: 1 to 1000, 50 when not given.
    pub limit: Option<String>,
}

/// Rows of the coordinator's list, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationPage {
    pub rows: Vec<ApplicationSummary>,
    /// More applications match than the rows shown.
    pub more: bool,
}

/// A partner organisation people can pick when they were referred.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerChoice {
    pub id: String,
    pub name: String,
}
