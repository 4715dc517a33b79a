//! Email notices: the short emails that tell a person something new is waiting for them in the
//! portal, and the choices each person makes about which they get.
//!
//! An email leaves the council's systems and may be read by anyone with the mailbox, so a
//! notice never carries what it is about: no names, no amounts, no messages, nothing about a
//! child or a household. The type makes that so. A `Notice` is only its kind and, for an
//! invitation, the sign-in link; every word of every email is fixed here, and `render` has no
//! other input than the portal's address.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::brand::{CONTACT_EMAIL, CONTACT_HOURS, CONTACT_PHONE, COUNCIL_NAME, SERVICE_NAME};
use crate::text::escape_html;

/// Whether someone in `role` gets notices and chooses which: carers and applicants (who sign in
/// as carers of a household being assessed). Staff get none.
pub const fn can_choose_notices(role: Role) -> bool {
    matches!(role, Role::Carer)
}

/// Whether someone in `role` may read the outbox: it names everyone emailed, so only
/// administrators, who look after the service's settings.
pub const fn can_read_outbox(role: Role) -> bool {
    matches!(role, Role::Administrator)
}

/// What happened, from the reader's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The finance team replied to a payment query.
    PaymentReply,
    /// The finance team replied about a claim, or decided it.
    ClaimReply,
    /// A place on a session came free and went to someone on its waiting list.
    PlaceOffered,
    /// A session the person had a place on was cancelled.
    SessionCancelled,
    /// A survey opened for the household.
    SurveyOpened,
    /// A survey the household has not answered closes soon.
    SurveyReminder,
    /// The buddy scheme suggested a buddy.
    BuddySuggested,
    /// The mentor scheme suggested a mentor for an applicant, or an applicant for a mentor.
    MentorSuggested,
    /// Someone sent an enquiry about fostering: a thank you, with the information pack.
    EnquiryReceived,
    /// A new carer or applicant is invited to set their password.
    Invitation,
}

/// The groups of notices a person chooses between. Account emails (an invitation, the answer to
/// an enquiry) are not a choice: they are the reason the person has an account at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    Replies,
    Sessions,
    Surveys,
    Buddies,
    Account,
}

impl Topic {
    /// The topics a person may turn off, in the order the Notifications page lists them.
    pub const CHOOSABLE: [Self; 4] = [Self::Replies, Self::Sessions, Self::Surveys, Self::Buddies];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Replies => "replies",
            Self::Sessions => "sessions",
            Self::Surveys => "surveys",
            Self::Buddies => "buddies",
            Self::Account => "account",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Replies,
            Self::Sessions,
            Self::Surveys,
            Self::Buddies,
            Self::Account,
        ]
        .into_iter()
        .find(|topic| topic.as_str() == text)
    }

    /// The topic as the Notifications page names it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Replies => "Replies about payment queries and claims",
            Self::Sessions => "Places given from a waiting list, and sessions cancelled",
            Self::Surveys => "Surveys opening, and a reminder before they close",
            Self::Buddies => "Buddy and mentor suggestions",
            Self::Account => "Invitations and answers to enquiries",
        }
    }
}

impl NoticeKind {
    pub const ALL: [Self; 10] = [
        Self::PaymentReply,
        Self::ClaimReply,
        Self::PlaceOffered,
        Self::SessionCancelled,
        Self::SurveyOpened,
        Self::SurveyReminder,
        Self::BuddySuggested,
        Self::MentorSuggested,
        Self::EnquiryReceived,
        Self::Invitation,
    ];

    /// The name stored in the outbox.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::PaymentReply => "payment-reply",
            Self::ClaimReply => "claim-reply",
            Self::PlaceOffered => "place-offered",
            Self::SessionCancelled => "session-cancelled",
            Self::SurveyOpened => "survey-opened",
            Self::SurveyReminder => "survey-reminder",
            Self::BuddySuggested => "buddy-suggested",
            Self::MentorSuggested => "mentor-suggested",
            Self::EnquiryReceived => "enquiry-received",
            Self::Invitation => "invitation",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub const fn topic(self) -> Topic {
        match self {
            Self::PaymentReply | Self::ClaimReply => Topic::Replies,
            Self::PlaceOffered | Self::SessionCancelled => Topic::Sessions,
            Self::SurveyOpened | Self::SurveyReminder => Topic::Surveys,
            Self::BuddySuggested | Self::MentorSuggested => Topic::Buddies,
            Self::EnquiryReceived | Self::Invitation => Topic::Account,
        }
    }

