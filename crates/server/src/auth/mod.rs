//! Who is making a request: passwords, second factors, sessions and sign-in limits.

pub mod client;
pub mod clock;
pub mod hashing;
pub mod limits;
pub mod secrets;
pub mod session;
pub mod totp;

pub use client::{ClientKey, ProxyRange, TrustedProxies};
pub use clock::{Clock, SystemClock};
pub use hashing::{HashGate, HashingError};
pub use session::CurrentUser;
