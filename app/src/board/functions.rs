//! Server functions of cohorts and the matching board. Coordinators and admins
//! work on boards; mentees and mentors read only their own published match.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{
    BoardPeople, BoardState, Cohort, CohortForm, MyMatch, PairExplanation, Published, Suggestion,
};
use crate::error::AppError;

/// Every cohort, newest start first. Coordinators and admins.
#[server(endpoint = "list_cohorts")]
pub async fn list_cohorts() -> Result<Vec<Cohort>, AppError> {
    use crate::backend::{cohorts, respond};
    respond(cohorts::list()).await
}

/// One cohort. Coordinators and admins.
#[server(endpoint = "load_cohort")]
pub async fn load_cohort(id: String) -> Result<Cohort, AppError> {
    use crate::backend::{cohorts, respond};
    respond(cohorts::load(id)).await
}

/// Creates a cohort (`id` empty) or updates one. Coordinators and admins.
#[server(endpoint = "save_cohort", input = Json)]
pub async fn save_cohort(id: Option<String>, form: CohortForm) -> Result<Cohort, AppError> {
    use crate::backend::{cohorts, respond};
    respond(cohorts::save(id, form)).await
}

/// Accepts, waitlists or declines applications, each applicant told in their
/// language; accepting with a cohort also adds the people to it. Returns how
/// many were decided. Coordinators and admins.
#[server(endpoint = "decide_applications", input = Json)]
pub async fn decide_applications(
    accounts: Vec<String>,
    status: String,
    reason: String,
    cohort: Option<String>,
) -> Result<u32, AppError> {
    use crate::backend::{cohorts, respond};
    respond(cohorts::decide(accounts, status, reason, cohort)).await
}

/// Takes a person out of a cohort, with their pair. Coordinators and admins.
#[server(endpoint = "remove_from_cohort")]
pub async fn remove_from_cohort(cohort: String, account: String) -> Result<(), AppError> {
    use crate::backend::{cohorts, respond};
    respond(cohorts::remove_member(cohort, account)).await
}

/// The people of a board with every pair's fit. Coordinators and admins.
#[server(endpoint = "board_people")]
pub async fn load_board_people(cohort: String) -> Result<BoardPeople, AppError> {
    use crate::backend::{board, respond};
    respond(board::people(cohort)).await
}

/// The pairs, ruled-out pairs, history and viewers of a board. Coordinators and admins.
#[server(endpoint = "board_state")]
pub async fn load_board_state(cohort: String) -> Result<BoardState, AppError> {
    use crate::backend::{board, respond};
    respond(board::state(cohort)).await
}

/// Moves a mentee from `from` (a mentor, or none for the pool) to `to`.
/// Refused when someone moved the mentee meanwhile, the mentor is full, the
/// pair is ruled out or fails a must-have. Coordinators and admins.
#[server(endpoint = "move_mentee")]
pub async fn move_mentee(
    cohort: String,
    mentee: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<BoardState, AppError> {
    use crate::backend::{board, respond};
    respond(board::move_mentee(cohort, mentee, from, to)).await
}

/// Locks or unlocks a mentee's pair; suggestions keep locked pairs. Coordinators and admins.
#[server(endpoint = "lock_pair")]
pub async fn lock_pair(
    cohort: String,
    mentee: String,
    locked: bool,
) -> Result<BoardState, AppError> {
    use crate::backend::{board, respond};
    respond(board::lock(cohort, mentee, locked)).await
}

/// Rules a pair out (ending it if it exists) or allows it again. Coordinators and admins.
#[server(endpoint = "forbid_pair")]
pub async fn forbid_pair(
    cohort: String,
    mentee: String,
    mentor: String,
    forbidden: bool,
) -> Result<BoardState, AppError> {
    use crate::backend::{board, respond};
    respond(board::forbid(cohort, mentee, mentor, forbidden)).await
}

/// The engine's optimal pairs for every mentee whose pair is not locked,
/// around the locked ones. Changes nothing. Coordinators and admins.
#[server(endpoint = "suggest_pairs")]
pub async fn suggest_pairs(cohort: String) -> Result<Vec<Suggestion>, AppError> {
    use crate::backend::{board, respond};
    respond(board::suggest(cohort)).await
}

/// Makes the chosen suggestions the board's pairs, all or none. Coordinators and admins.
#[server(endpoint = "accept_suggestions", input = Json)]
pub async fn accept_suggestions(
    cohort: String,
    pairs: Vec<Suggestion>,
) -> Result<BoardState, AppError> {
    use crate::backend::{board, respond};
    respond(board::accept(cohort, pairs)).await
}

/// Publishes every draft pair of the cohort and emails both sides. Coordinators and admins.
#[server(endpoint = "publish_board")]
pub async fn publish_board(cohort: String) -> Result<Published, AppError> {
    use crate::backend::{board, respond};
    respond(board::publish(cohort)).await
}

/// Why a mentee and a mentor fit as they do, in `language` (`en` or `da`).
/// Coordinators and admins.
#[server(endpoint = "explain_pair")]
pub async fn explain_pair(
    cohort: String,
    mentee: String,
    mentor: String,
    language: String,
) -> Result<PairExplanation, AppError> {
    use crate::backend::{board, respond};
    respond(board::explain(cohort, mentee, mentor, language)).await
}

/// The caller's published matches. Mentees and mentors.
#[server(endpoint = "my_matches")]
pub async fn my_matches() -> Result<Vec<MyMatch>, AppError> {
    use crate::backend::{board, respond};
    respond(board::mine()).await
}
