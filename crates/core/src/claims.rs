//! Claims: money the service owes a household for what it paid out while fostering (mileage,
//! travel and other expenses) and the allowances a child is due (holiday, birthday and
//! celebration). A carer makes a claim on the device, offline too; the finance team asks
//! about it, approves or rejects it, and marks it paid in a payment run.
//!
//! A claim is submitted by a mutation with an id the device chose, so a claim sent twice is
//! kept once and counted once. Amounts are whole pence. The mileage rate is effective-dated
//! (`ClaimSettings`), so a journey is paid at the rate of its own date, whenever it is claimed.
//! The thread of questions is the payment queries' (`QueryMessage`).

mod form;
mod mentoring;
mod settings;

use serde::{Deserialize, Serialize};

pub use form::{
    ClaimField, ClaimForm, ClaimProblem, Journey, JourneyForm, MOST_ALLOWANCE, MOST_EXPENSE,
    MOST_JOURNEYS, MOST_MILES, Miles, Purpose,
};
pub use mentoring::{
    PaidContact, month_claimed, months_to_claim, paid_contacts, pay_for, time_words,
};
pub use settings::{ClaimSettings, HourlyRate, MileageRate, SettingsForm};

use crate::account::Role;
use crate::buddies::Contact;
use crate::date::CalendarDate;
use crate::payments::{
    Author, ChildRef, Pence, Photo, PhotoRef, QueryMessage, check_photos, photos_received, refs_of,
};
use crate::sync::{Mutator, Rejection};

/// The id of the one service record holding the claim settings (`claim_settings`).
pub const SETTINGS_ID: &str = "settings";

/// What a claim is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Mileage,
    Expense,
    Holiday,
    Birthday,
    Celebration,
    /// Days of respite from the household's allowance for the year: asked for, not paid.
    Respite,
    /// A buddy's or mentor's time for a month, from the contact log.
    Mentoring,
}

impl ClaimKind {
    pub const ALL: [Self; 7] = [
        Self::Mileage,
        Self::Expense,
        Self::Holiday,
        Self::Birthday,
        Self::Celebration,
        Self::Respite,
        Self::Mentoring,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mileage => "mileage",
            Self::Expense => "expense",
            Self::Holiday => "holiday",
            Self::Birthday => "birthday",
            Self::Celebration => "celebration",
            Self::Respite => "respite",
            Self::Mentoring => "mentoring",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Mileage => "Mileage",
            Self::Expense => "Travel or other expense",
            Self::Holiday => "Holiday allowance",
            Self::Birthday => "Birthday allowance",
            Self::Celebration => "Festival or celebration allowance",
            Self::Respite => "Respite days",
            Self::Mentoring => "Buddy or mentor time",
        }
    }

    /// Allowances are for one child, named by initials or reference.
    pub const fn is_allowance(self) -> bool {
        matches!(self, Self::Holiday | Self::Birthday | Self::Celebration)
    }

    /// An expense is paid back only against a receipt.
    pub const fn needs_receipt(self) -> bool {
        matches!(self, Self::Expense)
    }
}

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Waiting for the finance team.
    Submitted,
    /// The finance team asked something and waits for the carer's answer.
    Queried,
    Approved,
    Rejected,
    Paid,
}

impl ClaimStatus {
    pub const ALL: [Self; 5] = [
        Self::Submitted,
        Self::Queried,
        Self::Approved,
        Self::Rejected,
        Self::Paid,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Queried => "queried",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Paid => "paid",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Submitted => "Submitted",
            Self::Queried => "Question from finance",
            Self::Approved => "Approved",
            Self::Rejected => "Not approved",
            Self::Paid => "Paid",
        }
    }

    /// Whether the finance team has still to decide.
    pub const fn undecided(self) -> bool {
        matches!(self, Self::Submitted | Self::Queried)
    }
}

/// A checked claim: what it is for and what it comes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimAbout {
    pub kind: ClaimKind,
    /// The journeys of a mileage claim, each with its amount at its date's rate.
    #[serde(default)]
    pub journeys: Vec<Journey>,
    /// The day of the expense or allowance; for mileage, the last journey's; for respite, the
    /// first day.
    pub date: CalendarDate,
    /// Respite's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<CalendarDate>,
    pub child: Option<ChildRef>,
    pub description: String,
    pub total: Pence,
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
    /// A buddy's or mentor's calls and meetings in the month, each with its amount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<PaidContact>,
}

