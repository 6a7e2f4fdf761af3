//! Building the agenda: sessions, their items and speakers, and the applications on it.

use chrono::{DateTime, Utc};

use super::{change, create, remove};
use crate::auth::{organizer, Actor};
use crate::model::*;
use crate::rules;
use crate::storage::*;
use crate::times::{ActualTimes, ActualTimesInput, VenueTime};
use crate::{Error, Problem, Result};

/// The instant a session starts, its given start read on the venue's clock, checked to fall on
/// one of its assembly's days (in the venue's calendar).
fn session_start(assembly: &Assembly, s: &NewSession) -> Result<DateTime<Utc>> {
    let tz = time_zone(&assembly.time_zone)?;
    let start = s.planned_start.resolve("planned_start", tz)?;
    let day = start.with_timezone(&tz).date_naive();
    rules::session_within_assembly(day, assembly.start_date, assembly.end_date)?;
    Ok(start)
}

pub async fn add_session(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewSession,
) -> Result<Session> {
    let actor = organizer(actor)?;
    create(db, actor, "session", get_session, async |tx: &mut Tx| {
        let assembly = get_assembly(tx, number).await?;
        let start = session_start(&assembly, input)?;
        insert_session(tx, assembly.id, input, start).await
    })
    .await
}

pub async fn update_session_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewSession,
) -> Result<Session> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "session",
        "update",
        id,
        get_session,
        async |tx: &mut Tx, s: &Session| {
            let start = session_start(&get_assembly_by_id(tx, s.assembly_id).await?, input)?;
            update_session(tx, id, input, start).await
        },
    )
    .await
}

/// Corrects the actual start and end of a session or an agenda item afterwards (organizers), as
/// for an assembly recorded after the day: times on the venue's clock or with their offset, the
/// end after the start, both empty for "not held". Audited with the times before and after;
/// the live view is published anew, since its day shows these times.
pub async fn correct_actual_times(
    db: &Db,
    publisher: Option<&dyn Publisher>,
    actor: Option<&Actor>,
    held: Held,
    input: &ActualTimesInput,
) -> Result<ActualTimes> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let session_id = match held {
        Held::Session(id) => id,
        Held::Item(id) => get_item(&mut tx, id).await?.session_id,
    };
    let session = get_session(&mut tx, session_id).await?;
    let assembly = get_assembly_by_id(&mut tx, session.assembly_id).await?;
    let tz = time_zone(&assembly.time_zone)?;
    let resolve = |field: &str, at: Option<VenueTime>| at.map(|t| t.resolve(field, tz)).transpose();
    let times = crate::times::actual_times(
        resolve("actual_start", input.actual_start)?,
        resolve("actual_end", input.actual_end)?,
    )?;
    crate::times::on_assembly_days(&times, tz, assembly.start_date, assembly.end_date)?;
    let before = actual_times_of(&mut tx, held).await?;
    set_actual_times(&mut tx, held, &times).await?;
    let entity = held.entity();
    super::log_change(
        &mut tx,
        actor,
        &format!("{entity}.actual_times"),
        entity,
        held.id(),
        Some(&before),
        Some(&times),
    )
    .await?;
    super::live::commit_and_publish(tx, publisher, assembly.number).await?;
    Ok(times)
}

pub async fn delete_session_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "session",
        id,
        get_session,
        async |tx: &mut Tx, s: &Session| {
            delete_session(tx, id).await?;
            close_gap(tx, Ordered::Sessions, s.assembly_id).await
        },
    )
    .await
}

pub async fn move_session(db: &Db, actor: Option<&Actor>, id: i64, to: MoveTo) -> Result<Session> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "session",
        "move",
        id,
        get_session,
        async |tx: &mut Tx, s: &Session| {
            reorder_within(tx, Ordered::Sessions, s.assembly_id, id, to).await
        },
    )
    .await
}

pub async fn add_item(
    db: &Db,
    actor: Option<&Actor>,
    session_id: i64,
    input: &NewAgendaItem,
) -> Result<AgendaItem> {
    let actor = organizer(actor)?;
    create(db, actor, "agenda_item", get_item, async |tx: &mut Tx| {
        get_session(tx, session_id).await?;
        insert_agenda_item(tx, session_id, input).await
    })
    .await
}

pub async fn update_item_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewAgendaItem,
) -> Result<AgendaItem> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "agenda_item",
        "update",
        id,
        get_item,
        async |tx: &mut Tx, _: &AgendaItem| update_item(tx, id, input).await,
    )
    .await
}

pub async fn delete_item_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "agenda_item",
        id,
        get_item,
        async |tx: &mut Tx, i: &AgendaItem| {
            delete_item(tx, id).await?;
            close_gap(tx, Ordered::AgendaItems, i.session_id).await
        },
    )
    .await
}

