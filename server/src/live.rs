//! The live hub: one broadcast channel per assembly, fed by the control panel's commands once
//! their transaction has committed, and the Server-Sent Events stream each browser subscribes to.
//!
//! Fan-out costs one serialization per event, not one per subscriber: the event's JSON is made
//! once (in core, as the payload stored with the event), framed for the wire once (a [`Frame`])
//! as it enters the channel, and every subscriber's stream writes the same shared bytes. A
//! subscriber that holds the state before the event is sent the change (a `patch` event: about
//! 200 bytes for a countdown command, 4–5 KB for an agenda advance), the others the full state (a
//! `state` event, 10–11 KB). The database is
//! read only when a subscriber connects or resumes (to send what it missed) or falls too far
//! behind the channel (to send the full state).
//!
//! Ballots are the one change that does not send its own event: they come in bursts, so the hub
//! sends the new state once per burst, at most four times a second per assembly.
//!
//! On SQLite (one process) events are sent to the channels as their command commits. On
//! PostgreSQL several processes serve the same assemblies, so every event, including those of
//! this process's own commands, reaches the channels through the database's NOTIFY and the
//! process's one listener (`live::listen`): one path for all events keeps them in commit order
//! and never sends one twice.

mod listen;

pub use listen::listener_name;

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, Weak};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use futures::stream::{self, StreamExt};
use plenary_core::actions;
use plenary_core::live::LivePatch;
use plenary_core::storage::{current_live_view, events_since, Db, LiveEvent, Publisher};
use serde::Deserialize;
use tokio::sync::broadcast;

use crate::api::{ApiError, Id, Query};
use crate::client::ClientIp;
use crate::AppState;

/// How many events a subscriber may fall behind before it is sent the full state instead.
const CHANNEL_CAPACITY: usize = 256;
/// How many missed events a resuming subscriber is sent one by one; beyond that, the full state.
const RESUME_LIMIT: i64 = 100;

/// How long the hub gathers ballots before it sends the new tally: at most four tally events a
/// second per assembly, however many ballots arrive.
const TALLY_DELAY: Duration = Duration::from_millis(250);

/// How many live streams one address may hold open unless configured otherwise: a venue's
/// delegates and screens behind one address fit, one machine cannot hold the server's memory.
pub const STREAMS_PER_ADDRESS: u32 = 200;

pub struct Hub {
    channels: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    /// Set when the server shuts down: every stream then ends, so that shutdown does not wait
    /// for streams that never end by themselves, and browsers reconnect to another process.
    closing: tokio::sync::watch::Sender<bool>,
    /// Where the coalesced tally events are read and recorded.
    db: Db,
    /// Assemblies whose tally changed and whose new state is due to be sent.
    tally_due: Mutex<HashSet<i64>>,
    /// The last state sent on each assembly's channel, to make the next event's patch from.
    last_sent: Mutex<HashMap<i64, LastSent>>,
    /// The hub itself, for the delayed sends and the listener it spawns.
    me: Weak<Hub>,
    /// Starts the PostgreSQL listener when the first stream subscribes: a process nobody
    /// watches through needs no listening connection.
    listening: Once,
    /// Open streams per client address, and how many each may hold.
    open: Mutex<HashMap<IpAddr, usize>>,
    streams_per_address: AtomicUsize,
}

impl Hub {
    pub fn new(db: Db) -> Arc<Self> {
        Arc::new_cyclic(|me| Hub {
            channels: Mutex::default(),
            closing: tokio::sync::watch::channel(false).0,
            db,
            tally_due: Mutex::default(),
            last_sent: Mutex::default(),
            me: me.clone(),
            listening: Once::new(),
            open: Mutex::default(),
            streams_per_address: AtomicUsize::new(STREAMS_PER_ADDRESS as usize),
        })
    }

    /// Sets how many streams one address may hold open (at least one).
    pub fn set_streams_per_address(&self, limit: u32) {
        self.streams_per_address
            .store(limit.max(1) as usize, Ordering::Relaxed);
    }

