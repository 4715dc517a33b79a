//! Test helpers: a built-app folder and fresh databases of each kind the server supports.
#![allow(unreachable_pub)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt as _;
use portal_core::sync::wire::{PullResponse, PushResponse};
use portal_server::{AppShell, AppState, Clock, Database, app};
use serde_json::{Value, json};
use tower::ServiceExt as _;

/// A clock the test moves by hand.
#[derive(Debug)]
pub struct TestClock(AtomicI64);

impl TestClock {
    /// 14 November 2023, 22:13:20 UTC: any fixed time will do.
    pub const START: i64 = 1_700_000_000;

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The inline loader script in the fake `index.html`, whose hash the CSP must carry.
pub const LOADER: &str = "import init from '/portal-app-0123456789abcdef.js'; init();";

/// The staff app's inline loader, in `staff/index.html`.
pub const STAFF_LOADER: &str =
    "import init from '/staff/portal-staff-0123456789abcdef.js'; init();";

/// The public enquiry's inline loader, in `enquire/index.html`.
pub const ENQUIRY_LOADER: &str =
    "import init from '/enquire/portal-enquire-0123456789abcdef.js'; init();";

/// One chunk of the carers' app, loaded when the learning area is first opened.
pub const LEARNING_CHUNK: &str = "/split-0123456789abcdef/split_learning.wasm";

/// Writes a small stand-in for Trunk's output: the page, a hashed script, a stylesheet, the
/// service worker template and an icon.
pub fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir.join("icons")).expect("dist folder");
    std::fs::write(
        dir.join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><title>Portal</title>\
             <link rel=\"stylesheet\" href=\"/style-fedcba9876543210.css\"/>\
             <script type=\"module\">{LOADER}</script></head><body></body></html>"
        ),
    )
    .expect("index");
    std::fs::write(
        dir.join("portal-app-0123456789abcdef.js"),
        "export default function init() { /* the app */ }\n".repeat(20),
    )
    .expect("js");
    std::fs::write(
        dir.join("style-fedcba9876543210.css"),
        "body { margin: 0 }\n".repeat(40),
    )
    .expect("css");
    std::fs::write(
        dir.join("sw.js"),
        "const BUILD_ID = \"__PORTAL_BUILD_ID__\";\nconst PRECACHE = /*__PORTAL_PRECACHE__*/ [];\n",
    )
    .expect("sw");
    std::fs::write(dir.join("manifest.webmanifest"), "{\"name\":\"Portal\"}").expect("manifest");
    std::fs::write(dir.join("icons/icon-192.png"), [0x89, b'P', b'N', b'G']).expect("icon");
    write_sub_app(dir, "staff", "Staff", STAFF_LOADER, "portal-staff");
    write_sub_app(dir, "enquire", "Enquire", ENQUIRY_LOADER, "portal-enquire");
    std::fs::create_dir_all(dir.join("split-0123456789abcdef")).expect("chunks folder");
    std::fs::write(
        dir.join(LEARNING_CHUNK.trim_start_matches('/')),
        b"\0asm\x01\0\0\0",
    )
    .expect("chunk");
}

/// An app of its own under `folder`: its page with the inline `loader`, and its hashed script.
fn write_sub_app(dir: &Path, folder: &str, title: &str, loader: &str, bin: &str) {
    std::fs::create_dir_all(dir.join(folder)).expect("app folder");
    std::fs::write(
        dir.join(folder).join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><title>{title}</title>\
             <script type=\"module\">{loader}</script></head><body></body></html>"
        ),
    )
    .expect("app index");
    std::fs::write(
        dir.join(folder).join(format!("{bin}-0123456789abcdef.js")),
        "export default function init() { /* the app */ }\n".repeat(20),
    )
    .expect("app js");
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A kind of database the suite runs against.
pub enum Kind {
    Sqlite,
    /// A PostgreSQL server on which the tests may create databases, given by its admin URL.
    Postgres(String),
}

/// SQLite always; PostgreSQL too when `PORTAL_TEST_POSTGRES_URL` names a server.
pub fn kinds() -> Vec<Kind> {
    let mut out = vec![Kind::Sqlite];
    if let Ok(admin_url) = std::env::var("PORTAL_TEST_POSTGRES_URL") {
        out.push(Kind::Postgres(admin_url));
    }
    out
}

impl Kind {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// The URL of a new, empty database of this kind (a SQLite file goes in `dir`).
    pub async fn fresh_url(&self, dir: &Path) -> String {
        match self {
            Self::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
            Self::Postgres(admin_url) => fresh_postgres_database(admin_url).await,
        }
    }
}

