//! Import sessions: the upload route that parses a spreadsheet into a
//! session record, the checks of its rows, and the batches that create the
//! accounts once the coordinator confirms. Nothing but the session is
//! written before that confirmation.

mod people;

use std::collections::HashSet;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use surrealdb::types::{RecordId, SurrealValue};
use tower_sessions::Session;

use super::db::{is_key, key_string, random_key, record};
use super::{AppState, Db, app_state, guard, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::error::{AppError, FieldProblem, Problem};
use crate::import::rows::{Checked, Person, RowContext, check_all, read_row};
use crate::import::{
    BATCH_ROWS, ImportField, ImportKind, ImportPreview, ImportProgress, MAX_FILE_MB,
    PREVIEW_VALID_ROWS, PreviewRow, UPLOAD_PATH, file,
};
use crate::portal::profile::today;

const STAFF: &[Role] = &[Role::Coordinator, Role::Admin];

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(UPLOAD_PATH, post(upload))
        // Room for the multipart framing around the largest accepted file.
        .layer(DefaultBodyLimit::max(
            MAX_FILE_MB as usize * 1024 * 1024 + 64 * 1024,
        ))
        .with_state(state)
}

fn too_large() -> AppError {
    AppError::invalid(
        "file",
        Problem::FileTooLarge {
            max_mb: MAX_FILE_MB,
        },
    )
}

async fn upload(State(state): State<AppState>, session: Session, multipart: Multipart) -> Response {
    match start(&state, &session, multipart).await {
        Ok(id) => axum::Json(serde_json::json!({ "id": id })).into_response(),
        Err(error) => (error.status_code(), axum::Json(error)).into_response(),
    }
}

/// The form's fields: kind, language and the file with its name.
async fn read_form(
    mut multipart: Multipart,
) -> Result<(String, String, Option<String>, Vec<u8>), AppError> {
    let broken = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            AppError::invalid("file", Problem::Malformed)
        }
    };
    let (mut kind, mut language, mut name, mut bytes) = (String::new(), String::new(), None, None);
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(broken)?,
            Some("language") => language = field.text().await.map_err(broken)?,
            Some("file") => {
                name = field.file_name().map(str::to_owned);
                bytes = Some(field.bytes().await.map_err(broken)?.to_vec());
            }
            _ => {}
        }
    }
    let bytes = bytes
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| AppError::invalid("file", Problem::Required))?;
    Ok((kind, language, name, bytes))
}

/// Parses an upload into a new session; returns its id.
async fn start(
    state: &AppState,
    session: &Session,
    multipart: Multipart,
) -> Result<String, AppError> {
    let owner = guard::user_of(state, session).await?;
    if !owner.role().is_some_and(|role| STAFF.contains(&role)) {
        return Err(AppError::Forbidden);
    }
    let (kind, language, name, bytes) = read_form(multipart).await?;
    let kind =
        ImportKind::from_code(&kind).ok_or_else(|| AppError::invalid("kind", Problem::Required))?;
    let language = if language == "da" { "da" } else { "en" };
    let table = file::read_table(&bytes).map_err(|problem| AppError::invalid("file", problem))?;
    let file_name: String = name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let mapping = crate::import::fields::guess_mapping(kind, &table.headers);
    let emails: Vec<String> = emails_of(&mapping, table.rows.iter().map(|row| &row.cells));
    let id = random_key();
    state
        .db
        .query(
            "DELETE import_session WHERE expires_at < time::now();
             CREATE $id CONTENT {
                kind: $kind, file_name: $file_name, language: $language, headers: $headers,
                mapping: $mapping, lines: $lines, rows: $rows, emails: $emails,
                created_by: $owner, expires_at: time::now() + 1d
             };",
        )
        .bind(("id", record("import_session", &id)))
        .bind(("kind", kind.code()))
        .bind(("file_name", file_name))
        .bind(("language", language))
        .bind(("headers", table.headers))
        .bind(("mapping", codes(&mapping)))
        .bind((
            "lines",
            table
                .rows
                .iter()
                .map(|row| i64::from(row.line))
                .collect::<Vec<_>>(),
        ))
        .bind((
            "rows",
            table
                .rows
                .into_iter()
                .map(|row| row.cells)
                .collect::<Vec<_>>(),
        ))
        .bind(("emails", emails))
        .bind(("owner", owner.id.clone()))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    tracing::info!(account = %key_string(&owner.id), session = %id, "import file uploaded");
    Ok(id)
}

