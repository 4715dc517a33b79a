//! The fostering service's own record of each carer household: the facts staff keep (approval
//! date, type of fostering, supervising social worker, status), the forms staff fill in to add a
//! household or change those facts, the rules those forms follow, and the search and filters of
//! the staff Carers list.
//!
//! Carers never change these facts; they see them, read-only, on their own devices.

use serde::{Deserialize, Serialize};

use crate::account::{Email, Role};
use crate::date::CalendarDate;
use crate::details::Text;
use crate::household::CarerType;

/// Where a household stands with the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdStatus {
    /// Being assessed: not yet approved by the fostering panel.
    Assessment,
    Approved,
    /// Approved, but taking a break from caring (or paused while something is looked into).
    OnHold,
    /// No longer fostering with the service. The record is kept, as the law requires.
    Ended,
}

impl HouseholdStatus {
    pub const ALL: [Self; 4] = [Self::Assessment, Self::Approved, Self::OnHold, Self::Ended];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Assessment => "assessment",
            Self::Approved => "approved",
            Self::OnHold => "on_hold",
            Self::Ended => "ended",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Assessment => "Being assessed",
            Self::Approved => "Approved",
            Self::OnHold => "On hold",
            Self::Ended => "No longer fostering",
        }
    }

    /// Every status but "being assessed" follows an approval, so it needs the approval date.
    pub const fn needs_approval_date(self) -> bool {
        !matches!(self, Self::Assessment)
    }
}

/// A member of staff, as lists and choices show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: String,
    pub name: String,
}

/// Whether the household's lead carer can sign in yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// They have set a password.
    Active,
    /// An invitation is waiting; it stops working at this time (seconds since 1970).
    Invited { expires_at: i64 },
    /// The last invitation ran out before it was used.
    InvitationExpired,
    /// Nobody has been sent an invitation yet.
    NotInvited,
}

impl AccountState {
    pub const fn label(self) -> &'static str {
        match self {
            Self::Active => "Using the portal",
            Self::Invited { .. } => "Invited",
            Self::InvitationExpired => "Invitation expired",
            Self::NotInvited => "Not invited",
        }
    }
}

/// One household in the staff Carers list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerSummary {
    pub id: String,
    pub name: String,
    pub lead_carer: String,
    pub email: String,
    pub area: String,
    pub carer_type: CarerType,
    pub status: HouseholdStatus,
    pub approved_on: Option<CalendarDate>,
    pub supervising_worker: Option<StaffMember>,
    pub account: AccountState,
    /// Why the household left, once it has.
    #[serde(default)]
    pub exit: Option<Exit>,
    /// Goes up by one with every change to the staff-owned facts, so that two members of staff
    /// editing at once cannot silently undo each other.
    pub version: i64,
}

/// `GET /api/staff/carers`: every household the caller may see, and the choices the forms need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerList {
    pub carers: Vec<CarerSummary>,
    pub workers: Vec<StaffMember>,
    /// Whether the caller may add households, invite and change the staff-owned facts.
    pub can_edit: bool,
}

/// What staff may do with carer households. Finance can look households up (to answer payment
/// questions) but not change them; supervising social workers and administrators manage them.
pub const fn can_view_carers(role: Role) -> bool {
    role.is_staff()
}

pub const fn can_manage_carers(role: Role) -> bool {
    matches!(role, Role::SupervisingSocialWorker | Role::Administrator)
}

/// Whether a member of staff (`role`, `staff_id`) may act on a household whose supervising
/// social worker is `supervisor`: change its facts, send its sign-in link, confirm its
/// training. Supervising social workers act on the households they supervise; administrators
/// on all. A sign-in link lets its holder sign in as the carer, so it is a power over the
/// household's whole record.
pub fn may_act_on_household(role: Role, staff_id: &str, supervisor: Option<&str>) -> bool {
    match role {
        Role::Administrator => true,
        Role::SupervisingSocialWorker => supervisor == Some(staff_id),
        _ => false,
    }
}

/// Who reads what households do: their learning logs, the training overview, and who booked
/// which groups. The staff who support carers; finance and recruitment have no need of it.
pub const fn can_read_household_activity(role: Role) -> bool {
    matches!(role, Role::SupervisingSocialWorker | Role::Administrator)
}

