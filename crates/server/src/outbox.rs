//! Email notices: the durable outbox (migration 0022) and the sender that empties it.
//!
//! A notice is written to the outbox in the same transaction as the change it tells someone
//! about, so it is never lost and never sent for a change that was rolled back. Each server
//! instance runs a sender. A sender claims one email at a time for a lease; while the lease
//! lasts no other instance takes it, and the email is marked sent as soon as the mail server has
//! accepted it. A sender killed mid-send leaves its claim to run out, and the email is then sent
//! by whichever instance comes next: the mail server never accepted the first try, so it is sent
//! once. What fails is tried again later, waiting longer each time, and never dropped.
//!
//! With no mail server configured the outbox still fills, and administrators see it waiting.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor,
};
use portal_core::account::Role;
use portal_core::notices::{
    Choices, DeliveryKind, Notice, NoticeKind, OutboxEntry, OutboxView, Topic,
};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::auth::Clock;
use crate::auth::secrets::new_id;
use crate::db::Database;

/// How long a sender may take over one email before another instance may take it over.
pub const DEFAULT_LEASE_SECONDS: i64 = 120;

/// The longest one email may take to hand to the mail server.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// A claim must outlast the longest send, or another instance could take over an email that is
/// still being sent and send it again.
const SHORTEST_LEASE_SECONDS: i64 = 60;

/// How often each sender looks for emails that are due.
const POLL: Duration = Duration::from_secs(2);

/// The longest wait between two tries of one email.
const LONGEST_WAIT_SECONDS: i64 = 6 * 60 * 60;

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("the outbox could not be read or written: {0}")]
    Database(#[from] sqlx::Error),
    #[error("no random id could be made: {0}")]
    Random(#[from] getrandom::Error),
}

impl From<OutboxError> for ApiError {
    fn from(error: OutboxError) -> Self {
        Self::internal(error)
    }
}

/// How emails leave the server.
#[derive(Clone)]
pub enum Delivery {
    /// Through a mail server (`PORTAL_SMTP_URL`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Into a folder, one `.eml` file each: `cargo xtask run` reads its mail there.
    Folder(PathBuf),
    /// Nowhere yet: the outbox keeps them until a mail server is configured.
    Off,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind().describe())
    }
}

impl Delivery {
    /// Which kind of delivery it is, for the staff's view of the outbox.
    pub const fn kind(&self) -> DeliveryKind {
        match self {
            Self::Smtp(_) => DeliveryKind::MailServer,
            Self::Folder(_) => DeliveryKind::Folder,
            Self::Off => DeliveryKind::NotSetUp,
        }
    }
}

/// Everything a sender needs to turn an outbox row into an email.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub delivery: Delivery,
    /// Who the emails are from (`PORTAL_MAIL_FROM`).
    pub from: Mailbox,
    /// The portal's address, which every link in an email starts with (`PORTAL_PUBLIC_URL`).
    pub portal_url: String,
    /// How long a claim lasts (`PORTAL_MAIL_LEASE_SECONDS`).
    pub lease_seconds: i64,
}

impl Mailer {
    /// A mailer that sends nothing: the outbox keeps every email.
    pub fn off(portal_url: &str) -> Self {
        Self {
            delivery: Delivery::Off,
            from: Mailbox::new(None, default_from()),
            portal_url: portal_url.to_owned(),
            lease_seconds: DEFAULT_LEASE_SECONDS,
        }
    }
}

/// The mail settings, as the server's flags give them.
#[derive(Debug, Clone, Copy)]
pub struct MailSettings<'a> {
    pub smtp_url: Option<&'a str>,
    pub mail_dir: Option<&'a std::path::Path>,
    pub from: &'a str,
    pub portal_url: &'a str,
    pub lease_seconds: i64,
}

impl Mailer {
    /// The mailer the settings describe: a mail server, a folder, or neither. The error says
    /// which setting is wrong, in words an operator can act on.
    pub fn new(settings: MailSettings<'_>) -> Result<Self, String> {
        let from: Mailbox = settings.from.parse().map_err(|e| {
            format!(
                "PORTAL_MAIL_FROM (\"{}\") is not an email address: {e}.",
                settings.from
            )
        })?;
        let delivery = match (settings.smtp_url, settings.mail_dir) {
            (Some(url), _) => Delivery::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| {
                        format!(
                            "PORTAL_SMTP_URL is not a mail server's address ({e}); it looks like smtps://user:password@mail.example.org."
                        )
                    })?
                    .timeout(Some(SEND_TIMEOUT))
                    .build(),
            ),
            (None, Some(folder)) => {
                std::fs::create_dir_all(folder).map_err(|e| {
                    format!("the mail folder {} cannot be made: {e}.", folder.display())
                })?;
                Delivery::Folder(folder.to_path_buf())
            }
            (None, None) => Delivery::Off,
        };
        if settings.lease_seconds < SHORTEST_LEASE_SECONDS {
            return Err(format!(
                "PORTAL_MAIL_LEASE_SECONDS must be {SHORTEST_LEASE_SECONDS} or more, longer than \
                 the {} seconds one email may take to send.",
                SEND_TIMEOUT.as_secs()
            ));
        }
        Ok(Self {
            delivery,
            from,
            portal_url: settings.portal_url.to_owned(),
            lease_seconds: settings.lease_seconds,
        })
    }

    /// The mailer the server's flags describe.
    pub fn from_config(config: &crate::Config) -> Result<Self, crate::StartupError> {
        let portal_url = config.public_url();
        Self::new(MailSettings {
            smtp_url: config.smtp_url.as_deref(),
            mail_dir: config.mail_dir.as_deref(),
            from: &config.mail_from,
            portal_url: &portal_url,
            lease_seconds: config.mail_lease_seconds,
        })
        .map_err(crate::StartupError::Mail)
    }
}

