//! Takes the votes of session 1 as they happened, through the same actions as live votes.

use chrono::Duration;

use crate::actions::{cast_ballot_in, close_vote_in, open_vote_in};
use crate::agenda::{schedule, ItemTiming, Slot};
use crate::auth::{Actor, Role};
use crate::demo::NUMBER;
use crate::model::{BallotChoice, CastBallot, CloseVote, NewVote};
use crate::storage::{
    electorate, get_assembly, get_item, get_session, list_applications, list_items, Tx,
};
use crate::{Error, Result};

/// The secretariat as it appears in the audit log of the demo's votes.
fn demo_organizer() -> Actor {
    Actor {
        user_id: 0,
        email: "demo@plenary.invalid".into(),
        name: "plenary demo".into(),
        role: Role::Organizer,
        member_id: None,
    }
}

/// Session 1 as it happened: each application put to a roll-call vote, every member present
/// in favour. The votes run through the same actions as live ones, so the decisions, the
/// tallies and the changes to the register (Liaoning the 79th member, Ulsan chair for the
/// 14th term) are derived, not written in. Each vote carries the time of its agenda item on
/// the day (opened as the item began, ballots a minute later, closed as it ended), not the
/// moment the demo was loaded.
pub async fn take_the_reference_votes(tx: &mut Tx) -> Result<()> {
    let actor = demo_organizer();
    let assembly = get_assembly(tx, NUMBER).await?;
    for application in list_applications(tx, assembly.id).await? {
        let input = NewVote {
            application_id: Some(application.id),
            ..NewVote::default()
        };
        let slot = match application.agenda_item_id {
            Some(item) => item_slot(tx, item).await?,
            None => {
                tracing::error!(
                    application = application.id,
                    "a demo application without its item"
                );
                return Err(Error::Internal);
            }
        };
        let vote = open_vote_in(tx, &actor, NUMBER, &input, slot.start).await?;
        let (_, present) = electorate(tx, &vote).await?;
        let cast_at = (slot.start + Duration::minutes(1)).min(slot.end);
        for member in present {
            let ballot = CastBallot {
                member_id: member.id,
                choice: BallotChoice::Yes,
            };
            cast_ballot_in(tx, &actor, vote.id, &ballot, cast_at).await?;
        }
        close_vote_in(tx, &actor, vote.id, &CloseVote::default(), slot.end).await?;
    }
    Ok(())
}

/// When agenda item `item` was held, by its session's derived times (`agenda::schedule`).
async fn item_slot(tx: &mut Tx, item: i64) -> Result<Slot> {
    let session_id = get_item(tx, item).await?.session_id;
    let session = get_session(tx, session_id).await?;
    let items = list_items(tx, session.id).await?;
    let timings: Vec<ItemTiming> = items
        .iter()
        .map(|i| ItemTiming::planned(i.planned_minutes))
        .collect();
    let slots = schedule(session.planned_start, &timings);
    items
        .iter()
        .zip(slots)
        .find(|(i, _)| i.id == item)
        .map(|(_, slot)| slot)
        .ok_or(Error::Internal)
}
