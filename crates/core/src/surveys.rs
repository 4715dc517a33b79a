//! Health-check surveys: questions (kept by id, so a question asked again in the next wave can
//! be compared), the answers a carer can give, and the results the service reads: for each
//! question the number of responses, the full distribution, the share who agree and who
//! disagree, and the change since the last wave; breakdowns by carer type or area only where
//! a group has at least [`MIN_GROUP`] responses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::household::CarerType;
use crate::text::csv_table;

mod wave;

pub use wave::{
    Audience, BATCH, EXIT_WINDOWS, FEWEST_OPTIONS, HOME_NOTE_ID, Invite, MOST_INTRO, MOST_NOTE,
    MOST_OPTIONS, MOST_QUESTION, MOST_QUESTIONS, MOST_TEXT_ANSWER, MOST_TITLE, NOTE_SPLIT,
    NoteForm, QUESTION_KINDS, QuestionForm, StaffSurveys, StaffWave, Standing, SurveyChange,
    SurveyNote, SurveyState, Wave, WaveField, WaveForm, WaveState, add_to_pool, answered_id, asks,
    can_run_surveys, check_anonymity_kept, check_answers,
};

/// The five points of an agree/disagree question, and "don't know".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    StronglyAgree,
    Agree,
    Neither,
    Disagree,
    StronglyDisagree,
    DontKnow,
}

impl Agreement {
    pub const ALL: [Self; 6] = [
        Self::StronglyAgree,
        Self::Agree,
        Self::Neither,
        Self::Disagree,
        Self::StronglyDisagree,
        Self::DontKnow,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Self::StronglyAgree => "Strongly agree",
            Self::Agree => "Agree",
            Self::Neither => "Neither agree nor disagree",
            Self::Disagree => "Disagree",
            Self::StronglyDisagree => "Strongly disagree",
            Self::DontKnow => "Don't know",
        }
    }

    const fn index(self) -> usize {
        match self {
            Self::StronglyAgree => 0,
            Self::Agree => 1,
            Self::Neither => 2,
            Self::Disagree => 3,
            Self::StronglyDisagree => 4,
            Self::DontKnow => 5,
        }
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Agreement,
    Single {
        options: Vec<String>,
    },
    Multiple {
        options: Vec<String>,
    },
    /// "How likely are you to recommend ...", from 0 to 10.
    Recommend,
    FreeText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Agreement(Agreement),
    Single(String),
    Multiple(Vec<String>),
    Recommend(u8),
    Text(String),
}

/// A response to a wave: the answers by question id, and the groups it counts in for
/// breakdowns. In an anonymous wave it holds nothing that names the carer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub answers: BTreeMap<String, Answer>,
    pub carer_type: Option<CarerType>,
    pub area: Option<String>,
    /// Who answered, in a wave that is not anonymous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// The fewest responses a group may have for its results to be shown.
pub const MIN_GROUP: usize = 5;

/// `count` of `total` as a whole percentage, a half rounding up; 0 of 0 is 0.
pub fn percent(count: usize, total: usize) -> u8 {
    if total == 0 {
        return 0;
    }
    u8::try_from((count * 200 + total) / (total * 2)).unwrap_or(100)
}

/// How the answers to one question fell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Counts in the order of [`Agreement::ALL`].
    Agreement([usize; 6]),
    /// Each option with how many chose it.
    Choices(Vec<(String, usize)>),
    /// Counts for 0 to 10.
    Recommend([usize; 11]),
    /// The free-text answers, in no particular order.
    Text(Vec<String>),
}

impl Distribution {
    /// Each answer with how many gave it, in the question's order, for a chart or a table;
    /// `None` for written answers, which are listed rather than counted.
    pub fn rows(&self) -> Option<Vec<(String, usize)>> {
        match self {
            Self::Agreement(counts) => Some(
                Agreement::ALL
                    .iter()
                    .map(|a| (a.label().to_owned(), counts[a.index()]))
                    .collect(),
            ),
            Self::Recommend(counts) => Some(
                counts
                    .iter()
                    .enumerate()
                    .map(|(n, c)| (n.to_string(), *c))
                    .collect(),
            ),
            Self::Choices(counts) => Some(counts.clone()),
            Self::Text(_) => None,
        }
    }
}

