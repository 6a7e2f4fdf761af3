//! Records as they are stored, with their ids: what the organizer workspace and the JSON API
//! read and return.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::*;
use crate::auth::Role;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub country_id: i64,
    pub name: String,
    pub kind: MemberKind,
    pub status: MemberStatus,
    pub ordinal: Option<i64>,
    /// The day the member joined, when the register knows it.
    pub joined: Option<chrono::NaiveDate>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub member_id: Option<i64>,
    pub body: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committee {
    pub id: i64,
    pub name: String,
    pub coordinating_member_id: Option<i64>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assembly {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub slogan: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub venue: String,
    pub host_member_id: Option<i64>,
    pub mode: AssemblyMode,
    pub time_zone: String,
    pub status: AssemblyStatus,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub assembly_id: i64,
    pub position: i64,
    pub title: String,
    pub kind: SessionKind,
    pub planned_start: DateTime<Utc>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i64,
    pub session_id: i64,
    pub position: i64,
    pub kind: AgendaItemKind,
    pub title: String,
    pub planned_minutes: i64,
    pub status: AgendaItemStatus,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerSlot {
    pub id: i64,
    pub agenda_item_id: i64,
    pub position: i64,
    pub person_id: Option<i64>,
    pub member_id: Option<i64>,
    pub role: String,
    pub delivery: Delivery,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub kind: ApplicationKind,
    pub applicant_member_id: i64,
    pub term: Option<i64>,
    pub membership_kind: Option<MemberKind>,
    pub statement: Option<String>,
    pub status: ApplicationStatus,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub member_id: Option<i64>,
    pub active: bool,
}

/// An API token as organizers see it: never the token itself, which is shown once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    /// The account the token acts for.
    pub user_id: i64,
    pub user_email: String,
    /// What the token is for.
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Where an agenda item, session or speaker goes: one place up or down, or to a position
/// (1 is first).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveTo {
    Up,
    Down,
    Position(i64),
}

/// The chair of a term. `decision_id` names the assembly decision that elected it; a chair from
/// before Plenary (recorded by an organizer) has none.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chairmanship {
    pub id: i64,
    pub term: i64,
    pub member_id: i64,
    pub decision_id: Option<i64>,
}
