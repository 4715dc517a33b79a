//! The server's HTTP behaviour, driven in-process against every supported database.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use portal_core::wire::{ApiErrorBody, Health, HealthStatus};
use tower::ServiceExt as _;

use crate::common::{ENQUIRY_LOADER, LEARNING_CHUNK, LOADER, STAFF_LOADER, apps};

async fn send(router: &axum::Router, request: Request<Body>) -> axum::response::Response {
    router.clone().oneshot(request).await.expect("infallible")
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

async fn body_bytes(response: axum::response::Response) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec()
}

#[tokio::test]
async fn health_reports_ok_and_the_version() {
    for app in apps().await {
        let response = send(&app.router, get("/api/health")).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        let health: Health = serde_json::from_slice(&body_bytes(response).await).expect("json");
        assert_eq!(health.status, HealthStatus::Ok);
        assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    }
}

#[tokio::test]
async fn health_says_degraded_when_the_database_is_gone() {
    for app in apps().await {
        app.state.db.close().await;
        let response = send(&app.router, get("/api/health")).await;
        assert_eq!(
            response.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            app.label
        );
        let health: Health = serde_json::from_slice(&body_bytes(response).await).expect("json");
        assert_eq!(health.status, HealthStatus::Degraded);
    }
}

#[tokio::test]
async fn unknown_api_routes_answer_json_404s() {
    for app in apps().await {
        let response = send(&app.router, get("/api/no-such-thing")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .expect("ascii")
                .starts_with("application/json")
        );
        let error: ApiErrorBody =
            serde_json::from_slice(&body_bytes(response).await).expect("json");
        assert_eq!(error.error, "not_found");
        assert_eq!(
            error.message,
            "There is no API endpoint at /api/no-such-thing."
        );
    }
}

#[tokio::test]
async fn wrong_methods_on_the_api_answer_json_405s() {
    for app in apps().await {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/api/health")
            .header("x-portal-request", "1")
            .body(Body::empty())
            .expect("request");
        let response = send(&app.router, request).await;
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        let error: ApiErrorBody =
            serde_json::from_slice(&body_bytes(response).await).expect("json");
        assert_eq!(error.error, "method_not_allowed");
    }
}

