//! CV upload and download: plain HTTP routes beside the server functions,
//! because files are bytes, not forms. A CV must be a PDF by its content,
//! at most [`MAX_CV_BYTES`]; it is stored under a random name outside the web
//! root and only ever sent as an attachment to its owner and coordinators.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use surrealdb::types::SurrealValue;
use tower_sessions::Session;

use super::privacy::remove_upload;
use super::{AppState, access_log, guard};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::backend::db::{is_key, key_string, record};
use crate::error::{AppError, Problem};
use crate::portal::{CV_PATH, CvInfo};

pub const MAX_CV_BYTES: usize = crate::portal::MAX_CV_MB as usize * 1024 * 1024;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(CV_PATH, post(upload).delete(remove))
        .route(&format!("{CV_PATH}/{{account}}"), get(download))
        // Room for the multipart framing around the largest accepted file.
        .layer(DefaultBodyLimit::max(MAX_CV_BYTES + 64 * 1024))
        .with_state(state)
}

fn refuse(error: AppError) -> Response {
    (error.status_code(), axum::Json(error)).into_response()
}

/// Whether the bytes are a PDF, judged by their content, not their name.
pub fn is_pdf(bytes: &[u8]) -> bool {
    infer::get(bytes).is_some_and(|kind| kind.mime_type() == "application/pdf")
}

/// A file name safe to store and show: no path, no control characters, bounded.
fn clean_file_name(name: Option<&str>) -> String {
    let name = name
        .unwrap_or("cv.pdf")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("cv.pdf");
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "cv.pdf".to_owned()
    } else {
        cleaned
    }
}

async fn upload(State(state): State<AppState>, session: Session, multipart: Multipart) -> Response {
    match store_cv(&state, &session, multipart).await {
        Ok(info) => axum::Json(info).into_response(),
        Err(error) => refuse(error),
    }
}

fn too_large() -> AppError {
    AppError::invalid(
        "cv",
        Problem::FileTooLarge {
            max_mb: crate::portal::MAX_CV_MB,
        },
    )
}

/// A body over the limit is the person's file being too large; anything else is a broken request.
fn multipart_error(error: axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        AppError::invalid("cv", Problem::Malformed)
    }
}

async fn read_file(mut multipart: Multipart) -> Result<(Option<String>, Bytes), AppError> {
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        if field.name() != Some("cv") {
            continue;
        }
        let name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(multipart_error)?;
        if bytes.len() > MAX_CV_BYTES {
            return Err(too_large());
        }
        return Ok((name, bytes));
    }
    Err(AppError::invalid("cv", Problem::Required))
}

async fn store_cv(
    state: &AppState,
    session: &Session,
    multipart: Multipart,
) -> Result<CvInfo, AppError> {
    let owner = guard::user_of(state, session).await?;
    if owner.role() != Some(Role::Mentee) {
        return Err(AppError::Forbidden);
    }
    let (name, bytes) = read_file(multipart).await?;
    if bytes.is_empty() {
        return Err(AppError::invalid("cv", Problem::Required));
    }
    if !is_pdf(&bytes) {
        return Err(AppError::invalid("cv", Problem::NotPdf));
    }
    let key = key_string(&owner.id);
    let stored_as = super::db::random_key();
    let file_name = clean_file_name(name.as_deref());
    tokio::fs::create_dir_all(&state.uploads.dir)
        .await
        .map_err(io_error)?;
    // Write to a temporary name, then rename: a crash never leaves half a file under the real name.
    let path = state.uploads.dir.join(&stored_as);
    let partial = state.uploads.dir.join(format!("{stored_as}.partial"));
    tokio::fs::write(&partial, &bytes).await.map_err(io_error)?;
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;

    #[derive(SurrealValue)]
    struct Previous {
        stored_as: String,
    }
    let previous: Result<Vec<Previous>, AppError> = state
        .db
        .query(
            "BEGIN TRANSACTION;
             LET $previous = (SELECT stored_as FROM upload WHERE account = $account AND kind = 'cv');
             DELETE upload WHERE account = $account AND kind = 'cv';
             CREATE upload CONTENT {
                account: $account, kind: 'cv', file_name: $file_name, stored_as: $stored_as,
                size_bytes: $size, uploaded_at: time::now()
             };
             RETURN $previous;
             COMMIT TRANSACTION;",
        )
        .bind(("account", record("account", &key)))
        .bind(("file_name", file_name.clone()))
        .bind(("stored_as", stored_as.clone()))
        .bind(("size", bytes.len() as i64))
        .await
        .and_then(|response| response.check())
        .and_then(|mut response| response.take(4))
        .map_err(db_error);
    let previous = match previous {
        Ok(previous) => previous,
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(error);
        }
    };
    for old in previous {
        remove_upload(&state.uploads.dir, &old.stored_as)?;
    }
    tracing::info!(account = %key, size = bytes.len(), "CV uploaded");
    Ok(CvInfo {
        file_name,
        size_bytes: bytes.len() as u64,
        uploaded_at: guard::now_secs(),
    })
}

