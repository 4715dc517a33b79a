//! The enquiry's pages as HTML: the same markup whether the server sends it as a plain page
//! (for a browser that cannot run the app: an old phone, WebAssembly blocked, JavaScript off,
//! as the GOV.UK service manual asks of public services) or the app shows it, reading the
//! same forms itself and keeping the answers on the device.
//!
//! One question per page, checked by this module's rules. Each page carries the answers so
//! far in hidden fields, and the last one posts them all to `POST /api/enquiries`, with an id
//! made when the check-your-answers page is shown, so pressing "Send" twice sends one enquiry.

use std::fmt::Write as _;

use super::{
    BestTime, EnquiryForm, HeardFrom, Interest, Problem, SelfCheck, SpareRoom, Step, field,
    reply_by_words,
};
use crate::brand::CONTACT_PHONE;
use crate::text::escape_html as esc;

/// Where the plain pages live, and where each of them posts to move on.
pub const PLAIN_PATH: &str = "/enquire/plain";
/// Where the last page sends the enquiry: the app's endpoint.
pub const SEND_PATH: &str = "/api/enquiries";
/// The hidden field that says which page was answered.
const AT: &str = "at";

/// What a plain page's form sent: the answers, the page it came from, and which button.
#[derive(Debug, Default)]
pub struct Posted {
    pub form: EnquiryForm,
    pub at: String,
    /// "back", or a page's slug to change that answer, or empty to go on.
    pub go: String,
    pub id: String,
    /// The eligibility self-check's answers, when that is the form.
    pub self_check: SelfCheck,
}

/// The start page's and the self-check's names in `AT`.
pub const START: &str = "start";
pub const SELF_CHECK: &str = "self-check";
/// The check-your-answers page's name in `AT`.
pub const CHECK: &str = "check";

impl Posted {
    /// Reads a form's body (`application/x-www-form-urlencoded`).
    pub fn read(body: &str) -> Self {
        let mut posted = Self::default();
        for (key, value) in form_pairs(body) {
            let form = &mut posted.form;
            match key.as_str() {
                "name" => form.name = value,
                "phone" => form.phone = value,
                "email" => form.email = value,
                "best_time" => form.best_time = value,
                "postcode" => form.postcode = value,
                "spare_room" => form.spare_room = value,
                "interests" => form.interests.push(value),
                "heard_from" => form.heard_from = value,
                "referred_by" => form.referred_by = value,
                "consent" => form.consent = value == "yes",
                "website" => form.website = value,
                AT => posted.at = value,
                "go" => posted.go = value,
                "id" => posted.id = value,
                "check_room" => posted.self_check.spare_room = yes_or_no(&value),
                "check_age" => posted.self_check.over_21 = yes_or_no(&value),
                "check_home" => posted.self_check.settled_home = yes_or_no(&value),
                _ => {}
            }
        }
        posted
    }
}

