//! The live board: a stream of server-sent events telling every browser that
//! has a board open when it changed. Every change to a board stamps its
//! cohort record in the same database all app servers share, and each open
//! stream reads that stamp (and who is viewing) a few times a second, so a
//! move reaches viewers on any app server. A change made through this app
//! server also wakes its own streams at once ([`announce`]), so viewers here
//! see it without waiting for the next look.

use std::convert::Infallible;
use std::sync::LazyLock;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use surrealdb::types::RecordId;
use tokio::sync::broadcast;
use tower_sessions::Session;

use super::db::record;
use super::{AppState, Db, board, cohorts, guard};
use crate::accounts::Role;
use crate::board::EVENTS_PATH;
use crate::error::AppError;

/// How often an open board says it is still open.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// How often the stream looks for changes: a move shows on other screens within this.
const POLL: Duration = Duration::from_millis(400);

/// The keys of the cohorts whose boards changed through this app server.
static CHANGED_HERE: LazyLock<broadcast::Sender<String>> =
    LazyLock::new(|| broadcast::channel(64).0);

/// Wakes this app server's open streams of the cohort's board, to look for
/// the change its stamp announces now rather than at their next look.
pub fn announce(cohort: &str) {
    // An error only says that no board is open here.
    let _ = CHANGED_HERE.send(cohort.to_owned());
}

/// What one open board's stream knows.
struct Watch {
    cohort: RecordId,
    /// The cohort's key, as [`announce`] names it.
    key: String,
    changes: broadcast::Receiver<String>,
    /// The last change stamp and viewer list seen.
    seen: Option<String>,
    beats: u64,
    ticks: tokio::time::Interval,
    viewer: Viewer,
}

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(&format!("{EVENTS_PATH}/{{cohort}}"), get(events))
        .with_state(state)
}

/// Removes the viewer record when the browser goes away.
struct Viewer {
    db: Db,
    id: RecordId,
}

impl Drop for Viewer {
    fn drop(&mut self) {
        let db = self.db.clone();
        let id = self.id.clone();
        tokio::spawn(async move {
            if let Err(error) = db.query("DELETE $id").bind(("id", id)).await {
                tracing::warn!(%error, "could not remove board viewer");
            }
        });
    }
}

/// When the board last changed, and when each viewer was last seen.
async fn stamp(db: &Db, cohort: &RecordId) -> Result<Option<String>, surrealdb::Error> {
    db.query(
        "RETURN <string> [
            (SELECT VALUE changed_at FROM ONLY $cohort),
            (SELECT VALUE seen_at FROM board_viewer WHERE cohort = $cohort ORDER BY seen_at)
        ]",
    )
    .bind(("cohort", cohort.clone()))
    .await?
    .take(0)
}

async fn events(
    State(state): State<AppState>,
    Path(cohort): Path<String>,
    session: Session,
) -> Response {
    match open(state, cohort, session).await {
        Ok(response) => response,
        Err(error) => (error.status_code(), axum::Json(error)).into_response(),
    }
}

async fn open(state: AppState, cohort: String, session: Session) -> Result<Response, AppError> {
    let caller = guard::user_of(&state, &session).await?.into_account();
    if !matches!(caller.role, Role::Coordinator | Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let db = state.db.clone();
    let cohort = cohorts::find(&db, &cohort).await?;
    let viewer = Viewer {
        id: board::register_viewer(&db, &cohort.id, &caller).await?,
        db: db.clone(),
    };
    let key = cohort.id;
    let cohort = record("cohort", &key);
    // Subscribed before the first stamp is read: a change after it wakes the stream.
    let changes = CHANGED_HERE.subscribe();
    let watch = Watch {
        seen: stamp(&db, &cohort)
            .await
            .map_err(crate::accounts::store::db_error)?,
        cohort,
        key,
        changes,
        beats: 0,
        ticks: tokio::time::interval(POLL),
        viewer,
    };
    let stream = futures::stream::unfold(watch, |mut watch| async move {
        loop {
            tokio::select! {
                _ = watch.ticks.tick() => {
                    watch.beats += 1;
                    if watch.beats % (HEARTBEAT.as_millis() / POLL.as_millis()) as u64 == 0 {
                        let touched = watch
                            .viewer
                            .db
                            .query("UPDATE $id SET seen_at = time::now()")
                            .bind(("id", watch.viewer.id.clone()))
                            .await;
                        if let Err(error) = touched {
                            tracing::warn!(%error, "could not refresh board viewer");
                        }
                    }
                }
                changed = watch.changes.recv() => {
                    // Another board's change is not this one's; this
                    // board's, or news missed while busy: look now.
                    if matches!(&changed, Ok(cohort) if *cohort != watch.key) {
                        continue;
                    }
                }
            }
            let stamp = match stamp(&watch.viewer.db, &watch.cohort).await {
                Ok(stamp) => stamp,
                Err(error) => {
                    tracing::warn!(%error, "could not read board changes");
                    continue;
                }
            };
            let changed = watch.seen != stamp;
            watch.seen = stamp;
            if changed {
                let event = Event::default().event("change").data("change");
                return Some((Ok::<_, Infallible>(event), watch));
            }
        }
    });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}
