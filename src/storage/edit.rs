//! Changing and removing stored records, inside the caller's transaction. Rules that need more
//! than one record are checked by the actions (`crate::actions`) before they call these.

use chrono::{DateTime, NaiveDate, Utc};

use super::{internal, on_tx, unique, Tx};
use crate::model::*;
use crate::problem::Deletable;
use crate::times::ActualTimes;
use crate::{Error, Problem, Result};

/// Runs one statement with its binds; the number of rows it changed.
macro_rules! exec {
    ($tx:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        on_tx!($tx, c => sqlx::query($sql)$(.bind($bind))*.execute(c).await.map(|r| r.rows_affected()))
    };
}
pub(crate) use exec;

/// `NotFound` naming `what` when a statement changed no row.
pub(crate) fn found(changed: u64, what: &str) -> Result<()> {
    if changed == 0 {
        return Err(Error::not_found(what));
    }
    Ok(())
}

pub async fn update_country(tx: &mut Tx, id: i64, c: &NewCountry) -> Result<()> {
    c.validate()?;
    super::name_free(tx, super::Named::Countries, "name", &c.name, Some(id)).await?;
    let n = exec!(
        tx,
        "UPDATE countries SET code = $1, name = $2 WHERE id = $3",
        c.code.trim(),
        c.name.trim(),
        id
    )
    .map_err(unique("code", Problem::CountryCodeTaken))?;
    found(n, "Country")
}

pub async fn update_member(tx: &mut Tx, id: i64, m: &NewMember) -> Result<()> {
    m.validate()?;
    super::name_free(tx, super::Named::Members, "name", &m.name, Some(id)).await?;
    super::refers_to(
        tx,
        "country_id",
        super::Referred::Country,
        Some(m.country_id),
    )
    .await?;
    let n = exec!(tx, "UPDATE members SET country_id = $1, name = $2, kind = $3, status = $4, ordinal = $5, joined = $6 WHERE id = $7",
        m.country_id, m.name.trim(), m.kind.as_str(), m.status.as_str(), m.ordinal, m.joined, id)
    .map_err(unique("name", Problem::MemberNameTaken))?;
    found(n, "Member government")
}

/// How many ballots and decisions name the member government `id`.
pub async fn member_record_counts(tx: &mut Tx, id: i64) -> Result<(i64, i64)> {
    on_tx!(tx, c => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM ballots WHERE member_id = $1),
                (SELECT COUNT(*) FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.applicant_member_id = $1)")
        .bind(id).fetch_one(c).await)
    .map_err(internal)
}

pub async fn delete_member(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM members WHERE id = $1", id)
        .map_err(in_use(Deletable::MemberGovernment))?;
    found(n, "Member government")
}

pub async fn update_person(tx: &mut Tx, id: i64, p: &NewPerson) -> Result<()> {
    p.validate()?;
    super::refers_to(tx, "member_id", super::Referred::Member, p.member_id).await?;
    let n = exec!(
        tx,
        "UPDATE persons SET name = $1, title = $2, member_id = $3, body = $4 WHERE id = $5",
        p.name.trim(),
        p.title.trim(),
        p.member_id,
        p.body.as_deref(),
        id
    )
    .map_err(internal)?;
    found(n, "Person")
}