fn yes_or_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The name and value pairs of a form's body (`application/x-www-form-urlencoded`): `+` is a
/// space, `%XX` a byte, and bytes that are not UTF-8 are replaced.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    fn hex(byte: u8) -> Option<u8> {
        char::from(byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    fn decode(raw: &str) -> String {
        let bytes = raw.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            let escaped = (bytes[at] == b'%')
                .then(|| Some(hex(*bytes.get(at + 1)?)? * 16 + hex(*bytes.get(at + 2)?)?))
                .flatten();
            match (bytes[at], escaped) {
                (_, Some(byte)) => {
                    out.push(byte);
                    at += 2;
                }
                (b'+', None) => out.push(b' '),
                (byte, None) => out.push(byte),
            }
            at += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// The page a plain form's post leads to: the next question, the same one with its problems,
/// the one before, or the check-your-answers page. Returns the title and the main content.
pub fn answer(posted: &Posted, districts: &[&str], new_id: &str) -> (String, String) {
    let form = &posted.form;
    let step = Step::from_slug(&posted.at);
    if posted.go == SELF_CHECK {
        return self_check_page();
    }
    if posted.at == SELF_CHECK {
        return advice_page(posted.self_check);
    }
    if let Some(change) = Step::from_slug(&posted.go) {
        return step_page(form, change, &[]);
    }
    match (step, posted.go.as_str()) {
        (Some(step), "back") => step
            .previous()
            .map_or_else(|| step_page(form, step, &[]), |s| step_page(form, s, &[])),
        (None, "back") => step_page(form, Step::Consent, &[]),
        (Some(step), _) => {
            let problems = form.check(step, districts);
            if !problems.is_empty() {
                return step_page(form, step, &problems);
            }
            match step.next() {
                Some(next) => step_page(form, next, &[]),
                None => check_page(form, new_id, &[]),
            }
        }
        (None, _) => step_page(form, Step::Name, &[]),
    }
}

/// "Start now", as a form (so that it works the same in the app and without it).
fn start_button(words: &str) -> String {
    format!(
        r#"<form method="post" action="{PLAIN_PATH}" novalidate><input type="hidden" name="{AT}" value="{START}"><button type="submit" class="govuk-button govuk-button--start">{words}</button></form>"#
    )
}

/// The start page: what fostering asks, what the enquiry asks, and the optional self-check.
pub fn start_page() -> (String, String) {
    let title = "Thinking about fostering?";
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><h1 class="govuk-heading-xl">{title}</h1><p class="govuk-body-l">Tell us a little about yourself and someone from our fostering team will contact you within 24 hours for a friendly chat. It does not commit you to anything.</p><p class="govuk-body">It takes about 3 minutes. We will ask for your name, how to contact you and when, your postcode, whether you have a spare bedroom, what kind of fostering interests you and how you heard about us.</p><p class="govuk-body">You can do this with no signal: your answers are kept on this device and sent when you are back online.</p>{start}<h2 class="govuk-heading-m">Not sure you can foster?</h2><p class="govuk-body">Answer three quick questions first. Whatever you answer, you can still enquire.</p><form method="post" action="{PLAIN_PATH}" novalidate><button type="submit" name="go" value="{SELF_CHECK}" class="govuk-button govuk-button--secondary">Check if you can foster</button></form><p class="govuk-body">You can also call us on {CONTACT_PHONE}.</p></div></div>"#,
        start = start_button("Start now"),
    );
    (title.to_owned(), main)
}

fn yes_no(name: &str, legend: &str) -> String {
    let radio = |value: &str, label: &str| {
        format!(
            r#"<div class="govuk-radios__item"><input class="govuk-radios__input" id="{name}-{value}" name="{name}" type="radio" value="{value}"><label class="govuk-label govuk-radios__label" for="{name}-{value}">{label}</label></div>"#
        )
    };
    format!(
        r#"<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend><div class="govuk-radios govuk-radios--inline">{}{}</div></fieldset></div>"#,
        radio("yes", "Yes"),
        radio("no", "No")
    )
}

/// The optional eligibility self-check: three questions, none of them required.
pub fn self_check_page() -> (String, String) {
    let title = "Check if you can foster";
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><h1 class="govuk-heading-l">{title}</h1><p class="govuk-body">This is only a guide. Whatever you answer, you can still enquire, and we will talk it through with you.</p><form method="post" action="{PLAIN_PATH}" novalidate><input type="hidden" name="{AT}" value="{SELF_CHECK}">{}{}{}<button type="submit" class="govuk-button">See what this means</button></form></div></div>"#,
        yes_no("check_room", "Do you have a spare bedroom?"),
        yes_no("check_age", "Are you 21 or over?"),
        yes_no(
            "check_home",
            "Is your home settled (you own it, or have a secure tenancy)?"
        ),
    );
    (title.to_owned(), main)
}

/// What the self-check's answers mean, kindly, and the way on to the enquiry.
fn advice_page(check: SelfCheck) -> (String, String) {
    let advice = check.advice();
    let body = if advice.is_empty() {
        r#"<p class="govuk-body">Nothing you have told us stands in the way. The next step is a short enquiry.</p>"#.to_owned()
    } else {
        let items: Vec<String> = advice
            .iter()
            .map(|a| format!("<li>{}</li>", esc(a)))
            .collect();
        format!(
            r#"<p class="govuk-body">Some things may need thinking about:</p><ul class="govuk-list govuk-list--bullet">{}</ul><p class="govuk-body">You can still enquire: we are happy to talk about what is possible.</p>"#,
            items.concat()
        )
    };
    let title = "What your answers mean";
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><h1 class="govuk-heading-l">{title}</h1>{body}{start}</div></div>"#,
        start = start_button("Start your enquiry"),
    );
    (title.to_owned(), main)
}

/// The waiting page's title, by which the app knows it is showing.
pub const WAITING_TITLE: &str = "Your enquiry is saved on this device";

