//! What the pages show: read models built on the server from storage and sent to the browser.
//!
//! Times arrive already placed in the venue's time zone, so the browser needs no time-zone
//! database of its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::*;

/// A time of day shown to people, with the UTC instant it stands for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTime {
    /// RFC 3339 in UTC, for machines (`<time datetime>`).
    pub utc: String,
    /// "10:05" in the venue's time zone.
    pub local: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblySummary {
    pub number: i64,
    pub title: String,
    pub start_date: NaiveDate,
    pub venue: String,
    pub mode: AssemblyMode,
    pub status: AssemblyStatus,
}

/// The association's front page: its assemblies, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub association: String,
    pub short_name: String,
    pub secretariat: String,
    pub assemblies: Vec<AssemblySummary>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostponementView {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub reason: String,
}

/// Who took part, counted from the attendance lines.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSummary {
    /// Everyone counted, delegates and guests.
    pub people: i64,
    /// Regional governments present: members of every kind, applicants and guest governments.
    pub governments: i64,
    /// Active full members present (those who count for quorum).
    pub members: i64,
    /// Associate members present, by name.
    pub associates: Vec<String>,
    /// Countries of the member governments present.
    pub countries: i64,
    /// Guests: outside bodies and governments not in the register.
    pub guests: Vec<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyPage {
    pub association: String,
    pub number: i64,
    pub title: String,
    pub slogan: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub venue: String,
    pub host: Option<String>,
    pub mode: AssemblyMode,
    pub status: AssemblyStatus,
    pub time_zone: String,
    pub postponements: Vec<PostponementView>,
    pub attendance: AttendanceSummary,
    pub sessions: Vec<SessionHeading>,
    /// The chair in office and the chair-elect, as the register has them now.
    pub chairs: Vec<ChairView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionHeading {
    pub title: String,
    pub start: ShownTime,
    /// None while under way (see `crate::times::shown_span`).
    pub end: Option<ShownTime>,
    pub items: usize,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerView {
    pub name: Option<String>,
    pub title: Option<String>,
    /// The member government or outside body the speaker belongs to.
    pub affiliation: Option<String>,
    /// The member government on whose behalf the speaker speaks.
    pub on_behalf_of: Option<String>,
    pub role: String,
    pub delivery: Delivery,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: i64,
    pub position: i64,
    pub kind: AgendaItemKind,
    pub title: String,
    pub planned_minutes: i64,
    pub status: AgendaItemStatus,
    pub start: ShownTime,
    /// None while under way (see `crate::times::shown_span`).
    pub end: Option<ShownTime>,
    pub speakers: Vec<SpeakerView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    pub title: String,
    pub kind: SessionKind,
    pub start: ShownTime,
    /// None while under way (see `crate::times::shown_span`).
    pub end: Option<ShownTime>,
    pub items: Vec<AgendaItemView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaPage {
    pub number: i64,
    pub title: String,
    pub status: AssemblyStatus,
    /// Every postponement, oldest first.
    pub postponements: Vec<PostponementView>,
    /// The first day of the assembly.
    pub date: NaiveDate,
    pub time_zone: String,
    pub sessions: Vec<SessionView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub name: String,
    pub kind: MemberKind,
    pub status: MemberStatus,
    pub ordinal: Option<i64>,
    /// The day the member joined, when the register knows it.
    pub joined: Option<NaiveDate>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMembers {
    pub country: String,
    pub members: Vec<MemberView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairView {
    pub term: i64,
    pub member: String,
    pub country: String,
    pub role: ChairRole,
}

/// Where a term's chair stands: in office, elected for the next term, or before.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChairRole {
    Past,
    Chair,
    ChairElect,
}

/// The member register, grouped by country.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub association: String,
    /// Active full members (associates and observers are counted apart).
    pub active_members: i64,
    /// Countries with at least one active full member.
    pub member_countries: i64,
    /// Active associate members.
    pub associate_members: i64,
    pub chairs: Vec<ChairView>,
    pub countries: Vec<CountryMembers>,
}

/// The organizer's overview: assemblies and the register, for the workspace pages.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub assemblies: Vec<Assembly>,
    pub countries: Vec<Country>,
    pub members: Vec<Member>,
    pub persons: Vec<Person>,
    pub committees: Vec<Committee>,
}

/// One agenda item in the editor, with its derived start (venue clock) and its speakers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorItem {
    pub item: AgendaItem,
    pub start: String,
    pub speakers: Vec<SpeakerSlot>,
    /// Its actual times on the venue's clock as `datetime-local` values ("" when not recorded).
    pub actual: ActualLocal,
}

/// Actual times as `<input type="datetime-local">` values on the venue's clock, for the form
/// that corrects them; empty when not recorded.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualLocal {
    pub start: String,
    pub end: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorSession {
    pub session: Session,
    /// The planned start in the venue's time zone, as an `<input type="datetime-local">` value.
    pub start_local: String,
    /// The planned start's venue clock time, "10:00".
    pub clock: String,
    pub items: Vec<EditorItem>,
    pub actual: ActualLocal,
}

/// Everything the assembly editor shows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyEditor {
    pub assembly: Assembly,
    pub postponements: Vec<PostponementView>,
    pub sessions: Vec<EditorSession>,
    pub applications: Vec<Application>,
    pub members: Vec<Member>,
    pub persons: Vec<Person>,
    /// Numbers of the other assemblies, to copy an agenda from.
    pub other_assemblies: Vec<i64>,
}

