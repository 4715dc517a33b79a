//! The JSON API under `/api`, its one error type, and the guard against cross-site requests.

mod buddies;
mod carers;
mod claims;
mod courses;
mod enquiries;
mod groups;
mod invitation;
mod library;
mod news;
mod notices;
mod payments;
mod photos;
mod reviews;
mod session;
mod support;
mod surveys;
mod sync;
mod training;

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, OriginalUri, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Json, Router};
use portal_core::wire::{ApiErrorBody, Health, HealthStatus};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::auth::HashingError;
use crate::auth::limits::LimitError;

/// The API's routes, with the list of their paths: the authorization test asks the router
/// which methods each path answers, and fails if any is missing from its matrix, so no route
/// can be added without saying who may call it.
#[derive(Debug)]
pub struct Routes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Routes {
    fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    fn route(mut self, path: &'static str, handlers: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, handlers);
        self.paths.push(path);
        self
    }

    fn merge(mut self, other: Self) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }
}

pub fn router() -> Router<AppState> {
    routes()
        .router
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(refuse_cross_site))
}

/// Every path the API answers (under `/api`), as written in the router: `{id}` for a part
/// that varies.
pub fn paths() -> Vec<&'static str> {
    routes().paths
}

fn routes() -> Routes {
    Routes::new()
        .route("/health", get(health))
        .route(
            "/notifications",
            get(notices::choices).put(notices::save_choices),
        )
        .route("/staff/outbox", get(notices::outbox))
        .route(
            "/session",
            get(session::current)
                .post(session::sign_in)
                .delete(session::sign_out),
        )
        .route("/staff/carers", get(carers::list).post(carers::create))
        .route("/staff/carers/{id}", get(carers::one).put(carers::update))
        .route("/staff/carers/{id}/history", get(carers::history))
        .route("/staff/exits", get(carers::exits))
        .route("/staff/courses", get(courses::list).post(courses::create))
        .route("/staff/courses/{id}", axum::routing::put(courses::update))
        .route("/staff/reviews", get(reviews::list))
        .route("/staff/carers/{id}/review", get(reviews::one))
        .route(
            "/staff/carers/{id}/review/held",
            axum::routing::post(reviews::hold),
        )
        .route("/staff/groups", get(groups::list).post(groups::create))
        .route("/staff/groups/{id}", axum::routing::put(groups::update))
        .route(
            "/staff/groups/{id}/sessions",
            axum::routing::post(groups::add_sessions),
        )
        .route(
            "/staff/groups/sessions/{id}",
            axum::routing::put(groups::edit_session),
        )
        .route(
            "/staff/groups/sessions/{id}/cancellation",
            axum::routing::post(groups::cancel),
        )
        .route(
            "/staff/groups/sessions/{id}/register",
            axum::routing::put(groups::register),
        )
        .route(
            "/staff/groups/sessions/{id}/messages",
            axum::routing::post(groups::message),
        )
        .route("/staff/buddies", get(buddies::list))
        .route(
            "/staff/buddies/proposals",
            axum::routing::post(buddies::proposals),
        )
        .route(
            "/staff/buddies/pairings",
            axum::routing::post(buddies::send),
        )
        .route(
            "/staff/buddies/pairings/{id}/close",
            axum::routing::post(buddies::close),
        )
        .route("/staff/buddies/barred", axum::routing::post(buddies::bar))
        .route(
            "/staff/buddies/barred/{first}/{second}",
            axum::routing::delete(buddies::allow),
        )
        .route(
            "/staff/buddies/weights",
            get(buddies::weights).put(buddies::save_weights),
        )
        .route(
            "/staff/support-contacts",
            get(support::contacts).put(support::save),
        )
        .route("/staff/training", get(training::overview))
        .route("/staff/training.csv", get(training::export))
        .route("/staff/carers/{id}/training", get(training::household))
        .route(
            "/staff/training/entries/{id}/verification",
            axum::routing::post(training::verify),
        )
        .route(
            "/staff/carers/{id}/invitation",
            axum::routing::post(carers::invite),
        )
        .route("/invitation", axum::routing::post(invitation::preview))
        .route(
            "/invitation/accept",
            axum::routing::post(invitation::accept),
        )
        .merge(reading_routes())
        .merge(payment_routes())
        .merge(claim_routes())
        .merge(survey_routes())
        .merge(enquiry_routes())
        .route("/sync/push", axum::routing::post(sync::push))
        .route("/sync/pull", get(sync::pull))
}