/// The app's page while an enquiry waits on the device for a connection.
pub fn waiting_page() -> (String, String) {
    let title = WAITING_TITLE;
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><div class="govuk-notification-banner" role="region" aria-labelledby="waiting-title"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="waiting-title">Not sent yet</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">There is no connection just now.</p></div></div><h1 class="govuk-heading-l">{title}</h1><p class="govuk-body">It will be sent, once, as soon as there is a connection. You can leave this page open, or come back to it later on this device.</p><p class="govuk-body">If you would rather talk, call us on {CONTACT_PHONE}.</p></div></div>"#
    );
    (title.to_owned(), main)
}

/// The start page, for the app's page to show until (or unless) the app starts.
pub fn first_page() -> String {
    start_page().1
}

fn error_summary(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let items: String = problems
        .iter()
        .map(|(id, message)| format!(r##"<li><a href="#{id}">{}</a></li>"##, esc(message)))
        .collect::<Vec<_>>()
        .concat();
    format!(
        r#"<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
<h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{items}</ul></div>
</div></div>"#
    )
}

fn problem_for<'a>(problems: &'a [Problem], id: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|(field, _)| *field == id)
        .map(|(_, m)| m.as_str())
}

fn error_message(message: Option<&str>, id: &str) -> String {
    message.map_or_else(String::new, |m| {
        format!(
            r#"<p id="{id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>"#,
            esc(m)
        )
    })
}

/// Every answer but those on `step`'s page, as hidden fields, plus the honeypot.
fn hidden_answers(form: &EnquiryForm, except: Option<Step>) -> String {
    let mut out = String::new();
    let mut hide = |name: &str, value: &str| {
        let _ = write!(
            out,
            r#"<input type="hidden" name="{name}" value="{}">"#,
            esc(value)
        );
    };
    let on = |s: Step| except == Some(s);
    if !on(Step::Name) {
        hide("name", &form.name);
    }
    if !on(Step::Contact) {
        hide("phone", &form.phone);
        hide("email", &form.email);
    }
    if !on(Step::BestTime) {
        hide("best_time", &form.best_time);
    }
    if !on(Step::Postcode) {
        hide("postcode", &form.postcode);
    }
    if !on(Step::SpareRoom) {
        hide("spare_room", &form.spare_room);
    }
    if !on(Step::Interests) {
        for interest in &form.interests {
            hide("interests", interest);
        }
    }
    if !on(Step::HeardFrom) {
        hide("heard_from", &form.heard_from);
        hide("referred_by", &form.referred_by);
    }
    if !on(Step::Consent) && form.consent {
        hide("consent", "yes");
    }
    out.push_str(&honeypot(&form.website));
    out
}

/// The field only a program fills in: off-screen, out of the tab order, hidden from screen
/// readers.
fn honeypot(value: &str) -> String {
    format!(
        r#"<div class="portal-honeypot" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="{}"></div>"#,
        esc(value)
    )
}

