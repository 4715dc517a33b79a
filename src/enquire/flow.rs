//! The public enquiry's steps as plain functions: what a posted page leads to, the draft kept
//! on the device between pages, and where someone coming back picks up.

use portal_core::brand::DISTRICTS;
use portal_core::enquiries::pages::{self, CHECK, Posted, SELF_CHECK};
use portal_core::enquiries::{EnquiryForm, NewEnquiry, SelfCheck, Step};
use serde::{Deserialize, Serialize};

/// What the app shows: a page's title and its markup (the same the server's plain pages use).
pub type Screen = (String, String);

/// The enquiry as typed so far, and the page the person was on: kept on the device, so that
/// leaving half way, a reload or a flat battery loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub form: EnquiryForm,
    /// A page's slug, or `check`.
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub self_check: Option<SelfCheck>,
}

/// What a posted page leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Show this page, and keep this draft.
    Show(Screen, Draft),
    /// The answers are complete and checked: queue this enquiry and send it.
    Send(NewEnquiry),
}

/// The page after `posted`, given the draft so far; `new_id` is the id a check-your-answers
/// page shown now gives the enquiry.
pub fn after(posted: &Posted, draft: &Draft, new_id: &str) -> Next {
    let mut next = Draft {
        form: posted.form.clone(),
        self_check: draft.self_check,
        at: draft.at.clone(),
    };
    if posted.at == SELF_CHECK {
        next.self_check = Some(posted.self_check);
        // The self-check's page carries no answers: the enquiry so far stays as it was.
        next.form = draft.form.clone();
    }
    if posted.at == CHECK && posted.go.is_empty() {
        return match posted.form.parse(DISTRICTS) {
            Ok(_) => Next::Send(NewEnquiry {
                id: posted.id.clone(),
                form: posted.form.clone(),
                self_check: draft.self_check,
            }),
            Err(problems) => Next::Show(
                pages::check_page(&posted.form, &posted.id, &problems),
                Draft {
                    at: CHECK.to_owned(),
                    ..next
                },
            ),
        };
    }
    if posted.at == pages::START && draft.form != EnquiryForm::default() {
        // Starting again on this device picks up where the person left off.
        return Next::Show(resume(draft, new_id), next);
    }
    let screen = pages::answer(posted, DISTRICTS, new_id);
    if let Some(at) = shown_at(&screen) {
        next.at = at;
    }
    Next::Show(screen, next)
}

/// Which of the enquiry's pages a screen is, for the draft: the check page or a question's
/// slug; `None` for the start page and the self-check, which leave the place as it was.
fn shown_at(screen: &Screen) -> Option<String> {
    if screen.1.contains(&format!(r#"name="at" value="{CHECK}""#)) {
        return Some(CHECK.to_owned());
    }
    Step::ALL
        .into_iter()
        .find(|step| {
            screen
                .1
                .contains(&format!(r#"name="at" value="{}""#, step.slug()))
        })
        .map(|step| step.slug().to_owned())
}

/// The page someone coming back to a half-made enquiry sees: where they were.
pub fn resume(draft: &Draft, new_id: &str) -> Screen {
    if draft.at == CHECK {
        return pages::check_page(&draft.form, new_id, &[]);
    }
    let step = Step::from_slug(&draft.at).unwrap_or(Step::Name);
    pages::step_page(&draft.form, step, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(body: &str) -> Posted {
        Posted::read(body)
    }

    #[test]
    fn each_page_leads_to_the_next_and_the_draft_follows() {
        let Next::Show((title, _), draft) =
            after(&post("at=name&name=Kai+Moss"), &Draft::default(), "id")
        else {
            panic!("a page");
        };
        assert_eq!(title, "How can we contact you?");
        assert_eq!(draft.at, "contact");
        assert_eq!(draft.form.name, "Kai Moss");
        let Next::Show((title, _), same) = after(&post("at=contact&name=Kai+Moss"), &draft, "id")
        else {
            panic!("a page");
        };
        assert_eq!(title, "Error: How can we contact you?");
        assert_eq!(same.at, "contact", "still on the page with the problem");
        assert_eq!(resume(&same, "id").0, "How can we contact you?");
    }

    #[test]
    fn complete_answers_are_sent_with_the_check_pages_id_and_the_self_check() {
        let draft = Draft {
            self_check: Some(SelfCheck {
                spare_room: Some(true),
                ..SelfCheck::default()
            }),
            ..Draft::default()
        };
        let body = "at=check&id=enquiry-0123456789abcdef&name=Kai&phone=07700900123&best_time=any\
                    &postcode=NB2&spare_room=yes&interests=teenagers&heard_from=event&consent=yes";
        match after(&post(body), &draft, "unused") {
            Next::Send(enquiry) => {
                assert_eq!(enquiry.id, "enquiry-0123456789abcdef");
                assert_eq!(enquiry.self_check, draft.self_check);
            }
            other @ Next::Show(..) => panic!("{other:?}"),
        }
        let Next::Show((title, html), kept) =
            after(&post(&body.replace("&consent=yes", "")), &draft, "x")
        else {
            panic!("the check page again");
        };
        assert_eq!(title, "Check your answers before sending your enquiry");
        assert!(html.contains("Tick the box"));
        assert_eq!(kept.at, "check");
    }

    #[test]
    fn the_self_check_is_kept_without_touching_the_answers_and_start_resumes() {
        let draft = Draft {
            form: EnquiryForm {
                name: "Kai".into(),
                ..EnquiryForm::default()
            },
            at: "postcode".into(),
            self_check: None,
        };
        let Next::Show((title, html), kept) =
            after(&post("at=self-check&check_age=no"), &draft, "id")
        else {
            panic!("advice");
        };
        assert_eq!(title, "What your answers mean");
        assert!(html.contains("21 or over"));
        assert_eq!(kept.form.name, "Kai");
        assert_eq!(kept.self_check.and_then(|c| c.over_21), Some(false));
        let Next::Show((title, _), _) = after(&post("at=start"), &kept, "id") else {
            panic!("resumed");
        };
        assert_eq!(
            title, "What is your postcode?",
            "picks up where they left off"
        );
    }
}