/// The staff-owned facts, as a form sends them: text exactly as typed or chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFieldsForm {
    pub carer_type: String,
    pub status: String,
    pub approved_on: String,
    /// A staff member's id, or "" for nobody yet.
    pub supervising_worker_id: String,
    /// Why the household left, when its status is "ended" (an `ExitReason`'s text).
    #[serde(default)]
    pub exit_reason: String,
    /// The reason in the staff member's words: needed for "other", optional otherwise.
    #[serde(default)]
    pub exit_words: String,
}

/// `PUT /api/staff/carers/{id}`: the facts, and the version the member of staff started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCarer {
    pub version: i64,
    #[serde(flatten)]
    pub fields: StaffFieldsForm,
}

/// `POST /api/staff/carers`: a new household and its lead carer, who will get an invitation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHouseholdForm {
    pub household_name: String,
    pub carer_name: String,
    pub email: String,
    pub area: String,
    #[serde(flatten)]
    pub fields: StaffFieldsForm,
}

/// An invitation link to send to a carer. The token is in the fragment (after `#`), which
/// browsers never send to a server, so it stays out of logs and `Referer` headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub path: String,
    pub expires_at: i64,
}

/// The answer to adding a household or inviting its carer again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invited {
    pub carer: CarerSummary,
    pub invitation: Invitation,
}

/// `POST /api/invitation`: who an invitation is for, shown before they choose a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationToken {
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDetails {
    pub name: String,
    pub email: String,
    pub expires_at: i64,
}

/// `POST /api/invitation/accept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptInvitation {
    pub token: String,
    pub password: String,
}

/// The fields of the carer forms, each with the id of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CarerField {
    HouseholdName,
    CarerName,
    Email,
    Area,
    CarerType,
    Status,
    ApprovedOn,
    SupervisingWorker,
    ExitReason,
    ExitWords,
}

impl CarerField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::HouseholdName => "household-name",
            Self::CarerName => "carer-name",
            Self::Email => "carer-email",
            Self::Area => "area",
            Self::CarerType => "carer-type",
            Self::Status => "status",
            Self::ApprovedOn => "approved-on",
            Self::SupervisingWorker => "supervising-worker",
            Self::ExitReason => "exit-reason",
            Self::ExitWords => "exit-words",
        }
    }
}

/// A problem with one field of a carer form, with the message to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarerFormProblem {
    pub field: CarerField,
    pub message: String,
}

/// The staff-owned facts, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffFields {
    pub carer_type: CarerType,
    pub status: HouseholdStatus,
    pub approved_on: Option<CalendarDate>,
    pub supervising_worker_id: Option<String>,
    /// Why it left: set exactly when the status is "ended".
    pub exit: Option<Exit>,
}

impl StaffFields {
    /// Checks the facts as typed. `today` is the service's date (the core has no clock); an
    /// approval cannot be in the future. Whether the worker exists is for the server to say.
    pub fn parse(
        form: &StaffFieldsForm,
        today: CalendarDate,
    ) -> Result<Self, Vec<CarerFormProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: &str| {
            problems.push(CarerFormProblem {
                field,
                message: message.to_owned(),
            });
        };
        let carer_type = CarerType::parse(&form.carer_type);
        if carer_type.is_none() {
            problem(CarerField::CarerType, "Choose the type of fostering.");
        }
        let status = HouseholdStatus::parse(&form.status);
        if status.is_none() {
            problem(CarerField::Status, "Choose where the household stands.");
        }
        let approved_on = if form.approved_on.trim().is_empty() {
            if status.is_some_and(HouseholdStatus::needs_approval_date) {
                problem(
                    CarerField::ApprovedOn,
                    "Enter the date the household was approved.",
                );
            }
            None
        } else {
            match CalendarDate::parse(&form.approved_on) {
                Ok(date) if date > today => {
                    problem(
                        CarerField::ApprovedOn,
                        "The approval date must be today or in the past.",
                    );
                    None
                }
                Ok(date) => Some(date),
                Err(error) => {
                    problem(CarerField::ApprovedOn, &error.to_string());
                    None
                }
            }
        };
        let exit = if status == Some(HouseholdStatus::Ended) {
            match Exit::parse(&form.exit_reason, &form.exit_words) {
                Ok(exit) => Some(exit),
                Err((field, message)) => {
                    problem(field, message);
                    None
                }
            }
        } else {
            None
        };
        let worker = form.supervising_worker_id.trim();
        match (carer_type, status) {
            (Some(carer_type), Some(status)) if problems.is_empty() => Ok(Self {
                carer_type,
                status,
                approved_on,
                supervising_worker_id: (!worker.is_empty()).then(|| worker.to_owned()),
                exit,
            }),
            _ => Err(problems),
        }
    }
}

