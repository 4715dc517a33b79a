//! App-wide state, each piece in context behind a named type with `provide_` and `use_` helpers.

pub mod account;
pub mod connection;
pub mod sync;
pub mod update;