impl ClaimAbout {
    /// How many days of respite this asks for; `None` for any other claim.
    pub fn respite_days(&self) -> Option<u16> {
        let until = self.until.filter(|_| self.kind == ClaimKind::Respite)?;
        u16::try_from(self.date.days_until(until) + 1).ok()
    }
}

/// Days of respite the household has asked for in `year`, by claims not turned down, except
/// the claim `except` (the one being decided).
pub fn respite_used<'a>(
    claims: impl IntoIterator<Item = &'a Claim>,
    year: u16,
    except: &str,
) -> u16 {
    claims
        .into_iter()
        .filter(|c| c.id != except && c.status != ClaimStatus::Rejected)
        .filter(|c| c.about.date.year() == year)
        .filter_map(|c| c.about.respite_days())
        .fold(0, u16::saturating_add)
}

/// A household's respite for a year: its allowance, the days asked for and the days left,
/// never below nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RespiteYear {
    pub allowance: u16,
    pub used: u16,
}

impl RespiteYear {
    pub const fn left(self) -> u16 {
        self.allowance.saturating_sub(self.used)
    }
}

/// A claim as the server keeps it and its household receives it (`claims`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub household: String,
    pub about: ClaimAbout,
    pub status: ClaimStatus,
    pub submitted_on: CalendarDate,
    /// Who in the finance team decided it, and when.
    pub decided_by: Option<String>,
    pub decided_on: Option<CalendarDate>,
    /// Why it was not approved, in the finance team's words.
    pub reason: Option<String>,
    pub paid_on: Option<CalendarDate>,
    /// Questions and answers after the claim, oldest first.
    pub messages: Vec<QueryMessage>,
}

/// What finance decides about a claim still undecided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum Decision {
    Approve,
    Reject { reason: String },
}

/// The longest reason or message.
const MOST_WORDS: usize = 2000;

fn words_problem(text: &str, what: &str) -> Option<String> {
    let count = text.trim().chars().count();
    if count == 0 {
        Some(format!("Enter {what}"))
    } else if count > MOST_WORDS {
        Some(format!("This must be {MOST_WORDS} characters or fewer"))
    } else {
        None
    }
}

impl Claim {
    /// What the claim is for, as rows of a summary list, the same for carers and staff.
    pub fn details(&self) -> Vec<(&'static str, String)> {
        let about = &self.about;
        let mut rows = Vec::new();
        match (about.kind, about.until) {
            (ClaimKind::Respite, Some(until)) => rows.push((
                "Days",
                format!("{} to {}", about.date.long_form(), until.long_form()),
            )),
            (ClaimKind::Mileage, _) => rows.push(("Total", about.total.to_string())),
            (ClaimKind::Mentoring, _) => {
                let minutes: u32 = about.contacts.iter().map(|c| u32::from(c.minutes)).sum();
                rows.push(("Month", about.date.month_words()));
                rows.push(("Total", about.total.to_string()));
                rows.push(("Time", time_words(minutes)));
            }
            _ => {
                rows.push(("Total", about.total.to_string()));
                rows.push(("Date", about.date.long_form()));
            }
        }
        if let Some(child) = &about.child {
            rows.push(("Child", child.as_str().to_owned()));
        }
        rows.push(("Submitted on", self.submitted_on.long_form()));
        if let (Some(by), Some(on)) = (&self.decided_by, self.decided_on) {
            rows.push(("Decided by", format!("{by}, {}", on.long_form())));
        }
        if let Some(reason) = &self.reason {
            rows.push(("Why it was not approved", reason.clone()));
        }
        if let Some(paid) = self.paid_on {
            rows.push(("Paid on", paid.long_form()));
        }
        rows
    }

    /// The thread as the carer and finance see it: the claim's own words and receipts first,
    /// as the household's opening message (when it has any), then every message.
    pub fn thread(&self) -> Vec<QueryMessage> {
        let about = &self.about;
        let opening =
            (!about.description.is_empty() || !about.photos.is_empty()).then(|| QueryMessage {
                id: self.id.clone(),
                author: Author::Household,
                text: about.description.clone(),
                sent_on: self.submitted_on,
                photos: about.photos.clone(),
            });
        opening.into_iter().chain(self.messages.clone()).collect()
    }

