//! The demo council's news: five articles over the last few months (one for everyone with a
//! picture, one for short breaks carers, one for carers in Northby, and one a carer wrote),
//! and a contribution from the Hughes household waiting for the news team.

use portal_core::date::CalendarDate;
use portal_core::news::{ArticleForm, ContributionForm, NewsChange, contribute};
use portal_core::sync::wire::collection::NEWS_CONTRIBUTIONS;

use super::DemoError;
use super::claims::household_id;
use crate::db::Database;
use crate::sync::{next_change, put_record};

/// A small drawing of a green hill under a sunny sky, for the summer fun day's article.
const HILL: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAKAAAABQCAIAAAARP+ljAAAA60lEQVR42u3aMQ3DMABE0YMTJAEWOOXSOTTKoFkrZelQx+npSR+B32LZl8f+UnFxBIAFWIAFWIAFWIABC7C+7P1cPgPc6XoOcC3tlcyAZ+peYAx4su5oY8DzdYcaAwas8brjjAEDFmC6vwowYMCAAQMWYLlFAwYMGLC3aMCAAfsPlkWHbLJkVWkXbRctwAIswIAFWIAFWIDVDbxs630C3KBYYB+W3eph2a0eot3eIdrtHaLd3oHajR2o3diB2o0drt3S4dpdHAFgARZgARZgARZgwAIswAIswAIswIAFWIAFWIAFWIAFGLD+vAOGT6wimCVw6QAAAABJRU5ErkJggg==";

/// A demo article: days ago, audience code, title, summary, body, credit.
type DemoArticle = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub async fn load(db: &Database, today: CalendarDate) -> Result<(), DemoError> {
    for (days_ago, audience, title, summary, body, credit) in ARTICLES {
        let picture = title.starts_with("Summer fun day");
        let form = ArticleForm {
            title: title.to_owned(),
            summary: summary.to_owned(),
            body: body.to_owned(),
            picture: if picture {
                HILL.to_owned()
            } else {
                String::new()
            },
            picture_alt: if picture {
                "A drawing of a green hill under a sunny sky".to_owned()
            } else {
                String::new()
            },
            audience: audience.to_owned(),
            credit: credit.to_owned(),
        };
        crate::news::save(db, None, &form, today.add_days(-days_ago)).await?;
    }
    let mut tx = db.pool().begin().await?;
    let change = next_change(&mut tx).await?;
    let household = household_id(&mut tx, "The Hughes household").await?;
    let sent = NewsChange::Contribute {
        id: "demo-contribution-hughes".to_owned(),
        form: ContributionForm {
            title: "What short breaks gave our family".to_owned(),
            body: "We started offering short breaks three years ago. Here is what we have learned, and why we would tell anyone thinking about it to give it a go.".to_owned(),
            credit: "Gwen, a short breaks carer".to_owned(),
        },
    };
    let contribution = contribute(&sent, ("Gwen Hughes", today.add_days(-3)))
        .map_err(|e| DemoError::Record(e.to_string()))?;
    let body =
        serde_json::to_string(&contribution).map_err(|e| DemoError::Record(e.to_string()))?;
    put_record(
        &mut tx,
        NEWS_CONTRIBUTIONS,
        &contribution.id,
        &household,
        &body,
        change,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const ARTICLES: [DemoArticle; 5] = [
    (
        6,
        "everyone",
        "Winter get-together and carol singing",
        "Join us for mince pies, carols and a visit from Father Christmas at Northby Community Centre.",
        "## When and where
Saturday 12 December, 2pm to 4pm, at Northby Community Centre, Market Street.

## What to expect
- Carols led by the Northby Youth Choir.
- A present for every child, from Father Christmas.
- Mince pies and hot drinks for grown-ups.

Book your family's places with the [support groups](/groups) page, or call the fostering team on [01632 960 001](tel:01632960001).",
        "",
    ),
    (
        30,
        "type:short_breaks",
        "Short breaks carers: new activity budget",
        "From next month, each short breaks placement can claim up to £40 a month for activities.",
        "## What is changing
Short breaks carers can now claim up to £40 a month for each child's activities: swimming, cinema, days out.

## How to claim
Send a claim with receipts from the [payments](/payments) page. The allowances policy in the [library](/library) explains what counts.",
        "",
    ),
    (
        45,
        "area:Northby",
        "Northby reflective group moves to the library",
        "The monthly reflective group now meets at Northby Library, with parking next door.",
        "The Northby reflective group now meets at Northby Library, Market Street, on the first Tuesday of each month at 10am.

There is free parking next door and a quiet room for children. See the [support groups](/groups) page for the dates.",
        "",
    ),
    (
        110,
        "everyone",
        "Summer fun day: thank you",
        "Over 200 carers, children and staff came to the summer fun day at Kingsmoor Park.",
        "## Thank you
Thank you to everyone who came to the summer fun day. Over 200 carers, children and staff came to Kingsmoor Park for games, a picnic and the famous tug of war.

## Next year
We will hold it again next July. If you would like to help plan it, email [the fostering team](mailto:fostering@northby.example).",
        "",
    ),
    (
        125,
        "everyone",
        "Our first year as a Mockingbird hub home",
        "A hub carer looks back on a year of sleepovers, advice and friendship in the Mockingbird constellation.",
        "When we became a hub home we were not sure what to expect. A year on, we have six families in our constellation, and the children call us their other home.

## What we have learned
- Sleepovers work best when children plan them.
- A monthly get-together keeps everyone close.
- Carers need someone to call at 10pm, and we are glad to be that call.

If you are thinking about joining a constellation, talk to your supervising social worker.",
        "Jo, a Mockingbird hub carer",
    ),
];
