//! Health-check surveys on the server. A wave is a service record (`surveys`) that every
//! device pulls. A carer's answers arrive as a push and are applied in its transaction: the
//! fact that they answered goes in `survey_answered` (and, for their household's devices, a
//! `survey_answered` record), and the answers go into the wave's pool, with nothing that
//! links the two. See "Anonymous surveys" in ARCHITECTURE.md.

use portal_core::carers::HouseholdStatus;
use portal_core::date::CalendarDate;
use portal_core::household::CarerType;
use portal_core::notices::{Notice, NoticeKind};
use portal_core::surveys::{
    BATCH, HOME_NOTE_ID, Invite, Response, StaffWave, Standing, SurveyChange, SurveyNote,
    SurveyState, Wave, add_to_pool, answered_id,
};
use portal_core::sync::wire::collection::{
    SURVEY_ANSWERED, SURVEY_HOME_NOTE, SURVEY_INVITES, SURVEY_NOTES, SURVEYS,
};
use portal_core::sync::{Mutator as _, Rejection};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::db::Database;
use crate::sealed::SealKey;
use crate::sync::{
    Syncer, delete_record, put_record, put_service_record, service_record, service_records,
};

/// A carer whose household's type or status this version does not know: a fault in the data.
#[derive(Debug, thiserror::Error)]
#[error("the household of carer {0:?} has a type or status this version does not know")]
struct UnknownStanding(String);

/// A wave by id.
pub async fn wave<'e, E>(executor: E, id: &str) -> Result<Option<Wave>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    service_record(executor, SURVEYS, id).await
}

/// Publishes a wave (new or changed) to every device, and the invitations to it to the
/// devices of the carers it asks.
pub async fn save_wave(
    tx: &mut Transaction<'_, Any>,
    wave: &Wave,
    today: CalendarDate,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(wave).map_err(ApiError::internal)?;
    put_service_record(tx, SURVEYS, &wave.id, &body, change).await?;
    invite(tx, Whose::Everyone, today, change).await
}

/// A carer with an account, and where their household stands, which decides which surveys
/// ask them.
struct Carer {
    user: String,
    household: String,
    standing: Standing,
}

/// A carer's household as the surveys read it.
#[derive(sqlx::FromRow)]
struct StandingRow {
    user_id: String,
    household_id: String,
    carer_type: String,
    area: String,
    status: String,
    ended_on: Option<String>,
}

impl StandingRow {
    /// `None` for a type or status this version does not know: a fault in the data, and such a
    /// household is asked nothing.
    fn standing(&self) -> Option<Standing> {
        Some(Standing {
            carer_type: CarerType::parse(&self.carer_type)?,
            area: Some(self.area.clone()).filter(|a| !a.is_empty()),
            status: HouseholdStatus::parse(&self.status)?,
            ended_on: self
                .ended_on
                .as_deref()
                .and_then(|d| CalendarDate::parse(d).ok()),
        })
    }
}

/// Every household's carers with what the surveys read, or those `user` or `household` names.
const STANDING: &str = "SELECT u.id AS user_id, h.id AS household_id, h.carer_type, h.area, h.status, h.ended_on \
     FROM users u JOIN households h ON h.id = u.household_id \
     WHERE u.role = 'carer' AND ($1 = '' OR u.id = $1) AND ($2 = '' OR h.id = $2)";

/// Whose invitations to write.
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    Everyone,
    User(&'a str),
    Household(&'a str),
}

/// Every carer with an account, or those `whose` names.
async fn carers<'e, E>(executor: E, whose: Whose<'_>) -> Result<Vec<Carer>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let (user, household) = match whose {
        Whose::Everyone => ("", ""),
        Whose::User(user) => (user, ""),
        Whose::Household(household) => ("", household),
    };
    let rows: Vec<StandingRow> = sqlx::query_as(STANDING)
        .bind(user)
        .bind(household)
        .fetch_all(executor)
        .await
        .map_err(ApiError::internal)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Carer {
                standing: row.standing()?,
                user: row.user_id,
                household: row.household_id,
            })
        })
        .collect())
}

