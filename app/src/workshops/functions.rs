//! Server functions of workshops. Coordinators and admins plan workshops and
//! check in attendance; mentees and mentors see and answer the workshops of
//! their own cohorts and keep their calendar feed.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{AttendanceList, CalendarFeed, MyWorkshop, Workshop, WorkshopForm, WorkshopsOfCohort};
use crate::error::AppError;

/// A cohort's workshops with their counts. Coordinators and admins.
#[server(endpoint = "cohort_workshops")]
pub async fn cohort_workshops(cohort: String) -> Result<WorkshopsOfCohort, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::of_cohort(cohort)).await
}

/// Creates a workshop of `cohort` (`id` empty) or updates one. Coordinators and admins.
#[server(endpoint = "save_workshop", input = Json)]
pub async fn save_workshop(
    id: Option<String>,
    cohort: String,
    form: WorkshopForm,
) -> Result<Workshop, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::save(id, cohort, form)).await
}

/// Cancels a workshop; answers and check-ins are kept. Coordinators and admins.
#[server(endpoint = "cancel_workshop")]
pub async fn cancel_workshop(id: String) -> Result<Workshop, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::cancel(id)).await
}

/// The check-in list of a workshop. Coordinators and admins.
#[server(endpoint = "workshop_attendance")]
pub async fn workshop_attendance(id: String) -> Result<AttendanceList, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::attendance(id)).await
}

/// Marks a participant of the workshop's cohort as come or not. Coordinators and admins.
#[server(endpoint = "set_attendance")]
pub async fn set_attendance(
    workshop: String,
    account: String,
    attended: bool,
) -> Result<bool, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::set_attendance(workshop, account, attended)).await
}

/// The upcoming workshops of the caller's cohorts, with their answers. Mentees and mentors.
#[server(endpoint = "my_workshops")]
pub async fn my_workshops() -> Result<Vec<MyWorkshop>, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::mine()).await
}

/// Says whether the caller comes to a workshop of their cohort. Refused when
/// it is full, has begun or was cancelled. Mentees and mentors.
#[server(endpoint = "answer_workshop")]
pub async fn answer_workshop(id: String, coming: bool) -> Result<MyWorkshop, AppError> {
    use crate::backend::{respond, workshops};
    respond(workshops::answer(id, coming)).await
}

/// The caller's calendar feed address, made on first use. Mentees and mentors.
#[server(endpoint = "my_calendar_feed")]
pub async fn my_calendar_feed() -> Result<CalendarFeed, AppError> {
    use crate::backend::{calendar, respond};
    respond(calendar::my_feed(false)).await
}

/// A new calendar feed address for the caller; the old one stops working. Mentees and mentors.
#[server(endpoint = "renew_calendar_feed")]
pub async fn renew_calendar_feed() -> Result<CalendarFeed, AppError> {
    use crate::backend::{calendar, respond};
    respond(calendar::my_feed(true)).await
}
