//! Enquiries from people thinking about fostering: the questions, one per page, each checked
//! as the person moves on and all checked again by the server; an eligibility self-check that
//! never stops anyone enquiring; and how long an enquiry that did not go ahead is kept.

use serde::{Deserialize, Serialize};

use crate::account::Email;
use crate::date::CalendarDate;
use crate::details::{PhoneNumber, PostcodeDistrict, Text};

/// Declares a list of fixed choices: each with its code (on the wire and in forms) and its
/// words (on the page).
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            pub const fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == raw)
            }
        }
    };
}

pub mod application;
pub mod funnel;
pub mod pages;
pub mod recruitment;
pub mod timescales;

pub use funnel::{Funnel, share_words};
pub use recruitment::{
    Action, ActionForm, AssignForm, ClosedReason, ContactKind, EnquiryList, EnquiryRecord, Event,
    Happened, InboxView, Stage, TARGET_HOURS, Wait, can_handle_enquiries, duration_words, inbox,
    when_words,
};
pub use timescales::{Applicant, Progress, Standing, Timeliness, applicants};

choices! {
    /// When someone would like the service to call.
    BestTime {
        Morning => ("morning", "Morning (9am to 12pm)"),
        Afternoon => ("afternoon", "Afternoon (12pm to 5pm)"),
        Evening => ("evening", "Early evening (5pm to 7pm)"),
        Any => ("any", "Any time"),
    }
}

choices! {
    /// Whether there is a spare bedroom for a child.
    SpareRoom {
        Yes => ("yes", "Yes"),
        Soon => ("soon", "Not yet, but there will be"),
        No => ("no", "No"),
    }
}

choices! {
    /// The kinds of fostering someone is interested in (any number, or none yet).
    Interest {
        Teenagers => ("teenagers", "Teenagers"),
        Siblings => ("siblings", "Brothers and sisters together"),
        Disabilities => ("disabilities", "Children with disabilities"),
        ParentAndChild => ("parent_and_child", "Parent and child"),
        ShortBreaks => ("short_breaks", "Short breaks"),
        AsylumSeeking => ("asylum_seeking", "Children seeking asylum on their own"),
        SupportedLodgings => ("supported_lodgings", "Supported lodgings for young people"),
        NotSure => ("not_sure", "Not sure yet"),
    }
}

choices! {
    /// How someone heard about the service: the recruitment team's "sources".
    HeardFrom {
        Search => ("search", "An internet search"),
        SocialMedia => ("social_media", "Social media"),
        FriendOrFamily => ("friend_or_family", "A friend or family member"),
        FosterCarer => ("foster_carer", "A foster carer"),
        Event => ("event", "An event or talk"),
        Advert => ("advert", "An advert"),
        Other => ("other", "Somewhere else"),
    }
}

/// The questions, one per page, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Name,
    Contact,
    BestTime,
    Postcode,
    SpareRoom,
    Interests,
    HeardFrom,
    Consent,
}

impl Step {
    pub const ALL: [Self; 8] = [
        Self::Name,
        Self::Contact,
        Self::BestTime,
        Self::Postcode,
        Self::SpareRoom,
        Self::Interests,
        Self::HeardFrom,
        Self::Consent,
    ];

    /// The page's question, as its heading.
    pub const fn question(self) -> &'static str {
        match self {
            Self::Name => "What is your name?",
            Self::Contact => "How can we contact you?",
            Self::BestTime => "When is the best time to call you?",
            Self::Postcode => "What is your postcode?",
            Self::SpareRoom => "Do you have a spare bedroom?",
            Self::Interests => "What kind of fostering interests you?",
            Self::HeardFrom => "How did you hear about fostering with us?",
            Self::Consent => "Can we contact you about fostering?",
        }
    }

    /// The page's help under the question, if it has any.
    pub const fn hint(self) -> &'static str {
        match self {
            Self::Name => "So we know what to call you.",
            Self::Contact => "Give a phone number, an email address, or both.",
            Self::BestTime => {
                "We will try to call at this time. We never leave details of why we called with anyone else."
            }
            Self::Postcode => {
                "So we can check we cover where you live. We only keep the first part, like NB12."
            }
            Self::SpareRoom => "A bedroom a child could have as their own.",
            Self::Interests => "Choose as many as you like. You can change your mind later.",
            Self::HeardFrom => "This helps us reach more people like you.",
            Self::Consent => "",
        }
    }

    /// What the check-your-answers page calls the answer.
    pub const fn summary_label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Contact => "How to contact you",
            Self::BestTime => "Best time to call",
            Self::Postcode => "Postcode",
            Self::SpareRoom => "Spare bedroom",
            Self::Interests => "Kinds of fostering",
            Self::HeardFrom => "How you heard about us",
            Self::Consent => "We can contact you",
        }
    }

    pub const fn slug(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Contact => "contact",
            Self::BestTime => "best-time",
            Self::Postcode => "postcode",
            Self::SpareRoom => "spare-room",
            Self::Interests => "interests",
            Self::HeardFrom => "heard-from",
            Self::Consent => "consent",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The page after this one; `None` after the last, where the answers are checked.
    pub fn next(self) -> Option<Self> {
        let at = Self::ALL.iter().position(|s| *s == self)?;
        Self::ALL.get(at + 1).copied()
    }

    /// The page before this one; `None` on the first.
    pub fn previous(self) -> Option<Self> {
        let at = Self::ALL.iter().position(|s| *s == self)?;
        at.checked_sub(1).map(|before| Self::ALL[before])
    }
}

