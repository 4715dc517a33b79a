//! All HTTP between the app and its server. Nothing else in the app calls `fetch`.

use portal_core::buddies::{
    BarForm, CloseForm, Pairing, PairingKind, SendPairs, StaffBuddies, StaffProposal, WeightsForm,
};
use portal_core::carers::{
    AcceptInvitation, CarerList, CarerSummary, ExitReport, InvitationDetails, InvitationToken,
    Invited, NewHouseholdForm, StaffActionEntry, UpdateCarer,
};
use portal_core::claims::{
    BulkForm, BulkOutcome, Claim, ClaimSettings, DecisionForm, PaidForm, SettingsForm, StaffClaims,
};
use portal_core::enquiries::application::{Application, TaskConfirmation};
use portal_core::enquiries::{
    ActionForm, AssignForm, EnquiryList, EnquiryRecord, EnquirySent, Funnel, NewEnquiry,
};
use portal_core::groups::{
    Cancellation, Group, GroupForm, MessageSent, Register, SessionForm, SessionMessage,
    SessionView, StaffGroup, StaffGroups,
};
use portal_core::library::{Document, DocumentForm, DocumentList};
use portal_core::news::{Article, ArticleForm, ContributionDecision, NewsList};
use portal_core::notices::{Choice, ChoicesForm, OutboxView};
use portal_core::payments::{
    HandlerForm, NoticeForm, PaymentNotice, Query, RateForm, Rates, ReplyForm, StaffQueries,
    StatusForm,
};
use portal_core::review::{AnnualReview, HeldForm, ReviewList, StaffReview};
use portal_core::support::{StaffContacts, SupportContacts};
use portal_core::surveys::{NoteForm, StaffSurveys, StaffWave, SurveyNote, WaveForm, WaveResults};
use portal_core::sync::wire::{PullResponse, PushRequest, PushResponse};
use portal_core::sync::{ChangeNumber, ClientId};
use portal_core::training::{Course, CourseForm, CourseList, Entry, StaffEntry, TrainingOverview};
use portal_core::wire::{ApiErrorBody, Health};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a request may take before the app treats the server as unreachable. Poor mobile
/// signal often means requests that hang rather than fail.
const TIMEOUT_MS: i32 = 15_000;

/// The header the server requires on every request that changes something (its defence
/// against cross-site request forgery).
const REQUEST_HEADER: &str = "x-portal-request";

/// Why a request did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: no network, a timeout, or the server is down.
    Unreachable,
    /// The session has ended (or there never was one): sign in again.
    SignInRequired,
    /// The server answered with an error, with a code and a sentence to show.
    Server {
        status: u16,
        code: String,
        message: String,
    },
    /// The server's answer could not be understood (for example, an older or newer version).
    Unexpected,
}

