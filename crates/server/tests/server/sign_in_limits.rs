//! Sign-in limits as a crowd would meet them: behind the council's proxy, from many addresses,
//! in parallel, and while the password checks are all busy. See `auth::limits` for the policy.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{StatusCode, header};
use axum::response::Response;
use portal_core::wire::ApiErrorBody;
use portal_server::{HashGate, TrustedProxies};
use serde_json::json;
use tower::ServiceExt as _;

use crate::common::{TestApp, demo_apps, json_of, sign_in_request};

const CARER: &str = "carer@demo.test";
const PROXY: &str = "10.0.0.5:44000";

/// A sign-in as a browser would send it: through the proxy on behalf of `client` when there is
/// one, with the browser's known-device cookie when it has one.
async fn sign_in_from(
    app: &TestApp,
    email: &str,
    password: &str,
    client: Option<&str>,
    device: Option<&str>,
) -> Response {
    let mut request = sign_in_request(&json!({"email": email, "password": password}));
    let peer: SocketAddr = PROXY.parse().expect("address");
    request.extensions_mut().insert(ConnectInfo(peer));
    if let Some(client) = client {
        request
            .headers_mut()
            .insert("x-forwarded-for", client.parse().expect("header value"));
    }
    if let Some(device) = device {
        request
            .headers_mut()
            .insert(header::COOKIE, device.parse().expect("header value"));
    }
    app.call(request).await
}

/// The `portal_device=…` cookie a successful sign-in hands the browser.
fn device_cookie(response: &Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("portal_device="))
        .and_then(|v| v.split(';').next())
        .expect("a known-device cookie")
        .to_owned()
}

fn behind_the_proxy(app: TestApp) -> TestApp {
    app.with_state(|state| {
        state.with_trusted_proxies(TrustedProxies::new(vec![
            "10.0.0.0/8".parse().expect("range"),
        ]))
    })
}

#[tokio::test]
async fn thirty_failures_from_one_address_lock_out_no_one_behind_the_proxy() {
    for app in demo_apps().await {
        let app = behind_the_proxy(app);
        for n in 0..30 {
            let response = sign_in_from(
                &app,
                &format!("made-up-{n}@example.test"),
                "guess-guess",
                Some("203.0.113.9"),
                None,
            )
            .await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{}", app.label);
        }
        // Another person behind the same proxy signs in at once.
        let response = sign_in_from(&app, CARER, "demo-password", Some("203.0.113.10"), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        // Even from the guessing address, a right password is only ever slowed, never refused.
        let response = sign_in_from(
            &app,
            "nowak@demo.test",
            "demo-password",
            Some("203.0.113.9"),
            None,
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
    }
}

#[tokio::test]
async fn a_forwarded_address_from_an_untrusted_connection_is_not_believed() {
    for app in demo_apps().await {
        // No trusted proxies: the header is the client's own words, so changing it each time
        // does not make each guess a new client, and the account limit still holds.
        for n in 0..5 {
            let client = format!("198.51.100.{n}");
            let response = sign_in_from(&app, CARER, "guess-guess", Some(&client), None).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        let response =
            sign_in_from(&app, CARER, "demo-password", Some("198.51.100.99"), None).await;
        assert_eq!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.label
        );
    }
}

#[tokio::test]
async fn a_browser_that_signed_in_before_still_signs_in_while_strangers_guess() {
    for app in demo_apps().await {
        let app = behind_the_proxy(app);
        let first = sign_in_from(&app, CARER, "demo-password", Some("192.0.2.1"), None).await;
        assert_eq!(first.status(), StatusCode::OK);
        let known = device_cookie(&first);
        assert!(
            first
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| v.starts_with("portal_device=")
                    && v.contains("HttpOnly")
                    && v.contains("Path=/api/session")),
            "the known-device cookie is for signing in only, out of scripts' reach"
        );

        // Strangers use up the account's budget for browsers it does not know.
        for n in 0..8 {
            let client = format!("198.51.100.{n}");
            let response = sign_in_from(&app, CARER, "guess-guess", Some(&client), None).await;
            assert!(
                matches!(
                    response.status(),
                    StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
                ),
                "{}",
                response.status()
            );
        }
        let stranger =
            sign_in_from(&app, CARER, "demo-password", Some("198.51.100.50"), None).await;
        assert_eq!(stranger.status(), StatusCode::TOO_MANY_REQUESTS);

        // The carer's own browser is not locked out by them.
        let again = sign_in_from(
            &app,
            CARER,
            "demo-password",
            Some("192.0.2.1"),
            Some(&known),
        )
        .await;
        assert_eq!(again.status(), StatusCode::OK, "{}", app.label);
        // And it keeps its token, so it stays known.
        assert_eq!(device_cookie(&again), known);

        // A known browser that guesses has a limit of its own.
        for _ in 0..5 {
            let response =
                sign_in_from(&app, CARER, "guess-guess", Some("192.0.2.1"), Some(&known)).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        let response = sign_in_from(
            &app,
            CARER,
            "demo-password",
            Some("192.0.2.1"),
            Some(&known),
        )
        .await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);

        // A browser known to one account is a stranger to another.
        let other = "nowak@demo.test";
        for _ in 0..5 {
            let response =
                sign_in_from(&app, other, "guess-guess", Some("198.51.100.7"), None).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        let response = sign_in_from(
            &app,
            other,
            "demo-password",
            Some("192.0.2.1"),
            Some(&known),
        )
        .await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn guesses_sent_all_at_once_are_counted_before_any_is_checked() {
    for app in demo_apps().await {
        let mut guesses = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let router = app.router.clone();
            let request = sign_in_request(&json!({"email": CARER, "password": "guess-guess"}));
            guesses.spawn(async move { router.oneshot(request).await });
        }
        let mut checked = 0;
        while let Some(answer) = guesses.join_next().await {
            let response = answer.expect("joined").expect("infallible");
            match response.status() {
                StatusCode::UNAUTHORIZED => checked += 1,
                StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {}
                other => panic!("unexpected {other}"),
            }
        }
        assert!(
            checked <= 5,
            "{checked} guesses were checked on {}",
            app.label
        );
    }
}

#[tokio::test]
async fn when_every_password_check_is_busy_the_answer_says_so_and_counts_nothing() {
    for app in demo_apps().await {
        let busy = app.with_state(|state| state.with_hashing(HashGate::new(0, Duration::ZERO)));
        for _ in 0..6 {
            let response = sign_in_from(&busy, CARER, "demo-password", None, None).await;
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(response.headers()[header::RETRY_AFTER], "5");
            let error: ApiErrorBody = json_of(response).await;
            assert_eq!(
                error.message,
                "The portal is busy just now. Try again in a few seconds."
            );
        }
        // None of those was a failure, so the account is not locked when checks are free again.
        let free = busy.with_state(|state| state.with_hashing(HashGate::for_this_machine()));
        let response = sign_in_from(&free, CARER, "demo-password", None, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", free.label);
    }
}