fn default_from() -> lettre::Address {
    lettre::Address::new("no-reply", "fostering.northby.example")
        .unwrap_or_else(|_| unreachable!("the default sender is a valid address"))
}

/// The topics `user_id` turned off.
pub async fn choices<'e, E>(executor: E, user_id: &str) -> Result<Choices, OutboxError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let off: Vec<String> =
        sqlx::query_scalar("SELECT topic FROM notice_choices WHERE user_id = $1 ORDER BY topic")
            .bind(user_id)
            .fetch_all(executor)
            .await?;
    Ok(Choices {
        off: off.iter().filter_map(|topic| Topic::parse(topic)).collect(),
    })
}

/// Replaces `user_id`'s choices.
pub async fn save_choices(
    db: &Database,
    user_id: &str,
    choices: &Choices,
) -> Result<(), OutboxError> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM notice_choices WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for topic in &choices.off {
        sqlx::query("INSERT INTO notice_choices (user_id, topic) VALUES ($1, $2)")
            .bind(user_id)
            .bind(topic.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Puts one email to `recipient` (an address) in the outbox, due at once.
pub async fn send_to_address(
    tx: &mut Transaction<'_, Any>,
    recipient: &str,
    notice: &Notice,
    now: i64,
) -> Result<(), OutboxError> {
    sqlx::query(
        "INSERT INTO outbox (id, recipient, kind, token, created_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(new_id()?)
    .bind(recipient)
    .bind(notice.kind().as_str())
    .bind(notice.token())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Puts an email to one person in the outbox, unless they turned its topic off.
pub async fn send_to_user(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    notice: &Notice,
    now: i64,
) -> Result<(), OutboxError> {
    let email: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(email) = email else { return Ok(()) };
    if choices(&mut **tx, user_id).await?.wants(notice.kind()) {
        send_to_address(tx, &email, notice, now).await?;
    }
    Ok(())
}

/// Puts a notice of `kind` in the outbox for every carer or applicant of the household who
/// wants it.
pub async fn send_to_household(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    kind: NoticeKind,
    now: i64,
) -> Result<(), OutboxError> {
    let members: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM users WHERE household_id = $1 AND role = $2 ORDER BY id",
    )
    .bind(household_id)
    .bind(Role::Carer.as_str())
    .fetch_all(&mut **tx)
    .await?;
    for member in members {
        send_to_user(tx, &member, &Notice::of(kind), now).await?;
    }
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct Claimed {
    id: String,
    recipient: String,
    kind: String,
    token: Option<String>,
    attempts: i64,
}

/// Claims the next email that is due and not claimed by a sender still within its lease.
async fn claim(
    db: &Database,
    sender: &str,
    now: i64,
    lease_seconds: i64,
) -> Result<Option<Claimed>, OutboxError> {
    // The condition is checked again in the UPDATE itself: of two instances choosing the same
    // row at once, PostgreSQL makes the second re-read it after the first commits, and SQLite
    // lets one write at a time, so only one of them claims it.
    let claimed = sqlx::query_as(
        "UPDATE outbox SET claimed_by = $1, claimed_until = $2 \
         WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND due_at <= $3 \
                     AND (claimed_until IS NULL OR claimed_until < $3) \
                     ORDER BY due_at, id LIMIT 1) \
         AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3) \
         RETURNING id, recipient, kind, token, attempts",
    )
    .bind(sender)
    .bind(now + lease_seconds)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(claimed)
}

/// Sends every email that is due, one at a time, as `sender` (this instance's name), and says
/// how many it sent.
pub async fn send_due(
    db: &Database,
    mailer: &Mailer,
    clock: &dyn Clock,
    sender: &str,
) -> Result<usize, OutboxError> {
    if matches!(mailer.delivery, Delivery::Off) {
        return Ok(0);
    }
    let mut sent = 0;
    while let Some(row) = claim(db, sender, clock.now(), mailer.lease_seconds).await? {
        match deliver(mailer, &row).await {
            Ok(()) => {
                // The invitation's link is no longer kept once it has gone.
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, token = NULL, claimed_until = NULL, \
                     last_error = NULL, attempts = attempts + 1 WHERE id = $2",
                )
                .bind(clock.now())
                .bind(&row.id)
                .execute(db.pool())
                .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(%error, kind = row.kind, "an email could not be sent; it is tried again later");
                let wait = retry_wait(row.attempts + 1);
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, due_at = $1, last_error = $2, \
                     claimed_by = NULL, claimed_until = NULL WHERE id = $3",
                )
                .bind(clock.now() + wait)
                .bind(error)
                .bind(&row.id)
                .execute(db.pool())
                .await?;
            }
        }
    }
    Ok(sent)
}

/// How long to wait before the next try after `attempts` failed ones: a minute, doubling, at
/// most six hours.
pub fn retry_wait(attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    (60_i64 << doublings).min(LONGEST_WAIT_SECONDS)
}

/// Builds and hands over one email; the error is what staff see against it.
async fn deliver(mailer: &Mailer, row: &Claimed) -> Result<(), String> {
    let kind = NoticeKind::parse(&row.kind)
        .ok_or_else(|| format!("\"{}\" is not a kind of notice this server knows", row.kind))?;
    let words = Notice::stored(kind, row.token.clone()).render(&mailer.portal_url);
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|_| "The address is not a valid email address.".to_owned())?;
    let domain = mailer.from.email.domain().to_owned();
    let message = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(words.subject)
        // The outbox row's id: a mail system that sees it twice can tell it is one email.
        .message_id(Some(format!("<{}@{domain}>", row.id)))
        .multipart(MultiPart::alternative_plain_html(words.text, words.html))
        .map_err(|e| format!("The email could not be put together: {e}"))?;
    match &mailer.delivery {
        Delivery::Smtp(transport) => transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("The mail server did not take it: {e}")),
        Delivery::Folder(folder) => AsyncFileTransport::<Tokio1Executor>::new(folder)
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("It could not be written to {}: {e}", folder.display())),
        Delivery::Off => Err("No mail server is set up.".to_owned()),
    }
}