/// The results of one question in one wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question: String,
    /// How many answered it.
    pub responses: usize,
    pub distribution: Distribution,
    /// The share who agree (strongly or not), or who would recommend (9 or 10).
    pub agree: Option<u8>,
    /// The share who disagree (strongly or not), or who would not recommend (0 to 6).
    pub disagree: Option<u8>,
    /// The change in `agree` since the last wave, in percentage points.
    pub change: Option<i16>,
}

/// The results of `question` over `responses`.
pub fn result(question: &Question, responses: &[Response]) -> QuestionResult {
    let answers: Vec<&Answer> = responses
        .iter()
        .filter_map(|r| r.answers.get(&question.id))
        .collect();
    let total = answers.len();
    let (distribution, agree, disagree) = match &question.kind {
        QuestionKind::Agreement => {
            let mut counts = [0; 6];
            for answer in &answers {
                if let Answer::Agreement(a) = answer {
                    counts[a.index()] += 1;
                }
            }
            let agree = percent(counts[0] + counts[1], total);
            let disagree = percent(counts[3] + counts[4], total);
            (Distribution::Agreement(counts), Some(agree), Some(disagree))
        }
        QuestionKind::Recommend => {
            let mut counts = [0; 11];
            for answer in &answers {
                if let Answer::Recommend(score) = answer {
                    counts[usize::from((*score).min(10))] += 1;
                }
            }
            let promoters = counts[9] + counts[10];
            let detractors: usize = counts[..7].iter().sum();
            (
                Distribution::Recommend(counts),
                Some(percent(promoters, total)),
                Some(percent(detractors, total)),
            )
        }
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            let chose = |option: &String| {
                answers
                    .iter()
                    .filter(|a| match a {
                        Answer::Single(chosen) => chosen == option,
                        Answer::Multiple(chosen) => chosen.contains(option),
                        _ => false,
                    })
                    .count()
            };
            let counts = options.iter().map(|o| (o.clone(), chose(o))).collect();
            (Distribution::Choices(counts), None, None)
        }
        QuestionKind::FreeText => {
            let mut texts: Vec<String> = responses
                .iter()
                .filter_map(|r| match (r.answers.get(&question.id), &r.by) {
                    (Some(Answer::Text(text)), by) if !text.trim().is_empty() => {
                        Some(by.as_ref().map_or_else(
                            || text.trim().to_owned(),
                            |by| format!("{} ({by})", text.trim()),
                        ))
                    }
                    _ => None,
                })
                .collect();
            // Sorted, so the order they arrived in tells nothing.
            texts.sort();
            (Distribution::Text(texts), None, None)
        }
    };
    QuestionResult {
        question: question.id.clone(),
        responses: total,
        distribution,
        agree,
        disagree,
        change: None,
    }
}

impl QuestionResult {
    /// The headline figures in words: "Agree: 63%. Disagree: 20%." (for "would you
    /// recommend", the shares who would and would not); `None` for other questions.
    pub fn shares_words(&self, kind: &QuestionKind) -> Option<String> {
        let (agree, disagree) = (self.agree?, self.disagree?);
        Some(if *kind == QuestionKind::Recommend {
            format!("Would recommend (9 or 10): {agree}%. Would not (0 to 6): {disagree}%.")
        } else {
            format!("Agree: {agree}%. Disagree: {disagree}%.")
        })
    }

    /// The change since the last wave in words: "Up 5 points since the summer health check".
    pub fn change_words(&self, previous: &str) -> Option<String> {
        let change = self.change?;
        let since = format!("since the {}", previous.to_lowercase());
        Some(match change {
            0 => format!("No change {since}"),
            1 => format!("Up 1 point {since}"),
            -1 => format!("Down 1 point {since}"),
            up if up > 0 => format!("Up {up} points {since}"),
            down => format!("Down {} points {since}", -down),
        })
    }
}

/// Every question's results, with the change since `previous` (the last wave's responses)
/// for questions asked in both.
pub fn results(
    questions: &[Question],
    responses: &[Response],
    previous: &[Response],
) -> Vec<QuestionResult> {
    questions
        .iter()
        .map(|question| {
            let mut now = result(question, responses);
            let before = result(question, previous);
            if before.responses > 0
                && let (Some(was), Some(is)) = (before.agree, now.agree)
            {
                now.change = Some(i16::from(is) - i16::from(was));
            }
            now
        })
        .collect()
}

