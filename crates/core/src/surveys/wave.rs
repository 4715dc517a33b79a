//! A survey wave: its questions, when it is open, who it is for and whether it is anonymous;
//! the form staff build one with; and the answer a carer sends.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Answer, Question, QuestionKind, Response};
use crate::account::Role;
use crate::carers::HouseholdStatus;
use crate::date::CalendarDate;
use crate::household::CarerType;
use crate::sync::{Mutator, Rejection};

/// Who a wave asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Everyone,
    CarerType(CarerType),
    Area(String),
    /// Households that stopped fostering in the last so many months: the exit interview.
    LeftWithin(u8),
}

/// The exit interview's windows staff choose from, in months.
pub const EXIT_WINDOWS: [u8; 2] = [6, 12];

/// Where a household stands, which decides the surveys that ask it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub carer_type: CarerType,
    pub area: Option<String>,
    pub status: HouseholdStatus,
    /// When it stopped fostering, if it has.
    pub ended_on: Option<CalendarDate>,
}

impl Audience {
    /// The audiences of households still fostering, as a form offers them: everyone, each
    /// kind of fostering, then each of `areas`.
    pub fn fostering(areas: &[String]) -> Vec<Self> {
        std::iter::once(Self::Everyone)
            .chain(CarerType::ALL.into_iter().map(Self::CarerType))
            .chain(areas.iter().cloned().map(Self::Area))
            .collect()
    }

    /// The audience as one word for a list or a line: `everyone`, `type:{code}` or
    /// `area:{name}`.
    pub fn code(&self) -> String {
        match self {
            Self::Everyone => "everyone".to_owned(),
            Self::CarerType(t) => format!("type:{}", t.as_str()),
            Self::Area(area) => format!("area:{area}"),
            Self::LeftWithin(months) => format!("left:{months}"),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        if code == "everyone" {
            Some(Self::Everyone)
        } else if let Some(t) = code.strip_prefix("type:") {
            CarerType::parse(t).map(Self::CarerType)
        } else if let Some(months) = code.strip_prefix("left:") {
            months
                .parse()
                .ok()
                .filter(|m| EXIT_WINDOWS.contains(m))
                .map(Self::LeftWithin)
        } else {
            code.strip_prefix("area:")
                .filter(|a| !a.trim().is_empty())
                .map(|a| Self::Area(a.trim().to_owned()))
        }
    }

    /// Whether a household standing as `standing` is asked on `today`: approved households
    /// of the audience's type or area, or, for the exit interview, households that stopped
    /// fostering inside its window (and only while it lasts).
    pub fn asks(&self, standing: &Standing, today: CalendarDate) -> bool {
        let approved = standing.status == HouseholdStatus::Approved;
        let area = standing.area.as_deref();
        match self {
            Self::Everyone => approved,
            Self::CarerType(wanted) => approved && *wanted == standing.carer_type,
            Self::Area(wanted) => {
                approved && area.is_some_and(|area| area.eq_ignore_ascii_case(wanted))
            }
            Self::LeftWithin(months) => {
                standing.status == HouseholdStatus::Ended
                    && standing
                        .ended_on
                        .is_some_and(|ended| ended >= today.add_months(-i32::from(*months)))
            }
        }
    }

    /// Whether a household standing as `standing` is asked at some time while the wave is
    /// open, for the response rate: an exit interview asks every household whose window meets
    /// the wave's days.
    pub fn asks_during(
        &self,
        standing: &Standing,
        (opens, closes): (CalendarDate, CalendarDate),
    ) -> bool {
        match self {
            Self::LeftWithin(_) => {
                standing.ended_on.is_some_and(|ended| ended <= closes)
                    && self.asks(standing, opens.max(standing.ended_on.unwrap_or(opens)))
            }
            _ => self.asks(standing, closes),
        }
    }

    /// Who it asks, in words: "All carers", "Short breaks carers", "Carers in Northby".
    pub fn words(&self) -> String {
        match self {
            Self::Everyone => "All carers".to_owned(),
            Self::CarerType(carer_type) => format!("{} carers", carer_type.label()),
            Self::Area(area) => format!("Carers in {area}"),
            Self::LeftWithin(months) => {
                format!("Households that stopped fostering in the last {months} months")
            }
        }
    }
}

/// Where a wave is in its life, by the server's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveState {
    Scheduled,
    Open,
    Closed,
}

