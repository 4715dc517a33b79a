//! The server's settings: command-line flags, each with an environment variable of the same name.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::auth::ProxyRange;

/// Serves the Foster Carer Portal: the web app and its JSON API.
#[derive(Debug, Clone, Parser)]
#[command(name = "portal-server", version)]
pub struct Config {
    /// The address and port to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The folder for the server's own files, including the default SQLite database.
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// The database: `sqlite://path/to/file.db` or `postgres://user:password@host/name`.
    /// Defaults to a SQLite file named portal.db in the data folder.
    #[arg(long, env = "PORTAL_DATABASE_URL")]
    pub database_url: Option<String>,

    /// The folder holding the built web app (the output of `trunk build`).
    #[arg(long, env = "PORTAL_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// How log lines are written: `text` for people, `json` for log collectors.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// The proxies in front of the server (the TLS proxy, a load balancer) whose
    /// `X-Forwarded-For` header names the real client, comma-separated: addresses or networks
    /// such as `10.0.0.5,10.1.0.0/16`. Unset, the header is ignored and each connection's own
    /// address is the client's, so behind a proxy every person would share the proxy's limits.
    #[arg(long, env = "PORTAL_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<ProxyRange>,

    /// Mark the sign-in cookies `Secure`, so that browsers send them only over HTTPS. Turn it
    /// on in every deployment (the portal is reached over HTTPS there); it is off by default
    /// only so that `cargo xtask run` works on plain <http://127.0.0.1>.
    #[arg(long, env = "PORTAL_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// The secret that seals anonymous survey answers while they wait to join their survey's
    /// results: 64 hexadecimal characters (`openssl rand -hex 32`). Unset, the server keeps it
    /// in the file `survey.key` in the data folder, made on first start. Several servers
    /// sharing one database must all be given the same one. Keep it out of the database and
    /// its backups' storage: with it, a copy of the database can open the waiting answers.
    #[arg(long, env = "PORTAL_SURVEY_KEY", hide_env_values = true)]
    pub survey_key: Option<String>,

    /// The mail server that email notices are sent through, as a URL:
    /// `smtps://user:password@mail.example.org` (TLS from the start, port 465),
    /// `smtp://user:password@mail.example.org:587?tls=required` (STARTTLS), or
    /// `smtp://127.0.0.1:25` (a relay on this machine, no TLS). Unset, and with no mail folder,
    /// emails wait in the outbox, which administrators see, until it is set.
    #[arg(long, env = "PORTAL_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Who email notices are from, such as `Foster Carer Portal <no-reply@council.example>`.
    #[arg(
        long,
        env = "PORTAL_MAIL_FROM",
        default_value = "Foster Carer Portal <no-reply@fostering.northby.example>"
    )]
    pub mail_from: String,

    /// Instead of a mail server, write each email as a `.eml` file into this folder: for trying
    /// the portal out (`cargo xtask run` uses `data/mail`), never for a real deployment.
    #[arg(long, env = "PORTAL_MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,

    /// The portal's address as people reach it, which links in emails start with, such as
    /// `https://fostering.council.example`. Defaults to `http://` and the listening address.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// How many seconds one server may take over sending one email before another server
    /// sharing the database takes it over.
    #[arg(long, env = "PORTAL_MAIL_LEASE_SECONDS", default_value_t = crate::outbox::DEFAULT_LEASE_SECONDS)]
    pub mail_lease_seconds: i64,

    /// Load the made-up demo council's staff and households (never on a real deployment).
    #[arg(long, env = "PORTAL_DEMO")]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create an administrator account; reads the password from standard input.
    CreateAdmin {
        /// Their email address, which they sign in with.
        #[arg(long)]
        email: String,
        /// Their name, as the portal shows it.
        #[arg(long)]
        name: String,
    },
    /// Tell every device that the database was restored from a backup: run it once after a
    /// restore, before starting the server. Devices then pull everything again and send again
    /// what they had sent since the backup was taken.
    Restored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The database URL to use: the one given, or a SQLite file inside the data folder.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| default_sqlite_url(&self.data_dir))
    }
}

impl Config {
    /// The portal's address for links in emails.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }
}

fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_sqlite_in_the_data_folder() {
        let config = Config::parse_from(["portal-server", "--data-dir", "/srv/portal"]);
        assert_eq!(
            config.database_url(),
            "sqlite:///srv/portal/portal.db?mode=rwc"
        );
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn a_given_database_url_wins() {
        let config =
            Config::parse_from(["portal-server", "--database-url", "postgres://db/portal"]);
        assert_eq!(config.database_url(), "postgres://db/portal");
    }

    #[test]
    fn trusted_proxies_are_a_list_and_none_by_default() {
        let config = Config::parse_from(["portal-server"]);
        assert!(config.trusted_proxies.is_empty());
        let config =
            Config::parse_from(["portal-server", "--trusted-proxies", "10.0.0.5,fd00::/8"]);
        let listed: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(listed, ["10.0.0.5/32", "fd00::/8"]);
        let err = Config::try_parse_from(["portal-server", "--trusted-proxies", "proxy.local"])
            .expect_err("not an address");
        assert!(err.to_string().contains("not an IP address"), "{err}");
    }

    #[test]
    fn a_bad_address_is_refused_with_the_flag_named() {
        let err = Config::try_parse_from(["portal-server", "--addr", "localhost"])
            .expect_err("not a socket address");
        assert!(err.to_string().contains("--addr"), "{err}");
    }
}
