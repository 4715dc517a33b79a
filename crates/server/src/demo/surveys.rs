//! The demo council's health checks: last summer's, closed, with its results and a "You said,
//! we did" note, and this winter's, open now, asking the same questions again. Some carers
//! have answered this winter's already; the demo carer has not.

use portal_core::date::CalendarDate;
use portal_core::surveys::{
    Agreement, Answer, NoteForm, QuestionForm, Response, Wave, WaveForm, add_to_pool,
};
use sqlx::{Any, Transaction};

use super::DemoError;
use crate::auth::secrets::new_id;
use crate::db::Database;

fn question(id: &str, text: &str, kind: &str, options: &str) -> QuestionForm {
    QuestionForm {
        id: Some(id.to_owned()),
        text: text.to_owned(),
        kind: kind.to_owned(),
        options: options.to_owned(),
    }
}

const USED: &str = "Support groups\nThe buddy scheme\nThe out-of-hours line\nTraining courses";

fn questions() -> Vec<QuestionForm> {
    vec![
        question(
            "fair",
            "I am treated fairly by the fostering service",
            "agreement",
            "",
        ),
        question(
            "team",
            "I feel part of a team with my supervising social worker",
            "agreement",
            "",
        ),
        question(
            "valued",
            "I feel valued by the fostering service",
            "agreement",
            "",
        ),
        question(
            "recommend",
            "How likely are you to recommend fostering with us to a friend?",
            "recommend",
            "",
        ),
        question(
            "used",
            "Which kinds of support have you used in the last six months?",
            "multiple",
            USED,
        ),
        question(
            "better",
            "What one thing would make fostering with us better?",
            "free_text",
            "",
        ),
    ]
}

fn wave(
    id: &str,
    title: &str,
    opens: CalendarDate,
    closes: CalendarDate,
    previous: &str,
    extra: bool,
) -> Result<Wave, DemoError> {
    let mut questions = questions();
    if extra {
        questions.insert(
            3,
            question(
                "",
                "Since the last health check, has the service kept you better informed?",
                "single",
                "Better informed\nAbout the same\nLess well informed",
            ),
        );
    }
    let form = WaveForm {
        title: title.to_owned(),
        intro: "Every six months we ask every foster carer how the fostering service is doing. \
                It takes about five minutes."
            .to_owned(),
        opens: opens.to_string(),
        closes: closes.to_string(),
        audience: "everyone".to_owned(),
        anonymous: true,
        previous: previous.to_owned(),
        questions,
    };
    form.parse(id, opens)
        .map_err(|problems| DemoError::Record(format!("{problems:?}")))
}

/// A made-up response: an agreement for each of the three statements (by index into
/// `Agreement::ALL`), a score, the support used, and perhaps some words.
fn response(
    agree: [usize; 3],
    score: u8,
    used: &[usize],
    words: &str,
    group: (portal_core::household::CarerType, &str),
) -> Response {
    let mut answers: std::collections::BTreeMap<String, Answer> = ["fair", "team", "valued"]
        .iter()
        .zip(agree)
        .map(|(id, a)| ((*id).to_owned(), Answer::Agreement(Agreement::ALL[a])))
        .collect();
    answers.insert("recommend".to_owned(), Answer::Recommend(score));
    let options: Vec<&str> = USED.lines().collect();
    answers.insert(
        "used".to_owned(),
        Answer::Multiple(used.iter().map(|i| options[*i].to_owned()).collect()),
    );
    if !words.is_empty() {
        answers.insert("better".to_owned(), Answer::Text(words.to_owned()));
    }
    Response {
        answers,
        carer_type: Some(group.0),
        area: Some(group.1.to_owned()),
        by: None,
    }
}

