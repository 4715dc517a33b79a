//! The sync engine's speed figures, for `cargo xtask bench` (never asserted: times vary).
//!
//! - `sync_bench serve --records N --dist-dir D`: the real server with the demo council and N
//!   extra records for the demo carer's household, plus `/bench/floor`, the same records as one
//!   JSON document, the floor the browser's initial sync is compared with.
//! - `sync_bench push`: 1,000 queued changes pushed as the app pushes them, against one bulk
//!   request carrying the same payload and stored in one transaction.
//! - `sync_bench pull`: pull requests with nothing new, at 100 concurrent connections on
//!   loopback: requests per second and the 99th percentile latency.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use portal_core::sync::wire::MAX_PUSH;
use portal_server::{AppShell, AppState, Database, app, demo};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

type Error = Box<dyn std::error::Error + Send + Sync>;

const CARER: &str = "carer@demo.test";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let dist = PathBuf::from(value("--dist-dir").unwrap_or_else(|| "dist".into()));
    match args.first().map(String::as_str) {
        Some("serve") => {
            let records: usize = value("--records").unwrap_or_default().parse()?;
            let addr: SocketAddr = value("--addr")
                .unwrap_or_else(|| "127.0.0.1:0".into())
                .parse()?;
            serve(&dist, records, addr).await
        }
        Some("push") => push_bench(&dist).await,
        Some("pull") => pull_bench(&dist).await,
        _ => Err("usage: sync_bench serve --records N --dist-dir D | push | pull".into()),
    }
}

/// A fresh database in a temporary folder, with the demo council loaded.
async fn demo_state(dist: &std::path::Path) -> Result<(AppState, tempfile::TempDir), Error> {
    let dir = tempfile::tempdir()?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = Database::open(&url).await?;
    let state = AppState::new(db, AppShell::load(dist)?)?;
    demo::load(&state.db, state.clock.now()).await?;
    Ok((state, dir))
}

/// Starts the real router (plus any bench routes) on loopback.
async fn listen(router: Router, addr: SocketAddr) -> Result<SocketAddr, Error> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let _ = axum::serve(listener, service).await;
    });
    Ok(bound)
}

/// A record of about the size of a learning log entry, as later features will sync.
fn record_body(n: usize) -> String {
    json!({
        "title": format!("Training session {n}"),
        "date": "2025-03-14",
        "minutes": 90,
        "format": "webinar",
        "provider": "Northby Fostering Service",
        "standards": [2, 5],
        "members": ["m1"],
        "reflection": "What I learned about helping children settle after contact, and how I will use it at home."
    })
    .to_string()
}

async fn household_of(db: &Database, email: &str) -> Result<String, Error> {
    let household: Option<String> =
        sqlx::query_scalar("SELECT household_id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(db.pool())
            .await?;
    household.ok_or_else(|| "the demo carer has no household".into())
}

async fn serve(dist: &std::path::Path, records: usize, addr: SocketAddr) -> Result<(), Error> {
    let (state, _dir) = demo_state(dist).await?;
    let household = household_of(&state.db, CARER).await?;
    let mut tx = state.db.pool().begin().await?;
    let last: i64 = sqlx::query_scalar("SELECT last_change FROM change_counter WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    for n in 0..records {
        sqlx::query(
            "INSERT INTO records (collection, id, household_id, body, change) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind("bench_records")
        .bind(format!("r{n:06}"))
        .bind(&household)
        .bind(record_body(n))
        .bind(last + 1 + i64::try_from(n)?)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE change_counter SET last_change = $1 WHERE id = 1")
        .bind(last + i64::try_from(records)?)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;

    let floor = Router::new()
        .route("/bench/floor", get(floor_document))
        .with_state(state.db.clone());
    let bound = listen(app(state).merge(floor), addr).await?;
    println!("serving on http://{bound}");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// Every bench record as one JSON document: `[{"id": ..., "body": {...}}, ...]`.
async fn floor_document(State(db): State<Database>) -> Result<String, String> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, body FROM records WHERE collection = 'bench_records' ORDER BY change",
    )
    .fetch_all(db.pool())
    .await
    .map_err(|e| e.to_string())?;
    let mut out = String::from("[");
    for (i, (id, body)) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":\"{id}\",\"body\":{body}}}");
    }
    out.push(']');
    Ok(out)
}

