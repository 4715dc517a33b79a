//! Email notices, sent to a real SMTP server on loopback (`tests/mailbox/mailbox.py`, Python's
//! aiosmtpd) on every database: an event puts one email in the outbox and it arrives once, in
//! plain text and HTML, with nothing about a household in it; each person's choices are kept;
//! two server instances sending at once send each email once; a sender killed in the middle of
//! sending leaves the email to the next, which sends it once; a mail server that is down is
//! tried again later and nothing is lost.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use portal_core::details::MyDetails;
use portal_core::notices::{DeliveryKind, Notice, NoticeKind, OutboxView};
use portal_server::Clock as _;
use portal_server::outbox::{self, MailSettings, Mailer};
use serde_json::{Value, json};

use crate::common::{TestApp, apps, demo_apps, push};

/// The test mailbox: a real SMTP server in a child process, and the folder it keeps mail in.
struct Mailbox {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

/// The Python that has aiosmtpd: `PORTAL_TEST_PYTHON` (which `cargo xtask test` sets after
/// installing it), or the first of the usual ones that can import it.
fn python() -> String {
    if let Ok(python) = std::env::var("PORTAL_TEST_PYTHON") {
        return python;
    }
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .expect("a Python with aiosmtpd: run `cargo xtask test`, which installs it")
        .to_owned()
}

impl Mailbox {
    fn start() -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/mailbox/mailbox.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(folder.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the test mailbox starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut line)
            .expect("the test mailbox says its port");
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the test mailbox did not start: {line:?}"));
        Self {
            child,
            port,
            folder,
        }
    }

    fn mailer(&self, lease_seconds: i64) -> Mailer {
        mailer_to(&format!("smtp://127.0.0.1:{}", self.port), lease_seconds)
    }

    /// Every email kept, oldest first, whole.
    fn received(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("the mailbox folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("an email"))
            .collect()
    }

    fn stalled(&self) -> bool {
        self.folder.path().join("stalled").exists()
    }
}

impl Drop for Mailbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mailer_to(smtp_url: &str, lease_seconds: i64) -> Mailer {
    Mailer::new(MailSettings {
        smtp_url: Some(smtp_url),
        mail_dir: None,
        from: "Foster Carer Portal <no-reply@fostering.northby.example>",
        portal_url: "https://fostering.northby.example",
        lease_seconds,
    })
    .expect("the test mail settings")
}

/// The header's value in a whole email, if it has it.
fn header<'a>(email: &'a str, name: &str) -> Option<&'a str> {
    email
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
}

async fn send_due(app: &TestApp, mailer: &Mailer, sender: &str) -> usize {
    outbox::send_due(&app.state.db, mailer, app.clock.as_ref(), sender)
        .await
        .expect("the outbox is sent")
}

async fn outbox_view(app: &TestApp) -> OutboxView {
    let admin = app.staff_cookie("admin@demo.test").await;
    let (code, view) = app
        .json(&admin, "GET", "/api/staff/outbox", &Value::Null)
        .await;
    assert_eq!(code, 200, "{}: {view}", app.label);
    serde_json::from_value(view).expect("the outbox")
}

/// Raises a payment query as the demo carer, and has finance answer it with `reply`.
async fn finance_replies(app: &TestApp, query: &str, reply: &str) {
    let carer = app.sign_in_cookie("carer@demo.test").await;
    let raise = json!({"payments": {"raise": {"id": query, "form": {
        "category": "mileage", "from": "1/11/2023", "to": "", "expected": "£45.00",
        "received": "", "child": "JS", "description": "Mileage for contact visits was not paid."
    }}}});
    push(app, &carer, &format!("device-{query}"), &[(1, raise)]).await;
    let finance = app.staff_cookie("finance@demo.test").await;
    let (code, answer) = app
        .json(
            &finance,
            "POST",
            &format!("/api/staff/payments/queries/{query}/messages"),
            &json!({ "text": reply }),
        )
        .await;
    assert_eq!(code, 200, "{}: {answer}", app.label);
}

