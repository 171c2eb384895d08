//! Server functions of surveys and outcomes. Coordinators and admins define
//! surveys, read their results and record outcomes; mentees and mentors
//! answer the surveys of their own cohorts that are due for them.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{
    CohortOutcomes, CohortSurveys, MySurvey, OutcomeForm, Survey, SurveyForm, SurveyToAnswer,
};
use crate::error::AppError;

/// A cohort's surveys with response rates and the answers added up.
/// Coordinators and admins.
#[server(endpoint = "cohort_surveys")]
pub async fn load_cohort_surveys(cohort: String) -> Result<CohortSurveys, AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::of_cohort(cohort)).await
}

/// Creates a survey of a cohort (`id` empty) or changes one that has no
/// answers yet. Coordinators and admins.
#[server(endpoint = "save_survey", input = Json)]
pub async fn save_survey(
    cohort: String,
    id: Option<String>,
    form: SurveyForm,
) -> Result<Survey, AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::save(cohort, id, form)).await
}

/// Deletes a survey that has no answers yet. Coordinators and admins.
#[server(endpoint = "delete_survey")]
pub async fn delete_survey(id: String) -> Result<(), AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::delete(id)).await
}

/// Creates the standard survey of every moment the cohort has no survey for
/// yet, worded in `language` (`en` or `da`). Returns how many it created.
/// Coordinators and admins.
#[server(endpoint = "create_standard_surveys")]
pub async fn create_standard_surveys(cohort: String, language: String) -> Result<u32, AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::create_standard(cohort, language)).await
}

/// Each mentee of a cohort with their current status per moment and the
/// history. Coordinators and admins.
#[server(endpoint = "cohort_outcomes")]
pub async fn load_cohort_outcomes(cohort: String) -> Result<CohortOutcomes, AppError> {
    use crate::backend::{outcomes, respond};
    respond(outcomes::of_cohort(cohort)).await
}

/// Records a mentee's employment at a moment (a correction is a new record;
/// the history keeps the old one). Coordinators and admins.
#[server(endpoint = "record_outcome", input = Json)]
pub async fn record_outcome(
    cohort: String,
    mentee: String,
    form: OutcomeForm,
) -> Result<(), AppError> {
    use crate::backend::{outcomes, respond};
    respond(outcomes::save(cohort, mentee, form)).await
}

/// The caller's surveys that are due or answered, newest due first. Mentees and mentors.
#[server(endpoint = "my_surveys")]
pub async fn my_surveys() -> Result<Vec<MySurvey>, AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::mine()).await
}

/// One of the caller's surveys, with their answer if they gave one. Mentees and mentors.
#[server(endpoint = "survey_to_answer")]
pub async fn load_survey_to_answer(id: String) -> Result<SurveyToAnswer, AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::to_answer(id)).await
}

/// Answers a survey once: the answers (typed, one per question) and, when
/// the survey asks it of a mentee, their employment, stored together.
/// Mentees and mentors.
#[server(endpoint = "answer_survey", input = Json)]
pub async fn answer_survey(
    id: String,
    answers: Vec<String>,
    outcome: Option<OutcomeForm>,
) -> Result<(), AppError> {
    use crate::backend::{respond, surveys};
    respond(surveys::answer(id, answers, outcome)).await
}
