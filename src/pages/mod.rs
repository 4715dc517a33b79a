//! One file per page.

pub mod accessibility;
pub mod home;
pub mod not_found;
pub mod privacy;
