//! One module per page.

pub mod account;
pub mod admin_accounts;
pub mod admin_partners;
pub mod applications;
pub mod apply;
pub mod board;
pub mod cohort_course;
pub mod cohorts;
pub mod coordinator;
pub mod course;
pub mod home;
pub mod invitation;
pub mod invitations;
pub mod login;
pub mod mentor;
pub mod my_data;
pub mod my_surveys;
pub mod not_found;
pub mod outcomes;
pub mod privacy;
pub mod profile;
pub mod programme;
pub mod programmes;
pub mod sign_up;
pub mod surveys;