/// Writes the invitations (see `Invite`) of the carers `whose` names: a line for every wave not
/// yet closed that asks them and that they have not answered. Called whenever a wave, a
/// carer's answers or a household's facts change.
pub async fn invite(
    tx: &mut Transaction<'_, Any>,
    whose: Whose<'_>,
    today: CalendarDate,
    change: i64,
) -> Result<(), ApiError> {
    let mut waves: Vec<Wave> = service_records(&mut **tx, SURVEYS).await?;
    waves.retain(|w| w.closes >= today);
    waves.sort_by(|a, b| a.opens.cmp(&b.opens).then_with(|| a.id.cmp(&b.id)));
    let answered: Vec<(String, String)> =
        sqlx::query_as("SELECT wave_id, user_id FROM survey_answered")
            .fetch_all(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    for carer in carers(&mut **tx, whose).await? {
        let lines: Vec<String> = waves
            .iter()
            .filter(|w| w.audience.asks(&carer.standing, today))
            .filter(|w| !answered.contains(&(w.id.clone(), carer.user.clone())))
            .map(Invite::line)
            .collect();
        if lines.is_empty() {
            delete_record(tx, SURVEY_INVITES, &carer.user, change).await?;
        } else {
            let body = serde_json::to_string(&lines.join("\n")).map_err(ApiError::internal)?;
            put_record(
                tx,
                SURVEY_INVITES,
                &carer.user,
                &carer.household,
                &body,
                change,
            )
            .await?;
        }
    }
    Ok(())
}

/// Emails `kind` (a survey open, or its reminder) to each carer the wave asks who has not
/// answered it yet.
pub async fn email_unanswered(
    tx: &mut Transaction<'_, Any>,
    wave: &Wave,
    kind: NoticeKind,
    today: CalendarDate,
    now: i64,
) -> Result<(), ApiError> {
    let everyone = carers(&mut **tx, Whose::Everyone).await?;
    email_unanswered_among(tx, wave, kind, &everyone, (today, now)).await
}

/// `email_unanswered` over carers already read, so that several waves read them once.
async fn email_unanswered_among(
    tx: &mut Transaction<'_, Any>,
    wave: &Wave,
    kind: NoticeKind,
    everyone: &[Carer],
    (today, now): (CalendarDate, i64),
) -> Result<(), ApiError> {
    let answered: Vec<String> =
        sqlx::query_scalar("SELECT user_id FROM survey_answered WHERE wave_id = $1")
            .bind(&wave.id)
            .fetch_all(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    for carer in everyone {
        if wave.audience.asks(&carer.standing, today) && !answered.contains(&carer.user) {
            crate::outbox::send_to_user(tx, &carer.user, &Notice::of(kind), now).await?;
        }
    }
    Ok(())
}

/// Emails the opening of every wave that is open today and whose opening has not been
/// emailed: when it is published open, or on the morning it opens (the daily jobs). The
/// carers are read once, however many waves open.
pub async fn email_openings(
    tx: &mut Transaction<'_, Any>,
    today: CalendarDate,
    now: i64,
) -> Result<(), ApiError> {
    let waves: Vec<Wave> = service_records(&mut **tx, SURVEYS).await?;
    let mut opening = Vec::new();
    for wave in waves
        .into_iter()
        .filter(|w| w.state(today) == portal_core::surveys::WaveState::Open)
    {
        // Whoever writes the row first emails; another instance finds it written.
        let first = sqlx::query(
            "INSERT INTO survey_opening_sent (wave_id) VALUES ($1) ON CONFLICT (wave_id) DO NOTHING",
        )
        .bind(&wave.id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
        if first.rows_affected() == 1 {
            opening.push(wave);
        }
    }
    if opening.is_empty() {
        return Ok(());
    }
    let everyone = carers(&mut **tx, Whose::Everyone).await?;
    for wave in &opening {
        email_unanswered_among(tx, wave, NoticeKind::SurveyOpened, &everyone, (today, now)).await?;
    }
    Ok(())
}

/// `email_openings` in a transaction of its own, for the daily jobs.
pub async fn email_openings_today(
    db: &Database,
    today: CalendarDate,
    now: i64,
) -> Result<(), ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    email_openings(&mut tx, today, now).await?;
    tx.commit().await.map_err(ApiError::internal)
}

/// Publishes a "You said, we did" note to every device.
pub async fn save_note(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    note: &SurveyNote,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(note).map_err(ApiError::internal)?;
    put_service_record(tx, SURVEY_NOTES, id, &body, change).await?;
    // Home pages show the newest note only.
    let line = serde_json::to_string(&note.home_line()).map_err(ApiError::internal)?;
    put_service_record(tx, SURVEY_HOME_NOTE, HOME_NOTE_ID, &line, change).await
}

/// A wave's responses, in the pool's order (by content).
pub async fn pool<'e, E>(executor: E, wave: &str) -> Result<Vec<Response>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let body: Option<String> =
        sqlx::query_scalar("SELECT responses FROM survey_pools WHERE wave_id = $1")
            .bind(wave)
            .fetch_optional(executor)
            .await
            .map_err(ApiError::internal)?;
    body.map_or_else(
        || Ok(Vec::new()),
        |body| serde_json::from_str(&body).map_err(ApiError::internal),
    )
}

/// Applies a carer's answers: checks them against the wave, and if this carer has not
/// answered it yet, records that they have and adds the answers to the pool: at once if the
/// answers are named, or sealed in the waiting room until [`BATCH`] are waiting if not.
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
    key: &SealKey,
    change: &SurveyChange,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let wave_id = change.wave();
    let answered: Option<String> = sqlx::query_scalar(
        "SELECT user_id FROM survey_answered WHERE wave_id = $1 AND user_id = $2",
    )
    .bind(wave_id)
    .bind(&who.user_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(&who.user_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    let carer = carers(&mut **tx, Whose::User(&who.user_id))
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal(UnknownStanding(who.user_id.clone())))?;
    let mut state = SurveyState {
        wave: wave(&mut **tx, wave_id).await?,
        today: who.today,
        answered: answered.is_some(),
        standing: carer.standing,
        name,
        response: None,
    };
    if let Err(rejection) = change.apply(&mut state) {
        return Ok(Err(rejection));
    }
    let Some(response) = state.response else {
        return Ok(Ok(()));
    };
    sqlx::query("INSERT INTO survey_answered (wave_id, user_id) VALUES ($1, $2)")
        .bind(wave_id)
        .bind(&who.user_id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    if response.by.is_some() {
        // A named answer carries its name, so waiting would hide nothing.
        join_pool(tx, wave_id, vec![response]).await?;
    } else {
        wait(tx, key, wave_id, &response).await?;
    }
    put_record(
        tx,
        SURVEY_ANSWERED,
        &answered_id(wave_id, &who.user_id),
        &who.household_id,
        // A string, which the portal's first load already knows how to read.
        "\"answered\"",
        change_number,
    )
    .await?;
    invite(tx, Whose::User(&who.user_id), who.today, change_number).await?;
    Ok(Ok(()))
}

/// Adds `responses` to the wave's pool, which keeps them in the order of their content.
async fn join_pool(
    tx: &mut Transaction<'_, Any>,
    wave_id: &str,
    responses: Vec<Response>,
) -> Result<(), ApiError> {
    let mut pooled = pool(&mut **tx, wave_id).await?;
    for response in responses {
        add_to_pool(&mut pooled, response);
    }
    let body = serde_json::to_string(&pooled).map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO survey_pools (wave_id, responses) VALUES ($1, $2) \
         ON CONFLICT (wave_id) DO UPDATE SET responses = excluded.responses",
    )
    .bind(wave_id)
    .bind(&body)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// Seals an anonymous response into the waiting room, and lets the room join the pool once
/// [`BATCH`] are waiting.
async fn wait(
    tx: &mut Transaction<'_, Any>,
    key: &SealKey,
    wave_id: &str,
    response: &Response,
) -> Result<(), ApiError> {
    let body = serde_json::to_vec(response).map_err(ApiError::internal)?;
    let sealed = key.seal(&body).map_err(ApiError::internal)?;
    sqlx::query("INSERT INTO survey_waiting (wave_id, sealed) VALUES ($1, $2)")
        .bind(wave_id)
        .bind(&sealed)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    if waiting(&mut **tx, wave_id).await? >= BATCH {
        release(tx, key, wave_id).await?;
    }
    Ok(())
}

/// How many anonymous answers to the wave are waiting to join its pool.
pub async fn waiting<'e, E>(executor: E, wave_id: &str) -> Result<usize, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_waiting WHERE wave_id = $1")
        .bind(wave_id)
        .fetch_one(executor)
        .await
        .map_err(ApiError::internal)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Opens every waiting answer to the wave and adds them to its pool together.
async fn release(
    tx: &mut Transaction<'_, Any>,
    key: &SealKey,
    wave_id: &str,
) -> Result<(), ApiError> {
    let sealed: Vec<String> =
        sqlx::query_scalar("SELECT sealed FROM survey_waiting WHERE wave_id = $1")
            .bind(wave_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    let mut responses = Vec::with_capacity(sealed.len());
    for one in &sealed {
        let body = key.open(one).map_err(ApiError::internal)?;
        responses.push(serde_json::from_slice(&body).map_err(ApiError::internal)?);
    }
    sqlx::query("DELETE FROM survey_waiting WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    join_pool(tx, wave_id, responses).await
}

/// Lets the answers still waiting join the pool of a wave that has closed: no more will come
/// to wait with them. Staff pages that show results call it first.
pub async fn settle(
    db: &Database,
    key: &SealKey,
    wave: &Wave,
    today: CalendarDate,
) -> Result<(), ApiError> {
    if today <= wave.closes || waiting(db.pool(), &wave.id).await? == 0 {
        return Ok(());
    }
    let (mut tx, _) = crate::sync::begin_writing(db)
        .await
        .map_err(ApiError::internal)?;
    release(&mut tx, key, &wave.id).await?;
    tx.commit().await.map_err(ApiError::internal)
}

/// Settles every closed wave that still has answers waiting (see [`settle`]): the daily job.
pub async fn settle_closed(
    db: &Database,
    key: &SealKey,
    today: CalendarDate,
) -> Result<(), ApiError> {
    let waves: Vec<String> = sqlx::query_scalar("SELECT DISTINCT wave_id FROM survey_waiting")
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::internal)?;
    for id in waves {
        if let Some(found) = wave(db.pool(), &id).await? {
            settle(db, key, &found, today).await?;
        }
    }
    Ok(())
}

/// `wave` with how many have answered it, and how many of `carers` it asks.
async fn with_rate<'e, E>(executor: E, wave: Wave, carers: &[Carer]) -> Result<StaffWave, ApiError>
where
    E: sqlx::Executor<'e, Database = Any> + Copy,
{
    let waiting = waiting(executor, &wave.id).await?;
    let answered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_answered WHERE wave_id = $1")
            .bind(&wave.id)
            .fetch_one(executor)
            .await
            .map_err(ApiError::internal)?;
    let asked = carers
        .iter()
        .filter(|c| {
            wave.audience
                .asks_during(&c.standing, (wave.opens, wave.closes))
        })
        .count();
    Ok(StaffWave {
        wave,
        answered: usize::try_from(answered).unwrap_or(0),
        asked,
        waiting,
    })
}

/// A wave with how many have answered it and how many it asks.
pub async fn staff_wave<'e, E>(executor: E, wave: Wave) -> Result<StaffWave, ApiError>
where
    E: sqlx::Executor<'e, Database = Any> + Copy,
{
    let carers = carers(executor, Whose::Everyone).await?;
    with_rate(executor, wave, &carers).await
}

/// Every wave, the latest to open first, each with its response rate. The carers are read
/// once for them all.
pub async fn staff_waves<'e, E>(executor: E) -> Result<Vec<StaffWave>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any> + Copy,
{
    let mut waves: Vec<Wave> = service_records(executor, SURVEYS).await?;
    waves.sort_by(|a, b| b.opens.cmp(&a.opens).then_with(|| a.title.cmp(&b.title)));
    let carers = carers(executor, Whose::Everyone).await?;
    let mut out = Vec::with_capacity(waves.len());
    for wave in waves {
        out.push(with_rate(executor, wave, &carers).await?);
    }
    Ok(out)
}

/// The areas households are in, for choosing a survey's audience.
pub async fn areas<'e, E>(executor: E) -> Result<Vec<String>, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT DISTINCT area FROM households WHERE area <> '' ORDER BY area")
        .fetch_all(executor)
        .await
        .map_err(ApiError::internal)
}

/// Whether anyone has answered `wave`: once they have, its questions are fixed. Counted from
/// who has answered, since anonymous answers may still be waiting to join the pool.
pub async fn has_answers<'e, E>(executor: E, wave: &str) -> Result<bool, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let any: Option<String> =
        sqlx::query_scalar("SELECT wave_id FROM survey_answered WHERE wave_id = $1 LIMIT 1")
            .bind(wave)
            .fetch_optional(executor)
            .await
            .map_err(ApiError::internal)?;
    Ok(any.is_some())
}
