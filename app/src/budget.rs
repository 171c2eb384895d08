//! A programme's budget for one year against its grant: budget lines by
//! category, the expenses entered against them, spent vs budget per line and
//! in total, and what the programme costs per participant and per mentee in
//! work. Amounts are whole øre (see [`amount`]); the arithmetic is in [`summary`].

pub mod amount;
mod functions;
pub mod summary;

pub use functions::*;

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_LONG, parse_date, text_problem};
use amount::{AmountError, MAX_ORE, parse_amount};
pub use summary::{BudgetSummary, LineSummary};

/// Where coordinators keep the budget.
pub const BUDGET_PATH: &str = "/coordinator/budget";
/// The years a budget may be kept for.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// The longest note of an expense.
pub const MAX_NOTE: usize = MAX_LONG;
/// The most entries of the change log a page shows.
pub const CHANGES_SHOWN: usize = 50;

/// What money is spent on: the grant application's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Communication,
    MentorRecruitment,
    Matching,
    Workshops,
    Coordination,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Communication,
        Category::MentorRecruitment,
        Category::Matching,
        Category::Workshops,
        Category::Coordination,
        Category::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Communication => "communication",
            Category::MentorRecruitment => "mentor_recruitment",
            Category::Matching => "matching",
            Category::Workshops => "workshops",
            Category::Coordination => "coordination",
            Category::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|category| category.code() == code)
    }
}

/// The field name of a budget line's amount.
pub fn line_field(category: Category) -> &'static str {
    match category {
        Category::Communication => "line.communication",
        Category::MentorRecruitment => "line.mentor_recruitment",
        Category::Matching => "line.matching",
        Category::Workshops => "line.workshops",
        Category::Coordination => "line.coordination",
        Category::Other => "line.other",
    }
}

/// The problem with a typed amount; `positive` refuses zero.
pub fn amount_problem(text: &str, positive: bool) -> Result<i64, Problem> {
    match parse_amount(text) {
        Ok(0) if positive => Err(Problem::AmountZero),
        Ok(ore) => Ok(ore),
        Err(AmountError::Empty) => Err(Problem::Required),
        Err(AmountError::Negative) => Err(Problem::AmountNegative),
        Err(AmountError::Unreadable) => Err(Problem::Amount),
        Err(AmountError::TooLarge) => Err(Problem::AmountTooLarge { max: MAX_ORE }),
    }
}

/// The year field's problem, if the year is out of range.
pub fn year_problem(year: i32) -> Option<FieldProblem> {
    (!(FIRST_YEAR..=LAST_YEAR).contains(&year)).then(|| FieldProblem {
        field: "year".into(),
        problem: Problem::Number {
            min: FIRST_YEAR.into(),
            max: LAST_YEAR.into(),
        },
    })
}

/// The grant and the budget lines as typed. `lines` holds one amount per
/// [`Category::ALL`], in that order; an empty line is zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetForm {
    pub grant: String,
    pub lines: Vec<String>,
}

/// A grant and its lines that passed their checks, in øre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetValues {
    pub grant: i64,
    /// One per [`Category::ALL`], in that order.
    pub lines: Vec<i64>,
}

impl BudgetValues {
    pub fn lines_total(&self) -> i64 {
        self.lines.iter().sum()
    }

    /// As typed, for the form that changes it.
    pub fn form(&self, style: amount::Style) -> BudgetForm {
        BudgetForm {
            grant: amount::amount_input(style, self.grant),
            lines: self
                .lines
                .iter()
                .map(|ore| amount::amount_input(style, *ore))
                .collect(),
        }
    }
}

