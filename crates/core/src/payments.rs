//! Payment queries: a carer asks about a payment (offline too), the finance team answers in a
//! thread, and either side moves its status on. Also the service's rates (`rates`) and money
//! as whole pence (`money`).
//!
//! A query is raised by a mutation with an id the device chose, and every message is
//! appended with its own id, so a replay changes nothing and a carer's message never
//! conflicts with finance's reply. A status change names the status it moves from, and is
//! refused with the reason if the query has moved on.

mod money;
pub(crate) mod numbers;
mod photo;
mod rates;

use serde::{Deserialize, Serialize};

pub use money::{MoneyError, Pence};
pub use numbers::{NumbersRow, numbers, numbers_csv};
pub use photo::{
    HOUSEHOLD_PHOTO_BYTES, MOST_PHOTO_BYTES, MOST_PHOTOS, Photo, PhotoError, PhotoRef,
    check_photo_file, check_photos, is_photo_id, picture_kind, refs_of,
};
pub use rates::{
    AgeBand, ESTIMATE_FIELDS, Estimate, EstimateForm, Extra, RATE_FIELDS, RateForm, RateTable,
    Rates, SkillsLevel,
};

use crate::account::Role;
use crate::date::CalendarDate;
use crate::sync::{Mutator, Rejection};
use crate::text::capitalise;

/// What a query is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryCategory {
    WeeklyAllowance,
    SkillsFee,
    Birthday,
    Holiday,
    Festival,
    Mileage,
    Respite,
    Retainer,
    DayCare,
    Enhanced,
    MockingbirdHub,
    Overpayment,
    Other,
}

impl QueryCategory {
    pub const ALL: [Self; 13] = [
        Self::WeeklyAllowance,
        Self::SkillsFee,
        Self::Birthday,
        Self::Holiday,
        Self::Festival,
        Self::Mileage,
        Self::Respite,
        Self::Retainer,
        Self::DayCare,
        Self::Enhanced,
        Self::MockingbirdHub,
        Self::Overpayment,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::WeeklyAllowance => "weekly_allowance",
            Self::SkillsFee => "skills_fee",
            Self::Birthday => "birthday",
            Self::Holiday => "holiday",
            Self::Festival => "festival",
            Self::Mileage => "mileage",
            Self::Respite => "respite",
            Self::Retainer => "retainer",
            Self::DayCare => "day_care",
            Self::Enhanced => "enhanced",
            Self::MockingbirdHub => "mockingbird_hub",
            Self::Overpayment => "overpayment",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::WeeklyAllowance => "Weekly fostering allowance",
            Self::SkillsFee => "Skills fee",
            Self::Birthday => "Birthday allowance",
            Self::Holiday => "Holiday allowance",
            Self::Festival => "Festival or celebration allowance",
            Self::Mileage => "Mileage",
            Self::Respite => "Respite",
            Self::Retainer => "Retainer",
            Self::DayCare => "Day care",
            Self::Enhanced => "Enhanced or complex payment",
            Self::MockingbirdHub => "Mockingbird hub payment",
            Self::Overpayment => "Overpayment",
            Self::Other => "Something else",
        }
    }
}

/// Where a query stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryStatus {
    /// Waiting for the finance team.
    Sent,
    BeingLookedAt,
    Answered,
    Resolved,
}

impl QueryStatus {
    pub const ALL: [Self; 4] = [
        Self::Sent,
        Self::BeingLookedAt,
        Self::Answered,
        Self::Resolved,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::BeingLookedAt => "being_looked_at",
            Self::Answered => "answered",
            Self::Resolved => "resolved",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Sent => "Sent",
            Self::BeingLookedAt => "Being looked at",
            Self::Answered => "Answered",
            Self::Resolved => "Resolved",
        }
    }

    /// Whether the finance team still owes an answer.
    pub const fn awaiting_finance(self) -> bool {
        matches!(self, Self::Sent | Self::BeingLookedAt)
    }
}

