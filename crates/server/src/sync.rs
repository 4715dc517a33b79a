//! The server side of the sync protocol: applying pushed mutations exactly once and in order, a
//! push to a transaction, and answering pulls from a cursor without ever skipping a change.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::date::CalendarDate;
use portal_core::details::{MyDetails, Overwritten};
use portal_core::groups::{BookingChange, SessionBookings};
use portal_core::household::CarerType;
use portal_core::mutation::Mutation;
use portal_core::sync::wire::collection::{MY_DETAILS, NOTICES, TRAINING_ENTRIES};
use portal_core::sync::wire::{
    ClientProgress, MAX_PULL_BYTES, PullResponse, PulledRecord, PushRequest, PushResponse,
    RejectedMutation,
};
use portal_core::sync::{ChangeNumber, ClientId, Mutator as _, Rejection, plan_push};
use portal_core::training::{Entry, LearningLog, TrainingChange};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::auth::secrets::new_id;
use crate::db::Database;
use crate::groups::{self, BookingOwner};
use crate::sealed::SealKey;

/// The name a device sends in place of a queued change it could no longer read, so that the
/// counter moves on and the rest of its queue is not blocked behind the gap.
pub const LOST_ON_DEVICE: &str = "lost_on_device";

fn is_lost_marker(mutation: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(mutation)
        .is_ok_and(|fields| fields.len() == 1 && fields.contains_key(LOST_ON_DEVICE))
}

/// Who is syncing: a carer acting for their household.
#[derive(Debug, Clone)]
pub struct Syncer {
    pub user_id: String,
    pub household_id: String,
    /// The UK date on the server's clock, for rules such as "not in the future".
    pub today: CalendarDate,
    /// The server's clock (seconds since 1970), for rules such as "booking has closed".
    pub now: i64,
}

/// A household's kind of fostering, as staff last set it.
async fn household_kind(
    tx: &mut Transaction<'_, Any>,
    household: &str,
) -> Result<Option<CarerType>, ApiError> {
    let kind: Option<String> =
        sqlx::query_scalar("SELECT carer_type FROM households WHERE id = $1")
            .bind(household)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    Ok(kind.as_deref().and_then(CarerType::parse))
}

/// Begins a transaction that will write, taking the next change number first. On SQLite a
/// transaction that reads before it writes fails at once with "database is locked" if another
/// commits in between, where one that writes first waits its turn; on PostgreSQL the locked
/// counter row queues writers in commit order. So every transaction that writes takes the
/// counter before anything else.
pub(crate) async fn begin_writing(
    db: &Database,
) -> Result<(Transaction<'static, Any>, i64), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let change = next_change(&mut tx).await?;
    Ok((tx, change))
}

/// Takes the next change number. The counter row stays locked until the transaction ends, which
/// is what keeps change numbers in commit order.
pub(crate) async fn next_change(tx: &mut Transaction<'_, Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("UPDATE change_counter SET last_change = last_change + 1 WHERE id = 1 RETURNING last_change")
        .fetch_one(&mut **tx)
        .await
}

fn to_i64(value: u64) -> Result<i64, ApiError> {
    i64::try_from(value).map_err(|_| ApiError::BadRequest("A counter is too large.".into()))
}

fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Applies a push in one transaction: the client's new mutations in order, each applied or
/// rejected with a reason, against state read once, then every effect and the client's last
/// applied counter written together. A retry of the same batch finds the counter moved on and
/// applies nothing twice; a failure part-way commits nothing, so the retry applies it all.
pub async fn push(
    db: &Database,
    who: &Syncer,
    survey_key: &SealKey,
    request: PushRequest,
) -> Result<PushResponse, ApiError> {
    let client = request.client_id;
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    // The counter row is taken first and stays locked until commit: writers queue here, so the
    // client's progress read next is current even with two tabs pushing at once.
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let last = client_progress(&mut tx, who, &client).await?;
    // The same plan the protocol's property tests exercise.
    let counters: Vec<u64> = request.mutations.iter().map(|m| m.counter).collect();
    let plan = plan_push(last, &counters);
    if plan.apply.is_empty() {
        // Nothing new: dropping the transaction gives the change number back.
        return Ok(PushResponse {
            last_applied: last,
            expected: plan.gap,
        });
    }
    let mut batch = Batch {
        change,
        applicant: crate::applicants::is_applicant(&mut *tx, &who.household_id).await?,
        ..Batch::default()
    };
    let mut last_applied = last;
    for index in plan.apply {
        let pushed = &request.mutations[index];
        if let Err(rejection) = batch
            .apply(&mut tx, who, survey_key, pushed.mutation.get())
            .await?
        {
            batch
                .rejections
                .push((pushed.counter, rejection, pushed.mutation.get()));
        }
        last_applied = pushed.counter;
    }
    batch.write(&mut tx, who, &client, change).await?;
    sqlx::query(
        "INSERT INTO sync_clients (client_id, user_id, last_applied, change) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (client_id) DO UPDATE SET last_applied = excluded.last_applied, change = excluded.change",
    )
    .bind(client.as_str())
    .bind(&who.user_id)
    .bind(to_i64(last_applied)?)
    .bind(change)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(PushResponse {
        last_applied,
        expected: plan.gap,
    })
}

/// The client's last applied counter, checking that the client belongs to this user: a client id
/// is chosen by a device and must not let one person act on another's queue.
async fn client_progress(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
    client: &ClientId,
) -> Result<u64, ApiError> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT user_id, last_applied FROM sync_clients WHERE client_id = $1")
            .bind(client.as_str())
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    match row {
        Some((owner, _)) if owner != who.user_id => Err(ApiError::Forbidden),
        Some((_, last)) => Ok(to_u64(last)),
        None => Ok(0),
    }
}

/// What a push's mutations do, gathered in memory and written once at the end.
#[derive(Default)]
struct Batch<'a> {
    /// The household's details, read when the first change to them arrives.
    details: Option<MyDetails>,
    details_changed: bool,
    /// The learning log entries the push touches, read as each is first named.
    learning: LearningLog,
    /// Entry ids read so far, and which of them the database holds.
    entries_read: BTreeSet<String>,
    entries_stored: BTreeSet<String>,
    entries_changed: BTreeSet<String>,
    /// Values replaced by a change whose author had not seen them.
    overwritten: Vec<Overwritten>,
    /// The sessions the push's bookings are for, each with all its bookings, and each
    /// booking's status as it was read (to write only what changed).
    sessions: BTreeMap<String, (SessionBookings, groups::Before)>,
    /// This push's change number: new bookings join waiting lists in this order.
    change: i64,
    /// Whether the household is being assessed (see `out_of_bounds`).
    applicant: bool,
    rejections: Vec<(u64, Rejection, &'a str)>,
}

