//! Preparing assemblies: create, edit, postpone, cancel, and copy an earlier agenda as a draft.

use chrono::Utc;

use super::{change, create, log_change};
use crate::auth::{organizer, Actor};
use crate::model::*;
use crate::storage::*;
use crate::{Error, Problem, Result};

pub async fn create_assembly(
    db: &Db,
    actor: Option<&Actor>,
    input: &NewAssembly,
) -> Result<Assembly> {
    let actor = organizer(actor)?;
    create(
        db,
        actor,
        "assembly",
        get_assembly_by_id,
        async |tx: &mut Tx| insert_assembly(tx, input).await,
    )
    .await
}

/// The id of assembly `number` (read in its own transaction).
async fn id_of(db: &Db, number: i64) -> Result<i64> {
    let mut tx = db.read().await?;
    Ok(get_assembly(&mut tx, number).await?.id)
}

pub async fn update_assembly_record(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewAssembly,
) -> Result<Assembly> {
    let actor = organizer(actor)?;
    let id = id_of(db, number).await?;
    change(
        db,
        actor,
        "assembly",
        "update",
        id,
        get_assembly_by_id,
        async |tx: &mut Tx, _: &Assembly| update_assembly(tx, id, input).await,
    )
    .await
}

/// Moves the assembly to a new first day (keeping its length) and its sessions with it, each at
/// the same wall-clock time in the venue's zone (`crate::times::postponed`), and records the
/// postponement with its reason; earlier postponements stay in the history.
pub async fn postpone_assembly(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &PostponeAssembly,
) -> Result<Assembly> {
    let actor = organizer(actor)?;
    input.validate()?;
    let reason = required("reason", &input.reason)?;
    let id = id_of(db, number).await?;
    change(
        db,
        actor,
        "assembly",
        "postpone",
        id,
        get_assembly_by_id,
        async |tx: &mut Tx, a: &Assembly| {
            if matches!(
                a.status,
                AssemblyStatus::Concluded | AssemblyStatus::Cancelled
            ) {
                return Err(Error::invalid(
                    "to_date",
                    Problem::CannotPostpone { status: a.status },
                ));
            }
            if input.to_date <= a.start_date {
                return Err(Error::invalid("to_date", Problem::PostponeNotLater));
            }
            let postponement = NewPostponement {
                from_date: a.start_date,
                to_date: input.to_date,
                reason: reason.clone(),
            };
            insert_postponement(tx, id, &postponement, Utc::now()).await?;
            let length = (a.end_date - a.start_date).num_days();
            let end = crate::times::day_after("to_date", input.to_date, length)?;
            move_assembly(tx, id, input.to_date, end, AssemblyStatus::Postponed).await
        },
    )
    .await
}

pub async fn cancel_assembly_record(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &CancelAssembly,
) -> Result<Assembly> {
    let actor = organizer(actor)?;
    input.validate()?;
    let id = id_of(db, number).await?;
    change(
        db,
        actor,
        "assembly",
        "cancel",
        id,
        get_assembly_by_id,
        async |tx: &mut Tx, a: &Assembly| {
            if a.status == AssemblyStatus::Concluded {
                return Err(Error::invalid("reason", Problem::ConcludedNotCancelled));
            }
            cancel_assembly(tx, id, &input.reason).await
        },
    )
    .await
}

/// Copies the sessions, agenda items and speakers of assembly `from_number` into assembly
/// `number` as a draft: sessions keep their time of day and move by the days between the two
/// assemblies' first days; items start pending. Applications, votes and outcomes are not copied.
pub async fn copy_agenda(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &CopyAgenda,
) -> Result<Vec<Session>> {
    let actor = organizer(actor)?;
    if input.from_number == number {
        return Err(Error::invalid("from_number", Problem::CopyFromItself));
    }
    let mut tx = db.begin().await?;
    let target = get_assembly(&mut tx, number).await?;
    let source = get_assembly(&mut tx, input.from_number)
        .await
        .map_err(|_| {
            Error::invalid(
                "from_number",
                Problem::NoSuchAssembly {
                    number: input.from_number,
                },
            )
        })?;
    // The copies keep their wall-clock time on the target's venue clock, across any change of
    // offset between the two assemblies' days.
    let shift = (target.start_date - source.start_date).num_days();
    let (from_zone, to_zone) = (time_zone(&source.time_zone)?, time_zone(&target.time_zone)?);
    for session in list_sessions(&mut tx, source.id).await? {
        let start = crate::times::moved(
            "from_number",
            session.planned_start,
            from_zone,
            to_zone,
            shift,
        )?;
        let copy = NewSession {
            title: session.title.clone(),
            kind: session.kind,
            planned_start: start.into(),
        };
        let new_session = insert_session(&mut tx, target.id, &copy, start).await?;
        for item in list_items(&mut tx, session.id).await? {
            let new_item = insert_agenda_item(
                &mut tx,
                new_session,
                &NewAgendaItem {
                    kind: item.kind,
                    title: item.title.clone(),
                    planned_minutes: item.planned_minutes,
                },
            )
            .await?;
            for s in list_speakers(&mut tx, item.id).await? {
                let slot = NewSpeakerSlot {
                    person_id: s.person_id,
                    member_id: s.member_id,
                    role: s.role.clone(),
                    delivery: s.delivery,
                };
                insert_speaker_slot(&mut tx, new_item, &slot).await?;
            }
        }
    }
    let sessions = list_sessions(&mut tx, target.id).await?;
    log_change(
        &mut tx,
        actor,
        "assembly.copy_agenda",
        "assembly",
        target.id,
        Some(&input),
        Some(&sessions),
    )
    .await?;
    tx.commit().await?;
    Ok(sessions)
}

/// What the assembly editor shows (organizers only).
pub async fn editor(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
) -> Result<crate::views::AssemblyEditor> {
    organizer(actor)?;
    db.reading(async |tx| assembly_editor(tx, number).await)
        .await
}

/// The workspace overview (organizers only).
pub async fn overview(db: &Db, actor: Option<&Actor>) -> Result<crate::views::Workspace> {
    organizer(actor)?;
    db.reading(async |tx| workspace(tx).await).await
}
