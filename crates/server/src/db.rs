//! The database: SQLite embedded by default, PostgreSQL for deployments with several servers.
//!
//! Both are reached through sqlx's `Any` driver, so every query is written once in SQL that both
//! understand. Each backend has its own folder of migrations because their DDL differs.

use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;

use crate::error::StartupError;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Self::Sqlite => &SQLITE_MIGRATIONS,
            Self::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
}

impl Database {
    /// Connects, creating a SQLite file if there is none, and applies any pending migrations.
    pub async fn open(url: &str) -> Result<Self, StartupError> {
        let shown = redact(url);
        let backend = Backend::from_url(url)
            .ok_or_else(|| StartupError::UnsupportedDatabase { url: shown.clone() })?;
        install_default_drivers();
        let pool = AnyPoolOptions::new()
            // SQLite allows one writer at a time; a small pool avoids queueing inside SQLite.
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // What is deleted is overwritten with zeros, so that erased records (an
                        // enquiry after three years) leave no copy in the file's free pages.
                        // The setting lasts for one connection, so every connection sets it.
                        sqlx::Executor::execute(&mut *connection, "PRAGMA secure_delete = ON")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(|source| StartupError::Database {
                url: shown.clone(),
                source,
            })?;
        if backend == Backend::Sqlite {
            // Write-ahead logging lets readers carry on while one request writes. The setting is
            // stored in the database file, so setting it once on any connection is enough.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await
                .map_err(|source| StartupError::Database {
                    url: shown.clone(),
                    source,
                })?;
        }
        backend
            .migrator()
            .run(&pool)
            .await
            .map_err(|source| StartupError::Migrate {
                url: shown.clone(),
                source,
            })?;
        let db = Self { pool, backend };
        db.ensure_epoch()
            .await
            .map_err(|source| StartupError::Database { url: shown, source })?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Whether the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// The database's epoch (see `PullResponse::epoch`).
    pub async fn epoch(&self) -> Result<String, sqlx::Error> {
        sqlx::query_scalar("SELECT value FROM portal_meta WHERE key = 'epoch'")
            .fetch_one(&self.pool)
            .await
    }

    /// Gives a database its first epoch; one that has one keeps it. Done once when the database
    /// is opened, so that a pull only ever reads it.
    async fn ensure_epoch(&self) -> Result<(), sqlx::Error> {
        let fresh =
            crate::auth::secrets::new_id().map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO portal_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING",
        )
        .bind(&fresh)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Gives the database a new epoch, after it has been restored from a backup: every device
    /// then pulls everything again, and sends again what it had sent since the backup.
    pub async fn new_epoch(&self) -> Result<String, sqlx::Error> {
        let fresh =
            crate::auth::secrets::new_id().map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO portal_meta (key, value) VALUES ('epoch', $1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(&fresh)
        .execute(&self.pool)
        .await?;
        Ok(fresh)
    }

    /// Records which version of the server last started against this database, so that an
    /// operator restoring a backup or rolling back a release can see what touched it last.
    pub async fn record_started_version(&self, version: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO portal_meta (key, value) VALUES ('last_started_version', $1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(version)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn meta(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT value FROM portal_meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL with any password replaced, fit for error messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Setting a password only fails for URLs that cannot have one, which this one does.
            let _ = parsed.set_password(Some("********"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        let shown = redact("postgres://portal:s3cret@db.internal:5432/portal");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("db.internal:5432/portal"), "{shown}");
        assert_eq!(redact("sqlite://data/portal.db"), "sqlite://data/portal.db");
    }

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("postgresql://h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://h/db"), None);
    }
}
