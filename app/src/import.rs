//! Bringing a coordinator's spreadsheet of applicants or mentors into
//! Mentorbro, and taking a cohort's records out as CSV.
//!
//! An import runs in steps: the file is uploaded and parsed (nothing is
//! written but a short-lived import session), its columns are mapped to
//! Mentorbro's fields, every row is checked with the portal's own rules, the
//! coordinator fixes or leaves the rows with problems, and only on their
//! confirmation are accounts created, in batches. The email address is a
//! person's identity: a row whose address already has an account is skipped,
//! never overwritten, so importing the same file twice creates nobody twice.
//!
//! Spreadsheet formulas: a cell that begins with `=`, `@`, a tab or a
//! carriage return, or with `+` or `-` followed by anything but a number
//! (as in a phone number, `+45 12 34 56 78`), is refused with
//! [`Problem::Formula`](crate::error::Problem::Formula): such a cell is never
//! a name or an answer, and refusing it (rather than quietly storing a
//! changed value) shows the coordinator what was wrong. Exports then prefix
//! every cell that begins with one of those characters with an apostrophe.

pub mod fields;
#[cfg(any(feature = "ssr", test))]
pub mod file;
mod functions;
pub mod rows;
#[cfg(any(feature = "ssr", test))]
pub mod sheet;

pub use fields::ImportField;
pub use functions::*;

use serde::{Deserialize, Serialize};

use crate::error::FieldProblem;

/// Where the browser posts the spreadsheet (multipart: `kind`, `language`, `file`).
pub const UPLOAD_PATH: &str = "/coordinator/import/upload";
/// The largest file accepted, in megabytes.
pub const MAX_FILE_MB: u32 = 2;
/// The most rows one file may hold (the header row not counted).
pub const MAX_ROWS: u32 = 5_000;
/// The most columns one file may hold.
pub const MAX_COLUMNS: usize = 60;
/// Rows created per batch; each batch is one transaction.
pub const BATCH_ROWS: usize = 25;
/// Valid rows shown in the preview besides every row with a problem.
pub const PREVIEW_VALID_ROWS: usize = 20;
/// Days an imported person's link to set their password stays valid.
pub const WELCOME_DAYS: u32 = 30;

/// Who the rows of a file are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Mentee,
    Mentor,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Mentee => "mentee",
            ImportKind::Mentor => "mentor",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        match code {
            "mentee" => Some(ImportKind::Mentee),
            "mentor" => Some(ImportKind::Mentor),
            _ => None,
        }
    }
}

/// One row of the file as the preview shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The row's line in the spreadsheet (the header is line 1).
    pub line: u32,
    pub cells: Vec<String>,
    /// What is wrong, per Mentorbro field; empty when the row can be imported.
    pub problems: Vec<FieldProblem>,
    /// An account with this row's email exists already; the row will be skipped.
    pub exists: bool,
}

/// An import session as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub headers: Vec<String>,
    /// For each column, the field it fills, or `None` when not imported.
    pub mapping: Vec<Option<ImportField>>,
    /// Whether the coordinator has confirmed the mapping (step 3 onwards).
    pub mapped: bool,
    /// The first data row, to show beside the mapping.
    pub sample: Vec<String>,
    pub total: u32,
    pub valid: u32,
    pub existing: u32,
    /// Every row with a problem, then the first valid rows.
    pub rows: Vec<PreviewRow>,
}

impl ImportPreview {
    pub fn invalid(&self) -> u32 {
        self.total - self.valid - self.existing
    }
}

/// Where an import stands after a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    /// Valid rows handled so far, and in all.
    pub done: u32,
    pub total: u32,
    pub created: u32,
    /// Rows whose email already had an account.
    pub skipped: u32,
    /// Rows not imported because of their problems.
    pub failed: u32,
    pub finished: bool,
}

/// The exports of a cohort, each a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    Participants,
    Matches,
    Meetings,
    Outcomes,
}

impl Export {
    pub const ALL: [Export; 4] = [
        Export::Participants,
        Export::Matches,
        Export::Meetings,
        Export::Outcomes,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Export::Participants => "participants",
            Export::Matches => "matches",
            Export::Meetings => "meetings",
            Export::Outcomes => "outcomes",
        }
    }

    pub fn from_code(code: &str) -> Option<Export> {
        Export::ALL.into_iter().find(|export| export.code() == code)
    }

    /// The address of this export of a cohort.
    pub fn path(self, cohort: &str) -> String {
        format!("/coordinator/cohorts/{cohort}/export/{}.csv", self.code())
    }
}

/// What an imported person's welcome link shows before they set a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeDetails {
    pub name: String,
    pub email: String,
    pub role: crate::accounts::Role,
}
