//! Who may call what: every API route, for every role and for nobody, on every database.
//! Records belonging to someone else are covered route by route in sync.rs.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

use crate::common::demo_apps;

/// Who is calling: nobody, a carer, or a member of staff in each role.
const CALLERS: [(&str, Option<&str>); 6] = [
    ("nobody", None),
    ("carer", Some("carer@demo.test")),
    ("supervising social worker", Some("worker@demo.test")),
    ("finance", Some("finance@demo.test")),
    ("recruitment", Some("recruit@demo.test")),
    ("administrator", Some("admin@demo.test")),
];

type Expectation = (Method, &'static str, Option<String>, [StatusCode; 6]);

/// Staff who may look households up, and those who may also change them.
fn viewers(ok: StatusCode) -> [StatusCode; 6] {
    use StatusCode as S;
    [S::UNAUTHORIZED, S::FORBIDDEN, ok, ok, ok, ok]
}

fn managers(ok: StatusCode) -> [StatusCode; 6] {
    use StatusCode as S;
    [
        S::UNAUTHORIZED,
        S::FORBIDDEN,
        ok,
        S::FORBIDDEN,
        S::FORBIDDEN,
        ok,
    ]
}

/// What only carers (and applicants, who sign in as carers) may call.
fn carers_only(ok: StatusCode) -> [StatusCode; 6] {
    use StatusCode as S;
    [
        S::UNAUTHORIZED,
        ok,
        S::FORBIDDEN,
        S::FORBIDDEN,
        S::FORBIDDEN,
        S::FORBIDDEN,
    ]
}

/// What only administrators may call.
fn admins_only(ok: StatusCode) -> [StatusCode; 6] {
    use StatusCode as S;
    [
        S::UNAUTHORIZED,
        S::FORBIDDEN,
        S::FORBIDDEN,
        S::FORBIDDEN,
        S::FORBIDDEN,
        ok,
    ]
}

/// The training routes (the course catalogue, the overview, households' logs) and the
/// library.
fn training_routes() -> Vec<Expectation> {
    use StatusCode as S;
    let course = json!({"title": "First aid", "category": "Health", "mandatory_for": [],
        "renewal_months": "", "standards": []})
    .to_string();
    // Valid but for the missing title: whoever gets past the role check is told that.
    let untitled_course = course.replace("First aid", "");
    let untitled_document =
        json!({"kind": "policy", "title": "", "summary": "S", "body": "B"}).to_string();
    let untitled_article =
        json!({"title": "", "summary": "S", "body": "B", "audience": "everyone"}).to_string();
    vec![
        (Method::GET, "/api/staff/courses", None, viewers(S::OK)),
        (
            Method::POST,
            "/api/staff/courses",
            Some(untitled_course),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/staff/courses/nope",
            Some(course),
            managers(S::NOT_FOUND),
        ),
        (Method::GET, "/api/staff/library", None, viewers(S::OK)),
        (
            Method::POST,
            "/api/staff/library",
            Some(untitled_document.clone()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/staff/library/nope",
            Some(untitled_document),
            managers(S::NOT_FOUND),
        ),
        (Method::GET, "/api/staff/news", None, viewers(S::OK)),
        (
            Method::POST,
            "/api/staff/news",
            Some(untitled_article.clone()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/staff/news/nope",
            Some(untitled_article),
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/news/contributions/nope",
            Some(json!({"not_used": {"note": "Sorry."}}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (Method::GET, "/api/staff/reviews", None, managers(S::OK)),
        (
            Method::GET,
            "/api/staff/carers/nope/review",
            None,
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/carers/nope/review/held",
            Some(json!({"comment": ""}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (Method::GET, "/api/staff/training", None, managers(S::OK)),
        (
            Method::GET,
            "/api/staff/training.csv",
            None,
            managers(S::OK),
        ),
        (
            Method::GET,
            "/api/staff/carers/nope/training",
            None,
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/training/entries/nope/verification",
            None,
            managers(S::NOT_FOUND),
        ),
    ]
}

/// The support group and support contact routes for staff.
fn group_routes() -> Vec<Expectation> {
    use StatusCode as S;
    vec![
        (Method::GET, "/api/staff/groups", None, managers(S::OK)),
        (
            Method::POST,
            "/api/staff/groups",
            // Valid in shape, but empty: whoever gets past the role check is told what to fix.
            Some(untitled_group()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/staff/groups/sessions/nope/cancellation",
            Some(json!({"reason": "Snow"}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/groups/nope",
            Some(untitled_group()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/groups/nope/sessions",
            Some(untitled_group()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/groups/sessions/nope",
            Some(
                serde_json::to_string(&portal_core::groups::SessionForm::default()).expect("json"),
            ),
            managers(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/groups/sessions/nope/register",
            Some(json!({"marks": []}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/groups/sessions/nope/messages",
            Some(json!({"text": "Room 2"}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::GET,
            "/api/staff/support-contacts",
            None,
            viewers(S::OK),
        ),
        (
            Method::PUT,
            "/api/staff/support-contacts",
            // Valid in shape, but empty: whoever gets past the role check is told what to fix.
            Some(
                serde_json::to_string(&portal_core::support::SupportContacts::default())
                    .expect("json"),
            ),
            managers(S::BAD_REQUEST),
        ),
    ]
}

/// The buddy scheme's routes for staff.
fn buddy_routes() -> Vec<Expectation> {
    use StatusCode as S;
    vec![
        (Method::GET, "/api/staff/buddies", None, viewers(S::OK)),
        (
            Method::POST,
            "/api/staff/buddies/proposals",
            None,
            managers(S::OK),
        ),
        (
            Method::GET,
            "/api/staff/buddies/weights",
            None,
            viewers(S::OK),
        ),
        (
            Method::PUT,
            "/api/staff/buddies/weights",
            Some(
                serde_json::to_string(&portal_core::buddies::WeightsForm::default()).expect("json"),
            ),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/staff/buddies/pairings",
            Some(json!({"pairs": []}).to_string()),
            managers(S::CREATED),
        ),
        (
            Method::POST,
            "/api/staff/buddies/pairings/nope/close",
            Some(json!({"reason": "Moved away"}).to_string()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/buddies/barred",
            Some(json!({"first": "", "second": "", "reason": ""}).to_string()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::DELETE,
            "/api/staff/buddies/barred/nope/nobody",
            None,
            managers(S::NO_CONTENT),
        ),
    ]
}

/// The survey routes: administrators and supervising social workers run surveys; finance
/// and carers have no part in them (carers answer by pushing).
fn survey_routes() -> Vec<Expectation> {
    use StatusCode as S;
    let wave = json!({"title": "", "intro": "", "opens": "", "closes": "", "audience": "everyone",
        "anonymous": true, "questions": []})
    .to_string();
    let note = json!({"you_said": "More groups", "we_did": "Two more groups"}).to_string();
    vec![
        (Method::GET, "/api/staff/surveys", None, managers(S::OK)),
        (
            Method::POST,
            "/api/staff/surveys",
            Some(wave.clone()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/staff/surveys/nope",
            Some(wave),
            managers(S::NOT_FOUND),
        ),
        (
            Method::GET,
            "/api/staff/surveys/nope/results?by=area",
            None,
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/surveys/nope/reminder",
            None,
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/surveys/nope/notes",
            Some(note),
            managers(S::NOT_FOUND),
        ),
    ]
}

/// The payment query routes for staff: everyone on the staff side may read them (a
/// supervising social worker only their carers'), and finance and administrators answer.
fn payment_routes() -> Vec<Expectation> {
    use StatusCode as S;
    let readers = |ok| [S::UNAUTHORIZED, S::FORBIDDEN, ok, ok, S::FORBIDDEN, ok];
    let finance = |ok| {
        [
            S::UNAUTHORIZED,
            S::FORBIDDEN,
            S::FORBIDDEN,
            ok,
            S::FORBIDDEN,
            ok,
        ]
    };
    vec![
        (
            Method::GET,
            "/api/staff/payments/queries",
            None,
            readers(S::OK),
        ),
        // A photo is its household's and theirs who may read its queries; another's, or none,
        // is "not found" alike. Only carers send photos.
        (
            Method::GET,
            "/api/photos/nope",
            None,
            [
                S::UNAUTHORIZED,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::FORBIDDEN,
                S::NOT_FOUND,
            ],
        ),
        (
            Method::PUT,
            "/api/photos/nope",
            None,
            [
                S::UNAUTHORIZED,
                S::BAD_REQUEST,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            Method::POST,
            "/api/staff/payments/queries/nope/messages",
            Some(json!({"text": "Paid on Friday"}).to_string()),
            finance(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/payments/queries/nope/status",
            Some(json!({"from": "sent", "to": "resolved"}).to_string()),
            finance(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/payments/queries/nope/handler",
            Some(json!({"handler": "nobody"}).to_string()),
            finance(S::BAD_REQUEST),
        ),
        (
            Method::GET,
            "/api/staff/payments/rates",
            None,
            readers(S::OK),
        ),
        (
            Method::POST,
            "/api/staff/payments/rates",
            Some(serde_json::to_string(&portal_core::payments::RateForm::default()).expect("json")),
            finance(S::BAD_REQUEST),
        ),
        (
            Method::GET,
            "/api/staff/payments/notice",
            None,
            readers(S::OK),
        ),
        (
            Method::PUT,
            "/api/staff/payments/notice",
            Some(json!({"text": "x".repeat(501)}).to_string()),
            finance(S::BAD_REQUEST),
        ),
    ]
}

/// The claim routes for staff: as for payment queries, supervising social workers read
/// (their carers' claims) and finance and administrators decide, pay and set the rates.
fn claim_routes() -> Vec<Expectation> {
    use StatusCode as S;
    let readers = |ok| [S::UNAUTHORIZED, S::FORBIDDEN, ok, ok, S::FORBIDDEN, ok];
    let finance = |ok| {
        [
            S::UNAUTHORIZED,
            S::FORBIDDEN,
            S::FORBIDDEN,
            ok,
            S::FORBIDDEN,
            ok,
        ]
    };
    let nobody = Some(json!({"claims": ["nope"], "paid_on": "2026-11-27"}).to_string());
    vec![
        (Method::GET, "/api/staff/claims", None, readers(S::OK)),
        (
            Method::GET,
            "/api/staff/claims/payment-run.csv",
            None,
            finance(S::OK),
        ),
        (
            Method::GET,
            "/api/staff/claims/settings",
            None,
            readers(S::OK),
        ),
        (
            Method::PUT,
            "/api/staff/claims/settings",
            Some(json!({"rate_from": "soon", "pence_per_mile": "", "oldest_days": ""}).to_string()),
            finance(S::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/staff/claims/approve",
            nobody.clone(),
            finance(S::OK),
        ),
        (
            Method::POST,
            "/api/staff/claims/paid",
            nobody,
            finance(S::OK),
        ),
        // One claim: the demo Taylors' (supervised by the worker), and the Hughes's (not).
        (
            Method::GET,
            "/api/staff/claims/demo-claim-0-0",
            None,
            readers(S::OK),
        ),
        (
            Method::GET,
            "/api/staff/claims/demo-claim-2-0",
            None,
            [
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::NOT_FOUND,
                S::OK,
                S::FORBIDDEN,
                S::OK,
            ],
        ),
        (
            Method::POST,
            "/api/staff/claims/nope/messages",
            Some(json!({"text": "Which child?"}).to_string()),
            finance(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/claims/nope/decision",
            Some(json!({"from": "submitted", "decision": "approve"}).to_string()),
            finance(S::NOT_FOUND),
        ),
    ]
}

/// The enquiry routes: anyone sends one; the recruitment team and administrators handle them.
fn enquiry_routes() -> Vec<Expectation> {
    use StatusCode as S;
    let team = |ok| {
        [
            S::UNAUTHORIZED,
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN,
            ok,
            ok,
        ]
    };
    let household = json!({"household_name": "", "carer_name": "Ash Lee",
        "email": "ash@example.test", "area": "Northby", "carer_type": "mainstream",
        "status": "assessment", "approved_on": "", "supervising_worker_id": ""});
    vec![
        // Invalid in every caller's hands: no id, no answers.
        (
            Method::POST,
            "/api/enquiries",
            Some(json!({"id": "x", "form": {}}).to_string()),
            [S::BAD_REQUEST; 6],
        ),
        (Method::GET, "/api/staff/enquiries", None, team(S::OK)),
        (
            Method::GET,
            "/api/staff/enquiries/funnel",
            None,
            team(S::OK),
        ),
        (
            Method::GET,
            "/api/staff/enquiries/nope",
            None,
            team(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/enquiries/nope/actions",
            Some(json!({"action": "note", "note": "Rang"}).to_string()),
            team(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/enquiries/nope/handler",
            Some(json!({"staff_id": ""}).to_string()),
            team(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/enquiries/nope/household",
            Some(household.to_string()),
            team(S::BAD_REQUEST),
        ),
        (
            Method::GET,
            "/api/staff/enquiries/nope/application",
            None,
            team(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/enquiries/nope/application/tasks",
            Some(json!({"task": "dbs", "confirmed": true}).to_string()),
            team(S::NOT_FOUND),
        ),
    ]
}

/// A group form with every field present and nothing filled in.
fn untitled_group() -> String {
    serde_json::to_string(&portal_core::groups::GroupForm::default()).expect("json")
}

/// Each route, with the status each caller in `CALLERS` must get.
fn routes() -> Vec<Expectation> {
    use StatusCode as S;
    let push = json!({"client_id": "tab-authz-01", "mutations": []}).to_string();
    let facts = json!({"version": 1, "carer_type": "mainstream", "status": "assessment",
        "approved_on": "", "supervising_worker_id": ""});
    // Valid but for the missing household name: whoever gets past the role check is told that.
    let mut household = facts.clone();
    household["household_name"] = json!("");
    household["carer_name"] = json!("Ash Lee");
    household["email"] = json!("ash@example.test");
    household["area"] = json!("Northby");
    let token = json!({"token": "made-up"}).to_string();
    let accept = json!({"token": "made-up", "password": "kettle garden purple"}).to_string();
    vec![
        (Method::GET, "/api/health", None, [S::OK; 6]),
        (Method::GET, "/api/session", None, [S::OK; 6]),
        // Anyone may try to sign in; what is sent is checked before anything else.
        (
            Method::POST,
            "/api/session",
            Some(json!({"email": "not an address", "password": "x"}).to_string()),
            [S::BAD_REQUEST; 6],
        ),
        (Method::DELETE, "/api/session", None, [S::NO_CONTENT; 6]),
        (Method::GET, "/api/sync/pull", None, carers_only(S::OK)),
        (
            Method::POST,
            "/api/sync/push",
            Some(push),
            carers_only(S::OK),
        ),
        (Method::GET, "/api/staff/carers", None, viewers(S::OK)),
        (
            Method::GET,
            "/api/staff/carers/nope",
            None,
            viewers(S::NOT_FOUND),
        ),
        (
            Method::PUT,
            "/api/staff/carers/nope",
            Some(facts.to_string()),
            managers(S::NOT_FOUND),
        ),
        (
            Method::POST,
            "/api/staff/carers",
            Some(household.to_string()),
            managers(S::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/staff/carers/nope/invitation",
            None,
            managers(S::NOT_FOUND),
        ),
        (Method::GET, "/api/staff/exits", None, managers(S::OK)),
        // What staff did to a household is for administrators to read.
        (
            Method::GET,
            "/api/staff/carers/nope/history",
            None,
            admins_only(S::NOT_FOUND),
        ),
        // Invitations are for people who cannot sign in yet: the token is the only key.
        (
            Method::POST,
            "/api/invitation",
            Some(token),
            [S::NOT_FOUND; 6],
        ),
        (
            Method::POST,
            "/api/invitation/accept",
            Some(accept),
            [S::NOT_FOUND; 6],
        ),
    ]
}

/// Email notices: each carer or applicant chooses their own; staff get none. The outbox names
/// everyone emailed, so only administrators see it.
fn notice_routes() -> Vec<Expectation> {
    use StatusCode as S;
    vec![
        (Method::GET, "/api/notifications", None, carers_only(S::OK)),
        (
            Method::PUT,
            "/api/notifications",
            Some(json!({"wanted": ["replies", "surveys"]}).to_string()),
            carers_only(S::OK),
        ),
        (Method::GET, "/api/staff/outbox", None, admins_only(S::OK)),
    ]
}

/// Every route with what each caller gets.
fn matrix() -> Vec<Expectation> {
    routes()
        .into_iter()
        .chain(training_routes())
        .chain(group_routes())
        .chain(buddy_routes())
        .chain(payment_routes())
        .chain(claim_routes())
        .chain(survey_routes())
        .chain(enquiry_routes())
        .chain(notice_routes())
        .collect()
}

#[tokio::test]
async fn every_route_answers_every_caller_as_the_rules_say() {
    for app in demo_apps().await {
        for (index, (who, email)) in CALLERS.iter().enumerate() {
            for (method, path, body, expected) in matrix() {
                // A fresh sign-in per call: signing out must not spoil the next route.
                let cookie = match email {
                    None => None,
                    Some(e) if e.starts_with("carer") => Some(app.sign_in_cookie(e).await),
                    Some(e) => Some(app.staff_cookie(e).await),
                };
                let mut request = Request::builder()
                    .method(method.clone())
                    .uri(path)
                    .header("x-portal-request", "1");
                if let Some(cookie) = &cookie {
                    request = request.header(header::COOKIE, cookie);
                }
                if body.is_some() {
                    request = request.header(header::CONTENT_TYPE, "application/json");
                }
                let request = request
                    .body(body.clone().map_or_else(Body::empty, Body::from))
                    .expect("request");
                let status = app.call(request).await.status();
                assert_eq!(
                    status, expected[index],
                    "{method} {path} as {who} on {}",
                    app.label
                );
            }
        }
    }
}

/// The methods the router answers at `path` (under `/api`), from the `Allow` header of its
/// answer to a method no route uses.
async fn methods_at(app: &crate::common::TestApp, path: &str) -> Vec<String> {
    let request = Request::builder()
        .method(Method::TRACE)
        .uri(format!("/api{path}"))
        .header("x-portal-request", "1")
        .body(Body::empty())
        .expect("request");
    let response = app.call(request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
    response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(',')
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty() && m != "HEAD")
        .collect()
}

/// Whether a path the matrix calls (`/api/staff/carers/nope?x=1`) is one the router writes as
/// `pattern` (`/staff/carers/{id}`).
fn matches(pattern: &str, called: &str) -> bool {
    let called = called.split('?').next().unwrap_or_default();
    let Some(called) = called.strip_prefix("/api") else {
        return false;
    };
    let (wanted, got): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), called.split('/').collect());
    wanted.len() == got.len()
        && wanted
            .iter()
            .zip(&got)
            .all(|(w, g)| w == g || (w.starts_with('{') && w.ends_with('}') && !g.is_empty()))
}

#[tokio::test]
async fn every_route_the_router_answers_is_in_the_matrix() {
    let app = demo_apps().await.into_iter().next().expect("SQLite");
    let matrix: Vec<(Method, &str)> = matrix()
        .into_iter()
        .map(|(method, path, _, _)| (method, path))
        .collect();
    let mut missing = Vec::new();
    for pattern in portal_server::api::paths() {
        let called = pattern
            .split('/')
            .map(|part| if part.starts_with('{') { "nope" } else { part })
            .collect::<Vec<_>>()
            .join("/");
        let methods = methods_at(&app, &called).await;
        assert!(!methods.is_empty(), "{pattern} answers no method");
        for method in methods {
            let covered = matrix
                .iter()
                .any(|(m, path)| m.as_str() == method && matches(pattern, path));
            if !covered {
                missing.push(format!("{method} /api{pattern}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the authorization matrix: {missing:#?}"
    );
}