    /// "Mileage, 3 journeys", "Birthday allowance for J S".
    pub fn title(&self) -> String {
        let about = &self.about;
        if let Some(days) = about.respite_days() {
            return match days {
                1 => "Respite, 1 day".to_owned(),
                n => format!("Respite, {n} days"),
            };
        }
        if about.kind == ClaimKind::Mentoring {
            return format!("{}, {}", about.kind.label(), about.date.month_words());
        }
        match (&about.child, about.journeys.len()) {
            (Some(child), _) => format!("{} for {}", about.kind.label(), child.as_str()),
            (None, 1) => format!("{}, 1 journey", about.kind.label()),
            (None, n) if about.kind == ClaimKind::Mileage => {
                format!("{}, {n} journeys", about.kind.label())
            }
            (None, _) => about.kind.label().to_owned(),
        }
    }

    fn moved_on(&self, from: ClaimStatus) -> String {
        format!(
            "This claim is now “{}”, not “{}”, so nothing was changed. Read the latest first.",
            self.status.label(),
            from.label()
        )
    }

    /// Finance asks a question: added to the thread, and the claim waits for the carer.
    ///
    /// # Errors
    /// Plain words when the question is empty or too long, or the claim is decided.
    pub fn ask(
        &mut self,
        id: String,
        name: &str,
        text: &str,
        today: CalendarDate,
    ) -> Result<(), String> {
        if !self.status.undecided() {
            return Err(format!(
                "This claim is “{}”, so it cannot be queried.",
                self.status.label()
            ));
        }
        if let Some(problem) = words_problem(text, "your question") {
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
        self.status = ClaimStatus::Queried;
        Ok(())
    }

    /// Finance decides a claim that is still `from`; the same decision again changes nothing.
    ///
    /// # Errors
    /// Plain words when the claim has moved on or a rejection gives no reason.
    pub fn decide(
        &mut self,
        from: ClaimStatus,
        decision: &Decision,
        name: &str,
        today: CalendarDate,
    ) -> Result<(), String> {
        let to = match decision {
            Decision::Approve => ClaimStatus::Approved,
            Decision::Reject { .. } => ClaimStatus::Rejected,
        };
        if self.status == to {
            return Ok(());
        }
        if self.status != from || !from.undecided() {
            return Err(self.moved_on(from));
        }
        if let Decision::Reject { reason } = decision {
            if let Some(problem) = words_problem(reason, "why the claim is not approved") {
                return Err(problem);
            }
            self.reason = Some(reason.trim().to_owned());
        }
        self.status = to;
        self.decided_by = Some(name.to_owned());
        self.decided_on = Some(today);
        Ok(())
    }

    /// Marks an approved claim paid on `on` (the payment run's date); again changes nothing.
    ///
    /// # Errors
    /// Plain words when the claim is not approved.
    pub fn mark_paid(&mut self, on: CalendarDate) -> Result<(), String> {
        if self.about.kind == ClaimKind::Respite {
            return Err("Respite days are agreed, not paid.".to_owned());
        }
        match self.status {
            ClaimStatus::Paid => Ok(()),
            ClaimStatus::Approved => {
                self.status = ClaimStatus::Paid;
                self.paid_on = Some(on);
                Ok(())
            }
            _ => Err(format!(
                "This claim is “{}”; only approved claims can be paid.",
                self.status.label()
            )),
        }
    }
}

/// What a household's claims come to, each claim counted once whatever its status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimTotals {
    /// Submitted or queried: not decided yet.
    pub waiting: Pence,
    /// Approved and not yet paid: what the service owes.
    pub owed: Pence,
    pub paid: Pence,
}

impl ClaimTotals {
    /// Sums claims by status; a claim listed twice (the same id) is counted once.
    pub fn of<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Self {
        let mut seen = std::collections::BTreeSet::new();
        let mut totals = Self::default();
        for claim in claims {
            if !seen.insert(claim.id.as_str()) {
                continue;
            }
            let total = claim.about.total;
            match claim.status {
                ClaimStatus::Submitted | ClaimStatus::Queried => {
                    totals.waiting = totals.waiting + total;
                }
                ClaimStatus::Approved => totals.owed = totals.owed + total,
                ClaimStatus::Paid => totals.paid = totals.paid + total,
                ClaimStatus::Rejected => {}
            }
        }
        totals
    }
}

/// A change a household makes to its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimChange {
    /// Make a claim; `id` is chosen by the device.
    Submit { id: String, form: ClaimForm },
    /// Answer the finance team's question (or add to the claim); `id` is chosen by the
    /// device.
    Message {
        id: String,
        claim: String,
        text: String,
        #[serde(default)]
        photos: Vec<Photo>,
    },
}