/// What a breakdown groups responses by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    CarerType,
    Area,
}

impl GroupBy {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "carer_type" => Some(Self::CarerType),
            "area" => Some(Self::Area),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CarerType => "carer_type",
            Self::Area => "area",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::CarerType => "Type of fostering",
            Self::Area => "Area",
        }
    }
}

/// One group's results, or why they are hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupResult {
    Shown {
        group: String,
        result: QuestionResult,
    },
    Hidden {
        group: String,
        reason: String,
    },
}

/// The results of `question` for each group, hiding any group with fewer than
/// [`MIN_GROUP`] responses to it. Free-text answers are never broken down: words can name
/// their writer in a small group.
pub fn breakdown(question: &Question, responses: &[Response], by: GroupBy) -> Vec<GroupResult> {
    let mut groups: BTreeMap<String, Vec<Response>> = BTreeMap::new();
    for response in responses
        .iter()
        .filter(|r| r.answers.contains_key(&question.id))
    {
        let group = match by {
            GroupBy::CarerType => response.carer_type.map(|t| t.label().to_owned()),
            GroupBy::Area => response.area.clone(),
        };
        groups
            .entry(group.unwrap_or_else(|| "Not known".to_owned()))
            .or_default()
            .push(response.clone());
    }
    groups
        .into_iter()
        .map(|(group, members)| {
            if question.kind == QuestionKind::FreeText {
                GroupResult::Hidden {
                    group,
                    reason: "Written answers are not broken down, so that nobody can be recognised by their words.".to_owned(),
                }
            } else if members.len() < MIN_GROUP {
                GroupResult::Hidden {
                    group,
                    reason: format!(
                        "Hidden: fewer than {MIN_GROUP} responses, so answers could identify someone."
                    ),
                }
            } else {
                GroupResult::Shown {
                    group,
                    result: result(question, &members),
                }
            }
        })
        .collect()
}

/// What staff see of a wave: how many answered, and, once at least [`MIN_GROUP`] have, each
/// question's results (and, when asked for, each group's). Never the responses themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveResults {
    pub wave: StaffWave,
    /// The title of the wave the changes are measured from.
    pub previous_title: Option<String>,
    /// `None` while fewer than [`MIN_GROUP`] carers have answered: with so few, each answer
    /// could be told apart.
    pub results: Option<Vec<QuestionResult>>,
    /// Each question's groups, in the order of the questions, when a breakdown is asked for.
    pub breakdown: Option<(GroupBy, Vec<Vec<GroupResult>>)>,
}

impl WaveResults {
    /// The results of `wave` over its pool, compared with the previous wave's pool.
    pub fn of(
        wave: StaffWave,
        pool: &[Response],
        previous: Option<(&Wave, &[Response])>,
        by: Option<GroupBy>,
    ) -> Self {
        let enough = pool.len() >= MIN_GROUP;
        let results = enough.then(|| {
            results(
                &wave.wave.questions,
                pool,
                previous.map_or(&[][..], |(_, responses)| responses),
            )
        });
        let breakdown = by.filter(|_| enough).map(|by| {
            let groups = wave
                .wave
                .questions
                .iter()
                .map(|q| breakdown(q, pool, by))
                .collect();
            (by, groups)
        });
        Self {
            previous_title: previous.map(|(w, _)| w.title.clone()),
            wave,
            results,
            breakdown,
        }
    }
}

/// The aggregates as a spreadsheet: one row per question and answer, never a free-text
/// answer. Question text is made safe against spreadsheet formulas.
pub fn results_csv(questions: &[Question], results: &[QuestionResult]) -> String {
    let mut lines = Vec::new();
    for (question, result) in questions.iter().zip(results) {
        let rows = match &result.distribution {
            Distribution::Text(texts) => vec![("Written answers".to_owned(), texts.len())],
            counted => counted.rows().unwrap_or_default(),
        };
        for (answer, count) in rows {
            lines.push([
                question.text.clone(),
                answer,
                count.to_string(),
                percent(count, result.responses).to_string(),
                result.responses.to_string(),
            ]);
        }
    }
    csv_table(
        &["Question", "Answer", "Count", "Percent", "Responses"],
        lines,
    )
}

#[cfg(test)]
mod tests;
