//! The applicant's application from the device: the server's record with the applicant's
//! ticks still waiting to be sent applied over it, in the order they were made, by the same
//! rule the server uses.

use portal_core::date::CalendarDate;
use portal_core::enquiries::application::Application;
use portal_core::mutation::application_change;
use portal_core::sync::wire::collection::APPLICATION;

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// The application of `household_id` as the applicant should see it on `today`, or `None`
/// before the device has received it.
pub fn application<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
    today: CalendarDate,
) -> Result<Option<Application>, StorageError> {
    let Some(mut application) = user.record::<Application>(APPLICATION, household_id)? else {
        return Ok(None);
    };
    for queued in waiting_changes(user, application_change)? {
        // A tick the server will refuse (the task was confirmed meanwhile) shows as refused
        // when it comes back; until then the record as it stands is shown.
        let _ = application.apply(&queued.mutation, today);
    }
    Ok(Some(application))
}

#[cfg(test)]
mod tests {
    use portal_core::enquiries::Stage;
    use portal_core::enquiries::application::{
        ApplicationChange, Reached, Task, TaskState, TaskStatus,
    };
    use portal_core::mutation::QueuedApplication;
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("date")
    }

    fn stored() -> Application {
        Application {
            stage: Stage::Assessment,
            reached: vec![Reached {
                stage: Stage::Application,
                on: day("2026-02-02"),
            }],
            tasks: Task::ALL
                .iter()
                .map(|&task| TaskState {
                    task,
                    ticked_on: None,
                    confirmed_on: (task == Task::Referees).then(|| day("2026-02-20")),
                })
                .collect(),
        }
    }

    #[test]
    fn waiting_ticks_show_at_once_and_a_confirmed_task_stays_ticked() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("applicant-1");
        assert_eq!(
            application(&user, "household-1", day("2026-03-01")).expect("read"),
            None
        );
        let tab = ClientId::parse("tab-00000001").expect("valid");
        let body = serde_json::to_string(&stored()).expect("json");
        user.put_record(APPLICATION, "household-1", Some(&body))
            .expect("stored");
        for change in [
            ApplicationChange::Tick {
                task: Task::Dbs,
                done: true,
            },
            ApplicationChange::Tick {
                task: Task::Referees,
                done: false,
            },
        ] {
            user.enqueue(
                &tab,
                &QueuedApplication {
                    application: &change,
                },
            )
            .expect("queued");
        }
        let shown = application(&user, "household-1", day("2026-03-01"))
            .expect("read")
            .expect("an application");
        let status = |task: Task| {
            shown
                .tasks
                .iter()
                .find(|t| t.task == task)
                .expect("task")
                .status()
        };
        assert_eq!(status(Task::Dbs), TaskStatus::Done);
        assert_eq!(status(Task::Referees), TaskStatus::Confirmed);
    }
}
