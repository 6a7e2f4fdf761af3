//! Read models for the pages: what `views` describes, loaded from storage in a few queries per
//! page (never one per row) and placed in the venue's time zone.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{
    get_assembly, get_member, internal, list_assemblies, list_postponements, on_db, on_tx, stored,
    time_zone, Db, Tx,
};
use crate::agenda::{schedule, ItemTiming};
use crate::attendance::{participants, summarize, AttendanceLine, Attendant, SessionRef};
use crate::model::*;
use crate::times::shown_span;
use crate::views::*;
use crate::Result;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    title: String,
    kind: String,
    planned_start: DateTime<Utc>,
    actual_start: Option<DateTime<Utc>>,
    actual_end: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    session_id: i64,
    position: i64,
    kind: String,
    title: String,
    planned_minutes: i64,
    status: String,
    actual_start: Option<DateTime<Utc>>,
    actual_end: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct SpeakerRow {
    agenda_item_id: i64,
    person: Option<String>,
    person_title: Option<String>,
    person_member: Option<String>,
    person_body: Option<String>,
    on_behalf_of: Option<String>,
    role: String,
    delivery: String,
}

#[derive(sqlx::FromRow)]
struct AttendanceRow {
    member_id: Option<i64>,
    member: Option<String>,
    member_kind: Option<String>,
    member_status: Option<String>,
    country_code: Option<String>,
    country_name: Option<String>,
    guest_name: Option<String>,
    guest_kind: Option<String>,
    session_order: Option<i64>,
    session_title: Option<String>,
    mode: String,
    delegates: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    country: String,
    name: String,
    kind: String,
    status: String,
    ordinal: Option<i64>,
    joined: Option<chrono::NaiveDate>,
}

async fn association_name(db: &Db) -> Result<(String, String, String)> {
    let row: Option<(String, String, String)> = on_db!(db, c => sqlx::query_as(
        "SELECT name, short_name, secretariat FROM association WHERE id = 1").fetch_optional(c).await)
    .map_err(internal)?;
    Ok(row.unwrap_or_else(|| ("Plenary".into(), "Plenary".into(), String::new())))
}

pub(crate) fn shown(at: DateTime<Utc>, tz: Tz) -> ShownTime {
    ShownTime {
        utc: at.to_rfc3339(),
        local: at.with_timezone(&tz).format("%H:%M").to_string(),
    }
}

/// The association's front page.
pub async fn home_page(db: &Db) -> Result<HomePage> {
    let (association, short_name, secretariat) = association_name(db).await?;
    let assemblies = db
        .reading(async |tx| list_assemblies(tx).await)
        .await?
        .into_iter()
        .map(|a| AssemblySummary {
            number: a.number,
            title: a.title,
            start_date: a.start_date,
            venue: a.venue,
            mode: a.mode,
            status: a.status,
        })
        .collect();
    Ok(HomePage {
        association,
        short_name,
        secretariat,
        assemblies,
    })
}

/// The agenda of assembly `number`: sessions, items with derived times, speakers.
pub async fn agenda_page(db: &Db, number: i64) -> Result<AgendaPage> {
    db.reading(async |tx| {
        let a = get_assembly(tx, number).await?;
        let sessions = load_sessions(tx, a.id, time_zone(&a.time_zone)?).await?;
        Ok(AgendaPage {
            number: a.number,
            title: a.title,
            status: a.status,
            postponements: list_postponements(tx, a.id).await?,
            date: a.start_date,
            time_zone: a.time_zone,
            sessions,
        })
    })
    .await
}

/// The page of assembly `number`: when, where, mode, postponements, attendance, sessions.
pub async fn assembly_page(db: &Db, number: i64) -> Result<AssemblyPage> {
    let (association, _, _) = association_name(db).await?;
    let (a, host, postponements, sessions) = db
        .reading(async |tx| {
            let a = get_assembly(tx, number).await?;
            let host = host_name(tx, &a).await?;
            let sessions = load_sessions(tx, a.id, time_zone(&a.time_zone)?).await?;
            let postponements = list_postponements(tx, a.id).await?;
            Ok((a, host, postponements, sessions))
        })
        .await?;
    let attendance = attendance_summary(db, a.id).await?;
    let sessions = sessions
        .into_iter()
        .map(|s| SessionHeading {
            title: s.title,
            start: s.start,
            end: s.end,
            items: s.items.len(),
        })
        .collect();
    Ok(AssemblyPage {
        association,
        number: a.number,
        title: a.title,
        slogan: a.slogan,
        start_date: a.start_date,
        end_date: a.end_date,
        venue: a.venue,
        host,
        mode: a.mode,
        status: a.status,
        time_zone: a.time_zone,
        postponements,
        attendance,
        sessions,
        chairs: chairs(db)
            .await?
            .into_iter()
            .filter(|c| c.role != ChairRole::Past)
            .collect(),
    })
}