impl ApiError {
    /// What to tell the person.
    pub fn message(&self) -> String {
        match self {
            Self::Unreachable => {
                "The portal cannot reach the fostering service just now. Check your connection and try again.".into()
            }
            Self::SignInRequired => "Sign in to continue.".into(),
            Self::Server { message, .. } => message.clone(),
            Self::Unexpected => {
                "The portal got an answer it did not understand. Reload the page and try again.".into()
            }
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Server { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// The signed-in person, as the server describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: portal_core::account::Role,
    pub household_id: Option<String>,
}

/// What a sign-in with the right password leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInAnswer {
    SignedIn(User),
    /// Staff: the password was right; now the code from their authenticator app.
    CodeNeeded,
}

#[derive(Debug, Deserialize)]
struct SignInAnswerBody {
    user: Option<User>,
    #[serde(default)]
    code_needed: bool,
}

#[derive(Debug, Serialize)]
struct SignIn<'a> {
    email: &'a str,
    password: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
}

/// `GET /api/health`.
pub async fn health() -> Result<Health, ApiError> {
    request("GET", "/api/health", None).await
}

/// `POST /api/session`: signs in; the server sets the session cookie.
pub async fn sign_in(
    email: &str,
    password: &str,
    code: Option<&str>,
) -> Result<SignInAnswer, ApiError> {
    let body = serde_json::to_string(&SignIn {
        email,
        password,
        code,
    })
    .map_err(|_| ApiError::Unexpected)?;
    let answer: SignInAnswerBody = request("POST", "/api/session", Some(body)).await?;
    match (answer.user, answer.code_needed) {
        (Some(user), _) => Ok(SignInAnswer::SignedIn(user)),
        (None, true) => Ok(SignInAnswer::CodeNeeded),
        (None, false) => Err(ApiError::Unexpected),
    }
}

/// `GET /api/session`: who the session cookie belongs to, if anyone.
pub async fn current_user() -> Result<Option<User>, ApiError> {
    request("GET", "/api/session", None).await
}

/// `DELETE /api/session`: ends the session on the server and removes the cookie.
pub async fn sign_out() -> Result<(), ApiError> {
    send("DELETE", "/api/session", None).await.map(|_| ())
}

/// `POST /api/sync/push`.
pub async fn push(batch: &PushRequest) -> Result<PushResponse, ApiError> {
    let body = serde_json::to_string(batch).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/sync/push", Some(body)).await
}

/// `GET /api/sync/pull`, asking for the progress of this device's own clients only.
pub async fn pull(
    cursor: ChangeNumber,
    clients: &[ClientId],
    epoch: &str,
) -> Result<PullResponse, ApiError> {
    let mut names = String::new();
    for client in clients {
        if !names.is_empty() {
            names.push(',');
        }
        names.push_str(client.as_str());
    }
    request(
        "GET",
        &format!(
            "/api/sync/pull?cursor={}&clients={names}&epoch={}",
            cursor.get(),
            js_sys::encode_uri_component(epoch)
        ),
        None,
    )
    .await
}

/// `GET /api/staff/carers`: every household, the supervising social workers, and whether the
/// member of staff may change them.
pub async fn carers() -> Result<CarerList, ApiError> {
    request("GET", "/api/staff/carers", None).await
}

/// Ids come from page addresses, which anyone can type: only plain ids are sent on. `missing` is
/// the answer for anything else, as the server would give for an id it does not know.
fn item_path(base: &str, id: &str, rest: &str, missing: ApiError) -> Result<String, ApiError> {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(format!("{base}/{id}{rest}"))
    } else {
        Err(missing)
    }
}

fn carer_path(id: &str, rest: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_household".into(),
        message: "There is no such household.".into(),
    };
    item_path("/api/staff/carers", id, rest, missing)
}

/// `GET /api/staff/courses`: the catalogue, and whether this member of staff may change it.
pub async fn courses() -> Result<CourseList, ApiError> {
    request("GET", "/api/staff/courses", None).await
}

/// `GET /api/staff/reviews`: annual reviews overdue and due.
pub async fn reviews() -> Result<ReviewList, ApiError> {
    request("GET", "/api/staff/reviews", None).await
}

/// `GET /api/staff/carers/{id}/review`: a household's current annual review.
pub async fn household_review(id: &str) -> Result<StaffReview, ApiError> {
    request("GET", &carer_path(id, "/review")?, None).await
}

/// `POST /api/staff/carers/{id}/review/held`: the review held and its plan agreed.
pub async fn hold_review(id: &str, form: &HeldForm) -> Result<AnnualReview, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", &carer_path(id, "/review/held")?, Some(body)).await
}

/// `GET /api/staff/library`: the handbook, the charter and the policies.
pub async fn library() -> Result<DocumentList, ApiError> {
    request("GET", "/api/staff/library", None).await
}

/// `POST /api/staff/library`: publishes a new document.
pub async fn add_document(form: &DocumentForm) -> Result<Document, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/staff/library", Some(body)).await
}

/// `PUT /api/staff/library/{id}`: changes a document (a new version if its words changed).
pub async fn update_document(id: &str, form: &DocumentForm) -> Result<Document, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_document".into(),
        message: "That document is not in the library.".into(),
    };
    let path = item_path("/api/staff/library", id, "", missing)?;
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("PUT", &path, Some(body)).await
}

