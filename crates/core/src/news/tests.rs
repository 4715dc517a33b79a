use std::collections::BTreeSet;

use super::*;
use crate::carers::HouseholdStatus;
use crate::household::CarerType;

fn day(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect("date")
}

fn form(title: &str, audience: &str) -> ArticleForm {
    ArticleForm {
        title: title.into(),
        summary: "A short summary.".into(),
        body: "## What happened\n\nWe met at the [library](/library).".into(),
        audience: audience.into(),
        ..ArticleForm::default()
    }
}

fn article(id: &str, title: &str, on: &str) -> Article {
    Article::parse(id, &form(title, "everyone"), day(on)).expect("valid")
}

fn facts(carer_type: CarerType, area: Option<&str>) -> HouseholdFacts {
    HouseholdFacts {
        name: "The Taylor household".into(),
        carer_type,
        status: HouseholdStatus::Approved,
        approved_on: None,
        supervising_worker: None,
        supervising_worker_email: None,
        area: area.map(str::to_owned),
        ended_on: None,
    }
}

fn fields(problems: &[ArticleProblem]) -> Vec<ArticleField> {
    problems.iter().map(|p| p.field).collect()
}

#[test]
fn an_article_is_checked_field_by_field_in_plain_words() {
    let empty = ArticleForm::default();
    let problems = Article::parse("a", &empty, day("2026-12-01")).expect_err("empty");
    assert_eq!(
        fields(&problems),
        [
            ArticleField::Title,
            ArticleField::Summary,
            ArticleField::Body,
            ArticleField::Audience
        ]
    );
    let mut bad_link = form("Picnic", "everyone");
    bad_link.body = "See [this](javascript:alert(1)).".into();
    let problems = Article::parse("a", &bad_link, day("2026-12-01")).expect_err("link");
    assert_eq!(fields(&problems), [ArticleField::Body]);
    // News is not for households that have stopped fostering.
    let problems = Article::parse("a", &form("Picnic", "left:6"), day("2026-12-01"))
        .expect_err("exit audience");
    assert_eq!(fields(&problems), [ArticleField::Audience]);
}

#[test]
fn a_picture_must_be_an_image_within_the_limit_and_described() {
    let mut with_picture = form("Picnic", "everyone");
    with_picture.picture = "data:image/png;base64,iVBORw0KGgo=".into();
    let problems = Article::parse("a", &with_picture, day("2026-12-01")).expect_err("no alt");
    assert_eq!(fields(&problems), [ArticleField::PictureAlt]);
    with_picture.picture_alt = "Children on a climbing frame".into();
    let article = Article::parse("a", &with_picture, day("2026-12-01")).expect("valid");
    assert_eq!(
        article.picture.as_ref().map(|p| p.alt.as_str()),
        Some("Children on a climbing frame")
    );
    assert_eq!(
        Article::parse("a", &article.form(), day("2026-12-01")),
        Ok(article)
    );

    with_picture.picture = "data:text/html;base64,PHNjcmlwdD4=".into();
    let problems = Article::parse("a", &with_picture, day("2026-12-01")).expect_err("html");
    assert_eq!(fields(&problems), [ArticleField::Picture]);
    with_picture.picture = format!(
        "data:image/jpeg;base64,{}",
        "A".repeat((MOST_PICTURE_BYTES + 3) / 3 * 4)
    );
    let problems = Article::parse("a", &with_picture, day("2026-12-01")).expect_err("large");
    assert!(
        problems[0].message.contains("at most 250 KB"),
        "{problems:?}"
    );
    // A description with no picture is a picture forgotten.
    with_picture.picture = String::new();
    let problems = Article::parse("a", &with_picture, day("2026-12-01")).expect_err("alt only");
    assert_eq!(fields(&problems), [ArticleField::Picture]);
}

#[test]
fn an_article_is_for_its_audience_only() {
    let for_area = Article::parse(
        "a",
        &form("Northby picnic", "area:Northby"),
        day("2026-07-01"),
    )
    .expect("valid");
    let for_type = Article::parse(
        "b",
        &form("Short breaks", "type:short_breaks"),
        day("2026-07-01"),
    )
    .expect("valid");
    let everyone = article("c", "Everyone", "2026-07-01");
    let northby = facts(CarerType::Mainstream, Some("northby"));
    let southby = facts(CarerType::ShortBreaks, Some("Southby"));
    assert!(for_area.is_for(Some(&northby)));
    assert!(!for_area.is_for(Some(&southby)));
    assert!(!for_type.is_for(Some(&northby)));
    assert!(for_type.is_for(Some(&southby)));
    assert!(everyone.is_for(None));
    assert_eq!(
        for_area.audience_words().as_deref(),
        Some("For carers in Northby")
    );
    assert_eq!(
        for_type.audience_words().as_deref(),
        Some("For carers: Short breaks")
    );
    assert_eq!(everyone.audience_words(), None);
    let mut credited = for_area.clone();
    credited.credit = Some("Jo, a hub carer".into());
    assert_eq!(
        credited.byline(),
        "Published 1 July 2026. By Jo, a hub carer. For carers in Northby"
    );
    assert!(!for_area.is_for(None));
}