impl WaveState {
    pub const fn label(self) -> &'static str {
        match self {
            Self::Scheduled => "Not open yet",
            Self::Open => "Open",
            Self::Closed => "Closed",
        }
    }
}

/// One round of a survey, such as the winter health check. Carers see it (the `surveys`
/// service record) while it is open, if they are in its audience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wave {
    pub id: String,
    pub title: String,
    /// What it is for, shown before the first question.
    pub intro: String,
    pub questions: Vec<Question>,
    pub opens: CalendarDate,
    pub closes: CalendarDate,
    pub audience: Audience,
    pub anonymous: bool,
    /// The wave its results are compared with.
    pub previous: Option<String>,
    /// When staff last reminded the carers who have not answered.
    pub reminded_on: Option<CalendarDate>,
}

impl Wave {
    /// Whether each household chooses to answer named or anonymously: the exit interview,
    /// where some want to be heard by name and others would not speak at all if they were.
    /// `anonymous` is then the choice the page starts with.
    pub const fn respondent_chooses(&self) -> bool {
        matches!(self.audience, Audience::LeftWithin(_))
    }

    pub fn state(&self, today: CalendarDate) -> WaveState {
        if today < self.opens {
            WaveState::Scheduled
        } else if today > self.closes {
            WaveState::Closed
        } else {
            WaveState::Open
        }
    }

    /// "Open from 1 December 2026 to 14 January 2027".
    pub fn dates_words(&self) -> String {
        format!(
            "Open from {} to {}",
            self.opens.long_form(),
            self.closes.long_form()
        )
    }
}

/// An invitation to answer a wave, as the portal's home page reads it: one line,
/// `opens|closes|closes in words|reminded|wave|title`. Each carer's invitations are one
/// `survey_invites` record (its id is theirs), a line for each wave that asks them and that
/// they have not answered, newest last. The server decides who is asked; the home page only
/// compares today with the dates, as text (ISO dates sort as text). The home page is in the
/// portal's small first load, which has room to split a string but not to read another record
/// type (see `PaymentNotice`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub opens: String,
    pub closes: String,
    pub closes_words: String,
    pub reminded: bool,
    pub wave: String,
    pub title: String,
}

impl Invite {
    pub fn line(wave: &Wave) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            wave.opens,
            wave.closes,
            wave.closes.long_form(),
            u8::from(wave.reminded_on.is_some()),
            wave.id,
            wave.title.replace('\n', " ")
        )
    }

    /// The invitation a line describes; `None` for a line this version cannot read.
    pub fn parse(line: &str) -> Option<Self> {
        let mut parts = line.splitn(6, '|');
        let mut next = || parts.next().map(str::to_owned);
        Some(Self {
            opens: next()?,
            closes: next()?,
            closes_words: next()?,
            reminded: next()? == "1",
            wave: next()?,
            title: next()?,
        })
    }

    /// The invitation open on `today` (an ISO date, `2026-11-23`) that closes soonest, from a
    /// carer's record.
    pub fn soonest(record: &str, today: &str) -> Option<Self> {
        record
            .lines()
            .filter_map(Self::parse)
            .filter(|i| i.opens.as_str() <= today && today <= i.closes.as_str())
            .min_by(|a, b| a.closes.cmp(&b.closes))
    }

    /// A carer's record without the invitation to `wave`; `None` when none is left.
    pub fn without(record: &str, wave: &str) -> Option<String> {
        let kept: Vec<&str> = record
            .lines()
            .filter(|line| Self::parse(line).is_none_or(|i| i.wave != wave))
            .collect();
        (!kept.is_empty()).then(|| kept.join("\n"))
    }
}

