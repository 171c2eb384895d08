//! Scores from profiles: per pair, per criterion, and the whole cohort as an [`Instance`].

use serde::{Deserialize, Serialize};

use crate::assignment::{Candidate, Instance, Mode, Scores};
use crate::criteria::{Assessment, Criterion};
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;
use crate::weights::{Weight, Weights};

/// One criterion's part in a pair's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    pub weight: Weight,
    /// Fit `0..=1000` before weighting.
    pub fit: u16,
    /// `fit × points`, `0..=10_000`.
    pub contribution: i64,
    pub reason: Reason,
}

/// Why a pair scores what it does, criterion by criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Sum of the contributions (also computed for impossible pairs, for comparison).
    pub total: i64,
    /// Must-have criteria the pair fails; empty when the pair is possible.
    pub failed_must_haves: Vec<Criterion>,
    /// Every criterion, in [`Criterion::ALL`] order.
    pub criteria: Vec<CriterionScore>,
}

impl Explanation {
    /// Whether the pair passes every must-have.
    pub fn is_possible(&self) -> bool {
        self.failed_must_haves.is_empty()
    }

    /// The score used for matching: `None` when a must-have fails.
    pub fn score(&self) -> Option<i64> {
        self.is_possible().then_some(self.total)
    }
}

fn contribution(a: &Assessment, weight: Weight) -> i64 {
    i64::from(a.fit) * i64::from(weight.points())
}

/// Every criterion's verdict on the pair.
pub fn explain(mentee: &Mentee, mentor: &Mentor, weights: &Weights) -> Explanation {
    let mut out = Explanation {
        total: 0,
        failed_must_haves: Vec::new(),
        criteria: Vec::new(),
    };
    for criterion in Criterion::ALL {
        let weight = weights.get(criterion);
        let a = criterion.assess(mentee, mentor);
        if weight.is_must_have() && !a.passes() {
            out.failed_must_haves.push(criterion);
        }
        let contribution = contribution(&a, weight);
        out.total += contribution;
        out.criteria.push(CriterionScore {
            criterion,
            weight,
            fit: a.fit,
            contribution,
            reason: a.reason,
        });
    }
    out
}

/// The pair's score, or `None` when it fails a must-have. Same value as
/// [`explain`]`(..).score()`, without building the explanation; must-haves are checked
/// first and criteria weighted 0 are skipped.
pub fn score(mentee: &Mentee, mentor: &Mentor, weights: &Weights) -> Option<i64> {
    let weighted = || Criterion::ALL.into_iter().map(|c| (c, weights.get(c)));
    let mut total = 0;
    for (criterion, weight) in weighted().filter(|(_, w)| w.is_must_have()) {
        let a = criterion.assess(mentee, mentor);
        if !a.passes() {
            return None;
        }
        total += contribution(&a, weight);
    }
    for (criterion, weight) in weighted().filter(|(_, w)| !w.is_must_have() && w.points() > 0) {
        total += contribution(&criterion.assess(mentee, mentor), weight);
    }
    Some(total)
}

/// The cohort as an assignment instance: every possible pair with its score, capacities
/// from the mentors, no locks or forbidden pairs, minimum score 0, [`Mode::MaxScore`].
/// Set those fields before calling [`crate::solve`].
pub fn instance(mentees: &[Mentee], mentors: &[Mentor], weights: &Weights) -> Instance {
    let mut candidates = Vec::new();
    for (i, mentee) in mentees.iter().enumerate() {
        for (j, mentor) in mentors.iter().enumerate() {
            if let Some(score) = score(mentee, mentor, weights) {
                candidates.push(Candidate {
                    mentee: i,
                    mentor: j,
                    score,
                });
            }
        }
    }
    Instance {
        mentees: mentees.len(),
        mentors: mentors.len(),
        scores: Scores::Sparse(candidates),
        capacities: mentors.iter().map(|m| u32::from(m.capacity)).collect(),
        locks: Vec::new(),
        forbidden: Vec::new(),
        min_score: 0,
        mode: Mode::MaxScore,
    }
}
