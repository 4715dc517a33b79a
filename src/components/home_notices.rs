//! What the service has to tell a carer on the home page: the finance team's notice, a survey
//! waiting for their answers (more plainly once staff have sent a reminder), and the newest
//! "You said, we did" note. Each is read as a string (`PaymentNotice`, `Invite`,
//! `SurveyNote::home_line`) and written as one HTML string, escaped: the portal's first load
//! has room for that, but not for other record types or the code `view!` builds for each
//! element.

use std::fmt::Write as _;

use leptos::prelude::*;
use portal_core::payments::NOTICE_ID;
use portal_core::surveys::{HOME_NOTE_ID, Invite, NOTE_SPLIT};
use portal_core::sync::wire::collection::{PAYMENT_NOTICE, SURVEY_HOME_NOTE, SURVEY_INVITES};
use portal_core::text::escape_html;

use crate::routes::{PAYMENTS_HOME, SURVEYS_HOME};
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

/// A GOV.UK notification banner with `title`, `heading` and a link; every argument is HTML.
fn banner(id: &str, title: &str, heading: &str, href: &str, link: &str) -> String {
    format!(
        r#"<div class="govuk-notification-banner" role="region" aria-labelledby="{id}"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="{id}">{title}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{heading}</p><p class="govuk-body"><a class="govuk-notification-banner__link" href="{href}">{link}</a></p></div></div>"#
    )
}

/// The home page's notices as HTML: the finance team's `notice`, the survey `waiting` for the
/// carer, and the newest `note` (a home line).
fn notices_html(notice: Option<&str>, waiting: Option<&Invite>, note: Option<&str>) -> String {
    let mut html = String::new();
    if let Some(notice) = notice {
        html.push_str(&banner(
            "payment-notice-title",
            "From the finance team",
            &escape_html(notice),
            PAYMENTS_HOME,
            "Your payments",
        ));
    }
    if let Some(invite) = waiting {
        html.push_str(&banner(
            "survey-title",
            if invite.reminded {
                "Reminder: your views are needed"
            } else {
                "Your views"
            },
            &format!(
                "{}: open until {}.",
                escape_html(&invite.title),
                escape_html(&invite.closes_words)
            ),
            &format!("{SURVEYS_HOME}/{}", escape_html(&invite.wave)),
            "Answer the survey",
        ));
    }
    if let Some(note) = note {
        let (said, did) = note.split_once(NOTE_SPLIT).unwrap_or((note, ""));
        let _ = write!(
            html,
            r#"<h2 class="govuk-heading-m">You said, we did</h2><div class="govuk-inset-text"><p class="govuk-body"><strong>You said: </strong>{}</p><p class="govuk-body"><strong>We did: </strong>{}</p><a class="govuk-link" href="{SURVEYS_HOME}">Surveys</a></div>"#,
            escape_html(said),
            escape_html(did),
        );
    }
    html
}

/// Today as an ISO date (`2026-11-23`) by the device's clock, in UTC: it only decides whether
/// to show an invitation (an hour late on a summer night at worst), and reading the UK date
/// would cost the first load the time-zone rules.
fn today_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect()
}

#[component]
pub fn HomeNotices() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let html = move || {
        sync.revision();
        let user = account.user()?;
        let store = device().ok()?;
        let store = store.user(&user.id);
        let text = |collection, id: &str| {
            store
                .record::<Option<String>>(collection, id)
                .ok()
                .flatten()
                .flatten()
        };
        let waiting = text(SURVEY_INVITES, &user.id)
            .and_then(|invites| Invite::soonest(&invites, &today_iso()));
        Some(notices_html(
            text(PAYMENT_NOTICE, NOTICE_ID).as_deref(),
            waiting.as_ref(),
            text(SURVEY_HOME_NOTE, HOME_NOTE_ID).as_deref(),
        ))
    };
    // Written from escaped text (see `notices_html`), so it is safe as HTML.
    view! { <div inner_html=move || html().unwrap_or_default()></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notices_name_the_survey_safely_and_a_reminder_says_so() {
        let line = "2026-12-01|2027-01-14|14 January 2027|0|w1|Winter <b>health</b> check";
        let mut invite = Invite::parse(line).expect("reads");
        let html = notices_html(None, Some(&invite), None);
        assert!(
            html.contains("Winter &lt;b&gt;health&lt;/b&gt; check: open until 14 January 2027."),
            "{html}"
        );
        assert!(html.contains(r#"href="/surveys/w1""#));
        assert!(html.contains(">Your views<"));
        invite.reminded = true;
        let html = notices_html(None, Some(&invite), None);
        assert!(html.contains("Reminder: your views are needed"));
        let note = format!("Groups clash with bedtime{NOTE_SPLIT}Saturday groups");
        let html = notices_html(None, None, Some(&note));
        assert!(
            html.contains("You said: </strong>Groups clash with bedtime</p>"),
            "{html}"
        );
        assert!(html.contains("We did: </strong>Saturday groups</p>"));
        assert_eq!(notices_html(None, None, None), "");
    }

    #[test]
    fn the_finance_teams_notice_is_text_and_links_to_payments() {
        let html = notices_html(Some("Late run <today>"), None, None);
        assert!(html.contains(">From the finance team<"));
        assert!(html.contains("Late run &lt;today&gt;"), "{html}");
        assert!(html.contains(r#"href="/payments""#));
    }
}
