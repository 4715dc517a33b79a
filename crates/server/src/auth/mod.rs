//! Who is making a request: passwords, second factors, sessions and sign-in limits.

pub mod clock;
pub mod limits;
pub mod secrets;
pub mod session;
pub mod totp;

pub use clock::{Clock, SystemClock};
pub use session::CurrentUser;
