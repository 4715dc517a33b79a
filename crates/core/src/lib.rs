//! The Foster Carer Portal's core, shared by the web app and the server.
//!
//! Everything here is pure: no input or output, no clock and no randomness. Whatever needs the
//! time or a random number takes it as an argument, so that every rule can be tested natively and
//! behaves the same on a phone and on the server.

pub mod account;
pub mod brand;
pub mod buddies;
pub mod carers;
pub mod claims;
pub mod connectivity;
pub mod date;
pub mod details;
pub mod enquiries;
pub mod groups;
pub mod household;
pub mod library;
pub mod mutation;
pub mod news;
pub mod notices;
pub mod payments;
pub mod review;
pub mod support;
pub mod surveys;
pub mod sync;
pub mod text;
pub mod training;
pub mod wire;

pub use connectivity::{Connectivity, LinkState};
