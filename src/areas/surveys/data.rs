//! The surveys open to the carer and the service's "You said, we did" notes, from the device,
//! with whether the carer has answered each (the server's record) or has answers waiting to
//! send (the device's queue).

use portal_core::date::CalendarDate;
use portal_core::household::HouseholdFacts;
use portal_core::mutation::survey_change;
use portal_core::surveys::{SurveyNote, Wave, answered_id, asks};
use portal_core::sync::wire::collection::{SURVEY_ANSWERED, SURVEY_NOTES, SURVEYS};

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// Where the carer stands with a wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    NotAnswered,
    /// Answers are kept on this device, waiting for a connection.
    Sending,
    Answered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaveShown {
    pub wave: Wave,
    pub progress: Progress,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveysData {
    /// The waves asking this carer now, closing soonest first.
    pub waves: Vec<WaveShown>,
    /// The service's notes, newest first.
    pub notes: Vec<SurveyNote>,
}

impl SurveysData {
    pub fn wave(&self, id: &str) -> Option<&WaveShown> {
        self.waves.iter().find(|w| w.wave.id == id)
    }
}

/// Reads the waves asking the carer `user_id` (whose household is `facts`) on `today`.
pub fn surveys_data<S: Store>(
    user: &UserStore<'_, S>,
    user_id: &str,
    facts: Option<&HouseholdFacts>,
    today: CalendarDate,
) -> Result<SurveysData, StorageError> {
    let sending: Vec<String> = waiting_changes(user, survey_change)?
        .into_iter()
        .map(|queued| queued.mutation.wave().to_owned())
        .collect();
    let mut waves = Vec::new();
    for wave in user.records::<Wave>(SURVEYS)?.0 {
        let asked = facts.is_some_and(|facts| {
            asks(
                &wave.audience,
                (wave.opens, wave.closes),
                &facts.standing(),
                today,
            )
        });
        if !asked {
            continue;
        }
        let progress = if user
            .record::<Option<String>>(SURVEY_ANSWERED, &answered_id(&wave.id, user_id))?
            .is_some()
        {
            Progress::Answered
        } else if sending.contains(&wave.id) {
            Progress::Sending
        } else {
            Progress::NotAnswered
        };
        waves.push(WaveShown { wave, progress });
    }
    waves.sort_by(|a, b| {
        a.wave
            .closes
            .cmp(&b.wave.closes)
            .then_with(|| a.wave.title.cmp(&b.wave.title))
    });
    let mut notes = user.records::<SurveyNote>(SURVEY_NOTES)?.0;
    notes.sort_by(|a, b| {
        b.published_on
            .cmp(&a.published_on)
            .then_with(|| a.wave_title.cmp(&b.wave_title))
    });
    Ok(SurveysData { waves, notes })
}

#[cfg(test)]
mod tests {
    use portal_core::carers::HouseholdStatus;
    use portal_core::household::CarerType;
    use portal_core::mutation::QueuedSurvey;
    use portal_core::surveys::{Audience, SurveyChange};
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn date(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("date")
    }

    fn wave(id: &str, audience: Audience, closes: &str) -> String {
        serde_json::to_string(&Wave {
            id: id.into(),
            title: format!("Survey {id}"),
            intro: String::new(),
            questions: Vec::new(),
            opens: date("2026-11-01"),
            closes: date(closes),
            audience,
            anonymous: true,
            previous: None,
            reminded_on: None,
        })
        .expect("json")
    }

    #[test]
    fn a_carer_sees_the_open_waves_asking_them_and_where_they_stand_with_each() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        for (id, audience, closes) in [
            ("all", Audience::Everyone, "2026-12-31"),
            ("soon", Audience::Area("Northby".into()), "2026-11-30"),
            ("sent", Audience::Everyone, "2027-01-31"),
            (
                "other-area",
                Audience::Area("Eastfield".into()),
                "2026-12-31",
            ),
            (
                "short-breaks",
                Audience::CarerType(CarerType::ShortBreaks),
                "2026-12-31",
            ),
            ("closed", Audience::Everyone, "2026-11-20"),
        ] {
            user.put_record(SURVEYS, id, Some(&wave(id, audience, closes)))
                .expect("kept");
        }
        user.put_record(
            SURVEY_ANSWERED,
            &answered_id("soon", "u1"),
            Some("\"answered\""),
        )
        .expect("kept");
        // Another carer in the household has answered "all"; this one has not.
        user.put_record(
            SURVEY_ANSWERED,
            &answered_id("all", "u2"),
            Some("\"answered\""),
        )
        .expect("kept");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let change = SurveyChange::Respond {
            wave: "sent".into(),
            answers: std::collections::BTreeMap::new(),
            anonymous: Some(true),
        };
        user.enqueue(&tab, &QueuedSurvey { surveys: &change })
            .expect("queued");
        let facts = HouseholdFacts {
            name: "The Taylor household".into(),
            carer_type: CarerType::Mainstream,
            status: HouseholdStatus::Approved,
            approved_on: None,
            supervising_worker: None,
            supervising_worker_email: None,
            area: Some("Northby".into()),
            ended_on: None,
        };
        let data = surveys_data(&user, "u1", Some(&facts), date("2026-11-22")).expect("reads");
        let shown: Vec<(&str, Progress)> = data
            .waves
            .iter()
            .map(|w| (w.wave.id.as_str(), w.progress))
            .collect();
        assert_eq!(
            shown,
            [
                ("soon", Progress::Answered),
                ("all", Progress::NotAnswered),
                ("sent", Progress::Sending)
            ]
        );
        let nobody = surveys_data(&user, "u1", None, date("2026-11-22")).expect("reads");
        assert!(
            nobody.waves.is_empty(),
            "no household facts yet: nothing to ask"
        );
    }
}
