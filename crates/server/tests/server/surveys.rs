//! Health-check surveys through the sync engine and the staff API, on every database: staff
//! build a wave; a carer's answers count once however often they are sent; refused answers
//! are never kept; results stay hidden until enough have answered; and, given the whole
//! database, nobody can tell which response is whose.

use portal_core::surveys::{StaffSurveys, StaffWave, WaveResults};
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, pull, push};

fn answer(wave: &str, fair: &str, words: &str) -> Value {
    json!({"surveys": {"respond": {"wave": wave, "answers": {
        "fair": {"agreement": fair},
        "better": {"text": words},
    }}}})
}

async fn staff_surveys(app: &TestApp, cookie: &str) -> StaffSurveys {
    let (status, list) = app
        .json(cookie, "GET", "/api/staff/surveys", &Value::Null)
        .await;
    assert_eq!(status, 200, "{list}");
    serde_json::from_value(list).expect("surveys")
}

async fn results(app: &TestApp, cookie: &str, wave: &str, by: &str) -> WaveResults {
    let (status, body) = app
        .json(
            cookie,
            "GET",
            &format!("/api/staff/surveys/{wave}/results?by={by}"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("results")
}

/// The carer's invitations as their devices hold them: the newest `survey_invites` record's
/// text, or "" once it has gone.
async fn invitation(app: &TestApp, cookie: &str) -> String {
    pull(app, cookie, 0)
        .await
        .records
        .iter()
        .rev()
        .find(|r| r.collection == "survey_invites")
        .and_then(|r| r.body.as_ref())
        .map(|b| serde_json::from_str::<String>(b.get()).expect("a line"))
        .unwrap_or_default()
}

/// A new wave with two questions, open from the test clock's today for a fortnight.
async fn new_wave(app: &TestApp, staff: &str, anonymous: bool) -> StaffWave {
    let today = portal_core::date::CalendarDate::uk_date_of(app.clock.now());
    let form = json!({
        "title": "Quick check", "intro": "", "audience": "everyone", "anonymous": anonymous,
        "opens": today.to_string(), "closes": today.add_days(14).to_string(),
        "questions": [
            {"id": "fair", "text": "I am treated fairly", "kind": "agreement"},
            {"id": "better", "text": "What would make it better?", "kind": "free_text"},
        ],
    });
    let (status, created) = app.json(staff, "POST", "/api/staff/surveys", &form).await;
    assert_eq!(status, 200, "{created}");
    serde_json::from_value(created).expect("a wave")
}

use portal_server::Clock as _;

#[tokio::test]
async fn a_carers_answers_count_once_however_often_and_from_wherever_they_are_sent() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let list = staff_surveys(&app, &admin).await;
        let winter = list
            .waves
            .iter()
            .find(|w| w.wave.title == "Winter health check")
            .expect("the demo's open wave");
        assert_eq!(winter.answered, 5, "{}", app.label);
        let id = winter.wave.id.clone();
        let before = results(&app, &admin, &id, "").await;
        assert_eq!(before.results.expect("5 have answered")[0].responses, 5);

        // The demo's carers who have answered already are not invited.
        let begum = app.sign_in_cookie("begum@demo.test").await;
        assert_eq!(invitation(&app, &begum).await, "", "{}", app.label);
        let carer = app.sign_in_cookie("carer@demo.test").await;
        assert!(
            invitation(&app, &carer)
                .await
                .contains("Winter health check"),
            "the demo carer is invited"
        );
        let mutation = answer(&id, "agree", "Quicker replies");
        push(&app, &carer, "taylor-phone", &[(1, mutation.clone())]).await;
        // The same push again (a lost answer), and the same answers from another device.
        push(&app, &carer, "taylor-phone", &[(1, mutation.clone())]).await;
        push(
            &app,
            &carer,
            "taylor-laptop",
            &[(1, answer(&id, "disagree", "Other"))],
        )
        .await;

        // The answer waits, sealed, for four more or for the wave's close.
        let waiting = results(&app, &admin, &id, "").await;
        assert_eq!(
            (waiting.wave.answered, waiting.wave.waiting),
            (6, 1),
            "{}",
            app.label
        );
        assert_eq!(waiting.results.expect("shown")[0].responses, 5);

        // The household's devices learn that this carer has answered, and nothing more.
        let pulled = pull(&app, &carer, 0).await;
        let answered: Vec<&str> = pulled
            .records
            .iter()
            .filter(|r| r.collection == "survey_answered")
            .map(|r| r.body.as_ref().map_or("", |b| b.get()))
            .collect();
        assert_eq!(answered, ["\"answered\""], "{}", app.label);
        assert_eq!(
            invitation(&app, &carer).await,
            "",
            "and is no longer invited"
        );

        // After the close (and a fresh sign-in), it has joined the others.
        app.clock.advance(31 * 24 * 60 * 60);
        let admin = app.staff_cookie("admin@demo.test").await;
        let after = results(&app, &admin, &id, "carer_type").await;
        assert_eq!(
            (after.wave.answered, after.wave.waiting),
            (6, 0),
            "{}",
            app.label
        );
        let questions = after.results.expect("shown");
        let fair = questions
            .iter()
            .find(|r| r.question == "fair")
            .expect("fair");
        assert_eq!(fair.responses, 6, "{}", app.label);
        let words = questions
            .iter()
            .find(|r| r.question == "better")
            .expect("better");
        let portal_core::surveys::Distribution::Text(texts) = &words.distribution else {
            panic!("written answers are listed");
        };
        assert!(texts.contains(&"Quicker replies".to_owned()));
        assert!(!texts.contains(&"Other".to_owned()), "{texts:?}");
        assert_eq!(after.previous_title.as_deref(), Some("Summer health check"));
        // Breakdowns show only groups of at least five; the demo's are all smaller.
        let (_, groups) = after.breakdown.expect("a breakdown");
        assert!(
            groups[0]
                .iter()
                .all(|g| matches!(g, portal_core::surveys::GroupResult::Hidden { .. }))
        );
    }
}

