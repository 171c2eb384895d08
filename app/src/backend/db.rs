//! The one database connection: embedded RocksDB by default, in-memory for
//! tests, a SurrealDB server over WebSocket when configured.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use surrealdb::Surreal;
use surrealdb::engine::any::{self, Any};
use surrealdb::opt::auth::Root;
use surrealdb::types::{RecordId, RecordIdKey};

use super::migrations;

/// The database handle the whole app shares. Its clones share one session of
/// the SurrealDB client: cloning a `Surreal` itself opens a new session, which
/// over a SurrealDB server signs in again, a password check on the server for
/// every request that touched the database.
#[derive(Clone, Debug)]
pub struct Db(Arc<Surreal<Any>>);

impl Deref for Db {
    type Target = Surreal<Any>;

    fn deref(&self) -> &Surreal<Any> {
        &self.0
    }
}

/// Where the data lives and how to log in to it.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// `rocksdb://path`, `mem://`, or `ws://host:port` / `wss://host:port`.
    pub endpoint: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub namespace: String,
    pub database: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "database endpoint {0:?} is not supported: use rocksdb://PATH, mem://, ws://HOST:PORT or wss://HOST:PORT"
    )]
    UnsupportedEndpoint(String),
    #[error("could not open the database at {endpoint}: {source}")]
    Connect {
        endpoint: String,
        source: Box<surrealdb::Error>,
    },
    #[error("no answer from the database at {0} within 10 seconds")]
    Timeout(String),
    #[error("could not sign in to the database: {0}")]
    SignIn(Box<surrealdb::Error>),
    #[error("could not select namespace/database: {0}")]
    Select(Box<surrealdb::Error>),
    #[error(transparent)]
    Migration(#[from] migrations::MigrationError),
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the database, signs in when credentials are given, selects the
/// namespace and database, and brings the schema up to date.
pub async fn connect(config: &DbConfig) -> Result<Db, DbError> {
    let db = open(config).await?;
    migrations::run(&db).await?;
    Ok(db)
}

/// Opens the database, signs in and selects the namespace and database, and
/// leaves the schema as it is: for backups and restores.
pub async fn open(config: &DbConfig) -> Result<Db, DbError> {
    let endpoint = config.endpoint.as_str();
    let supported = ["rocksdb://", "mem://", "ws://", "wss://"]
        .iter()
        .any(|scheme| endpoint.starts_with(scheme));
    if !supported || endpoint.starts_with("rocksdb://") && endpoint.len() == "rocksdb://".len() {
        return Err(DbError::UnsupportedEndpoint(endpoint.to_owned()));
    }
    let db = tokio::time::timeout(CONNECT_TIMEOUT, any::connect(endpoint))
        .await
        .map_err(|_| DbError::Timeout(endpoint.to_owned()))?
        .map_err(|source| DbError::Connect {
            endpoint: endpoint.to_owned(),
            source: Box::new(source),
        })?;
    if let (Some(username), Some(password)) = (&config.username, &config.password) {
        let signin = db.signin(Root {
            username: username.clone(),
            password: password.clone(),
        });
        tokio::time::timeout(CONNECT_TIMEOUT, signin)
            .await
            .map_err(|_| DbError::Timeout(endpoint.to_owned()))?
            .map_err(|error| DbError::SignIn(Box::new(error)))?;
    }
    db.use_ns(&config.namespace)
        .use_db(&config.database)
        .await
        .map_err(|error| DbError::Select(Box::new(error)))?;
    Ok(Db(Arc::new(db)))
}

/// The key of a record id as the string the browser sees.
pub fn key_string(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(key) => key.clone(),
        RecordIdKey::Number(key) => key.to_string(),
        other => format!("{other:?}"),
    }
}

/// A record id from a table name and a key the browser sent.
pub fn record(table: &str, key: &str) -> RecordId {
    RecordId::new(table, key.to_owned())
}

/// A new random key: 128 bits as 32 hexadecimal digits.
pub fn random_key() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a key from the browser has the shape of the keys Mentorbro makes
/// (SurrealDB's random ids, or short codes); anything else cannot exist.
pub fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
