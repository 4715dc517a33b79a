//! Enquiries: `POST /api/enquiries` from anyone (the app's JSON, or a plain page's form), and
//! the recruitment team's inbox under `/api/staff/enquiries`: the list, one enquiry, actions
//! (a stage, a contact attempt, a note), who handles it, turning one into an applicant's or a carer
//! household, an applicant's tasks, and the funnel.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use portal_core::brand::DISTRICTS;
use portal_core::carers::{Invited, NewHousehold, NewHouseholdForm};
use portal_core::enquiries::{
    ActionForm, AssignForm, EnquiryList, EnquiryRecord, EnquirySent, Funnel, NewEnquiry,
    can_handle_enquiries, is_enquiry_id,
};
use serde::Deserialize;

use super::session::ClientAddress;
use super::{ApiError, allowed, form_problems};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::carers::today;
use crate::enquiries;
use crate::plain_enquiry;
use portal_core::enquiries::application::{Application, TaskConfirmation};
use portal_core::enquiries::pages::{self, Posted};

/// An enquiry: JSON from the app, answered with JSON; or a plain page's form, answered with
/// the next page. Either way the same checks, and the same enquiry however often it is sent.
pub async fn send(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        return send_form(&state, address.as_str(), &body).await;
    }
    match serde_json::from_slice::<NewEnquiry>(&body) {
        Ok(new) => match keep(&state, address.as_str(), &new).await {
            Ok(sent) => (StatusCode::CREATED, Json(sent)).into_response(),
            Err(error) => error.into_response(),
        },
        Err(_) => ApiError::BadRequest(
            "Send the enquiry as JSON, with its id and its answers.".to_owned(),
        )
        .into_response(),
    }
}

/// Checks and keeps an enquiry, whichever way it came.
async fn keep(state: &AppState, address: &str, new: &NewEnquiry) -> Result<EnquirySent, ApiError> {
    if !is_enquiry_id(&new.id) {
        return Err(ApiError::BadRequest(
            "The enquiry's id is not one the app makes.".to_owned(),
        ));
    }
    let enquiry = if new.form.is_from_a_program() {
        None
    } else {
        Some(
            new.form
                .parse(DISTRICTS)
                .map_err(|p| form_problems(p.iter().map(|(_, m)| m.as_str())))?,
        )
    };
    let now = state.clock.now();
    enquiries::receive(&state.db, new, enquiry.as_ref(), address, now).await
}

async fn send_form(state: &AppState, address: &str, body: &[u8]) -> Response {
    let posted = Posted::read(&String::from_utf8_lossy(body));
    let new = NewEnquiry {
        id: posted.id.clone(),
        form: posted.form.clone(),
        self_check: None,
    };
    let problems = if new.form.is_from_a_program() {
        Vec::new()
    } else {
        new.form.parse(DISTRICTS).err().unwrap_or_default()
    };
    let (status, (title, main)) = if problems.is_empty() {
        match keep(state, address, &new).await {
            Ok(sent) => (StatusCode::OK, pages::sent_page(sent.reply_by)),
            Err(error) => {
                let status = error.status();
                (status, pages::refused_page(&error.to_string()))
            }
        }
    } else {
        (
            StatusCode::BAD_REQUEST,
            pages::check_page(&posted.form, &posted.id, &problems),
        )
    };
    let page = plain_enquiry::document(&title, state.shell.stylesheets(), &main);
    (status, Html(page)).into_response()
}

/// `GET /enquire/plain`: the first question.
pub async fn plain_start(State(state): State<AppState>) -> Html<String> {
    let (title, main) = pages::answer(&Posted::default(), DISTRICTS, "");
    Html(plain_enquiry::document(
        &title,
        state.shell.stylesheets(),
        &main,
    ))
}