/// The library and the news, which staff write and every device keeps.
fn reading_routes() -> Routes {
    Routes::new()
        .route("/staff/library", get(library::list).post(library::create))
        .route("/staff/library/{id}", axum::routing::put(library::update))
        .route("/staff/news", get(news::list).post(news::create))
        .route("/staff/news/{id}", axum::routing::put(news::update))
        .route(
            "/staff/news/contributions/{id}",
            axum::routing::post(news::decide),
        )
}

/// Enquiries: anyone may send one; the recruitment team answers them.
fn enquiry_routes() -> Routes {
    Routes::new()
        .route(
            ENQUIRIES_PATH,
            axum::routing::post(enquiries::send).layer(DefaultBodyLimit::max(16 * 1024)),
        )
        .route("/staff/enquiries", get(enquiries::list))
        .route("/staff/enquiries/funnel", get(enquiries::funnel))
        .route("/staff/enquiries/{id}", get(enquiries::one))
        .route(
            "/staff/enquiries/{id}/actions",
            axum::routing::post(enquiries::act),
        )
        .route(
            "/staff/enquiries/{id}/handler",
            axum::routing::put(enquiries::assign),
        )
        .route(
            "/staff/enquiries/{id}/household",
            axum::routing::post(enquiries::household),
        )
        .route(
            "/staff/enquiries/{id}/application",
            get(enquiries::application),
        )
        .route(
            "/staff/enquiries/{id}/application/tasks",
            axum::routing::post(enquiries::confirm_task),
        )
}

pub use enquiries::{plain_start, plain_step};

/// Where anyone sends an enquiry, within `/api`.
const ENQUIRIES_PATH: &str = "/enquiries";

/// Health-check surveys, for staff.
fn survey_routes() -> Routes {
    Routes::new()
        .route("/staff/surveys", get(surveys::list).post(surveys::create))
        .route("/staff/surveys/{id}", axum::routing::put(surveys::update))
        .route("/staff/surveys/{id}/results", get(surveys::results))
        .route(
            "/staff/surveys/{id}/reminder",
            axum::routing::post(surveys::remind),
        )
        .route(
            "/staff/surveys/{id}/notes",
            axum::routing::post(surveys::add_note),
        )
}

fn payment_routes() -> Routes {
    Routes::new()
        .route("/staff/payments/queries", get(payments::queue))
        .route("/photos/{id}", get(photos::get).put(photos::put))
        .route(
            "/staff/payments/queries/{id}/messages",
            axum::routing::post(payments::reply),
        )
        .route(
            "/staff/payments/queries/{id}/status",
            axum::routing::post(payments::status),
        )
        .route(
            "/staff/payments/queries/{id}/handler",
            axum::routing::put(payments::handler),
        )
        .route(
            "/staff/payments/rates",
            get(payments::rates).post(payments::add_rates),
        )
        .route(
            "/staff/payments/notice",
            get(payments::notice).put(payments::save_notice),
        )
}

/// Claims, for the finance team (and, to read, supervising social workers).
fn claim_routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route("/staff/claims", get(claims::queue))
        .route("/staff/claims/payment-run.csv", get(claims::payment_run))
        .route(
            "/staff/claims/settings",
            get(claims::settings).put(claims::save_settings),
        )
        .route("/staff/claims/approve", post(claims::approve_all))
        .route("/staff/claims/paid", post(claims::mark_paid))
        .route("/staff/claims/{id}", get(claims::one))
        .route("/staff/claims/{id}/messages", post(claims::ask))
        .route("/staff/claims/{id}/decision", post(claims::decide))
}

async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let reachable = state.db.is_reachable().await;
    let (code, status) = if reachable {
        (StatusCode::OK, HealthStatus::Ok)
    } else {
        tracing::error!("health check: the database did not answer");
        (StatusCode::SERVICE_UNAVAILABLE, HealthStatus::Degraded)
    };
    let body = Health {
        status,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (code, Json(body))
}

