//! Attendance: organizers record who is present (for the whole assembly or one session), how,
//! and with how many delegates, plus guests; delegates check their own member in while the
//! organizers keep check-in open. Attendance feeds the totals and the quorum of votes.

use super::live::commit_and_publish;
use super::{log_change, NONE};
use crate::auth::{organizer, signed_in, Actor, Role};
use crate::model::*;
use crate::storage::*;
use crate::views::{AttendanceEntry, AttendanceSheet, LiveView};
use crate::{Error, Problem, Result};

/// Records an attendance line of assembly `number` (organizers); a member's earlier line for
/// the same session is replaced.
pub async fn record_attendance(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    session_id: Option<i64>,
    line: &NewAttendance,
) -> Result<AttendanceEntry> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, number).await?;
    if let Some(session) = session_id {
        refers_to(&mut tx, "session_id", Referred::Session, Some(session)).await?;
        if get_session(&mut tx, session).await?.assembly_id != assembly.id {
            return Err(Error::invalid("session_id", Problem::SessionNotInAssembly));
        }
    }
    if let Some(member) = line.member_id {
        get_member(&mut tx, member)
            .await
            .map_err(|_| Error::invalid("member_id", Problem::NoSuchMember))?;
    }
    let entry = save_line(
        &mut tx,
        actor,
        "attendance.record",
        assembly.id,
        session_id,
        line,
    )
    .await?;
    tx.commit().await?;
    Ok(entry)
}

/// Records `line` and audits it as `action`; the line as stored.
async fn save_line(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    assembly_id: i64,
    session_id: Option<i64>,
    line: &NewAttendance,
) -> Result<AttendanceEntry> {
    let id = record_line(tx, assembly_id, session_id, line).await?;
    let entry = get_attendance(tx, id).await?;
    log_change(tx, actor, action, "attendance", id, NONE, Some(&entry)).await?;
    Ok(entry)
}

/// Removes an attendance line (organizers): the government or guest was not there after all.
pub async fn remove_attendance(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let before = get_attendance(&mut tx, id).await?;
    delete_attendance(&mut tx, id).await?;
    log_change(
        &mut tx,
        actor,
        "attendance.delete",
        "attendance",
        id,
        Some(&before),
        NONE,
    )
    .await?;
    tx.commit().await
}

/// Opens or closes check-in by delegates (organizers); the new live state, which tells the
/// delegates' pages.
pub async fn set_check_in(
    db: &Db,
    publisher: Option<&dyn Publisher>,
    actor: Option<&Actor>,
    number: i64,
    open: bool,
) -> Result<LiveView> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, number).await?;
    set_check_in_open(&mut tx, assembly.id, open).await?;
    let verb = if open { "open" } else { "close" };
    log_change(
        &mut tx,
        actor,
        &format!("check_in.{verb}"),
        "assembly",
        assembly.id,
        NONE,
        Some(&open),
    )
    .await?;
    commit_and_publish(tx, publisher, number).await
}

/// A delegate checks their own member in for the whole assembly, while check-in is open.
pub async fn check_in(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    mode: AttendanceMode,
    delegates: i64,
) -> Result<AttendanceEntry> {
    let actor = signed_in(actor)?;
    let member_id = match (actor.role, actor.member_id) {
        (Role::Delegate, Some(member)) => member,
        _ => return Err(Error::invalid("member_id", Problem::DelegateWithoutMember)),
    };
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, number).await?;
    if !check_in_open(&mut tx, assembly.id).await? {
        return Err(Error::invalid("check_in", Problem::CheckInClosed));
    }
    let line = NewAttendance {
        member_id: Some(member_id),
        guest_name: None,
        guest_kind: None,
        mode,
        delegates,
    };
    let entry = save_line(
        &mut tx,
        actor,
        "attendance.check_in",
        assembly.id,
        None,
        &line,
    )
    .await?;
    tx.commit().await?;
    Ok(entry)
}

/// The attendance of assembly `number`: lines, totals, check-in, and what to choose from
/// (organizers: the desk they record attendance at; the public reads attendance in the record).
pub async fn attendance_sheet(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
) -> Result<AttendanceSheet> {
    organizer(actor)?;
    let (assembly, entries, check_in_open, sessions, members) = db
        .reading(async |tx| {
            let assembly = get_assembly(tx, number).await?;
            let entries = list_attendance(tx, assembly.id).await?;
            let open = check_in_open(tx, assembly.id).await?;
            let sessions = list_sessions(tx, assembly.id)
                .await?
                .into_iter()
                .map(|s| (s.id, s.title))
                .collect();
            let members = list_members(tx)
                .await?
                .into_iter()
                .filter(|m| m.status != MemberStatus::Archived)
                .map(|m| (m.id, m.name))
                .collect();
            Ok((assembly, entries, open, sessions, members))
        })
        .await?;
    Ok(AttendanceSheet {
        number,
        title: assembly.title.clone(),
        summary: attendance_summary(db, assembly.id).await?,
        entries,
        check_in_open,
        sessions,
        members,
    })
}
