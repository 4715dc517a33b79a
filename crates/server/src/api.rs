//! The JSON API under `/api`, and its one error type.

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use portal_core::wire::{ApiErrorBody, Health, HealthStatus};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
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

/// Everything an API call can answer other than success. Each variant says, in plain English,
/// what went wrong from the caller's side; causes inside the server are logged, never sent.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("There is no API endpoint at {path}.")]
    NotFound { path: String },
    #[error("This API endpoint does not accept that kind of request.")]
    MethodNotAllowed,
    #[error("Something went wrong on our side. Your information is safe; please try again later.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
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
        (status, Json(body)).into_response()
    }
}

/// The answer when a handler panics: the same shape as every other API error, with no details.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("a request handler panicked".into()).into_response()
}
