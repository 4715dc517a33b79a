//! The sync protocol: how changes made on a device reach the server exactly once, in order, and
//! how the device learns what the server has.
//!
//! - **Push.** Each tab is a client with its own id and its own counter. A mutation is sent as
//!   `{client id, counter, mutation}`. The server applies a client's mutations strictly in counter
//!   order: a counter it has already applied is skipped (a retry after a lost response), and a gap
//!   is refused (something earlier is missing). A mutation that fails its rules is recorded as
//!   rejected, with a reason, and still advances the counter, so one bad change never blocks the
//!   queue behind it. See [`push`].
//! - **Pull.** The device sends its cursor, a change number the server assigned; it receives what
//!   changed after it, the last applied counter of each of its clients, and a new cursor.
//! - **On the device.** Queued mutations stay until a pull shows them applied or rejected; what the
//!   person sees is the server's state with the queued mutations replayed on top. See [`queue`].
//!
//! Nothing here reads a clock: device clocks are for display only and never order anything.

pub mod ids;
pub mod push;
pub mod queue;
pub mod wire;

pub use ids::{ChangeNumber, ClientId, ClientIdError};
pub use push::{Disposition, Mutator, PushPlan, Rejection, disposition, plan_push};
pub use queue::{Queue, Queued, Settled};

#[cfg(test)]
pub(crate) mod model;
#[cfg(test)]
mod tests;