// Inside the nested router the path has lost its `/api` prefix; the message names the full one.
async fn unknown_endpoint(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::NotFound {
        path: uri.path().to_owned(),
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// A form's problems as one 400 answer. The app checks forms with the same rules before
/// sending, so these messages reach people only when something else sent the request; all of
/// them are given at once.
pub(crate) fn form_problems<'a>(messages: impl IntoIterator<Item = &'a str>) -> ApiError {
    ApiError::BadRequest(messages.into_iter().collect::<Vec<_>>().join(" "))
}

/// Lets a request through if the caller's role allows it.
fn allowed(allowed: bool) -> Result<(), ApiError> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Everything an API call can answer other than success. Each variant says, in plain English,
/// what went wrong from the caller's side; causes inside the server are logged, never sent.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("There is no API endpoint at {path}.")]
    NotFound { path: String },
    #[error("This API endpoint does not accept that kind of request.")]
    MethodNotAllowed,
    #[error("{0}")]
    BadRequest(String),
    #[error("Requests that change something must come from the portal app itself.")]
    CrossSite,
    #[error("Sign in to continue.")]
    SignInRequired,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error(
        "Only the household's supervising social worker, or an administrator, can do that. Ask an administrator to make you its supervising social worker if you need to."
    )]
    NotTheirHousehold,
    #[error("There is no such household.")]
    NoSuchHousehold,
    #[error("That course is not in the catalogue.")]
    NoSuchCourse,
    #[error("That document is not in the library.")]
    NoSuchDocument,
    #[error("That article is not in the news.")]
    NoSuchArticle,
    #[error("That contribution does not exist.")]
    NoSuchContribution,
    #[error(
        "Someone has already decided about this contribution. Go back to the news to see what became of it."
    )]
    AlreadyDecided,
    #[error("This household is not approved, so it has no annual review.")]
    NotApproved,
    #[error("That training record does not exist, or has been deleted.")]
    NoSuchEntry,
    #[error("That group session does not exist.")]
    NoSuchSession,
    #[error("That support group does not exist. It may have been removed.")]
    NoSuchGroup,
    #[error("That buddy pairing does not exist.")]
    NoSuchPairing,
    #[error("That payment query does not exist.")]
    NoSuchQuery,
    #[error("That claim does not exist.")]
    NoSuchClaim,
    #[error("That photo does not exist.")]
    NoSuchPhoto,
    #[error("{0}")]
    PhotoRoomUsed(String),
    #[error("That survey does not exist.")]
    NoSuchSurvey,
    #[error("That enquiry does not exist. It may have been erased.")]
    NoSuchEnquiry,
    #[error(
        "Too many enquiries have been sent from this connection. Try again in {}, or call us.",
        minutes(*wait_seconds)
    )]
    TooManyEnquiries { wait_seconds: i64 },
    #[error("{0}")]
    StatusMovedOn(String),
    #[error(
        "Someone else changed this household while you were editing it. Their changes are shown now; make yours again."
    )]
    EditConflict,
    #[error("There is already an account with that email address.")]
    EmailTaken,
    #[error("This link has expired. Ask your supervising social worker to send you a new one.")]
    InvitationExpired,
    #[error(
        "This link does not work. It may have been used already, or a newer one sent. Ask your supervising social worker for a new link."
    )]
    InvitationUnusable,
    #[error("The portal's records are older than this device's. Your changes will be sent again.")]
    CursorAhead,
    #[error("Your email address or password is not right.")]
    WrongCredentials,
    #[error("That code is not right. Enter the 6-digit code your authenticator app shows now.")]
    WrongSecondFactor,
    #[error("You have tried to sign in too many times. Try again in {}.", minutes(*wait_seconds))]
    TooManyAttempts { wait_seconds: i64 },
    #[error("The portal is busy just now. Try again in a few seconds.")]
    Busy,
    #[error("Something went wrong on our side. Your information is safe; please try again later.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

