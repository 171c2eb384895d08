//! One module per page.

pub mod account;
pub mod admin_accounts;
pub mod coordinator;
pub mod home;
pub mod login;
pub mod not_found;
pub mod sign_up;
