//! The coordinator's problem: match mentees to mentors for the highest total score.
//!
//! Rules: each mentee gets at most one mentor; each mentor at most its capacity; locked
//! pairs are kept (and use capacity); forbidden pairs never appear; pairs scoring below
//! the minimum are not made. [`Mode::MaxMatchedThenScore`] first matches as many mentees
//! as possible and only then maximises the score. The result is an exact optimum and the
//! same input always gives the same output.

mod error;
mod prepare;

use serde::{Deserialize, Serialize};

pub use error::AssignmentError;

/// Largest score a single pair may have; keeps all sums exact in `i64`.
pub const MAX_SCORE: i64 = 1_000_000_000;

/// What the assignment maximises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The total score of the matched pairs; a mentee may stay unmatched if matching them
    /// would cost a better pair elsewhere.
    #[default]
    MaxScore,
    /// First the number of matched mentees, then the total score among those matchings.
    MaxMatchedThenScore,
}

/// The score of one allowed (mentee, mentor) pair, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub mentee: usize,
    pub mentor: usize,
    pub score: i64,
}

/// Scores of the pairs that may be matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scores {
    /// Every pair is allowed; `mentees × mentors` scores, row by row (mentee-major).
    Dense(Vec<i64>),
    /// Only the listed pairs are allowed (pairs failing a must-have are simply absent).
    Sparse(Vec<Candidate>),
}

/// An assignment problem: who may be matched with whom, at what score, under which rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    pub mentees: usize,
    pub mentors: usize,
    pub scores: Scores,
    /// Mentees each mentor can take; 0 means "no room this round".
    pub capacities: Vec<u32>,
    /// (mentee, mentor) pairs that must be kept.
    #[serde(default)]
    pub locks: Vec<(usize, usize)>,
    /// (mentee, mentor) pairs that must never be made.
    #[serde(default)]
    pub forbidden: Vec<(usize, usize)>,
    /// Pairs scoring below this are not made (locked pairs excepted).
    #[serde(default)]
    pub min_score: i64,
    #[serde(default)]
    pub mode: Mode,
}

impl Instance {
    /// An instance where every pair is allowed, each mentor with capacity 1 and no rules.
    pub fn dense(mentees: usize, mentors: usize, scores: Vec<i64>) -> Self {
        Self {
            mentees,
            mentors,
            scores: Scores::Dense(scores),
            capacities: vec![1; mentors],
            locks: Vec::new(),
            forbidden: Vec::new(),
            min_score: 0,
            mode: Mode::MaxScore,
        }
    }
}

/// A mentee matched with a mentor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub mentee: usize,
    pub mentor: usize,
    /// The pair's score; a locked pair with no score (it failed a must-have) counts 0.
    pub score: i64,
    /// Kept because the coordinator locked it.
    pub locked: bool,
}

/// Why a mentee has no mentor in the assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// No mentor passes this mentee's must-have criteria.
    NoMentorPassesMustHaves,
    /// Every mentor who passes is on this mentee's "never pair" list.
    AllCandidatesForbidden,
    /// Every remaining candidate scores below the minimum score.
    AllCandidatesBelowMinimum,
    /// Every remaining candidate is full (capacity 0, or used up by locked pairs).
    AllCandidatesFull,
    /// Candidates exist, but the best overall assignment gives them to other mentees.
    BetterOverallAssignment,
}

impl UnmatchedReason {
    /// A stable code (the serde name), for storage and translation keys.
    pub const fn code(self) -> &'static str {
        match self {
            UnmatchedReason::NoMentorPassesMustHaves => "no_mentor_passes_must_haves",
            UnmatchedReason::AllCandidatesForbidden => "all_candidates_forbidden",
            UnmatchedReason::AllCandidatesBelowMinimum => "all_candidates_below_minimum",
            UnmatchedReason::AllCandidatesFull => "all_candidates_full",
            UnmatchedReason::BetterOverallAssignment => "better_overall_assignment",
        }
    }
}

/// A mentee left without a mentor, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub mentee: usize,
    pub reason: UnmatchedReason,
}

/// An optimal assignment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Matched pairs, ordered by mentee.
    pub pairs: Vec<Pair>,
    /// Mentees without a mentor, ordered by mentee.
    pub unmatched: Vec<Unmatched>,
    /// Sum of the scores of all pairs (locked ones included).
    pub total_score: i64,
}

impl Assignment {
    /// The mentor of each mentee (`None` when unmatched), indexed by mentee.
    pub fn mentor_of(&self, mentees: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; mentees];
        for p in &self.pairs {
            if let Some(slot) = out.get_mut(p.mentee) {
                *slot = Some(p.mentor);
            }
        }
        out
    }
}

/// Finds an optimal assignment, or explains why the instance is invalid.
///
/// Errors are about the input (sizes, ranges, locks that contradict forbids, each other or
/// capacities); an instance that is valid always has an answer, possibly with nobody
/// matched.
pub fn solve(instance: &Instance) -> Result<Assignment, AssignmentError> {
    prepare::solve(instance)
}
