//! Server functions of the import and of an imported person's welcome.
//! Import sessions belong to the coordinator or admin who uploaded the file;
//! the welcome is reached with the token from the invitation email.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::{ImportField, ImportPreview, ImportProgress, WelcomeDetails};
use crate::accounts::Account;
use crate::error::AppError;

/// An import session with every row checked. Coordinators and admins.
#[server(endpoint = "import_preview")]
pub async fn load_import_preview(id: String) -> Result<ImportPreview, AppError> {
    use crate::backend::{import, respond};
    respond(import::preview(id)).await
}

/// Sets which field each column fills, and moves on to the preview.
/// Coordinators and admins.
#[server(endpoint = "map_import", input = Json)]
pub async fn map_import(
    id: String,
    mapping: Vec<Option<ImportField>>,
) -> Result<ImportPreview, AppError> {
    use crate::backend::{import, respond};
    respond(import::map(id, mapping)).await
}

/// Corrects cells of one row in the preview (by field), before the import
/// begins. Coordinators and admins.
#[server(endpoint = "fix_import_row", input = Json)]
pub async fn fix_import_row(
    id: String,
    line: u32,
    values: Vec<(ImportField, String)>,
) -> Result<ImportPreview, AppError> {
    use crate::backend::{import, respond};
    respond(import::fix(id, line, values)).await
}

/// Imports the next batch of valid rows, in one transaction; the first call
/// is the coordinator's confirmation. Returns where the import stands; when
/// finished, the session is gone. Coordinators and admins.
#[server(endpoint = "import_batch")]
pub async fn import_batch(id: String) -> Result<ImportProgress, AppError> {
    use crate::backend::{import, respond};
    respond(import::batch(id)).await
}

/// Throws an import session away without importing. Coordinators and admins.
#[server(endpoint = "discard_import")]
pub async fn discard_import(id: String) -> Result<(), AppError> {
    use crate::backend::{import, respond};
    respond(import::discard(id)).await
}

/// Who an imported person's welcome link is for. Anyone with the link.
#[server(endpoint = "welcome_details")]
pub async fn load_welcome_details(token: String) -> Result<WelcomeDetails, AppError> {
    use crate::backend::{respond, welcome};
    respond(welcome::details(token)).await
}

/// Sets an imported person's password, records their consent and logs them
/// in. Anyone with the link.
#[server(endpoint = "accept_welcome")]
pub async fn accept_welcome(
    token: String,
    password: String,
    consent_version: u32,
) -> Result<Account, AppError> {
    use crate::backend::{respond, welcome};
    respond(welcome::accept(token, password, consent_version)).await
}
