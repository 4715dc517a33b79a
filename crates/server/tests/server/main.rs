//! The server's black-box tests: each module drives the API in-process as a client would, on
//! SQLite and, where `PORTAL_TEST_POSTGRES_URL` is set, on PostgreSQL too.
//!
//! They are one test binary rather than one per file because each binary links the whole
//! server: eleven of them took half a gigabyte of CI's disk and eleven links of its time.

mod common;

mod api;
mod applicants;
mod authorization;
mod buddies;
mod carers;
mod claims;
mod courses;
mod enquiries;
mod groups;
mod library;
mod load;
mod news;
mod outbox;
mod payments;
mod process;
mod reviews;
mod session;
mod sign_in_limits;
mod surveys;
mod sync;
mod training;