/// A field of the enquiry that can be wrong: its input's id, for the error summary's links.
pub mod field {
    pub const NAME: &str = "enquiry-name";
    pub const PHONE: &str = "enquiry-phone";
    pub const EMAIL: &str = "enquiry-email";
    pub const BEST_TIME: &str = "enquiry-best-time";
    pub const POSTCODE: &str = "enquiry-postcode";
    pub const SPARE_ROOM: &str = "enquiry-spare-room";
    pub const INTERESTS: &str = "enquiry-interests";
    pub const HEARD_FROM: &str = "enquiry-heard-from";
    pub const REFERRED_BY: &str = "enquiry-referred-by";
    pub const CONSENT: &str = "enquiry-consent";
}

/// The most a name may hold.
pub const MOST_NAME: usize = 100;

/// An enquiry as it is typed: every answer as text, kept on the device between pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryForm {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub best_time: String,
    pub postcode: String,
    pub spare_room: String,
    #[serde(default)]
    pub interests: Vec<String>,
    pub heard_from: String,
    /// The name of the foster carer who told them about fostering, if they heard from one and
    /// want to say who (the service thanks carers who refer a friend).
    #[serde(default)]
    pub referred_by: String,
    pub consent: bool,
    /// A field people never see: only a program filling in every box fills it in.
    #[serde(default)]
    pub website: String,
}

/// An enquiry with every answer valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enquiry {
    pub name: Text,
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub best_time: BestTime,
    pub postcode: PostcodeDistrict,
    pub spare_room: SpareRoom,
    pub interests: Vec<Interest>,
    pub heard_from: HeardFrom,
    /// The foster carer who referred them, by the name they gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<Text>,
}

impl Enquiry {
    /// Each answer with what the check-your-answers page calls it, for staff to read.
    pub fn answers(&self) -> Vec<(&'static str, String)> {
        let contact: Vec<String> = self
            .phone
            .iter()
            .map(|p| p.as_str().to_owned())
            .chain(self.email.iter().map(|e| e.as_str().to_owned()))
            .collect();
        let interests: Vec<&str> = self.interests.iter().map(|i| i.label()).collect();
        vec![
            (Step::Name.summary_label(), self.name.as_str().to_owned()),
            (Step::Contact.summary_label(), contact.join(", ")),
            (
                Step::BestTime.summary_label(),
                self.best_time.label().to_owned(),
            ),
            (
                Step::Postcode.summary_label(),
                self.postcode.as_str().to_owned(),
            ),
            (
                Step::SpareRoom.summary_label(),
                self.spare_room.label().to_owned(),
            ),
            (Step::Interests.summary_label(), interests.join(", ")),
            (
                Step::HeardFrom.summary_label(),
                self.heard_from.label().to_owned(),
            ),
        ]
        .into_iter()
        .chain(
            self.referred_by
                .as_ref()
                .map(|by| ("Referred by", by.as_str().to_owned())),
        )
        .collect()
    }
}

