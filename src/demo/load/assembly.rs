//! Writes the assembly: the assembly and its postponement, its agenda, what its items were
//! about (applications, reports, presentations, the declaration) and its attendance.

use chrono::{DateTime, Duration, Utc};

use crate::demo::agenda::PRESENTERS;
use crate::demo::assembly::{assembly, postponement, reports, APPLICATIONS, DECLARATION};
use crate::demo::Stage;
use crate::model::{
    AgendaItemKind, AssemblyStatus, DeclarationInput, NewApplication, NewCommittee,
    NewPresentation, NewReport,
};
use crate::storage::{
    ensure_committee, get_item, get_session, insert_application, insert_assembly,
    insert_postponement, insert_presentation, insert_report, save_declaration, Tx,
};
use crate::Result;

use super::agenda::{load_agenda, mark_held};
use super::attendance::load_attendance;
use super::register::Members;

/// The agenda items written, in order, by kind.
type ItemIds = [(AgendaItemKind, i64)];

/// Writes the assembly as it stood at `stage` and returns its id.
pub async fn load_assembly(tx: &mut Tx, members: &Members, stage: Stage) -> Result<i64> {
    let status = match stage {
        // Concluded once its votes are taken (`load_at`).
        Stage::Concluded | Stage::BeforeVotes => AssemblyStatus::InProgress,
        Stage::Planned => AssemblyStatus::Planned,
    };
    let assembly = insert_assembly(tx, &assembly(status)).await?;
    let (postponement, decided) = postponement();
    insert_postponement(tx, assembly, &postponement, decided).await?;
    let item_ids = load_agenda(tx, assembly, members).await?;
    mark_held(tx, assembly, stage).await?;
    load_applications(tx, assembly, members, &item_ids).await?;
    load_reports(tx, assembly, members, &item_ids).await?;
    load_presentations(tx, assembly, members, &item_ids).await?;
    load_declaration(tx, assembly, stage, &item_ids).await?;
    load_attendance(tx, assembly, members).await?;
    Ok(assembly)
}

fn items_of(kind: AgendaItemKind, item_ids: &ItemIds) -> Vec<i64> {
    item_ids
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| *id)
        .collect()
}

async fn load_applications(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &ItemIds,
) -> Result<()> {
    let items = items_of(AgendaItemKind::Application, item_ids);
    for (i, a) in APPLICATIONS.iter().enumerate() {
        let application = NewApplication {
            kind: a.kind,
            applicant_member_id: members.id(a.applicant)?,
            agenda_item_id: items.get(i).copied(),
            term: a.term,
            membership_kind: a.membership_kind,
            statement: None,
        };
        insert_application(tx, assembly, &application).await?;
    }
    Ok(())
}

async fn load_reports(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &ItemIds,
) -> Result<()> {
    let items = items_of(AgendaItemKind::Report, item_ids);
    for (committee, member, item) in reports() {
        let committee_id = ensure_committee(
            tx,
            &NewCommittee {
                name: committee.into(),
                coordinating_member_id: Some(members.id(member)?),
            },
        )
        .await?;
        let report = NewReport {
            agenda_item_id: items.get(item).copied(),
            committee_id,
            presenting_member_id: members.id(member)?,
            outcomes: None,
            next_meeting_place: None,
            next_meeting_date: None,
        };
        insert_report(tx, assembly, &report).await?;
    }
    Ok(())
}

/// The nine representative presentations, one per presentation item (topics not in the source).
async fn load_presentations(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &ItemIds,
) -> Result<()> {
    let items = items_of(AgendaItemKind::Presentation, item_ids);
    for (member, item) in PRESENTERS.iter().zip(items) {
        let presentation = NewPresentation {
            agenda_item_id: Some(item),
            member_id: members.id(member)?,
            topic: None,
        };
        insert_presentation(tx, assembly, &presentation).await?;
    }
    Ok(())
}

async fn load_declaration(
    tx: &mut Tx,
    assembly: i64,
    stage: Stage,
    item_ids: &ItemIds,
) -> Result<()> {
    let item = items_of(AgendaItemKind::Declaration, item_ids)
        .first()
        .copied();
    let declaration = DeclarationInput {
        title: DECLARATION.into(),
        agenda_item_id: item,
        // Adopted when its item, the last of the closing, ended.
        adopted_at: match (stage, item) {
            (Stage::Concluded, Some(item)) => Some(item_end(tx, item).await?),
            _ => None,
        },
        texts: Vec::new(),
    };
    save_declaration(tx, assembly, &declaration).await?;
    Ok(())
}

/// When an item planned alone in its session ends: the session's start plus the item's minutes.
async fn item_end(tx: &mut Tx, item: i64) -> Result<DateTime<Utc>> {
    let item = get_item(tx, item).await?;
    let session = get_session(tx, item.session_id).await?;
    Ok(session.planned_start + Duration::minutes(item.planned_minutes))
}
