//! The dashboard from per-cohort tallies (`cohort_tally`, migration 0011).
//!
//! Every write the figures read creates a `tally_change` row naming the
//! cohort it touched (database events, in the writer's transaction). A
//! dashboard recomputes only the cohorts of its scope that have change rows
//! or no tally yet, from the same rows the direct computation reads, stores
//! their tallies and deletes the change rows it saw before it started (a
//! write during the recompute leaves a newer one), then merges one tally per
//! cohort. So a year of 100 cohorts reads 100 small rows, and what it shows
//! is never older than the last write.

use std::collections::{HashMap, HashSet};

use surrealdb::types::{RecordId, SurrealValue};
use time::Date;

use super::{
    ApplicationRow, CohortInfo, applicants_in, heading, load, now_nanos, row_of, scope_cohorts,
};
use crate::accounts::store::db_error;
use crate::backend::Db;
use crate::backend::db::record;
use crate::error::AppError;
use crate::portal::profile::parse_date;
use crate::reporting::kpi::MenteeRow;
use crate::reporting::survey_tally::SurveyTally;
use crate::reporting::tally::{self, Tally, UNDATED};
use crate::reporting::{Dashboard, Scope};

/// A cohort's stored tallies.
struct Kept {
    /// Every mentee placed in it: the cohort's own dashboard.
    tally: Tally,
    /// Without mentees counted in a later cohort of its programme's year:
    /// its part of the year's dashboard (`None`: the same as `tally`).
    year: Option<Tally>,
    surveys: Vec<SurveyTally>,
}

/// The dashboard of a scope, as of `today`, from the cohorts' tallies;
/// always equal to [`super::direct_dashboard_of`]. Checks no caller: the
/// server functions and the CSV route do.
pub async fn dashboard_of(db: &Db, scope: &Scope, today: Date) -> Result<Dashboard, AppError> {
    let (cohorts, window) = scope_cohorts(db, scope).await?;
    let heading = heading(db, scope, &cohorts).await?;
    let mut kept = fresh(db, &cohorts).await?;
    let year = matches!(scope, Scope::Year { .. });
    let mut all = Tally::default();
    let mut surveys = Vec::new();
    for cohort in &cohorts {
        let Some(kept) = kept.remove(&cohort.id) else {
            continue;
        };
        let own = match (year, &kept.year) {
            (true, Some(year)) => year,
            _ => &kept.tally,
        };
        all.merge(own);
        surveys.extend(kept.surveys.iter().map(|survey| survey.figures(today)));
    }
    let applicants: Vec<MenteeRow> = unplaced(db, &cohorts, applicants_in(db, window).await?)
        .await?
        .into_iter()
        .map(row_of)
        .collect();
    all.merge(&tally::tally(&applicants, Date::MIN, &[], &[]));
    let figures = tally::figures(&all, today, now_nanos());
    Ok(heading.dashboard(scope, &cohorts, today, figures, surveys))
}

/// Every `every`, brings the tallies of cohorts written to since up to
/// date, so a dashboard seldom has any to recompute while it is read.
pub async fn refresh_job(db: Db, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = refresh(&db).await {
            tracing::error!(%error, "tallies not refreshed");
        }
    }
}

/// Recomputes the tally of every cohort with change rows; returns how many.
pub async fn refresh(db: &Db) -> Result<usize, AppError> {
    let changed: Vec<String> = db
        .query("RETURN array::distinct(SELECT VALUE record::id(cohort) FROM tally_change)")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    for id in &changed {
        match scope_cohorts(db, &Scope::Cohort { id: id.clone() }).await {
            Ok((cohorts, _)) => {
                fresh(db, &cohorts).await?;
            }
            // Its cohort was deleted: the cohort's event removed the rest.
            Err(AppError::NotFound) => {
                db.query("DELETE tally_change WHERE cohort = $cohort")
                    .bind(("cohort", record("cohort", id)))
                    .await
                    .and_then(|response| response.check())
                    .map_err(db_error)?;
            }
            Err(error) => return Err(error),
        }
    }
    Ok(changed.len())
}

