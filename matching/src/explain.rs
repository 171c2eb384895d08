//! Rendering explanations for people. The engine only produces codes
//! ([`crate::Reason`], [`crate::Criterion`], [`crate::UnmatchedReason`]); each language
//! is a module here or in the app, so Danish can be added without touching the engine.

pub mod da;
pub mod en;