fn text_input(
    id: &str,
    name: &str,
    label: &str,
    value: &str,
    kind: &str,
    autocomplete: &str,
    problem: Option<&str>,
) -> String {
    let error_class = if problem.is_some() {
        " govuk-form-group--error"
    } else {
        ""
    };
    let input_error = if problem.is_some() {
        " govuk-input--error"
    } else {
        ""
    };
    let described = if problem.is_some() {
        format!(r#" aria-describedby="{id}-error""#)
    } else {
        String::new()
    };
    format!(
        r#"<div class="govuk-form-group{error_class}"><label class="govuk-label govuk-label--s" for="{id}">{label}</label>{error}<input class="govuk-input{input_error}" id="{id}" name="{name}" type="{kind}" autocomplete="{autocomplete}" spellcheck="false" value="{value}"{described}></div>"#,
        error = error_message(problem, id),
        value = esc(value),
    )
}

/// Radios or checkboxes for one question, with the question as the fieldset's legend.
fn choices(
    step: Step,
    id: &str,
    name: &str,
    options: &[(&str, &str)],
    chosen: &dyn Fn(&str) -> bool,
    multiple: bool,
    problem: Option<&str>,
) -> String {
    let (kind, class) = if multiple {
        ("checkbox", "govuk-checkboxes")
    } else {
        ("radio", "govuk-radios")
    };
    let items: String = options
        .iter()
        .enumerate()
        .map(|(at, (code, label))| {
            let item_id = if at == 0 {
                id.to_owned()
            } else {
                format!("{id}-{code}")
            };
            let checked = if chosen(code) { " checked" } else { "" };
            format!(
                r#"<div class="{class}__item"><input class="{class}__input" id="{item_id}" name="{name}" type="{kind}" value="{code}"{checked}><label class="govuk-label {class}__label" for="{item_id}">{}</label></div>"#,
                esc(label)
            )
        })
        .collect::<Vec<_>>()
        .concat();
    fieldset(
        step,
        id,
        problem,
        &format!(r#"<div class="{class}">{items}</div>"#),
    )
}

/// The question as a fieldset's legend (the page's heading), its hint and error, and `inner`.
fn fieldset(step: Step, id: &str, problem: Option<&str>, inner: &str) -> String {
    let error_class = if problem.is_some() {
        " govuk-form-group--error"
    } else {
        ""
    };
    let hint = if step.hint().is_empty() {
        String::new()
    } else {
        format!(
            r#"<div id="{id}-hint" class="govuk-hint">{}</div>"#,
            esc(step.hint())
        )
    };
    format!(
        r#"<div class="govuk-form-group{error_class}"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">{question}</h1></legend>{hint}{error}{inner}</fieldset></div>"#,
        question = esc(step.question()),
        error = error_message(problem, id),
    )
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|c| (code(*c), label(*c))).collect()
}

/// One question's page.
pub fn step_page(form: &EnquiryForm, step: Step, problems: &[Problem]) -> (String, String) {
    let question = question(form, step, problems);
    let back = if step.previous().is_some() {
        r#"<button type="submit" name="go" value="back" class="govuk-button govuk-button--secondary">Back</button>"#
    } else {
        ""
    };
    let title = if problems.is_empty() {
        step.question().to_owned()
    } else {
        format!("Error: {}", step.question())
    };
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">{summary}<span class="govuk-caption-l">Thinking about fostering?</span><form method="post" action="{PLAIN_PATH}" novalidate><input type="hidden" name="{AT}" value="{slug}">{hidden}{question}<div class="govuk-button-group"><button type="submit" class="govuk-button">Continue</button>{back}</div></form></div></div>"#,
        summary = error_summary(problems),
        slug = step.slug(),
        hidden = hidden_answers(form, Some(step)),
    );
    (title, main)
}

/// The question on `step`'s page, with its answer so far and its problems.
fn question(form: &EnquiryForm, step: Step, problems: &[Problem]) -> String {
    let problem = |id| problem_for(problems, id);
    match step {
        Step::Name => format!(
            r#"<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="{id}">{q}</label></h1><div class="govuk-form-group{e}"><div id="{id}-hint" class="govuk-hint">{hint}</div>{error}<input class="govuk-input" id="{id}" name="name" type="text" autocomplete="name" spellcheck="false" aria-describedby="{id}-hint" value="{v}"></div>"#,
            id = field::NAME,
            q = esc(step.question()),
            e = if problem(field::NAME).is_some() {
                " govuk-form-group--error"
            } else {
                ""
            },
            hint = esc(step.hint()),
            error = error_message(problem(field::NAME), field::NAME),
            v = esc(&form.name),
        ),
        Step::Contact => fieldset(
            step,
            field::PHONE,
            None,
            &format!(
                "{}{}",
                text_input(
                    field::PHONE,
                    "phone",
                    "Phone number",
                    &form.phone,
                    "tel",
                    "tel",
                    problem(field::PHONE)
                ),
                text_input(
                    field::EMAIL,
                    "email",
                    "Email address",
                    &form.email,
                    "email",
                    "email",
                    problem(field::EMAIL)
                ),
            ),
        ),
        Step::BestTime => choices(
            step,
            field::BEST_TIME,
            "best_time",
            &options(BestTime::ALL, BestTime::as_str, BestTime::label),
            &|c| c == form.best_time,
            false,
            problem(field::BEST_TIME),
        ),
        Step::Postcode => format!(
            r#"<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="{id}">{q}</label></h1><div class="govuk-form-group"><div id="{id}-hint" class="govuk-hint">{hint}</div>{error}<input class="govuk-input govuk-input--width-10" id="{id}" name="postcode" type="text" autocomplete="postal-code" spellcheck="false" aria-describedby="{id}-hint" value="{v}"></div>"#,
            id = field::POSTCODE,
            q = esc(step.question()),
            hint = esc(step.hint()),
            error = error_message(problem(field::POSTCODE), field::POSTCODE),
            v = esc(&form.postcode),
        ),
        Step::SpareRoom => choices(
            step,
            field::SPARE_ROOM,
            "spare_room",
            &options(SpareRoom::ALL, SpareRoom::as_str, SpareRoom::label),
            &|c| c == form.spare_room,
            false,
            problem(field::SPARE_ROOM),
        ),
        Step::Interests => choices(
            step,
            field::INTERESTS,
            "interests",
            &options(Interest::ALL, Interest::as_str, Interest::label),
            &|c| form.interests.iter().any(|i| i == c),
            true,
            problem(field::INTERESTS),
        ),
        Step::HeardFrom => heard_from_question(form, problems),
        Step::Consent => fieldset(
            step,
            field::CONSENT,
            problem(field::CONSENT),
            &format!(
                r#"<p class="govuk-body">We will use your answers only to talk to you about fostering with us. Our <a class="govuk-link" href="/privacy/">privacy notice</a> says how long we keep them and your rights.</p><div class="govuk-checkboxes"><div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{id}" name="consent" type="checkbox" value="yes"{checked}><label class="govuk-label govuk-checkboxes__label" for="{id}">You can contact me about fostering</label></div></div>"#,
                id = field::CONSENT,
                checked = if form.consent { " checked" } else { "" },
            ),
        ),
    }
}

