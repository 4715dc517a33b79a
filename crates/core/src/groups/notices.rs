//! What the service tells a household about a session it booked: a place given from the
//! waiting list, a cancellation, a change of time or place, or a message from staff. Each is a
//! record of the household's own, so it arrives with the household's next sync and only
//! households with a booking receive it.

use serde::{Deserialize, Serialize};

use super::{Booking, BookingStatus};

/// One piece of news about a session, for one household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupNotice {
    pub id: String,
    pub session_id: String,
    pub news: News,
    /// When the service sent it, in seconds since 1970.
    pub sent: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum News {
    /// Given a place from the waiting list.
    GivenPlace,
    /// The session was cancelled, for this reason.
    Cancelled { reason: String },
    /// When or where it meets has changed (the session shows the new details).
    Moved,
    /// A message from the people who run it.
    Message { text: String },
}

/// `POST /api/staff/groups/sessions/{id}/messages`: a message to everyone booked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionMessage {
    pub text: String,
}

/// The answer to a message: how many households it went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSent {
    pub households: usize,
}

/// The longest message staff can send.
const LONGEST_MESSAGE: usize = 1000;

impl SessionMessage {
    /// The message as it will be sent, or why it cannot be.
    pub fn parse(&self) -> Result<News, &'static str> {
        let text = self.text.trim();
        if text.is_empty() {
            Err("Enter the message to send.")
        } else if text.chars().count() > LONGEST_MESSAGE {
            Err("The message must be 1,000 characters or fewer.")
        } else {
            Ok(News::Message {
                text: text.to_owned(),
            })
        }
    }
}

/// The households to tell about a session: each with a place or on the waiting list, once.
pub fn households_booked(bookings: &[Booking], session_id: &str) -> Vec<String> {
    let mut households: Vec<String> = Vec::new();
    for booking in bookings {
        let live = matches!(
            booking.status,
            BookingStatus::Confirmed | BookingStatus::Waitlisted
        );
        if live && booking.session_id == session_id && !households.contains(&booking.household_id) {
            households.push(booking.household_id.clone());
        }
    }
    households
}
