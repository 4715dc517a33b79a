//! The buddy scheme's pages (the buddies app, see `crate::buddies`).

pub mod not_found;
pub mod scheme;