/// A new household, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHousehold {
    pub household_name: Text,
    pub carer_name: Text,
    pub email: Email,
    pub area: Text,
    pub fields: StaffFields,
}

impl NewHousehold {
    pub fn parse(
        form: &NewHouseholdForm,
        today: CalendarDate,
    ) -> Result<Self, Vec<CarerFormProblem>> {
        let mut problems = Vec::new();
        let mut text = |field, raw: &str, what, max| match Text::parse(raw, what, max) {
            Ok(value) => Some(value),
            Err(error) => {
                problems.push(CarerFormProblem {
                    field,
                    message: error.to_string(),
                });
                None
            }
        };
        let household_name = text(
            CarerField::HouseholdName,
            &form.household_name,
            "the household's name",
            100,
        );
        let carer_name = text(
            CarerField::CarerName,
            &form.carer_name,
            "the lead carer's name",
            80,
        );
        let area = text(CarerField::Area, &form.area, "the area", 60);
        let email = Email::parse(&form.email)
            .map_err(|error| {
                problems.push(CarerFormProblem {
                    field: CarerField::Email,
                    message: error.to_string(),
                });
            })
            .ok();
        let fields = if form.fields.status == HouseholdStatus::Ended.as_str() {
            problems.push(CarerFormProblem {
                field: CarerField::Status,
                message: "A new household cannot start as having left the service.".to_owned(),
            });
            None
        } else {
            StaffFields::parse(&form.fields, today)
                .map_err(|more| problems.extend(more))
                .ok()
        };
        match (household_name, carer_name, email, area, fields) {
            (Some(household_name), Some(carer_name), Some(email), Some(area), Some(fields)) => {
                Ok(Self {
                    household_name,
                    carer_name,
                    email,
                    area,
                    fields,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The search and filters of the staff Carers list, as the page's address carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarerFilter {
    /// Words to find in the household's name, the lead carer's name or email, or the area.
    pub query: String,
    pub status: Option<HouseholdStatus>,
    pub carer_type: Option<CarerType>,
    pub area: Option<String>,
    /// Only households this member of staff supervises.
    pub worker_id: Option<String>,
}

impl CarerFilter {
    /// Reads the filter from the page address's query pairs; unknown values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = Self::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "q" => value.clone_into(&mut filter.query),
                "status" => filter.status = HouseholdStatus::parse(value),
                "type" => filter.carer_type = CarerType::parse(value),
                "area" => filter.area = Some(value.to_owned()),
                "worker" => filter.worker_id = Some(value.to_owned()),
                _ => {}
            }
        }
        filter
    }

    /// The query pairs for this filter, for the page address.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.query.trim().is_empty() {
            pairs.push(("q", self.query.trim().to_owned()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(kind) = self.carer_type {
            pairs.push(("type", kind.as_str().to_owned()));
        }
        if let Some(area) = &self.area {
            pairs.push(("area", area.clone()));
        }
        if let Some(worker) = &self.worker_id {
            pairs.push(("worker", worker.clone()));
        }
        pairs
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether a household passes. Every word of the search must appear somewhere, ignoring
    /// capitals, so "taylor northby" finds the Taylors of Northby.
    pub fn matches(&self, carer: &CarerSummary) -> bool {
        let haystack = format!(
            "{} {} {} {}",
            carer.name, carer.lead_carer, carer.email, carer.area
        )
        .to_lowercase();
        self.query
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
            && self.status.is_none_or(|s| s == carer.status)
            && self.carer_type.is_none_or(|t| t == carer.carer_type)
            && self
                .area
                .as_ref()
                .is_none_or(|a| a.eq_ignore_ascii_case(&carer.area))
            && self.worker_id.as_ref().is_none_or(|w| {
                carer
                    .supervising_worker
                    .as_ref()
                    .is_some_and(|s| &s.id == w)
            })
    }

    /// The households that pass, in name order.
    pub fn apply<'a>(&self, carers: &'a [CarerSummary]) -> Vec<&'a CarerSummary> {
        let mut found: Vec<&CarerSummary> = carers.iter().filter(|c| self.matches(c)).collect();
        found.sort_by_cached_key(|c| c.name.to_lowercase());
        found
    }
}

/// The areas households live in, each once, in order: the choices of the area filter.
pub fn areas(carers: &[CarerSummary]) -> Vec<String> {
    let mut areas: Vec<String> = carers.iter().map(|c| c.area.clone()).collect();
    areas.sort_unstable();
    areas.dedup();
    areas
}

#[cfg(test)]
mod tests;

/// Something a member of staff did to a household, as the household's history records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffAction {
    AddedHousehold,
    ChangedFacts,
    SentSignInLink,
    ConfirmedTraining,
    HeldReview,
}

impl StaffAction {
    pub const ALL: [Self; 5] = [
        Self::AddedHousehold,
        Self::ChangedFacts,
        Self::SentSignInLink,
        Self::ConfirmedTraining,
        Self::HeldReview,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AddedHousehold => "added_household",
            Self::ChangedFacts => "changed_facts",
            Self::SentSignInLink => "sent_sign_in_link",
            Self::ConfirmedTraining => "confirmed_training",
            Self::HeldReview => "held_review",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == text)
    }