/// The name of the member government hosting assembly `a`, if any.
pub(crate) async fn host_name(tx: &mut Tx, a: &Assembly) -> Result<Option<String>> {
    match a.host_member_id {
        Some(id) => Ok(Some(get_member(tx, id).await?.name)),
        None => Ok(None),
    }
}

/// The totals of who took part in the assembly, for all of it or some of its sessions.
pub async fn attendance_summary(db: &Db, assembly_id: i64) -> Result<AttendanceSummary> {
    let lines = db
        .reading(async |tx| attendance_lines(tx, assembly_id).await)
        .await?;
    Ok(summarize(&participants(&lines)))
}

/// Every attendance line of the assembly, whole-assembly and per session: member governments
/// first (by country, then name), then guests, each one's lines in session order. The core folds
/// them into who took part (`attendance::participants`).
pub(crate) async fn attendance_lines(tx: &mut Tx, assembly_id: i64) -> Result<Vec<AttendanceLine>> {
    let rows: Vec<AttendanceRow> = on_tx!(tx, c => sqlx::query_as(
        // A government admitted by this very assembly took part as an applicant: it is counted
        // with the members from the next assembly on.
        "SELECT m.id AS member_id, m.name AS member, m.kind AS member_kind,
                CASE WHEN EXISTS (SELECT 1 FROM decisions d JOIN applications ap ON ap.id = d.application_id
                                  WHERE d.assembly_id = at.assembly_id AND d.effect = 'admit_member'
                                    AND d.reversed_at IS NULL AND ap.applicant_member_id = m.id)
                     THEN 'applicant' ELSE m.status END AS member_status,
                co.code AS country_code, co.name AS country_name,
                at.guest_name, at.guest_kind, s.position AS session_order, s.title AS session_title,
                at.mode, at.delegates
         FROM attendance at
         LEFT JOIN members m ON m.id = at.member_id
         LEFT JOIN countries co ON co.id = m.country_id
         LEFT JOIN sessions s ON s.id = at.session_id
         WHERE at.assembly_id = $1
         ORDER BY CASE WHEN at.member_id IS NULL THEN 1 ELSE 0 END, co.name, m.name, m.id,
                  at.guest_name, CASE WHEN at.session_id IS NULL THEN 0 ELSE 1 END, s.position, s.id, at.id")
        .bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;
    rows.into_iter().map(attendance_line).collect()
}

fn attendance_line(r: AttendanceRow) -> Result<AttendanceLine> {
    let attendant = match (r.member_id, r.member) {
        (Some(id), Some(name)) => Attendant::Member {
            id,
            name,
            kind: stored("members.kind", r.member_kind.as_deref().unwrap_or_default())?,
            status: stored(
                "members.status",
                r.member_status.as_deref().unwrap_or_default(),
            )?,
            country: crate::record::CountryName {
                code: r.country_code.unwrap_or_default(),
                name: r.country_name.unwrap_or_default(),
            },
        },
        _ => Attendant::Guest {
            name: r.guest_name.unwrap_or_default(),
            kind: stored(
                "attendance.guest_kind",
                r.guest_kind.as_deref().unwrap_or_default(),
            )?,
        },
    };
    // Positions order the sessions; a title without one (never written so) still sorts.
    let session = r.session_title.map(|title| SessionRef {
        order: r.session_order.unwrap_or(i64::MAX),
        title,
    });
    Ok(AttendanceLine {
        attendant,
        session,
        mode: stored("attendance.mode", &r.mode)?,
        delegates: r.delegates,
    })
}

/// Sessions with their items, speakers and derived times: three queries for the whole assembly.
pub(crate) async fn load_sessions(
    tx: &mut Tx,
    assembly_id: i64,
    tz: Tz,
) -> Result<Vec<SessionView>> {
    let sessions: Vec<SessionRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, title, kind, planned_start, actual_start, actual_end FROM sessions WHERE assembly_id = $1 ORDER BY position, id")
        .bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;
    let items: Vec<ItemRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT i.id, i.session_id, i.position, i.kind, i.title, i.planned_minutes, i.status, i.actual_start, i.actual_end
         FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE s.assembly_id = $1 ORDER BY i.session_id, i.position, i.id")
        .bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;
    let speakers: Vec<SpeakerRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT sp.agenda_item_id, p.name AS person, p.title AS person_title, pm.name AS person_member,
                p.body AS person_body, bm.name AS on_behalf_of, sp.role, sp.delivery
         FROM speaker_slots sp
         JOIN agenda_items i ON i.id = sp.agenda_item_id
         JOIN sessions s ON s.id = i.session_id
         LEFT JOIN persons p ON p.id = sp.person_id
         LEFT JOIN members pm ON pm.id = p.member_id
         LEFT JOIN members bm ON bm.id = sp.member_id
         WHERE s.assembly_id = $1 ORDER BY sp.agenda_item_id, sp.position, sp.id")
        .bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;

    let mut speakers_by_item: BTreeMap<i64, Vec<SpeakerView>> = BTreeMap::new();
    for s in speakers {
        speakers_by_item
            .entry(s.agenda_item_id)
            .or_default()
            .push(SpeakerView {
                name: s.person,
                title: s.person_title,
                affiliation: s.person_member.or(s.person_body),
                on_behalf_of: s.on_behalf_of,
                role: s.role,
                delivery: stored("speaker_slots.delivery", &s.delivery)?,
            });
    }
    let mut items_by_session: BTreeMap<i64, Vec<ItemRow>> = BTreeMap::new();
    for item in items {
        items_by_session
            .entry(item.session_id)
            .or_default()
            .push(item);
    }

    sessions
        .into_iter()
        .map(|s| {
            let rows = items_by_session.remove(&s.id).unwrap_or_default();
            let timings: Vec<ItemTiming> = rows
                .iter()
                .map(|r| ItemTiming {
                    planned_minutes: r.planned_minutes,
                    actual_start: r.actual_start,
                    actual_end: r.actual_end,
                })
                .collect();
            let slots = schedule(s.planned_start, &timings);
            // The session's planned length is its items' planned minutes, whatever they took.
            let planned: i64 = rows.iter().map(|r| r.planned_minutes).sum();
            let span = shown_span(s.planned_start, planned, s.actual_start, s.actual_end);
            let items = rows
                .into_iter()
                .zip(slots)
                .map(|(r, slot)| {
                    // Before it is held, an item's planned start follows the one before it.
                    let span =
                        shown_span(slot.start, r.planned_minutes, r.actual_start, r.actual_end);
                    Ok(AgendaItemView {
                        id: r.id,
                        position: r.position,
                        kind: stored("agenda_items.kind", &r.kind)?,
                        title: r.title,
                        planned_minutes: r.planned_minutes,
                        status: stored("agenda_items.status", &r.status)?,
                        start: shown(span.start, tz),
                        end: span.end.map(|end| shown(end, tz)),
                        speakers: speakers_by_item.remove(&r.id).unwrap_or_default(),
                    })
                })
                .collect::<Result<_>>()?;
            Ok(SessionView {
                id: s.id,
                title: s.title,
                kind: stored("sessions.kind", &s.kind)?,
                start: shown(span.start, tz),
                end: span.end.map(|end| shown(end, tz)),
                items,
            })
        })
        .collect()
}

/// The chairs by term, each with where it stands (see `rules::chair_roles`).
pub async fn chairs(db: &Db) -> Result<Vec<ChairView>> {
    let rows: Vec<(i64, String, String, Option<i64>)> = on_db!(db, c => sqlx::query_as(
        "SELECT ch.term, m.name, co.name, ch.decision_id FROM chairmanships ch
         JOIN members m ON m.id = ch.member_id JOIN countries co ON co.id = m.country_id
         ORDER BY ch.term")
        .fetch_all(c).await)
    .map_err(internal)?;
    let last_elected = rows.last().is_some_and(|r| r.3.is_some());
    let roles = crate::rules::chair_roles(rows.len(), last_elected);
    Ok(rows
        .into_iter()
        .zip(roles)
        .map(|((term, member, country, _), role)| ChairView {
            term,
            member,
            country,
            role,
        })
        .collect())
}

/// The member register, grouped by country, with the chairs by term.
pub async fn register_page(db: &Db) -> Result<RegisterPage> {
    let (association, _, _) = association_name(db).await?;
    let rows: Vec<MemberRow> = on_db!(db, c => sqlx::query_as(
        "SELECT co.name AS country, m.name, m.kind, m.status, m.ordinal, m.joined
         FROM members m JOIN countries co ON co.id = m.country_id
         WHERE m.status <> 'archived'
         ORDER BY co.name, CASE WHEN m.ordinal IS NULL THEN 1 ELSE 0 END, m.ordinal, m.name")
        .fetch_all(c).await)
    .map_err(internal)?;
    let chairs = chairs(db).await?;

    let mut countries: Vec<CountryMembers> = Vec::new();
    let mut active_members = 0;
    let mut associate_members = 0;
    let mut member_countries = std::collections::BTreeSet::new();
    for r in rows {
        let member = MemberView {
            name: r.name,
            kind: stored("members.kind", &r.kind)?,
            status: stored("members.status", &r.status)?,
            ordinal: r.ordinal,
            joined: r.joined,
        };
        match (member.kind, member.status) {
            (MemberKind::Member, MemberStatus::Active) => {
                active_members += 1;
                member_countries.insert(r.country.clone());
            }
            (MemberKind::Associate, MemberStatus::Active) => associate_members += 1,
            _ => {}
        }
        match countries.last_mut() {
            Some(group) if group.country == r.country => group.members.push(member),
            _ => countries.push(CountryMembers {
                country: r.country,
                members: vec![member],
            }),
        }
    }
    Ok(RegisterPage {
        association,
        active_members,
        member_countries: member_countries.len() as i64,
        associate_members,
        chairs,
        countries,
    })
}