/// A problem with an answer: the input it is about and what to do, in plain words.
pub type Problem = (&'static str, String);

impl EnquiryForm {
    /// The problems with the answers on `step`'s page, given the districts the service covers.
    pub fn check(&self, step: Step, districts: &[&str]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let choose = |raw: &str, found: bool, id: &'static str, what: &str| {
            (!found).then(|| {
                (
                    id,
                    if raw.is_empty() {
                        format!("Choose {what}")
                    } else {
                        format!("Choose {what} from the list")
                    },
                )
            })
        };
        match step {
            Step::Name => {
                if let Err(error) = Text::parse(&self.name, "your name", MOST_NAME) {
                    problems.push((
                        field::NAME,
                        error.to_string().trim_end_matches('.').to_owned(),
                    ));
                }
            }
            Step::Contact => problems.extend(self.contact_problems()),
            Step::BestTime => problems.extend(choose(
                &self.best_time,
                BestTime::parse(&self.best_time).is_some(),
                field::BEST_TIME,
                "the best time to call you",
            )),
            Step::Postcode => problems.extend(postcode_problem(&self.postcode, districts)),
            Step::SpareRoom => problems.extend(choose(
                &self.spare_room,
                SpareRoom::parse(&self.spare_room).is_some(),
                field::SPARE_ROOM,
                "whether you have a spare bedroom",
            )),
            Step::Interests => {
                if self.interests.iter().any(|i| Interest::parse(i).is_none()) {
                    problems.push((
                        field::INTERESTS,
                        "Choose the kinds of fostering from the list".to_owned(),
                    ));
                } else if self.interests.is_empty() {
                    problems.push((
                        field::INTERESTS,
                        "Choose at least one, or \"Not sure yet\"".to_owned(),
                    ));
                }
            }
            Step::HeardFrom => {
                problems.extend(choose(
                    &self.heard_from,
                    HeardFrom::parse(&self.heard_from).is_some(),
                    field::HEARD_FROM,
                    "how you heard about us",
                ));
                if let Some(Err(error)) = self.referrer() {
                    problems.push((
                        field::REFERRED_BY,
                        error.to_string().trim_end_matches('.').to_owned(),
                    ));
                }
            }
            Step::Consent => {
                if !self.consent {
                    problems.push((
                        field::CONSENT,
                        "Tick the box to say we can contact you, so that we can reply".to_owned(),
                    ));
                }
            }
        }
        problems
    }

    fn contact_problems(&self) -> Vec<Problem> {
        let (phone, email) = (self.phone.trim(), self.email.trim());
        if phone.is_empty() && email.is_empty() {
            return vec![(
                field::PHONE,
                "Enter a phone number or an email address, or both".to_owned(),
            )];
        }
        let mut problems = Vec::new();
        if !phone.is_empty()
            && let Err(error) = PhoneNumber::parse(phone)
        {
            problems.push((
                field::PHONE,
                error.to_string().trim_end_matches('.').to_owned(),
            ));
        }
        if !email.is_empty() && Email::parse(email).is_err() {
            problems.push((
                field::EMAIL,
                "Enter an email address in the right form, like name@example.com".to_owned(),
            ));
        }
        problems
    }

    /// The answer to `step`'s question in words, for the check-your-answers page.
    pub fn answer_words(&self, step: Step) -> String {
        fn label_of<T: Copy>(
            parse: fn(&str) -> Option<T>,
            label: fn(T) -> &'static str,
            raw: &str,
        ) -> String {
            parse(raw).map_or_else(String::new, |c| label(c).to_owned())
        }
        match step {
            Step::Name => self.name.trim().to_owned(),
            Step::Contact => [self.phone.trim(), self.email.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            Step::BestTime => label_of(BestTime::parse, BestTime::label, &self.best_time),
            Step::Postcode => self.postcode.trim().to_uppercase(),
            Step::SpareRoom => label_of(SpareRoom::parse, SpareRoom::label, &self.spare_room),
            Step::Interests => self
                .interests
                .iter()
                .filter_map(|i| Interest::parse(i))
                .map(Interest::label)
                .collect::<Vec<_>>()
                .join(", "),
            Step::HeardFrom => {
                let heard = label_of(HeardFrom::parse, HeardFrom::label, &self.heard_from);
                match self.referrer() {
                    Some(Ok(by)) => format!("{heard} ({})", by.as_str()),
                    _ => heard,
                }
            }
            Step::Consent => if self.consent { "Yes" } else { "No" }.to_owned(),
        }
    }

    /// The first page with a problem, for "check your answers" to send the person back to.
    pub fn first_unanswered(&self, districts: &[&str]) -> Option<Step> {
        Step::ALL
            .into_iter()
            .find(|step| !self.check(*step, districts).is_empty())
    }

    /// The enquiry, if every answer is valid; otherwise every problem, page by page.
    pub fn parse(&self, districts: &[&str]) -> Result<Enquiry, Vec<Problem>> {
        let problems: Vec<Problem> = Step::ALL
            .into_iter()
            .flat_map(|step| self.check(step, districts))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let invalid = || vec![(field::NAME, "Check your answers".to_owned())];
        let mut interests: Vec<Interest> = self
            .interests
            .iter()
            .filter_map(|i| Interest::parse(i))
            .collect();
        interests.sort_unstable();
        interests.dedup();
        Ok(Enquiry {
            name: Text::parse(&self.name, "your name", MOST_NAME).map_err(|_| invalid())?,
            phone: Some(self.phone.trim())
                .filter(|p| !p.is_empty())
                .map(PhoneNumber::parse)
                .transpose()
                .map_err(|_| invalid())?,
            email: Some(self.email.trim())
                .filter(|e| !e.is_empty())
                .map(Email::parse)
                .transpose()
                .map_err(|_| invalid())?,
            best_time: BestTime::parse(&self.best_time).ok_or_else(invalid)?,
            postcode: PostcodeDistrict::parse(&self.postcode).map_err(|_| invalid())?,
            spare_room: SpareRoom::parse(&self.spare_room).ok_or_else(invalid)?,
            interests,
            heard_from: HeardFrom::parse(&self.heard_from).ok_or_else(invalid)?,
            referred_by: self.referrer().transpose().map_err(|_| invalid())?,
        })
    }

    /// The referring carer's name, checked: only when they heard from a foster carer and gave
    /// a name (a name typed before choosing another answer is not kept).
    fn referrer(&self) -> Option<Result<Text, crate::details::FieldError>> {
        // Spaces typed twice are one, so the same carer is counted once however typed.
        let name = self
            .referred_by
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (HeardFrom::parse(&self.heard_from) == Some(HeardFrom::FosterCarer) && !name.is_empty())
            .then(|| Text::parse(&name, "the foster carer's name", MOST_NAME))
    }

    /// Whether the hidden field was filled in: a program, not a person. The server accepts
    /// such an enquiry as if it were real and keeps nothing, so the program learns nothing.
    pub fn is_from_a_program(&self) -> bool {
        !self.website.trim().is_empty()
    }
}

/// A postcode's problem: not a postcode, or outside the districts the service covers.
fn postcode_problem(raw: &str, districts: &[&str]) -> Option<Problem> {
    match PostcodeDistrict::parse(raw) {
        Err(error) => Some((
            field::POSTCODE,
            error.to_string().trim_end_matches('.').to_owned(),
        )),
        Ok(district)
            if !districts.is_empty()
                && !districts
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(district.as_str())) =>
        {
            Some((
                field::POSTCODE,
                format!(
                    "{district} is outside the area we cover. You can still foster: your own council's fostering service can help"
                ),
            ))
        }
        Ok(_) => None,
    }
}

