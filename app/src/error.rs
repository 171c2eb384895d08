//! The error every server function returns: typed, safe to show, mapped to an
//! HTTP status. Internals are logged on the server and never sent to the browser.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: the person must log in (again).
    #[error("Please log in to continue.")]
    Unauthenticated,
    /// Logged in, but this role may not do this.
    #[error("You do not have access to this.")]
    Forbidden,
    /// Email or password wrong; deliberately does not say which.
    #[error("The email or password is not correct.")]
    BadCredentials,
    /// Too many attempts; the person should wait.
    #[error("Too many attempts. Please wait {retry_after_secs} seconds and try again.")]
    RateLimited { retry_after_secs: u64 },
    /// Input failed validation; `field` names the form field, `message` says why.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("Not found.")]
    NotFound,
    /// Someone else changed the record first.
    #[error("{0}")]
    Conflict(String),
    /// Something failed on the server; details are in the server log only.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The request never reached the function or its answer could not be read.
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// The form field this error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Malformed arguments are the caller's fault and safe to describe.
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => {
                Self::invalid("", format!("The request was not understood: {message}"))
            }
            ServerFnErrorErr::ServerError(_) => Self::Internal,
            other => Self::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status the server answers with for this error.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::Unauthenticated | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Internal | Self::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