/// The sender every instance runs: it looks for due emails every two seconds, for ever.
pub async fn run_sender(db: Database, mailer: Arc<Mailer>, clock: Arc<dyn Clock>) {
    let sender = new_id().unwrap_or_else(|_| "sender".to_owned());
    let mut tick = tokio::time::interval(POLL);
    loop {
        tick.tick().await;
        if let Err(error) = send_due(&db, &mailer, clock.as_ref(), &sender).await {
            tracing::error!(%error, "the outbox could not be read; it is tried again shortly");
        }
    }
}

/// How long a sent email's row is kept: a year, long enough to answer "did it go?", short
/// enough that an enquirer's address does not outlive their erased enquiry by long.
pub const KEEP_SENT_SECONDS: i64 = 365 * 24 * 60 * 60;

/// Erases the rows of emails sent more than a year ago (a daily job), and says how many.
pub async fn erase_expired(db: &Database, now: i64) -> Result<u64, OutboxError> {
    let erased = sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(now - KEEP_SENT_SECONDS)
        .execute(db.pool())
        .await?;
    Ok(erased.rows_affected())
}

#[derive(Debug, sqlx::FromRow)]
struct EntryRow {
    id: String,
    kind: String,
    recipient: String,
    created_at: i64,
    attempts: i64,
    sent_at: Option<i64>,
    last_error: Option<String>,
}

/// The staff's view: how mail leaves, the counts, and the latest hundred emails.
pub async fn view(db: &Database, mailer: &Mailer) -> Result<OutboxView, OutboxError> {
    let (waiting, failing, sent): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
           COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN sent_at IS NULL AND last_error IS NOT NULL THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) \
         FROM outbox",
    )
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT id, kind, recipient, created_at, attempts, sent_at, last_error FROM outbox \
         ORDER BY created_at DESC, id LIMIT 100",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(OutboxView {
        delivery: mailer.delivery.kind(),
        waiting,
        failing,
        sent,
        latest: rows
            .into_iter()
            .filter_map(|row| {
                Some(OutboxEntry {
                    kind: NoticeKind::parse(&row.kind)?,
                    id: row.id,
                    recipient: row.recipient,
                    created_at: row.created_at,
                    attempts: row.attempts,
                    sent_at: row.sent_at,
                    last_error: row.last_error,
                })
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_wait_longer_each_time_up_to_six_hours() {
        assert_eq!(retry_wait(1), 60);
        assert_eq!(retry_wait(2), 120);
        assert_eq!(retry_wait(3), 240);
        assert_eq!(retry_wait(9), 15_360);
        assert_eq!(retry_wait(10), LONGEST_WAIT_SECONDS);
        assert_eq!(retry_wait(1_000), LONGEST_WAIT_SECONDS);
        assert_eq!(retry_wait(0), 60);
    }
}