/// A "You said, we did" note as the home page reads it (the `survey_home_note` service
/// record): what carers said and what the service did, split by [`NOTE_SPLIT`].
pub const NOTE_SPLIT: char = '\u{1f}';
pub const HOME_NOTE_ID: &str = "latest";

/// Whether a household standing as `standing` is being asked a wave open from `opens` to
/// `closes`, on `today` (the device's date: it only decides what to show).
pub fn asks(
    audience: &Audience,
    (opens, closes): (CalendarDate, CalendarDate),
    standing: &Standing,
    today: CalendarDate,
) -> bool {
    opens <= today && today <= closes && audience.asks(standing, today)
}

/// The fewest and most options a choice question may have.
pub const FEWEST_OPTIONS: usize = 2;
pub const MOST_OPTIONS: usize = 12;
/// The most a question's wording, a wave's title and its introduction may hold.
pub const MOST_QUESTION: usize = 300;
pub const MOST_TITLE: usize = 120;
pub const MOST_INTRO: usize = 1500;
/// The most a written answer may hold.
pub const MOST_TEXT_ANSWER: usize = 3000;
pub const MOST_QUESTIONS: usize = 40;

/// A question as staff write it. `id` is kept when the question is reused from an earlier
/// wave, so that its results can be compared; a new question has none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    /// `agreement`, `single`, `multiple`, `recommend` or `free_text`.
    pub kind: String,
    /// A choice question's options, one per line.
    #[serde(default)]
    pub options: String,
}

/// The kinds of question, as the builder offers them.
pub const QUESTION_KINDS: [(&str, &str); 5] = [
    (
        "agreement",
        "Agree or disagree (five points and \"don't know\")",
    ),
    ("single", "Choose one option"),
    ("multiple", "Choose any number of options"),
    ("recommend", "How likely to recommend, 0 to 10"),
    ("free_text", "Written answer"),
];

impl QuestionForm {
    /// The form for an existing question, to reuse or edit.
    pub fn of(question: &Question) -> Self {
        let (kind, options) = match &question.kind {
            QuestionKind::Agreement => ("agreement", String::new()),
            QuestionKind::Single { options } => ("single", options.join("\n")),
            QuestionKind::Multiple { options } => ("multiple", options.join("\n")),
            QuestionKind::Recommend => ("recommend", String::new()),
            QuestionKind::FreeText => ("free_text", String::new()),
        };
        Self {
            id: Some(question.id.clone()),
            text: question.text.clone(),
            kind: kind.to_owned(),
            options,
        }
    }

    fn parse(&self, number: usize, new_id: String) -> Result<Question, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err(format!("Enter the wording of question {number}"));
        }
        if text.chars().count() > MOST_QUESTION {
            return Err(format!(
                "Question {number} must be {MOST_QUESTION} characters or fewer"
            ));
        }
        let options = || -> Result<Vec<String>, String> {
            let mut seen = BTreeSet::new();
            let options: Vec<String> = self
                .options
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect();
            if options.len() < FEWEST_OPTIONS || options.len() > MOST_OPTIONS {
                return Err(format!(
                    "Question {number} needs between {FEWEST_OPTIONS} and {MOST_OPTIONS} options, one on each line"
                ));
            }
            if let Some(twice) = options.iter().find(|o| !seen.insert(o.to_lowercase())) {
                return Err(format!("Question {number} has \"{twice}\" twice"));
            }
            Ok(options)
        };
        let kind = match self.kind.as_str() {
            "agreement" => QuestionKind::Agreement,
            "single" => QuestionKind::Single {
                options: options()?,
            },
            "multiple" => QuestionKind::Multiple {
                options: options()?,
            },
            "recommend" => QuestionKind::Recommend,
            "free_text" => QuestionKind::FreeText,
            _ => {
                return Err(format!(
                    "Choose what kind of answer question {number} takes"
                ));
            }
        };
        Ok(Question {
            id: self
                .id
                .clone()
                .filter(|id| !id.is_empty())
                .unwrap_or(new_id),
            text: text.to_owned(),
            kind,
        })
    }
}

