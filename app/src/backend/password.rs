//! Password hashing with Argon2id (OWASP's recommended parameters, the crate's defaults).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::num::NonZero;
use std::sync::{Arc, LazyLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// Argon2 holds 19 MiB for each hash it computes. Unbounded, 200 people
/// logging in at once held 200 of them (the server reached 4 GB); one hash per
/// core at a time finishes them as soon, in a fraction of the memory.
static HASHING: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, NonZero::get);
    Arc::new(Semaphore::new(cores))
});

/// A turn at hashing, held until the hash is done (also when the request
/// that asked for it is gone).
async fn turn() -> Result<OwnedSemaphorePermit, AppError> {
    HASHING
        .clone()
        .acquire_owned()
        .await
        .map_err(|error| internal("password hashing turn", error))
}

/// Hashes a password; runs on a blocking thread because Argon2 is deliberately slow.
pub async fn hash(password: String) -> Result<String, AppError> {
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|error| internal("password hashing task", error))?
    .map_err(|error| internal("password hashing", error))
}

/// Checks a password against a stored hash. With no hash (unknown account, or
/// one made by an import whose owner has not set a password yet) it
/// still spends the same time on a dummy hash, so timing does not reveal
/// whether the account exists.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    // An empty hash is an account without a password yet: nothing matches it.
    let stored = stored.filter(|hash| !hash.is_empty());
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .map_err(|error| internal("password verification task", error))
}

/// The hash of a random password nobody knows, made once with the same parameters.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    let unknowable = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(unknowable.as_str().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

fn internal(what: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{what} failed");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let stored = hash("correct horse".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify("correct horse".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse".into(), Some(stored)).await.unwrap());
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("anything".into(), None).await.unwrap());
        assert!(
            PasswordHash::new(&DUMMY_HASH).is_ok(),
            "dummy hash must parse so timing matches"
        );
    }
}
