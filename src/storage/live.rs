//! The live meeting in storage: the current item, speaker and countdown of each assembly, the
//! actual times of items and sessions, and the numbered events of the live stream.

use chrono::{DateTime, Utc};

use super::edit::exec;
use super::pages::load_sessions;
use super::{internal, on_db, on_tx, time_zone, Db, Tx};
use crate::live::Timer;
use crate::model::{AgendaItemStatus, Assembly, AssemblyStatus};
use crate::views::{LiveView, NextView, NowView};
use crate::{Error, Problem, Result};

/// The stored live state of one assembly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveState {
    pub current_item_id: Option<i64>,
    pub speaker_index: i64,
    pub timer: Timer,
}

/// One event of the live stream, as sent to every subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    pub assembly: i64,
    pub id: i64,
    pub kind: String,
    /// The event's JSON, serialized once for all subscribers.
    pub data: std::sync::Arc<str>,
}

/// Who hears about live events after their transaction commits (the server's live hub). On
/// PostgreSQL the committed event is also announced to every server process through NOTIFY (see
/// [`append_event`]), and the server's hub delivers it from there rather than from `publish`.
pub trait Publisher: Send + Sync {
    fn publish(&self, event: LiveEvent);
    /// A ballot changed the tally of assembly `number`. Ballots come in bursts (seventy members
    /// voting within seconds), so the publisher sends the new state a little later, once for the
    /// whole burst (`actions::publish_state`), rather than one event per ballot.
    fn tally_changed(&self, number: i64);
}