/// `GET /api/staff/news`: the articles and carers' contributions.
pub async fn news() -> Result<NewsList, ApiError> {
    request("GET", "/api/staff/news", None).await
}

/// `POST /api/staff/news`: publishes a new article.
pub async fn add_article(form: &ArticleForm) -> Result<Article, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/staff/news", Some(body)).await
}

/// `PUT /api/staff/news/{id}`: changes an article.
pub async fn update_article(id: &str, form: &ArticleForm) -> Result<Article, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_article".into(),
        message: "That article is not in the news.".into(),
    };
    let path = item_path("/api/staff/news", id, "", missing)?;
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("PUT", &path, Some(body)).await
}

/// `POST /api/staff/news/contributions/{id}`: publishes a carer's contribution as an article
/// (answering with it), or says why it was not used.
pub async fn decide_contribution(
    id: &str,
    decision: &ContributionDecision,
) -> Result<Option<Article>, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_contribution".into(),
        message: "That contribution does not exist.".into(),
    };
    let path = item_path("/api/staff/news/contributions", id, "", missing)?;
    let body = serde_json::to_string(decision).map_err(|_| ApiError::Unexpected)?;
    request("POST", &path, Some(body)).await
}

/// `GET /api/staff/training`: training across households.
pub async fn training_overview() -> Result<TrainingOverview, ApiError> {
    request("GET", "/api/staff/training", None).await
}

/// `GET /api/staff/carers/{id}/training`: a household's learning log.
pub async fn household_training(id: &str) -> Result<Vec<StaffEntry>, ApiError> {
    request("GET", &carer_path(id, "/training")?, None).await
}

/// `GET /api/staff/exits`: households that left, by month and reason.
pub async fn exits() -> Result<ExitReport, ApiError> {
    request("GET", "/api/staff/exits", None).await
}

/// `GET /api/staff/carers/{id}/history`: what staff did to the household, newest first.
pub async fn household_history(id: &str) -> Result<Vec<StaffActionEntry>, ApiError> {
    request("GET", &carer_path(id, "/history")?, None).await
}

/// `POST /api/staff/training/entries/{id}/verification`: marks an entry verified.
pub async fn verify_entry(id: &str) -> Result<Entry, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_entry".into(),
        message: "That training record does not exist, or has been deleted.".into(),
    };
    let path = item_path("/api/staff/training/entries", id, "/verification", missing)?;
    request("POST", &path, None).await
}

/// `POST /api/staff/courses`: adds a course to the catalogue.
pub async fn add_course(form: &CourseForm) -> Result<Course, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/staff/courses", Some(body)).await
}

/// `PUT /api/staff/courses/{id}`: changes a course.
pub async fn update_course(id: &str, form: &CourseForm) -> Result<Course, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_course".into(),
        message: "That course is not in the catalogue.".into(),
    };
    let path = item_path("/api/staff/courses", id, "", missing)?;
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("PUT", &path, Some(body)).await
}

/// `GET /api/staff/groups`: every group with its sessions and bookings.
pub async fn staff_groups() -> Result<StaffGroups, ApiError> {
    request("GET", "/api/staff/groups", None).await
}

/// `POST /api/staff/groups`: adds a group and its series of sessions.
pub async fn add_group(form: &GroupForm) -> Result<StaffGroup, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/staff/groups", Some(body)).await
}

/// `PUT /api/staff/groups/{id}`: changes a group's own details.
pub async fn update_group(id: &str, form: &GroupForm) -> Result<Group, ApiError> {
    request("PUT", &group_path(id, "")?, json_body(form)?).await
}

/// `POST /api/staff/groups/{id}/sessions`: adds sessions to a group.
pub async fn add_sessions(id: &str, form: &GroupForm) -> Result<Vec<SessionView>, ApiError> {
    request("POST", &group_path(id, "/sessions")?, json_body(form)?).await
}

