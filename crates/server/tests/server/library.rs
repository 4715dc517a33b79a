//! The library on every database: staff write documents, every device receives them, and a
//! document's version goes up only when its words change.

use portal_core::library::{Document, DocumentKind, DocumentList};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{demo_apps, pull};

fn documents_in(pulled: &PullResponse) -> Vec<Document> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "library")
        .filter_map(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("a document"))
        .collect()
}

fn complaints(body: &str) -> Value {
    json!({"kind": "policy", "title": "Complaints", "summary": "How to complain.",
        "body": body})
}

#[tokio::test]
async fn the_demo_library_reaches_carers_and_applicants_with_their_first_sync() {
    for app in demo_apps().await {
        for email in ["carer@demo.test", "applicant@demo.test"] {
            let cookie = app.sign_in_cookie(email).await;
            let documents = documents_in(&pull(&app, &cookie, 0).await);
            let kinds: Vec<DocumentKind> = documents.iter().map(|d| d.kind).collect();
            assert_eq!(documents.len(), 5, "{} {email}", app.label);
            for kind in DocumentKind::ALL {
                assert!(kinds.contains(&kind), "{} {email}: {kind:?}", app.label);
            }
            let allegations = documents
                .iter()
                .find(|d| d.id == "allegations")
                .expect("the allegations policy");
            assert_eq!(allegations.version, 2, "it was changed once");
        }
    }
}

#[tokio::test]
async fn a_document_is_published_and_its_version_goes_up_only_when_its_words_change() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let before = pull(&app, &carer, 0).await;

        let (status, created) = app
            .json(
                &worker,
                "POST",
                "/api/staff/library",
                &complaints("Tell us."),
            )
            .await;
        assert_eq!(status, 201, "{} {created}", app.label);
        let created: Document = serde_json::from_value(created).expect("a document");
        assert_eq!((created.version, created.kind), (1, DocumentKind::Policy));

        let pulled = pull(&app, &carer, before.cursor.get()).await;
        assert_eq!(documents_in(&pulled), std::slice::from_ref(&created));

        // Saved again as it was: nothing new for devices, and the same version.
        let path = format!("/api/staff/library/{}", created.id);
        let (status, same) = app
            .json(&worker, "PUT", &path, &complaints("Tell us."))
            .await;
        assert_eq!((status, same["version"].as_u64()), (200, Some(1)));
        let unchanged = pull(&app, &carer, pulled.cursor.get()).await;
        assert!(documents_in(&unchanged).is_empty(), "{}", app.label);

        let (status, changed) = app
            .json(
                &worker,
                "PUT",
                &path,
                &complaints("Tell us, or the council."),
            )
            .await;
        assert_eq!((status, changed["version"].as_u64()), (200, Some(2)));
        let after = documents_in(&pull(&app, &carer, pulled.cursor.get()).await);
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].body, "Tell us, or the council.");

        let (_, listed) = app
            .json(&worker, "GET", "/api/staff/library", &Value::Null)
            .await;
        let listed: DocumentList = serde_json::from_value(listed).expect("the library");
        assert_eq!(listed.documents.len(), 6, "{}", app.label);
        assert_eq!(listed.documents[0].kind, DocumentKind::Handbook);
        assert!(listed.can_edit);
    }
}

#[tokio::test]
async fn a_document_with_problems_is_refused_in_plain_english() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let mut bad = complaints("See [our form](javascript:alert(1)).");
        bad["title"] = json!(" ");
        let (status, error) = app.json(&admin, "POST", "/api/staff/library", &bad).await;
        assert_eq!(status, 400, "{}", app.label);
        let message = error["message"].as_str().expect("message");
        assert!(message.contains("Enter the title."), "{message}");
        assert!(message.contains("\"our form\""), "{message}");

        let (status, _) = app
            .json(
                &admin,
                "PUT",
                "/api/staff/library/nope",
                &complaints("Words."),
            )
            .await;
        assert_eq!(status, 404);
    }
}