fn summer_responses() -> Vec<Response> {
    use portal_core::household::CarerType::{FamilyAndFriends, Mainstream, ShortBreaks};
    vec![
        response(
            [1, 1, 1],
            9,
            &[0, 3],
            "Evening groups clash with bedtime.",
            (Mainstream, "Northby"),
        ),
        response([0, 1, 2], 10, &[0, 1], "", (Mainstream, "Eastfield")),
        response(
            [1, 3, 3],
            6,
            &[2],
            "Hearing back sooner about payments.",
            (Mainstream, "Millbrook"),
        ),
        response([2, 2, 1], 7, &[3], "", (Mainstream, "Kingsmoor")),
        response(
            [1, 0, 1],
            9,
            &[0, 1, 3],
            "More groups at weekends.",
            (Mainstream, "Northby"),
        ),
        response(
            [3, 4, 3],
            3,
            &[],
            "A worker who stays longer than a year.",
            (FamilyAndFriends, "Millbrook"),
        ),
        response([1, 1, 0], 8, &[3], "", (FamilyAndFriends, "Ashton Vale")),
        response([5, 2, 3], 5, &[2], "", (ShortBreaks, "Kingsmoor")),
        response([0, 1, 1], 10, &[0, 3], "", (ShortBreaks, "Northby")),
    ]
}

/// The exit interview: open all year to the households that stopped fostering in the last 12
/// months, anonymous so that people say what they think.
fn exit_interview(id: &str, today: CalendarDate) -> Result<Wave, DemoError> {
    let form = WaveForm {
        title: "Leaving fostering with us".to_owned(),
        intro: "Thank you for fostering with us. Telling us why you left helps us support the \
                carers who stay. It takes about three minutes."
            .to_owned(),
        opens: today.add_days(-60).to_string(),
        closes: today.add_days(300).to_string(),
        audience: "left:12".to_owned(),
        anonymous: true,
        previous: String::new(),
        questions: vec![
            question(
                "supported",
                "I felt supported by the fostering service",
                "agreement",
                "",
            ),
            question(
                "recommend",
                "How likely are you to recommend fostering with us to a friend?",
                "recommend",
                "",
            ),
            question(
                "stay",
                "What, if anything, would have helped you keep fostering?",
                "free_text",
                "",
            ),
        ],
    };
    form.parse(id, today.add_days(-60))
        .map_err(|problems| DemoError::Record(format!("{problems:?}")))
}

/// What the Walsh household, retired after many years, said as it left.
fn walsh_leaving() -> Response {
    let answers = [
        ("supported".to_owned(), Answer::Agreement(Agreement::ALL[1])),
        ("recommend".to_owned(), Answer::Recommend(9)),
        (
            "stay".to_owned(),
            Answer::Text("Nothing: it was time. Respite earlier on would have helped.".to_owned()),
        ),
    ]
    .into_iter()
    .collect();
    Response {
        answers,
        carer_type: Some(portal_core::household::CarerType::Mainstream),
        area: Some("Kingsmoor".to_owned()),
        by: None,
    }
}

/// What the Lindqvist household said as it moved to an agency, with its name, as it chose.
fn lindqvist_leaving() -> Response {
    let answers = [
        ("supported".to_owned(), Answer::Agreement(Agreement::ALL[3])),
        ("recommend".to_owned(), Answer::Recommend(5)),
        (
            "stay".to_owned(),
            Answer::Text(
                "Allowances that kept up with the agency's, and a social worker who stayed longer than six months."
                    .to_owned(),
            ),
        ),
    ]
    .into_iter()
    .collect();
    Response {
        answers,
        carer_type: Some(portal_core::household::CarerType::ParentAndChild),
        area: Some("Ashton Vale".to_owned()),
        by: Some("Ana Lindqvist".to_owned()),
    }
}

