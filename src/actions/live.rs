//! Running the meeting from the control panel: each command changes the live state in one
//! transaction, records actual times, is audited, and becomes one numbered event of the live
//! stream, which is published to the subscribers once the transaction has committed.

use chrono::{DateTime, Utc};

use super::log_change;
use crate::auth::{organizer, Actor};
use crate::live::{next_item, speaking_time, Command, Timer};
use crate::model::{AgendaItemStatus, AssemblyStatus};
use crate::storage::*;
use crate::views::LiveView;
use crate::{rules, Error, Problem, Result};

/// The most a countdown can be lengthened or shortened by at once: a day.
const MAX_EXTEND: i64 = 24 * 60 * 60;

/// Carries out `command` on assembly `number`; the new live view.
pub async fn control(
    db: &Db,
    publisher: Option<&dyn Publisher>,
    actor: Option<&Actor>,
    number: i64,
    command: Command,
) -> Result<LiveView> {
    let actor = organizer(actor)?;
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, number).await?;
    let before = live_state(&mut tx, assembly.id).await?;
    let mut state = before.clone();
    apply(&mut tx, assembly.id, &mut state, command, now).await?;
    save_live_state(&mut tx, assembly.id, &state).await?;
    log_change(
        &mut tx,
        actor,
        "live.control",
        "assembly",
        assembly.id,
        super::NONE,
        Some(&command),
    )
    .await?;
    commit_and_publish(tx, publisher, number).await
}

/// Appends the live state of assembly `number` as its next event, commits `tx`, and only then
/// publishes the event; the new live view. Every change the live pages show ends this way.
pub(super) async fn commit_and_publish(
    mut tx: Tx,
    publisher: Option<&dyn Publisher>,
    number: i64,
) -> Result<LiveView> {
    let (view, event) = state_event(&mut tx, number).await?;
    tx.commit().await?;
    if let Some(publisher) = publisher {
        publisher.publish(event);
    }
    Ok(view)
}

/// Appends the assembly's live state as its next event, inside `tx`.
async fn state_event(tx: &mut Tx, number: i64) -> Result<(LiveView, LiveEvent)> {
    let assembly = get_assembly(tx, number).await?;
    lock_events(tx, assembly.id).await?;
    let state = live_state(tx, assembly.id).await?;
    let id = last_event_id(tx, assembly.id).await? + 1;
    let view = live_view(tx, &assembly, &state, id).await?;
    let data = super::json(&view)?;
    append_event(tx, assembly.id, "state", &data, id).await?;
    let event = LiveEvent {
        assembly: number,
        id,
        kind: "state".into(),
        data: data.into(),
    };
    Ok((view, event))
}

/// Sends the current state of assembly `number` as a new event: the server calls this after a
/// burst of ballots, at most a few times a second, instead of once per ballot.
pub async fn publish_state(db: &Db, publisher: &dyn Publisher, number: i64) -> Result<LiveView> {
    commit_and_publish(db.begin().await?, Some(publisher), number).await
}

/// Ends the current item (done, with its actual end) and clears it.
async fn finish_current(tx: &mut Tx, state: &mut LiveState, now: DateTime<Utc>) -> Result<()> {
    if let Some(current) = state.current_item_id.take() {
        set_item_progress(tx, current, AgendaItemStatus::Done, None, Some(now), false).await?;
    }
    state.speaker_index = 0;
    state.timer = Timer::default();
    Ok(())
}

/// Makes `item_id` the current item, ending the one before it.
async fn start_item(
    tx: &mut Tx,
    assembly_id: i64,
    state: &mut LiveState,
    item_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let session = item_session(tx, assembly_id, item_id).await?;
    if state.current_item_id != Some(item_id) {
        finish_current(tx, state, now).await?;
    }
    set_item_progress(
        tx,
        item_id,
        AgendaItemStatus::Current,
        Some(now),
        None,
        true,
    )
    .await?;
    set_session_times(tx, session, Some(now), None).await?;
    let (minutes, speakers) = agenda_items(tx, assembly_id)
        .await?
        .into_iter()
        .find(|(id, ..)| *id == item_id)
        .map(|(_, _, m, s)| (m, s))
        .unwrap_or((0, 0));
    state.current_item_id = Some(item_id);
    state.speaker_index = 0;
    state.timer = Timer::new(speaking_time(minutes, speakers as usize));
    Ok(())
}

