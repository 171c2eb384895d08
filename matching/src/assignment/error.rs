//! Why an instance cannot be solved as given.

use super::MAX_SCORE;

/// Why an instance cannot be solved as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    #[error("{what} has {got} entries, expected {expected}")]
    WrongLength {
        what: &'static str,
        got: usize,
        expected: usize,
    },
    #[error("pair (mentee {mentee}, mentor {mentor}) is out of range")]
    PairOutOfRange { mentee: usize, mentor: usize },
    #[error("pair (mentee {mentee}, mentor {mentor}) has more than one score")]
    DuplicatePair { mentee: usize, mentor: usize },
    #[error("score {score} of (mentee {mentee}, mentor {mentor}) is outside 0..={MAX_SCORE}")]
    ScoreOutOfRange {
        mentee: usize,
        mentor: usize,
        score: i64,
    },
    #[error("minimum score {0} is outside 0..={MAX_SCORE}")]
    MinimumOutOfRange(i64),
    #[error("mentee {mentee} is locked to both mentor {first} and mentor {second}")]
    ConflictingLocks {
        mentee: usize,
        first: usize,
        second: usize,
    },
    #[error("locked pair (mentee {mentee}, mentor {mentor}) is also forbidden")]
    LockedAndForbidden { mentee: usize, mentor: usize },
    #[error("mentor {mentor} has {locked} locked mentees but capacity {capacity}")]
    LocksExceedCapacity {
        mentor: usize,
        locked: usize,
        capacity: u32,
    },
    #[error("instance too large for exact integer arithmetic")]
    TooLarge,
}