/// A wave as staff fill it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveForm {
    pub title: String,
    pub intro: String,
    pub opens: String,
    pub closes: String,
    /// `everyone`, `type:{carer type}` or `area:{area}` (see [`Audience::code`]).
    pub audience: String,
    pub anonymous: bool,
    /// The earlier wave to compare results with.
    #[serde(default)]
    pub previous: String,
    pub questions: Vec<QuestionForm>,
}

/// A field of the wave form that can be wrong, for the error summary's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveField {
    Title,
    Intro,
    Opens,
    Closes,
    Audience,
    Questions,
}

impl WaveField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "wave-title",
            Self::Intro => "wave-intro",
            Self::Opens => "wave-opens",
            Self::Closes => "wave-closes",
            Self::Audience => "wave-audience",
            Self::Questions => "wave-questions",
        }
    }
}

impl WaveForm {
    /// The form for an existing wave, to edit it.
    pub fn of(wave: &Wave) -> Self {
        Self {
            title: wave.title.clone(),
            intro: wave.intro.clone(),
            opens: wave.opens.to_string(),
            closes: wave.closes.to_string(),
            audience: wave.audience.code(),
            anonymous: wave.anonymous,
            previous: wave.previous.clone().unwrap_or_default(),
            questions: wave.questions.iter().map(QuestionForm::of).collect(),
        }
    }

    /// The wave this form describes, with the id `id`; new questions are numbered under it.
    /// `today` is the server's date: a wave cannot close before it.
    pub fn parse(&self, id: &str, today: CalendarDate) -> Result<Wave, Vec<(WaveField, String)>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push((WaveField::Title, "Enter a title".to_owned()));
        } else if title.chars().count() > MOST_TITLE {
            problems.push((
                WaveField::Title,
                format!("The title must be {MOST_TITLE} characters or fewer"),
            ));
        }
        if self.intro.trim().chars().count() > MOST_INTRO {
            problems.push((
                WaveField::Intro,
                format!("The introduction must be {MOST_INTRO} characters or fewer"),
            ));
        }
        let opens = CalendarDate::parse(self.opens.trim());
        let closes = CalendarDate::parse(self.closes.trim());
        if opens.is_err() {
            problems.push((
                WaveField::Opens,
                "Enter the date the survey opens".to_owned(),
            ));
        }
        match (opens, closes) {
            (_, Err(_)) => problems.push((
                WaveField::Closes,
                "Enter the date the survey closes".to_owned(),
            )),
            (Ok(opens), Ok(closes)) if closes < opens => problems.push((
                WaveField::Closes,
                "The closing date must be on or after the opening date".to_owned(),
            )),
            (_, Ok(closes)) if closes < today => problems.push((
                WaveField::Closes,
                "The closing date must be today or later".to_owned(),
            )),
            _ => {}
        }
        let audience = Audience::from_code(self.audience.trim());
        if audience.is_none() {
            problems.push((
                WaveField::Audience,
                "Choose which carers the survey is for".to_owned(),
            ));
        }
        let questions = self.parse_questions(id, &mut problems);
        match (opens, closes, audience) {
            (Ok(opens), Ok(closes), Some(audience)) if problems.is_empty() => Ok(Wave {
                id: id.to_owned(),
                title: title.to_owned(),
                intro: self.intro.trim().to_owned(),
                questions,
                opens,
                closes,
                audience,
                anonymous: self.anonymous,
                previous: Some(self.previous.trim())
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
                reminded_on: None,
            }),
            _ => Err(problems),
        }
    }

    fn parse_questions(&self, id: &str, problems: &mut Vec<(WaveField, String)>) -> Vec<Question> {
        if self.questions.is_empty() {
            problems.push((WaveField::Questions, "Add at least one question".to_owned()));
        } else if self.questions.len() > MOST_QUESTIONS {
            problems.push((
                WaveField::Questions,
                format!("A survey can have at most {MOST_QUESTIONS} questions"),
            ));
        }
        let mut questions: Vec<Question> = Vec::new();
        for (index, form) in self.questions.iter().enumerate() {
            match form.parse(index + 1, format!("{id}-q{}", index + 1)) {
                Ok(question) if questions.iter().any(|q| q.id == question.id) => problems.push((
                    WaveField::Questions,
                    format!("Question {} is in the survey twice", index + 1),
                )),
                Ok(question) => questions.push(question),
                Err(problem) => problems.push((WaveField::Questions, problem)),
            }
        }
        questions
    }
}