/// The carers who have answered this winter's health check already, with what they said.
fn winter_answers() -> Vec<(&'static str, Response)> {
    use portal_core::household::CarerType::{
        FamilyAndFriends, MockingbirdHub, ParentAndChild, ShortBreaks, SupportedLodgings,
    };
    vec![
        (
            "begum@demo.test",
            response([1, 1, 1], 9, &[0], "", (FamilyAndFriends, "Millbrook")),
        ),
        (
            "hughes@demo.test",
            response([0, 0, 1], 10, &[0, 3], "", (ShortBreaks, "Kingsmoor")),
        ),
        (
            "mensah@demo.test",
            response(
                [1, 3, 1],
                7,
                &[2],
                "Weekend groups have helped.",
                (ParentAndChild, "Northby"),
            ),
        ),
        (
            "obrien@demo.test",
            response([1, 1, 2], 8, &[1], "", (MockingbirdHub, "Ashton Vale")),
        ),
        (
            "clarke@demo.test",
            response([2, 1, 1], 9, &[3], "", (SupportedLodgings, "Eastfield")),
        ),
    ]
}

/// Records that the carers with these emails have answered the wave.
async fn mark_answered(
    tx: &mut Transaction<'_, Any>,
    wave: &str,
    emails: &[&str],
) -> Result<(), DemoError> {
    for email in emails {
        sqlx::query(
            "INSERT INTO survey_answered (wave_id, user_id) SELECT $1, id FROM users WHERE email = $2",
        )
        .bind(wave)
        .bind(email)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn write_pool(
    tx: &mut Transaction<'_, Any>,
    wave: &str,
    responses: Vec<Response>,
) -> Result<(), DemoError> {
    let mut pool = Vec::new();
    for response in responses {
        add_to_pool(&mut pool, response);
    }
    let body = serde_json::to_string(&pool).map_err(|e| DemoError::Record(e.to_string()))?;
    sqlx::query("INSERT INTO survey_pools (wave_id, responses) VALUES ($1, $2)")
        .bind(wave)
        .bind(body)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(super) async fn load(db: &Database, today: CalendarDate) -> Result<(), DemoError> {
    let failed = |e: &dyn std::fmt::Display| DemoError::Record(e.to_string());
    let id = || new_id().map_err(|e| failed(&e));
    let summer = wave(
        &id()?,
        "Summer health check",
        today.add_days(-190),
        today.add_days(-160),
        "",
        false,
    )?;
    let winter = wave(
        &id()?,
        "Winter health check",
        today.add_days(-5),
        today.add_days(30),
        &summer.id,
        true,
    )?;
    let mut tx = db.pool().begin().await?;
    let change = crate::sync::next_change(&mut tx).await?;
    write_pool(&mut tx, &summer.id, summer_responses()).await?;
    let (emails, winter_pool): (Vec<_>, Vec<_>) = winter_answers().into_iter().unzip();
    mark_answered(&mut tx, &winter.id, &emails).await?;
    write_pool(&mut tx, &winter.id, winter_pool).await?;
    let leaving = exit_interview(&id()?, today)?;
    mark_answered(
        &mut tx,
        &leaving.id,
        &["walsh@demo.test", "lindqvist@demo.test"],
    )
    .await?;
    write_pool(
        &mut tx,
        &leaving.id,
        vec![walsh_leaving(), lindqvist_leaving()],
    )
    .await?;
    // Published after the answers, so that the carers who answered are not invited.
    // Their openings are in the past: carers were told then, so no email goes now.
    for wave in [&summer, &winter, &leaving] {
        crate::surveys::save_wave(&mut tx, wave, today, change)
            .await
            .map_err(|e| failed(&e))?;
        sqlx::query("INSERT INTO survey_opening_sent (wave_id) VALUES ($1)")
            .bind(&wave.id)
            .execute(&mut *tx)
            .await?;
    }
    let note = NoteForm {
        you_said: "Support group evenings clash with bedtime, and you would like more at weekends."
            .to_owned(),
        we_did: "From January the Northby group also meets on the first Saturday morning of \
                 each month, with activities for children."
            .to_owned(),
    }
    .parse(&summer, today.add_days(-120))
    .map_err(|problems| DemoError::Record(format!("{problems:?}")))?;
    crate::surveys::save_note(&mut tx, &id()?, &note, change)
        .await
        .map_err(|e| failed(&e))?;
    tx.commit().await?;
    Ok(())
}