/// One HTTP/1.1 connection kept alive, as a browser keeps one to the server.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
    chunk: Vec<u8>,
}

struct Answer {
    status: u16,
    cookie: Option<String>,
    body: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Result<Self, Error> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream,
            buffer: Vec::new(),
            chunk: vec![0; 16 * 1024],
        })
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: &str,
    ) -> Result<Answer, Error> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Portal-Request: 1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(cookie) = cookie {
            let _ = write!(head, "Cookie: {cookie}\r\n");
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes()).await?;
        self.stream.write_all(body.as_bytes()).await?;
        self.read_answer().await
    }

    async fn read_answer(&mut self) -> Result<Answer, Error> {
        let end = loop {
            if let Some(at) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            self.fill().await?;
        };
        let head = String::from_utf8_lossy(&self.buffer[..end]).to_string();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or("no status")?;
        let header = |name: &str| {
            head.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_owned())
            })
        };
        let length: usize = header("content-length")
            .ok_or("the server answered without a Content-Length")?
            .parse()?;
        let cookie = header("set-cookie").and_then(|c| c.split(';').next().map(str::to_owned));
        while self.buffer.len() < end + length {
            self.fill().await?;
        }
        let body = self.buffer[end..end + length].to_vec();
        self.buffer.drain(..end + length);
        Ok(Answer {
            status,
            cookie,
            body,
        })
    }

    async fn fill(&mut self) -> Result<(), Error> {
        let read = self.stream.read(&mut self.chunk).await?;
        if read == 0 {
            return Err("the server closed the connection".into());
        }
        self.buffer.extend_from_slice(&self.chunk[..read]);
        Ok(())
    }
}

async fn sign_in(addr: SocketAddr) -> Result<String, Error> {
    let mut connection = Connection::open(addr).await?;
    let body = json!({"email": CARER, "password": "demo-password"}).to_string();
    let answer = connection.send("POST", "/api/session", None, &body).await?;
    answer
        .cookie
        .filter(|_| answer.status == 200)
        .ok_or_else(|| format!("sign-in answered {}", answer.status).into())
}

/// 1,000 changes to the availability field, each replacing the one before (as one person
/// typing would), in the shape the app queues them.
fn thousand_changes() -> Vec<serde_json::Value> {
    (1..=1000)
        .map(|n| {
            let replacing = if n == 1 {
                String::new()
            } else {
                format!("Evenings, week {}", n - 1)
            };
            json!({"details": {"set_availability": {"value": format!("Evenings, week {n}"), "replacing": replacing}}})
        })
        .collect()
}

