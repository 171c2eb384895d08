//! Server functions of the course. Mentees and mentors act only within their
//! own published match; coordinators and admins follow and end matches.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{
    CohortCourse, Course, EndReason, Introduction, IntroductionForm, Meeting, MeetingForm,
};
use crate::error::AppError;

/// The caller's matches with their meetings and introductions. Mentees and mentors.
#[server(endpoint = "my_course")]
pub async fn my_course() -> Result<Vec<Course>, AppError> {
    use crate::backend::{course, respond};
    respond(course::mine()).await
}

/// Logs a meeting of the caller's pair; the other side is asked to confirm
/// it. Mentees and mentors, for their own published match only.
#[server(endpoint = "log_meeting", input = Json)]
pub async fn log_meeting(form: MeetingForm) -> Result<Meeting, AppError> {
    use crate::backend::{course, respond};
    respond(course::log_meeting(form)).await
}

/// Confirms a meeting the other side of the pair logged.
#[server(endpoint = "confirm_meeting")]
pub async fn confirm_meeting(id: String) -> Result<(), AppError> {
    use crate::backend::{course, respond};
    respond(course::confirm_meeting(id)).await
}

/// Deletes a meeting the caller logged, while it is not yet confirmed.
#[server(endpoint = "delete_meeting")]
pub async fn delete_meeting(id: String) -> Result<(), AppError> {
    use crate::backend::{course, respond};
    respond(course::delete_meeting(id)).await
}

/// Records (`id` empty) or updates an introduction the caller made for their
/// mentee. Mentors only.
#[server(endpoint = "save_introduction", input = Json)]
pub async fn save_introduction(
    id: Option<String>,
    form: IntroductionForm,
) -> Result<Introduction, AppError> {
    use crate::backend::{course, respond};
    respond(course::save_introduction(id, form)).await
}

/// A cohort's pairs with their activity, and the matches that ended.
/// Coordinators and admins.
#[server(endpoint = "cohort_course")]
pub async fn load_cohort_course(cohort: String) -> Result<CohortCourse, AppError> {
    use crate::backend::{course, respond};
    respond(course::cohort(cohort)).await
}

/// Ends a published match before the cohort's end. With a reason that calls
/// for it, the mentee goes back to the board's pool and the pair is ruled
/// out; otherwise the mentee leaves the course. Coordinators and admins.
#[server(endpoint = "end_match", input = Json)]
pub async fn end_match(
    cohort: String,
    mentee: String,
    reason: EndReason,
    note: String,
) -> Result<(), AppError> {
    use crate::backend::{course, respond};
    respond(course::end_match(cohort, mentee, reason, note)).await
}
