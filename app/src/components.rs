//! Building blocks shared by pages.

pub mod auth;
pub mod charts;
pub mod export_links;
pub mod figures;
pub mod form;
pub mod guarded;
pub mod layout;
pub mod outcome_form;
pub mod portal;