async fn push_bench(dist: &std::path::Path) -> Result<(), Error> {
    let (state, _dir) = demo_state(dist).await?;
    let db = state.db.clone();
    sqlx::query("CREATE TABLE bench_bulk (body TEXT NOT NULL)")
        .execute(db.pool())
        .await?;
    let bulk = Router::new()
        .route("/bench/bulk", post(store_in_one_transaction))
        .with_state(db);
    let addr = listen(app(state).merge(bulk), "127.0.0.1:0".parse()?).await?;
    let cookie = sign_in(addr).await?;
    let changes = thousand_changes();

    let mut results = Vec::new();
    for round in 0..3 {
        let client = format!("tab-bench-{round}");
        let mut connection = Connection::open(addr).await?;
        let started = Instant::now();
        // As the app does: batches of at most MAX_PUSH, then one pull to settle the queue.
        for (batch_index, batch) in changes.chunks(MAX_PUSH).enumerate() {
            let mutations: Vec<_> = batch
                .iter()
                .enumerate()
                .map(|(i, m)| json!({"counter": batch_index * MAX_PUSH + i + 1, "mutation": m}))
                .collect();
            let body = json!({"client_id": client, "mutations": mutations}).to_string();
            let answer = connection
                .send("POST", "/api/sync/push", Some(&cookie), &body)
                .await?;
            if answer.status != 200 {
                return Err(format!("push answered {}", answer.status).into());
            }
        }
        let pulled = connection
            .send("GET", "/api/sync/pull?cursor=0", Some(&cookie), "")
            .await?;
        let pushed = started.elapsed();

        let payload = json!({"client_id": client, "mutations": changes}).to_string();
        let started = Instant::now();
        let answer = connection
            .send("POST", "/bench/bulk", None, &payload)
            .await?;
        let floor = started.elapsed();
        if pulled.status != 200 || answer.status != 200 {
            return Err("a bench request failed".into());
        }
        results.push((pushed, floor));
    }
    // The first round warms caches; report the best of the rest.
    let (pushed, floor) = results[1..]
        .iter()
        .min_by_key(|(p, _)| *p)
        .copied()
        .ok_or("no rounds")?;
    println!(
        "push 1,000 queued changes:   {:>8.1} ms (2 pushes of up to {MAX_PUSH}, one transaction each, then a pull)",
        ms(pushed)
    );
    println!(
        "one bulk request, same data: {:>8.1} ms (one request, one transaction)",
        ms(floor)
    );
    println!(
        "ratio push / bulk:           {:>8.2} (target at most 3)",
        pushed.as_secs_f64() / floor.as_secs_f64()
    );
    Ok(())
}

async fn store_in_one_transaction(State(db): State<Database>, body: String) -> Result<(), String> {
    let parsed: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let mut tx = db.pool().begin().await.map_err(|e| e.to_string())?;
    sqlx::query("INSERT INTO bench_bulk (body) VALUES ($1)")
        .bind(parsed.to_string())
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())
}

async fn pull_bench(dist: &std::path::Path) -> Result<(), Error> {
    const CONNECTIONS: usize = 100;
    const SECONDS: u64 = 5;
    let (state, _dir) = demo_state(dist).await?;
    let addr = listen(app(state), "127.0.0.1:0".parse()?).await?;
    let cookie = Arc::new(sign_in(addr).await?);
    let mut first = Connection::open(addr).await?;
    let answer = first
        .send("GET", "/api/sync/pull?cursor=0", Some(&cookie), "")
        .await?;
    let cursor = serde_json::from_slice::<serde_json::Value>(&answer.body)?["cursor"]
        .as_u64()
        .ok_or("no cursor")?;
    let path = Arc::new(format!("/api/sync/pull?cursor={cursor}"));

    let until = Instant::now() + Duration::from_secs(SECONDS);
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (cookie, path) = (Arc::clone(&cookie), Arc::clone(&path));
        tasks.push(tokio::spawn(async move {
            let mut connection = Connection::open(addr).await?;
            let mut latencies = Vec::new();
            while Instant::now() < until {
                let started = Instant::now();
                let answer = connection.send("GET", &path, Some(&cookie), "").await?;
                if answer.status != 200 {
                    return Err::<Vec<Duration>, Error>(
                        format!("pull answered {}", answer.status).into(),
                    );
                }
                latencies.push(started.elapsed());
            }
            Ok(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    latencies.sort();
    let count = latencies.len();
    let p = |q: f64| {
        // Truncation is what is wanted: the index of the q-th quantile.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let at = ((count as f64) * q) as usize;
        latencies[at.min(count - 1)]
    };
    #[allow(clippy::cast_precision_loss)]
    let per_second = count as f64 / SECONDS as f64;
    println!(
        "pull with nothing new, {CONNECTIONS} connections: {per_second:>8.0} requests/s, p50 {:.1} ms, p99 {:.1} ms ({count} requests in {SECONDS} s, SQLite)",
        ms(p(0.5)),
        ms(p(0.99))
    );
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
