//! Employment outcomes behind their server functions. Records are only ever
//! added (the table refuses updates), so a correction leaves the history
//! intact; the latest record of a moment is the current status.

use surrealdb::engine::any::Any;
use surrealdb::method::Query;
use surrealdb::types::{RecordId, SurrealValue};

use super::cohorts::{self, member_id};
use super::db::{is_key, key_string, record};
use super::{Db, access_log, app_state, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::error::{AppError, Problem};
use crate::portal::profile::today;
use crate::surveys::outcome::latest_by_moment;
use crate::surveys::{
    CohortOutcomes, EmploymentStatus, MenteeOutcomes, OutcomeForm, OutcomeMoment, OutcomeRecord,
    OutcomeSource, OutcomeValues,
};

/// Adds one outcome record; bound by [`bind_outcome`], with `$cohort` and `$mentee`.
pub const CREATE_OUTCOME: &str = "
    CREATE outcome CONTENT {
        cohort: $cohort, mentee: $mentee, moment: $o_moment, status: $o_status,
        hours: $o_hours, matches_education: $o_matches_education, industry: $o_industry,
        found_on: $o_found_on, in_aarhus: $o_in_aarhus, note: $o_note, source: $o_source,
        survey: $o_survey, recorded_by: $o_by, recorded_by_name: $o_by_name,
        recorded_at: time::now()
    };";

/// Binds the values of [`CREATE_OUTCOME`] but `$cohort` and `$mentee`.
pub fn bind_outcome<'a>(
    query: Query<'a, Any>,
    values: &OutcomeValues,
    source: &'static str,
    survey: Option<RecordId>,
    by: &Account,
) -> Query<'a, Any> {
    query
        .bind(("o_moment", values.moment.code()))
        .bind(("o_status", values.status.code()))
        .bind(("o_hours", values.hours.map(i64::from)))
        .bind(("o_matches_education", values.matches_education))
        .bind(("o_industry", values.industry.clone()))
        .bind(("o_found_on", values.found_on.clone()))
        .bind(("o_in_aarhus", values.in_aarhus))
        .bind(("o_note", values.note.clone()))
        .bind(("o_source", source))
        .bind(("o_survey", survey))
        .bind(("o_by", record("account", &by.id)))
        .bind(("o_by_name", by.name.clone()))
}

/// The columns [`take_records`] reads.
pub const COLUMNS: &str =
    "id, record::id(mentee) AS mentee, moment, status, hours, matches_education,
    industry, found_on, in_aarhus, note, source, recorded_by_name,
    time::millis(recorded_at) AS recorded_at";

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    mentee: String,
    moment: String,
    status: String,
    hours: Option<i64>,
    matches_education: Option<bool>,
    industry: String,
    found_on: Option<String>,
    in_aarhus: bool,
    note: String,
    source: String,
    recorded_by_name: String,
    recorded_at: i64,
}

impl Row {
    fn into_record(self) -> Option<OutcomeRecord> {
        Some(OutcomeRecord {
            id: key_string(&self.id),
            mentee: self.mentee,
            values: OutcomeValues {
                moment: OutcomeMoment::from_code(&self.moment)?,
                status: EmploymentStatus::from_code(&self.status)?,
                hours: self.hours.and_then(|h| u8::try_from(h).ok()),
                matches_education: self.matches_education,
                industry: self.industry,
                found_on: self.found_on,
                in_aarhus: self.in_aarhus,
                note: self.note,
            },
            source: match self.source.as_str() {
                "survey" => OutcomeSource::Survey,
                _ => OutcomeSource::Coordinator,
            },
            recorded_by_name: self.recorded_by_name,
            recorded_at: self.recorded_at,
        })
    }
}

/// The records of statement `index` of a response that selected `*` or [`COLUMNS`].
pub fn take_records(
    response: &mut surrealdb::IndexedResults,
    index: usize,
) -> Result<Vec<OutcomeRecord>, AppError> {
    let rows: Vec<Row> = response.take(index).map_err(db_error)?;
    Ok(rows.into_iter().filter_map(Row::into_record).collect())
}

/// Every outcome record of a cohort, oldest first.
pub async fn records_of_cohort(db: &Db, cohort: &str) -> Result<Vec<OutcomeRecord>, AppError> {
    let mut response = db
        .query(format!(
            "SELECT {COLUMNS} FROM outcome WHERE cohort = $cohort ORDER BY recorded_at"
        ))
        .bind(("cohort", record("cohort", cohort)))
        .await
        .map_err(db_error)?;
    take_records(&mut response, 0)
}

pub async fn of_cohort(cohort: String) -> Result<CohortOutcomes, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    #[derive(SurrealValue)]
    struct MenteeRow {
        id: String,
        name: Option<String>,
    }
    let mentees: Vec<MenteeRow> = db
        .query(
            "SELECT record::id(account) AS id, account.name AS name FROM cohort_member
                WHERE cohort = $cohort AND kind = 'mentee' ORDER BY name",
        )
        .bind(("cohort", record("cohort", &cohort.id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let records = records_of_cohort(&db, &cohort.id).await?;
    let mentees = mentees
        .into_iter()
        .map(|mentee| {
            let own: Vec<OutcomeRecord> = records
                .iter()
                .filter(|record| record.mentee == mentee.id)
                .cloned()
                .collect();
            let latest = latest_by_moment(&own).map(|r| r.cloned()).to_vec();
            let mut history = own;
            history.reverse();
            MenteeOutcomes {
                mentee: mentee.id,
                name: mentee.name.unwrap_or_default(),
                latest,
                history,
            }
        })
        .collect();
    Ok(CohortOutcomes { cohort, mentees })
}

pub async fn save(cohort: String, mentee: String, form: OutcomeForm) -> Result<(), AppError> {
    let coordinator = require_role(&[Role::Coordinator, Role::Admin]).await?;
    let values = form.values(None, today()).map_err(AppError::Invalid)?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    if !is_key(&mentee) {
        return Err(AppError::invalid("mentee", Problem::NotInCohort));
    }
    let kind: Option<String> = db
        .query("SELECT VALUE kind FROM ONLY $member")
        .bind(("member", member_id(&cohort.id, &mentee)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if kind.as_deref() != Some("mentee") {
        return Err(AppError::invalid("mentee", Problem::NotInCohort));
    }
    let query = db
        .query(CREATE_OUTCOME)
        .bind(("cohort", record("cohort", &cohort.id)))
        .bind(("mentee", record("account", &mentee)));
    bind_outcome(query, &values, "coordinator", None, &coordinator)
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    access_log::record(
        &db,
        &coordinator,
        &mentee,
        "change",
        &format!("employment outcome ({})", values.moment.code()),
        "outcome follow-up",
    )
    .await
}