    /// A short description for the staff's view of the outbox.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::PaymentReply => "A reply about a payment query",
            Self::ClaimReply => "A reply about a claim",
            Self::PlaceOffered => "A place given from a waiting list",
            Self::SessionCancelled => "A session cancelled",
            Self::SurveyOpened => "A survey opened",
            Self::SurveyReminder => "A survey reminder",
            Self::BuddySuggested => "A buddy suggested",
            Self::MentorSuggested => "A mentor suggested",
            Self::EnquiryReceived => "An enquiry's acknowledgement",
            Self::Invitation => "An invitation to set a password",
        }
    }

    /// The subject line, the sentence saying what is waiting, and the page of the carers' app
    /// to open (paths of the app's route table).
    const fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::PaymentReply => (
                "You have a new reply about a payment",
                "You have a new reply about a payment query.",
                "/payments",
            ),
            Self::ClaimReply => (
                "You have news about a claim",
                "The finance team has replied about a claim, or decided it.",
                "/payments",
            ),
            Self::PlaceOffered => (
                "You have a place on a session",
                "A place came free on a session you were waiting for, and it is yours. If \
                 you can no longer go, cancel it so someone else can have it.",
                "/groups",
            ),
            Self::SessionCancelled => (
                "A session you booked has been cancelled",
                "A session you had a place on has been cancelled.",
                "/groups",
            ),
            Self::SurveyOpened => (
                "A new survey is open",
                "A new survey is open. Your answers are anonymous.",
                "/surveys",
            ),
            Self::SurveyReminder => (
                "A survey closes soon",
                "A survey you have not answered yet closes soon. Your answers are anonymous.",
                "/surveys",
            ),
            Self::BuddySuggested => (
                "We have suggested a buddy",
                "We have suggested a buddy for you. Say whether you would like to go ahead.",
                "/buddies",
            ),
            Self::MentorSuggested => (
                "We have suggested a mentor pairing",
                "We have suggested a mentor pairing for you. Say whether you would like to \
                 go ahead.",
                "/buddies",
            ),
            Self::EnquiryReceived => (
                "Thank you for your enquiry about fostering",
                "Thank you for getting in touch about fostering. We have your enquiry, and \
                 someone from the fostering team will contact you within a day.",
                "/enquire/",
            ),
            Self::Invitation => (
                "Set your password for the Foster Carer Portal",
                "You have been invited to the Foster Carer Portal. Use the link below to set \
                 your password. It works once, for 7 days.",
                "/invitation",
            ),
        }
    }
}

/// One email to send, before it has words: all an outbox row holds about its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    kind: NoticeKind,
    /// The invitation's secret part (after `#`), for an invitation only.
    token: Option<String>,
}

impl Notice {
    /// A notice of any kind but an invitation.
    pub const fn of(kind: NoticeKind) -> Self {
        Self { kind, token: None }
    }

    /// An invitation, whose link carries `token`.
    pub fn invitation(token: &str) -> Self {
        Self {
            kind: NoticeKind::Invitation,
            token: Some(token.to_owned()),
        }
    }

    /// The notice back from what the outbox keeps.
    pub fn stored(kind: NoticeKind, token: Option<String>) -> Self {
        Self { kind, token }
    }

    pub const fn kind(&self) -> NoticeKind {
        self.kind
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The email's words, in plain text and HTML, with links into the portal at `portal_url`
    /// (its address, such as `https://fostering.northby.example`).
    pub fn render(&self, portal_url: &str) -> Email {
        let base = portal_url.trim_end_matches('/');
        let (subject, sentence, path) = self.kind.words();
        let target = match &self.token {
            Some(token) if self.kind == NoticeKind::Invitation => format!("{base}{path}#{token}"),
            _ => format!("{base}{path}"),
        };
        let action = match self.kind {
            NoticeKind::Invitation => "Set your password",
            NoticeKind::EnquiryReceived => "Read more about fostering with us",
            _ => "Sign in to read it",
        };
        let mut blocks = vec![
            Block::Paragraph("Hello,".to_owned()),
            Block::Paragraph(sentence.to_owned()),
            Block::Link(action, target),
        ];
        if self.kind == NoticeKind::EnquiryReceived {
            for (heading, paragraph) in INFORMATION_PACK {
                blocks.push(Block::Heading(heading));
                blocks.push(Block::Paragraph((*paragraph).to_owned()));
            }
        }
        blocks.push(Block::Paragraph(format!(
            "Questions? Contact the fostering team on {CONTACT_PHONE} ({CONTACT_HOURS}) or at \
             {CONTACT_EMAIL}. Do not reply to this email: nobody reads the replies."
        )));
        if self.kind.topic() != Topic::Account {
            blocks.push(Block::Link(
                "Choose which emails you get from the portal",
                format!("{base}/notifications"),
            ));
        }
        blocks.push(Block::Paragraph(format!("{SERVICE_NAME}, {COUNCIL_NAME}")));
        let text = blocks
            .iter()
            .map(Block::text)
            .collect::<Vec<_>>()
            .join("\n\n");
        let html = blocks.iter().map(Block::html).collect::<String>();
        Email {
            subject: subject.to_owned(),
            text: format!("{text}\n"),
            html: format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
                 </head><body style=\"font-family: Arial, sans-serif; font-size: 16px; \
                 line-height: 1.5\">{html}</body></html>",
                escape_html(subject)
            ),
        }
    }
}

