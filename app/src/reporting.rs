//! Reporting: the figures the programme is judged on, for a cohort or a
//! programme's year, as the coordinators' dashboard, the funder report and
//! its CSV export show them, and the privacy-safe subset partners see.
//!
//! The arithmetic lives in [`kpi`] (plain functions over plain rows, each
//! saying exactly what it counts), the region table in [`country`], the
//! partners' suppression of small numbers in [`partner_view`]; the database
//! side is `backend::reporting`.

pub mod country;
mod functions;
pub mod kpi;
pub mod lines;
pub mod partner_view;
pub mod survey_tally;
pub mod tally;

pub use functions::*;

use serde::{Deserialize, Serialize};

use crate::surveys::OutcomeMoment;
use crate::surveys::summary::SurveyFigures;

/// The share of mentees in work the programme aims at, unless a programme
/// sets its own (the Danish programme it is measured against reaches 70 %).
pub const DEFAULT_WORK_TARGET: u32 = 70;
/// Where the funder report's figures download as CSV (`?cohort=ID` or
/// `?programme=SLUG&year=YYYY`, and `lang=en|da`).
pub const REPORT_CSV_PATH: &str = "/coordinator/report/figures.csv";
/// The moments whose employment the dashboard compares with the target.
pub const WORK_MOMENTS: [OutcomeMoment; 3] = [
    OutcomeMoment::End,
    OutcomeMoment::FollowUp3m,
    OutcomeMoment::FollowUp6m,
];

/// What a report covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    Cohort {
        id: String,
    },
    /// Every cohort of a programme that starts in `year`.
    Year {
        programme: String,
        year: i32,
    },
}

impl Scope {
    /// The query string of this scope, for links to the report and its CSV.
    pub fn query(&self) -> String {
        match self {
            Scope::Cohort { id } => format!("cohort={id}"),
            Scope::Year { programme, year } => format!("programme={programme}&year={year}"),
        }
    }
}

/// A part of a whole, e.g. mentees in work of those with an outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub part: u32,
    pub whole: u32,
}

impl Share {
    /// Whole percent, rounded; `None` when the whole is zero (shown as "–").
    pub fn percent(self) -> Option<u32> {
        (self.whole > 0).then(|| {
            let part = self.part.min(self.whole);
            (f64::from(part) * 100.0 / f64::from(self.whole)).round() as u32
        })
    }
}

/// From applicants to completed, and who dropped out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub applicants: u32,
    pub accepted: u32,
    pub matched: u32,
    pub active: u32,
    pub completed: u32,
    pub dropped: u32,
}

/// How many times a reason was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCount {
    /// `withdrew` (the mentee withdrew their application) or an end-of-match
    /// reason code (`job_found`, `moved_away`, …).
    pub reason: String,
    pub count: u32,
}

/// Meetings and introductions of the pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Pairs published to both sides, including those that ended.
    pub pairs: u32,
    /// Meetings both sides confirmed.
    pub meetings: u32,
    pub meetings_per_pair: Option<f64>,
    /// Running pairs without a meeting for their cohort's quiet weeks.
    pub quiet_pairs: u32,
    pub introductions: u32,
    pub introductions_per_pair: Option<f64>,
}

/// Workshops that have taken place (begun and not cancelled).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopFigures {
    pub held: u32,
    /// Answers "coming", summed over the workshops.
    pub said_coming: u32,
    /// People checked in at the door, summed over the workshops.
    pub attended: u32,
    /// Checked in of those who said they were coming.
    pub turnout: Share,
}

/// Employment at one moment, of the mentees with an outcome recorded then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MomentFigures {
    pub moment: OutcomeMoment,
    /// Any kind of work (ordinary or subsidised job, internship, own company).
    pub in_work: Share,
    /// Ordinary jobs only.
    pub ordinary: Share,
    /// Of those in work who said, the job matches their education.
    pub matches_education: Share,
    /// The family still lives in the Aarhus area.
    pub in_aarhus: Share,
}

/// What a breakdown groups mentees by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakdownKind {
    Partner,
    CountryGroup,
    Education,
    Danish,
}

impl BreakdownKind {
    pub const ALL: [BreakdownKind; 4] = [
        BreakdownKind::Partner,
        BreakdownKind::CountryGroup,
        BreakdownKind::Education,
        BreakdownKind::Danish,
    ];
}

/// One group of a breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownRow {
    /// A partner's name, a country-group, education-level or language-level
    /// code, or `not_stated`.
    pub group: String,
    pub applicants: u32,
    pub accepted: u32,
    pub completed: u32,
    /// In any work at the end, of those with an outcome at the end.
    pub in_work_end: Share,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub kind: BreakdownKind,
    pub rows: Vec<BreakdownRow>,
}

/// Everything the dashboard and the report show, computed by [`kpi::figures`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub funnel: Funnel,
    /// Why mentees dropped out, most frequent first.
    pub dropped_reasons: Vec<ReasonCount>,
    /// Why published matches ended early (also those followed by a new mentor).
    pub ended_matches: Vec<ReasonCount>,
    pub activity: Activity,
    pub workshops: WorkshopFigures,
    /// At the end, +3 and +6 months.
    pub work: Vec<MomentFigures>,
    pub breakdowns: Vec<Breakdown>,
}

/// A cohort's or a programme year's dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub scope: Scope,
    /// The cohort's name, or the programme's name and the year.
    pub title: String,
    pub programme: String,
    pub programme_name: String,
    /// Cohorts covered: `(id, name)`.
    pub cohorts: Vec<(String, String)>,
    /// Percent of mentees in work the programme aims at.
    pub target: u32,
    /// `YYYY-MM-DD`: the day the figures were computed.
    pub as_of: String,
    pub figures: Figures,
    /// Each cohort's surveys: response rate and Likert means.
    pub surveys: Vec<SurveyFigures>,
}

/// A programme and the years its cohorts start in, for the chooser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeYears {
    pub slug: String,
    pub name: String,
    pub years: Vec<i32>,
    pub target: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_nothing_has_no_percent() {
        assert_eq!(Share { part: 0, whole: 0 }.percent(), None);
        assert_eq!(Share { part: 2, whole: 3 }.percent(), Some(67));
        assert_eq!(Share { part: 5, whole: 5 }.percent(), Some(100));
    }

    #[test]
    fn scopes_make_query_strings() {
        assert_eq!(Scope::Cohort { id: "c1".into() }.query(), "cohort=c1");
        assert_eq!(
            Scope::Year {
                programme: "aarhus-spouses".into(),
                year: 2027
            }
            .query(),
            "programme=aarhus-spouses&year=2027"
        );
    }
}