/// What is on now: the session, the item, the speaker and the countdown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NowView {
    pub session: String,
    pub item: AgendaItemView,
    pub speaker: Option<SpeakerView>,
    /// 0 for the first speaker of the item.
    pub speaker_index: usize,
    pub speakers: usize,
    pub timer: crate::live::Timer,
}

/// What comes next.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextView {
    pub session: String,
    pub item: AgendaItemView,
}

/// The live state of an assembly: what the delegate view, the projector and the control panel
/// show, and what every event of the live stream carries.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub number: i64,
    pub title: String,
    pub slogan: Option<String>,
    pub status: AssemblyStatus,
    pub time_zone: String,
    pub now: Option<NowView>,
    pub next: Option<NextView>,
    /// The whole agenda with each item's status; held items show their actual times.
    pub sessions: Vec<SessionView>,
    /// The open vote, or else the last vote taken on the current item.
    pub vote: Option<VoteView>,
    /// Whether delegates may check their member in now.
    pub check_in_open: bool,
    /// The id of the last live event this state includes (0 before the first).
    pub event_id: i64,
}

/// A vote as the live views show it: the question, the rule, the tally so far, and the ballots
/// by member when they may be shown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteView {
    pub id: i64,
    pub question: String,
    pub rule: VoteRule,
    pub quorum_percent: i64,
    pub roll_call: bool,
    pub status: VoteStatus,
    pub tally: crate::tally::Tally,
    /// Each member's ballot, when the vote shows them (open with `show_ballots`, or closed
    /// and by roll call); empty otherwise.
    pub ballots: Vec<BallotView>,
    /// The decision recorded when the vote closed.
    pub decision: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub member_id: i64,
    pub member: String,
    pub choice: BallotChoice,
}

/// A delegate's ballot paper for a vote: the member they vote for and the choice made so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotPaper {
    pub vote_id: i64,
    pub member_id: i64,
    pub member: String,
    pub choice: Option<BallotChoice>,
}

/// What the control panel needs to run the votes of an assembly: the applications awaiting a
/// vote, the voting members present (for ballots entered in the room and for objections), and
/// the decisions taken so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteDesk {
    /// (application id, the question a vote on it asks), for applications still submitted.
    pub pending: Vec<(i64, String)>,
    /// (member id, name) of the voting members present.
    pub voters: Vec<(i64, String)>,
    pub decisions: Vec<Decision>,
}

/// One attendance line as the attendance page lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub id: i64,
    /// `None`: present for the whole assembly.
    pub session_id: Option<i64>,
    /// `None` for a guest.
    pub member_id: Option<i64>,
    /// The member government's or the guest's name.
    pub name: String,
    pub guest_kind: Option<GuestKind>,
    pub mode: AttendanceMode,
    pub delegates: i64,
}

/// The attendance of an assembly: its lines, their totals, and whether delegates may check in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub number: i64,
    pub title: String,
    pub entries: Vec<AttendanceEntry>,
    /// Totals of who took part, for the whole assembly or some of its sessions.
    pub summary: AttendanceSummary,
    pub check_in_open: bool,
    /// (id, title) of the assembly's sessions, to record a line for one of them.
    pub sessions: Vec<(i64, String)>,
    /// (id, name) of the member governments of the register that are not archived.
    pub members: Vec<(i64, String)>,
}

/// The organizers' record desk: the record as the public will read it, and what can be edited.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDesk {
    pub record: crate::record::Record,
    pub reports: Vec<Report>,
    pub presentations: Vec<Presentation>,
    pub declaration: Option<Declaration>,
    /// When the declaration was adopted, on the venue's clock, as a `datetime-local` value.
    pub declaration_adopted_local: Option<String>,
    /// One summary per language generated so far.
    pub news: Vec<NewsSummary>,
    pub attachments: Vec<Attachment>,
    pub members: Vec<Member>,
    pub committees: Vec<Committee>,
}

/// A published news summary, with the other languages it is published in and its photos.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPage {
    pub number: i64,
    pub title: String,
    pub languages: Vec<String>,
    pub summary: NewsSummary,
    pub attachments: Vec<Attachment>,
}