/// A piece of an email, written once and shown in both parts.
enum Block {
    Paragraph(String),
    Heading(&'static str),
    /// What the link does, and where it goes.
    Link(&'static str, String),
}

impl Block {
    fn text(&self) -> String {
        match self {
            Self::Paragraph(words) => words.clone(),
            Self::Heading(words) => (*words).to_owned(),
            Self::Link(label, url) => format!("{label}:\n{url}"),
        }
    }

    fn html(&self) -> String {
        match self {
            Self::Paragraph(words) => format!("<p>{}</p>", escape_html(words)),
            Self::Heading(words) => format!("<h2>{}</h2>", escape_html(words)),
            Self::Link(label, url) => format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape_html(url),
                escape_html(label)
            ),
        }
    }
}

/// What every enquirer is sent at once, as Trafford does: the steps, and how long they take.
const INFORMATION_PACK: &[(&str, &str)] = &[
    (
        "What happens next",
        "We will phone or email you to talk about fostering and answer your questions. If you \
         would like to go on, a social worker visits you at home.",
    ),
    (
        "Applying and being assessed",
        "After the visit you can apply. A social worker then gets to know your household over \
         about 16 weeks, with training along the way, and the fostering panel makes a \
         recommendation.",
    ),
    (
        "Support and allowances",
        "Every foster carer has a supervising social worker, training, support groups and a \
         buddy, and is paid an allowance for each child plus a fee.",
    ),
];

/// An email's words, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One choice on the Notifications page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub topic: Topic,
    pub wanted: bool,
}

/// Which notices a person gets: every topic unless they turned it off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// The topics turned off.
    pub off: Vec<Topic>,
}

impl Choices {
    pub fn wants(&self, kind: NoticeKind) -> bool {
        kind.topic() == Topic::Account || !self.off.contains(&kind.topic())
    }

    /// Each choosable topic and whether it is wanted, in the page's order.
    pub fn list(&self) -> Vec<Choice> {
        Topic::CHOOSABLE
            .into_iter()
            .map(|topic| Choice {
                topic,
                wanted: !self.off.contains(&topic),
            })
            .collect()
    }

    /// The choices from the page's ticked topics. Account emails cannot be turned off.
    pub fn from_wanted(wanted: &[Topic]) -> Self {
        Self {
            off: Topic::CHOOSABLE
                .into_iter()
                .filter(|topic| !wanted.contains(topic))
                .collect(),
        }
    }
}

/// `PUT /api/notifications`: the topics ticked on the Notifications page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoicesForm {
    pub wanted: Vec<Topic>,
}

impl ChoicesForm {
    pub fn choices(&self) -> Choices {
        Choices::from_wanted(&self.wanted)
    }
}

/// The staff's view of one email in the outbox: what kind, to whom, and how it is going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub kind: NoticeKind,
    pub recipient: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

impl OutboxEntry {
    /// How the email is going, in words: sent when, waiting, or why it has not gone yet.
    pub fn status_words(&self) -> String {
        match (self.sent_at, &self.last_error) {
            (Some(at), _) => format!("Sent {}", crate::enquiries::recruitment::when_words(at)),
            (None, Some(error)) => {
                let times = if self.attempts == 1 {
                    "once".to_owned()
                } else {
                    format!("{} times", self.attempts)
                };
                format!(
                    "Not sent yet: tried {times}, and will try again. The last problem: {error}"
                )
            }
            (None, None) => "Waiting to be sent".to_owned(),
        }
    }
}