    /// What was done, as the history says it.
    pub const fn words(self) -> &'static str {
        match self {
            Self::AddedHousehold => "Added the household",
            Self::ChangedFacts => "Changed the household's facts",
            Self::SentSignInLink => "Made a sign-in link for the lead carer",
            Self::ConfirmedTraining => "Confirmed a training record",
            Self::HeldReview => "Recorded the annual review as held",
        }
    }
}

/// `GET /api/staff/carers/{id}/history`: one thing staff did, who did it and when (seconds
/// since 1970). Administrators only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffActionEntry {
    pub at: i64,
    pub by: String,
    pub action: StaffAction,
}

/// Who reads a household's history of staff actions: administrators, who answer for how the
/// service uses its powers.
pub const fn can_read_staff_history(role: Role) -> bool {
    matches!(role, Role::Administrator)
}

#[cfg(test)]
mod staff_action_tests {
    use super::*;

    #[test]
    fn workers_act_on_their_own_households_and_administrators_on_all() {
        assert!(may_act_on_household(
            Role::SupervisingSocialWorker,
            "w1",
            Some("w1")
        ));
        assert!(!may_act_on_household(
            Role::SupervisingSocialWorker,
            "w1",
            Some("w2")
        ));
        assert!(!may_act_on_household(
            Role::SupervisingSocialWorker,
            "w1",
            None
        ));
        assert!(may_act_on_household(Role::Administrator, "a1", None));
        for role in [Role::Finance, Role::Recruitment, Role::Carer] {
            assert!(!may_act_on_household(role, "w1", Some("w1")));
        }
    }

    #[test]
    fn every_action_reads_back_from_what_is_stored() {
        for action in StaffAction::ALL {
            assert_eq!(StaffAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(StaffAction::parse("deleted_everything"), None);
    }
}

/// Why a household stopped fostering with the service, as staff record it when they end it.
/// The service's reports count exits by reason, to see the trend (Task and Finish 3.36).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    Resigned,
    Retired,
    MovedAway,
    Deregistered,
    TransferredToAgency,
    Other,
}

impl ExitReason {
    pub const ALL: [Self; 6] = [
        Self::Resigned,
        Self::Retired,
        Self::MovedAway,
        Self::Deregistered,
        Self::TransferredToAgency,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Resigned => "resigned",
            Self::Retired => "retired",
            Self::MovedAway => "moved_away",
            Self::Deregistered => "deregistered",
            Self::TransferredToAgency => "transferred_to_agency",
            Self::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.as_str() == text)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Resigned => "Resigned",
            Self::Retired => "Retired",
            Self::MovedAway => "Moved away",
            Self::Deregistered => "Deregistered by the service",
            Self::TransferredToAgency => "Moved to a fostering agency",
            Self::Other => "Another reason",
        }
    }
}

/// The most an exit's reason in words may hold.
pub const MOST_EXIT_WORDS: usize = 300;

/// Why a household left, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exit {
    pub reason: ExitReason,
    /// In the staff member's words; always there for `Other`.
    pub words: Option<Text>,
}