/// Checks a carer's answers against the wave's questions. Questions may be left out; a
/// response with no answer at all is not a response.
pub fn check_answers(wave: &Wave, answers: &BTreeMap<String, Answer>) -> Result<(), String> {
    if answers.is_empty() {
        return Err("Answer at least one question before you send your answers".to_owned());
    }
    for (id, answer) in answers {
        let Some((number, question)) = wave.questions.iter().enumerate().find(|(_, q)| q.id == *id)
        else {
            return Err(
                "The survey has changed since you started it. Please start again".to_owned(),
            );
        };
        let number = number + 1;
        let fits = match (&question.kind, answer) {
            (QuestionKind::Agreement, Answer::Agreement(_)) => true,
            (QuestionKind::Recommend, Answer::Recommend(score)) => *score <= 10,
            (QuestionKind::Single { options }, Answer::Single(chosen)) => options.contains(chosen),
            (QuestionKind::Multiple { options }, Answer::Multiple(chosen)) => {
                chosen.iter().all(|c| options.contains(c))
            }
            (QuestionKind::FreeText, Answer::Text(text)) => {
                if text.chars().count() > MOST_TEXT_ANSWER {
                    return Err(format!(
                        "Your answer to question {number} must be {MOST_TEXT_ANSWER} characters or fewer"
                    ));
                }
                true
            }
            _ => false,
        };
        if !fits {
            return Err(format!(
                "Your answer to question {number} is not one of its choices. Please answer it again"
            ));
        }
    }
    Ok(())
}

/// What a carer's device sends: their answers to a wave. Nothing in it names the carer; the
/// server knows who sent it only while the push is being applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyChange {
    Respond {
        wave: String,
        answers: BTreeMap<String, Answer>,
        /// Whether the carer was told the survey is anonymous when they answered. A response
        /// is refused if the survey says otherwise by the time it arrives. Responses queued by
        /// versions that did not send it have none, and are taken as the survey stands.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        anonymous: Option<bool>,
    },
}

impl SurveyChange {
    pub fn wave(&self) -> &str {
        match self {
            Self::Respond { wave, .. } => wave,
        }
    }

    /// The change with its answers taken out, to keep on record if it is refused: a refusal is
    /// stored against the person who sent it, and their answers must never be.
    #[must_use]
    pub fn without_answers(&self) -> Self {
        match self {
            Self::Respond {
                wave, anonymous, ..
            } => Self::Respond {
                wave: wave.clone(),
                answers: BTreeMap::new(),
                anonymous: *anonymous,
            },
        }
    }
}

/// What a response is checked against on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyState {
    pub wave: Option<Wave>,
    pub today: CalendarDate,
    /// Whether this carer has already answered this wave.
    pub answered: bool,
    /// Where the household stands: surveys ask approved households (and the exit interview
    /// those that left), so answers from one on hold or being assessed are not counted (nor
    /// can rates pass 100%).
    pub standing: Standing,
    /// The carer's name, kept with their answers only when the wave is not anonymous.
    pub name: String,
    /// The response to add, once the change is applied.
    pub response: Option<Response>,
}

