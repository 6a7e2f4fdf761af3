//! Writes to an assembly: the assembly itself, its postponements, sessions, agenda items,
//! speakers, applications, attendance, reports and declaration.

use chrono::{DateTime, Utc};

use super::{internal, on_tx, unique, Tx};
use crate::model::*;
use crate::{Error, Problem, Result};

/// Checks an assembly as entered, its host included; the venue's zone it names.
pub(super) async fn checked_assembly(tx: &mut Tx, a: &NewAssembly) -> Result<chrono_tz::Tz> {
    a.validate()?;
    super::refers_to(
        tx,
        "host_member_id",
        super::Referred::Member,
        a.host_member_id,
    )
    .await?;
    time_zone(&a.time_zone)
}

/// Creates an assembly; its number must be new.
pub async fn insert_assembly(tx: &mut Tx, a: &NewAssembly) -> Result<i64> {
    checked_assembly(tx, a).await?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO assemblies (number, title, slogan, start_date, end_date, venue, host_member_id, mode, time_zone, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(a.number).bind(a.title.trim()).bind(a.slogan.as_deref()).bind(a.start_date).bind(a.end_date)
        .bind(a.venue.trim()).bind(a.host_member_id).bind(a.mode.as_str()).bind(&a.time_zone).bind(a.status.as_str())
        .fetch_one(c).await)
    .map_err(unique("number", Problem::AssemblyNumberExists))
}

/// The time zone named `name`, or an error on the `time_zone` field.
pub fn time_zone(name: &str) -> Result<chrono_tz::Tz> {
    name.parse()
        .map_err(|_| Error::invalid("time_zone", Problem::UnknownTimeZone))
}

/// The id of assembly `number`, if there is one.
pub async fn assembly_id(tx: &mut Tx, number: i64) -> Result<Option<i64>> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM assemblies WHERE number = $1")
        .bind(number).fetch_optional(c).await)
    .map_err(internal)
}

pub async fn insert_postponement(
    tx: &mut Tx,
    assembly_id: i64,
    p: &NewPostponement,
    at: DateTime<Utc>,
) -> Result<i64> {
    limits::required("reason", &p.reason, limits::NOTE)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO postponements (assembly_id, from_date, to_date, reason, recorded_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(assembly_id).bind(p.from_date).bind(p.to_date).bind(p.reason.trim()).bind(at)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Appends a session after the assembly's last one; `planned_start` is its start as resolved on
/// the venue's clock (`VenueTime::resolve`).
pub async fn insert_session(
    tx: &mut Tx,
    assembly_id: i64,
    s: &NewSession,
    planned_start: DateTime<Utc>,
) -> Result<i64> {
    limits::required("title", &s.title, limits::TITLE)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO sessions (assembly_id, position, title, kind, planned_start)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM sessions WHERE assembly_id = $1), $2, $3, $4)
         RETURNING id")
        .bind(assembly_id).bind(s.title.trim()).bind(s.kind.as_str()).bind(planned_start)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Appends an agenda item at the end of a session.
pub async fn insert_agenda_item(tx: &mut Tx, session_id: i64, item: &NewAgendaItem) -> Result<i64> {
    item.validate()?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO agenda_items (session_id, position, kind, title, planned_minutes)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE session_id = $1), $2, $3, $4)
         RETURNING id")
        .bind(session_id).bind(item.kind.as_str()).bind(item.title.trim()).bind(item.planned_minutes)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Appends a speaker to an agenda item.
pub async fn insert_speaker_slot(tx: &mut Tx, item_id: i64, s: &NewSpeakerSlot) -> Result<i64> {
    s.validate()?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO speaker_slots (agenda_item_id, position, person_id, member_id, role, delivery)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM speaker_slots WHERE agenda_item_id = $1), $2, $3, $4, $5)
         RETURNING id")
        .bind(item_id).bind(s.person_id).bind(s.member_id).bind(s.role.trim()).bind(s.delivery.as_str())
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn insert_application(tx: &mut Tx, assembly_id: i64, a: &NewApplication) -> Result<i64> {
    a.validate()?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO applications (assembly_id, agenda_item_id, kind, applicant_member_id, term, membership_kind, statement)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(assembly_id).bind(a.agenda_item_id).bind(a.kind.as_str()).bind(a.applicant_member_id)
        .bind(a.term).bind(a.membership_kind.map(MemberKind::as_str)).bind(a.statement.as_deref())
        .fetch_one(c).await)
    .map_err(internal)
}

/// A line for the whole assembly (see [`record_line`]).
pub async fn insert_attendance(tx: &mut Tx, assembly_id: i64, a: &NewAttendance) -> Result<i64> {
    super::record_line(tx, assembly_id, None, a).await
}

pub async fn insert_report(tx: &mut Tx, assembly_id: i64, r: &NewReport) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO reports (assembly_id, agenda_item_id, committee_id, presenting_member_id, outcomes, next_meeting_place, next_meeting_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(assembly_id).bind(r.agenda_item_id).bind(r.committee_id).bind(r.presenting_member_id)
        .bind(r.outcomes.as_deref()).bind(r.next_meeting_place.as_deref()).bind(r.next_meeting_date)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Records a declaration with its title; its texts and adoption come with the record.
pub async fn insert_declaration(
    tx: &mut Tx,
    assembly_id: i64,
    item_id: Option<i64>,
    title: &str,
) -> Result<i64> {
    let title = required("title", title)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO declarations (assembly_id, agenda_item_id, title) VALUES ($1, $2, $3) RETURNING id")
        .bind(assembly_id).bind(item_id).bind(&title)
        .fetch_one(c).await)
    .map_err(internal)
}
