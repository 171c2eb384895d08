//! Server functions of the portal. Mentees and mentors touch only their own
//! application; coordinators read others' with a reason, and every such read
//! or change lands in the access log.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{
    Application, ApplicationPage, ApplicationQuery, MenteeProfile, MentorProfile, PartnerChoice,
};
use crate::accounts::Account;
use crate::error::AppError;

/// The caller's own application, or `None` before the first save. Mentees and mentors.
#[server(endpoint = "my_application")]
pub async fn my_application() -> Result<Option<Application>, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::my_application()).await
}

/// Saves one step of the caller's mentee application as a draft; once
/// submitted, saves edits to the whole application. Mentees only.
#[server(endpoint = "save_mentee_draft", input = Json)]
pub async fn save_mentee_draft(answers: MenteeProfile, step: u8) -> Result<Application, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::save_mentee_draft(answers, step)).await
}

/// Submits the caller's mentee application with consent to the current
/// consent text. Mentees only.
#[server(endpoint = "submit_mentee_application", input = Json)]
pub async fn submit_mentee_application(
    answers: MenteeProfile,
    consent_version: u32,
) -> Result<Application, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::submit_mentee(answers, consent_version)).await
}

/// Saves the caller's mentor profile; the first save submits it with consent. Mentors only.
#[server(endpoint = "save_mentor_profile", input = Json)]
pub async fn save_mentor_profile(
    answers: MentorProfile,
    consent_version: u32,
) -> Result<Application, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::save_mentor(answers, consent_version)).await
}

/// Withdraws the caller's application. Mentees and mentors.
#[server(endpoint = "withdraw_application")]
pub async fn withdraw_application() -> Result<Application, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::withdraw()).await
}

/// Partner organisations an applicant can say referred them. Anyone.
#[server(endpoint = "partner_choices")]
pub async fn partner_choices() -> Result<Vec<PartnerChoice>, AppError> {
    use crate::backend::{partners, respond};
    respond(partners::choices()).await
}

/// Submitted applications matching the query, newest first, a page at a
/// time. Coordinators and admins.
#[server(endpoint = "list_applications")]
pub async fn list_applications(
    #[server(flatten)] query: ApplicationQuery,
) -> Result<ApplicationPage, AppError> {
    use crate::backend::{portal, respond};
    respond(portal::list(query)).await
}

/// One person's application, read for a stated reason, which is logged.
/// Coordinators and admins.
#[server(endpoint = "view_application")]
pub async fn view_application(
    account: String,
    reason: String,
) -> Result<(Account, Application), AppError> {
    use crate::backend::{portal, respond};
    respond(portal::view(account, reason)).await
}