/// Moves an item within its session, or into another session of the same assembly.
pub async fn move_item(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &MoveItem,
) -> Result<AgendaItem> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "agenda_item",
        "move",
        id,
        get_item,
        async |tx: &mut Tx, item: &AgendaItem| {
            let target = input.session_id.unwrap_or(item.session_id);
            if target != item.session_id {
                let from = get_session(tx, item.session_id).await?;
                let to = get_session(tx, target)
                    .await
                    .map_err(|_| Error::invalid("session_id", Problem::NoSuchSession))?;
                if from.assembly_id != to.assembly_id {
                    return Err(Error::invalid(
                        "session_id",
                        Problem::ItemMovesWithinAssembly,
                    ));
                }
                set_item_session(tx, id, target).await?;
                close_gap(tx, Ordered::AgendaItems, item.session_id).await?;
                // Join the new session at its end, then move from there.
                let mut joined: Vec<i64> = ordered_ids(tx, Ordered::AgendaItems, target).await?;
                joined.retain(|i| *i != id);
                joined.push(id);
                renumber(tx, Ordered::AgendaItems, &joined).await?;
            }
            reorder_within(tx, Ordered::AgendaItems, target, id, input.to).await
        },
    )
    .await
}

/// Checks that a speaker slot names people and members that exist.
async fn speaker_refers_to_existing(tx: &mut Tx, s: &NewSpeakerSlot) -> Result<()> {
    if let Some(p) = s.person_id {
        get_person(tx, p)
            .await
            .map_err(|_| Error::invalid("person_id", Problem::NoSuchPerson))?;
    }
    if let Some(m) = s.member_id {
        get_member(tx, m)
            .await
            .map_err(|_| Error::invalid("member_id", Problem::NoSuchMember))?;
    }
    Ok(())
}

pub async fn add_speaker(
    db: &Db,
    actor: Option<&Actor>,
    item_id: i64,
    input: &NewSpeakerSlot,
) -> Result<SpeakerSlot> {
    let actor = organizer(actor)?;
    create(
        db,
        actor,
        "speaker_slot",
        get_speaker,
        async |tx: &mut Tx| {
            get_item(tx, item_id).await?;
            input.validate()?;
            speaker_refers_to_existing(tx, input).await?;
            insert_speaker_slot(tx, item_id, input).await
        },
    )
    .await
}

pub async fn update_speaker_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewSpeakerSlot,
) -> Result<SpeakerSlot> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "speaker_slot",
        "update",
        id,
        get_speaker,
        async |tx: &mut Tx, _: &SpeakerSlot| {
            input.validate()?;
            speaker_refers_to_existing(tx, input).await?;
            update_speaker(tx, id, input).await
        },
    )
    .await
}

pub async fn delete_speaker_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "speaker_slot",
        id,
        get_speaker,
        async |tx: &mut Tx, s: &SpeakerSlot| {
            delete_speaker(tx, id).await?;
            close_gap(tx, Ordered::SpeakerSlots, s.agenda_item_id).await
        },
    )
    .await
}

pub async fn move_speaker(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    to: MoveTo,
) -> Result<SpeakerSlot> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "speaker_slot",
        "move",
        id,
        get_speaker,
        async |tx: &mut Tx, s: &SpeakerSlot| {
            reorder_within(tx, Ordered::SpeakerSlots, s.agenda_item_id, id, to).await
        },
    )
    .await
}

/// Checks an application against the register: a chairmanship is for the term after the current
/// one; a membership applicant is not already an active member of that kind.
async fn application_fits(tx: &mut Tx, a: &NewApplication) -> Result<()> {
    a.validate()?;
    let applicant = get_member(tx, a.applicant_member_id)
        .await
        .map_err(|_| Error::invalid("applicant_member_id", Problem::ChooseApplicant))?;
    match a.kind {
        ApplicationKind::Chairmanship => {
            rules::chair_term_follows(current_chair_term(tx).await?, a.term.unwrap_or(0))
        }
        ApplicationKind::Membership => rules::membership_applicant(
            applicant.status,
            applicant.kind,
            a.membership_kind.unwrap_or(MemberKind::Member),
        ),
    }
}

pub async fn create_application(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewApplication,
) -> Result<Application> {
    let actor = organizer(actor)?;
    create(
        db,
        actor,
        "application",
        get_application,
        async |tx: &mut Tx| {
            let assembly = get_assembly(tx, number).await?;
            application_fits(tx, input).await?;
            insert_application(tx, assembly.id, input).await
        },
    )
    .await
}

pub async fn update_application_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewApplication,
) -> Result<Application> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "application",
        "update",
        id,
        get_application,
        async |tx: &mut Tx, _: &Application| {
            application_fits(tx, input).await?;
            update_application(tx, id, input).await
        },
    )
    .await
}

pub async fn delete_application_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "application",
        id,
        get_application,
        async |tx: &mut Tx, _: &Application| delete_application(tx, id).await,
    )
    .await
}