fn minutes(seconds: i64) -> String {
    let minutes = (seconds + 59) / 60;
    if minutes <= 1 {
        "1 minute".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

impl From<HashingError> for ApiError {
    fn from(error: HashingError) -> Self {
        match error {
            HashingError::Busy => Self::Busy,
            stopped @ HashingError::Stopped(_) => Self::internal(stopped),
        }
    }
}

impl From<LimitError> for ApiError {
    fn from(error: LimitError) -> Self {
        match error {
            LimitError::Wait { wait_seconds } => Self::TooManyAttempts { wait_seconds },
            other => Self::internal(other),
        }
    }
}

impl ApiError {
    /// A failure inside the server: logged in full, answered with a general apology.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(cause.into())
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        self.status_and_code().0
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::CrossSite => (StatusCode::FORBIDDEN, "cross_site"),
            Self::SignInRequired => (StatusCode::UNAUTHORIZED, "sign_in_required"),
            Self::NotTheirHousehold => (StatusCode::FORBIDDEN, "not_their_household"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Self::NoSuchHousehold => (StatusCode::NOT_FOUND, "no_such_household"),
            Self::NoSuchCourse => (StatusCode::NOT_FOUND, "no_such_course"),
            Self::NoSuchDocument => (StatusCode::NOT_FOUND, "no_such_document"),
            Self::NoSuchArticle => (StatusCode::NOT_FOUND, "no_such_article"),
            Self::NoSuchContribution => (StatusCode::NOT_FOUND, "no_such_contribution"),
            Self::AlreadyDecided => (StatusCode::CONFLICT, "already_decided"),
            Self::NotApproved => (StatusCode::CONFLICT, "not_approved"),
            Self::NoSuchEntry => (StatusCode::NOT_FOUND, "no_such_entry"),
            Self::NoSuchSession => (StatusCode::NOT_FOUND, "no_such_session"),
            Self::NoSuchGroup => (StatusCode::NOT_FOUND, "no_such_group"),
            Self::NoSuchPairing => (StatusCode::NOT_FOUND, "no_such_pairing"),
            Self::NoSuchQuery => (StatusCode::NOT_FOUND, "no_such_query"),
            Self::NoSuchClaim => (StatusCode::NOT_FOUND, "no_such_claim"),
            Self::NoSuchPhoto => (StatusCode::NOT_FOUND, "no_such_photo"),
            Self::PhotoRoomUsed(_) => (StatusCode::PAYLOAD_TOO_LARGE, "photo_room_used"),
            Self::NoSuchSurvey => (StatusCode::NOT_FOUND, "no_such_survey"),
            Self::NoSuchEnquiry => (StatusCode::NOT_FOUND, "no_such_enquiry"),
            Self::TooManyEnquiries { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_enquiries"),
            Self::StatusMovedOn(_) => (StatusCode::CONFLICT, "status_moved_on"),
            Self::EditConflict => (StatusCode::CONFLICT, "edit_conflict"),
            Self::EmailTaken => (StatusCode::CONFLICT, "email_taken"),
            Self::InvitationExpired => (StatusCode::GONE, "invitation_expired"),
            Self::InvitationUnusable => (StatusCode::NOT_FOUND, "invitation_unusable"),
            Self::CursorAhead => (StatusCode::CONFLICT, "cursor_ahead"),
            Self::WrongCredentials => (StatusCode::UNAUTHORIZED, "wrong_credentials"),
            Self::WrongSecondFactor => (StatusCode::UNAUTHORIZED, "wrong_second_factor"),
            Self::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "request failed");
        }
        let (status, code) = self.status_and_code();
        let body = ApiErrorBody {
            error: code.to_owned(),
            message: self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        let retry_after = match self {
            Self::TooManyAttempts { wait_seconds } | Self::TooManyEnquiries { wait_seconds } => {
                Some(wait_seconds)
            }
            Self::Busy => Some(crate::auth::hashing::RETRY_AFTER_SECONDS),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A JSON request body whose problems are answered in the API's own error shape.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::BadRequest(describe_rejection(&rejection))),
        }
    }
}

fn describe_rejection(rejection: &JsonRejection) -> String {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "Send the request as JSON (Content-Type: application/json).".to_owned()
        }
        JsonRejection::JsonSyntaxError(_) => "The request is not valid JSON.".to_owned(),
        JsonRejection::JsonDataError(error) => {
            format!(
                "The request is missing something or has something wrong: {}.",
                error.body_text()
            )
        }
        _ => "The request could not be read.".to_owned(),
    }
}

/// The header every request that changes something must carry. Browsers only let a page send a
/// custom header to another site after asking that site (CORS), which this server never allows,
/// so a form or script on another site cannot act with a carer's cookie.
pub const REQUEST_HEADER: &str = "x-portal-request";

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // An enquiry needs no session, so a copy sent from another site can do no more than anyone
    // could; and the plain pages for browsers without the app must post it as a form, which
    // cannot carry the header. The rate limit per address answers abuse instead.
    let enquiry = request.method() == Method::POST && request.uri().path() == ENQUIRIES_PATH;
    if safe || enquiry || request.headers().contains_key(REQUEST_HEADER) {
        next.run(request).await
    } else {
        ApiError::CrossSite.into_response()
    }
}

/// The answer when a handler panics: the same shape as every other API error, with no details.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("a request handler panicked".into()).into_response()
}
