//! App-wide state, each piece in context behind a named type with `provide_` and `use_` helpers.

pub mod account;
pub mod connection;
pub mod sync;
pub mod update;

use crate::state::account::provide_account;
use crate::state::connection::provide_connection;
use crate::state::sync::provide_sync;
use crate::state::update::provide_app_update;

/// Everything the carers' pages share: the connection, who is signed in, sync and updates. The
/// carers' app (`App`) provides it once, at its root, so moving between areas starts nothing
/// again.
pub fn provide_carer_state() {
    let connection = provide_connection();
    let account = provide_account();
    provide_sync(account, connection);
    provide_app_update();
}