fn codes(mapping: &[Option<ImportField>]) -> Vec<String> {
    mapping
        .iter()
        .map(|field| field.map_or(String::new(), |field| field.code().to_owned()))
        .collect()
}

/// The lower-case email of each row that has one, for the privacy export and erasure.
fn emails_of<'a>(
    mapping: &[Option<ImportField>],
    rows: impl Iterator<Item = &'a Vec<String>>,
) -> Vec<String> {
    let column = mapping
        .iter()
        .position(|field| *field == Some(ImportField::Email));
    rows.filter_map(|cells| column.and_then(|n| cells.get(n)))
        .map(|cell| cell.trim().to_lowercase())
        .filter(|cell| !cell.is_empty())
        .collect()
}

#[derive(SurrealValue)]
struct SessionRow {
    kind: String,
    file_name: String,
    language: String,
    headers: Vec<String>,
    mapping: Vec<String>,
    mapped: bool,
    lines: Vec<i64>,
    rows: Vec<Vec<String>>,
    queue: Option<Vec<i64>>,
    done: i64,
    created: i64,
    skipped: i64,
    failed: i64,
}

/// A loaded session with what its rows are checked against.
struct Loaded {
    id: String,
    kind: ImportKind,
    row: SessionRow,
    mapping: Vec<Option<ImportField>>,
    partners: Vec<(String, String, String)>,
}

impl Loaded {
    fn context(&self) -> RowContext<'_> {
        RowContext {
            kind: self.kind,
            today: today(),
            default_language: &self.row.language,
            partners: &self.partners,
        }
    }
}

