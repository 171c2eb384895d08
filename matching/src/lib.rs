//! Mentorbro's matching engine: explainable compatibility scores between mentees
//! (spouses of international employees) and volunteer mentors, and an exact optimal
//! assignment under the coordinator's rules.
//!
//! Pure Rust with no framework or database types; only `serde` and `thiserror` at run
//! time, so it builds for the server and for `wasm32`.
//!
//! # Usage
//!
//! ```
//! use mentorbro_matching::{
//!     explain, instance, solve, LanguageLevel, LanguageSkill, Mentee, Mentor, Mode, Weights,
//! };
//!
//! let english = |level| vec![LanguageSkill::new("English", level)];
//! let mentees = vec![Mentee {
//!     target_industries: vec!["IT".into()],
//!     languages: english(LanguageLevel::Fluent),
//!     ..Mentee::default()
//! }];
//! let mentors = vec![Mentor {
//!     industry: "it".into(),
//!     languages: english(LanguageLevel::Native),
//!     capacity: 1,
//!     ..Mentor::default()
//! }];
//! let weights = Weights::default();
//!
//! // Why this pair? Reasons are codes; `explain::en` renders them in English.
//! let why = explain(&mentees[0], &mentors[0], &weights);
//! assert!(why.is_possible());
//! for line in mentorbro_matching::explain::en::lines(&why) {
//!     println!("{line}");
//! }
//!
//! // The optimal matching under the coordinator's rules.
//! let mut cohort = instance(&mentees, &mentors, &weights);
//! cohort.locks = vec![];          // (mentee, mentor) pairs to keep
//! cohort.forbidden = vec![];      // (mentee, mentor) pairs never to make
//! cohort.min_score = 0;
//! cohort.mode = Mode::MaxMatchedThenScore;
//! let matching = solve(&cohort).expect("valid instance");
//! assert_eq!(matching.pairs.len(), 1);
//! ```
//!
//! # Algorithm
//!
//! [`solve`] reduces the problem to a min-cost assignment on integer costs: locked pairs
//! are placed first and use up capacity; forbidden, impossible and below-minimum pairs are
//! dropped; every remaining mentee may also stay unmatched at profit 0; in
//! [`Mode::MaxMatchedThenScore`] each pair's profit gets a bonus larger than any total of
//! scores. It is then solved exactly by successive shortest augmenting paths (Dijkstra on
//! reduced costs) with mentors as capacitated nodes, or, when every pair is allowed, the
//! problem is square and capacities are 1, by Jonker–Volgenant. Ties are broken by index,
//! so the same input always gives the same output.
//!
//! # Instance files
//!
//! The `mentorbro-match` command reads an instance from a text file; see
//! [`instance_file`] for the format.

pub mod assignment;
pub mod criteria;
pub mod explain;
pub mod help;
pub mod instance_file;
pub mod language;
pub mod profile;
pub mod reason;
pub mod score;
mod solver;
pub mod weights;

pub use assignment::{
    Assignment, AssignmentError, Candidate, Instance, MAX_SCORE, Mode, Pair, Scores, Unmatched,
    UnmatchedReason, solve,
};
pub use criteria::{Assessment, Criterion};
pub use help::Help;
pub use language::{LanguageLevel, LanguageSkill};
pub use profile::{
    Availability, Background, Education, EducationLevel, Gender, Location, MeetingMode,
    MeetingTime, Mentee, Mentor,
};
pub use reason::Reason;
pub use score::{CriterionScore, Explanation, explain, instance, score};
pub use weights::{Weight, WeightError, Weights};