impl BudgetForm {
    /// The values to store, or every problem: each field's own, and the
    /// lines together when they add up to more than the grant.
    pub fn values(&self) -> Result<BudgetValues, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let grant = amount_problem(&self.grant, true)
            .map_err(|problem| {
                problems.push(FieldProblem {
                    field: "grant".into(),
                    problem,
                })
            })
            .ok();
        if self.lines.len() != Category::ALL.len() {
            problems.push(FieldProblem {
                field: "lines".into(),
                problem: Problem::Malformed,
            });
            return Err(problems);
        }
        let mut lines = Vec::with_capacity(Category::ALL.len());
        for (category, typed) in Category::ALL.into_iter().zip(&self.lines) {
            let parsed = if typed.trim().is_empty() {
                Ok(0)
            } else {
                amount_problem(typed, false)
            };
            match parsed {
                Ok(ore) => lines.push(ore),
                Err(problem) => problems.push(FieldProblem {
                    field: line_field(category).to_owned(),
                    problem,
                }),
            }
        }
        let Some(grant) = grant else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let values = BudgetValues { grant, lines };
        if values.lines_total() > grant {
            return Err(vec![FieldProblem {
                field: "lines".into(),
                problem: Problem::LinesOverGrant {
                    lines: values.lines_total(),
                    grant,
                },
            }]);
        }
        Ok(values)
    }
}

/// An expense as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpenseForm {
    /// `YYYY-MM-DD`, within the budget's year.
    pub date: String,
    pub amount: String,
    pub category: Option<Category>,
    pub note: String,
}

/// An expense that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseValues {
    pub date: String,
    pub amount: i64,
    pub category: Category,
    pub note: String,
}

impl ExpenseForm {
    /// The values to store, or every problem; the date must fall in `year`.
    pub fn values(&self, year: i32) -> Result<ExpenseValues, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        let date = match parse_date(&self.date) {
            None => {
                add("date", Problem::Date);
                None
            }
            Some(date) if date.year() != year => {
                add("date", Problem::DateOutsideYear { year });
                None
            }
            Some(date) => Some(date),
        };
        let amount = amount_problem(&self.amount, true)
            .map_err(|problem| add("amount", problem))
            .ok();
        if self.category.is_none() {
            add("category", Problem::Required);
        }
        if let Some(problem) = text_problem(&self.note, false, MAX_NOTE) {
            add("note", problem);
        }
        match (date, amount, self.category) {
            (Some(date), Some(amount), Some(category)) if problems.is_empty() => {
                Ok(ExpenseValues {
                    date: date.to_string(),
                    amount,
                    category,
                    note: self.note.trim().to_owned(),
                })
            }
            _ => Err(problems),
        }
    }
}

/// An expense as stored, with who entered it and who last changed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    pub id: String,
    pub values: ExpenseValues,
    pub entered_by_name: String,
    /// Milliseconds since the epoch.
    pub entered_at: i64,
    pub changed_by_name: Option<String>,
    pub changed_at: Option<i64>,
}

impl Expense {
    /// As typed, for the form that changes it.
    pub fn form(&self, style: amount::Style) -> ExpenseForm {
        ExpenseForm {
            date: self.values.date.clone(),
            amount: amount::amount_input(style, self.values.amount),
            category: Some(self.values.category),
            note: self.values.note.clone(),
        }
    }
}

/// What a change to the budget did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// The grant and lines were set or changed.
    Budget,
    ExpenseAdded,
    ExpenseChanged,
    ExpenseDeleted,
}

impl ChangeAction {
    pub const ALL: [ChangeAction; 4] = [
        ChangeAction::Budget,
        ChangeAction::ExpenseAdded,
        ChangeAction::ExpenseChanged,
        ChangeAction::ExpenseDeleted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChangeAction::Budget => "budget",
            ChangeAction::ExpenseAdded => "expense_added",
            ChangeAction::ExpenseChanged => "expense_changed",
            ChangeAction::ExpenseDeleted => "expense_deleted",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }
}

/// One entry of the budget's change log: who did what, when, to which amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetChange {
    pub action: ChangeAction,
    /// The grant for [`ChangeAction::Budget`], else the expense's amount (after the change).
    pub amount: i64,
    pub category: Option<Category>,
    pub date: Option<String>,
    pub by_name: String,
    /// Milliseconds since the epoch.
    pub at: i64,
}