fn group_path(id: &str, suffix: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_group".into(),
        message: "That support group does not exist.".into(),
    };
    item_path("/api/staff/groups", id, suffix, missing)
}

/// The address of one group session's resource (`suffix` empty for the session itself).
fn session_path(id: &str, suffix: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_session".into(),
        message: "That group session does not exist.".into(),
    };
    item_path("/api/staff/groups/sessions", id, suffix, missing)
}

fn json_body<T: Serialize>(body: &T) -> Result<Option<String>, ApiError> {
    serde_json::to_string(body)
        .map(Some)
        .map_err(|_| ApiError::Unexpected)
}

/// `POST /api/staff/groups/sessions/{id}/cancellation`: cancels a session, saying why.
pub async fn cancel_session(id: &str, reason: &str) -> Result<SessionView, ApiError> {
    let body = json_body(&Cancellation {
        reason: reason.to_owned(),
    })?;
    request("POST", &session_path(id, "/cancellation")?, body).await
}

/// `PUT /api/staff/groups/sessions/{id}`: changes a session.
pub async fn edit_session(id: &str, form: &SessionForm) -> Result<SessionView, ApiError> {
    request("PUT", &session_path(id, "")?, json_body(form)?).await
}

/// `PUT /api/staff/groups/sessions/{id}/register`: takes the register.
pub async fn take_register(id: &str, register: &Register) -> Result<(), ApiError> {
    send("PUT", &session_path(id, "/register")?, json_body(register)?)
        .await
        .map(|_| ())
}

/// `POST /api/staff/groups/sessions/{id}/messages`: tells everyone booked.
pub async fn message_session(id: &str, text: &str) -> Result<MessageSent, ApiError> {
    let body = json_body(&SessionMessage {
        text: text.to_owned(),
    })?;
    request("POST", &session_path(id, "/messages")?, body).await
}

/// `GET /api/staff/buddies`.
pub async fn staff_buddies() -> Result<StaffBuddies, ApiError> {
    request("GET", "/api/staff/buddies", None).await
}

/// `POST /api/staff/buddies/proposals`: runs the matcher for buddies, or for mentors;
/// nothing is sent.
pub async fn buddy_proposals(kind: PairingKind) -> Result<StaffProposal, ApiError> {
    let path = match kind {
        PairingKind::Buddy => "/api/staff/buddies/proposals".to_owned(),
        PairingKind::Mentor => format!("/api/staff/buddies/proposals?kind={}", kind.as_str()),
    };
    request("POST", &path, None).await
}

/// `POST /api/staff/buddies/pairings`: suggests the chosen pairs to both households.
pub async fn send_buddy_pairs(pairs: &SendPairs) -> Result<Vec<Pairing>, ApiError> {
    request("POST", "/api/staff/buddies/pairings", json_body(pairs)?).await
}

/// `POST /api/staff/buddies/pairings/{id}/close`: withdraws a suggestion or ends a pairing.
pub async fn close_buddy_pairing(id: &str, form: &CloseForm) -> Result<Pairing, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_pairing".into(),
        message: "That buddy pairing does not exist.".into(),
    };
    let path = item_path("/api/staff/buddies/pairings", id, "/close", missing)?;
    request("POST", &path, json_body(form)?).await
}

/// `POST /api/staff/buddies/barred`: rules out a pair.
pub async fn bar_buddy_pair(form: &BarForm) -> Result<(), ApiError> {
    send("POST", "/api/staff/buddies/barred", json_body(form)?)
        .await
        .map(drop)
}

/// `DELETE /api/staff/buddies/barred/{a}/{b}`: lets a pair be suggested again.
pub async fn allow_buddy_pair(first: &str, second: &str) -> Result<(), ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_household".into(),
        message: "There is no such household.".into(),
    };
    let path = item_path("/api/staff/buddies/barred", first, "", missing.clone())?;
    send("DELETE", &item_path(&path, second, "", missing)?, None)
        .await
        .map(drop)
}

/// `GET /api/staff/payments/queries`: the finance team's queue, oldest first.
pub async fn payment_queries() -> Result<StaffQueries, ApiError> {
    request("GET", "/api/staff/payments/queries", None).await
}

