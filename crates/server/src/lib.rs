//! The Foster Carer Portal's server.
//!
//! `app` builds the whole HTTP service from its state, so tests drive it in-process exactly as it
//! runs; `run` adds the outside world: settings, the database, the listening socket and signals.

pub mod admin;
pub mod api;
pub mod applicants;
pub mod audit;
pub mod auth;
pub mod buddies;
pub mod carers;
pub mod claims;
pub mod config;
pub mod courses;
pub mod db;
pub mod demo;
pub mod enquiries;
pub mod error;
pub mod groups;
pub(crate) mod headers;
pub mod library;
pub mod news;
pub mod outbox;
pub mod payments;
pub mod photos;
pub mod plain_enquiry;
pub mod reviews;
pub mod sealed;
pub mod shell;
mod static_files;
pub mod support;
pub mod surveys;
pub mod sync;
pub mod training;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, Request};
use axum::middleware;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use auth::limits::Brake;
pub use auth::{Clock, HashGate, SystemClock, TrustedProxies};
pub use config::{Config, LogFormat};
pub use db::Database;
pub use error::StartupError;
pub use sealed::SealKey;
pub use shell::AppShell;

/// What every request handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub shell: Arc<AppShell>,
    pub clock: Arc<dyn Clock>,
    /// The proxies whose `X-Forwarded-For` names the client (see `auth::client`).
    pub trusted_proxies: Arc<TrustedProxies>,
    /// Password hashes, a few at a time (see `auth::hashing`).
    pub hashing: HashGate,
    /// How much slower failed sign-ins from a busy address are answered (see `auth::limits`).
    pub brake: Brake,
    /// Whether cookies are marked `Secure`: a setting, never a header a client could send.
    pub secure_cookies: bool,
    /// Seals anonymous survey answers while they wait to join their survey's results.
    pub survey_key: Arc<SealKey>,
    /// How email notices leave this instance (see `outbox`).
    pub mailer: Arc<outbox::Mailer>,
    csp: HeaderValue,
}

impl AppState {
    pub fn new(db: Database, shell: AppShell) -> Result<Self, StartupError> {
        let csp = HeaderValue::from_str(&shell.content_security_policy()).map_err(|e| {
            StartupError::App {
                path: "index.html".into(),
                reason: format!("its Content-Security-Policy is not a valid header: {e}"),
            }
        })?;
        Ok(Self {
            db,
            shell: Arc::new(shell),
            clock: Arc::new(SystemClock),
            trusted_proxies: Arc::new(TrustedProxies::default()),
            hashing: HashGate::for_this_machine(),
            brake: Brake::STANDARD,
            secure_cookies: false,
            // A key only this instance knows, until `with_survey_key` gives the configured one.
            survey_key: Arc::new(SealKey::random().map_err(StartupError::SurveyKey)?),
            mailer: Arc::new(outbox::Mailer::off("http://127.0.0.1:8080")),
            csp,
        })
    }

    /// The same server on other connections: another instance sharing one database.
    #[must_use]
    pub fn with_database(self, db: Database) -> Self {
        Self { db, ..self }
    }

    /// The same state with another clock, for tests that move time on.
    #[must_use]
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    #[must_use]
    pub fn with_trusted_proxies(self, proxies: TrustedProxies) -> Self {
        Self {
            trusted_proxies: Arc::new(proxies),
            ..self
        }
    }

    #[must_use]
    pub fn with_hashing(self, hashing: HashGate) -> Self {
        Self { hashing, ..self }
    }

    #[must_use]
    pub fn with_brake(self, brake: Brake) -> Self {
        Self { brake, ..self }
    }

    #[must_use]
    pub fn with_survey_key(self, key: SealKey) -> Self {
        Self {
            survey_key: Arc::new(key),
            ..self
        }
    }

    #[must_use]
    pub fn with_mailer(self, mailer: outbox::Mailer) -> Self {
        Self {
            mailer: Arc::new(mailer),
            ..self
        }
    }

    #[must_use]
    pub fn with_secure_cookies(self, secure_cookies: bool) -> Self {
        Self {
            secure_cookies,
            ..self
        }
    }
}