/// The id of the one service record holding every rate table (`payment_rates`), and of the
/// one holding the finance team's notice (`payment_notice`).
pub const RATES_ID: &str = "rates";
pub const NOTICE_ID: &str = "notice";

/// Working days the finance team has to answer a query: the service's response target.
pub const RESPONSE_WORKING_DAYS: u8 = 5;

/// When an answer is due for a query raised (or followed up) on `raised`: the service's
/// target in working days, Monday to Friday.
pub fn respond_by(raised: CalendarDate) -> CalendarDate {
    let mut date = raised;
    let mut left = RESPONSE_WORKING_DAYS;
    while left > 0 {
        date = date.add_days(1);
        if date.weekday() < 5 {
            left -= 1;
        }
    }
    date
}

/// A child named the safe way: initials ("J S") or the service's reference, never a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ChildRef(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Enter the child's initials, like J S, or their reference number, not their name")]
pub struct NotInitials;

impl ChildRef {
    /// # Errors
    /// [`NotInitials`] for anything that could be a name.
    pub fn parse(raw: &str) -> Result<Self, NotInitials> {
        let text = raw.trim();
        let letters: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        let initials = !letters.is_empty()
            && letters.chars().count() <= 3
            && letters.chars().all(char::is_alphabetic);
        let reference = text.chars().any(|c| c.is_ascii_digit())
            && text.len() <= 20
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/'));
        if initials {
            // Shown back as the hint writes them, one letter apart ("J S"), however typed.
            let spaced: Vec<String> = letters.to_uppercase().chars().map(String::from).collect();
            Ok(Self(spaced.join(" ")))
        } else if reference {
            Ok(Self(text.to_uppercase()))
        } else {
            Err(NotInitials)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ChildRef {
    type Error = NotInitials;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<ChildRef> for String {
    fn from(child: ChildRef) -> Self {
        child.0
    }
}

/// The longest description or message.
pub const MOST_WORDS: usize = 2000;

/// A query as the carer types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryForm {
    pub category: String,
    /// The first and last dates the query is about (the last may be left empty).
    pub from: String,
    pub to: String,
    /// Optional amounts.
    pub expected: String,
    pub received: String,
    /// Optional: the child's initials or reference.
    pub child: String,
    pub description: String,
    /// Photos of a remittance advice or a receipt.
    #[serde(default)]
    pub photos: Vec<Photo>,
}

/// A query form's fields, for error messages that link to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    Category,
    From,
    To,
    Expected,
    Received,
    Child,
    Description,
    Photos,
}

impl QueryField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Category => "query-category",
            Self::From => "query-from",
            Self::To => "query-to",
            Self::Expected => "query-expected",
            Self::Received => "query-received",
            Self::Child => "query-child",
            Self::Description => "query-description",
            Self::Photos => "query-photos",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryProblem {
    pub field: QueryField,
    pub message: String,
}

/// A checked query: what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryAbout {
    pub category: QueryCategory,
    pub from: CalendarDate,
    pub to: Option<CalendarDate>,
    pub expected: Option<Pence>,
    pub received: Option<Pence>,
    pub child: Option<ChildRef>,
    pub description: String,
    /// The photos sent with the query; their images are records of their own.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
}

fn words_problem(text: &str, what: &str) -> Option<String> {
    let count = text.trim().chars().count();
    if count == 0 {
        Some(format!("Enter {what}"))
    } else if count > MOST_WORDS {
        Some(format!(
            "{} must be {MOST_WORDS} characters or fewer",
            capitalise(what)
        ))
    } else {
        None
    }
}

impl QueryForm {
    /// Checks the form on `today` (the UK date): dates may be up to a year ahead, for a
    /// payment still to come.
    ///
    /// # Errors
    /// Every problem, each with its field.
    pub fn parse(&self, today: CalendarDate) -> Result<QueryAbout, Vec<QueryProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(QueryProblem { field, message });
        let category = QueryCategory::parse(&self.category);
        if category.is_none() {
            problem(
                QueryField::Category,
                "Choose what the payment was for".to_owned(),
            );
        }
        let latest = today.add_days(366);
        let date = |raw: &str| CalendarDate::parse(raw.trim()).ok();
        let from = date(&self.from);
        match from {
            None => problem(
                QueryField::From,
                "Enter the first date the payment was for, like 1/11/2026".to_owned(),
            ),
            Some(from) if from > latest => problem(
                QueryField::From,
                "The first date must be within the next year".to_owned(),
            ),
            Some(_) => {}
        }
        let to = if self.to.trim().is_empty() {
            None
        } else {
            let to = date(&self.to);
            match (from, to) {
                (_, None) => problem(
                    QueryField::To,
                    "Enter the last date the payment was for, like 7/11/2026, or leave it empty"
                        .to_owned(),
                ),
                (Some(from), Some(to)) if to < from => problem(
                    QueryField::To,
                    "The last date must be the same as or after the first date".to_owned(),
                ),
                (_, Some(to)) if to > latest => problem(
                    QueryField::To,
                    "The last date must be within the next year".to_owned(),
                ),
                _ => {}
            }
            to
        };
        let mut amount = |raw: &str, field, what: &str| {
            if raw.trim().is_empty() {
                return None;
            }
            Pence::parse(raw)
                .map_err(|error| problem(field, format!("{what}: {error}")))
                .ok()
        };
        let expected = amount(
            &self.expected,
            QueryField::Expected,
            "The amount you expected",
        );
        let received = amount(
            &self.received,
            QueryField::Received,
            "The amount you received",
        );
        let child = if self.child.trim().is_empty() {
            None
        } else {
            ChildRef::parse(&self.child)
                .map_err(|error| problem(QueryField::Child, error.to_string()))
                .ok()
        };
        if let Some(message) = words_problem(&self.description, "what your query is about") {
            problem(QueryField::Description, message);
        }
        if let Err(error) = check_photos(&self.photos) {
            problem(
                QueryField::Photos,
                error.to_string().trim_end_matches('.').to_owned(),
            );
        }
        match (category, from) {
            (Some(category), Some(from)) if problems.is_empty() => Ok(QueryAbout {
                category,
                from,
                to,
                expected,
                received,
                child,
                description: self.description.trim().to_owned(),
                photos: Vec::new(),
            }),
            _ => Err(problems),
        }
    }

