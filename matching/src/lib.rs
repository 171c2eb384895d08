//! Mentorbro's matching engine: explainable compatibility scores between mentees and
//! mentors, and an exact optimal assignment under the coordinator's rules.
pub mod assignment;
mod solver;

pub use assignment::{
    Assignment, AssignmentError, Candidate, Instance, MAX_SCORE, Mode, Pair, Scores, Unmatched,
    UnmatchedReason, solve,
};