impl Mutator<SurveyState> for SurveyChange {
    fn apply(&self, state: &mut SurveyState) -> Result<(), Rejection> {
        let Self::Respond {
            answers, anonymous, ..
        } = self;
        let Some(wave) = &state.wave else {
            return Err(Rejection::new(
                "no_such_survey",
                "That survey no longer exists, so your answers could not be sent.",
            ));
        };
        let approved = state.standing.status == HouseholdStatus::Approved;
        if !approved && !matches!(wave.audience, Audience::LeftWithin(_)) {
            return Err(Rejection::new(
                "not_asked",
                format!(
                    "The survey \"{}\" asks approved households, and yours is not approved just now, so your answers were not counted.",
                    wave.title
                ),
            ));
        }
        if !wave.audience.asks(&state.standing, state.today) {
            return Err(Rejection::new(
                "not_asked",
                format!(
                    "The survey \"{}\" is for {}.",
                    wave.title,
                    wave.audience.words().to_lowercase()
                ),
            ));
        }
        match wave.state(state.today) {
            WaveState::Scheduled => {
                return Err(Rejection::new(
                    "not_open",
                    format!(
                        "The survey \"{}\" opens on {}.",
                        wave.title,
                        wave.opens.long_form()
                    ),
                ));
            }
            WaveState::Closed => {
                return Err(Rejection::new(
                    "closed",
                    format!(
                        "The survey \"{}\" closed on {} before your answers arrived, so they could not be counted.",
                        wave.title,
                        wave.closes.long_form()
                    ),
                ));
            }
            WaveState::Open => {}
        }
        // One response per carer per wave: answers sent again, from this device or another,
        // change nothing.
        if state.answered {
            return Ok(());
        }
        // In the exit interview the household chose; elsewhere the survey decides, and the
        // answers are refused if it changed after the page told the carer otherwise.
        let chosen = match *anonymous {
            Some(choice) if wave.respondent_chooses() => choice,
            _ => wave.anonymous,
        };
        if let Some(promised) = *anonymous
            && promised != chosen
        {
            return Err(Rejection::new(
                "anonymity_changed",
                format!(
                    "The survey \"{}\" is {} now, not {} as it said when you answered, so your answers were not sent. Answer it again if you still want to.",
                    wave.title,
                    anonymity_word(wave.anonymous),
                    anonymity_word(promised),
                ),
            ));
        }
        check_answers(wave, answers)
            .map_err(|problem| Rejection::new("invalid", format!("{problem}.")))?;
        state.response = Some(Response {
            answers: answers.clone(),
            carer_type: Some(state.standing.carer_type),
            area: state.standing.area.clone(),
            by: (!chosen).then(|| state.name.clone()),
        });
        state.answered = true;
        Ok(())
    }
}

const fn anonymity_word(anonymous: bool) -> &'static str {
    if anonymous { "anonymous" } else { "named" }
}

/// Whether a change from `before` to `after` keeps what carers were told about their names:
/// once a survey has opened, carers may have answered it (offline, too) under "This survey is
/// anonymous" or "Your name is kept with your answers", so that can no longer change.
pub fn check_anonymity_kept(
    before: &Wave,
    after: &Wave,
    today: CalendarDate,
) -> Result<(), String> {
    if before.anonymous == after.anonymous || before.state(today) == WaveState::Scheduled {
        return Ok(());
    }
    Err(format!(
        "This survey opened on {} as {}, and carers may have answered it so, offline too. Whether it is anonymous can no longer change: make a new survey instead",
        before.opens.long_form(),
        anonymity_word(before.anonymous),
    ))
}

/// Adds a response to a wave's pool, kept sorted by content: the pool's order then depends on
/// what was answered, never on when, so it cannot be lined up with the order carers answered.
pub fn add_to_pool(pool: &mut Vec<Response>, response: Response) {
    pool.push(response);
    pool.sort_by_cached_key(|r| serde_json::to_string(r).unwrap_or_default());
}

