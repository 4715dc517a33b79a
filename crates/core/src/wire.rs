//! Shapes of the JSON that crosses between the app and the server.
//!
//! These types carry data and no rules: each side converts them into domain types explicitly,
//! so that a change to the wire format is a visible decision rather than a side effect.

use serde::{Deserialize, Serialize};

/// `GET /api/health`: whether the server and its database are working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `"ok"` when the server can reach its database, `"degraded"` when it cannot.
    pub status: HealthStatus,
    /// The server's version, so that support can tell which release a carer is using.
    pub version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    Degraded,
}

/// The body of every error the API returns: a stable code for programs and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub error: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_status_is_written_in_snake_case() {
        let health = Health {
            status: HealthStatus::Degraded,
            version: "1.2.3".into(),
        };
        let json = serde_json::to_string(&health).expect("serialises");
        assert_eq!(json, r#"{"status":"degraded","version":"1.2.3"}"#);
        let back: Health = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, health);
    }
}