/// How mail leaves the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    /// Through a mail server (SMTP).
    MailServer,
    /// Written as files to a folder on the server (for trying the portal out).
    Folder,
    /// Not set up: emails wait in the outbox.
    NotSetUp,
}

impl DeliveryKind {
    /// How the staff's view of the outbox names it.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::MailServer => "a mail server",
            Self::Folder => "a folder on the server",
            Self::NotSetUp => "not set up",
        }
    }
}

/// The staff's view of the outbox: whether mail is set up, the counts, and the latest emails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub delivery: DeliveryKind,
    pub waiting: i64,
    pub failing: i64,
    pub sent: i64,
    pub latest: Vec<OutboxEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: &str = "https://fostering.northby.example";

    #[test]
    fn every_kind_has_a_stored_name_that_reads_back() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("a kind serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(NoticeKind::parse("payment"), None);
        for topic in Topic::CHOOSABLE {
            assert_eq!(Topic::parse(topic.as_str()), Some(topic));
        }
    }

    #[test]
    fn every_email_has_both_parts_a_link_into_the_portal_and_the_contact_details() {
        for kind in NoticeKind::ALL {
            let email = Notice::of(kind).render(&format!("{PORTAL}/"));
            assert!(!email.subject.is_empty(), "{kind:?}");
            assert!(email.text.starts_with("Hello,"), "{kind:?}");
            assert!(email.html.contains("<p>Hello,</p>"), "{kind:?}");
            assert!(email.text.contains(&format!("{PORTAL}/")), "{kind:?}");
            assert!(
                !email.text.contains("example//"),
                "{kind:?}: a doubled slash"
            );
            assert!(email.text.contains(CONTACT_PHONE), "{kind:?}");
            assert!(email.html.ends_with("</body></html>"), "{kind:?}");
        }
    }

    #[test]
    fn only_notices_people_can_choose_carry_the_link_to_their_choices() {
        for kind in NoticeKind::ALL {
            let email = Notice::of(kind).render(PORTAL);
            assert_eq!(
                email.text.contains("/notifications"),
                kind.topic() != Topic::Account,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn an_invitation_links_to_its_token_and_the_enquiry_carries_the_information_pack() {
        let email = Notice::invitation("abc123").render(PORTAL);
        assert!(email.text.contains(&format!("{PORTAL}/invitation#abc123")));
        assert!(email.html.contains(&format!("{PORTAL}/invitation#abc123")));
        let email = Notice::of(NoticeKind::EnquiryReceived).render(PORTAL);
        assert!(email.text.contains("What happens next"));
        assert!(email.html.contains("<h2>Applying and being assessed</h2>"));
        // A token is only ever an invitation's.
        let email = Notice::stored(NoticeKind::PaymentReply, Some("abc123".into())).render(PORTAL);
        assert!(!email.text.contains("abc123"));
    }

    #[test]
    fn an_outbox_entry_says_how_it_is_going() {
        let mut entry = OutboxEntry {
            id: "e1".into(),
            kind: NoticeKind::PaymentReply,
            recipient: "carer@example.test".into(),
            created_at: 1_700_000_000,
            attempts: 0,
            sent_at: None,
            last_error: None,
        };
        assert_eq!(entry.status_words(), "Waiting to be sent");
        entry.attempts = 2;
        entry.last_error = Some("The mail server did not take it.".into());
        assert_eq!(
            entry.status_words(),
            "Not sent yet: tried 2 times, and will try again. The last problem: The mail server did not take it."
        );
        entry.sent_at = Some(1_700_000_000);
        assert_eq!(entry.status_words(), "Sent 14 November 2023, 10:13pm");
    }

    #[test]
    fn choices_turn_topics_off_but_never_account_emails() {
        let choices = Choices::from_wanted(&[Topic::Replies]);
        assert!(choices.wants(NoticeKind::PaymentReply));
        assert!(!choices.wants(NoticeKind::SurveyOpened));
        assert!(!choices.wants(NoticeKind::PlaceOffered));
        assert!(choices.wants(NoticeKind::Invitation));
        let none = Choices::from_wanted(&[]);
        assert!(none.wants(NoticeKind::EnquiryReceived));
        assert_eq!(
            none.list().iter().filter(|c| c.wanted).count(),
            0,
            "every choosable topic is off"
        );
        assert!(Choices::default().list().iter().all(|c| c.wanted));
    }
}
