//! Cohorts and their matching board: who takes part, who is paired with whom,
//! which pairs are locked or ruled out, and what the engine suggests.

mod functions;

pub use functions::*;

use mentorbro_matching::{Weight, Weights};
use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_SHORT, parse_date, parse_number, text_problem};

/// Where a browser listens for changes to a board: `EVENTS_PATH/COHORT`.
pub const EVENTS_PATH: &str = "/events/board";

/// Where a cohort is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortStatus {
    #[default]
    Planning,
    Matching,
    Running,
    Completed,
}

impl CohortStatus {
    pub const ALL: [CohortStatus; 4] = [
        CohortStatus::Planning,
        CohortStatus::Matching,
        CohortStatus::Running,
        CohortStatus::Completed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CohortStatus::Planning => "planning",
            CohortStatus::Matching => "matching",
            CohortStatus::Running => "running",
            CohortStatus::Completed => "completed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// A cohort as the coordinator types it: dates and places as text, so
/// nothing typed is lost when a check fails.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CohortForm {
    /// The programme's slug.
    pub programme: String,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`.
    pub end: String,
    pub places: String,
    pub status: CohortStatus,
    pub weights: Weights,
}

/// The longest course a cohort may run, in days (a year).
pub const MAX_COHORT_DAYS: i64 = 366;

impl CohortForm {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        if !crate::programmes::is_slug(self.programme.trim()) {
            add("programme", Problem::Required);
        }
        if let Some(problem) = text_problem(&self.name, true, MAX_SHORT) {
            add("name", problem);
        }
        let start = parse_date(&self.start);
        let end = parse_date(&self.end);
        if start.is_none() {
            add("start", Problem::Date);
        }
        if end.is_none() {
            add("end", Problem::Date);
        }
        if let (Some(start), Some(end)) = (start, end)
            && (end <= start || (end - start).whole_days() > MAX_COHORT_DAYS)
        {
            add("end", Problem::EndBeforeStart);
        }
        if parse_number(&self.places, 1, 1000).is_none() {
            add("places", Problem::Number { min: 1, max: 1000 });
        }
        if self.weights.validate().is_err() {
            add("weights", Problem::Malformed);
        }
        problems
    }
}

/// A cohort with its counts, as the coordinator's lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    pub id: String,
    pub programme: String,
    pub programme_name: String,
    pub name: String,
    pub start: String,
    pub end: String,
    pub places: u32,
    pub status: CohortStatus,
    pub weights: Weights,
    pub mentees: u32,
    pub mentors: u32,
    pub pairs: u32,
    pub published_pairs: u32,
}

impl Cohort {
    pub fn form(&self) -> CohortForm {
        CohortForm {
            programme: self.programme.clone(),
            name: self.name.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            places: self.places.to_string(),
            status: self.status,
            weights: self.weights.clone(),
        }
    }
}

/// A weight as one choice in a form: `"0"`…`"10"` or `"must"`.
pub fn weight_code(weight: Weight) -> String {
    match weight {
        Weight::MustHave => "must".to_owned(),
        Weight::Points(points) => points.to_string(),
    }
}

pub fn weight_from_code(code: &str) -> Option<Weight> {
    match code {
        "must" => Some(Weight::MustHave),
        points => points
            .parse::<u8>()
            .ok()
            .filter(|points| *points <= mentorbro_matching::weights::MAX_POINTS)
            .map(Weight::Points),
    }
}

/// A person on the board, with what the coordinator filters and reads by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPerson {
    pub id: String,
    pub name: String,
    /// Mentees: the industries they aim for; mentors: their industry.
    pub industry: String,
    /// Mentees: the roles they aim for; mentors: role and company.
    pub role: String,
    /// Languages the person can work in, by name.
    pub languages: Vec<String>,
    pub partner: Option<String>,
    /// Mentors: how many mentees they take in this cohort.
    pub capacity: u8,
}

/// The people of a board and every pair's score. Scores change only when
/// people or weights do, so this is read once per visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPeople {
    pub cohort: Cohort,
    pub mentees: Vec<BoardPerson>,
    pub mentors: Vec<BoardPerson>,
    /// Row by mentee, column by mentor: the fit in percent (0–100), or
    /// [`IMPOSSIBLE`] where a must-have fails.
    pub fit: Vec<u8>,
}

/// A fit that breaks a must-have.
pub const IMPOSSIBLE: u8 = u8::MAX;

impl BoardPeople {
    /// The fit of mentee `mentee` with mentor `mentor` (indices), `None` when impossible.
    pub fn fit_of(&self, mentee: usize, mentor: usize) -> Option<u8> {
        self.fit
            .get(mentee * self.mentors.len() + mentor)
            .copied()
            .filter(|fit| *fit != IMPOSSIBLE)
    }
}

/// A pair on the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub mentee: String,
    pub mentor: String,
    pub locked: bool,
    pub published: bool,
}

/// One line of the board's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEvent {
    /// Seconds since the epoch.
    pub at: i64,
    pub actor_name: String,
    pub action: BoardAction,
    pub mentee: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What a board change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardAction {
    Assign,
    Unassign,
    Lock,
    Unlock,
    Forbid,
    Allow,
    Publish,
    /// A published match ended before the cohort's end.
    End,
}

impl BoardAction {
    pub const ALL: [BoardAction; 8] = [
        BoardAction::Assign,
        BoardAction::Unassign,
        BoardAction::Lock,
        BoardAction::Unlock,
        BoardAction::Forbid,
        BoardAction::Allow,
        BoardAction::Publish,
        BoardAction::End,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BoardAction::Assign => "assign",
            BoardAction::Unassign => "unassign",
            BoardAction::Lock => "lock",
            BoardAction::Unlock => "unlock",
            BoardAction::Forbid => "forbid",
            BoardAction::Allow => "allow",
            BoardAction::Publish => "publish",
            BoardAction::End => "end",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }
}

/// What changes while people work on a board: pairs, ruled-out pairs,
/// history and who is looking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardState {
    pub pairings: Vec<Pairing>,
    /// `(mentee, mentor)`.
    pub forbidden: Vec<(String, String)>,
    /// Newest first.
    pub history: Vec<BoardEvent>,
    /// Names of the coordinators who have the board open, the caller excluded.
    pub viewers: Vec<String>,
}

impl BoardState {
    pub fn mentor_of(&self, mentee: &str) -> Option<&Pairing> {
        self.pairings.iter().find(|pair| pair.mentee == mentee)
    }

    pub fn load_of(&self, mentor: &str) -> usize {
        self.pairings
            .iter()
            .filter(|pair| pair.mentor == mentor)
            .count()
    }

    pub fn is_forbidden(&self, mentee: &str, mentor: &str) -> bool {
        self.forbidden
            .iter()
            .any(|(a, b)| a == mentee && b == mentor)
    }
}

/// One pair the engine proposes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mentee: String,
    pub mentor: String,
    /// Fit in percent.
    pub fit: u8,
}

/// Why a pair scores what it does, worded for the reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairExplanation {
    pub fit: Option<u8>,
    /// Criteria the pair fails that the cohort requires.
    pub failed: Vec<String>,
    /// One line per criterion.
    pub lines: Vec<String>,
}

/// How many people a publication told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub pairs: u32,
    pub messages: u32,
}

/// A pair as its mentee or mentor sees it once published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMatch {
    pub cohort_name: String,
    pub start: String,
    pub end: String,
    /// The other person.
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Mentor: role and company; mentee: what they aim for.
    pub about: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CohortForm {
        CohortForm {
            programme: "aarhus-spouses".into(),
            name: "Spring 2027".into(),
            start: "2027-02-01".into(),
            end: "2027-05-31".into(),
            places: "35".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_cohort_is_valid() {
        assert_eq!(form().problems(), vec![]);
    }

    #[test]
    fn end_before_start_and_bad_places_are_named() {
        let mut f = form();
        f.end = "2027-01-01".into();
        f.places = "0".into();
        f.name = " ".into();
        let fields: Vec<_> = f.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "end", "places"]);
        f.end = "2028-06-01".into();
        assert!(f.problems().iter().any(|p| p.field == "end"));
    }

    #[test]
    fn weight_codes_round_trip_and_reject_out_of_range() {
        for weight in [Weight::MustHave, Weight::Points(0), Weight::Points(10)] {
            assert_eq!(weight_from_code(&weight_code(weight)), Some(weight));
        }
        assert_eq!(weight_from_code("11"), None);
        assert_eq!(weight_from_code("-1"), None);
        assert_eq!(weight_from_code("must-have"), None);
    }

    #[test]
    fn state_counts_load_and_forbidden_pairs() {
        let pair = |mentee: &str, mentor: &str| Pairing {
            mentee: mentee.into(),
            mentor: mentor.into(),
            locked: false,
            published: false,
        };
        let state = BoardState {
            pairings: vec![pair("a", "x"), pair("b", "x"), pair("c", "y")],
            forbidden: vec![("a".into(), "y".into())],
            ..Default::default()
        };
        assert_eq!(state.load_of("x"), 2);
        assert_eq!(state.load_of("z"), 0);
        assert_eq!(state.mentor_of("c").map(|p| p.mentor.as_str()), Some("y"));
        assert!(state.is_forbidden("a", "y"));
        assert!(!state.is_forbidden("y", "a"));
    }
}