impl Batch<'_> {
    /// Applies one mutation to the batch's state, or says why not. The core's mutators leave the
    /// state as it was when they refuse (a property test holds them to it).
    async fn apply(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        who: &Syncer,
        survey_key: &SealKey,
        mutation: &str,
    ) -> Result<Result<(), Rejection>, ApiError> {
        if is_lost_marker(mutation) {
            return Ok(Err(Rejection::new(
                LOST_ON_DEVICE,
                "A change saved on this device could not be read back (the browser's storage was damaged), so it could not be sent. Please make it again.",
            )));
        }
        let mutation = Mutation::parse(mutation);
        if let Some(refusal) = mutation.as_ref().and_then(|m| self.out_of_bounds(m)) {
            return Ok(Err(refusal));
        }
        match mutation {
            Some(Mutation::Details(change)) => {
                let details = match &mut self.details {
                    Some(details) => details,
                    None => self.details.insert(stored_details(tx, who).await?),
                };
                let overwritten = change.overwrites(details);
                if let Err(rejection) = change.apply(details) {
                    return Ok(Err(rejection));
                }
                self.details_changed = true;
                self.overwritten.extend(overwritten);
                Ok(Ok(()))
            }
            Some(Mutation::Training(change)) => self.apply_training(tx, who, &change).await,
            Some(Mutation::Bookings(change)) => self.apply_booking(tx, who, &change).await,
            Some(Mutation::Buddies(change)) => {
                let applicant = self.applicant;
                crate::buddies::apply(
                    tx,
                    &who.household_id,
                    applicant,
                    &change,
                    who.today,
                    self.change,
                )
                .await
            }
            Some(Mutation::Payments(change)) => {
                crate::payments::apply(tx, &who.household_id, &change, who.today, self.change).await
            }
            Some(Mutation::Claims(change)) => {
                crate::claims::apply(tx, &who.household_id, &change, who.today, self.change).await
            }
            Some(Mutation::Surveys(change)) => {
                crate::surveys::apply(tx, who, survey_key, &change, self.change).await
            }
            Some(Mutation::Application(change)) => {
                crate::applicants::apply(tx, &who.household_id, &change, who.today, self.change)
                    .await
            }
            Some(Mutation::Review(change)) => {
                crate::reviews::apply(tx, who, &change, self.change).await
            }
            Some(Mutation::News(change)) => crate::news::apply(tx, who, &change, self.change).await,
            None => Ok(Err(Rejection::new(
                "unknown_change",
                "This change was made with a different version of the portal and cannot be saved. Please make it again.",
            ))),
        }
    }

    /// Refuses a change outside what the household may do: an applicant has only their
    /// application, My details and their mentor, and only an applicant has an application to
    /// change.
    fn out_of_bounds(&self, mutation: &Mutation) -> Option<Rejection> {
        match (self.applicant, mutation) {
            // An applicant's buddy changes are held to their mentor by `buddies::apply`.
            (true, Mutation::Details(_) | Mutation::Application(_) | Mutation::Buddies(_)) => None,
            (true, _) => Some(Rejection::new(
                "applicant",
                "This part of the portal is for approved foster carers. It opens to you when your application is approved.",
            )),
            (false, Mutation::Application(_)) => Some(Rejection::new(
                "application",
                "Your application has finished, so its tasks no longer change.",
            )),
            (false, _) => None,
        }
    }

    async fn apply_training(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        who: &Syncer,
        change: &TrainingChange,
    ) -> Result<Result<(), Rejection>, ApiError> {
        let id = change.id().to_owned();
        if !self.entries_read.contains(&id) {
            match stored_entry(tx, who, &id).await? {
                Stored::OtherHousehold => {
                    return Ok(Err(Rejection::new(
                        "not_yours",
                        "This training record could not be changed. Please add it again.",
                    )));
                }
                Stored::Entry(entry) => {
                    self.entries_stored.insert(id.clone());
                    if let Some(entry) = entry {
                        self.learning.entries.insert(id.clone(), *entry);
                    }
                }
                Stored::Nothing => {}
            }
            self.entries_read.insert(id.clone());
        }
        // Who may have attended is whoever is in the household now, this push's changes
        // to My details included.
        let details = match &mut self.details {
            Some(details) => details,
            None => self.details.insert(stored_details(tx, who).await?),
        };
        self.learning.household.clone_from(&details.members);
        self.learning.today = Some(who.today);
        if let Err(rejection) = change.apply(&mut self.learning) {
            return Ok(Err(rejection));
        }
        self.entries_changed.insert(id);
        Ok(Ok(()))
    }

    /// Decides a booking change against every booking of its session (this push's included).
    async fn apply_booking(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        who: &Syncer,
        change: &BookingChange,
    ) -> Result<Result<(), Rejection>, ApiError> {
        let id = change.id();
        let in_this_push = self.sessions.iter().find_map(|(session, (state, _))| {
            state
                .bookings
                .iter()
                .any(|b| b.id == id && b.household_id == who.household_id)
                .then(|| session.clone())
        });
        let session_id = match in_this_push {
            Some(session) => session,
            None => match (
                groups::booking_owner(tx, &who.household_id, id).await?,
                change,
            ) {
                (BookingOwner::Other, _) => {
                    return Ok(Err(Rejection::new(
                        "not_yours",
                        "This booking could not be made. Please ask for a place again.",
                    )));
                }
                (BookingOwner::Household { session_id }, _) => session_id,
                (BookingOwner::Nobody, BookingChange::Book { session_id, .. }) => {
                    session_id.clone()
                }
                // Cancelling a booking the server never made: nothing to undo.
                (BookingOwner::Nobody, BookingChange::Cancel { .. }) => return Ok(Ok(())),
            },
        };
        if !self.sessions.contains_key(&session_id) {
            let state = groups::session_bookings(tx, &session_id).await?;
            let before = groups::before(&state);
            self.sessions.insert(session_id.clone(), (state, before));
        }
        let members = match &mut self.details {
            Some(details) => details.members.clone(),
            None => self
                .details
                .insert(stored_details(tx, who).await?)
                .members
                .clone(),
        };
        let Some((state, _)) = self.sessions.get_mut(&session_id) else {
            return Ok(Ok(()));
        };
        state.household_id.clone_from(&who.household_id);
        state.household = members;
        state.carer_type = household_kind(tx, &who.household_id).await?;
        state.now = who.now;
        // Orders follow change numbers, which follow commit order, so a waiting list is in the
        // order requests reached the server.
        let base = u64::try_from(self.change)
            .unwrap_or(0)
            .saturating_mul(1_000);
        state.next_order = state.next_order.max(base).max(
            state
                .bookings
                .iter()
                .map(|b| b.order + 1)
                .max()
                .unwrap_or(0),
        );
        Ok(change.apply(state))
    }

    /// Writes everything the batch did, under the one change number of its transaction.
    async fn write(
        &self,
        tx: &mut Transaction<'_, Any>,
        who: &Syncer,
        client: &ClientId,
        change: i64,
    ) -> Result<(), ApiError> {
        if let (true, Some(details)) = (self.details_changed, &self.details) {
            let body = serde_json::to_string(details).map_err(ApiError::internal)?;
            put_record(
                tx,
                MY_DETAILS,
                &who.household_id,
                &who.household_id,
                &body,
                change,
            )
            .await?;
        }
        for id in &self.entries_changed {
            match self.learning.entries.get(id) {
                Some(entry) => {
                    let body = serde_json::to_string(entry).map_err(ApiError::internal)?;
                    put_record(tx, TRAINING_ENTRIES, id, &who.household_id, &body, change).await?;
                }
                // Deleted: devices that have it learn so from the empty record.
                None if self.entries_stored.contains(id) => {
                    delete_record(tx, TRAINING_ENTRIES, id, change).await?;
                }
                None => {}
            }
        }
        for overwritten in &self.overwritten {
            let notice = serde_json::json!({ "kind": "overwritten", "detail": overwritten });
            let id = new_id().map_err(ApiError::internal)?;
            put_record(
                tx,
                NOTICES,
                &id,
                &who.household_id,
                &notice.to_string(),
                change,
            )
            .await?;
        }
        for (state, before) in self.sessions.values() {
            groups::write_session(tx, state, before, who.now, change).await?;
        }
        for (counter, rejection, mutation) in &self.rejections {
            // A refusal is kept against the person who sent it, so never with survey answers.
            let mutation = portal_core::mutation::for_the_record(mutation);
            sqlx::query(
                "INSERT INTO sync_rejections (client_id, counter, user_id, code, message, mutation, change) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(client.as_str())
            .bind(to_i64(*counter)?)
            .bind(&who.user_id)
            .bind(&rejection.code)
            .bind(&rejection.message)
            .bind(mutation.as_ref())
            .bind(change)
            .execute(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
        }
        Ok(())
    }
}

/// What the database holds under a learning log entry's id.
enum Stored {
    Nothing,
    /// This household's entry (`None` once deleted).
    Entry(Option<Box<Entry>>),
    /// Another household's: never to be read or changed by this one.
    OtherHousehold,
}

async fn stored_entry(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
    id: &str,
) -> Result<Stored, ApiError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT household_id, body FROM records WHERE collection = $1 AND id = $2")
            .bind(TRAINING_ENTRIES)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    match row {
        None => Ok(Stored::Nothing),
        Some((household, _)) if household != who.household_id => Ok(Stored::OtherHousehold),
        Some((_, body)) => Ok(Stored::Entry(
            body.map(|b| serde_json::from_str(&b))
                .transpose()
                .map_err(ApiError::internal)?,
        )),
    }
}

