//! Sessions in SurrealDB, their saves retried.
//!
//! The guard saves a session again when its idle deadline needs to move, on
//! whichever of its requests comes first; a page's requests come together,
//! so several saves of one session can race, and against a SurrealDB server
//! all but one lose the write conflict. The content is the same, so a lost
//! save is simply made again instead of answering the request with an error.

use std::time::Duration;

use app::backend::surrealdb::Surreal;
use app::backend::surrealdb::engine::any::Any;
use async_trait::async_trait;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::Result;
use tower_sessions_surrealdb_store::SurrealSessionStore;

/// Attempts at one save before its error is given up to the request.
const SAVE_ATTEMPTS: u32 = 5;

#[derive(Debug, Clone)]
pub struct Sessions(SurrealSessionStore<Any>);

impl Sessions {
    pub fn new(db: Surreal<Any>) -> Self {
        Self(SurrealSessionStore::new(db, "session".to_owned()))
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.0.create(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let mut attempt = 1;
        loop {
            match self.0.save(record).await {
                Err(error) if attempt < SAVE_ATTEMPTS => {
                    tracing::debug!(%error, attempt, "session save made again");
                    tokio::time::sleep(Duration::from_millis(u64::from(attempt) * 5)).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        self.0.load(id).await
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.0.delete(id).await
    }
}