impl ClaimChange {
    /// The claim the change is about.
    pub fn claim(&self) -> &str {
        match self {
            Self::Submit { id, .. } => id,
            Self::Message { claim, .. } => claim,
        }
    }

    /// The id the change's photos are named under.
    pub fn photo_owner(&self) -> &str {
        match self {
            Self::Submit { id, .. } | Self::Message { id, .. } => id,
        }
    }

    /// The photos the change names.
    pub fn photos(&self) -> &[Photo] {
        match self {
            Self::Submit { form, .. } => &form.photos,
            Self::Message { photos, .. } => photos,
        }
    }
}

/// What a claim change applies to on the server (and on the device, to show it at once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimState {
    pub household_id: String,
    /// The UK date on the server.
    pub today: Option<CalendarDate>,
    pub settings: ClaimSettings,
    /// The claim the change names, if it exists.
    pub claim: Option<Claim>,
    /// Whether a message with the change's id is already in the thread (a replay).
    pub message_exists: bool,
    /// Photo files the change names that the server does not hold for this household.
    pub missing_photos: Vec<String>,
    /// The household's other claims, for the respite days already asked for and the months
    /// of buddying already claimed.
    pub others: Vec<Claim>,
    /// The calls and meetings logged in pairings where the household is the buddy or mentor,
    /// for a claim for their time.
    pub contacts: Vec<Contact>,
}

fn invalid(message: impl std::fmt::Display) -> Rejection {
    Rejection::new("invalid", format!("{message}."))
}

impl Mutator<ClaimState> for ClaimChange {
    fn apply(&self, state: &mut ClaimState) -> Result<(), Rejection> {
        let today = state.today.ok_or_else(|| {
            Rejection::new(
                "invalid",
                "The date could not be checked. Please try again.",
            )
        })?;
        if let Some(claim) = &state.claim
            && claim.household != state.household_id
        {
            return Err(Rejection::new(
                "not_yours",
                "That claim belongs to another household.",
            ));
        }
        // Photos travelled inside changes only before claims existed; a claim's are files.
        if self.photos().iter().any(Photo::is_inline) {
            return Err(invalid(
                "A photo was sent in a way the portal no longer uses. Remove it and add it again",
            ));
        }
        match self {
            Self::Submit { id, form } => submit(state, id, form, today),
            Self::Message {
                id, text, photos, ..
            } => {
                let Some(claim) = &mut state.claim else {
                    return Err(Rejection::new(
                        "no_such_claim",
                        "That claim does not exist.",
                    ));
                };
                if state.message_exists {
                    return Ok(());
                }
                if text.trim().is_empty() && photos.is_empty() {
                    return Err(invalid("Enter a message or add a photo"));
                }
                if text.trim().chars().count() > MOST_WORDS {
                    return Err(invalid(format!(
                        "A message must be {MOST_WORDS} characters or fewer"
                    )));
                }
                check_photos(photos)
                    .map_err(|error| invalid(error.to_string().trim_end_matches('.')))?;
                let refs = refs_of(id, photos);
                photos_received(&refs, &state.missing_photos)?;
                claim.messages.push(QueryMessage {
                    id: id.clone(),
                    author: Author::Household,
                    text: text.trim().to_owned(),
                    sent_on: today,
                    photos: refs,
                });
                // An answer to finance's question puts the claim back in their queue.
                if claim.status == ClaimStatus::Queried {
                    claim.status = ClaimStatus::Submitted;
                }
                Ok(())
            }
        }
    }
}

/// Makes a claim: checked by the form's rules, a respite request against the days left, and a
/// buddy's month against those already claimed; the same claim sent again is the one kept.
fn submit(
    state: &mut ClaimState,
    id: &str,
    form: &ClaimForm,
    today: CalendarDate,
) -> Result<(), Rejection> {
    // The same claim sent again is the claim already kept: counted once.
    if state.claim.is_some() {
        return Ok(());
    }
    let mut about = form
        .parse(today, &state.settings, &state.contacts)
        .map_err(|problems| {
            let words: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
            invalid(words.join(". "))
        })?;
    about.photos = refs_of(id, &form.photos);
    photos_received(&about.photos, &state.missing_photos)?;
    if about.kind == ClaimKind::Mentoring && month_claimed(&state.others, about.date, id) {
        return Err(invalid(format!(
            "You have already claimed for {}: one claim covers the whole month",
            about.date.month_words()
        )));
    }
    if let Some(days) = about.respite_days() {
        let year = RespiteYear {
            allowance: state.settings.respite_days,
            used: respite_used(&state.others, about.date.year(), id),
        };
        if days > year.left() {
            return Err(invalid(format!(
                "You have {} of your {} respite days left in {}, so {days} days could not be asked for",
                year.left(),
                year.allowance,
                about.date.year()
            )));
        }
    }
    state.claim = Some(Claim {
        id: id.to_owned(),
        household: state.household_id.clone(),
        about,
        status: ClaimStatus::Submitted,
        submitted_on: today,
        decided_by: None,
        decided_on: None,
        reason: None,
        paid_on: None,
        messages: Vec::new(),
    });
    Ok(())
}