/// The whole HTTP service.
pub fn app(state: AppState) -> Router {
    // Only API answers are compressed on the fly; the app's files are compressed once at start-up.
    let api = api::router()
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(api::panic_response));
    Router::new()
        .nest("/api", api)
        .route(
            portal_core::enquiries::pages::PLAIN_PATH,
            axum::routing::get(api::plain_start)
                .post(api::plain_step)
                .layer(axum::extract::DefaultBodyLimit::max(16 * 1024)),
        )
        .fallback(static_files::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(
            TraceLayer::new_for_http()
                // Only the path is logged: query strings may one day carry tokens.
                .make_span_with(|request: &Request<_>| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Prepares everything the server needs, failing with a plain explanation if anything is wrong.
pub async fn prepare(config: &Config) -> Result<AppState, StartupError> {
    ensure_writable(&config.data_dir)?;
    let shell = AppShell::load(&config.dist_dir)?;
    let db = open_database(config).await?;
    db.record_started_version(env!("CARGO_PKG_VERSION"))
        .await
        .map_err(|source| StartupError::Database {
            url: db::redact(&config.database_url()),
            source,
        })?;
    let moved = photos::move_records_to_files(db.pool())
        .await
        .map_err(StartupError::Photos)?;
    if moved > 0 {
        tracing::info!(moved, "photos kept as records were moved into files");
    }
    tracing::info!(
        backend = ?db.backend(),
        build = shell.build_id(),
        "database ready and app loaded"
    );
    let survey_key = match &config.survey_key {
        Some(hex) => SealKey::parse_hex(hex),
        None => SealKey::load_or_create(&config.data_dir.join("survey.key")),
    }
    .map_err(StartupError::SurveyKey)?;
    let mailer = outbox::Mailer::from_config(config)?;
    tracing::info!(
        delivery = mailer.delivery.kind().describe(),
        "email notices"
    );
    Ok(AppState::new(db, shell)?
        .with_survey_key(survey_key)
        .with_mailer(mailer)
        .with_trusted_proxies(TrustedProxies::new(config.trusted_proxies.clone()))
        .with_secure_cookies(config.secure_cookies))
}

/// Starts serving and runs until Ctrl-C or SIGTERM, then finishes the requests in flight.
/// `on_listening` is told the address actually bound (the port may have been 0).
pub async fn run(
    config: &Config,
    on_listening: impl FnOnce(std::net::SocketAddr),
) -> Result<(), StartupError> {
    let state = prepare(config).await?;
    let db = state.db.clone();
    if config.demo {
        demo::load(&db, state.clock.now())
            .await
            .map_err(|e| StartupError::Demo(e.to_string()))?;
        println!("{}", demo::sign_in_help());
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartupError::Bind {
            addr: config.addr,
            source,
        })?;
    let bound = listener.local_addr().map_err(StartupError::Serve)?;
    on_listening(bound);
    tokio::spawn(daily_jobs(
        db.clone(),
        state.clock.clone(),
        state.survey_key.clone(),
    ));
    tokio::spawn(outbox::run_sender(
        db.clone(),
        state.mailer.clone(),
        state.clock.clone(),
    ));
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(StartupError::Serve)?;
    tracing::info!("stopped accepting requests; closing the database");
    // Give the database a bounded time to close cleanly rather than hanging a deploy.
    let _ = tokio::time::timeout(Duration::from_secs(5), db.close()).await;
    Ok(())
}

/// The daily jobs, at start-up and then once a day. Every instance may run them; what one has
/// done, another finds done.
/// - Retention: erases the enquiries that did not go ahead and were closed three years ago or
///   more, staff actions older than ten years, and sent emails' rows older than a year.
/// - Surveys opening: carers are emailed that a survey opened, on the day it opens.
/// - Closed surveys: anonymous answers still waiting when a survey closed join its results, so
///   they never wait more than a day beyond the close for someone to open the results.
async fn daily_jobs(db: Database, clock: Arc<dyn Clock>, survey_key: Arc<SealKey>) {
    let mut day = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
    loop {
        day.tick().await;
        let today = carers::today(clock.now());
        if let Err(error) = enquiries::erase_expired(&db, today).await {
            tracing::error!(%error, "the enquiry retention job failed; it runs again tomorrow");
        }
        if let Err(error) = outbox::erase_expired(&db, clock.now()).await {
            tracing::error!(%error, "the sent emails' retention job failed; it runs again tomorrow");
        }
        if let Err(error) = audit::erase_expired(&db, clock.now()).await {
            tracing::error!(%error, "the staff history retention job failed; it runs again tomorrow");
        }
        if let Err(error) = surveys::email_openings_today(&db, today, clock.now()).await {
            tracing::error!(%error, "surveys opening today could not be emailed; this runs again tomorrow");
        }
        if let Err(error) = surveys::settle_closed(&db, &survey_key, today).await {
            tracing::error!(%error, "closed surveys' waiting answers could not join their results; this runs again tomorrow");
        }
    }
}

/// Opens (creating and migrating if need be) the configured database, after checking that the
/// data folder can be written to.
pub async fn open_database(config: &Config) -> Result<Database, StartupError> {
    ensure_writable(&config.data_dir)?;
    Database::open(&config.database_url()).await
}

fn ensure_writable(dir: &std::path::Path) -> Result<(), StartupError> {
    let fail = |source| StartupError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let probe = dir.join(".write-check");
    std::fs::write(&probe, b"ok").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