async fn stored_details(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
) -> Result<MyDetails, ApiError> {
    Ok(record(&mut **tx, MY_DETAILS, &who.household_id)
        .await?
        .unwrap_or_default())
}

/// The body of one record of `table` (the households' `records` or the `service_records`),
/// with `None` for a record that is not there or was removed.
async fn read_body<'e, E>(
    executor: E,
    table: Table,
    collection: &str,
    id: &str,
) -> Result<Option<String>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let sql = match table {
        Table::Households => "SELECT body FROM records WHERE collection = $1 AND id = $2",
        Table::Service => "SELECT body FROM service_records WHERE collection = $1 AND id = $2",
    };
    let body: Option<Option<String>> = sqlx::query_scalar(sql)
        .bind(collection.to_owned())
        .bind(id.to_owned())
        .fetch_optional(executor)
        .await
        .map_err(ApiError::internal)?;
    Ok(body.flatten())
}

#[derive(Debug, Clone, Copy)]
enum Table {
    Households,
    Service,
}

fn parsed<T: DeserializeOwned>(body: Option<String>) -> Result<Option<T>, ApiError> {
    body.map(|b| serde_json::from_str(&b))
        .transpose()
        .map_err(ApiError::internal)
}

/// A household's record, read as `T`.
pub(crate) async fn record<'e, T, E>(
    executor: E,
    collection: &str,
    id: &str,
) -> Result<Option<T>, ApiError>
where
    T: DeserializeOwned,
    E: sqlx::Executor<'e, Database = Any>,
{
    parsed(read_body(executor, Table::Households, collection, id).await?)
}