pub async fn insert_person(tx: &mut Tx, p: &NewPerson) -> Result<i64> {
    p.validate()?;
    super::refers_to(tx, "member_id", super::Referred::Member, p.member_id).await?;
    let name = required("name", &p.name)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO persons (name, title, member_id, body) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(&name).bind(p.title.trim()).bind(p.member_id).bind(p.body.as_deref())
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn delete_person(tx: &mut Tx, id: i64) -> Result<()> {
    let n =
        exec!(tx, "DELETE FROM persons WHERE id = $1", id).map_err(in_use(Deletable::Person))?;
    found(n, "Person")
}

/// Checks a committee as entered (`id` when it is edited): a free name, a coordinating member
/// that exists. Its name, trimmed.
async fn checked_committee(tx: &mut Tx, c: &NewCommittee, id: Option<i64>) -> Result<String> {
    c.validate()?;
    super::name_free(tx, super::Named::Committees, "name", &c.name, id).await?;
    super::refers_to(
        tx,
        "coordinating_member_id",
        super::Referred::Member,
        c.coordinating_member_id,
    )
    .await?;
    required("name", &c.name)
}

pub async fn insert_committee(tx: &mut Tx, c: &NewCommittee) -> Result<i64> {
    let name = checked_committee(tx, c, None).await?;
    on_tx!(tx, conn => sqlx::query_scalar("INSERT INTO committees (name, coordinating_member_id) VALUES ($1, $2) RETURNING id")
        .bind(&name).bind(c.coordinating_member_id).fetch_one(conn).await)
    .map_err(unique("name", Problem::CommitteeExists))
}

pub async fn update_committee(tx: &mut Tx, id: i64, c: &NewCommittee) -> Result<()> {
    let name = checked_committee(tx, c, Some(id)).await?;
    let n = exec!(
        tx,
        "UPDATE committees SET name = $1, coordinating_member_id = $2 WHERE id = $3",
        &name,
        c.coordinating_member_id,
        id
    )
    .map_err(unique("name", Problem::CommitteeExists))?;
    found(n, "Committee")
}

pub async fn delete_committee(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM committees WHERE id = $1", id)
        .map_err(in_use(Deletable::Committee))?;
    found(n, "Committee")
}

pub async fn update_assembly(tx: &mut Tx, id: i64, a: &NewAssembly) -> Result<()> {
    let zone = super::schedule::checked_assembly(tx, a).await?;
    let before: Option<(NaiveDate, String)> = on_tx!(tx, c => sqlx::query_as("SELECT start_date, time_zone FROM assemblies WHERE id = $1").bind(id).fetch_optional(c).await)
        .map_err(internal)?;
    let n = exec!(tx, "UPDATE assemblies SET number = $1, title = $2, slogan = $3, start_date = $4, end_date = $5, venue = $6,
            host_member_id = $7, mode = $8, time_zone = $9, status = $10 WHERE id = $11",
        a.number, a.title.trim(), a.slogan.as_deref(), a.start_date, a.end_date, a.venue.trim(),
        a.host_member_id, a.mode.as_str(), &a.time_zone, a.status.as_str(), id)
    .map_err(unique("number", Problem::AssemblyNumberExists))?;
    found(n, "Assembly")?;
    // New dates or a corrected venue zone take the planned sessions along: each keeps its day
    // within the assembly and its wall-clock time at the venue.
    match before {
        Some((old_start, old_zone)) if old_start != a.start_date || old_zone != a.time_zone => {
            let from = super::schedule::time_zone(&old_zone)?;
            let days = (a.start_date - old_start).num_days();
            shift_sessions(tx, id, "start_date", days, from, zone).await
        }
        _ => Ok(()),
    }
}

/// Moves an assembly to new dates with a new status, and its sessions by as many days on the
/// venue's clock (see [`shift_sessions`]).
pub async fn move_assembly(
    tx: &mut Tx,
    id: i64,
    start: NaiveDate,
    end: NaiveDate,
    status: AssemblyStatus,
) -> Result<()> {
    let (old, zone): (NaiveDate, String) = on_tx!(tx, c => sqlx::query_as("SELECT start_date, time_zone FROM assemblies WHERE id = $1").bind(id).fetch_one(c).await)
        .map_err(internal)?;
    exec!(
        tx,
        "UPDATE assemblies SET start_date = $1, end_date = $2, status = $3 WHERE id = $4",
        start,
        end,
        status.as_str(),
        id
    )
    .map_err(internal)?;
    let tz = super::schedule::time_zone(&zone)?;
    shift_sessions(tx, id, "to_date", (start - old).num_days(), tz, tz).await
}

/// Moves every session of an assembly by `days`, keeping its wall-clock time, read on the clock
/// of `from` and set on the clock of `to` (so its UTC instant moves by the change of offset when
/// daylight saving starts or ends in between; see `crate::times::moved`). `field` is named when
/// a session would leave the range of dates.
async fn shift_sessions(
    tx: &mut Tx,
    assembly_id: i64,
    field: &str,
    days: i64,
    from: chrono_tz::Tz,
    to: chrono_tz::Tz,
) -> Result<()> {
    // Read, shift in Rust, write back: date arithmetic differs between the engines' SQL.
    let sessions: Vec<(i64, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, planned_start FROM sessions WHERE assembly_id = $1").bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;
    for (id, start) in sessions {
        let moved = crate::times::moved(field, start, from, to, days)?;
        exec!(
            tx,
            "UPDATE sessions SET planned_start = $1 WHERE id = $2",
            moved,
            id
        )
        .map_err(internal)?;
    }
    Ok(())
}

pub async fn cancel_assembly(tx: &mut Tx, id: i64, reason: &str) -> Result<()> {
    let reason = limits::required("reason", reason, limits::NOTE)?;
    let n = exec!(
        tx,
        "UPDATE assemblies SET status = 'cancelled', cancellation_reason = $1 WHERE id = $2",
        &reason,
        id
    )
    .map_err(internal)?;
    found(n, "Assembly")
}

/// Changes a session; `planned_start` is its start as resolved on the venue's clock.
pub async fn update_session(
    tx: &mut Tx,
    id: i64,
    s: &NewSession,
    planned_start: DateTime<Utc>,
) -> Result<()> {
    limits::required("title", &s.title, limits::TITLE)?;
    let n = exec!(
        tx,
        "UPDATE sessions SET title = $1, kind = $2, planned_start = $3 WHERE id = $4",
        s.title.trim(),
        s.kind.as_str(),
        planned_start,
        id
    )
    .map_err(internal)?;
    found(n, "Session")
}

pub async fn delete_session(tx: &mut Tx, id: i64) -> Result<()> {
    let n =
        exec!(tx, "DELETE FROM sessions WHERE id = $1", id).map_err(in_use(Deletable::Session))?;
    found(n, "Session")
}

pub async fn update_item(tx: &mut Tx, id: i64, i: &NewAgendaItem) -> Result<()> {
    i.validate()?;
    let n = exec!(
        tx,
        "UPDATE agenda_items SET kind = $1, title = $2, planned_minutes = $3 WHERE id = $4",
        i.kind.as_str(),
        i.title.trim(),
        i.planned_minutes,
        id
    )
    .map_err(internal)?;
    found(n, "Agenda item")
}

pub async fn delete_item(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM agenda_items WHERE id = $1", id)
        .map_err(in_use(Deletable::AgendaItem))?;
    found(n, "Agenda item")
}

pub async fn update_speaker(tx: &mut Tx, id: i64, s: &NewSpeakerSlot) -> Result<()> {
    s.validate()?;
    let n = exec!(tx, "UPDATE speaker_slots SET person_id = $1, member_id = $2, role = $3, delivery = $4 WHERE id = $5",
        s.person_id, s.member_id, s.role.trim(), s.delivery.as_str(), id).map_err(internal)?;
    found(n, "Speaker")
}

pub async fn delete_speaker(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM speaker_slots WHERE id = $1", id).map_err(internal)?;
    found(n, "Speaker")
}

pub async fn update_application(tx: &mut Tx, id: i64, a: &NewApplication) -> Result<()> {
    a.validate()?;
    let n = exec!(tx, "UPDATE applications SET agenda_item_id = $1, kind = $2, applicant_member_id = $3, term = $4,
            membership_kind = $5, statement = $6 WHERE id = $7",
        a.agenda_item_id, a.kind.as_str(), a.applicant_member_id, a.term, a.membership_kind.map(MemberKind::as_str),
        a.statement.as_deref(), id).map_err(internal)?;
    found(n, "Application")
}

pub async fn delete_application(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM applications WHERE id = $1", id)
        .map_err(in_use(Deletable::Application))?;
    found(n, "Application")
}

/// The ordered lists whose positions an organizer can change.
#[derive(Debug, Clone, Copy)]
pub enum Ordered {
    Sessions,
    AgendaItems,
    SpeakerSlots,
}

/// Writes positions 1, 2, 3 … in the order of `ids`.
pub async fn renumber(tx: &mut Tx, list: Ordered, ids: &[i64]) -> Result<()> {
    let sql = match list {
        Ordered::Sessions => "UPDATE sessions SET position = $1 WHERE id = $2",
        Ordered::AgendaItems => "UPDATE agenda_items SET position = $1 WHERE id = $2",
        Ordered::SpeakerSlots => "UPDATE speaker_slots SET position = $1 WHERE id = $2",
    };
    for (i, id) in ids.iter().enumerate() {
        exec!(tx, sql, i as i64 + 1, *id).map_err(internal)?;
    }
    Ok(())
}

/// The ids of `list` under `parent` (an assembly's sessions, a session's items, an item's
/// speakers), in their current order.
pub async fn ordered_ids(tx: &mut Tx, list: Ordered, parent: i64) -> Result<Vec<i64>> {
    let sql = match list {
        Ordered::Sessions => "SELECT id FROM sessions WHERE assembly_id = $1 ORDER BY position, id",
        Ordered::AgendaItems => {
            "SELECT id FROM agenda_items WHERE session_id = $1 ORDER BY position, id"
        }
        Ordered::SpeakerSlots => {
            "SELECT id FROM speaker_slots WHERE agenda_item_id = $1 ORDER BY position, id"
        }
    };
    on_tx!(tx, c => sqlx::query_scalar(sql).bind(parent).fetch_all(c).await).map_err(internal)
}

/// Renumbers `list` under `parent` after a removal, so positions stay 1, 2, 3 …
pub async fn close_gap(tx: &mut Tx, list: Ordered, parent: i64) -> Result<()> {
    let ids = ordered_ids(tx, list, parent).await?;
    renumber(tx, list, &ids).await
}

/// Moves `id` within `list` under `parent` where `to` says.
pub async fn reorder_within(
    tx: &mut Tx,
    list: Ordered,
    parent: i64,
    id: i64,
    to: MoveTo,
) -> Result<()> {
    let ids = ordered_ids(tx, list, parent).await?;
    renumber(tx, list, &crate::rules::reorder(&ids, id, to)?).await
}

/// Moves an agenda item to another session (at its end); positions are renumbered by the caller.
pub async fn set_item_session(tx: &mut Tx, id: i64, session_id: i64) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE agenda_items SET session_id = $1 WHERE id = $2",
        session_id,
        id
    )
    .map_err(internal)?;
    found(n, "Agenda item")
}