fn io_error(error: std::io::Error) -> AppError {
    tracing::error!(%error, "upload storage failed");
    AppError::Internal
}

async fn remove(State(state): State<AppState>, session: Session) -> Response {
    let result = async {
        let owner = guard::user_of(&state, &session).await?;
        let stored: Vec<String> = state
            .db
            .query(
                "SELECT VALUE stored_as FROM upload WHERE account = $account AND kind = 'cv';
                 DELETE upload WHERE account = $account AND kind = 'cv';",
            )
            .bind(("account", owner.id.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .map_err(db_error)?;
        for file in stored {
            remove_upload(&state.uploads.dir, &file)?;
        }
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => refuse(error),
    }
}

async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(account): Path<String>,
) -> Response {
    match read_cv(&state, &session, &account).await {
        Ok((file_name, bytes)) => {
            let disposition = format!(
                "attachment; filename=\"{}\"",
                file_name.replace(|c: char| !c.is_ascii() || c == '\\', "_")
            );
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => refuse(error),
    }
}

async fn read_cv(
    state: &AppState,
    session: &Session,
    account: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let reader = guard::user_of(state, session).await?;
    let own = key_string(&reader.id) == account;
    let staff = matches!(reader.role(), Some(Role::Coordinator | Role::Admin));
    if !own && !staff {
        return Err(AppError::Forbidden);
    }
    if !is_key(account) {
        return Err(AppError::NotFound);
    }
    #[derive(SurrealValue)]
    struct Row {
        file_name: String,
        stored_as: String,
    }
    let rows: Vec<Row> = state
        .db
        .query("SELECT file_name, stored_as FROM upload WHERE account = $account AND kind = 'cv' LIMIT 1")
        .bind(("account", record("account", account)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let row = rows.into_iter().next().ok_or(AppError::NotFound)?;
    if !is_key(&row.stored_as) {
        return Err(AppError::NotFound);
    }
    let bytes = tokio::fs::read(state.uploads.dir.join(&row.stored_as))
        .await
        .map_err(io_error)?;
    if !own {
        access_log::record(
            &state.db,
            &reader.clone().into_account(),
            account,
            "read",
            "CV",
            "downloaded by a coordinator",
        )
        .await?;
    }
    Ok((row.file_name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_is_recognised_by_content_not_name() {
        assert!(is_pdf(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
        ));
        assert!(!is_pdf(b"<html><body>not a pdf</body></html>"));
        assert!(!is_pdf(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(clean_file_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(
            clean_file_name(Some("C:\\Users\\ana\\CV \"final\".pdf")),
            "CV final.pdf"
        );
        assert_eq!(clean_file_name(None), "cv.pdf");
        assert_eq!(clean_file_name(Some("\u{7}")), "cv.pdf");
    }
}
