//! Budgets, expenses and their change log behind the server functions, and
//! [`budget_summary`], the figures of a programme's year for any report.

use surrealdb::types::{RecordId, SurrealValue};

use super::db::{is_key, key_string, record};
use super::outcomes::{COLUMNS as OUTCOME_COLUMNS, take_records};
use super::{Db, app_state, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::budget::summary::{Member, count_participants};
use crate::budget::{
    BudgetChange, BudgetForm, BudgetPage, BudgetSummary, BudgetValues, CHANGES_SHOWN, Category,
    ChangeAction, Expense, ExpenseForm, ExpenseValues, ProgrammeChoice, year_problem,
};
use crate::error::AppError;
use crate::programmes::is_slug;

fn staff() -> [Role; 2] {
    [Role::Coordinator, Role::Admin]
}

fn budget_id(programme: &str, year: i32) -> RecordId {
    record("budget", &format!("{programme}_{year}"))
}

/// The programme's name, or `NotFound` when there is no such programme.
async fn programme_name(db: &Db, programme: &str) -> Result<String, AppError> {
    if !is_slug(programme) {
        return Err(AppError::NotFound);
    }
    let names: Vec<String> = db
        .query("SELECT VALUE name FROM programme WHERE slug = $slug LIMIT 1")
        .bind(("slug", programme.to_owned()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    names.into_iter().next().ok_or(AppError::NotFound)
}

/// Checks the caller, the programme and the year.
async fn open(programme: &str, year: i32) -> Result<(Account, Db, String), AppError> {
    let account = require_role(&staff()).await?;
    if let Some(problem) = year_problem(year) {
        return Err(AppError::Invalid(vec![problem]));
    }
    let db = app_state()?.db;
    let name = programme_name(&db, programme).await?;
    Ok((account, db, name))
}

#[derive(SurrealValue)]
struct LineRow {
    category: String,
    amount: i64,
}

#[derive(SurrealValue)]
struct BudgetRow {
    grant: i64,
    lines: Vec<LineRow>,
}

impl BudgetRow {
    fn into_values(self) -> BudgetValues {
        let lines = Category::ALL
            .into_iter()
            .map(|category| {
                self.lines
                    .iter()
                    .find(|line| line.category == category.code())
                    .map_or(0, |line| line.amount)
            })
            .collect();
        BudgetValues {
            grant: self.grant,
            lines,
        }
    }
}

async fn stored_budget(
    db: &Db,
    programme: &str,
    year: i32,
) -> Result<Option<BudgetValues>, AppError> {
    let row: Option<BudgetRow> = db
        .query("SELECT grant, lines FROM ONLY $id")
        .bind(("id", budget_id(programme, year)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(row.map(BudgetRow::into_values))
}

/// The figures of a programme's year: grant, lines, spent per line, totals,
/// cost per participant and per mentee in work (who counts is said in
/// [`count_participants`]). The caller has already checked who is asking.
pub async fn budget_summary(
    db: &Db,
    programme: &str,
    year: i32,
) -> Result<BudgetSummary, AppError> {
    let name = programme_name(db, programme).await?;
    let budget = stored_budget(db, programme, year).await?;
    #[derive(SurrealValue)]
    struct MemberRow {
        account: String,
        kind: String,
    }
    #[derive(SurrealValue)]
    struct SpentRow {
        category: String,
        amount: i64,
    }
    let mut response = db
        .query(format!(
            "LET $cohorts = (SELECT VALUE id FROM cohort
                WHERE programme = $programme AND string::starts_with(start, $prefix));
             SELECT record::id(account) AS account, kind FROM cohort_member WHERE cohort IN $cohorts;
             SELECT {OUTCOME_COLUMNS} FROM outcome
                WHERE cohort IN $cohorts AND moment = 'end' ORDER BY recorded_at;
             SELECT category, amount FROM expense WHERE programme = $programme AND year = $year;"
        ))
        .bind(("programme", programme.to_owned()))
        .bind(("prefix", format!("{year:04}-")))
        .bind(("year", i64::from(year)))
        .await
        .map_err(db_error)?;
    let members: Vec<MemberRow> = response.take(1).map_err(db_error)?;
    let outcomes = take_records(&mut response, 2)?;
    let spent: Vec<SpentRow> = response.take(3).map_err(db_error)?;
    let members: Vec<Member> = members
        .into_iter()
        .map(|row| Member {
            account: row.account,
            kind: row.kind,
        })
        .collect();
    let expenses: Vec<(Category, i64)> = spent
        .into_iter()
        .filter_map(|row| Some((Category::from_code(&row.category)?, row.amount)))
        .collect();
    Ok(BudgetSummary::new(
        programme.to_owned(),
        name,
        year,
        budget.as_ref().map(|budget| budget.grant),
        budget.as_ref().map_or(&[][..], |budget| &budget.lines),
        &expenses,
        count_participants(&members, &outcomes),
    ))
}

const EXPENSE_COLUMNS: &str = "id, date, amount, category, note, entered_by_name,
    time::millis(entered_at) AS entered_at, changed_by_name,
    IF changed_at THEN time::millis(changed_at) ELSE NONE END AS changed_at";

#[derive(SurrealValue)]
struct ExpenseRow {
    id: RecordId,
    date: String,
    amount: i64,
    category: String,
    note: String,
    entered_by_name: String,
    entered_at: i64,
    changed_by_name: Option<String>,
    changed_at: Option<i64>,
}

impl ExpenseRow {
    fn into_expense(self) -> Option<Expense> {
        Some(Expense {
            id: key_string(&self.id),
            values: ExpenseValues {
                date: self.date,
                amount: self.amount,
                category: Category::from_code(&self.category)?,
                note: self.note,
            },
            entered_by_name: self.entered_by_name,
            entered_at: self.entered_at,
            changed_by_name: self.changed_by_name,
            changed_at: self.changed_at,
        })
    }
}

pub async fn page(programme: String, year: i32) -> Result<Option<BudgetPage>, AppError> {
    require_role(&staff()).await?;
    #[derive(SurrealValue)]
    struct ChoiceRow {
        slug: String,
        name: String,
    }
    let choices: Vec<ChoiceRow> = app_state()?
        .db
        .query("SELECT slug, name FROM programme ORDER BY name")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let programmes: Vec<ProgrammeChoice> = choices
        .into_iter()
        .map(|row| ProgrammeChoice {
            slug: row.slug,
            name: row.name,
        })
        .collect();
    let programme = match programmes.first() {
        None => return Ok(None),
        Some(first) if programme.is_empty() => first.slug.clone(),
        Some(_) => programme,
    };
    let (_, db, _) = open(&programme, year).await?;
    let summary = budget_summary(&db, &programme, year).await?;
    let budget = stored_budget(&db, &programme, year).await?;
    #[derive(SurrealValue)]
    struct ChangeRow {
        action: String,
        amount: i64,
        category: Option<String>,
        date: Option<String>,
        by_name: String,
        at: i64,
    }
    let mut response = db
        .query(format!(
            "SELECT {EXPENSE_COLUMNS} FROM expense WHERE programme = $programme AND year = $year
                ORDER BY date DESC, entered_at DESC;
             SELECT action, amount, category, date, by_name, time::millis(at) AS at
                FROM budget_change WHERE programme = $programme AND year = $year
                ORDER BY at DESC LIMIT $limit;"
        ))
        .bind(("programme", programme))
        .bind(("year", i64::from(year)))
        .bind(("limit", CHANGES_SHOWN as i64))
        .await
        .map_err(db_error)?;
    let expenses: Vec<ExpenseRow> = response.take(0).map_err(db_error)?;
    let changes: Vec<ChangeRow> = response.take(1).map_err(db_error)?;
    Ok(Some(BudgetPage {
        programmes,
        summary,
        budget,
        expenses: expenses
            .into_iter()
            .filter_map(ExpenseRow::into_expense)
            .collect(),
        changes: changes
            .into_iter()
            .filter_map(|row| {
                Some(BudgetChange {
                    action: ChangeAction::from_code(&row.action)?,
                    amount: row.amount,
                    category: row.category.as_deref().and_then(Category::from_code),
                    date: row.date,
                    by_name: row.by_name,
                    at: row.at,
                })
            })
            .collect(),
    }))
}

/// Adds one entry to the change log; bound with `$programme`, `$year`, `$by`, `$by_name`.
const LOG_CHANGE: &str = "CREATE budget_change CONTENT {
    programme: $programme, year: $year, action: $action, amount: $amount,
    category: $category, date: $date, expense: $expense, by: $by, by_name: $by_name,
    at: time::now()
};";

pub async fn save(
    programme: String,
    year: i32,
    form: BudgetForm,
) -> Result<BudgetValues, AppError> {
    let (account, db, _) = open(&programme, year).await?;
    let values = form.values().map_err(AppError::Invalid)?;
    let lines: Vec<serde_json::Value> = Category::ALL
        .into_iter()
        .zip(&values.lines)
        .map(|(category, amount)| serde_json::json!({ "category": category.code(), "amount": amount }))
        .collect();
    db.query(format!(
        "BEGIN TRANSACTION;
         UPSERT $id SET programme = $programme, year = $year, grant = $grant, lines = $lines,
            updated_by = $by, updated_by_name = $by_name, updated_at = time::now();
         {LOG_CHANGE}
         COMMIT TRANSACTION;"
    ))
    .bind(("id", budget_id(&programme, year)))
    .bind(("programme", programme))
    .bind(("year", i64::from(year)))
    .bind(("grant", values.grant))
    .bind(("lines", lines))
    .bind(("action", ChangeAction::Budget.code()))
    .bind(("amount", values.grant))
    .bind(("category", None::<String>))
    .bind(("date", None::<String>))
    .bind(("expense", None::<RecordId>))
    .bind(("by", record("account", &account.id)))
    .bind(("by_name", account.name.clone()))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(values)
}

pub async fn save_expense(
    programme: String,
    year: i32,
    id: Option<String>,
    form: ExpenseForm,
) -> Result<Expense, AppError> {
    let (account, db, _) = open(&programme, year).await?;
    let values = form.values(year).map_err(AppError::Invalid)?;
    let (statement, action, expense) = match id {
        None => (
            "CREATE ONLY $expense CONTENT {
                programme: $programme, year: $year, date: $date, amount: $amount,
                category: $category, note: $note, entered_by: $by, entered_by_name: $by_name,
                entered_at: time::now()
            }",
            ChangeAction::ExpenseAdded,
            record("expense", &super::db::random_key()),
        ),
        Some(id) if is_key(&id) => (
            "IF !(SELECT VALUE id FROM ONLY $expense WHERE programme = $programme AND year = $year) {
                THROW 'mentorbro:not_found'
             };
             UPDATE ONLY $expense SET date = $date, amount = $amount, category = $category,
                note = $note, changed_by = $by, changed_by_name = $by_name, changed_at = time::now()",
            ChangeAction::ExpenseChanged,
            record("expense", &id),
        ),
        Some(_) => return Err(AppError::NotFound),
    };
    let result = db
        .query(format!(
            "BEGIN TRANSACTION;
             {statement};
             {LOG_CHANGE}
             COMMIT TRANSACTION;
             SELECT {EXPENSE_COLUMNS} FROM ONLY $expense;"
        ))
        .bind(("expense", expense))
        .bind(("programme", programme))
        .bind(("year", i64::from(year)))
        .bind(("date", values.date.clone()))
        .bind(("amount", values.amount))
        .bind(("category", values.category.code()))
        .bind(("note", values.note.clone()))
        .bind(("action", action.code()))
        .bind(("by", record("account", &account.id)))
        .bind(("by_name", account.name.clone()))
        .await;
    let mut response = match result {
        Ok(response) => response,
        Err(error) => return Err(db_error(error)),
    };
    // The statements' own errors, the rule's THROW first among them.
    let mut errors: Vec<(usize, surrealdb::Error)> = response.take_errors().into_iter().collect();
    errors.sort_by_key(|(index, _)| *index);
    if errors
        .iter()
        .any(|(_, error)| error.to_string().contains("mentorbro:not_found"))
    {
        return Err(AppError::NotFound);
    }
    if let Some((_, error)) = errors.into_iter().next() {
        return Err(db_error(error));
    }
    let index = response.num_statements() - 1;
    let row: Option<ExpenseRow> = response.take(index).map_err(db_error)?;
    row.and_then(ExpenseRow::into_expense)
        .ok_or(AppError::Internal)
}

pub async fn delete_expense(id: String) -> Result<(), AppError> {
    let account = require_role(&staff()).await?;
    if !is_key(&id) {
        return Err(AppError::NotFound);
    }
    let db = app_state()?.db;
    let result = db
        .query(
            "BEGIN TRANSACTION;
             LET $found = (SELECT * FROM ONLY $expense);
             IF !$found { THROW 'mentorbro:not_found' };
             DELETE $expense;
             CREATE budget_change CONTENT {
                programme: $found.programme, year: $found.year, action: 'expense_deleted',
                amount: $found.amount, category: $found.category, date: $found.date,
                expense: NONE, by: $by, by_name: $by_name, at: time::now()
             };
             COMMIT TRANSACTION;",
        )
        .bind(("expense", record("expense", &id)))
        .bind(("by", record("account", &account.id)))
        .bind(("by_name", account.name.clone()))
        .await
        .and_then(super::board::first_cause);
    match result {
        Ok(()) => Ok(()),
        Err(error) if error.to_string().contains("mentorbro:not_found") => Err(AppError::NotFound),
        Err(error) => Err(db_error(error)),
    }
}