/// The tallies of `cohorts`, recomputing those that changed since stored.
async fn fresh(db: &Db, cohorts: &[CohortInfo]) -> Result<HashMap<String, Kept>, AppError> {
    #[derive(SurrealValue)]
    struct Change {
        id: RecordId,
        cohort: String,
    }
    #[derive(SurrealValue)]
    struct Stored {
        cohort: String,
        tally: String,
        year_tally: Option<String>,
        surveys: String,
    }
    if cohorts.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<RecordId> = cohorts.iter().map(|c| record("cohort", &c.id)).collect();
    let tallies: Vec<RecordId> = cohorts
        .iter()
        .map(|c| record("cohort_tally", &c.id))
        .collect();
    // The change rows first: a write after this read leaves a row this
    // dashboard does not delete.
    let mut response = db
        .query(
            "SELECT id, record::id(cohort) AS cohort FROM tally_change WHERE cohort IN $cohorts;
             SELECT record::id(cohort) AS cohort, tally, year_tally, surveys FROM $tallies;",
        )
        .bind(("cohorts", ids))
        .bind(("tallies", tallies))
        .await
        .map_err(db_error)?;
    let changes: Vec<Change> = response.take(0).map_err(db_error)?;
    let stored: Vec<Stored> = response.take(1).map_err(db_error)?;
    let mut changed: HashMap<String, Vec<RecordId>> = HashMap::new();
    for change in changes {
        changed.entry(change.cohort).or_default().push(change.id);
    }
    let mut kept = HashMap::new();
    for row in stored
        .into_iter()
        .filter(|s| !changed.contains_key(&s.cohort))
    {
        let parsed = (|| {
            Some(Kept {
                tally: serde_json::from_str(&row.tally).ok()?,
                year: match &row.year_tally {
                    Some(year) => Some(serde_json::from_str(year).ok()?),
                    None => None,
                },
                surveys: serde_json::from_str(&row.surveys).ok()?,
            })
        })();
        match parsed {
            Some(parsed) => {
                kept.insert(row.cohort, parsed);
            }
            None => tracing::warn!(cohort = %row.cohort, "stored tally unreadable, recomputing"),
        }
    }
    let stale: Vec<&CohortInfo> = cohorts
        .iter()
        .filter(|c| !kept.contains_key(&c.id))
        .collect();
    for cohort in stale {
        let fresh = compute(db, cohort).await?;
        let seen = changed.remove(&cohort.id).unwrap_or_default();
        if let Err(error) = store(db, cohort, &fresh, seen).await {
            // Another dashboard stored it at the same moment; the figures
            // shown are fresh either way.
            tracing::warn!(cohort = %cohort.id, %error, "tally not stored");
        }
        kept.insert(cohort.id.clone(), fresh);
    }
    Ok(kept)
}

/// A cohort's tallies from its rows, as the direct computation reads them.
async fn compute(db: &Db, cohort: &CohortInfo) -> Result<Kept, AppError> {
    // As of `UNDATED`: whether the course is over is left to the tally, and
    // a pair published without a date is marked so.
    let loaded = load(db, std::slice::from_ref(cohort), Vec::new(), None, UNDATED).await?;
    let over_from = cohort.over_from();
    let own = tally::tally(&loaded.rows, over_from, &loaded.outcomes, &loaded.workshops);
    let later = placed_later(db, cohort, &loaded.rows).await?;
    let year = (!later.is_empty()).then(|| {
        let rows: Vec<MenteeRow> = loaded
            .rows
            .iter()
            .filter(|row| !later.contains(&row.account))
            .cloned()
            .collect();
        tally::tally(&rows, over_from, &loaded.outcomes, &loaded.workshops)
    });
    Ok(Kept {
        tally: own,
        year,
        surveys: crate::backend::surveys::tallies(db, &cohort.id).await?,
    })
}