async fn fresh_postgres_database(admin_url: &str) -> String {
    use sqlx::Connection as _;
    let name = format!(
        "portal_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("PORTAL_TEST_POSTGRES_URL must point at a reachable PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let mut url = url::Url::parse(admin_url).expect("a valid URL");
    url.set_path(&name);
    url.to_string()
}

/// The server, in-process, on a fresh database and a stand-in build.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub label: &'static str,
    /// The database's address, for a second server instance on the same database.
    pub url: String,
    _dir: tempfile::TempDir,
}

/// One `TestApp` per database kind available.
pub async fn apps() -> Vec<TestApp> {
    let mut out = Vec::new();
    for kind in kinds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = kind.fresh_url(dir.path()).await;
        out.push(TestApp::open(dir, &url, TestClock::START, kind.label()).await);
    }
    out
}

/// One `TestApp` per database kind, each with the demo council loaded.
pub async fn demo_apps() -> Vec<TestApp> {
    let apps = apps().await;
    for app in &apps {
        let loaded = portal_server::demo::load(&app.state.db, app.clock.now())
            .await
            .expect("demo loads");
        assert!(loaded, "a fresh database gets the demo data");
    }
    apps
}

impl TestApp {
    /// The server on the database at `url`, with a stand-in build in `dir`, its clock at `now`.
    async fn open(dir: tempfile::TempDir, url: &str, now: i64, label: &'static str) -> Self {
        write_dist(&dir.path().join("dist"));
        let shell = AppShell::load(&dir.path().join("dist")).expect("stand-in build loads");
        let database = Database::open(url).await.expect("database opens");
        let clock = Arc::new(TestClock(AtomicI64::new(now)));
        // Tests make many failed sign-ins on purpose; answering them slowly would only make
        // the suite slow (the brake itself is tested beside its code).
        let state = AppState::new(database, shell)
            .expect("state")
            .with_clock(clock.clone())
            .with_brake(portal_server::Brake::NONE);
        Self {
            router: app(state.clone()),
            state,
            clock,
            label,
            url: url.to_owned(),
            _dir: dir,
        }
    }

    /// Another server instance on this app's database, with its own connections and the same
    /// clock: what a second process behind a load balancer would be.
    pub async fn another_instance(&self) -> Router {
        let database = Database::open(&self.url).await.expect("database opens");
        app(self.state.clone().with_database(database))
    }

    /// This app with its state changed by `change`: behind a trusted proxy, say.
    #[must_use]
    pub fn with_state(self, change: impl FnOnce(AppState) -> AppState) -> Self {
        let state = change(self.state);
        Self {
            router: app(state.clone()),
            state,
            ..self
        }
    }

    /// Two copies of this app's SQLite database as it is now, each served by an app of its
    /// own on the same clock: two worlds that share their past. `None` on PostgreSQL.
    pub async fn sqlite_twins(&self) -> Option<[Self; 2]> {
        if self.label != "sqlite" {
            return None;
        }
        let mut twins = Vec::new();
        for _ in 0..2 {
            let dir = tempfile::tempdir().expect("temp dir");
            let file = dir.path().join("test.db");
            sqlx::query("VACUUM INTO $1")
                .bind(file.display().to_string())
                .execute(self.state.db.pool())
                .await
                .expect("copy the database");
            let url = format!("sqlite://{}?mode=rwc", file.display());
            twins.push(Self::open(dir, &url, self.clock.now(), self.label).await);
        }
        twins.try_into().ok()
    }

    /// Every byte of this app's SQLite database file, with the write-ahead log folded in first:
    /// what a copy of the file would hold, free pages included. `None` on PostgreSQL.
    pub async fn sqlite_file_bytes(&self) -> Option<Vec<u8>> {
        if self.label != "sqlite" {
            return None;
        }
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(self.state.db.pool())
            .await
            .expect("checkpoint");
        let file: String =
            sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                .fetch_one(self.state.db.pool())
                .await
                .expect("the database's file");
        let mut bytes = std::fs::read(&file).expect("read the database");
        bytes.extend(std::fs::read(format!("{file}-wal")).unwrap_or_default());
        Some(bytes)
    }

    /// Every row of every table of a SQLite database, in the order it is stored, rowid first
    /// where a table has one: everything someone holding the database file could read.
    pub async fn sqlite_dump(&self) -> Vec<String> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(self.state.db.pool())
        .await
        .expect("tables");
        let mut out = Vec::new();
        for table in tables {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(&table)
                    .fetch_all(self.state.db.pool())
                    .await
                    .expect("columns");
            // quote() writes any value, blobs included, as SQL text.
            let list = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ', ' || ");
            let with_rowid = format!("SELECT rowid || ': ' || {list} FROM \"{table}\"");
            let without = format!("SELECT {list} FROM \"{table}\"");
            let rows: Vec<String> = match sqlx::query_scalar(&with_rowid)
                .fetch_all(self.state.db.pool())
                .await
            {
                Ok(rows) => rows,
                Err(_) => sqlx::query_scalar(&without)
                    .fetch_all(self.state.db.pool())
                    .await
                    .expect("rows"),
            };
            out.extend(rows.into_iter().map(|row| format!("{table}: {row}")));
        }
        out
    }

    /// Sends a request through the whole router, as the network would.
    pub async fn call(&self, request: Request<Body>) -> Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible")
    }

    /// Signs in with the demo password and returns the cookie to send back.
    pub async fn sign_in_cookie(&self, email: &str) -> String {
        let response = self
            .call(sign_in_request(
                &json!({"email": email, "password": "demo-password"}),
            ))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{email} signs in");
        cookie_from(&response)
    }
}

