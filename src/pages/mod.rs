//! One file per page.

pub mod buddies;
pub mod enquire;
pub mod groups;
pub mod home;
pub mod invitation;
pub mod learning;
pub mod my_details;
pub mod not_found;
pub mod payments;
pub mod sign_in;
pub mod sign_out;
pub mod staff;
pub mod surveys;
pub mod this_device;