/// The cohort's mentees who are also placed in a later cohort of the same
/// programme starting in the same year: they count there.
async fn placed_later(
    db: &Db,
    cohort: &CohortInfo,
    rows: &[MenteeRow],
) -> Result<HashSet<String>, AppError> {
    let Some(year) = parse_date(&cohort.start).map(|start| start.year()) else {
        return Ok(HashSet::new());
    };
    let accounts: Vec<RecordId> = rows
        .iter()
        .filter(|row| row.member)
        .map(|row| record("account", &row.account))
        .collect();
    if accounts.is_empty() {
        return Ok(HashSet::new());
    }
    let later: Vec<String> = db
        .query(
            "SELECT VALUE record::id(account) FROM cohort_member
                WHERE account IN $accounts AND kind = 'mentee' AND cohort != $cohort
                AND cohort.programme = $programme AND cohort.start >= $from AND cohort.start < $to
                AND (cohort.start > $start OR (cohort.start = $start AND record::id(cohort) > $key))",
        )
        .bind(("accounts", accounts))
        .bind(("cohort", record("cohort", &cohort.id)))
        .bind(("programme", cohort.programme.clone()))
        .bind(("from", format!("{year}-01-01")))
        .bind(("to", format!("{}-01-01", year + 1)))
        .bind(("start", cohort.start.clone()))
        .bind(("key", cohort.id.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(later.into_iter().collect())
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "tally not serialisable");
        AppError::Internal
    })
}

/// Stores a cohort's tallies, then deletes the change rows `seen` before
/// they were computed, a thousand at a time. The tally comes first: a change
/// row left behind by a failure only makes the next dashboard recompute the
/// cohort. Deleting in small statements keeps each transaction small; a
/// transaction's cost grows with the square of its writes.
async fn store(
    db: &Db,
    cohort: &CohortInfo,
    kept: &Kept,
    seen: Vec<RecordId>,
) -> Result<(), AppError> {
    let year = match &kept.year {
        Some(year) => Some(json(year)?),
        None => None,
    };
    db.query(
        "UPSERT $id CONTENT {
            cohort: $cohort, programme: $programme, start: $start, tally: $tally,
            year_tally: $year, surveys: $surveys, computed_at: time::now()
         };",
    )
    .bind(("id", record("cohort_tally", &cohort.id)))
    .bind(("cohort", record("cohort", &cohort.id)))
    .bind(("programme", cohort.programme.clone()))
    .bind(("start", cohort.start.clone()))
    .bind(("tally", json(&kept.tally)?))
    .bind(("year", year))
    .bind(("surveys", json(&kept.surveys)?))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    for chunk in seen.chunks(1000) {
        db.query("DELETE $seen")
            .bind(("seen", chunk.to_vec()))
            .await
            .and_then(|response| response.check())
            .map_err(db_error)?;
    }
    Ok(())
}

/// `applicants` not placed in any of `cohorts` (those placed count with
/// their cohort).
async fn unplaced(
    db: &Db,
    cohorts: &[CohortInfo],
    applicants: Vec<ApplicationRow>,
) -> Result<Vec<ApplicationRow>, AppError> {
    if applicants.is_empty() || cohorts.is_empty() {
        return Ok(applicants);
    }
    let accounts: Vec<RecordId> = applicants
        .iter()
        .map(|a| record("account", &a.account))
        .collect();
    let ids: Vec<RecordId> = cohorts.iter().map(|c| record("cohort", &c.id)).collect();
    let placed: Vec<String> = db
        .query(
            "SELECT VALUE record::id(account) FROM cohort_member
                WHERE account IN $accounts AND kind = 'mentee' AND cohort IN $cohorts",
        )
        .bind(("accounts", accounts))
        .bind(("cohorts", ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let placed: HashSet<String> = placed.into_iter().collect();
    Ok(applicants
        .into_iter()
        .filter(|a| !placed.contains(&a.account))
        .collect())
}