#[tokio::test]
async fn refused_answers_are_explained_and_never_kept() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let list = staff_surveys(&app, &admin).await;
        let summer = &list
            .waves
            .iter()
            .find(|w| w.wave.title == "Summer health check")
            .expect("the demo's closed wave")
            .wave;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "taylor-phone",
            &[(1, answer(&summer.id, "strongly_disagree", "Secret words"))],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        let rejection = pulled.rejections.first().expect("refused");
        assert!(
            rejection.message.contains("closed on"),
            "{}",
            rejection.message
        );
        let kept: Vec<String> = sqlx::query_scalar("SELECT mutation FROM sync_rejections")
            .fetch_all(app.state.db.pool())
            .await
            .expect("rejections");
        assert!(
            kept.iter()
                .all(|m| !m.contains("Secret") && !m.contains("disagree")),
            "{kept:?}"
        );
        // Nor do the summer's results change.
        let summer_results = results(&app, &admin, &summer.id, "").await;
        assert_eq!(summer_results.wave.answered, 0);
        assert_eq!(summer_results.results.expect("shown")[0].responses, 9);
    }
}

#[tokio::test]
async fn answers_given_as_anonymous_are_never_kept_with_a_name() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let wave = new_wave(&app, &admin, true).await;
        // The survey opened today: whether it is anonymous is settled, answers or not.
        let mut form = portal_core::surveys::WaveForm::of(&wave.wave);
        form.anonymous = false;
        let path = format!("/api/staff/surveys/{}", wave.wave.id);
        let (status, body) = app.json(&admin, "PUT", &path, &json!(form)).await;
        assert_eq!(status, 409, "{body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains("can no longer change")),
            "{body}"
        );

        // A device that was told "named" (an older copy of the survey) is refused, plainly,
        // and nothing of its answers is kept.
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let mut promised_named = answer(&wave.wave.id, "disagree", "Secret words");
        promised_named["surveys"]["respond"]["anonymous"] = json!(false);
        push(&app, &carer, "taylor-phone", &[(1, promised_named)]).await;
        let pulled = pull(&app, &carer, 0).await;
        let rejection = pulled.rejections.first().expect("refused");
        assert_eq!(rejection.code, "anonymity_changed", "{}", app.label);
        let kept: Vec<String> = sqlx::query_scalar("SELECT mutation FROM sync_rejections")
            .fetch_all(app.state.db.pool())
            .await
            .expect("rejections");
        assert!(kept.iter().all(|m| !m.contains("Secret")), "{kept:?}");
        assert_eq!(
            results(&app, &admin, &wave.wave.id, "").await.wave.answered,
            0
        );

        // The same answers under the promise the survey keeps are counted.
        let mut promised_anonymous = answer(&wave.wave.id, "disagree", "Secret words");
        promised_anonymous["surveys"]["respond"]["anonymous"] = json!(true);
        push(&app, &carer, "taylor-phone", &[(2, promised_anonymous)]).await;
        assert_eq!(
            results(&app, &admin, &wave.wave.id, "").await.wave.answered,
            1
        );

        // A survey answer the server cannot read is kept as no more than that.
        let unreadable = json!({"surveys": {"respond": {"wave": 7, "answers": {"better": {"text": "Secret words"}}}}});
        push(&app, &carer, "taylor-phone", &[(3, unreadable)]).await;
        let kept: Vec<String> = sqlx::query_scalar("SELECT mutation FROM sync_rejections")
            .fetch_all(app.state.db.pool())
            .await
            .expect("rejections");
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept.iter().all(|m| !m.contains("Secret")), "{kept:?}");
    }
}