fn query_path(id: &str, suffix: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_query".into(),
        message: "That payment query does not exist.".into(),
    };
    item_path("/api/staff/payments/queries", id, suffix, missing)
}

/// `POST /api/staff/payments/queries/{id}/messages`: the finance team's reply.
pub async fn reply_to_query(id: &str, form: &ReplyForm) -> Result<Query, ApiError> {
    request("POST", &query_path(id, "/messages")?, json_body(form)?).await
}

/// `POST /api/staff/payments/queries/{id}/status`: refused if the status has moved on.
pub async fn move_query_status(id: &str, form: &StatusForm) -> Result<Query, ApiError> {
    request("POST", &query_path(id, "/status")?, json_body(form)?).await
}

/// `PUT /api/staff/payments/queries/{id}/handler`.
pub async fn hand_query_to(id: &str, form: &HandlerForm) -> Result<Query, ApiError> {
    request("PUT", &query_path(id, "/handler")?, json_body(form)?).await
}

/// `GET /api/staff/payments/rates`: every rate table.
pub async fn payment_rates() -> Result<Rates, ApiError> {
    request("GET", "/api/staff/payments/rates", None).await
}

/// `POST /api/staff/payments/rates`: adds a table.
pub async fn add_payment_rates(form: &RateForm) -> Result<Rates, ApiError> {
    request("POST", "/api/staff/payments/rates", json_body(form)?).await
}

/// `GET /api/staff/payments/notice`.
pub async fn payment_notice() -> Result<Option<PaymentNotice>, ApiError> {
    request("GET", "/api/staff/payments/notice", None).await
}

/// `PUT /api/staff/payments/notice`: publishes the notice, or takes it down when empty.
pub async fn save_payment_notice(form: &NoticeForm) -> Result<Option<PaymentNotice>, ApiError> {
    request("PUT", "/api/staff/payments/notice", json_body(form)?).await
}

/// `GET /api/staff/claims?status=&page=`: a page of the claims this person may see with
/// `status` ("" for any), oldest first, with the settings.
pub async fn staff_claims(status: &str, page: usize) -> Result<StaffClaims, ApiError> {
    let status = js_sys::encode_uri_component(status);
    request(
        "GET",
        &format!("{CLAIMS_PATH}?status={status}&page={page}"),
        None,
    )
    .await
}

/// Where the staff side's claims are, and the approved ones as a spreadsheet for the payment
/// run (a plain link: the server writes the file).
pub const CLAIMS_PATH: &str = "/api/staff/claims";
pub const PAYMENT_RUN_CSV: &str = "/api/staff/claims/payment-run.csv";

fn claim_path(id: &str, suffix: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_claim".into(),
        message: "That claim does not exist.".into(),
    };
    item_path(CLAIMS_PATH, id, suffix, missing)
}

/// `GET /api/staff/claims/{id}`: one claim with its household's name, and the settings.
pub async fn staff_claim(id: &str) -> Result<StaffClaims, ApiError> {
    request("GET", &claim_path(id, "")?, None).await
}

/// `POST /api/staff/claims/{id}/messages`: a question for the carer.
pub async fn ask_about_claim(id: &str, form: &ReplyForm) -> Result<Claim, ApiError> {
    request("POST", &claim_path(id, "/messages")?, json_body(form)?).await
}

/// `POST /api/staff/claims/{id}/decision`: refused if the claim has been decided meanwhile.
pub async fn decide_claim(id: &str, form: &DecisionForm) -> Result<Claim, ApiError> {
    request("POST", &claim_path(id, "/decision")?, json_body(form)?).await
}

/// `POST /api/staff/claims/approve`.
pub async fn approve_claims(form: &BulkForm) -> Result<BulkOutcome, ApiError> {
    request("POST", "/api/staff/claims/approve", json_body(form)?).await
}

