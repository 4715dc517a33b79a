//! What can stop the server from starting, each with a sentence that says what to do about it.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(
        "The data folder {path} cannot be used: {source}. Choose a folder the server can write to with --data-dir or PORTAL_DATA_DIR."
    )]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "The database URL {url} is not supported: it must start with sqlite:// or postgres://. Set it with --database-url or PORTAL_DATABASE_URL."
    )]
    UnsupportedDatabase { url: String },

    #[error(
        "Could not open the database at {url}: {source}. Check that it is running and that --database-url or PORTAL_DATABASE_URL is right."
    )]
    Database {
        url: String,
        #[source]
        source: sqlx::Error,
    },

    #[error(
        "The survey key cannot be used: {0}. It is the file survey.key in the data folder, or PORTAL_SURVEY_KEY."
    )]
    SurveyKey(#[source] crate::sealed::SealError),

    #[error("Could not move the photos kept by an earlier version into files: {0}.")]
    Photos(#[source] crate::photos::PhotosError),

    #[error("Could not bring the database at {url} up to date: {source}.")]
    Migrate {
        url: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },

    #[error(
        "The built web app in {path} cannot be served: {reason}. Build it with `cargo xtask run`, or point --dist-dir or PORTAL_DIST_DIR at a built copy."
    )]
    App { path: PathBuf, reason: String },

    #[error(
        "Could not listen on {addr}: {source}. Another program may be using that port; choose another with --addr or PORTAL_ADDR."
    )]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },

    #[error("The mail settings cannot be used: {0}")]
    Mail(String),

    #[error("The demo data could not be loaded: {0}.")]
    Demo(String),

    #[error("The server stopped unexpectedly: {0}.")]
    Serve(#[source] std::io::Error),
}