/// `POST /enquire/plain`: the next question, or the same one with its problems.
pub async fn plain_step(State(state): State<AppState>, body: Bytes) -> Response {
    let posted = Posted::read(&String::from_utf8_lossy(&body));
    let id = new_id().unwrap_or_default();
    let (title, main) = pages::answer(&posted, DISTRICTS, &id);
    let status = if title.starts_with("Error:") {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = plain_enquiry::document(&title, state.shell.stylesheets(), &main);
    (status, Html(page)).into_response()
}

fn may_handle(user: &CurrentUser) -> Result<(), ApiError> {
    allowed(can_handle_enquiries(user.role))
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<EnquiryList>, ApiError> {
    may_handle(&user)?;
    let team = enquiries::team(&state.db).await?;
    Ok(Json(EnquiryList {
        enquiries: enquiries::records(&state.db, None, &team).await?,
        team,
        now: state.clock.now(),
    }))
}

pub async fn one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<EnquiryList>, ApiError> {
    may_handle(&user)?;
    let team = enquiries::team(&state.db).await?;
    let enquiries = enquiries::records(&state.db, Some(&id), &team).await?;
    if enquiries.is_empty() {
        return Err(ApiError::NoSuchEnquiry);
    }
    Ok(Json(EnquiryList {
        enquiries,
        team,
        now: state.clock.now(),
    }))
}

pub async fn act(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    super::ApiJson(form): super::ApiJson<ActionForm>,
) -> Result<Json<EnquiryRecord>, ApiError> {
    may_handle(&user)?;
    let (action, note) = form
        .parse()
        .map_err(|m| ApiError::BadRequest(format!("{m}.")))?;
    Ok(Json(
        enquiries::act(&state.db, &id, &user.id, &action, &note, state.clock.now()).await?,
    ))
}

pub async fn assign(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    super::ApiJson(form): super::ApiJson<AssignForm>,
) -> Result<Json<EnquiryRecord>, ApiError> {
    may_handle(&user)?;
    let to = Some(form.staff_id.trim()).filter(|s| !s.is_empty());
    Ok(Json(
        enquiries::assign(&state.db, &id, &user.id, to, state.clock.now()).await?,
    ))
}

/// Adds the approved enquiry's household as a carer household and invites its carer.
pub async fn household(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    super::ApiJson(form): super::ApiJson<NewHouseholdForm>,
) -> Result<(StatusCode, Json<Invited>), ApiError> {
    may_handle(&user)?;
    let now = state.clock.now();
    let household = NewHousehold::parse(&form, today(now))
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    let (carer, invitation) =
        crate::carers::create(&state.db, &household, &user.id, now, Some(&id)).await?;
    Ok((StatusCode::CREATED, Json(Invited { carer, invitation })))
}

/// The application of the applicant invited from the enquiry (`null` before an invitation).
pub async fn application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Option<Application>>, ApiError> {
    may_handle(&user)?;
    Ok(Json(crate::applicants::of_enquiry(&state.db, &id).await?))
}

/// The team confirms one of the applicant's tasks, or takes the confirmation back.
pub async fn confirm_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    super::ApiJson(form): super::ApiJson<TaskConfirmation>,
) -> Result<Json<Application>, ApiError> {
    may_handle(&user)?;
    let today = today(state.clock.now());
    Ok(Json(
        crate::applicants::confirm(&state.db, &id, form.task, form.confirmed, &user.id, today)
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct FunnelQuery {
    #[serde(default)]
    months: Option<u8>,
}

/// The funnel for the last `months` months (12 unless asked, at most 36).
pub async fn funnel(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<FunnelQuery>,
) -> Result<Json<Funnel>, ApiError> {
    may_handle(&user)?;
    let months = query.months.unwrap_or(12).clamp(1, 36);
    // The funnel names nobody, so who handles each enquiry is not looked up.
    let records = enquiries::records(&state.db, None, &[]).await?;
    let mentored = crate::applicants::mentored(&state.db).await?;
    Ok(Json(Funnel::of(
        &records,
        &mentored,
        today(state.clock.now()),
        months,
    )))
}