#[tokio::test]
async fn staff_build_a_wave_change_it_until_someone_answers_and_remind_and_report_back() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let wave = new_wave(&app, &admin, true).await;
        assert_eq!(wave.answered, 0);
        // Every carer with an account in an approved household: not the Nowaks (on hold)
        // nor the Walshes (who have stopped fostering).
        assert_eq!(wave.asked, 10, "{}", app.label);
        let mut form = portal_core::surveys::WaveForm::of(&wave.wave);
        form.title = "Quick health check".into();
        let (status, changed) = app
            .json(
                &admin,
                "PUT",
                &format!("/api/staff/surveys/{}", wave.wave.id),
                &json!(form),
            )
            .await;
        assert_eq!(status, 200, "{changed}");
        let (status, body) = app
            .json(
                &admin,
                "POST",
                &format!("/api/staff/surveys/{}/reminder", wave.wave.id),
                &Value::Null,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "taylor-phone",
            &[(1, answer(&wave.wave.id, "agree", ""))],
        )
        .await;
        let (status, body) = app
            .json(
                &admin,
                "PUT",
                &format!("/api/staff/surveys/{}", wave.wave.id),
                &json!(form),
            )
            .await;
        assert_eq!(status, 409, "{body}");
        let seen = results(&app, &admin, &wave.wave.id, "").await;
        assert_eq!(seen.results, None, "one answer is too few to show");
        assert_eq!(
            seen.wave.wave.reminded_on,
            Some(portal_core::date::CalendarDate::uk_date_of(app.clock.now()))
        );

        let mut bad = form.clone();
        bad.title = String::new();
        let (status, body) = app
            .json(&admin, "POST", "/api/staff/surveys", &json!(bad))
            .await;
        assert_eq!(status, 400);
        assert_eq!(body["message"], "Enter a title.", "{body}");

        let note = json!({"you_said": "Replies are slow", "we_did": "We answer within five days"});
        let (status, body) = app
            .json(
                &admin,
                "POST",
                &format!("/api/staff/surveys/{}/notes", wave.wave.id),
                &note,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let pulled = pull(&app, &carer, 0).await;
        let notes = pulled
            .records
            .iter()
            .filter(|r| r.collection == "survey_notes")
            .count();
        assert_eq!(notes, 2, "the demo's note and this one reach carers");
    }
}

/// The carers who answer in the tests below: the first two alike in everything a response keeps
/// (once the Greens are moved to the Taylors' area), then three more to make up a batch.
const ANSWERING: [(&str, &str); 5] = [
    ("carer@demo.test", "taylor-phone"),
    ("green@demo.test", "green-phone"),
    ("hughes@demo.test", "hughes-phone"),
    ("begum@demo.test", "begum-phone"),
    ("ahmed@demo.test", "ahmed-phone"),
];

/// A demo app whose Greens live in the Taylors' area, with a new wave and the five carers'
/// sign-ins.
async fn five_carers(anonymous: bool) -> (TestApp, String, String, Vec<String>) {
    let app = demo_apps().await.into_iter().next().expect("SQLite");
    // Responses keep carer type and area, for breakdowns: make the Greens like the Taylors.
    sqlx::query("UPDATE households SET area = 'Northby' WHERE name = 'The Green household'")
        .execute(app.state.db.pool())
        .await
        .expect("move the Greens");
    let admin = app.staff_cookie("admin@demo.test").await;
    let wave = new_wave(&app, &admin, anonymous).await.wave.id;
    let mut cookies = Vec::new();
    for (email, _) in ANSWERING {
        cookies.push(app.sign_in_cookie(email).await);
    }
    (app, admin, wave, cookies)
}

