//! Surveys for staff: `GET /api/staff/surveys` (every wave with its response rate, the areas
//! an audience can be, and the "You said, we did" notes), `POST` a new wave, `PUT
//! .../{id}` to change one nobody has answered yet, `GET .../{id}/results?by=area` (the
//! aggregates, never a response), `POST .../{id}/reminder` and `POST .../{id}/notes`.

use axum::Json;
use axum::extract::{Path, Query, State};
use portal_core::surveys::{
    GroupBy, NoteForm, StaffSurveys, StaffWave, WaveForm, WaveResults, can_run_surveys,
    check_anonymity_kept,
};
use portal_core::sync::wire::collection::SURVEY_NOTES;
use serde::Deserialize;

use super::{ApiError, ApiJson, allowed as permitted};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::surveys;

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffSurveys>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    let pool = state.db.pool();
    let mut notes: Vec<portal_core::surveys::SurveyNote> =
        crate::sync::service_records(pool, SURVEY_NOTES).await?;
    notes.sort_by_key(|note| std::cmp::Reverse(note.published_on));
    Ok(Json(StaffSurveys {
        waves: surveys::staff_waves(pool).await?,
        areas: surveys::areas(pool).await?,
        notes,
    }))
}

/// The form's problems as sentences, for a caller that did not check the form first.
fn form_problems<T>(problems: &[(T, String)]) -> ApiError {
    let sentences: Vec<String> = problems.iter().map(|(_, m)| format!("{m}.")).collect();
    ApiError::BadRequest(sentences.join(" "))
}

/// Checks `form` as wave `id` and publishes it, under the change counter.
async fn publish(state: &AppState, id: &str, form: &WaveForm) -> Result<Json<StaffWave>, ApiError> {
    let today = crate::carers::today(state.clock.now());
    let mut wave = form.parse(id, today).map_err(|p| form_problems(&p))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    if let Some(previous) = &wave.previous
        && surveys::wave(&mut *tx, previous).await?.is_none()
    {
        return Err(ApiError::BadRequest(
            "The earlier survey to compare with no longer exists. Choose another.".to_owned(),
        ));
    }
    if let Some(before) = surveys::wave(&mut *tx, id).await? {
        if surveys::has_answers(&mut *tx, id).await? {
            return Err(ApiError::StatusMovedOn(
                "Carers have already answered this survey, so it can no longer be changed."
                    .to_owned(),
            ));
        }
        check_anonymity_kept(&before, &wave, today).map_err(ApiError::StatusMovedOn)?;
        // A reminder already sent stays sent.
        wave.reminded_on = before.reminded_on;
    }
    surveys::save_wave(&mut tx, &wave, today, change).await?;
    surveys::email_openings(&mut tx, today, state.clock.now()).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    let wave = surveys::wave(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NoSuchSurvey)?;
    Ok(Json(surveys::staff_wave(state.db.pool(), wave).await?))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<WaveForm>,
) -> Result<Json<StaffWave>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    let id = new_id().map_err(ApiError::internal)?;
    publish(&state, &id, &form).await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<WaveForm>,
) -> Result<Json<StaffWave>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    surveys::wave(state.db.pool(), &id)
        .await?
        .ok_or(ApiError::NoSuchSurvey)?;
    publish(&state, &id, &form).await
}

#[derive(Debug, Deserialize)]
pub struct ResultsQuery {
    #[serde(default)]
    by: String,
}

pub async fn results(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Json<WaveResults>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    let db = state.db.pool();
    let today = crate::carers::today(state.clock.now());
    let wave = surveys::wave(db, &id)
        .await?
        .ok_or(ApiError::NoSuchSurvey)?;
    // A closed wave's last answers join its results the first time anyone looks.
    surveys::settle(&state.db, &state.survey_key, &wave, today).await?;
    let pool = surveys::pool(db, &id).await?;
    let previous = match &wave.previous {
        Some(previous) => match surveys::wave(db, previous).await? {
            Some(before) => {
                surveys::settle(&state.db, &state.survey_key, &before, today).await?;
                Some((surveys::pool(db, previous).await?, before))
            }
            None => None,
        },
        None => None,
    };
    let staff = surveys::staff_wave(db, wave).await?;
    Ok(Json(WaveResults::of(
        staff,
        &pool,
        previous
            .as_ref()
            .map(|(pool, wave)| (wave, pool.as_slice())),
        GroupBy::parse(&query.by),
    )))
}

/// Reminds the carers who have not answered: their home page says so more plainly.
pub async fn remind(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<StaffWave>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    let today = crate::carers::today(state.clock.now());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let mut wave = surveys::wave(&mut *tx, &id)
        .await?
        .ok_or(ApiError::NoSuchSurvey)?;
    if wave.state(today) != portal_core::surveys::WaveState::Open {
        return Err(ApiError::BadRequest(
            "Only a survey that is open can have a reminder.".to_owned(),
        ));
    }
    wave.reminded_on = Some(today);
    surveys::save_wave(&mut tx, &wave, today, change).await?;
    surveys::email_unanswered(
        &mut tx,
        &wave,
        portal_core::notices::NoticeKind::SurveyReminder,
        today,
        state.clock.now(),
    )
    .await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(surveys::staff_wave(state.db.pool(), wave).await?))
}

/// Publishes a "You said, we did" note for a wave to every carer's home page.
pub async fn add_note(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<NoteForm>,
) -> Result<Json<portal_core::surveys::SurveyNote>, ApiError> {
    permitted(can_run_surveys(user.role))?;
    let today = crate::carers::today(state.clock.now());
    let wave = surveys::wave(state.db.pool(), &id)
        .await?
        .ok_or(ApiError::NoSuchSurvey)?;
    let note = form.parse(&wave, today).map_err(|p| form_problems(&p))?;
    let note_id = new_id().map_err(ApiError::internal)?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    surveys::save_note(&mut tx, &note_id, &note, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(note))
}