/// Who sees claims on the staff side: as for payment queries, finance and administrators see
/// every household's, supervising social workers those of the households they supervise.
pub const fn can_view_claims(role: Role) -> bool {
    crate::payments::can_view_payments(role)
}

/// Who decides claims, pays them and sets the rates.
pub const fn can_decide_claims(role: Role) -> bool {
    crate::payments::can_answer_payments(role)
}

/// A claim in the finance team's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffClaim {
    pub claim: Claim,
    pub household_name: String,
}

/// `GET /api/staff/claims?status=&page=`: one page of the queue, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffClaims {
    pub claims: Vec<StaffClaim>,
    pub settings: ClaimSettings,
    pub can_decide: bool,
    /// How many claims have the status asked for, on every page.
    #[serde(default)]
    pub total: usize,
    /// This page's number, from 1, and how many pages there are.
    #[serde(default)]
    pub page: usize,
    #[serde(default)]
    pub pages: usize,
}

/// How many claims the queue shows at once.
pub const QUEUE_PAGE: usize = 50;

impl StaffClaims {
    /// The claims of `all` with status `wanted` (any, if `None`), on page `page` (from 1) of
    /// [`QUEUE_PAGE`] each: a page past the last shows the last.
    pub fn paged(
        all: Vec<StaffClaim>,
        wanted: Option<ClaimStatus>,
        page: usize,
        settings: ClaimSettings,
        can_decide: bool,
    ) -> Self {
        let matching: Vec<StaffClaim> = all
            .into_iter()
            .filter(|c| wanted.is_none_or(|s| s == c.claim.status))
            .collect();
        let total = matching.len();
        let pages = total.div_ceil(QUEUE_PAGE).max(1);
        let page = page.clamp(1, pages);
        let claims = matching
            .into_iter()
            .skip((page - 1) * QUEUE_PAGE)
            .take(QUEUE_PAGE)
            .collect();
        Self {
            claims,
            settings,
            can_decide,
            total,
            page,
            pages,
        }
    }
}

/// `POST /api/staff/claims/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub from: ClaimStatus,
    #[serde(flatten)]
    pub decision: Decision,
}

/// `POST /api/staff/claims/approve`: the claims to approve, each only if still undecided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkForm {
    pub claims: Vec<String>,
}

/// `POST /api/staff/claims/paid`: approved claims paid in the run on `paid_on`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidForm {
    pub claims: Vec<String>,
    pub paid_on: String,
}

/// What a bulk action did: how many claims it changed, and those it left, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub changed: usize,
    pub left: Vec<String>,
}

/// The approved claims for the payment run, as CSV: one row per claim, with the household,
/// what it is for and the amount in pounds; cells that a spreadsheet would read as a formula
/// are made safe.
pub fn payment_run_csv(claims: &[StaffClaim]) -> String {
    let rows = claims
        .iter()
        .filter(|item| item.claim.status == ClaimStatus::Approved)
        .filter(|item| item.claim.about.total > Pence::ZERO)
        .map(|item| {
            let claim = &item.claim;
            vec![
                claim.id.clone(),
                item.household_name.clone(),
                claim.household.clone(),
                claim.about.kind.label().to_owned(),
                claim
                    .about
                    .child
                    .as_ref()
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default(),
                claim.about.date.to_string(),
                claim.submitted_on.to_string(),
                claim.decided_on.map(|d| d.to_string()).unwrap_or_default(),
                claim.about.total.as_typed(),
            ]
        });
    crate::text::csv_table(
        &[
            "Claim",
            "Household",
            "Household id",
            "For",
            "Child",
            "Date",
            "Submitted on",
            "Approved on",
            "Amount (£)",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests;