/// What was held, whose actual times are kept on its own row: a session or an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Session(i64),
    Item(i64),
}

impl Held {
    /// The entity's name, as the audit log and the errors say it.
    pub fn entity(self) -> &'static str {
        match self {
            Held::Session(_) => "session",
            Held::Item(_) => "agenda_item",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Held::Session(id) | Held::Item(id) => id,
        }
    }

    /// What a "not found" names.
    fn what(self) -> &'static str {
        match self {
            Held::Session(_) => "Session",
            Held::Item(_) => "Agenda item",
        }
    }
}

/// The actual times recorded of a session or an item.
pub async fn actual_times_of(tx: &mut Tx, held: Held) -> Result<ActualTimes> {
    let sql = match held {
        Held::Session(_) => "SELECT actual_start, actual_end FROM sessions WHERE id = $1",
        Held::Item(_) => "SELECT actual_start, actual_end FROM agenda_items WHERE id = $1",
    };
    type Times = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let row: Option<Times> =
        on_tx!(tx, c => sqlx::query_as(sql).bind(held.id()).fetch_optional(c).await)
            .map_err(internal)?;
    let (actual_start, actual_end) = row.ok_or_else(|| Error::not_found(held.what()))?;
    Ok(ActualTimes {
        actual_start,
        actual_end,
    })
}

/// Replaces the actual times of a session or an item (checked by `crate::times::actual_times`).
pub async fn set_actual_times(tx: &mut Tx, held: Held, times: &ActualTimes) -> Result<()> {
    let sql = match held {
        Held::Session(_) => "UPDATE sessions SET actual_start = $1, actual_end = $2 WHERE id = $3",
        Held::Item(_) => "UPDATE agenda_items SET actual_start = $1, actual_end = $2 WHERE id = $3",
    };
    let n = exec!(tx, sql, times.actual_start, times.actual_end, held.id()).map_err(internal)?;
    found(n, held.what())
}

/// A foreign-key refusal on delete means the thing is still used elsewhere.
fn in_use(what: Deletable) -> impl FnOnce(sqlx::Error) -> Error {
    move |err| match internal(err) {
        Error::Conflict { .. } => Error::conflict(None, Problem::InUse { what }),
        other => other,
    }
}