/// Two carers alike in everything a response keeps answer, then three more; in one world the
/// first says X and the second Y, in the other the other way round. If the database can link a
/// response to its carer, the two worlds' databases differ. They must not.
async fn worlds_differ(anonymous: bool) -> Option<bool> {
    let (app, _, wave, cookies) = five_carers(anonymous).await;
    let [one, other] = app.sqlite_twins().await?;
    for (world, (taylor_says, green_says)) in [
        (&one, ("agree", "disagree")),
        (&other, ("disagree", "agree")),
    ] {
        let says = [taylor_says, green_says, "agree", "agree", "agree"];
        for (((_, device), cookie), said) in ANSWERING.iter().zip(&cookies).zip(says) {
            push(
                world,
                cookie,
                device,
                &[(1, answer(&wave, said, &format!("I {said}")))],
            )
            .await;
        }
    }
    let (one, other) = (one.sqlite_dump().await, other.sqlite_dump().await);
    assert!(
        one.iter().any(|row| row.contains("I disagree")),
        "the answers are in the database"
    );
    Some(one != other)
}

#[tokio::test]
async fn given_the_whole_database_an_anonymous_response_cannot_be_linked_to_its_carer() {
    assert_eq!(
        worlds_differ(true).await,
        Some(false),
        "anonymous: the worlds are alike"
    );
    // The same test on a named survey tells the worlds apart, so it can see a link.
    assert_eq!(
        worlds_differ(false).await,
        Some(true),
        "named: the worlds differ"
    );
}

/// Copies of the database taken before and after one anonymous answer arrives show that the
/// carer answered, and that something sealed is waiting, but not what they said. The answer
/// joins the results only with four others.
#[tokio::test]
async fn an_answer_that_arrives_alone_waits_sealed_until_five_have_come() {
    let (app, admin, wave, cookies) = five_carers(true).await;
    let before = app.sqlite_dump().await;
    let (_, device) = ANSWERING[0];
    push(
        &app,
        &cookies[0],
        device,
        &[(1, answer(&wave, "agree", "Said quietly"))],
    )
    .await;
    let after = app.sqlite_dump().await;
    let new_rows: Vec<&String> = after.iter().filter(|row| !before.contains(row)).collect();
    assert!(
        new_rows
            .iter()
            .all(|row| !row.contains("quietly") && !row.contains("agree")),
        "nothing of the answer can be read: {new_rows:?}"
    );
    assert!(
        new_rows
            .iter()
            .any(|row| row.starts_with("survey_waiting:")),
        "{new_rows:?}"
    );
    let seen = results(&app, &admin, &wave, "").await;
    assert_eq!((seen.wave.answered, seen.wave.waiting), (1, 1));
    assert_eq!(seen.results, None);

    for ((_, device), cookie) in ANSWERING.iter().zip(&cookies).skip(1) {
        push(&app, cookie, device, &[(1, answer(&wave, "disagree", ""))]).await;
    }
    let seen = results(&app, &admin, &wave, "").await;
    assert_eq!((seen.wave.answered, seen.wave.waiting), (5, 0));
    assert_eq!(seen.results.expect("five joined")[0].responses, 5);
    let dump = app.sqlite_dump().await;
    assert!(dump.iter().any(|row| row.contains("Said quietly")));
    assert!(
        dump.iter().all(|row| !row.starts_with("survey_waiting:")),
        "none left waiting"
    );
}

#[tokio::test]
async fn a_household_put_on_hold_is_asked_no_more_and_asked_again_when_approved() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        assert!(!invitation(&app, &carer).await.is_empty());
        let (_, list) = app
            .json(&worker, "GET", "/api/staff/carers", &Value::Null)
            .await;
        let taylor = list["carers"]
            .as_array()
            .and_then(|all| all.iter().find(|h| h["name"] == "The Taylor household"))
            .expect("the Taylors")
            .clone();
        let path = format!("/api/staff/carers/{}", taylor["id"].as_str().expect("id"));
        let mut version = taylor["version"].as_i64().expect("version");
        for (status, invited) in [("on_hold", false), ("approved", true)] {
            let facts = json!({
                "version": version, "carer_type": "mainstream", "status": status,
                "approved_on": "12/09/2021",
                "supervising_worker_id": taylor["supervising_worker"]["id"],
            });
            let (code, saved) = app.json(&worker, "PUT", &path, &facts).await;
            assert_eq!(code, 200, "{saved}");
            version = saved["version"].as_i64().expect("version");
            assert_eq!(
                !invitation(&app, &carer).await.is_empty(),
                invited,
                "{status} on {}",
                app.label
            );
        }
    }
}

