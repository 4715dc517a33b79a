//! Signing in and out, second factors, limits on guessing, and session expiry, on every database.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use portal_core::wire::ApiErrorBody;
use serde_json::{Value, json};

use crate::common::{
    TestApp, apps, code_for_now, cookie_from, demo_apps, json_of, sign_in_request,
};
use portal_server::Clock as _;
use portal_server::demo;

const CARER: &str = "carer@demo.test";
const WORKER: &str = "worker@demo.test";

async fn sign_in(app: &TestApp, body: Value) -> Response {
    app.call(sign_in_request(&body)).await
}

async fn json_body(response: Response) -> Value {
    json_of(response).await
}

async fn error_of(response: Response) -> (StatusCode, ApiErrorBody) {
    let status = response.status();
    (status, json_of(response).await)
}

/// The session cookie a response sets, as the browser would send it back.
fn me(cookie: &str) -> Request<Body> {
    Request::get("/api/session")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

/// Whether `GET /api/session` recognises the cookie.
async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    let response = app.call(me(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    json_body(response).await != Value::Null
}

#[tokio::test]
async fn a_carer_signs_in_and_the_cookie_identifies_them() {
    for app in demo_apps().await {
        let response = sign_in(
            &app,
            json!({"email": " Carer@Demo.Test ", "password": "demo-password"}),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        let set_cookie = response.headers()[header::SET_COOKIE]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
        let cookie = cookie_from(&response);
        let answer = json_body(response).await;
        assert!(answer.get("code_needed").is_none(), "carers need no code");
        let user = &answer["user"];
        assert_eq!(user["email"], CARER);
        assert_eq!(user["role"], "carer");
        assert!(user["household_id"].is_string());
        assert!(user.get("token_hash").is_none(), "no secrets in the answer");

        let response = app.call(me(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(json_body(response).await["display_name"], "Sam Taylor");
    }
}

#[tokio::test]
async fn wrong_passwords_and_unknown_accounts_get_the_same_answer() {
    for app in demo_apps().await {
        let wrong = sign_in(
            &app,
            json!({"email": CARER, "password": "not-the-password"}),
        )
        .await;
        let unknown = sign_in(
            &app,
            json!({"email": "nobody@demo.test", "password": "demo-password"}),
        )
        .await;
        let (s1, e1) = error_of(wrong).await;
        let (s2, e2) = error_of(unknown).await;
        assert_eq!(
            (s1, s2),
            (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
        );
        assert_eq!(e1, e2);
        assert_eq!(e1.message, "Your email address or password is not right.");
    }
}

#[tokio::test]
async fn guessing_is_stopped_after_five_failures_and_told_when_to_try_again() {
    for app in demo_apps().await {
        for _ in 0..5 {
            let response = sign_in(&app, json!({"email": CARER, "password": "guess-guess"})).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        // Even the right password is refused while the limit lasts.
        let response = sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await;
        assert_eq!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.label
        );
        assert_eq!(response.headers()[header::RETRY_AFTER], "900");
        let (_, error) = error_of(response).await;
        assert_eq!(
            error.message,
            "You have tried to sign in too many times. Try again in 15 minutes."
        );
        // Other accounts are not locked by someone guessing at this one.
        let other = sign_in(
            &app,
            json!({"email": "nowak@demo.test", "password": "demo-password"}),
        )
        .await;
        assert_eq!(other.status(), StatusCode::OK);

        app.clock.advance(15 * 60 + 1);
        let response = sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn staff_need_the_code_from_their_authenticator_app() {
    for app in demo_apps().await {
        let response = sign_in(&app, json!({"email": WORKER, "password": "demo-password"})).await;
        // The right password is the first step: the answer asks for the code, signs nobody
        // in, and is not counted as a failed attempt.
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(header::SET_COOKIE).is_none());
        assert_eq!(json_body(response).await, json!({"code_needed": true}));

        let response = sign_in(
            &app,
            json!({"email": WORKER, "password": "demo-password", "code": "000000"}),
        )
        .await;
        // A one-in-a-million chance that 000000 is the code right now is not worth a flaky test.
        if code_for_now(&app) != "000000" {
            assert_eq!(error_of(response).await.1.error, "wrong_second_factor");
        }

        let response = sign_in(
            &app,
            json!({"email": WORKER, "password": "demo-password", "code": code_for_now(&app)}),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        assert_eq!(
            json_body(response).await["user"]["role"],
            "supervising_social_worker"
        );

        // A wrong password with a right code is still a wrong password.
        let response = sign_in(
            &app,
            json!({"email": WORKER, "password": "wrong-password", "code": code_for_now(&app)}),
        )
        .await;
        assert_eq!(error_of(response).await.1.error, "wrong_credentials");
    }
}

#[tokio::test]
async fn a_second_factor_code_works_only_once() {
    for app in demo_apps().await {
        let body =
            json!({"email": WORKER, "password": "demo-password", "code": code_for_now(&app)});
        assert_eq!(
            app.call(sign_in_request(&body)).await.status(),
            StatusCode::OK
        );
        // The same code again, as someone watching over a shoulder might try.
        let (status, error) = error_of(app.call(sign_in_request(&body)).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}", app.label);
        assert_eq!(error.error, "wrong_second_factor");
        // The next code the app shows is fine.
        app.clock.advance(30);
        let body =
            json!({"email": WORKER, "password": "demo-password", "code": code_for_now(&app)});
        assert_eq!(
            app.call(sign_in_request(&body)).await.status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn signing_out_ends_the_session_everywhere() {
    for app in demo_apps().await {
        let response = sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await;
        let cookie = cookie_from(&response);
        let out = Request::delete("/api/session")
            .header(header::COOKIE, &cookie)
            .header("x-portal-request", "1")
            .body(Body::empty())
            .expect("request");
        let response = app.call(out).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert!(
            response.headers()[header::SET_COOKIE]
                .to_str()
                .expect("ascii")
                .contains("Max-Age=0")
        );
        let response = app.call(me(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            json_body(response).await,
            Value::Null,
            "nobody is signed in"
        );
        // Anything that needs a session now asks for a sign-in.
        let pull = Request::get("/api/sync/pull")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("request");
        let (status, error) = error_of(app.call(pull).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(error.message, "Sign in to continue.");
    }
}

#[tokio::test]
async fn sessions_end_after_inactivity_longer_for_carers_than_staff() {
    for app in demo_apps().await {
        let carer =
            cookie_from(&sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await);
        let staff = cookie_from(
            &sign_in(
                &app,
                json!({"email": WORKER, "password": "demo-password", "code": code_for_now(&app)}),
            )
            .await,
        );
        // A week offline: the carer is still signed in; the staff member is not.
        app.clock.advance(7 * 24 * 60 * 60);
        assert!(signed_in(&app, &carer).await);
        assert!(!signed_in(&app, &staff).await);
        // Use keeps a carer's session alive; 31 days of silence ends it.
        app.clock.advance(29 * 24 * 60 * 60);
        assert!(signed_in(&app, &carer).await);
        app.clock.advance(31 * 24 * 60 * 60);
        assert!(!signed_in(&app, &carer).await);
    }
}

#[tokio::test]
async fn even_a_busy_session_ends_after_its_absolute_lifetime() {
    const HOUR: i64 = 60 * 60;
    for app in demo_apps().await {
        let carer =
            cookie_from(&sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await);
        let staff = cookie_from(
            &sign_in(
                &app,
                json!({"email": WORKER, "password": "demo-password", "code": code_for_now(&app)}),
            )
            .await,
        );
        // Staff in use every few hours still sign in again after a working day.
        for _ in 0..4 {
            app.clock.advance(5 * HOUR);
            assert!(signed_in(&app, &staff).await);
        }
        app.clock.advance(5 * HOUR);
        assert!(!signed_in(&app, &staff).await, "{}", app.label);
        // A carer used every three weeks still signs in again after 90 days.
        for _ in 0..4 {
            app.clock.advance(21 * 24 * HOUR);
            assert!(signed_in(&app, &carer).await);
        }
        app.clock.advance(7 * 24 * HOUR);
        assert!(!signed_in(&app, &carer).await, "{}", app.label);
    }
}

#[tokio::test]
async fn the_secure_flag_is_a_setting_not_a_header_a_client_sends() {
    for app in demo_apps().await {
        let mut request = sign_in_request(&json!({"email": CARER, "password": "demo-password"}));
        request
            .headers_mut()
            .insert("x-forwarded-proto", "https".parse().expect("value"));
        let response = app.call(request).await;
        assert_eq!(response.status(), StatusCode::OK);
        for cookie in response.headers().get_all(header::SET_COOKIE) {
            let cookie = cookie.to_str().expect("ascii");
            assert!(!cookie.contains("Secure"), "not configured: {cookie}");
        }
        let app = app.with_state(|state| state.with_secure_cookies(true));
        let response = sign_in(&app, json!({"email": CARER, "password": "demo-password"})).await;
        let cookies: Vec<_> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .collect();
        assert_eq!(cookies.len(), 2, "the session and the known browser");
        for cookie in cookies {
            let cookie = cookie.to_str().expect("ascii");
            assert!(cookie.contains("; Secure"), "configured: {cookie}");
        }
    }
}

#[tokio::test]
async fn requests_from_other_sites_cannot_sign_in_or_out() {
    for app in demo_apps().await {
        let request = Request::post("/api/session")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({"email": CARER, "password": "demo-password"}).to_string(),
            ))
            .expect("request");
        let (status, error) = error_of(app.call(request).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(error.error, "cross_site");
    }
}

#[tokio::test]
async fn bad_sign_in_requests_get_plain_400s() {
    for app in demo_apps().await {
        for (body, expected) in [
            ("{not json", "The request is not valid JSON."),
            (
                r#"{"email": "carer@demo.test"}"#,
                "The request is missing something",
            ),
            (
                r#"{"email": "carer", "password": "x"}"#,
                "Enter an email address in the correct format",
            ),
            (
                r#"{"email": "carer@demo.test", "password": ""}"#,
                "Enter your password.",
            ),
            (
                r#"{"email": "a@b.test", "password": "x", "admin": true}"#,
                "The request is missing something",
            ),
        ] {
            let request = Request::post("/api/session")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-portal-request", "1")
                .body(Body::from(body))
                .expect("request");
            let (status, error) = error_of(app.call(request).await).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert!(
                error.message.starts_with(expected),
                "{body}: {}",
                error.message
            );
        }
    }
}

#[tokio::test]
async fn demo_data_loads_once() {
    for app in demo_apps().await {
        assert!(!demo::load(&app.state.db, 0).await.expect("second load"));
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(app.state.db.pool())
            .await
            .expect("count");
        let demo_users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_demo = 1")
            .fetch_one(app.state.db.pool())
            .await
            .expect("count");
        // Four members of staff, thirteen households' lead carers and the demo applicant.
        assert_eq!(users, 18);
        assert_eq!(demo_users, users, "every demo row is marked");
    }
}

#[tokio::test]
async fn the_demo_is_never_added_to_a_database_with_real_accounts() {
    for app in apps().await {
        portal_server::admin::create_admin(
            &app.state.db,
            "lead@council.example",
            "Lead Admin",
            "a long enough passphrase",
            app.clock.now(),
        )
        .await
        .expect("created");
        let refused = demo::load(&app.state.db, app.clock.now()).await;
        assert!(
            matches!(refused, Err(demo::DemoError::RealAccounts(1))),
            "{refused:?}"
        );
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(app.state.db.pool())
            .await
            .expect("count");
        assert_eq!(users, 1, "no demo account was added on {}", app.label);
    }
}

#[tokio::test]
async fn a_created_administrator_signs_in_with_their_second_factor() {
    for app in apps().await {
        let now = app.clock.now();
        let db = &app.state.db;
        let created = portal_server::admin::create_admin(
            db,
            "Boss@Council.Test",
            "Dee Boss",
            "kettle garden purple",
            now,
        )
        .await
        .expect("created");
        assert!(created.otpauth_uri.contains(&created.totp_secret));
        let again = portal_server::admin::create_admin(
            db,
            "boss@council.test",
            "Dee",
            "kettle garden purple",
            now,
        )
        .await;
        assert_eq!(
            again.expect_err("duplicate").to_string(),
            "There is already an account for boss@council.test."
        );
        let weak =
            portal_server::admin::create_admin(db, "b2@council.test", "B", "password123", now)
                .await;
        assert!(weak.expect_err("weak").to_string().contains("too common"));

        let response = sign_in(
            &app,
            json!({"email": "boss@council.test", "password": "kettle garden purple"}),
        )
        .await;
        assert_eq!(json_body(response).await, json!({"code_needed": true}));
    }
}
