//! The error every server function returns: typed, safe to show, mapped to an
//! HTTP status. Internals are logged on the server and never sent to the browser.
//!
//! Errors carry codes, not sentences: the browser words them in the reader's
//! language (see [`crate::text`]); `Display` gives the English wording for logs
//! and the command line.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What is wrong with one value a person entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    TooShort {
        min: u32,
    },
    InvalidCharacters,
    Email,
    Url,
    Linkedin,
    Phone,
    Postcode,
    Date,
    DateInFuture,
    DateTooEarly,
    DateOrder,
    /// Not a time of day (`HH:MM`).
    Time,
    Number {
        min: i64,
        max: i64,
    },
    UnknownChoice,
    ChooseAtLeastOne,
    TooMany {
        max: u32,
    },
    Consent,
    NotPdf,
    FileTooLarge {
        max_mb: u32,
    },
    /// Sign-up refused; deliberately does not say whether the address is taken.
    SignUpRefused,
    EmailTaken,
    WrongPassword,
    CannotDeactivateSelf,
    Slug,
    SlugTaken,
    InvitationExpired,
    InvitationUsed,
    InvitationUnknown,
    ApplicationsClosed,
    /// Employment is asked only of mentees, at a moment that has an outcome.
    NoOutcomeHere,
    /// A single-choice question needs 2 to 10 options.
    ChoiceOptions,
    /// The survey has answers, so it can no longer be changed.
    SurveyLocked,
    /// The survey is not (yet) due for this person.
    SurveyNotDue,
    /// This person has already answered this survey.
    AlreadyAnswered,
    NotEditable,
    /// A cohort's end must come after its start, within a year.
    EndBeforeStart,
    /// A time of day must be `HH:MM`.
    TimeOfDay,
    /// Every place of the workshop is taken.
    WorkshopFull,
    /// The workshop has begun or is over, so answers are closed.
    WorkshopStarted,
    /// The workshop was cancelled.
    WorkshopCancelled,
    /// The mentor already has as many mentees as they take.
    MentorFull {
        capacity: u32,
    },
    /// The pair fails criteria the cohort requires (criterion codes).
    MustHave {
        criteria: Vec<String>,
    },
    /// The coordinator ruled this pair out.
    PairForbidden,
    /// The person is not (or no longer) part of this cohort.
    NotInCohort,
    /// Someone else moved this mentee first.
    MovedMeanwhile,
    /// The pair is published: it ends through "End match", not by a move on the board.
    PairPublished,
    /// The application cannot be decided in its current state.
    NotDecidable,
    /// Not an amount of kroner, or one that could be read two ways.
    Amount,
    /// Amounts are never negative.
    AmountNegative,
    /// The amount must be more than zero.
    AmountZero,
    /// More than the largest amount accepted (in øre).
    AmountTooLarge {
        max: i64,
    },
    /// The budget lines add up to more than the grant (both in øre).
    LinesOverGrant {
        lines: i64,
        grant: i64,
    },
    /// The date is not in the budget's year.
    DateOutsideYear {
        year: i32,
    },
    /// The request itself was malformed (not something typed in a form).
    Malformed,
    /// A spreadsheet cell that would run as a formula (`=`, `@`, `+cmd`, …).
    Formula,
    /// The file is not a CSV or text export of a spreadsheet.
    NotCsv,
    /// The file has no rows below its header.
    NoRows,
    /// The file has more rows than one import takes.
    TooManyRows {
        max: u32,
    },
    /// The same email address is on an earlier row of the file.
    DuplicateInFile,
    /// Two columns are mapped to the same field.
    MappedTwice,
}

/// A problem with a named form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// No valid session: the person must log in (again).
    Unauthenticated,
    /// Logged in, but may not do this or see this record.
    Forbidden,
    /// Email or password wrong; deliberately does not say which.
    BadCredentials,
    /// Too many attempts; the person should wait.
    RateLimited {
        retry_after_secs: u64,
    },
    /// Input failed validation: one entry per field, in form order.
    Invalid(Vec<FieldProblem>),
    NotFound,
    /// Someone else changed the record first, or the action does not fit its state.
    Conflict,
    /// Something failed on the server; details are in the server log only.
    Internal,
    /// The request never reached the function or its answer could not be read.
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        Self::Invalid(vec![FieldProblem {
            field: field.to_owned(),
            problem,
        }])
    }

    /// Turns a list of field problems into an error, or `Ok` when there are none.
    pub fn check(problems: Vec<FieldProblem>) -> Result<(), Self> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Self::Invalid(problems))
        }
    }

    /// The first problem with `field`, if this error names it.
    pub fn problem_for(&self, field: &str) -> Option<&Problem> {
        match self {
            Self::Invalid(problems) => problems
                .iter()
                .find(|entry| entry.field == field)
                .map(|entry| &entry.problem),
            _ => None,
        }
    }

    /// The first field this error names, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(problems) => problems.first().map(|entry| entry.field.as_str()),
            _ => None,
        }
    }

    /// The HTTP status the server answers with for this error.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::Unauthenticated | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict => StatusCode::CONFLICT,
            Self::Internal | Self::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::text::error_text(crate::i18n::Locale::en, self))
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Malformed arguments are the caller's fault.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::invalid("", Problem::Malformed),
            ServerFnErrorErr::ServerError(_) => Self::Internal,
            other => Self::Transport(other.to_string()),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