#[tokio::test]
async fn a_reply_from_finance_reaches_the_carer_once_in_both_parts_with_nothing_about_the_household()
 {
    for app in demo_apps().await {
        let mailbox = Mailbox::start();
        let mailer = mailbox.mailer(120);
        let app = app.with_state(|state| state.with_mailer(mailer.clone()));
        // The demo's own start-up emails (invitations, surveys open) go first.
        send_due(&app, &mailer, "first").await;
        let before = mailbox.received().len();
        finance_replies(
            &app,
            "query-mail",
            "Your mileage for Jamie will be paid on the 14th.",
        )
        .await;
        assert_eq!(send_due(&app, &mailer, "first").await, 1, "{}", app.label);
        assert_eq!(send_due(&app, &mailer, "second").await, 0, "sent once");
        let received = mailbox.received();
        assert_eq!(received.len(), before + 1, "{}", app.label);
        let email = received.last().expect("the reply's notice");
        assert_eq!(header(email, "To"), Some("carer@demo.test"));
        assert_eq!(
            header(email, "Subject"),
            Some("You have a new reply about a payment")
        );
        assert!(email.contains("text/plain"), "{email}");
        assert!(email.contains("text/html"), "{email}");
        assert!(email.contains("https://fostering.northby.example/payments"));
        // Quoted-printable breaks long lines with "=" at the end; a word must not hide there.
        let flat = email.replace("=\r\n", "").replace("=\n", "");
        for secret in ["Jamie", "mileage", "14th", "£45", "Taylor"] {
            assert!(!flat.contains(secret), "{secret} is in the email: {email}");
        }
        let view = outbox_view(&app).await;
        assert_eq!(view.delivery, DeliveryKind::MailServer);
        // A year on, the sent email's row is erased; nothing waiting ever is.
        let sent = view.sent;
        assert!(sent >= 1);
        let erased = outbox::erase_expired(&app.state.db, app.clock.now())
            .await
            .expect("erased");
        assert_eq!(erased, 0, "{}: not yet a year", app.label);
        let erased = outbox::erase_expired(
            &app.state.db,
            app.clock.now() + outbox::KEEP_SENT_SECONDS + 60,
        )
        .await
        .expect("erased");
        assert_eq!(
            erased,
            u64::try_from(sent).expect("a count"),
            "{}",
            app.label
        );
        assert_eq!(view.waiting, 0, "{}", app.label);
        assert!(
            view.latest
                .iter()
                .any(|e| e.kind == NoticeKind::PaymentReply && e.sent_at.is_some())
        );
    }
}

#[tokio::test]
async fn a_carer_who_turns_replies_off_gets_none_but_still_gets_their_sign_in_link() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let (code, choices) = app
            .json(
                &carer,
                "PUT",
                "/api/notifications",
                &json!({"wanted": ["sessions", "surveys"]}),
            )
            .await;
        assert_eq!(code, 200, "{}: {choices}", app.label);
        let (_, read) = app
            .json(&carer, "GET", "/api/notifications", &Value::Null)
            .await;
        assert_eq!(read, choices, "the choices read back");
        assert_eq!(read[0], json!({"topic": "replies", "wanted": false}));
        assert_eq!(read[1], json!({"topic": "sessions", "wanted": true}));

        let waiting_before = outbox_view(&app).await.waiting;
        finance_replies(&app, "query-quiet", "Paid on Friday.").await;
        assert_eq!(
            outbox_view(&app).await.waiting,
            waiting_before,
            "{}: no notice for a topic turned off",
            app.label
        );

        // A new sign-in link is sent whatever the choices: it is how they get back in.
        let admin = app.staff_cookie("admin@demo.test").await;
        let household: String =
            sqlx::query_scalar("SELECT household_id FROM users WHERE email = 'carer@demo.test'")
                .fetch_one(app.state.db.pool())
                .await
                .expect("the carer's household");
        let (code, _) = app
            .json(
                &admin,
                "POST",
                &format!("/api/staff/carers/{household}/invitation"),
                &Value::Null,
            )
            .await;
        assert_eq!(code, 200, "{}", app.label);
        let view = outbox_view(&app).await;
        let invitation = view
            .latest
            .iter()
            .find(|e| e.kind == NoticeKind::Invitation && e.recipient == "carer@demo.test")
            .expect("the invitation is in the outbox");
        assert!(invitation.sent_at.is_none());
    }
}