#[test]
fn an_article_is_new_until_opened_on_the_device() {
    let picnic = article("picnic", "Picnic", "2026-07-01");
    let mut marks = BTreeSet::new();
    assert!(picnic.is_new(&marks));
    marks.insert(picnic.seen_mark());
    assert!(!picnic.is_new(&marks));
}

#[test]
fn seasons_run_spring_summer_autumn_and_winter_across_the_new_year() {
    let cases = [
        ("2026-03-01", "2026-spring", "Spring 2026"),
        ("2026-08-31", "2026-summer", "Summer 2026"),
        ("2026-11-30", "2026-autumn", "Autumn 2026"),
        ("2026-12-01", "2026-winter", "Winter 2026 to 2027"),
        ("2027-02-28", "2026-winter", "Winter 2026 to 2027"),
    ];
    for (date, code, words) in cases {
        let season = Season::of(day(date));
        assert_eq!(season.code(), code, "{date}");
        assert_eq!(season.words(), words, "{date}");
        assert_eq!(Season::parse(code), Some(season));
    }
    for nonsense in ["2026", "2026-monsoon", "winter-2026", "99-winter"] {
        assert_eq!(Season::parse(nonsense), None, "{nonsense}");
    }
}

#[test]
fn a_newsletter_gathers_one_seasons_articles_oldest_first() {
    let articles = [
        article("a", "Carol concert", "2026-12-10"),
        article("b", "Summer picnic", "2026-07-20"),
        article("c", "New year", "2027-01-05"),
        article("d", "Sports day", "2026-06-02"),
    ];
    let winter = Season::parse("2026-winter").expect("season");
    let titles: Vec<&str> = newsletter(&articles, winter)
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["Carol concert", "New year"]);
    let codes: Vec<String> = seasons(&articles).into_iter().map(Season::code).collect();
    assert_eq!(codes, ["2026-winter", "2026-summer"]);
    let mut newest_first = articles.to_vec();
    newest_first.sort_by(news_order);
    assert_eq!(newest_first[0].title, "New year");
}

#[test]
fn a_contribution_is_checked_and_waits_for_the_news_team() {
    let change = NewsChange::Contribute {
        id: "contribution-1".into(),
        form: ContributionForm {
            title: "Our first year".into(),
            body: "It went fast.".into(),
            credit: "Sam, a short breaks carer".into(),
        },
    };
    let made = contribute(&change, ("Sam Taylor", day("2026-12-01"))).expect("valid");
    assert_eq!(made.status, ContributionStatus::Waiting);
    assert_eq!(made.status_words(), "With the news team");
    assert_eq!(made.article_form().credit, "Sam, a short breaks carer");
    assert_eq!(made.article_form().audience, "everyone");

    let bad_id = NewsChange::Contribute {
        id: "a/b".into(),
        form: ContributionForm::default(),
    };
    assert_eq!(
        contribute(&bad_id, ("Sam", day("2026-12-01"))),
        Err(ContributionRefusal::BadId)
    );
    let empty = NewsChange::Contribute {
        id: "c2".into(),
        form: ContributionForm::default(),
    };
    let Err(ContributionRefusal::Problems(words)) = contribute(&empty, ("Sam", day("2026-12-01")))
    else {
        panic!("an empty contribution is refused");
    };
    assert!(words.contains("title"), "{words}");
    assert!(not_used_note("  ").is_err());
}

#[test]
fn the_news_team_sees_waiting_contributions_first() {
    let made = |id: &str, on: &str, status| StaffContribution {
        household_id: "h".into(),
        household: "The Taylor household".into(),
        contribution: Contribution {
            id: id.into(),
            title: id.into(),
            body: "Words.".into(),
            credit: None,
            sent_by: "Sam".into(),
            sent_on: day(on),
            status,
        },
    };
    let mut all = [
        made(
            "old-used",
            "2026-11-01",
            ContributionStatus::NotUsed {
                note: "Sorry".into(),
            },
        ),
        made("waiting-old", "2026-10-01", ContributionStatus::Waiting),
        made("waiting-new", "2026-11-20", ContributionStatus::Waiting),
    ];
    all.sort_by(contribution_order);
    let ids: Vec<&str> = all.iter().map(|c| c.contribution.id.as_str()).collect();
    assert_eq!(ids, ["waiting-new", "waiting-old", "old-used"]);
}
