//! The organizer workspace's read models: the overview and the assembly editor.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::*;
use crate::agenda::{schedule, ItemTiming};
use crate::views::*;
use crate::{Error, Problem, Result};

/// A venue's local time as typed in a `datetime-local` field, as UTC.
pub fn venue_time(time_zone_name: &str, local: &str) -> Result<DateTime<Utc>> {
    let tz = time_zone(time_zone_name)?;
    let naive = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%d %H:%M"))
        .map_err(|_| Error::invalid("planned_start", Problem::DateTimeFormat))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Error::invalid("planned_start", Problem::NoSuchLocalTime))
}

/// Actual times as the correcting form shows them, on the venue's clock.
fn actual_local(times: crate::times::ActualTimes, tz: chrono_tz::Tz) -> ActualLocal {
    let local = |at: Option<DateTime<Utc>>| {
        at.map(|at| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default()
    };
    ActualLocal {
        start: local(times.actual_start),
        end: local(times.actual_end),
    }
}

pub async fn workspace(tx: &mut Tx) -> Result<Workspace> {
    Ok(Workspace {
        assemblies: list_assemblies(tx).await?,
        countries: list_countries(tx).await?,
        members: list_members(tx).await?,
        persons: list_persons(tx).await?,
        committees: list_committees(tx).await?,
    })
}

pub async fn assembly_editor(tx: &mut Tx, number: i64) -> Result<AssemblyEditor> {
    let assembly = get_assembly(tx, number).await?;
    let tz = time_zone(&assembly.time_zone)?;
    let mut sessions = Vec::new();
    for session in list_sessions(tx, assembly.id).await? {
        let items = list_items(tx, session.id).await?;
        let slots = schedule(
            session.planned_start,
            &items
                .iter()
                .map(|i| ItemTiming::planned(i.planned_minutes))
                .collect::<Vec<_>>(),
        );
        let mut editor_items = Vec::new();
        for (item, slot) in items.into_iter().zip(slots) {
            let speakers = list_speakers(tx, item.id).await?;
            let actual = actual_local(actual_times_of(tx, Held::Item(item.id)).await?, tz);
            editor_items.push(EditorItem {
                start: slot.start.with_timezone(&tz).format("%H:%M").to_string(),
                item,
                speakers,
                actual,
            });
        }
        let local = session.planned_start.with_timezone(&tz);
        let actual = actual_local(actual_times_of(tx, Held::Session(session.id)).await?, tz);
        sessions.push(EditorSession {
            start_local: local.format("%Y-%m-%dT%H:%M").to_string(),
            clock: local.format("%H:%M").to_string(),
            session,
            items: editor_items,
            actual,
        });
    }
    let other_assemblies = list_assemblies(tx)
        .await?
        .into_iter()
        .map(|a| a.number)
        .filter(|n| *n != number)
        .collect();
    Ok(AssemblyEditor {
        postponements: list_postponements(tx, assembly.id).await?,
        applications: list_applications(tx, assembly.id).await?,
        members: list_members(tx).await?,
        persons: list_persons(tx).await?,
        sessions,
        assembly,
        other_assemblies,
    })
}
