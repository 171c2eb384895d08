//! Server functions of the budget. Coordinators and admins only.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{BudgetForm, BudgetPage, BudgetValues, Expense, ExpenseForm};
use crate::error::AppError;

/// A programme's year: the figures, the grant and lines, the expenses
/// (newest first) and the latest changes. An empty `programme` means the
/// first by name; `None` when there is no programme at all.
#[server(endpoint = "load_budget")]
pub async fn load_budget(programme: String, year: i32) -> Result<Option<BudgetPage>, AppError> {
    use crate::backend::{budget, respond};
    respond(budget::page(programme, year)).await
}

/// Sets the grant and the budget lines of a programme's year; refused when
/// the lines add up to more than the grant.
#[server(endpoint = "save_budget", input = Json)]
pub async fn save_budget(
    programme: String,
    year: i32,
    form: BudgetForm,
) -> Result<BudgetValues, AppError> {
    use crate::backend::{budget, respond};
    respond(budget::save(programme, year, form)).await
}

/// Enters an expense (`id` empty) or changes one of the same programme and year.
#[server(endpoint = "save_expense", input = Json)]
pub async fn save_expense(
    programme: String,
    year: i32,
    id: Option<String>,
    form: ExpenseForm,
) -> Result<Expense, AppError> {
    use crate::backend::{budget, respond};
    respond(budget::save_expense(programme, year, id, form)).await
}

/// Deletes an expense; the change log keeps what it was.
#[server(endpoint = "delete_expense")]
pub async fn delete_expense(id: String) -> Result<(), AppError> {
    use crate::backend::{budget, respond};
    respond(budget::delete_expense(id)).await
}
