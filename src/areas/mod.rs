//! The carers' areas of work, one folder each: its `Area` component (state, section navigation
//! and its own routes) in `mod.rs`, what its pages read from the device in `data.rs`, and its
//! pages in `pages/`. Each area's code loads the first time a carer opens it (see `parts`).

pub mod buddies;
pub mod groups;
pub mod learning;
pub mod library;
pub mod news;
pub mod payments;
pub mod surveys;