/// A service-wide record, read as `T`.
pub(crate) async fn service_record<'e, T, E>(
    executor: E,
    collection: &str,
    id: &str,
) -> Result<Option<T>, ApiError>
where
    T: DeserializeOwned,
    E: sqlx::Executor<'e, Database = Any>,
{
    parsed(read_body(executor, Table::Service, collection, id).await?)
}

/// Records' bodies read as `T`.
fn parsed_all<T: DeserializeOwned>(bodies: &[String]) -> Result<Vec<T>, ApiError> {
    bodies
        .iter()
        .map(|body| serde_json::from_str(body).map_err(ApiError::internal))
        .collect()
}

/// Every record of a collection that one household holds, read as `T`.
pub(crate) async fn household_records<'e, T, E>(
    executor: E,
    collection: &str,
    household_id: &str,
) -> Result<Vec<T>, ApiError>
where
    T: DeserializeOwned,
    E: sqlx::Executor<'e, Database = Any>,
{
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM records WHERE collection = $1 AND household_id = $2 AND body IS NOT NULL",
    )
    .bind(collection.to_owned())
    .bind(household_id.to_owned())
    .fetch_all(executor)
    .await
    .map_err(ApiError::internal)?;
    parsed_all(&bodies)
}

/// Every service-wide record of a collection still published, read as `T`.
pub(crate) async fn service_records<'e, T, E>(
    executor: E,
    collection: &str,
) -> Result<Vec<T>, ApiError>
where
    T: DeserializeOwned,
    E: sqlx::Executor<'e, Database = Any>,
{
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM service_records WHERE collection = $1 AND body IS NOT NULL",
    )
    .bind(collection.to_owned())
    .fetch_all(executor)
    .await
    .map_err(ApiError::internal)?;
    parsed_all(&bodies)
}

