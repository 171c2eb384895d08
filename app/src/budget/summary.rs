//! Spent vs budget, and the cost per participant and per mentee in work.
//! Plain arithmetic on whole øre, with no database or page in sight.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Category;
use crate::surveys::{OutcomeMoment, OutcomeRecord};

/// One budget line (or the total of them): budgeted, spent, what is left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSummary {
    /// `None` for the total row.
    pub category: Option<Category>,
    pub budget: i64,
    pub spent: i64,
    /// Negative when over budget.
    pub remaining: i64,
    /// Spent as tenths of a per cent of the budget (`1000` is 100 %);
    /// `None` when nothing was budgeted.
    pub used_permille: Option<i64>,
    /// More was spent than budgeted (also when nothing was budgeted but something spent).
    pub over: bool,
}

impl LineSummary {
    pub fn new(category: Option<Category>, budget: i64, spent: i64) -> Self {
        Self {
            category,
            budget,
            spent,
            remaining: budget - spent,
            used_permille: (budget > 0).then(|| divide_rounded(spent * 1000, budget)),
            over: spent > budget,
        }
    }
}

/// Who a programme's year counts and the costs that follow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    pub mentees: u32,
    pub mentors: u32,
    /// Mentees whose latest end-of-course outcome is any kind of work.
    pub mentees_in_work: u32,
}

impl Participants {
    pub fn total(&self) -> u32 {
        self.mentees + self.mentors
    }
}

/// A programme's year in figures: what the funder report reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetSummary {
    pub programme: String,
    pub programme_name: String,
    pub year: i32,
    /// `None` until a coordinator sets the grant.
    pub grant: Option<i64>,
    /// One per [`Category::ALL`], in that order.
    pub lines: Vec<LineSummary>,
    /// The lines added up.
    pub total: LineSummary,
    /// Grant minus everything spent; `None` without a grant.
    pub grant_remaining: Option<i64>,
    pub participants: Participants,
    /// Total spent / participants, in øre; `None` when nobody counts.
    pub cost_per_participant: Option<i64>,
    /// Total spent / mentees in work, in øre; `None` when no mentee is in work.
    pub cost_per_mentee_in_work: Option<i64>,
}

/// `numerator / denominator` rounded to the nearest whole, halves away from zero.
/// The denominator must be positive.
pub fn divide_rounded(numerator: i64, denominator: i64) -> i64 {
    let (quotient, remainder) = (numerator / denominator, numerator % denominator);
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// Total spent per participant (or per mentee in work): `None` when there is no one to divide by.
pub fn cost_per(spent: i64, people: u32) -> Option<i64> {
    (people > 0).then(|| divide_rounded(spent, i64::from(people)))
}

/// A member of one of the programme's cohorts of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub account: String,
    /// `mentee` or `mentor`.
    pub kind: String,
}