    /// The form of a query already raised, to show it as it was typed.
    pub fn of(about: &QueryAbout) -> Self {
        Self {
            category: about.category.as_str().to_owned(),
            from: about.from.to_string(),
            to: about.to.map(|d| d.to_string()).unwrap_or_default(),
            expected: about.expected.map(Pence::as_typed).unwrap_or_default(),
            received: about.received.map(Pence::as_typed).unwrap_or_default(),
            child: about
                .child
                .as_ref()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            description: about.description.clone(),
            photos: Vec::new(),
        }
    }
}

/// Who wrote a message in a query's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Household,
    Finance { name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryMessage {
    pub id: String,
    pub author: Author,
    pub text: String,
    /// The UK date the server received it.
    pub sent_on: CalendarDate,
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
}

/// A payment query as the server keeps it and its household receives it (`payment_queries`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    pub id: String,
    pub household: String,
    pub about: QueryAbout,
    pub status: QueryStatus,
    /// Who in the finance team is handling it, by name.
    pub handler: Option<String>,
    pub raised_on: CalendarDate,
    /// When an answer is due, while one is owed.
    pub respond_by: CalendarDate,
    pub first_answer_on: Option<CalendarDate>,
    pub resolved_on: Option<CalendarDate>,
    /// The thread after the description, oldest first.
    pub messages: Vec<QueryMessage>,
}

impl QueryAbout {
    /// "2 November 2026", or "2 November 2026 to 8 November 2026".
    pub fn period_words(&self) -> String {
        match self.to {
            Some(to) if to != self.from => {
                format!("{} to {}", self.from.long_form(), to.long_form())
            }
            _ => self.from.long_form(),
        }
    }
}