/// A programme to choose on the budget page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeChoice {
    pub slug: String,
    pub name: String,
}

/// Everything the budget page shows for one programme and year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetPage {
    /// Every programme, by name, for the chooser.
    pub programmes: Vec<ProgrammeChoice>,
    pub summary: BudgetSummary,
    /// The stored grant and lines, if a budget was set.
    pub budget: Option<BudgetValues>,
    /// Newest first.
    pub expenses: Vec<Expense>,
    /// Newest first, at most [`CHANGES_SHOWN`].
    pub changes: Vec<BudgetChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(amounts: [&str; 6]) -> Vec<String> {
        amounts.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn lines_may_not_add_up_to_more_than_the_grant() {
        let form = BudgetForm {
            grant: "450.000".into(),
            lines: lines(["50.000", "100.000", "", "150.000", "150.000", "0"]),
        };
        let values = form.values().expect("exactly the grant");
        assert_eq!(values.grant, 45_000_000);
        assert_eq!(values.lines_total(), 45_000_000);
        assert_eq!(values.lines[2], 0);

        let over = BudgetForm {
            lines: lines(["50.000", "100.000", "0,01", "150.000", "150.000", "0"]),
            ..form
        };
        let problems = over.values().expect_err("one øre over");
        assert_eq!(
            problems,
            vec![FieldProblem {
                field: "lines".into(),
                problem: Problem::LinesOverGrant {
                    lines: 45_000_001,
                    grant: 45_000_000
                }
            }]
        );
    }

    #[test]
    fn each_bad_amount_is_named_by_its_field() {
        let form = BudgetForm {
            grant: "-5".into(),
            lines: lines(["1.23.4", "", "", "", "", "12"]),
        };
        let problems = form.values().expect_err("bad");
        assert_eq!(problems[0].field, "grant");
        assert_eq!(problems[0].problem, Problem::AmountNegative);
        assert_eq!(problems[1].field, "line.communication");
        assert_eq!(problems[1].problem, Problem::Amount);
        let empty = BudgetForm {
            grant: String::new(),
            lines: lines(["", "", "", "", "", ""]),
        };
        assert_eq!(
            empty.values().expect_err("no grant")[0].problem,
            Problem::Required
        );
        let zero = BudgetForm {
            grant: "0".into(),
            lines: lines(["", "", "", "", "", ""]),
        };
        assert_eq!(
            zero.values().expect_err("zero")[0].problem,
            Problem::AmountZero
        );
    }

    #[test]
    fn an_expense_needs_a_date_in_the_year_an_amount_and_a_category() {
        let form = ExpenseForm {
            date: "2027-03-01".into(),
            amount: "1 234,50".into(),
            category: Some(Category::Workshops),
            note: "  Room hire ".into(),
        };
        let values = form.values(2027).expect("valid");
        assert_eq!(values.amount, 123_450);
        assert_eq!(values.note, "Room hire");
        let problems = form.values(2028).expect_err("other year");
        assert_eq!(problems[0].problem, Problem::DateOutsideYear { year: 2028 });
        let bad = ExpenseForm {
            date: "1 March".into(),
            amount: "0".into(),
            category: None,
            note: String::new(),
        };
        let fields: Vec<_> = bad
            .values(2027)
            .expect_err("bad")
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("date".into(), Problem::Date),
                ("amount".into(), Problem::AmountZero),
                ("category".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn codes_round_trip() {
        for category in Category::ALL {
            assert_eq!(Category::from_code(category.code()), Some(category));
        }
        for action in ChangeAction::ALL {
            assert_eq!(ChangeAction::from_code(action.code()), Some(action));
        }
        assert!(year_problem(2027).is_none());
        assert!(year_problem(1999).is_some());
    }
}