async fn apply(
    tx: &mut Tx,
    assembly_id: i64,
    state: &mut LiveState,
    command: Command,
    now: DateTime<Utc>,
) -> Result<()> {
    match command {
        Command::StartAssembly => {
            set_assembly_status(tx, assembly_id, AssemblyStatus::InProgress).await
        }
        Command::EndAssembly => {
            finish_current(tx, state, now).await?;
            set_assembly_status(tx, assembly_id, AssemblyStatus::Concluded).await
        }
        Command::StartSession { session_id } => {
            let session = get_session(tx, session_id)
                .await
                .map_err(|_| Error::invalid("session_id", Problem::NoSuchSession))?;
            if session.assembly_id != assembly_id {
                return Err(Error::invalid("session_id", Problem::SessionNotInAssembly));
            }
            set_session_times(tx, session_id, Some(now), None).await?;
            let first = list_items(tx, session_id)
                .await?
                .into_iter()
                .find(|i| i.status == AgendaItemStatus::Pending);
            match first {
                Some(item) => start_item(tx, assembly_id, state, item.id, now).await,
                None => Ok(()),
            }
        }
        Command::EndSession { session_id } => {
            let items = list_items(tx, session_id).await?;
            if state
                .current_item_id
                .is_some_and(|c| items.iter().any(|i| i.id == c))
            {
                finish_current(tx, state, now).await?;
            }
            set_session_times(tx, session_id, None, Some(now)).await
        }
        Command::SetItem { item_id } => start_item(tx, assembly_id, state, item_id, now).await,
        Command::NextItem => {
            let items: Vec<(i64, AgendaItemStatus)> = agenda_items(tx, assembly_id)
                .await?
                .into_iter()
                .map(|(id, s, ..)| (id, s))
                .collect();
            match next_item(&items, state.current_item_id) {
                Some(next) => start_item(tx, assembly_id, state, next, now).await,
                None => finish_current(tx, state, now).await,
            }
        }
        Command::NextSpeaker => {
            let current = state
                .current_item_id
                .ok_or_else(|| Error::invalid("command", Problem::NoItemUnderWay))?;
            let (minutes, speakers) = agenda_items(tx, assembly_id)
                .await?
                .into_iter()
                .find(|(id, ..)| *id == current)
                .map(|(_, _, m, s)| (m, s))
                .unwrap_or((0, 0));
            if state.speaker_index + 1 >= speakers {
                return Err(Error::invalid("command", Problem::LastSpeaker));
            }
            state.speaker_index += 1;
            state.timer = Timer::new(speaking_time(minutes, speakers as usize));
            Ok(())
        }
        Command::MarkItem { item_id, status } => {
            item_session(tx, assembly_id, item_id).await?;
            let (start, end) = match status {
                AgendaItemStatus::Done => (None, Some(now)),
                AgendaItemStatus::Skipped
                | AgendaItemStatus::Deferred
                | AgendaItemStatus::Pending => (None, None),
                AgendaItemStatus::Current => {
                    return start_item(tx, assembly_id, state, item_id, now).await
                }
            };
            set_item_progress(tx, item_id, status, start, end, false).await?;
            if state.current_item_id == Some(item_id) {
                state.current_item_id = None;
                state.speaker_index = 0;
                state.timer = Timer::default();
            }
            Ok(())
        }
        Command::TimerStart => {
            state.timer = state.timer.start(now);
            Ok(())
        }
        Command::TimerPause => {
            state.timer = state.timer.pause(now);
            Ok(())
        }
        Command::TimerExtend { seconds } => {
            rules::in_range("seconds", seconds, -MAX_EXTEND, MAX_EXTEND)?;
            state.timer = state.timer.extend(seconds, now);
            Ok(())
        }
        Command::TimerReset => {
            state.timer = state.timer.reset();
            Ok(())
        }
    }
}