impl Query {
    /// What the query is about, as rows of a summary list, the same for carers and staff.
    pub fn details(&self) -> Vec<(&'static str, String)> {
        let given = |value: Option<String>| value.unwrap_or_else(|| "Not given".to_owned());
        let about = &self.about;
        vec![
            ("Dates", about.period_words()),
            (
                "Amount expected",
                given(about.expected.map(|a| a.to_string())),
            ),
            (
                "Amount received",
                given(about.received.map(|a| a.to_string())),
            ),
            (
                "Child",
                given(about.child.as_ref().map(|c| c.as_str().to_owned())),
            ),
            (
                "Handled by",
                self.handler
                    .clone()
                    .unwrap_or_else(|| "Nobody yet".to_owned()),
            ),
            ("Asked on", self.raised_on.long_form()),
        ]
    }

    /// Whether an answer is owed and late on `today`.
    pub fn overdue(&self, today: CalendarDate) -> bool {
        self.status.awaiting_finance() && today > self.respond_by
    }

    fn set_status(&mut self, status: QueryStatus, today: CalendarDate) {
        if status.awaiting_finance() && !self.status.awaiting_finance() {
            self.respond_by = respond_by(today);
        }
        if status == QueryStatus::Answered && self.first_answer_on.is_none() {
            self.first_answer_on = Some(today);
        }
        self.resolved_on = (status == QueryStatus::Resolved).then_some(today);
        self.status = status;
    }

    /// Moves the status on, if it is still `from`; the same move again changes nothing.
    ///
    /// # Errors
    /// Plain words naming the status the query has moved on to.
    pub fn move_status(
        &mut self,
        from: QueryStatus,
        to: QueryStatus,
        today: CalendarDate,
    ) -> Result<(), String> {
        if self.status == to {
            return Ok(());
        }
        if self.status != from {
            return Err(format!(
                "This query is now “{}”, not “{}”, so it was not changed to “{}”. Read the latest first.",
                self.status.label(),
                from.label(),
                to.label()
            ));
        }
        self.set_status(to, today);
        Ok(())
    }

    /// Finance's reply: added to the thread, and the query is answered.
    ///
    /// # Errors
    /// Plain words when the reply is empty or too long.
    pub fn reply(
        &mut self,
        id: String,
        name: &str,
        text: &str,
        today: CalendarDate,
    ) -> Result<(), String> {
        if let Some(problem) = words_problem(text, "a reply") {
            return Err(problem);
        }
        self.messages.push(QueryMessage {
            id,
            author: Author::Finance {
                name: name.to_owned(),
            },
            text: text.trim().to_owned(),
            sent_on: today,
            photos: Vec::new(),
        });
        if self.status != QueryStatus::Answered {
            self.set_status(QueryStatus::Answered, today);
        }
        Ok(())
    }

    /// Someone in the finance team takes the query on; a new query is then being looked at.
    pub fn assign(&mut self, name: &str, today: CalendarDate) {
        self.handler = Some(name.to_owned());
        if self.status == QueryStatus::Sent {
            self.set_status(QueryStatus::BeingLookedAt, today);
        }
    }
}

/// A change a household makes to its payment queries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChange {
    /// Raise a query; `id` is chosen by the device.
    Raise { id: String, form: QueryForm },
    /// Add a message to a query's thread; `id` is chosen by the device.
    Message {
        id: String,
        query: String,
        text: String,
        #[serde(default)]
        photos: Vec<Photo>,
    },
    /// Mark a query resolved, or reopen it, if it is still `from`.
    Status {
        query: String,
        from: QueryStatus,
        to: QueryStatus,
    },
}

impl PaymentChange {
    /// The query the change is about.
    pub fn query(&self) -> &str {
        match self {
            Self::Raise { id, .. } => id,
            Self::Message { query, .. } | Self::Status { query, .. } => query,
        }
    }

