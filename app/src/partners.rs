//! Partner organisations (the municipality's International Employment Unit,
//! the university's Expat Partner Programme, …) and their referral links.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    /// The code in the referral link `/signup?ref=CODE`.
    pub code: String,
    /// Applications that name this partner.
    pub referrals: u64,
}

/// Every partner organisation. Admins and coordinators.
#[server(endpoint = "list_partners")]
pub async fn list_partners() -> Result<Vec<Partner>, AppError> {
    use crate::backend::{partners, respond};
    respond(partners::list()).await
}

/// Creates a partner organisation with its referral code. Admins only.
#[server(endpoint = "create_partner")]
pub async fn create_partner(name: String, code: String) -> Result<Partner, AppError> {
    use crate::backend::{partners, respond};
    respond(partners::create(name, code)).await
}

/// The name of the partner a referral code belongs to, for the sign-up page. Anyone.
#[server(endpoint = "referral_partner")]
pub async fn referral_partner(
    code: String,
) -> Result<Option<crate::portal::PartnerChoice>, AppError> {
    use crate::backend::{partners, respond};
    respond(partners::by_code(code)).await
}

/// Referral codes: lower-case letters, digits and dashes, 2–40 long.
pub fn check_code(code: &str) -> Result<String, AppError> {
    let code = code.trim().to_lowercase();
    let valid = (2..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-');
    if valid {
        Ok(code)
    } else {
        Err(AppError::invalid("code", crate::error::Problem::Slug))
    }
}
