//! Accounts and roles: who a person is in Mentorbro and what they may do.

mod functions;
#[cfg(feature = "ssr")]
pub mod store;

pub use functions::*;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 8;
/// Longest password accepted; Argon2 would take anything, but a cap keeps hashing cheap.
pub const MAX_PASSWORD_LEN: usize = 256;
pub const MAX_NAME_LEN: usize = 120;
pub const MAX_EMAIL_LEN: usize = 254;

/// What a person does in the programme; decides what they can see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Mentee,
    Mentor,
    Coordinator,
    Partner,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Mentee,
        Role::Mentor,
        Role::Coordinator,
        Role::Partner,
        Role::Admin,
    ];

    /// The stable code stored in the database and used in URLs and forms.
    pub fn code(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Coordinator => "coordinator",
            Role::Partner => "partner",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// Whether a person in this role may erase their own account. Staff
    /// accounts are closed by an administrator, so the programme keeps its operators.
    pub fn may_erase_self(self) -> bool {
        matches!(self, Role::Mentee | Role::Mentor | Role::Partner)
    }

    /// Roles a person may pick for themselves at sign-up; the others are given by an admin.
    pub fn is_self_service(self) -> bool {
        matches!(self, Role::Mentee | Role::Mentor)
    }
}

/// An account as the browser sees it: no password hash, string id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// `en` or `da`.
    pub language: String,
}

/// Trims and lower-cases an email address and checks its shape.
pub fn normalise_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid("email", Problem::Required));
    }
    if email.len() > MAX_EMAIL_LEN {
        return Err(AppError::invalid(
            "email",
            Problem::TooLong {
                max: MAX_EMAIL_LEN as u32,
            },
        ));
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    // The account table takes only what SurrealDB's `string::is_email`
    // accepts; the server asks the same parser, so an address the schema
    // would refuse is refused here, on the field, not as a server error.
    #[cfg(feature = "ssr")]
    let valid = valid && addr::parse_email_address(&email).is_ok();
    if valid {
        Ok(email)
    } else {
        Err(AppError::invalid("email", Problem::Email))
    }
}

/// Trims a display name and checks it is present and not too long.
pub fn normalise_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(AppError::invalid(
            "name",
            Problem::TooLong {
                max: MAX_NAME_LEN as u32,
            },
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid("name", Problem::InvalidCharacters));
    }
    Ok(name.to_owned())
}

/// Checks a new password against the length rules.
pub fn check_new_password(password: &str, field: &str) -> Result<(), AppError> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            Problem::TooShort {
                min: MIN_PASSWORD_LEN as u32,
            },
        ));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            Problem::TooLong {
                max: MAX_PASSWORD_LEN as u32,
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(
            normalise_email("  Anna.Berg@Example.DK ").unwrap(),
            "anna.berg@example.dk"
        );
    }

    #[test]
    fn malformed_emails_are_refused_on_the_email_field() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.dk",
            "anna@example",
            "a b@x.dk",
            "a@b@c.dk",
            "a@.dk",
            "wapiti2021@mailinator.com/../../../../etc/passwd",
            "anna@exa_mple.dk",
        ] {
            let err = normalise_email(bad).unwrap_err();
            assert_eq!(err.field(), Some("email"), "{bad:?} was accepted");
        }
    }

    #[test]
    fn password_length_rules() {
        assert!(check_new_password("1234567", "password").is_err());
        assert!(check_new_password("12345678", "password").is_ok());
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD_LEN + 1), "password").is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalise_name("  Maria Silva ").unwrap(), "Maria Silva");
        assert!(normalise_name("   ").is_err());
        assert!(normalise_name(&"a".repeat(MAX_NAME_LEN + 1)).is_err());
    }

    #[test]
    fn role_codes_round_trip_and_only_two_are_self_service() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        let self_service: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.is_self_service())
            .collect();
        assert_eq!(self_service, vec![Role::Mentee, Role::Mentor]);
        assert_eq!(Role::from_code("root"), None);
    }
}
