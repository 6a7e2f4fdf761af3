//! The record of an assembly: what happened, gathered once from storage for the minutes, the
//! news summary and the exports, so that all of them tell the same story.
//!
//! Everything here is data the secretariat recorded or the rules derived (tallies, ordinals,
//! attendance totals); nothing is typed into a template.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::attendance::{Attendant, Participant};
use crate::model::*;
use crate::tally::Tally;
use crate::views::{AttendanceSummary, PostponementView, ShownTime, SpeakerView};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub association: RecordAssociation,
    pub assembly: RecordAssembly,
    pub attendance: AttendanceSummary,
    /// Everyone who took part, for the whole assembly or some of its sessions, once each:
    /// governments first, then guests (see `attendance::participants`).
    pub attendees: Vec<Attendee>,
    pub sessions: Vec<RecordSession>,
    pub decisions: Vec<DecisionRecord>,
    pub reports: Vec<ReportRecord>,
    pub presentations: Vec<PresentationRecord>,
    pub declaration: Option<DeclarationRecord>,
    /// Active full members in the register now (after this assembly's admissions).
    pub active_members: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAssociation {
    pub name: String,
    pub short_name: String,
    pub secretariat: String,
    pub founded_year: i64,
    /// BCP 47 tags, the main language first.
    pub languages: Vec<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAssembly {
    /// The assembly's lasting id: its number may be corrected, this never changes, so the
    /// identifiers the exports give (Popolo, iCalendar) are built from it.
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub slogan: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub venue: String,
    pub host: Option<String>,
    pub mode: AssemblyMode,
    pub time_zone: String,
    pub status: AssemblyStatus,
    pub postponements: Vec<PostponementView>,
}

/// A country as the record names it: its ISO code lets each language use its own name.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CountryName {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
}

/// A member government with its country.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberName {
    pub name: String,
    pub country: CountryName,
}

/// A government or guest that took part, its attendance lines folded into one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// The government or guest body.
    pub name: String,
    /// The country of a government of the register; none for guests.
    pub country: Option<CountryName>,
    /// Member, associate or observer for a government of the register.
    pub member_kind: Option<MemberKind>,
    /// Regional government or outside body for a guest.
    pub guest_kind: Option<GuestKind>,
    /// In person when present in person at any sitting, else online.
    pub mode: AttendanceMode,
    /// The largest delegation recorded for it at any one sitting.
    pub delegates: i64,
    /// The titles of the sessions it attended, in order; empty when present for the whole assembly.
    #[serde(default)]
    pub sessions: Vec<String>,
}

impl From<Participant> for Attendee {
    fn from(p: Participant) -> Self {
        let (country, member_kind, guest_kind) = match p.attendant.clone() {
            Attendant::Member { country, kind, .. } => (Some(country), Some(kind), None),
            Attendant::Guest { kind, .. } => (None, None, Some(kind)),
        };
        Attendee {
            name: p.name().to_owned(),
            country,
            member_kind,
            guest_kind,
            mode: p.mode,
            delegates: p.delegates,
            sessions: p.sessions.into_iter().map(|s| s.title).collect(),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSession {
    pub id: i64,
    pub title: String,
    pub kind: SessionKind,
    pub start: ShownTime,
    /// None while under way (see `crate::times::shown_span`).
    pub end: Option<ShownTime>,
    pub items: Vec<RecordItem>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    pub id: i64,
    pub kind: AgendaItemKind,
    pub title: String,
    pub status: AgendaItemStatus,
    pub start: ShownTime,
    /// None while under way (see `crate::times::shown_span`).
    pub end: Option<ShownTime>,
    pub speakers: Vec<SpeakerView>,
    /// The free-text outcome the secretariat recorded.
    pub outcome: Option<String>,
}

/// What a decision was about.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DecisionSubject {
    /// An application for the chairmanship of a term.
    Chairmanship { applicant: MemberName, term: i64 },
    /// An application for membership; `ordinal` is the order of admission once admitted.
    Membership {
        applicant: MemberName,
        kind: MemberKind,
        ordinal: Option<i64>,
    },
    /// A question put to the members on an agenda item.
    Question { question: String },
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub subject: DecisionSubject,
    pub outcome: DecisionOutcome,
    pub effect: DecisionEffect,
    /// Taken by acclamation rather than by counted ballots.
    pub acclamation: bool,
    /// Members that objected to a decision by acclamation.
    pub objections: Vec<String>,
    /// The English summary recorded with the decision.
    pub summary: String,
    pub decided_at: DateTime<Utc>,
    pub reversed: bool,
    pub vote: Option<VoteRecord>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRecord {
    pub id: i64,
    pub question: String,
    pub rule: VoteRule,
    pub roll_call: bool,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The tally as the vote closed.
    pub tally: Option<Tally>,
    /// Each member's ballot; empty for a secret vote.
    pub ballots: Vec<BallotRecord>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRecord {
    pub member: MemberName,
    pub choice: BallotChoice,
    pub cast_at: DateTime<Utc>,
}

/// A committee's report received by the assembly.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub committee: String,
    pub presenting_member: MemberName,
    pub outcomes: Option<String>,
    pub next_meeting_place: Option<String>,
    pub next_meeting_date: Option<NaiveDate>,
}

/// A member's presentation to the assembly.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentationRecord {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub member: MemberName,
    pub topic: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationRecord {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub adopted_at: Option<ShownTime>,
    /// The adopted text in each language given, the association's main language first.
    pub texts: Vec<DeclarationText>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationText {
    /// BCP 47 tag.
    #[cfg_attr(feature = "openapi", schema(max_length = 35))]
    pub language: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub body: String,
}

impl Record {
    /// The speakers of the opening ceremony, in agenda order.
    pub fn opening_speakers(&self) -> Vec<&SpeakerView> {
        self.sessions
            .iter()
            .filter(|s| s.kind == SessionKind::OpeningCeremony)
            .flat_map(|s| &s.items)
            .flat_map(|i| &i.speakers)
            .collect()
    }

    /// Decisions that stand (not reversed), in the order they were taken.
    pub fn standing_decisions(&self) -> impl Iterator<Item = &DecisionRecord> {
        self.decisions.iter().filter(|d| !d.reversed)
    }

    /// The item of the record with this id.
    pub fn item(&self, id: i64) -> Option<&RecordItem> {
        self.sessions
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.id == id)
    }
}