pub(crate) async fn put_record(
    tx: &mut Transaction<'_, Any>,
    collection: &str,
    id: &str,
    household_id: &str,
    body: &str,
    change: i64,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO records (collection, id, household_id, body, change) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, change = excluded.change",
    )
    .bind(collection)
    .bind(id)
    .bind(household_id)
    .bind(body)
    .bind(change)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// Writes a service-wide record (every household receives it) under change number `change`.
pub(crate) async fn put_service_record(
    tx: &mut Transaction<'_, Any>,
    collection: &str,
    id: &str,
    body: &str,
    change: i64,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO service_records (collection, id, body, change) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, change = excluded.change",
    )
    .bind(collection)
    .bind(id)
    .bind(body)
    .bind(change)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// Marks a record deleted (its body empty) under a new change number, so that devices which
/// hold it remove it on their next pull.
pub(crate) async fn delete_record(
    tx: &mut Transaction<'_, Any>,
    collection: &str,
    id: &str,
    change: i64,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE records SET body = NULL, change = $1 WHERE collection = $2 AND id = $3")
        .bind(change)
        .bind(collection)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}

type RecordRow = (String, String, Option<String>, i64);
type RejectionRow = (String, i64, String, String, String);

/// The records of the next page after `since`, up to the counter `upper`: about `limit` of
/// them, never splitting a change. Returns them, the last change they hold, and whether there
/// is more to fetch.
async fn record_page(
    db: &Database,
    who: &Syncer,
    since: i64,
    upper: i64,
    limit: usize,
) -> Result<(Vec<RecordRow>, i64, bool), ApiError> {
    let page_size = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut rows: Vec<RecordRow> = sqlx::query_as(
        "SELECT collection, id, body, change FROM ( \
           SELECT collection, id, body, change FROM records \
             WHERE household_id = $1 AND change > $2 AND change <= $3 \
           UNION ALL \
           SELECT collection, id, body, change FROM service_records \
             WHERE change > $2 AND change <= $3 \
         ) AS synced ORDER BY change, collection, id LIMIT $4",
    )
    .bind(&who.household_id)
    .bind(since)
    .bind(upper)
    .bind(page_size + 1)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    // Several records can share one change number (a change and its notice); a page never
    // splits them, so the cursor can safely be the last change it holds.
    let has_more = rows.len() > limit;
    let until = if has_more {
        let first_change = rows[0].3;
        let last_change = rows[limit].3;
        if first_change == last_change {
            // One change (a whole push) holds more records than a page: it comes whole, as a
            // larger page, rather than split.
            rows = sqlx::query_as(
                "SELECT collection, id, body, change FROM ( \
                   SELECT collection, id, body, change FROM records \
                     WHERE household_id = $1 AND change = $2 \
                   UNION ALL \
                   SELECT collection, id, body, change FROM service_records WHERE change = $2 \
                 ) AS synced ORDER BY collection, id",
            )
            .bind(&who.household_id)
            .bind(first_change)
            .fetch_all(db.pool())
            .await
            .map_err(ApiError::internal)?;
            first_change
        } else {
            rows.retain(|row| row.3 < last_change);
            rows.last().map_or(upper, |row| row.3)
        }
    } else {
        upper
    };
    // Photos make some records large: a page also stops at about `MAX_PULL_BYTES`, at the end
    // of a change (a single change larger than that still comes whole).
    if let Some(cut) = byte_cut(&rows) {
        rows.truncate(cut);
        let until = rows.last().map_or(until, |row| row.3);
        return Ok((rows, until, true));
    }
    Ok((rows, until, has_more))
}