/// The record a household's devices get when one of its carers has answered a wave: its id is
/// the wave and the carer, and it holds nothing else.
pub fn answered_id(wave: &str, user: &str) -> String {
    format!("{wave}.{user}")
}

/// "You said, we did": what the service changed after a wave, on carers' home pages (the
/// `survey_notes` service records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyNote {
    pub wave: String,
    pub wave_title: String,
    pub you_said: String,
    pub we_did: String,
    pub published_on: CalendarDate,
}

pub const MOST_NOTE: usize = 1000;

/// `POST /api/staff/surveys/{wave}/notes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteForm {
    pub you_said: String,
    pub we_did: String,
}

impl SurveyNote {
    /// The note as the home page reads it (see [`NOTE_SPLIT`]).
    pub fn home_line(&self) -> String {
        format!("{}{NOTE_SPLIT}{}", self.you_said, self.we_did)
    }
}

impl NoteForm {
    pub fn parse(
        &self,
        wave: &Wave,
        today: CalendarDate,
    ) -> Result<SurveyNote, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        for (id, text, what) in [
            ("note-you-said", &self.you_said, "what carers said"),
            ("note-we-did", &self.we_did, "what the service did"),
        ] {
            let length = text.trim().chars().count();
            if length == 0 {
                problems.push((id, format!("Enter {what}")));
            } else if length > MOST_NOTE {
                problems.push((
                    id,
                    format!("Keep {what} to {MOST_NOTE} characters or fewer"),
                ));
            }
        }
        if problems.is_empty() {
            let clean = |text: &str| text.trim().replace(NOTE_SPLIT, " ");
            Ok(SurveyNote {
                wave: wave.id.clone(),
                wave_title: wave.title.clone(),
                you_said: clean(&self.you_said),
                we_did: clean(&self.we_did),
                published_on: today,
            })
        } else {
            Err(problems)
        }
    }
}

/// Who builds surveys, reads their results and publishes what changed: administrators and
/// supervising social workers. Finance has no part in them.
pub const fn can_run_surveys(role: Role) -> bool {
    matches!(role, Role::Administrator | Role::SupervisingSocialWorker)
}

/// `GET /api/staff/surveys`: every wave, the areas an audience can be, and every note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurveys {
    pub waves: Vec<StaffWave>,
    pub areas: Vec<String>,
    pub notes: Vec<SurveyNote>,
}

/// A wave as the staff list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWave {
    pub wave: Wave,
    /// How many carers have answered.
    pub answered: usize,
    /// How many carers it asks.
    pub asked: usize,
    /// How many anonymous answers are waiting to join the results (they join a few at a time,
    /// so that none can be traced to the carer who gave it).
    #[serde(default)]
    pub waiting: usize,
}

/// Anonymous answers join a survey's results this many at a time, or all together at its close:
/// two copies of the database taken either side of a join show this many new answers and this
/// many carers newly answered, and cannot tell which answer is whose.
pub const BATCH: usize = 5;

impl StaffWave {
    /// What staff are told of answers still waiting to join the results, if any are.
    pub fn waiting_words(&self) -> Option<String> {
        (self.waiting > 0).then(|| {
            let (count, verb) = if self.waiting == 1 {
                ("1 answer".to_owned(), "is")
            } else {
                (format!("{} answers", self.waiting), "are")
            };
            format!(
                "{count} {verb} waiting to join these results. Anonymous answers join {BATCH} at a time, or all together when the survey closes, so that no answer can be traced to the carer who gave it."
            )
        })
    }

    /// "12 of 40 carers (30%)".
    pub fn rate_words(&self) -> String {
        format!(
            "{} of {} carers ({}%)",
            self.answered,
            self.asked,
            super::percent(self.answered, self.asked)
        )
    }
}