#[tokio::test]
async fn a_household_not_approved_cannot_answer_so_rates_never_pass_all() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let wave = new_wave(&app, &admin, true).await;
        // The Nowaks are on hold: not asked, and an answer from them is not counted.
        let nowak = app.sign_in_cookie("nowak@demo.test").await;
        push(
            &app,
            &nowak,
            "nowak-phone",
            &[(1, answer(&wave.wave.id, "agree", ""))],
        )
        .await;
        let pulled = pull(&app, &nowak, 0).await;
        let rejection = pulled.rejections.first().expect("refused");
        assert_eq!(rejection.code, "not_asked", "{}", app.label);
        let seen = results(&app, &admin, &wave.wave.id, "").await;
        assert_eq!(seen.wave.answered, 0);
        assert!(seen.wave.answered <= seen.wave.asked);
    }
}

#[tokio::test]
async fn a_household_that_stops_fostering_is_asked_the_exit_interview_and_nothing_else() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        assert!(
            !invitation(&app, &carer)
                .await
                .contains("Leaving fostering with us")
        );
        let (_, list) = app
            .json(&worker, "GET", "/api/staff/carers", &Value::Null)
            .await;
        let taylor = list["carers"]
            .as_array()
            .and_then(|all| all.iter().find(|h| h["name"] == "The Taylor household"))
            .expect("the Taylors")
            .clone();
        let path = format!("/api/staff/carers/{}", taylor["id"].as_str().expect("id"));
        let facts = json!({
            "version": taylor["version"], "carer_type": "mainstream", "status": "ended",
            "approved_on": "12/09/2021", "exit_reason": "moved_away", "exit_words": "",
            "supervising_worker_id": taylor["supervising_worker"]["id"],
        });
        let (code, saved) = app.json(&worker, "PUT", &path, &facts).await;
        assert_eq!(code, 200, "{saved}");
        let invited = invitation(&app, &carer).await;
        assert!(
            invited.contains("Leaving fostering with us"),
            "{}: {invited}",
            app.label
        );
        assert!(!invited.contains("Winter health check"), "{invited}");

        let admin = app.staff_cookie("admin@demo.test").await;
        let leaving = staff_surveys(&app, &admin)
            .await
            .waves
            .into_iter()
            .find(|w| w.wave.title == "Leaving fostering with us")
            .expect("the exit interview");
        // Asked: the Walsh and Lindqvist households (which answered) and now the Taylors.
        assert_eq!((leaving.answered, leaving.asked), (2, 3), "{}", app.label);
        let exit_answer = json!({"surveys": {"respond": {"wave": leaving.wave.id, "answers": {
            "supported": {"agreement": "agree"},
        }}}});
        push(&app, &carer, "taylor-leaving", &[(1, exit_answer)]).await;
        assert!(
            pull(&app, &carer, 0).await.rejections.is_empty(),
            "{}",
            app.label
        );
        assert!(invitation(&app, &carer).await.is_empty());
        let seen = results(&app, &admin, &leaving.wave.id, "").await;
        assert_eq!(
            (seen.wave.answered, seen.wave.asked),
            (3, 3),
            "{}",
            app.label
        );
    }
}

/// The daily job lets the answers still waiting when a survey closes join its results, whether
/// or not anyone opens them.
#[tokio::test]
async fn the_daily_job_lets_a_closed_surveys_last_answers_join() {
    use portal_server::surveys::{pool, settle_closed, waiting};
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let wave = new_wave(&app, &admin, true).await.wave.id;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "taylor-phone",
            &[(1, answer(&wave, "agree", "Sent late"))],
        )
        .await;
        let db = &app.state.db;
        let run = || async {
            let today = portal_core::date::CalendarDate::uk_date_of(app.clock.now());
            settle_closed(db, &app.state.survey_key, today)
                .await
                .expect("the job runs");
        };
        run().await;
        assert_eq!(
            pool(db.pool(), &wave).await.expect("pool").len(),
            0,
            "open: it waits"
        );
        // The wave closes 14 days after it opened.
        app.clock.advance(15 * 24 * 60 * 60);
        run().await;
        assert_eq!(
            pool(db.pool(), &wave).await.expect("pool").len(),
            1,
            "{}",
            app.label
        );
        assert_eq!(waiting(db.pool(), &wave).await.expect("count"), 0);
    }
}