/// The caller's session `id`; another's, or one past its day, is not found.
async fn load(db: &Db, owner: &Account, id: &str) -> Result<Loaded, AppError> {
    if !is_key(id) {
        return Err(AppError::NotFound);
    }
    let row: Option<SessionRow> = db
        .query("SELECT * FROM ONLY $id WHERE created_by = $owner AND expires_at > time::now()")
        .bind(("id", record("import_session", id)))
        .bind(("owner", record("account", &owner.id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let row = row.ok_or(AppError::NotFound)?;
    let kind = ImportKind::from_code(&row.kind).ok_or(AppError::Internal)?;
    let mapping = row
        .mapping
        .iter()
        .map(|code| ImportField::from_code(code))
        .collect();
    let partners = super::partners::choices()
        .await?
        .into_iter()
        .map(|partner| (partner.id.clone(), partner.name, partner.id))
        .collect();
    Ok(Loaded {
        id: id.to_owned(),
        kind,
        row,
        mapping,
        partners,
    })
}

/// Which of these emails already have an account.
async fn existing(db: &Db, emails: Vec<String>) -> Result<HashSet<String>, AppError> {
    let found: Vec<String> = db
        .query("SELECT VALUE email FROM account WHERE email IN $emails")
        .bind(("emails", emails))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(found.into_iter().collect())
}

async fn check(db: &Db, loaded: &Loaded) -> Result<Vec<Checked>, AppError> {
    let emails = emails_of(&loaded.mapping, loaded.row.rows.iter());
    let present = existing(db, emails).await?;
    Ok(check_all(
        &loaded.context(),
        &loaded.mapping,
        &loaded.row.rows,
        &present,
    ))
}

async fn preview_of(db: &Db, loaded: Loaded) -> Result<ImportPreview, AppError> {
    let checked = if loaded.row.mapped {
        check(db, &loaded).await?
    } else {
        Vec::new()
    };
    let line = |n: usize| loaded.row.lines.get(n).map_or(0, |l| *l as u32);
    let mut rows: Vec<PreviewRow> = Vec::new();
    let (mut valid, mut present) = (0, 0);
    let mut shown_valid = Vec::new();
    for (n, outcome) in checked.iter().enumerate() {
        let cells = loaded.row.rows[n].clone();
        match outcome {
            Checked::Refused(problems) => rows.push(PreviewRow {
                line: line(n),
                cells,
                problems: problems.clone(),
                exists: false,
            }),
            Checked::Exists => {
                present += 1;
                rows.push(PreviewRow {
                    line: line(n),
                    cells,
                    problems: Vec::new(),
                    exists: true,
                });
            }
            Checked::Ready(_) => {
                valid += 1;
                if shown_valid.len() < PREVIEW_VALID_ROWS {
                    shown_valid.push(PreviewRow {
                        line: line(n),
                        cells,
                        problems: Vec::new(),
                        exists: false,
                    });
                }
            }
        }
    }
    rows.extend(shown_valid);
    Ok(ImportPreview {
        id: loaded.id,
        kind: loaded.kind,
        file_name: loaded.row.file_name,
        headers: loaded.row.headers,
        mapping: loaded.mapping,
        mapped: loaded.row.mapped,
        sample: loaded.row.rows.first().cloned().unwrap_or_default(),
        total: loaded.row.rows.len() as u32,
        valid,
        existing: present,
        rows,
    })
}

pub async fn preview(id: String) -> Result<ImportPreview, AppError> {
    let owner = require_role(STAFF).await?;
    let db = app_state()?.db;
    let loaded = load(&db, &owner, &id).await?;
    preview_of(&db, loaded).await
}

/// The problems of a mapping: a field twice, a field not of this kind, or
/// name or email not mapped.
fn mapping_problems(kind: ImportKind, mapping: &[Option<ImportField>]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (n, field) in mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        let column = format!("column-{n}");
        if !ImportField::of_kind(kind).contains(field) {
            problems.push(FieldProblem {
                field: column,
                problem: Problem::UnknownChoice,
            });
        } else if !seen.insert(*field) {
            problems.push(FieldProblem {
                field: column,
                problem: Problem::MappedTwice,
            });
        }
    }
    for needed in [ImportField::Name, ImportField::Email] {
        if !mapping.contains(&Some(needed)) {
            problems.push(FieldProblem {
                field: needed.code().to_owned(),
                problem: Problem::Required,
            });
        }
    }
    problems
}

pub async fn map(id: String, mapping: Vec<Option<ImportField>>) -> Result<ImportPreview, AppError> {
    let owner = require_role(STAFF).await?;
    let db = app_state()?.db;
    let mut loaded = load(&db, &owner, &id).await?;
    if loaded.row.queue.is_some() {
        return Err(AppError::Conflict);
    }
    if mapping.len() != loaded.row.headers.len() {
        return Err(AppError::invalid("mapping", Problem::Malformed));
    }
    AppError::check(mapping_problems(loaded.kind, &mapping))?;
    let emails = emails_of(&mapping, loaded.row.rows.iter());
    db.query(
        "UPDATE $id SET mapping = $mapping, mapped = true, emails = $emails WHERE queue = NONE",
    )
    .bind(("id", record("import_session", &id)))
    .bind(("mapping", codes(&mapping)))
    .bind(("emails", emails))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    loaded.mapping = mapping;
    loaded.row.mapped = true;
    preview_of(&db, loaded).await
}

pub async fn fix(
    id: String,
    line: u32,
    values: Vec<(ImportField, String)>,
) -> Result<ImportPreview, AppError> {
    let owner = require_role(STAFF).await?;
    let db = app_state()?.db;
    let mut loaded = load(&db, &owner, &id).await?;
    if loaded.row.queue.is_some() {
        return Err(AppError::Conflict);
    }
    let n = loaded
        .row
        .lines
        .iter()
        .position(|l| *l == i64::from(line))
        .ok_or(AppError::NotFound)?;
    for (field, value) in values {
        let column = loaded
            .mapping
            .iter()
            .position(|mapped| *mapped == Some(field))
            .ok_or_else(|| AppError::invalid(field.code(), Problem::UnknownChoice))?;
        if value.chars().count() > crate::portal::profile::MAX_LONG {
            return Err(AppError::invalid(
                field.code(),
                Problem::TooLong {
                    max: crate::portal::profile::MAX_LONG as u32,
                },
            ));
        }
        loaded.row.rows[n][column] = value;
    }
    let emails = emails_of(&loaded.mapping, loaded.row.rows.iter());
    db.query("UPDATE $id SET rows = $rows, emails = $emails WHERE queue = NONE")
        .bind(("id", record("import_session", &id)))
        .bind(("rows", loaded.row.rows.clone()))
        .bind(("emails", emails))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    preview_of(&db, loaded).await
}

pub async fn discard(id: String) -> Result<(), AppError> {
    let owner = require_role(STAFF).await?;
    let db = app_state()?.db;
    let loaded = load(&db, &owner, &id).await?;
    delete(&db, &loaded.id).await
}

async fn delete(db: &Db, id: &str) -> Result<(), AppError> {
    db.query("DELETE $id")
        .bind(("id", record("import_session", id)))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}

pub async fn batch(id: String) -> Result<ImportProgress, AppError> {
    let owner = require_role(STAFF).await?;
    let state = app_state()?;
    let db = state.db.clone();
    let mut loaded = load(&db, &owner, &id).await?;
    if !loaded.row.mapped {
        return Err(AppError::Conflict);
    }
    let queue = match loaded.row.queue.clone() {
        Some(queue) => queue,
        None => confirm(&db, &mut loaded).await?,
    };
    let start = (loaded.row.done.max(0) as usize).min(queue.len());
    let end = (start + BATCH_ROWS).min(queue.len());
    let context = loaded.context();
    let people: Vec<Person> = queue[start..end]
        .iter()
        .filter_map(|n| loaded.row.rows.get(*n as usize))
        .filter_map(|cells| read_row(&context, &loaded.mapping, cells).ok())
        .collect();
    let (created, skipped) = people::create(&state, &owner, loaded.kind, people).await?;
    let done = end as i64;
    let progress = ImportProgress {
        done: done as u32,
        total: queue.len() as u32,
        created: (loaded.row.created + created) as u32,
        skipped: (loaded.row.skipped + skipped) as u32,
        failed: loaded.row.failed as u32,
        finished: end == queue.len(),
    };
    if progress.finished {
        delete(&db, &id).await?;
        tracing::info!(account = %owner.id, created = progress.created, skipped = progress.skipped,
            failed = progress.failed, "import finished");
    } else {
        db.query("UPDATE $id SET done = $done, created = $created, skipped = $skipped")
            .bind(("id", record("import_session", &id)))
            .bind(("done", done))
            .bind(("created", i64::from(progress.created)))
            .bind(("skipped", i64::from(progress.skipped)))
            .await
            .and_then(|response| response.check())
            .map_err(db_error)?;
    }
    Ok(progress)
}

/// The coordinator's confirmation: fixes which rows will be created; rows
/// with problems count as failed, rows already present as skipped.
async fn confirm(db: &Db, loaded: &mut Loaded) -> Result<Vec<i64>, AppError> {
    let checked = check(db, loaded).await?;
    let queue: Vec<i64> = checked
        .iter()
        .enumerate()
        .filter(|(_, outcome)| matches!(outcome, Checked::Ready(_)))
        .map(|(n, _)| n as i64)
        .collect();
    let failed = checked
        .iter()
        .filter(|outcome| matches!(outcome, Checked::Refused(_)))
        .count() as i64;
    let skipped = checked
        .iter()
        .filter(|outcome| matches!(outcome, Checked::Exists))
        .count() as i64;
    let confirmed: Option<RecordId> = db
        .query(
            "UPDATE ONLY $id SET queue = $queue, failed = $failed, skipped = $skipped, done = 0
             WHERE queue = NONE RETURN VALUE id",
        )
        .bind(("id", record("import_session", &loaded.id)))
        .bind(("queue", queue.clone()))
        .bind(("failed", failed))
        .bind(("skipped", skipped))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if confirmed.is_none() {
        // Another tab confirmed first.
        return Err(AppError::Conflict);
    }
    loaded.row.queue = Some(queue.clone());
    loaded.row.failed = failed;
    loaded.row.skipped = skipped;
    loaded.row.done = 0;
    Ok(queue)
}

/// Deletes sessions older than a day; run by the daily retention job.
pub async fn remove_expired(db: &Db) -> Result<(), AppError> {
    db.query("DELETE import_session WHERE expires_at < time::now()")
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}