/// `POST /api/staff/claims/paid`.
pub async fn mark_claims_paid(form: &PaidForm) -> Result<BulkOutcome, ApiError> {
    request("POST", "/api/staff/claims/paid", json_body(form)?).await
}

/// `PUT /api/staff/claims/settings`.
pub async fn save_claim_settings(form: &SettingsForm) -> Result<ClaimSettings, ApiError> {
    request("PUT", "/api/staff/claims/settings", json_body(form)?).await
}

/// `POST /api/enquiries`: an enquiry from someone thinking about fostering. Sent again (a
/// retry, another tab), it is the same enquiry.
pub async fn send_enquiry(enquiry: &NewEnquiry) -> Result<EnquirySent, ApiError> {
    request("POST", "/api/enquiries", json_body(enquiry)?).await
}

/// `GET /api/staff/enquiries`: every enquiry, the team and the server's time.
pub async fn enquiries() -> Result<EnquiryList, ApiError> {
    request("GET", "/api/staff/enquiries", None).await
}

/// `GET /api/staff/enquiries/{id}`.
pub async fn enquiry(id: &str) -> Result<EnquiryList, ApiError> {
    request("GET", &format!("/api/staff/enquiries/{id}"), None).await
}

/// `POST /api/staff/enquiries/{id}/actions`: a stage, a contact attempt or a note.
pub async fn enquiry_action(id: &str, form: &ActionForm) -> Result<EnquiryRecord, ApiError> {
    request(
        "POST",
        &format!("/api/staff/enquiries/{id}/actions"),
        json_body(form)?,
    )
    .await
}

/// `PUT /api/staff/enquiries/{id}/handler`: who handles it.
pub async fn assign_enquiry(id: &str, form: &AssignForm) -> Result<EnquiryRecord, ApiError> {
    request(
        "PUT",
        &format!("/api/staff/enquiries/{id}/handler"),
        json_body(form)?,
    )
    .await
}

/// `POST /api/staff/enquiries/{id}/household`: the approved enquiry becomes a household.
pub async fn enquiry_household(id: &str, form: &NewHouseholdForm) -> Result<Invited, ApiError> {
    request(
        "POST",
        &format!("/api/staff/enquiries/{id}/household"),
        json_body(form)?,
    )
    .await
}

/// `GET /api/staff/enquiries/{id}/application`: the invited applicant's application, if any.
pub async fn enquiry_application(id: &str) -> Result<Option<Application>, ApiError> {
    request(
        "GET",
        &format!("/api/staff/enquiries/{id}/application"),
        None,
    )
    .await
}

/// `POST /api/staff/enquiries/{id}/application/tasks`: confirm a task, or take it back.
pub async fn confirm_task(id: &str, form: &TaskConfirmation) -> Result<Application, ApiError> {
    request(
        "POST",
        &format!("/api/staff/enquiries/{id}/application/tasks"),
        json_body(form)?,
    )
    .await
}

/// `GET /api/staff/enquiries/funnel?months=N`.
pub async fn enquiry_funnel(months: u8) -> Result<Funnel, ApiError> {
    request(
        "GET",
        &format!("/api/staff/enquiries/funnel?months={months}"),
        None,
    )
    .await
}

/// `GET /api/staff/surveys`: every wave with its response rate, the areas and the notes.
pub async fn staff_surveys() -> Result<StaffSurveys, ApiError> {
    request("GET", "/api/staff/surveys", None).await
}

/// `POST /api/staff/surveys`: publishes a new wave.
pub async fn add_survey(form: &WaveForm) -> Result<StaffWave, ApiError> {
    request("POST", "/api/staff/surveys", json_body(form)?).await
}

/// `PUT /api/staff/surveys/{id}`: changes a wave nobody has answered yet.
pub async fn update_survey(id: &str, form: &WaveForm) -> Result<StaffWave, ApiError> {
    request("PUT", &format!("/api/staff/surveys/{id}"), json_body(form)?).await
}

/// `GET /api/staff/surveys/{id}/results?by=...`: the aggregates, broken down if asked.
pub async fn survey_results(id: &str, by: &str) -> Result<WaveResults, ApiError> {
    request(
        "GET",
        &format!("/api/staff/surveys/{id}/results?by={by}"),
        None,
    )
    .await
}

