//! Empty and degenerate inputs give clear results or typed errors, never a panic.

use mentorbro_matching::{
    AssignmentError, Candidate, Instance, Mode, Scores, UnmatchedReason, solve,
};

fn reasons(inst: &Instance) -> Vec<UnmatchedReason> {
    solve(inst)
        .expect("valid")
        .unmatched
        .iter()
        .map(|u| u.reason)
        .collect()
}

#[test]
fn nobody_at_all() {
    let a = solve(&Instance::dense(0, 0, vec![])).expect("valid");
    assert!(a.pairs.is_empty() && a.unmatched.is_empty());
    assert_eq!(a.total_score, 0);
}

#[test]
fn no_mentors() {
    assert_eq!(
        reasons(&Instance::dense(2, 0, vec![])),
        vec![UnmatchedReason::NoMentorPassesMustHaves; 2]
    );
}

#[test]
fn no_mentees() {
    let a = solve(&Instance::dense(0, 3, vec![])).expect("valid");
    assert!(a.pairs.is_empty() && a.unmatched.is_empty());
}

#[test]
fn every_pair_forbidden() {
    let mut inst = Instance::dense(2, 2, vec![1; 4]);
    inst.forbidden = vec![(0, 0), (0, 1), (1, 0), (1, 1)];
    assert_eq!(
        reasons(&inst),
        vec![UnmatchedReason::AllCandidatesForbidden; 2]
    );
}

#[test]
fn no_pair_possible() {
    let inst = Instance {
        scores: Scores::Sparse(vec![]),
        ..Instance::dense(2, 2, vec![])
    };
    assert_eq!(
        reasons(&inst),
        vec![UnmatchedReason::NoMentorPassesMustHaves; 2]
    );
}

#[test]
fn capacity_zero_means_no_room() {
    let mut inst = Instance::dense(2, 2, vec![5; 4]);
    inst.capacities = vec![0, 0];
    assert_eq!(reasons(&inst), vec![UnmatchedReason::AllCandidatesFull; 2]);
    inst.capacities = vec![0, 1];
    let a = solve(&inst).expect("valid");
    assert_eq!(a.pairs.len(), 1);
    assert_eq!(a.pairs[0].mentor, 1);
    assert_eq!(
        a.unmatched[0].reason,
        UnmatchedReason::BetterOverallAssignment
    );
}

#[test]
fn below_minimum() {
    let mut inst = Instance::dense(1, 2, vec![3, 4]);
    inst.min_score = 5;
    assert_eq!(
        reasons(&inst),
        vec![UnmatchedReason::AllCandidatesBelowMinimum]
    );
}

#[test]
fn lock_conflicts_are_errors() {
    let mut inst = Instance::dense(2, 2, vec![1; 4]);
    inst.locks = vec![(0, 0), (0, 1)];
    assert_eq!(
        solve(&inst),
        Err(AssignmentError::ConflictingLocks {
            mentee: 0,
            first: 0,
            second: 1
        })
    );
    inst.locks = vec![(0, 0), (1, 0)];
    assert_eq!(
        solve(&inst),
        Err(AssignmentError::LocksExceedCapacity {
            mentor: 0,
            locked: 2,
            capacity: 1
        })
    );
    inst.locks = vec![(1, 1)];
    inst.forbidden = vec![(1, 1)];
    assert_eq!(
        solve(&inst),
        Err(AssignmentError::LockedAndForbidden {
            mentee: 1,
            mentor: 1
        })
    );
    inst.locks = vec![(0, 2)];
    assert_eq!(
        solve(&inst),
        Err(AssignmentError::PairOutOfRange {
            mentee: 0,
            mentor: 2
        })
    );
}

#[test]
fn repeated_lock_is_kept_once() {
    let mut inst = Instance::dense(2, 2, vec![1, 9, 9, 1]);
    inst.locks = vec![(0, 0), (0, 0)];
    let a = solve(&inst).expect("valid");
    assert_eq!(a.mentor_of(2), vec![Some(0), Some(1)]);
    assert!(a.pairs[0].locked && !a.pairs[1].locked);
}

#[test]
fn lock_overrides_a_missing_score() {
    let mut inst = Instance {
        scores: Scores::Sparse(vec![]),
        ..Instance::dense(1, 1, vec![])
    };
    inst.locks = vec![(0, 0)];
    let a = solve(&inst).expect("valid");
    assert_eq!(a.pairs.len(), 1);
    assert_eq!(a.total_score, 0);
}

#[test]
fn malformed_instances_are_errors() {
    assert!(matches!(
        solve(&Instance::dense(2, 2, vec![1; 3])),
        Err(AssignmentError::WrongLength { .. })
    ));
    let mut inst = Instance::dense(1, 1, vec![-1]);
    assert!(matches!(
        solve(&inst),
        Err(AssignmentError::ScoreOutOfRange { .. })
    ));
    inst.scores = Scores::Dense(vec![1]);
    inst.capacities = vec![];
    assert!(matches!(
        solve(&inst),
        Err(AssignmentError::WrongLength { .. })
    ));
    let dup = Candidate {
        mentee: 0,
        mentor: 0,
        score: 1,
    };
    let inst = Instance {
        scores: Scores::Sparse(vec![dup, dup]),
        ..Instance::dense(1, 1, vec![])
    };
    assert_eq!(
        solve(&inst),
        Err(AssignmentError::DuplicatePair {
            mentee: 0,
            mentor: 0
        })
    );
    let mut inst = Instance::dense(1, 1, vec![1]);
    inst.min_score = -1;
    assert_eq!(solve(&inst), Err(AssignmentError::MinimumOutOfRange(-1)));
}

#[test]
fn huge_capacity_is_fine() {
    let mut inst = Instance::dense(3, 1, vec![1, 2, 3]);
    inst.capacities = vec![u32::MAX];
    assert_eq!(solve(&inst).expect("valid").pairs.len(), 3);
}

#[test]
fn cardinality_mode_trades_score_for_more_matches() {
    // Score mode: mentee 0 takes mentor 0 (10) and mentee 1 stays out.
    let scores = vec![
        Candidate {
            mentee: 0,
            mentor: 0,
            score: 10,
        },
        Candidate {
            mentee: 0,
            mentor: 1,
            score: 1,
        },
        Candidate {
            mentee: 1,
            mentor: 0,
            score: 1,
        },
    ];
    let mut inst = Instance {
        scores: Scores::Sparse(scores),
        ..Instance::dense(2, 2, vec![])
    };
    assert_eq!(solve(&inst).expect("valid").total_score, 10);
    inst.mode = Mode::MaxMatchedThenScore;
    let a = solve(&inst).expect("valid");
    assert_eq!((a.pairs.len(), a.total_score), (2, 2));
}