#[tokio::test]
async fn client_routes_get_the_app_page_never_cached() {
    for app in apps().await {
        for path in ["/", "/privacy", "/some/deep/link"] {
            let response = send(&app.router, get(path)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
            assert!(
                response.headers()[header::CONTENT_TYPE]
                    .to_str()
                    .expect("ascii")
                    .starts_with("text/html")
            );
            let html = String::from_utf8(body_bytes(response).await).expect("utf-8");
            assert!(html.contains(LOADER), "{path}");
        }
    }
}

#[tokio::test]
async fn staff_paths_get_the_staff_app_and_carers_never_precache_it() {
    for app in apps().await {
        for path in ["/staff", "/staff/", "/staff/carers/abc123"] {
            let response = send(&app.router, get(path)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
            let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .expect("ascii")
                .to_owned();
            let html = String::from_utf8(body_bytes(response).await).expect("utf-8");
            assert!(html.contains(STAFF_LOADER), "{path}");
            // One policy covers every app's loader.
            assert_eq!(csp.matches("'sha256-").count(), 3, "{csp}");
        }
        let carers = send(&app.router, get("/staffroom")).await;
        let html = String::from_utf8(body_bytes(carers).await).expect("utf-8");
        assert!(
            html.contains(LOADER),
            "only /staff itself and below are the staff app"
        );
        let worker = send(&app.router, get("/sw.js")).await;
        let worker = String::from_utf8(body_bytes(worker).await).expect("utf-8");
        assert!(!worker.contains("/staff/"), "{worker}");
    }
}

#[tokio::test]
async fn area_paths_get_the_carers_app_whose_chunks_carers_keep_and_cache_for_a_year() {
    for app in apps().await {
        for path in [
            "/learning",
            "/learning/",
            "/learning/entries/entry-1/change",
        ] {
            let response = send(&app.router, get(path)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
            let html = String::from_utf8(body_bytes(response).await).expect("utf-8");
            assert!(html.contains(LOADER), "{path}: one carers' app");
        }
        let chunk = send(&app.router, get(LEARNING_CHUNK)).await;
        assert_eq!(chunk.status(), StatusCode::OK);
        assert_eq!(
            chunk.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "a chunk's folder is named after the build's hash"
        );
        let worker = send(&app.router, get("/sw.js")).await;
        let worker = String::from_utf8(body_bytes(worker).await).expect("utf-8");
        // Every chunk is kept, so that an area opens offline on its first visit; the public
        // enquiry is kept under its folder, which its navigations fall back to.
        assert!(
            worker.contains(&format!("\"{LEARNING_CHUNK}\"")),
            "{worker}"
        );
        assert!(worker.contains("\"/enquire/\""), "{worker}");
        assert!(!worker.contains("\"/learning/\""), "{worker}");
        assert!(!worker.contains("/enquire/index.html"), "{worker}");
    }
}

#[tokio::test]
async fn enquiry_paths_get_the_enquiry_app() {
    for app in apps().await {
        let response = send(&app.router, get("/enquire/")).await;
        let html = String::from_utf8(body_bytes(response).await).expect("utf-8");
        assert!(html.contains(ENQUIRY_LOADER));
    }
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_app() {
    for app in apps().await {
        let response = send(&app.router, get("/missing-0123456789abcdef.js")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_compressed() {
    for app in apps().await {
        let path = "/portal-app-0123456789abcdef.js";
        let plain = body_bytes(send(&app.router, get(path)).await).await;

        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .body(Body::empty())
            .expect("request");
        let response = send(&app.router, request).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let br = body_bytes(response).await;
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).expect("valid brotli");
        assert_eq!(decoded, plain);
        assert!(br.len() < plain.len());

        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .expect("request");
        let response = send(&app.router, request).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    }
}

#[tokio::test]
async fn an_unchanged_file_answers_304() {
    for app in apps().await {
        let response = send(&app.router, get("/icons/icon-192.png")).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "public, max-age=86400"
        );
        let etag = response.headers()[header::ETAG].clone();
        let request = Request::get("/icons/icon-192.png")
            .header(header::IF_NONE_MATCH, etag)
            .body(Body::empty())
            .expect("request");
        let response = send(&app.router, request).await;
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert!(body_bytes(response).await.is_empty());
    }
}

#[tokio::test]
async fn the_service_worker_carries_the_build_and_its_files() {
    for app in apps().await {
        let response = send(&app.router, get("/sw.js")).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let worker = String::from_utf8(body_bytes(response).await).expect("utf-8");
        let build_id = app.state.shell.build_id();
        assert_eq!(build_id.len(), 16);
        assert!(worker.contains(&format!("\"{build_id}\"")), "{worker}");
        assert!(!worker.contains("__PORTAL_"), "{worker}");
        for file in [
            "\"/\"",
            "\"/portal-app-0123456789abcdef.js\"",
            "\"/style-fedcba9876543210.css\"",
            "\"/manifest.webmanifest\"",
        ] {
            assert!(worker.contains(file), "{file} missing from {worker}");
        }
        assert!(
            !worker.contains("\"/sw.js\""),
            "the worker must not cache itself"
        );
        assert!(!worker.contains("\"/index.html\""));
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let expected_hash = {
        use base64::Engine as _;
        use sha2::Digest as _;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(LOADER.as_bytes()))
    };
    for app in apps().await {
        for path in [
            "/",
            "/api/health",
            "/api/missing",
            "/portal-app-0123456789abcdef.js",
        ] {
            let response = send(&app.router, get(path)).await;
            let headers = response.headers();
            let csp = headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .expect("ascii");
            assert!(csp.contains("default-src 'self'"), "{csp}");
            assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
            assert!(csp.contains(&format!("'sha256-{expected_hash}'")), "{csp}");
            assert!(!csp.contains("unsafe-inline"), "{csp}");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
            assert!(
                !headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
                "no HSTS over plain HTTP"
            );
        }
    }
}

#[tokio::test]
async fn hsts_is_sent_when_tls_ends_at_a_proxy() {
    for app in apps().await {
        let request = Request::get("/")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .expect("request");
        let response = send(&app.router, request).await;
        assert!(
            response.headers()[header::STRICT_TRANSPORT_SECURITY]
                .to_str()
                .expect("ascii")
                .starts_with("max-age=")
        );
    }
}

#[tokio::test]
async fn migrations_run_once_and_record_the_version() {
    for kind in crate::common::kinds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = kind.fresh_url(dir.path()).await;
        let first = portal_server::Database::open(&url)
            .await
            .expect("first open creates and migrates");
        first.record_started_version("9.9.9").await.expect("record");
        first.close().await;
        // Opening again must find the schema in place and not try to create it twice.
        let second = portal_server::Database::open(&url)
            .await
            .expect("second open is a no-op migration");
        let last_started = || async { second.meta("last_started_version").await.expect("query") };
        assert_eq!(
            last_started().await.as_deref(),
            Some("9.9.9"),
            "{}",
            kind.label()
        );
        second
            .record_started_version("10.0.0")
            .await
            .expect("update");
        assert_eq!(last_started().await.as_deref(), Some("10.0.0"));
    }
}