/// Puts `count` emails to made-up addresses in the outbox.
async fn fill(app: &TestApp, count: usize, prefix: &str) {
    let mut tx = app.state.db.pool().begin().await.expect("begin");
    for n in 0..count {
        outbox::send_to_address(
            &mut tx,
            &format!("{prefix}{n}@example.test"),
            &Notice::of(NoticeKind::SurveyOpened),
            app.clock.now(),
        )
        .await
        .expect("queued");
    }
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn two_server_instances_sending_at_once_send_every_email_exactly_once() {
    for app in apps().await {
        let mailbox = Mailbox::start();
        fill(&app, 30, "person").await;
        // A second instance: its own connections to the same database, its own sender.
        let other = portal_server::Database::open(&app.url)
            .await
            .expect("database opens");
        let (mailer_a, mailer_b) = (mailbox.mailer(120), mailbox.mailer(120));
        let (a, b) = tokio::join!(
            outbox::send_due(&app.state.db, &mailer_a, app.clock.as_ref(), "instance-a"),
            outbox::send_due(&other, &mailer_b, app.clock.as_ref(), "instance-b"),
        );
        let (a, b) = (a.expect("a sends"), b.expect("b sends"));
        assert_eq!(a + b, 30, "{}: {a} + {b}", app.label);
        let received = mailbox.received();
        assert_eq!(received.len(), 30, "{}", app.label);
        let mut ids: Vec<&str> = received
            .iter()
            .map(|email| header(email, "Message-ID").expect("a Message-ID"))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            30,
            "{}: every email is a different one",
            app.label
        );
        let mut to: Vec<&str> = received.iter().filter_map(|e| header(e, "To")).collect();
        to.sort_unstable();
        to.dedup();
        assert_eq!(to.len(), 30, "{}: each person got one", app.label);
    }
}

