//! The JSON of `/api/sync/push` and `/api/sync/pull`. Mutations and records travel as raw JSON
//! text: the server can refuse a mutation it does not understand (from a newer app) without
//! refusing the whole batch, and the device stores records exactly as they came, without
//! parsing and re-writing them (which also keeps a general JSON parser out of the app).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::ids::{ChangeNumber, ClientId};

/// The names of the record collections a pull may carry, shared so that both sides agree.
pub mod collection {
    /// The household's own details (My details), written by the household's mutations.
    pub const MY_DETAILS: &str = "my_details";
    /// Values of My details replaced by a change whose author had not seen them.
    pub const NOTICES: &str = "notices";
    /// The facts staff keep about the household (read-only for carers).
    pub const HOUSEHOLD: &str = "household";
    /// The household's learning log, one record per entry.
    pub const TRAINING_ENTRIES: &str = "training_entries";
    /// The service's course catalogue (service-wide: every household gets it).
    pub const COURSES: &str = "courses";
    /// The service's support groups (service-wide).
    pub const GROUPS: &str = "groups";
    /// Every group's sessions with their places left (service-wide).
    pub const GROUP_SESSIONS: &str = "group_sessions";
    /// The household's bookings for group sessions, one record per booking.
    pub const BOOKINGS: &str = "bookings";
    /// News for the household about sessions it booked, one record per notice.
    pub const GROUP_NOTICES: &str = "group_notices";
    /// Who carers can contact for support, and when (service-wide, one record).
    pub const SUPPORT_CONTACTS: &str = "support_contacts";
    /// The household's part in the buddy scheme (one record, by household).
    pub const BUDDY_MEMBERSHIP: &str = "buddy_membership";
    /// The household's buddy pairings as it sees them, one record per pairing.
    pub const BUDDY_PAIRINGS: &str = "buddy_pairings";
    /// The contacts logged in the household's buddy pairings, one record per contact.
    pub const BUDDY_CONTACTS: &str = "buddy_contacts";
    /// The household's payment queries, each with its thread, one record per query.
    pub const PAYMENT_QUERIES: &str = "payment_queries";
    /// The service's published rates, every table (service-wide, one record).
    pub const PAYMENT_RATES: &str = "payment_rates";
    /// The finance team's notice to every carer, if any (service-wide, one record).
    pub const PAYMENT_NOTICE: &str = "payment_notice";
    /// Photos sent with the household's payment queries and messages, one record per photo.
    pub const PAYMENT_PHOTOS: &str = "payment_photos";
    /// The household's claims (mileage, expenses, allowances), each with its thread, one
    /// record per claim.
    pub const CLAIMS: &str = "claims";
    /// The finance team's claim rules: rates per mile by date, and how far back a claim may
    /// go (service-wide, one record).
    pub const CLAIM_SETTINGS: &str = "claim_settings";
    /// Survey waves published to carers, one record per wave (service-wide).
    pub const SURVEYS: &str = "surveys";
    /// An invitation to answer a wave, one record per carer asked who has not answered it
    /// yet, as one line for home pages (see `Invite`).
    pub const SURVEY_INVITES: &str = "survey_invites";
    /// The newest "You said, we did" note as one line for home pages (service-wide).
    pub const SURVEY_HOME_NOTE: &str = "survey_home_note";
    /// "You said, we did" notes, one record per note (service-wide).
    pub const SURVEY_NOTES: &str = "survey_notes";
    /// That one of the household's carers has answered a wave: one record per carer and wave,
    /// holding nothing but that fact (never the answers).
    pub const SURVEY_ANSWERED: &str = "survey_answered";
    /// An applicant's application: its stages and tasks (one record, `application`, of the
    /// applicant's household).
    pub const APPLICATION: &str = "application";
    /// The library's documents (handbook, charter, policies), one record per document
    /// (service-wide).
    pub const LIBRARY: &str = "library";
    /// The household's annual reviews: the carer's part as sent and the review held, one
    /// record per review (named by the household and its due date).
    pub const ANNUAL_REVIEWS: &str = "annual_review";
    /// Service news: one record per article (service-wide).
    pub const NEWS: &str = "news";
    /// The household's contributions to the news and what became of them, one record each.
    pub const NEWS_CONTRIBUTIONS: &str = "news_contributions";
}

/// The most mutations one push may carry; a longer queue is sent in several pushes.
pub const MAX_PUSH: usize = 500;
/// The most records one pull returns; a client with more to fetch pulls again from the cursor.
pub const MAX_PULL: usize = 1000;
/// About the most bytes of records one pull returns (photos make some records large), so a
/// phone takes in and stores a page at a time in bounded memory. A single change larger than
/// this still comes whole.
pub const MAX_PULL_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub client_id: ClientId,
    pub mutations: Vec<PushedMutation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushedMutation {
    pub counter: u64,
    pub mutation: Box<RawValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The client's last counter the server has dealt with (applied or rejected).
    pub last_applied: u64,
    /// Set when the batch skipped ahead: the counter the server needs next.
    pub expected: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullResponse {
    /// Records changed after the cursor asked for, oldest change first.
    pub records: Vec<PulledRecord>,
    /// How far each of this user's clients has got. A client settles its queue against this
    /// only from the last page (`has_more` false), which carries every rejection up to here.
    pub clients: Vec<ClientProgress>,
    /// This user's mutations refused after the cursor asked for.
    pub rejections: Vec<RejectedMutation>,
    /// What to send as the cursor next time.
    pub cursor: ChangeNumber,
    /// Whether there is more to fetch now (a large first sync comes in pages).
    pub has_more: bool,
    /// The database's epoch: it changes when the database is restored from a backup. A device
    /// sends back the one it last saw; if the server's differs, the device starts again from
    /// the beginning (keeping its queued changes). Empty from servers before epochs.
    #[serde(default)]
    pub epoch: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PulledRecord {
    pub collection: String,
    pub id: String,
    /// `None` when the record was deleted.
    pub body: Option<Box<RawValue>>,
    pub change: ChangeNumber,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientProgress {
    pub client_id: ClientId,
    pub last_applied: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RejectedMutation {
    pub client_id: ClientId,
    pub counter: u64,
    pub code: String,
    pub message: String,
    pub mutation: Box<RawValue>,
}