    /// The photos the change names.
    pub fn photos(&self) -> &[Photo] {
        match self {
            Self::Raise { form, .. } => &form.photos,
            Self::Message { photos, .. } => photos,
            Self::Status { .. } => &[],
        }
    }
}

/// Refuses a change naming a photo file the server does not hold for the household.
pub(crate) fn photos_received(refs: &[PhotoRef], missing: &[String]) -> Result<(), Rejection> {
    if refs.iter().any(|photo| missing.contains(&photo.id)) {
        return Err(Rejection::new(
            "photo_missing",
            "A photo sent with this did not reach the portal, so it was not sent. Please send it again and add the photo again.",
        ));
    }
    Ok(())
}

/// The inline images of `photos` (from older versions of the app), paired with their refs.
fn inline_images(refs: &[PhotoRef], photos: &[Photo]) -> Vec<(PhotoRef, Photo)> {
    refs.iter()
        .cloned()
        .zip(photos.iter().cloned())
        .filter(|(_, photo)| photo.is_inline())
        .collect()
}

/// What a payment change applies to on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentState {
    pub household_id: String,
    /// The UK date on the server.
    pub today: Option<CalendarDate>,
    /// The query the change names, if it exists.
    pub query: Option<Query>,
    /// Whether a message with the change's id is already in the thread (a replay).
    pub message_exists: bool,
    /// Photos the change carries inside it (from versions before photos were files), to keep
    /// as files.
    pub photos: Vec<(PhotoRef, Photo)>,
    /// Photo files the change names that the server does not hold for this household (filled
    /// in by the server; the device sends a change's files before the change).
    pub missing_photos: Vec<String>,
}

fn invalid(message: impl std::fmt::Display) -> Rejection {
    Rejection::new("invalid", format!("{message}."))
}

fn not_yours() -> Rejection {
    Rejection::new("not_yours", "That query belongs to another household.")
}

impl Mutator<PaymentState> for PaymentChange {
    fn apply(&self, state: &mut PaymentState) -> Result<(), Rejection> {
        let today = state.today.ok_or_else(|| {
            Rejection::new(
                "invalid",
                "The date could not be checked. Please try again.",
            )
        })?;
        if let Some(query) = &state.query
            && query.household != state.household_id
        {
            return Err(not_yours());
        }
        match self {
            Self::Raise { id, form } => {
                if state.query.is_some() {
                    return Ok(());
                }
                let mut about = form.parse(today).map_err(|problems| {
                    let words: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                    invalid(words.join(". "))
                })?;
                about.photos = refs_of(id, &form.photos);
                photos_received(&about.photos, &state.missing_photos)?;
                state.photos = inline_images(&about.photos, &form.photos);
                state.query = Some(Query {
                    id: id.clone(),
                    household: state.household_id.clone(),
                    about,
                    status: QueryStatus::Sent,
                    handler: None,
                    raised_on: today,
                    respond_by: respond_by(today),
                    first_answer_on: None,
                    resolved_on: None,
                    messages: Vec::new(),
                });
                Ok(())
            }
            Self::Message {
                id, text, photos, ..
            } => {
                let Some(query) = &mut state.query else {
                    return Err(Rejection::new(
                        "no_such_query",
                        "That query does not exist.",
                    ));
                };
                if state.message_exists {
                    return Ok(());
                }
                if let Some(problem) = words_problem(text, "a message")
                    && (photos.is_empty() || !text.trim().is_empty())
                {
                    return Err(invalid(problem));
                }
                check_photos(photos)
                    .map_err(|error| invalid(error.to_string().trim_end_matches('.')))?;
                let refs = refs_of(id, photos);
                photos_received(&refs, &state.missing_photos)?;
                state.photos = inline_images(&refs, photos);
                query.messages.push(QueryMessage {
                    id: id.clone(),
                    author: Author::Household,
                    text: text.trim().to_owned(),
                    sent_on: today,
                    photos: refs,
                });
                // Something more to say is something more for the finance team to answer.
                if !query.status.awaiting_finance() {
                    query.set_status(QueryStatus::Sent, today);
                }
                Ok(())
            }
            Self::Status { from, to, .. } => {
                let Some(query) = &mut state.query else {
                    return Err(Rejection::new(
                        "no_such_query",
                        "That query does not exist.",
                    ));
                };
                let allowed = match to {
                    QueryStatus::Resolved => true,
                    QueryStatus::Sent => *from == QueryStatus::Resolved,
                    QueryStatus::BeingLookedAt | QueryStatus::Answered => false,
                };
                if !allowed {
                    return Err(Rejection::new(
                        "invalid",
                        "You can mark a query resolved, or reopen a resolved one.",
                    ));
                }
                query
                    .move_status(*from, *to, today)
                    .map_err(|message| Rejection::new("status_moved_on", message))
            }
        }
    }
}