pub async fn live_state(tx: &mut Tx, assembly_id: i64) -> Result<LiveState> {
    #[derive(sqlx::FromRow)]
    struct Row {
        current_item_id: Option<i64>,
        speaker_index: i64,
        timer_allotted: i64,
        timer_remaining: i64,
        timer_since: Option<DateTime<Utc>>,
        timer_running: bool,
    }
    let row: Option<Row> = on_tx!(tx, c => sqlx::query_as(
        "SELECT current_item_id, speaker_index, timer_allotted, timer_remaining, timer_since, timer_running
         FROM live_state WHERE assembly_id = $1").bind(assembly_id).fetch_optional(c).await)
    .map_err(internal)?;
    Ok(row.map_or_else(LiveState::default, |r| LiveState {
        current_item_id: r.current_item_id,
        speaker_index: r.speaker_index,
        timer: Timer {
            allotted: r.timer_allotted,
            remaining: r.timer_remaining,
            since: r.timer_since,
            running: r.timer_running,
        },
    }))
}

/// Saves the live state. Its row lock also orders the events of concurrent commands.
pub async fn save_live_state(tx: &mut Tx, assembly_id: i64, s: &LiveState) -> Result<()> {
    exec!(tx, "INSERT INTO live_state (assembly_id, current_item_id, speaker_index, timer_allotted, timer_remaining, timer_since, timer_running)
               VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (assembly_id) DO UPDATE SET current_item_id = excluded.current_item_id,
                 speaker_index = excluded.speaker_index, timer_allotted = excluded.timer_allotted,
                 timer_remaining = excluded.timer_remaining, timer_since = excluded.timer_since,
                 timer_running = excluded.timer_running",
        assembly_id, s.current_item_id, s.speaker_index, s.timer.allotted, s.timer.remaining, s.timer.since, s.timer.running)
    .map_err(internal)?;
    Ok(())
}

/// (item id, status, planned minutes, number of speakers) of every item, in agenda order.
pub async fn agenda_items(
    tx: &mut Tx,
    assembly_id: i64,
) -> Result<Vec<(i64, AgendaItemStatus, i64, i64)>> {
    let rows: Vec<(i64, String, i64, i64)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT i.id, i.status, i.planned_minutes, (SELECT COUNT(*) FROM speaker_slots sp WHERE sp.agenda_item_id = i.id)
         FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE s.assembly_id = $1 ORDER BY s.position, s.id, i.position, i.id").bind(assembly_id).fetch_all(c).await)
    .map_err(internal)?;
    rows.into_iter()
        .map(|(id, status, minutes, speakers)| {
            Ok((
                id,
                super::stored("agenda_items.status", &status)?,
                minutes,
                speakers,
            ))
        })
        .collect()
}

/// Sets an item's status; `start` and `end` fill its actual times when given (a start is kept
/// once recorded; `clear_end` forgets an end, for an item that is taken up again).
pub async fn set_item_progress(
    tx: &mut Tx,
    item_id: i64,
    status: AgendaItemStatus,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    clear_end: bool,
) -> Result<()> {
    let n = exec!(tx, "UPDATE agenda_items SET status = $1, actual_start = COALESCE(actual_start, $2),
                       actual_end = CASE WHEN $3 THEN NULL ELSE COALESCE($4, actual_end) END WHERE id = $5",
        status.as_str(), start, clear_end, end, item_id)
    .map_err(internal)?;
    if n == 0 {
        return Err(Error::invalid("item_id", Problem::NoSuchItem));
    }
    Ok(())
}

/// Records a session's actual start or end (a start is kept once recorded).
pub async fn set_session_times(
    tx: &mut Tx,
    session_id: i64,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
) -> Result<()> {
    exec!(tx, "UPDATE sessions SET actual_start = COALESCE(actual_start, $1), actual_end = COALESCE($2, actual_end) WHERE id = $3",
        start, end, session_id)
    .map_err(internal)?;
    Ok(())
}

pub async fn set_assembly_status(
    tx: &mut Tx,
    assembly_id: i64,
    status: AssemblyStatus,
) -> Result<()> {
    exec!(
        tx,
        "UPDATE assemblies SET status = $1 WHERE id = $2",
        status.as_str(),
        assembly_id
    )
    .map_err(internal)?;
    Ok(())
}

/// The session an item belongs to, if it belongs to this assembly.
pub async fn item_session(tx: &mut Tx, assembly_id: i64, item_id: i64) -> Result<i64> {
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT i.session_id FROM agenda_items i JOIN sessions s ON s.id = i.session_id WHERE i.id = $1 AND s.assembly_id = $2")
        .bind(item_id).bind(assembly_id).fetch_optional(c).await)
    .map_err(internal)?;
    found.ok_or_else(|| Error::invalid("item_id", Problem::ItemNotOnAgenda))
}

/// The live view of `assembly` with `state` as of `now`.
pub async fn live_view(
    tx: &mut Tx,
    assembly: &Assembly,
    state: &LiveState,
    event_id: i64,
) -> Result<LiveView> {
    let tz = time_zone(&assembly.time_zone)?;
    let sessions = load_sessions(tx, assembly.id, tz).await?;
    let mut now = None;
    let mut next = None;
    let mut past_current = state.current_item_id.is_none();
    for session in &sessions {
        for item in &session.items {
            if Some(item.id) == state.current_item_id {
                let index =
                    (state.speaker_index as usize).min(item.speakers.len().saturating_sub(1));
                now = Some(NowView {
                    session: session.title.clone(),
                    item: item.clone(),
                    speaker: item.speakers.get(index).cloned(),
                    speaker_index: index,
                    speakers: item.speakers.len(),
                    timer: state.timer,
                });
                past_current = true;
            } else if past_current && next.is_none() && item.status == AgendaItemStatus::Pending {
                next = Some(NextView {
                    session: session.title.clone(),
                    item: item.clone(),
                });
            }
        }
    }
    Ok(LiveView {
        number: assembly.number,
        title: assembly.title.clone(),
        slogan: assembly.slogan.clone(),
        status: assembly.status,
        time_zone: assembly.time_zone.clone(),
        now,
        next,
        sessions,
        vote: match super::shown_vote(tx, assembly.id, state.current_item_id).await? {
            Some(vote) => Some(super::vote_view(tx, &vote).await?),
            None => None,
        },
        check_in_open: super::check_in_open(tx, assembly.id).await?,
        event_id,
    })
}

/// Waits for any other transaction that is appending an event of this assembly to end, so that
/// the next [`last_event_id`] sees its event. Several server processes on one PostgreSQL append
/// events concurrently (a command on one, a tally on another); without this, two of them would
/// pick the same next id and one would fail. SQLite needs nothing: a write transaction already
/// holds the one write lock (`BEGIN IMMEDIATE`).
pub async fn lock_events(tx: &mut Tx, assembly_id: i64) -> Result<()> {
    if let Tx::Postgres(t, _) = tx {
        // An advisory lock nothing else takes, not the assembly's row: commands reach this point
        // holding the audit log's lock, and edits lock the assembly's row before the audit log's,
        // so waiting here for that row could deadlock. The key's high half ("live") keeps it
        // apart from other advisory locks.
        const LIVE: i64 = 0x6c69_7665 << 32;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(LIVE | (assembly_id & 0xffff_ffff))
            .execute(&mut **t)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// The id of the last event of an assembly (0 if none).
pub async fn last_event_id(tx: &mut Tx, assembly_id: i64) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE assembly_id = $1")
        .bind(assembly_id).fetch_one(c).await)
    .map_err(internal)
}

/// The PostgreSQL NOTIFY channel on which every committed event is announced to the other
/// server processes, as `<assembly id>:<seq>`.
pub const LIVE_CHANNEL: &str = "plenary_live";

/// Appends event `id` of an assembly. On PostgreSQL the event is also announced on
/// [`LIVE_CHANNEL`] in the same transaction: PostgreSQL delivers the notice only if the
/// transaction commits, and delivers notices in commit order, so listeners never hear of an
/// event they cannot read yet.
pub async fn append_event(
    tx: &mut Tx,
    assembly_id: i64,
    kind: &str,
    payload: &str,
    id: i64,
) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO live_events (assembly_id, seq, kind, payload, at) VALUES ($1, $2, $3, $4, $5)",
        assembly_id,
        id,
        kind,
        payload,
        Utc::now()
    )
    .map_err(internal)?;
    if let Tx::Postgres(t, _) = tx {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(LIVE_CHANNEL)
            .bind(format!("{assembly_id}:{id}"))
            .execute(&mut **t)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// The number of the assembly with `id`, if there is one.
pub async fn assembly_number(db: &Db, id: i64) -> Result<Option<i64>> {
    on_db!(db, c => sqlx::query_scalar("SELECT number FROM assemblies WHERE id = $1")
        .bind(id).fetch_optional(c).await)
    .map_err(internal)
}

/// The numbers of the assemblies with a vote open now.
pub async fn assemblies_voting(db: &Db) -> Result<Vec<i64>> {
    on_db!(db, c => sqlx::query_scalar(
        "SELECT DISTINCT a.number FROM assemblies a JOIN votes v ON v.assembly_id = a.id
         WHERE v.status = 'open' ORDER BY a.number")
        .fetch_all(c).await)
    .map_err(internal)
}

/// The events of assembly `number` after `after`, oldest first, at most `limit`.
pub async fn events_since(db: &Db, number: i64, after: i64, limit: i64) -> Result<Vec<LiveEvent>> {
    let rows: Vec<(i64, String, String)> = on_db!(db, c => sqlx::query_as(
        "SELECT e.seq, e.kind, e.payload FROM live_events e JOIN assemblies a ON a.id = e.assembly_id
         WHERE a.number = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3")
        .bind(number).bind(after).bind(limit).fetch_all(c).await)
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, payload)| LiveEvent {
            assembly: number,
            id,
            kind,
            data: payload.into(),
        })
        .collect())
}

/// The current live view of assembly `number`, as of its last event.
pub async fn current_live_view(db: &Db, number: i64) -> Result<LiveView> {
    db.reading(async |tx| {
        let assembly = super::get_assembly(tx, number).await?;
        let state = live_state(tx, assembly.id).await?;
        let id = last_event_id(tx, assembly.id).await?;
        live_view(tx, &assembly, &state, id).await
    })
    .await
}
