//! App-wide state, each piece in context behind a named type with `provide_` and `use_` helpers.

pub mod connection;
pub mod update;