/// Counts the participants of a programme's year.
///
/// **Who counts:** every person with a membership in a cohort of the
/// programme whose start date falls in the year, mentees and mentors alike,
/// each person once however many of those cohorts they are in (as a mentee if
/// they were a mentee in any of them). People who left the course early
/// (withdrew, moved away, or whose match ended) keep their membership and
/// count: they cost money too. People a coordinator removed from a cohort
/// before it was published, and people whose data was erased, have no
/// membership any more and do not count.
///
/// **Mentees in work:** counted mentees whose latest end-of-course outcome
/// (the newest record at [`OutcomeMoment::End`] over those cohorts) is any
/// kind of work: an ordinary or subsidised job, an internship or their own
/// company. Education and not working are not work.
pub fn count_participants(members: &[Member], outcomes: &[OutcomeRecord]) -> Participants {
    let mut kinds: BTreeMap<&str, bool> = BTreeMap::new();
    for member in members {
        let is_mentee = kinds.entry(member.account.as_str()).or_insert(false);
        *is_mentee |= member.kind == "mentee";
    }
    let mentees: BTreeSet<&str> = kinds
        .iter()
        .filter(|(_, is_mentee)| **is_mentee)
        .map(|(account, _)| *account)
        .collect();
    let mut latest_end: BTreeMap<&str, &OutcomeRecord> = BTreeMap::new();
    for record in outcomes
        .iter()
        .filter(|record| record.values.moment == OutcomeMoment::End)
        .filter(|record| mentees.contains(record.mentee.as_str()))
    {
        let slot = latest_end.entry(record.mentee.as_str()).or_insert(record);
        if slot.recorded_at <= record.recorded_at {
            *slot = record;
        }
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Participants {
        mentees: count(mentees.len()),
        mentors: count(kinds.len() - mentees.len()),
        mentees_in_work: count(
            latest_end
                .values()
                .filter(|record| record.values.status.is_work())
                .count(),
        ),
    }
}

/// Spent vs budget for every line, the total, and the costs.
pub fn summarise(
    budget_lines: &[i64],
    expenses: &[(Category, i64)],
    participants: Participants,
) -> (Vec<LineSummary>, LineSummary, Option<i64>, Option<i64>) {
    let lines: Vec<LineSummary> = Category::ALL
        .into_iter()
        .enumerate()
        .map(|(index, category)| {
            let budget = budget_lines.get(index).copied().unwrap_or(0);
            let spent = expenses
                .iter()
                .filter(|(of, _)| *of == category)
                .map(|(_, amount)| amount)
                .sum();
            LineSummary::new(Some(category), budget, spent)
        })
        .collect();
    let total = LineSummary::new(
        None,
        lines.iter().map(|line| line.budget).sum(),
        lines.iter().map(|line| line.spent).sum(),
    );
    let per_participant = cost_per(total.spent, participants.total());
    let per_in_work = cost_per(total.spent, participants.mentees_in_work);
    (lines, total, per_participant, per_in_work)
}

impl BudgetSummary {
    /// The figures of a programme's year from its stored parts.
    pub fn new(
        programme: String,
        programme_name: String,
        year: i32,
        grant: Option<i64>,
        budget_lines: &[i64],
        expenses: &[(Category, i64)],
        participants: Participants,
    ) -> Self {
        let (lines, total, cost_per_participant, cost_per_mentee_in_work) =
            summarise(budget_lines, expenses, participants.clone());
        Self {
            programme,
            programme_name,
            year,
            grant,
            grant_remaining: grant.map(|grant| grant - total.spent),
            lines,
            total,
            participants,
            cost_per_participant,
            cost_per_mentee_in_work,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::{EmploymentStatus, OutcomeSource, OutcomeValues};

    fn member(account: &str, kind: &str) -> Member {
        Member {
            account: account.into(),
            kind: kind.into(),
        }
    }

    fn outcome(
        mentee: &str,
        moment: OutcomeMoment,
        status: EmploymentStatus,
        at: i64,
    ) -> OutcomeRecord {
        OutcomeRecord {
            id: format!("{mentee}{at}"),
            mentee: mentee.into(),
            values: OutcomeValues {
                moment,
                status,
                hours: None,
                matches_education: None,
                industry: String::new(),
                found_on: None,
                in_aarhus: true,
                note: String::new(),
            },
            source: OutcomeSource::Coordinator,
            recorded_by_name: "Camilla".into(),
            recorded_at: at,
        }
    }

    #[test]
    fn spent_vs_budget_per_line_and_in_total() {
        let budget = [5_000_000, 10_000_000, 0, 15_000_000, 15_000_000, 0];
        let expenses = [
            (Category::Communication, 1_000_000),
            (Category::Communication, 250_050),
            (Category::Matching, 100),
            (Category::Workshops, 15_000_001),
        ];
        let summary = BudgetSummary::new(
            "p".into(),
            "P".into(),
            2027,
            Some(45_000_000),
            &budget,
            &expenses,
            Participants::default(),
        );
        let communication = &summary.lines[0];
        assert_eq!(communication.spent, 1_250_050);
        assert_eq!(communication.remaining, 3_749_950);
        assert_eq!(communication.used_permille, Some(250));
        assert!(!communication.over);
        let matching = &summary.lines[2];
        assert_eq!((matching.used_permille, matching.over), (None, true));
        let workshops = &summary.lines[3];
        assert_eq!((workshops.remaining, workshops.over), (-1, true));
        assert_eq!(workshops.used_permille, Some(1000));
        assert_eq!(
            summary.lines[5],
            LineSummary::new(Some(Category::Other), 0, 0)
        );
        assert!(!summary.lines[5].over);
        assert_eq!(summary.total.budget, 45_000_000);
        assert_eq!(summary.total.spent, 16_250_151);
        assert_eq!(summary.grant_remaining, Some(45_000_000 - 16_250_151));
        assert_eq!(summary.cost_per_participant, None);
        assert_eq!(summary.cost_per_mentee_in_work, None);
    }

    #[test]
    fn without_a_grant_nothing_is_left_of_it() {
        let summary = BudgetSummary::new(
            "p".into(),
            "P".into(),
            2027,
            None,
            &[],
            &[(Category::Other, 500)],
            Participants::default(),
        );
        assert_eq!(summary.grant_remaining, None);
        assert_eq!(summary.total.spent, 500);
        assert!(summary.total.over);
    }

    #[test]
    fn who_counts_and_who_is_in_work() {
        use EmploymentStatus::*;
        use OutcomeMoment::*;
        let members = [
            member("ana", "mentee"),
            member("bo", "mentee"),
            // Withdrew early: still a member, still counts.
            member("cy", "mentee"),
            member("dan", "mentee"),
            member("lars", "mentor"),
            // In two cohorts of the year: counted once.
            member("lars", "mentor"),
            member("mia", "mentor"),
        ];
        let outcomes = [
            // In work at the end.
            outcome("ana", End, OrdinaryJob, 1),
            // Corrected: the latest end record says not working.
            outcome("bo", End, Internship, 1),
            outcome("bo", End, NotWorking, 2),
            // Education is not work.
            outcome("cy", End, Education, 1),
            // Work only at the start or a follow-up does not count.
            outcome("dan", Start, OwnCompany, 1),
            outcome("dan", FollowUp3m, SubsidisedJob, 2),
            // Someone outside the counted people.
            outcome("zoe", End, OrdinaryJob, 1),
            // Later correction into work counts.
            outcome("cy", End, SubsidisedJob, 5),
        ];
        let people = count_participants(&members, &outcomes);
        assert_eq!(
            people,
            Participants {
                mentees: 4,
                mentors: 2,
                mentees_in_work: 2
            }
        );
        let summary = BudgetSummary::new(
            "p".into(),
            "P".into(),
            2027,
            Some(45_000_000),
            &[45_000_000, 0, 0, 0, 0, 0],
            &[(Category::Communication, 10_000_000)],
            people,
        );
        // 100,000 kr. / 6 people = 16,666.67 kr.; / 2 in work = 50,000 kr.
        assert_eq!(summary.cost_per_participant, Some(1_666_667));
        assert_eq!(summary.cost_per_mentee_in_work, Some(5_000_000));
    }

    #[test]
    fn zero_denominators_give_no_cost() {
        assert_eq!(cost_per(1_000, 0), None);
        assert_eq!(cost_per(0, 3), Some(0));
        assert_eq!(cost_per(100, 3), Some(33));
        assert_eq!(cost_per(200, 3), Some(67));
        let nobody = count_participants(&[], &[]);
        assert_eq!(nobody, Participants::default());
        let only_mentors = count_participants(&[member("lars", "mentor")], &[]);
        assert_eq!(only_mentors.total(), 1);
        assert_eq!(cost_per(500, only_mentors.mentees_in_work), None);
    }

    #[test]
    fn rounding_is_to_the_nearest_with_halves_up() {
        assert_eq!(divide_rounded(5, 2), 3);
        assert_eq!(divide_rounded(4, 3), 1);
        assert_eq!(divide_rounded(-5, 2), -3);
        assert_eq!(divide_rounded(999_500, 1000), 1000);
    }
}