    /// Ends every stream (at shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves when the hub closes.
    fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            let _ = closing.wait_for(|closed| *closed).await;
        }
    }

    /// A receiver of assembly `number`'s events from now on, for a stream from `address`;
    /// refused when that address holds its share of streams already. Whoever subscribes must
    /// have checked that the assembly exists: the channel is kept while the subscription lives.
    pub fn subscribe(
        &self,
        number: i64,
        address: IpAddr,
    ) -> Result<Subscription, plenary_core::Error> {
        let hub = self.me.upgrade().ok_or(plenary_core::Error::Internal)?;
        {
            let limit = self.streams_per_address.load(Ordering::Relaxed);
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            let held = open.entry(address).or_insert(0);
            if *held >= limit {
                return Err(plenary_core::Error::TooManyRequests);
            }
            *held += 1;
        }
        // From here on the lease gives the address's share back, whatever happens.
        let lease = Lease {
            hub,
            number,
            address,
        };
        if let Db::Postgres(pool) = &self.db {
            self.listening.call_once(|| {
                if let Some(hub) = self.me.upgrade() {
                    tokio::spawn(listen::run(hub, pool.clone()));
                }
            });
        }
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        let receiver = channels
            .entry(number)
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe();
        Ok(Subscription {
            receiver,
            _lease: lease,
        })
    }

    /// Gives back a stream's hold: its assembly's channel goes when nobody listens to it any
    /// more, its address's count when that address holds no stream.
    fn release(&self, number: i64, address: IpAddr) {
        {
            let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
            if channels
                .get(&number)
                .is_some_and(|c| c.receiver_count() == 0)
            {
                channels.remove(&number);
            }
        }
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = open.get_mut(&address) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                open.remove(&address);
            }
        }
    }

    /// How many channels and counted addresses the hub holds (for tests of what it frees).
    pub fn held(&self) -> (usize, usize) {
        let channels = self
            .channels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len();
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner()).len();
        (channels, open)
    }

    /// How many streams listen to assembly `number` now.
    pub fn subscribers(&self, number: i64) -> usize {
        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels.get(&number).map_or(0, |c| c.receiver_count())
    }

    /// The assemblies that have streams listening now.
    fn watched(&self) -> Vec<i64> {
        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels
            .iter()
            .filter(|(_, c)| c.receiver_count() > 0)
            .map(|(number, _)| *number)
            .collect()
    }

    /// Sends `event` to the streams of its assembly.
    fn send(&self, event: LiveEvent) {
        // Recorded even when nobody watches, so that the first to subscribe can be sent changes.
        let (patch, base) = self.record(&event);
        if let Some(channel) = self.channel(event.assembly) {
            // No receiver is fine: nobody is watching this assembly now.
            let _ = channel.send(Frame::of(&event).with_patch(patch, base));
        }
    }

    fn channel(&self, number: i64) -> Option<broadcast::Sender<Frame>> {
        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels.get(&number).cloned()
    }

    /// Records `event` as the state the next patch is made from, unless a later one is already
    /// recorded; the change from the state before it (when that was event `id - 1`), and whether
    /// it was recorded.
    fn record(&self, event: &LiveEvent) -> (Option<LivePatch>, bool) {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&event.data) else {
            return (None, false);
        };
        let mut last_sent = self.last_sent.lock().unwrap_or_else(|e| e.into_inner());
        let patch = match last_sent.get(&event.assembly) {
            // Already recorded from a state read for a subscriber: a base if it is the same.
            Some(last) if last.id == event.id => return (None, last.data == event.data),
            // Late (a state read for a subscriber got ahead of it): neither patched nor a base.
            Some(last) if last.id > event.id => return (None, false),
            Some(last) if last.id + 1 == event.id => {
                Some(LivePatch::between(last.id, &last.json, &json))
            }
            _ => None,
        };
        let last = LastSent {
            id: event.id,
            json,
            data: event.data.clone(),
        };
        last_sent.insert(event.assembly, last);
        (patch, true)
    }

    /// Whether a stream that has just sent `event` (read from the database for it) holds the
    /// state the next patch is made from: it does when `event` is that state byte for byte, or
    /// when it is newer than any recorded, and is then recorded.
    fn adopt(&self, event: &LiveEvent) -> bool {
        self.record(event).1
    }
}

impl Hub {
    /// Sends now every tally that is waiting for its delay (at shutdown: a ballot accepted just
    /// before is then announced, not left for an event that may never come).
    pub async fn flush_tallies(&self) {
        let due: Vec<i64> = self
            .tally_due
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .collect();
        for number in due {
            if let Err(e) = actions::publish_state(&self.db, self, number).await {
                tracing::warn!(assembly = number, error = %e, "could not send the tally");
            }
        }
    }