impl Exit {
    /// The reason chosen and the words typed, or the field to fix and what to say.
    pub fn parse(reason: &str, words: &str) -> Result<Self, (CarerField, &'static str)> {
        let reason = ExitReason::parse(reason.trim()).ok_or((
            CarerField::ExitReason,
            "Choose why the household is leaving the service.",
        ))?;
        let words = if words.trim().is_empty() {
            None
        } else {
            Some(
                Text::parse(words, "why the household is leaving", MOST_EXIT_WORDS).map_err(
                    |_| {
                        (
                            CarerField::ExitWords,
                            "Keep why the household is leaving to 300 characters or fewer.",
                        )
                    },
                )?,
            )
        };
        if reason == ExitReason::Other && words.is_none() {
            return Err((
                CarerField::ExitWords,
                "Say in a few words why the household is leaving.",
            ));
        }
        Ok(Self { reason, words })
    }
}

/// `GET /api/staff/exits`: households that left, counted by the month they left and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitReport {
    /// Oldest month first, each with a count for every reason (in `ExitReason::ALL` order).
    pub months: Vec<ExitMonth>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitMonth {
    /// `2026-11`.
    pub month: String,
    pub counts: Vec<usize>,
}

impl ExitReport {
    /// Counts `exits` (the month each household left, `2026-11`, and why) into the last
    /// `months` months up to and including `this_month`, every month shown even with none.
    pub fn of(exits: &[(String, ExitReason)], this_month: CalendarDate, months: u32) -> Self {
        let mut out = Vec::new();
        for back in (0..months).rev() {
            let first = this_month.add_months(-i32::try_from(back).unwrap_or(0));
            let month = first.to_string().chars().take(7).collect::<String>();
            let counts = ExitReason::ALL
                .iter()
                .map(|reason| {
                    exits
                        .iter()
                        .filter(|(when, why)| when == &month && why == reason)
                        .count()
                })
                .collect();
            out.push(ExitMonth { month, counts });
        }
        Self { months: out }
    }

    /// Each reason's total over the whole period, in `ExitReason::ALL` order.
    pub fn totals(&self) -> Vec<usize> {
        (0..ExitReason::ALL.len())
            .map(|i| self.months.iter().map(|m| m.counts[i]).sum())
            .collect()
    }
}

#[cfg(test)]
mod exit_tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("date")
    }

    #[test]
    fn ending_a_household_needs_a_reason_and_other_needs_words() {
        let mut form = StaffFieldsForm {
            carer_type: "mainstream".into(),
            status: "ended".into(),
            approved_on: "2020-01-01".into(),
            supervising_worker_id: String::new(),
            exit_reason: String::new(),
            exit_words: String::new(),
        };
        let today = date("2026-12-04");
        let problems = StaffFields::parse(&form, today).expect_err("no reason");
        assert_eq!(problems[0].field, CarerField::ExitReason);
        form.exit_reason = "other".into();
        let problems = StaffFields::parse(&form, today).expect_err("no words");
        assert_eq!(problems[0].field, CarerField::ExitWords);
        form.exit_words = "Adopted the child in placement".into();
        let fields = StaffFields::parse(&form, today).expect("valid");
        let exit = fields.exit.expect("an exit");
        assert_eq!(exit.reason, ExitReason::Other);
        assert_eq!(
            exit.words.map(|w| w.to_string()).as_deref(),
            Some("Adopted the child in placement")
        );
        form.exit_reason = "retired".into();
        form.exit_words = String::new();
        assert_eq!(
            StaffFields::parse(&form, today)
                .expect("valid")
                .exit
                .map(|e| e.reason),
            Some(ExitReason::Retired)
        );
        // A household still fostering has no exit, whatever the form still holds.
        form.status = "approved".into();
        assert_eq!(StaffFields::parse(&form, today).expect("valid").exit, None);
    }

    #[test]
    fn exits_are_counted_by_month_and_reason_with_empty_months_shown() {
        let exits = vec![
            ("2026-10".to_owned(), ExitReason::Retired),
            ("2026-12".to_owned(), ExitReason::Retired),
            ("2026-12".to_owned(), ExitReason::MovedAway),
            ("2025-01".to_owned(), ExitReason::Resigned),
        ];
        let report = ExitReport::of(&exits, date("2026-12-01"), 3);
        let months: Vec<&str> = report.months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(months, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(report.months[0].counts, [0, 1, 0, 0, 0, 0]);
        assert_eq!(report.months[1].counts, [0; 6]);
        assert_eq!(report.months[2].counts, [0, 1, 1, 0, 0, 0]);
        assert_eq!(
            report.totals(),
            [0, 2, 1, 0, 0, 0],
            "the 2025 exit is outside the period"
        );
        for reason in ExitReason::ALL {
            assert_eq!(ExitReason::parse(reason.as_str()), Some(reason));
        }
    }
}