/// `POST /api/staff/surveys/{id}/reminder`: reminds carers who have not answered.
pub async fn remind_survey(id: &str) -> Result<StaffWave, ApiError> {
    request("POST", &format!("/api/staff/surveys/{id}/reminder"), None).await
}

/// `POST /api/staff/surveys/{id}/notes`: publishes a "You said, we did" note.
pub async fn add_survey_note(id: &str, form: &NoteForm) -> Result<SurveyNote, ApiError> {
    request(
        "POST",
        &format!("/api/staff/surveys/{id}/notes"),
        json_body(form)?,
    )
    .await
}

/// `GET /api/staff/buddies/weights`: how pairs are scored.
pub async fn buddy_weights() -> Result<WeightsForm, ApiError> {
    request("GET", "/api/staff/buddies/weights", None).await
}

/// `PUT /api/staff/buddies/weights`.
pub async fn save_buddy_weights(form: &WeightsForm) -> Result<WeightsForm, ApiError> {
    request("PUT", "/api/staff/buddies/weights", json_body(form)?).await
}

/// `GET /api/notifications`: which emails the person signed in gets.
pub async fn notice_choices() -> Result<Vec<Choice>, ApiError> {
    request("GET", "/api/notifications", None).await
}

/// `PUT /api/notifications`.
pub async fn save_notice_choices(form: &ChoicesForm) -> Result<Vec<Choice>, ApiError> {
    request("PUT", "/api/notifications", json_body(form)?).await
}

/// `GET /api/staff/outbox`: the emails waiting and sent.
pub async fn outbox() -> Result<OutboxView, ApiError> {
    request("GET", "/api/staff/outbox", None).await
}

/// `GET /api/staff/support-contacts`.
pub async fn support_contacts() -> Result<StaffContacts, ApiError> {
    request("GET", "/api/staff/support-contacts", None).await
}

/// `PUT /api/staff/support-contacts`: publishes the contacts to every device.
pub async fn save_support_contacts(
    contacts: &SupportContacts,
) -> Result<SupportContacts, ApiError> {
    request("PUT", "/api/staff/support-contacts", json_body(contacts)?).await
}

/// `GET /api/staff/carers/{id}`.
pub async fn carer(id: &str) -> Result<CarerSummary, ApiError> {
    request("GET", &carer_path(id, "")?, None).await
}

/// `PUT /api/staff/carers/{id}`: the staff-owned facts, from the version the form showed.
pub async fn update_carer(id: &str, update: &UpdateCarer) -> Result<CarerSummary, ApiError> {
    let body = serde_json::to_string(update).map_err(|_| ApiError::Unexpected)?;
    request("PUT", &carer_path(id, "")?, Some(body)).await
}

/// `POST /api/staff/carers`: adds a household and invites its lead carer.
pub async fn add_household(form: &NewHouseholdForm) -> Result<Invited, ApiError> {
    let body = serde_json::to_string(form).map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/staff/carers", Some(body)).await
}

/// `POST /api/staff/carers/{id}/invitation`: a new link, which cancels any earlier one.
pub async fn invite(id: &str) -> Result<Invited, ApiError> {
    request("POST", &carer_path(id, "/invitation")?, None).await
}

/// `POST /api/invitation`: who an invitation link is for.
pub async fn invitation(token: &str) -> Result<InvitationDetails, ApiError> {
    let body = serde_json::to_string(&InvitationToken {
        token: token.to_owned(),
    })
    .map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/invitation", Some(body)).await
}

/// `POST /api/invitation/accept`: sets the password; the server signs the carer in.
pub async fn accept_invitation(token: &str, password: &str) -> Result<User, ApiError> {
    let body = serde_json::to_string(&AcceptInvitation {
        token: token.to_owned(),
        password: password.to_owned(),
    })
    .map_err(|_| ApiError::Unexpected)?;
    request("POST", "/api/invitation/accept", Some(body)).await
}