    /// Announces the state of every assembly with an open vote (at start-up): ballots counted
    /// before an earlier process stopped may never have been announced.
    pub async fn announce_open_votes(&self) -> Result<(), plenary_core::Error> {
        for number in plenary_core::storage::assemblies_voting(&self.db).await? {
            actions::publish_state(&self.db, self, number).await?;
        }
        Ok(())
    }
}

impl Publisher for Hub {
    fn publish(&self, event: LiveEvent) {
        // On PostgreSQL the listener sends it, as it does the other processes' events.
        if let Db::Sqlite(_) = self.db {
            self.send(event);
        }
    }

    fn tally_changed(&self, number: i64) {
        let first = self
            .tally_due
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(number);
        if !first {
            return; // a send is already due and will include this ballot
        }
        let Some(hub) = self.me.upgrade() else {
            return;
        };
        tokio::spawn(async move {
            tokio::time::sleep(TALLY_DELAY).await;
            // Cleared before reading: a ballot that commits after this line is either in the
            // state read below or schedules the next send.
            hub.tally_due
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&number);
            if let Err(e) = actions::publish_state(&hub.db, &*hub, number).await {
                tracing::warn!(assembly = number, error = %e, "could not send the tally");
            }
        });
    }
}

/// A stream's receiver of its assembly's events, and its lease on the hub.
pub struct Subscription {
    receiver: broadcast::Receiver<Frame>,
    // Declared after the receiver, so dropped after it: the lease then sees the channel without
    // this stream's receiver.
    _lease: Lease,
}

/// What a stream holds of the hub; given back when the stream ends, however it ends.
struct Lease {
    hub: Arc<Hub>,
    number: i64,
    address: IpAddr,
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.hub.release(self.number, self.address);
    }
}

#[derive(Debug, Deserialize)]
pub struct Resume {
    /// For clients that cannot send the `Last-Event-ID` header.
    last_event_id: Option<i64>,
}

/// A state sent on a channel: its event id, its JSON to make the next patch from, and its text.
struct LastSent {
    id: i64,
    json: serde_json::Value,
    data: std::sync::Arc<str>,
}

/// An event as it goes on the wire (`id`, `event` and `data` lines), made once and shared by
/// every stream: ten thousand subscribers then cost ten thousand writes of the same bytes, not
/// ten thousand copies.
#[derive(Debug, Clone)]
pub struct Frame {
    id: i64,
    /// The full state.
    bytes: Bytes,
    /// The change from the state of event `.0` (a `patch` event), for streams that sent that one.
    patch: Option<(i64, Bytes)>,
    /// Whether its state is the one the hub makes the next patch from.
    base: bool,
}

impl Frame {
    fn of(event: &LiveEvent) -> Frame {
        Frame {
            id: event.id,
            bytes: wire(event.id, &event.kind, &event.data),
            patch: None,
            base: false,
        }
    }

    fn with_patch(self, patch: Option<LivePatch>, base: bool) -> Frame {
        let patch = patch.and_then(|p| {
            let data = serde_json::to_string(&p).ok()?;
            Some((p.base, wire(self.id, "patch", &data)))
        });
        Frame {
            patch,
            base,
            ..self
        }
    }

    /// What a stream that has sent `sent` sends of this one.
    fn for_stream(self, sent: Sent) -> Bytes {
        match self.patch {
            Some((base, patch)) if sent.base && base == sent.id => patch,
            _ => self.bytes,
        }
    }
}

/// What a stream sent last: the event's id, and whether its state is the one the hub makes its
/// next patch from. A state read from the database for one stream (on connecting or after
/// lagging) may include changes that no event has announced yet, such as ballots or agenda
/// edits; it is that state only if the hub adopted it (see [`Hub::adopt`]).
#[derive(Debug, Clone, Copy)]
struct Sent {
    id: i64,
    base: bool,
}

