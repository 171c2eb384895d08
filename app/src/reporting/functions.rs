//! Server functions of the dashboard, the funder report and the partner view.

use leptos::prelude::*;

use super::partner_view::PartnerFigures;
use super::{Dashboard, ProgrammeYears};
use crate::error::AppError;

/// A cohort's dashboard. Coordinators and admins.
#[server(endpoint = "cohort_dashboard")]
pub async fn cohort_dashboard(cohort: String) -> Result<Dashboard, AppError> {
    use crate::backend::{reporting, respond};
    respond(reporting::cohort_dashboard(cohort)).await
}

/// The dashboard of every cohort of a programme starting in `year`.
/// Coordinators and admins.
#[server(endpoint = "programme_dashboard")]
pub async fn programme_dashboard(programme: String, year: i32) -> Result<Dashboard, AppError> {
    use crate::backend::{reporting, respond};
    respond(reporting::programme_dashboard(programme, year)).await
}

/// Each programme with the years its cohorts start in and its target.
/// Coordinators and admins.
#[server(endpoint = "report_programmes")]
pub async fn report_programmes() -> Result<Vec<ProgrammeYears>, AppError> {
    use crate::backend::{reporting, respond};
    respond(reporting::programmes()).await
}

/// Sets the share of mentees in work (1–100 %) a programme aims at.
/// Coordinators and admins.
#[server(endpoint = "save_work_target")]
pub async fn save_work_target(programme: String, target: String) -> Result<u32, AppError> {
    use crate::backend::{reporting, respond};
    respond(reporting::save_target(programme, target)).await
}

/// The figures of the mentees the caller's organisation referred, with
/// small numbers withheld. Partner users.
#[server(endpoint = "partner_figures")]
pub async fn load_partner_figures() -> Result<PartnerFigures, AppError> {
    use crate::backend::{reporting, respond};
    respond(reporting::partner()).await
}
