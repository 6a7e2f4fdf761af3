//! Attendance lines in storage: who took part in an assembly (or one of its sessions), and
//! whether delegates may check their member in themselves.

use sqlx::FromRow;

use super::edit::exec;
use super::records::rows;
use super::{internal, on_tx, stored, Tx};
use crate::model::*;
use crate::views::AttendanceEntry;
use crate::{Error, Result};

#[derive(FromRow)]
struct EntryRow {
    id: i64,
    session_id: Option<i64>,
    member_id: Option<i64>,
    name: String,
    guest_kind: Option<String>,
    mode: String,
    delegates: i64,
}

impl TryFrom<EntryRow> for AttendanceEntry {
    type Error = Error;
    fn try_from(r: EntryRow) -> Result<Self> {
        Ok(AttendanceEntry {
            id: r.id,
            session_id: r.session_id,
            member_id: r.member_id,
            name: r.name,
            guest_kind: r
                .guest_kind
                .map(|k| stored("attendance.guest_kind", &k))
                .transpose()?,
            mode: stored("attendance.mode", &r.mode)?,
            delegates: r.delegates,
        })
    }
}

const ENTRY: &str = "SELECT at.id, at.session_id, at.member_id, COALESCE(m.name, at.guest_name) AS name,
    at.guest_kind, at.mode, at.delegates FROM attendance at LEFT JOIN members m ON m.id = at.member_id";

/// Every attendance line of an assembly: whole-assembly lines first, then by session, by name.
pub async fn list_attendance(tx: &mut Tx, assembly_id: i64) -> Result<Vec<AttendanceEntry>> {
    rows::<EntryRow>(
        tx,
        &format!("{ENTRY} WHERE at.assembly_id = $1 ORDER BY COALESCE(at.session_id, 0), name"),
        assembly_id,
    )
    .await?
    .into_iter()
    .map(AttendanceEntry::try_from)
    .collect()
}

pub async fn get_attendance(tx: &mut Tx, id: i64) -> Result<AttendanceEntry> {
    super::records::row::<EntryRow>(
        tx,
        &format!("{ENTRY} WHERE at.id = $1"),
        id,
        "Attendance line",
    )
    .await?
    .try_into()
}

/// Records a line for `session_id` (`None`: the whole assembly). A member government has one
/// line per session, so its earlier line there is replaced.
pub async fn record_line(
    tx: &mut Tx,
    assembly_id: i64,
    session_id: Option<i64>,
    a: &NewAttendance,
) -> Result<i64> {
    a.validate()?;
    if let Some(member) = a.member_id {
        exec!(tx, "DELETE FROM attendance WHERE assembly_id = $1 AND COALESCE(session_id, 0) = $2 AND member_id = $3",
            assembly_id, session_id.unwrap_or(0), member)
        .map_err(internal)?;
    }
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO attendance (assembly_id, session_id, member_id, guest_name, guest_kind, mode, delegates)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(assembly_id).bind(session_id).bind(a.member_id).bind(a.guest_name.as_deref())
        .bind(a.guest_kind.map(GuestKind::as_str)).bind(a.mode.as_str()).bind(a.delegates)
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn delete_attendance(tx: &mut Tx, id: i64) -> Result<()> {
    exec!(tx, "DELETE FROM attendance WHERE id = $1", id).map_err(internal)?;
    Ok(())
}

pub async fn check_in_open(tx: &mut Tx, assembly_id: i64) -> Result<bool> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT check_in_open FROM assemblies WHERE id = $1")
        .bind(assembly_id).fetch_one(c).await)
    .map_err(internal)
}

pub async fn set_check_in_open(tx: &mut Tx, assembly_id: i64, open: bool) -> Result<()> {
    exec!(
        tx,
        "UPDATE assemblies SET check_in_open = $1 WHERE id = $2",
        open,
        assembly_id
    )
    .map_err(internal)?;
    Ok(())
}
