//! The buddy scheme's pages (the buddies app, see `crate::areas::buddies`).

pub mod not_found;
pub mod scheme;