/// The answers to the optional eligibility self-check. Nothing here stops an enquiry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub spare_room: Option<bool>,
    pub over_21: Option<bool>,
    /// Whether their home is settled (owned, or a secure tenancy).
    pub settled_home: Option<bool>,
}

impl SelfCheck {
    /// What to tell the person, kindly: each thing that may stand in the way now, with the
    /// ways they can help meanwhile; empty when nothing seems to.
    pub fn advice(self) -> Vec<&'static str> {
        let mut advice = Vec::new();
        if self.over_21 == Some(false) {
            advice.push(
                "Foster carers need to be 21 or over. Until then, you could volunteer with young people, or help a foster family you know.",
            );
        }
        if self.spare_room == Some(false) {
            advice.push(
                "Most fostering needs a spare bedroom. Without one you could still offer short breaks during the day, become supported lodgings for a young person when you have a room, or support foster carers you know.",
            );
        }
        if self.settled_home == Some(false) {
            advice.push(
                "Children need a settled home. If you are about to move, enquire anyway: we can talk about timing.",
            );
        }
        advice
    }
}

/// `POST /api/enquiries`: an enquiry with the id the device chose for it, so that sending it
/// again (a retry, a second tab, a double tap) is the same enquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEnquiry {
    pub id: String,
    pub form: EnquiryForm,
    #[serde(default)]
    pub self_check: Option<SelfCheck>,
}

/// The answer to an enquiry sent: when the team will have been in touch by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquirySent {
    /// Seconds since 1970: 24 hours after the server received it.
    pub reply_by: i64,
}

/// Whether `id` is one a device could have chosen: 16 to 64 letters, digits, `-` or `_`.
pub fn is_enquiry_id(id: &str) -> bool {
    (16..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// "by 11:30pm on Tuesday 24 November": when someone will hear from the team, in their words.
pub fn reply_by_words(reply_by: i64) -> String {
    let (date, time) = crate::date::uk_local_of(reply_by);
    format!("by {} on {}", time.words(), date.weekday_and_date())
}

/// Enquiries that did not go ahead are kept for 3 years from closing, the legal minimum.
pub const KEPT_YEARS: i32 = 3;

/// The first day a closed enquiry may be erased.
pub fn erase_from(closed_on: CalendarDate) -> CalendarDate {
    closed_on.add_months(KEPT_YEARS * 12)
}

#[cfg(test)]
mod tests;