/// How they heard about fostering with us, and the foster carer who told them, if one did.
fn heard_from_question(form: &EnquiryForm, problems: &[Problem]) -> String {
    let problem = |id| problem_for(problems, id);
    format!(
        "{}{}",
        choices(
            Step::HeardFrom,
            field::HEARD_FROM,
            "heard_from",
            &options(HeardFrom::ALL, HeardFrom::as_str, HeardFrom::label),
            &|c| c == form.heard_from,
            false,
            problem(field::HEARD_FROM),
        ),
        text_input(
            field::REFERRED_BY,
            "referred_by",
            "If a foster carer told you about us, their name (optional), so we can thank them",
            &form.referred_by,
            "text",
            "off",
            problem(field::REFERRED_BY),
        ),
    )
}

/// The check-your-answers page, which sends the enquiry.
pub fn check_page(form: &EnquiryForm, id: &str, problems: &[Problem]) -> (String, String) {
    let rows: String = Step::ALL
        .into_iter()
        .map(|step| {
            format!(
                r#"<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{}</dt><dd class="govuk-summary-list__value">{}</dd><dd class="govuk-summary-list__actions"><button type="submit" name="go" value="{}" formaction="{PLAIN_PATH}" class="govuk-button govuk-button--secondary portal-button--link">Change<span class="govuk-visually-hidden"> {}</span></button></dd></div>"#,
                esc(step.summary_label()),
                esc(&form.answer_words(step)),
                step.slug(),
                esc(&step.summary_label().to_lowercase()),
            )
        })
        .collect::<Vec<_>>()
        .concat();
    let title = "Check your answers before sending your enquiry";
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">{summary}<h1 class="govuk-heading-l">{title}</h1><form method="post" action="{SEND_PATH}" novalidate><input type="hidden" name="{AT}" value="{CHECK}"><input type="hidden" name="id" value="{id}">{hidden}<dl class="govuk-summary-list">{rows}</dl><h2 class="govuk-heading-m">Now send your enquiry</h2><p class="govuk-body">Someone from our fostering team will contact you within 24 hours.</p><button type="submit" class="govuk-button">Send my enquiry</button></form></div></div>"#,
        summary = error_summary(problems),
        id = esc(id),
        hidden = hidden_answers(form, None),
    );
    (title.to_owned(), main)
}

/// The confirmation: what happens next, and when.
pub fn sent_page(reply_by: i64) -> (String, String) {
    let title = "Thank you: your enquiry has been sent";
    let main = format!(
        r#"<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">{title}</h1></div><h2 class="govuk-heading-m">What happens next</h2><p class="govuk-body">Someone from our fostering team will contact you {when}, at the time you said suits you best if they can.</p><p class="govuk-body">They will have a friendly chat with you about fostering and answer your questions. Nothing you say commits you to anything.</p><p class="govuk-body">If you would rather talk now, call us on {CONTACT_PHONE}.</p></div></div>"#,
        when = esc(&reply_by_words(reply_by)),
    );
    (title.to_owned(), main)
}

/// A page that says, in plain words, why the enquiry could not be sent.
pub fn refused_page(message: &str) -> (String, String) {
    let title = "Your enquiry could not be sent";
    let main = format!(
        r#"<h1 class="govuk-heading-l">{title}</h1><p class="govuk-body">{}</p><p class="govuk-body">You can call us on {CONTACT_PHONE} instead.</p><p class="govuk-body"><a class="govuk-link" href="{PLAIN_PATH}">Start again</a></p>"#,
        esc(message)
    );
    (title.to_owned(), main)
}