#[tokio::test]
async fn a_sender_killed_mid_send_leaves_the_email_to_the_next_which_sends_it_once() {
    for app in apps().await {
        let mailbox = Mailbox::start();
        fill(&app, 1, "stall-").await;
        let db = app.state.db.clone();
        let clock = app.clock.clone();
        let mailer = mailbox.mailer(120);
        let killed =
            tokio::spawn(
                async move { outbox::send_due(&db, &mailer, clock.as_ref(), "killed").await },
            );
        // The mail server has the whole email and has not yet answered: the sender goes.
        let mut waited = 0;
        while !mailbox.stalled() {
            assert!(
                waited < 200,
                "{}: the email never reached the mailbox",
                app.label
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += 1;
        }
        killed.abort();
        assert!(killed.await.is_err(), "the sender was stopped mid-send");
        assert!(
            mailbox.received().is_empty(),
            "a half-sent email is not kept"
        );

        // Its claim holds the email until the lease runs out; then the next sender sends it.
        let next = mailbox.mailer(120);
        assert_eq!(send_due(&app, &next, "next").await, 0, "{}", app.label);
        app.clock.advance(121);
        assert_eq!(send_due(&app, &next, "next").await, 1, "{}", app.label);
        assert_eq!(send_due(&app, &next, "again").await, 0, "{}", app.label);
        // The mailbox answers the dropped connection's leftovers slowly; give it a moment.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(mailbox.received().len(), 1, "{}: sent once", app.label);
    }
}

#[tokio::test]
async fn a_mail_server_that_is_down_is_tried_again_later_and_nothing_is_lost() {
    for app in demo_apps().await {
        // Nothing listens on this port: the first tries fail.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = closed.local_addr().expect("its address").port();
        drop(closed);
        let down = mailer_to(&format!("smtp://127.0.0.1:{port}"), 120);
        fill(&app, 2, "patient").await;
        assert_eq!(send_due(&app, &down, "a").await, 0);
        let view = outbox_view(&app).await;
        let failed: Vec<_> = view
            .latest
            .iter()
            .filter(|e| e.recipient.starts_with("patient"))
            .collect();
        assert_eq!(failed.len(), 2, "{}", app.label);
        assert!(
            failed
                .iter()
                .all(|e| e.attempts == 1 && e.last_error.is_some())
        );
        assert!(view.failing >= 2, "{}: {view:?}", app.label);

        // The mail server is back, but the next try waits its turn.
        let mailbox = Mailbox::start();
        let up = mailbox.mailer(120);
        let early = send_due(&app, &up, "b").await;
        let patient = |m: &Mailbox| {
            m.received()
                .iter()
                .filter(|e| header(e, "To").is_some_and(|to| to.starts_with("patient")))
                .count()
        };
        assert_eq!(patient(&mailbox), 0, "{}: {early} sent early", app.label);
        app.clock.advance(outbox::retry_wait(1));
        send_due(&app, &up, "b").await;
        assert_eq!(patient(&mailbox), 2, "{}", app.label);
    }
}

/// Every name the demo council holds about its households: household names, the people who sign
/// in, and everyone in each household's details, children included.
async fn demo_names(app: &TestApp) -> Vec<String> {
    let pool = app.state.db.pool();
    let mut names: Vec<String> = sqlx::query_scalar("SELECT name FROM households")
        .fetch_all(pool)
        .await
        .expect("households");
    names.extend(
        sqlx::query_scalar::<_, String>("SELECT display_name FROM users")
            .fetch_all(pool)
            .await
            .expect("users"),
    );
    let details: Vec<String> =
        sqlx::query_scalar("SELECT body FROM records WHERE collection = 'my_details'")
            .fetch_all(pool)
            .await
            .expect("details");
    for body in details {
        let details: MyDetails = serde_json::from_str(&body).expect("details");
        names.extend(details.members.iter().map(|m| m.name.as_str().to_owned()));
    }
    // Each name's words on their own, so that "Sam Taylor" is looked for as "Taylor" too.
    let mut words: Vec<String> = names
        .iter()
        .flat_map(|name| name.split_whitespace().map(str::to_owned))
        .filter(|word| word.len() > 2 && word.chars().next().is_some_and(char::is_uppercase))
        .filter(|word| !["The", "Demo", "Family", "Household"].contains(&word.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words
}

#[tokio::test]
async fn no_template_carries_a_name_from_any_household() {
    let app = demo_apps().await.remove(0);
    let words = demo_names(&app).await;
    assert!(words.len() > 20, "the demo has many names: {words:?}");
    let notices = NoticeKind::ALL
        .into_iter()
        .map(Notice::of)
        .chain([Notice::invitation("0123abcd")]);
    for notice in notices {
        let email = notice.render("https://fostering.northby.example");
        for word in &words {
            for part in [&email.subject, &email.text, &email.html] {
                assert!(
                    !part.contains(word.as_str()),
                    "{:?} contains {word}",
                    notice.kind()
                );
            }
        }
    }
}

/// The outbox's emails of `kind`, by address.
async fn emails_of(app: &TestApp, kind: NoticeKind) -> Vec<String> {
    let mut to: Vec<String> = sqlx::query_scalar("SELECT recipient FROM outbox WHERE kind = $1")
        .bind(kind.as_str())
        .fetch_all(app.state.db.pool())
        .await
        .expect("the outbox");
    to.sort();
    to
}

#[tokio::test]
async fn a_survey_opening_is_emailed_once_and_its_reminder_only_to_those_who_have_not_answered() {
    for app in demo_apps().await {
        // The demo's surveys were published before: their opening is not emailed now.
        let today = portal_core::date::CalendarDate::uk_date_of(app.clock.now());
        let mut tx = app.state.db.pool().begin().await.expect("begin");
        portal_server::surveys::email_openings(&mut tx, today, app.clock.now())
            .await
            .expect("openings");
        tx.commit().await.expect("commit");
        assert!(
            emails_of(&app, NoticeKind::SurveyOpened).await.is_empty(),
            "{}",
            app.label
        );

        let admin = app.staff_cookie("admin@demo.test").await;
        let form = json!({
            "title": "Quick check", "intro": "", "audience": "everyone", "anonymous": true,
            "opens": today.to_string(), "closes": today.add_days(14).to_string(),
            "questions": [{"id": "fair", "text": "I am treated fairly", "kind": "agreement"}],
        });
        let (code, wave) = app.json(&admin, "POST", "/api/staff/surveys", &form).await;
        assert_eq!(code, 200, "{}: {wave}", app.label);
        let opened = emails_of(&app, NoticeKind::SurveyOpened).await;
        assert!(opened.contains(&"carer@demo.test".to_owned()), "{opened:?}");
        let id = wave["wave"]["id"].as_str().expect("an id").to_owned();
        // Published again (a changed intro): no second email.
        let (code, _) = app
            .json(&admin, "PUT", &format!("/api/staff/surveys/{id}"), &form)
            .await;
        assert_eq!(code, 200, "{}", app.label);
        assert_eq!(emails_of(&app, NoticeKind::SurveyOpened).await, opened);

        // The demo carer answers; the reminder goes to everyone else it asks.
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let answer = json!({"surveys": {"respond": {"wave": id, "answers": {
            "fair": {"agreement": "agree"}}}}});
        push(&app, &carer, "device-survey", &[(1, answer)]).await;
        let answered: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM survey_answered WHERE wave_id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .expect("answered");
        assert_eq!(answered, 1, "{}: the answer was kept", app.label);
        let (code, _) = app
            .json(
                &admin,
                "POST",
                &format!("/api/staff/surveys/{id}/reminder"),
                &Value::Null,
            )
            .await;
        assert_eq!(code, 200, "{}", app.label);
        let reminded = emails_of(&app, NoticeKind::SurveyReminder).await;
        assert!(!reminded.is_empty(), "{}", app.label);
        assert!(
            !reminded.contains(&"carer@demo.test".to_owned()),
            "{reminded:?}"
        );
        assert!(
            reminded.iter().all(|to| opened.contains(to)),
            "{reminded:?}"
        );
    }
}
