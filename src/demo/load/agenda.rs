//! Writes the agenda: the sessions, their items and speakers, and which items were held by the
//! stage loaded.

use crate::demo::agenda::{parts, Item, Speaker};
use crate::demo::Stage;
use crate::model::{AgendaItemKind, NewAgendaItem, NewPerson, NewSession, NewSpeakerSlot};
use crate::storage::{
    ensure_person, insert_agenda_item, insert_session, insert_speaker_slot, internal, on_tx, Tx,
};
use crate::Result;

use super::register::Members;

/// Writes the four parts of `assembly`, and returns the items written, in order, by kind.
pub async fn load_agenda(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
) -> Result<Vec<(AgendaItemKind, i64)>> {
    let mut item_ids = Vec::new();
    for part in parts() {
        let session = insert_session(
            tx,
            assembly,
            &NewSession {
                title: part.title.into(),
                kind: part.kind,
                planned_start: part.planned_start.into(),
            },
            part.planned_start,
        )
        .await?;
        for item in part.items {
            let kind = item.kind;
            let id = load_item(tx, session, members, item).await?;
            item_ids.push((kind, id));
        }
    }
    Ok(item_ids)
}

async fn load_item(tx: &mut Tx, session: i64, members: &Members, item: Item) -> Result<i64> {
    let id = insert_agenda_item(
        tx,
        session,
        &NewAgendaItem {
            kind: item.kind,
            title: item.title,
            planned_minutes: item.minutes,
        },
    )
    .await?;
    if let Some((speaker, role, delivery)) = item.speaker {
        let (person_id, member_id) = match speaker {
            Speaker::Person {
                name,
                title,
                member,
                body,
            } => {
                let member_id = member.map(|m| members.id(m)).transpose()?;
                let p = NewPerson {
                    name: name.into(),
                    title: title.into(),
                    member_id,
                    body: body.map(Into::into),
                };
                (Some(ensure_person(tx, &p).await?), member_id)
            }
            Speaker::Member(m) => (None, Some(members.id(m)?)),
        };
        insert_speaker_slot(
            tx,
            id,
            &NewSpeakerSlot {
                person_id,
                member_id,
                role: role.into(),
                delivery,
            },
        )
        .await?;
    }
    Ok(id)
}

/// Marks the items held by `stage`: a concluded assembly has held every item of its agenda;
/// before the votes, the opening ceremony (the first part) is over.
pub async fn mark_held(tx: &mut Tx, assembly: i64, stage: Stage) -> Result<()> {
    let held = match stage {
        Stage::Concluded => "SELECT id FROM sessions WHERE assembly_id = $1",
        Stage::BeforeVotes => {
            "SELECT id FROM sessions WHERE assembly_id = $1 ORDER BY position LIMIT 1"
        }
        Stage::Planned => return Ok(()),
    };
    let sql = format!("UPDATE agenda_items SET status = 'done' WHERE session_id IN ({held})");
    on_tx!(tx, c => sqlx::query(&sql).bind(assembly).execute(c).await.map(|r| r.rows_affected()))
        .map_err(internal)?;
    Ok(())
}
