//! People who use the portal: who they are, what role they have, and the rules for passwords.

mod email;
mod password;
mod role;

pub use email::{Email, EmailError};
pub use password::{NewPassword, PasswordError};
pub use role::Role;