async fn request<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let text = send(method, path, body).await?;
    serde_json::from_str(&text).map_err(|_| ApiError::Unexpected)
}

/// Sends a request and returns the body of a successful answer.
async fn send(method: &str, path: &str, body: Option<String>) -> Result<String, ApiError> {
    let body = body.map(|text| ("application/json", JsValue::from_str(&text)));
    exchange(method, path, body, async |response| {
        JsFuture::from(response.text().map_err(|_| ApiError::Unreachable)?)
            .await
            .map_err(|_| ApiError::Unreachable)?
            .as_string()
            .ok_or(ApiError::Unexpected)
    })
    .await
}

/// Sends a request with `body` (its media type and content) and reads a successful answer
/// with `read`; an unsuccessful one becomes the error it describes. The whole exchange, the
/// answer's body included, is abandoned after [`TIMEOUT_MS`].
async fn exchange<T>(
    method: &str,
    path: &str,
    body: Option<(&str, JsValue)>,
    read: impl AsyncFnOnce(web_sys::Response) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Unreachable)?;
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    // Data must come from the server, never from the browser's HTTP cache.
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Unexpected)?;
    if method != "GET" {
        headers
            .set(REQUEST_HEADER, "1")
            .map_err(|_| ApiError::Unexpected)?;
    }
    if let Some((kind, body)) = &body {
        headers
            .set("content-type", kind)
            .map_err(|_| ApiError::Unexpected)?;
        init.set_body(body);
    }
    init.set_headers(&headers);
    let abort = wasm_bindgen::closure::Closure::once(move || controller.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .map_err(|_| ApiError::Unreachable)?;
    let answered = async {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(path, &init))
                .await
                .and_then(JsValue::dyn_into)
                .map_err(|_| ApiError::Unreachable)?;
        let status = response.status();
        if (200..300).contains(&status) {
            return read(response).await;
        }
        let text = JsFuture::from(response.text().map_err(|_| ApiError::Unreachable)?)
            .await
            .map_err(|_| ApiError::Unreachable)?
            .as_string()
            .unwrap_or_default();
        Err(error_of(status, &text))
    }
    .await;
    window.clear_timeout_with_handle(timer);
    answered
}

/// The error an unsuccessful answer describes.
fn error_of(status: u16, text: &str) -> ApiError {
    match serde_json::from_str::<ApiErrorBody>(text) {
        Ok(body) if body.error == "sign_in_required" => ApiError::SignInRequired,
        Ok(body) => ApiError::Server {
            status,
            code: body.error,
            message: body.message,
        },
        Err(_) => ApiError::Server {
            status,
            code: "unknown".into(),
            message: format!(
                "The fostering service answered with an error ({status}). Try again later."
            ),
        },
    }
}

/// `PUT /api/photos/{id}`: a photo the carer chose, as the picture's bytes, sent before the
/// change that names it.
pub async fn put_photo(id: &str, image: &web_sys::Blob) -> Result<(), ApiError> {
    let path = photo_path(id)?;
    exchange(
        "PUT",
        &path,
        Some(("application/octet-stream", image.into())),
        async |_| Ok(()),
    )
    .await
}

/// `GET /api/photos/{id}`: a photo's picture.
pub async fn photo(id: &str) -> Result<web_sys::Blob, ApiError> {
    let path = photo_path(id)?;
    exchange("GET", &path, None, async |response| {
        JsFuture::from(response.blob().map_err(|_| ApiError::Unreachable)?)
            .await
            .map_err(|_| ApiError::Unreachable)?
            .dyn_into()
            .map_err(|_| ApiError::Unexpected)
    })
    .await
}

/// Where a photo is read and sent: the address of `id`, which must be one a photo can have.
pub fn photo_path(id: &str) -> Result<String, ApiError> {
    let missing = ApiError::Server {
        status: 404,
        code: "no_such_photo".into(),
        message: "That photo does not exist.".into(),
    };
    item_path("/api/photos", id, "", missing)
}