/// Where a page of records must end to stay within `MAX_PULL_BYTES` without splitting a
/// change, if it must.
fn byte_cut(rows: &[RecordRow]) -> Option<usize> {
    let mut bytes = 0;
    for (at, row) in rows.iter().enumerate() {
        bytes += row.0.len() + row.1.len() + row.2.as_ref().map_or(0, String::len);
        if bytes > MAX_PULL_BYTES {
            // Back to the start of this record's change; never below the end of the first one.
            let first_change_ends = rows.iter().position(|r| r.3 != rows[0].3)?;
            let start_of_change = rows[..=at]
                .iter()
                .rposition(|r| r.3 != row.3)
                .map_or(0, |before| before + 1);
            return Some(start_of_change.max(first_change_ends));
        }
    }
    None
}

/// Everything the user may see that changed after `cursor`, in pages of at most `limit`
/// records and about `MAX_PULL_BYTES`, with the progress of the clients in `only` (every client
/// of the user's when `None`).
pub async fn pull(
    db: &Database,
    who: &Syncer,
    cursor: ChangeNumber,
    limit: usize,
    only: Option<&[ClientId]>,
    device_epoch: Option<&str>,
) -> Result<PullResponse, ApiError> {
    let since = i64::try_from(cursor.get())
        .map_err(|_| ApiError::BadRequest("The cursor is too large.".into()))?;
    let epoch = db.epoch().await.map_err(ApiError::internal)?;
    if since > 0 && device_epoch.is_some_and(|seen| !seen.is_empty() && seen != epoch) {
        // The database was restored from a backup since this device last pulled: what it has
        // may be ahead of or beside what the server now knows, so it starts again from zero.
        return Err(ApiError::CursorAhead);
    }
    // The clients' progress is read before the counter, so that the rejection behind any counter
    // reported here has a change number no higher than the counter read next.
    let clients: Vec<(String, i64)> =
        sqlx::query_as("SELECT client_id, last_applied FROM sync_clients WHERE user_id = $1")
            .bind(&who.user_id)
            .fetch_all(db.pool())
            .await
            .map_err(ApiError::internal)?;
    // Reading the counter fixes the upper bound: every change up to it has committed.
    let upper: i64 = sqlx::query_scalar("SELECT last_change FROM change_counter WHERE id = 1")
        .fetch_one(db.pool())
        .await
        .map_err(ApiError::internal)?;
    if since > upper {
        // The server knows less than the device: its database was restored from a backup.
        return Err(ApiError::CursorAhead);
    }
    let (rows, until, has_more) = record_page(db, who, since, upper, limit).await?;
    let records = rows
        .into_iter()
        .map(|(collection, id, body, change)| {
            let body = body
                .map(|b| serde_json::from_str(&b))
                .transpose()
                .map_err(ApiError::internal)?;
            Ok(PulledRecord {
                collection,
                id,
                body,
                change: ChangeNumber::new(to_u64(change)),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let rejected: Vec<RejectionRow> = sqlx::query_as(
        "SELECT client_id, counter, code, message, mutation FROM sync_rejections \
         WHERE user_id = $1 AND change > $2 AND change <= $3 ORDER BY change",
    )
    .bind(&who.user_id)
    .bind(since)
    .bind(until)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    Ok(PullResponse {
        records,
        clients: clients
            .into_iter()
            .filter_map(|(id, last)| {
                Some(ClientProgress {
                    client_id: ClientId::parse(&id).ok()?,
                    last_applied: to_u64(last),
                })
            })
            .filter(|progress| only.is_none_or(|only| only.contains(&progress.client_id)))
            .collect(),
        rejections: rejected
            .into_iter()
            .filter_map(|(id, counter, code, message, mutation)| {
                Some(RejectedMutation {
                    client_id: ClientId::parse(&id).ok()?,
                    counter: to_u64(counter),
                    code,
                    message,
                    mutation: RawValue::from_string(mutation).ok()?,
                })
            })
            .collect(),
        cursor: ChangeNumber::new(to_u64(until)),
        has_more,
        epoch,
    })
}