/// A notice from the finance team to every carer ("this week's payment run will be a day
/// late because ..."), shown on the home page (`payment_notice`, a service record). On the
/// wire it is the text alone, so the portal's first load reads it with code it already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PaymentNotice {
    pub text: String,
}

/// `PUT /api/staff/payments/notice`: empty text takes the notice down.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeForm {
    pub text: String,
}

/// The longest notice: it shows on every carer's home page.
pub const MOST_NOTICE: usize = 500;

impl NoticeForm {
    /// The notice to publish, or `None` to take it down.
    ///
    /// # Errors
    /// Plain words when it is too long.
    pub fn parse(&self) -> Result<Option<PaymentNotice>, String> {
        let text = self.text.trim();
        if text.chars().count() > MOST_NOTICE {
            return Err(format!(
                "The notice must be {MOST_NOTICE} characters or fewer"
            ));
        }
        Ok((!text.is_empty()).then(|| PaymentNotice {
            text: text.to_owned(),
        }))
    }
}

/// Who may see payment queries on the staff side: finance and administrators see every
/// household's; supervising social workers see those of the households they supervise.
pub const fn can_view_payments(role: Role) -> bool {
    matches!(
        role,
        Role::Finance | Role::Administrator | Role::SupervisingSocialWorker
    )
}

/// Who answers queries, changes their status, and publishes rates and notices.
pub const fn can_answer_payments(role: Role) -> bool {
    matches!(role, Role::Finance | Role::Administrator)
}

/// A query in the finance team's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffQuery {
    pub query: Query,
    pub household_name: String,
    pub overdue: bool,
}

/// Someone in the finance team a query can be given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    pub id: String,
    pub name: String,
}

/// `GET /api/staff/payments/queries`: oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffQueries {
    pub queries: Vec<StaffQuery>,
    pub handlers: Vec<Handler>,
    pub can_answer: bool,
}

/// What the finance team's queue shows: a category and a status (or any), and whether only
/// overdue queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub category: Option<QueryCategory>,
    pub status: Option<QueryStatus>,
    pub overdue_only: bool,
}

impl QueueFilter {
    /// The filter as chosen in the queue's form (an empty choice is "any").
    pub fn of(category: &str, status: &str, overdue_only: bool) -> Self {
        Self {
            category: QueryCategory::parse(category),
            status: QueryStatus::parse(status),
            overdue_only,
        }
    }

    pub fn admits(&self, item: &StaffQuery) -> bool {
        self.category.is_none_or(|c| c == item.query.about.category)
            && self.status.is_none_or(|s| s == item.query.status)
            && (!self.overdue_only || item.overdue)
    }
}

/// `POST /api/staff/payments/queries/{id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyForm {
    pub text: String,
}

/// `POST /api/staff/payments/queries/{id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusForm {
    pub from: QueryStatus,
    pub to: QueryStatus,
}

/// `PUT /api/staff/payments/queries/{id}/handler`: a handler's id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlerForm {
    pub handler: String,
}

#[cfg(test)]
mod tests;