/// `POST /api/session` with a JSON body, as the app sends it.
pub fn sign_in_request(body: &Value) -> Request<Body> {
    Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-portal-request", "1")
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// The session cookie a response sets, as the browser would send it back.
pub fn cookie_from(response: &Response) -> String {
    let set = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("ascii");
    set.split(';').next().expect("name=value").to_owned()
}

/// A response's JSON body.
pub async fn json_of<T: serde::de::DeserializeOwned>(response: Response) -> T {
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)))
}

/// The demo staff's current TOTP code, computed from the RFC's algorithm independently of the
/// server's own code.
pub fn code_for_now(app: &TestApp) -> String {
    use hmac::Mac as _;
    let secret = b"Hello!\xde\xad\xbe\xef"; // JBSWY3DPEHPK3PXP
    let step = u64::try_from(app.clock.now() / 30).expect("positive");
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret).expect("key");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let number =
        u32::from_be_bytes(digest[offset..offset + 4].try_into().expect("4 bytes")) & 0x7fff_ffff;
    format!("{:06}", number % 1_000_000)
}

impl TestApp {
    /// Signs a demo member of staff in (password and code) and returns the cookie. Time moves on
    /// by one 30-second step first, because each code works only once.
    pub async fn staff_cookie(&self, email: &str) -> String {
        self.clock.advance(30);
        let body = json!({"email": email, "password": "demo-password", "code": code_for_now(self)});
        let response = self.call(sign_in_request(&body)).await;
        assert_eq!(response.status(), StatusCode::OK, "{email} signs in");
        cookie_from(&response)
    }

    /// Calls a JSON route as the person signed in with `cookie` (`body` null for none), and
    /// returns the status with the answer's JSON (null for an empty answer).
    pub async fn json(&self, cookie: &str, method: &str, path: &str, body: &Value) -> (u16, Value) {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, cookie)
            .header("x-portal-request", "1")
            .body(Body::from(if body.is_null() {
                String::new()
            } else {
                body.to_string()
            }))
            .expect("request");
        let response = self.call(request).await;
        let status = response.status().as_u16();
        if status == 204 {
            return (status, Value::Null);
        }
        (status, json_of(response).await)
    }
}

/// `POST /api/sync/push` of `(counter, mutation)` pairs for one client, as the app sends it.
pub fn push_request(cookie: &str, client: &str, mutations: &[(u64, Value)]) -> Request<Body> {
    let mutations: Vec<Value> = mutations
        .iter()
        .map(|(counter, mutation)| json!({"counter": counter, "mutation": mutation}))
        .collect();
    Request::post("/api/sync/push")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .header("x-portal-request", "1")
        .body(Body::from(
            json!({"client_id": client, "mutations": mutations}).to_string(),
        ))
        .expect("request")
}

/// Pushes, expecting the server to take the batch.
pub async fn push(
    app: &TestApp,
    cookie: &str,
    client: &str,
    mutations: &[(u64, Value)],
) -> PushResponse {
    let response = app.call(push_request(cookie, client, mutations)).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
    json_of(response).await
}

/// `GET /api/sync/pull` from `cursor`, at most `limit` records a page.
pub fn pull_request(cookie: &str, cursor: u64, limit: usize) -> Request<Body> {
    Request::get(format!("/api/sync/pull?cursor={cursor}&limit={limit}"))
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

/// Pulls one full-size page from `cursor`, expecting success.
pub async fn pull(app: &TestApp, cookie: &str, cursor: u64) -> PullResponse {
    let response = app.call(pull_request(cookie, cursor, 1000)).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
    json_of(response).await
}

/// The member id of a household's lead carer, whom its My details start with.
pub async fn lead_carer(app: &TestApp, cookie: &str) -> String {
    let pulled = pull(app, cookie, 0).await;
    let details = pulled
        .records
        .iter()
        .find(|r| r.collection == "my_details")
        .and_then(|r| r.body.as_ref())
        .expect("My details start with the lead carer");
    let value: Value = serde_json::from_str(details.get()).expect("json");
    value["members"][0]["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// The buddy and mentor pairings a pull delivers, as the household sees each.
pub fn pairing_views(pulled: &PullResponse) -> Vec<portal_core::buddies::PairingView> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "buddy_pairings")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str(b.get()).expect("a pairing"))
        .collect()
}
