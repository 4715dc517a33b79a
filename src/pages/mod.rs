//! The carers' pages outside the areas (home, sign in and out, My details, This device, an
//! invitation, not found), the public enquiry's, and the staff side's.

pub mod enquire;
pub mod home;
pub mod invitation;
pub mod my_details;
pub mod not_found;
pub mod notifications;
pub mod sign_in;
pub mod sign_out;
pub mod staff;
pub mod this_device;