/// The lines of one event.
fn wire(id: i64, kind: &str, data: &str) -> Bytes {
    let mut text = String::with_capacity(data.len() + 48);
    text.push_str(&format!("id: {id}\nevent: {kind}\n"));
    for line in data.split('\n') {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    Bytes::from(text)
}

/// Tells browsers to come back quickly after a restart.
const RETRY: &str = "retry: 1000\n: live\n\n";
/// Sent when a stream has been quiet this long, so that proxies do not cut it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The full current state as an event.
async fn full_state(db: &Db, number: i64) -> Result<LiveEvent, plenary_core::Error> {
    let view = current_live_view(db, number).await?;
    let data = serde_json::to_string(&view).map_err(|_| plenary_core::Error::Internal)?;
    Ok(LiveEvent {
        assembly: number,
        id: view.event_id,
        kind: "state".into(),
        data: data.into(),
    })
}

/// What a (re)connecting subscriber is sent first: the events it missed, or the full state when
/// it is new or has missed too much.
async fn backlog(
    db: &Db,
    number: i64,
    last: Option<i64>,
) -> Result<Vec<LiveEvent>, plenary_core::Error> {
    if let Some(last) = last {
        let missed = events_since(db, number, last, RESUME_LIMIT + 1).await?;
        let contiguous = missed
            .first()
            .is_none_or(|e| Some(e.id) == last.checked_add(1));
        if !missed.is_empty() && contiguous && (missed.len() as i64) <= RESUME_LIMIT {
            return Ok(missed);
        }
        if missed.is_empty() {
            // Up to date; or ahead of this server's events (its data was reset); or holding an
            // event whose state has changed since without an event to say so (ballots counted
            // just before a process stopped, before their tally went out). Only in the first case
            // is nothing sent.
            let state = full_state(db, number).await?;
            let stored = events_since(db, number, last.saturating_sub(1), 1).await?;
            let same = stored
                .first()
                .is_some_and(|e| e.id == last && e.data == state.data);
            return Ok(if state.id < last || !same {
                vec![state]
            } else {
                Vec::new()
            });
        }
    }
    Ok(vec![full_state(db, number).await?])
}

/// `GET /api/assemblies/{number}/events`: the live stream of an assembly.
#[utoipa::path(get, path = "/api/assemblies/{number}/events", tag = "live", params(("number" = i64, Path), ("last_event_id" = Option<i64>, Query)),
    responses((status = 200, description = "text/event-stream. Each event has an id to resume from. A `state` event carries the assembly's LiveView as JSON; a `patch` event carries `{base, ops}`: the JSON Patch (RFC 6902) that turns the LiveView of event `base`, the one sent just before, into this event's"),
        (status = 404, body = crate::api::ApiErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    Id(number): Id<i64>,
    ClientIp(address): ClientIp,
    headers: HeaderMap,
    Query(resume): Query<Resume>,
) -> Result<Response, ApiError> {
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .or(resume.last_event_id);
    // Subscribe before reading the backlog, so nothing falls between the two. For an assembly
    // that does not exist the backlog fails and the subscription, dropped, takes its channel.
    let subscription = state.hub.subscribe(number, address)?;
    let first = backlog(&state.db, number, last).await?;
    // A full state may carry a lower id than the client had (see `backlog`): go on from it.
    let sent = Sent {
        id: first.last().map(|e| e.id).or(last).unwrap_or(0),
        // Most often the state read for this stream is the hub's: then the next event can come
        // as a change.
        base: first.last().is_some_and(|e| state.hub.adopt(e)),
    };
    let head: Vec<Bytes> = first
        .iter()
        .map(|e| Frame::of(e).bytes)
        .chain([Bytes::from_static(RETRY.as_bytes())])
        .collect();
    let db = state.db.clone();
    let live = stream::unfold(
        (subscription, sent, db),
        move |(mut subscription, mut sent, db)| async move {
            loop {
                let receiver = &mut subscription.receiver;
                let next = match tokio::time::timeout(KEEP_ALIVE, receiver.recv()).await {
                    Err(_quiet) => {
                        return Some((Bytes::from_static(b":\n\n"), (subscription, sent, db)))
                    }
                    Ok(next) => next,
                };
                match next {
                    Ok(frame) if frame.id > sent.id => {
                        let (id, base) = (frame.id, frame.base);
                        let bytes = frame.for_stream(sent);
                        sent = Sent { id, base };
                        return Some((bytes, (subscription, sent, db)));
                    }
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let frame = Frame::of(&full_state(&db, number).await.ok()?);
                        sent = Sent {
                            id: frame.id,
                            base: false,
                        };
                        return Some((frame.bytes, (subscription, sent, db)));
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    );
    let stream = stream::iter(head)
        .chain(live)
        .take_until(state.hub.closed())
        .map(Ok::<_, Infallible>);
    Ok(Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(stream))
        .expect("a valid event-stream response"))
}

/// The hub as the publisher core actions announce their events to.
pub fn publisher(hub: &Arc<Hub>) -> Arc<dyn Publisher> {
    hub.clone()
}
