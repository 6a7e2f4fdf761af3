//! Fan-out: many viewers on one assembly's live stream while the organizer advances the agenda.
//! Each advance is timed from the moment its command is sent until each viewer has the event.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use hyper::Method;
use serde_json::{json, Value};
use tokio::sync::{watch, Notify, Semaphore};

use crate::http::{live_state, Conn};
use crate::sse::SseReader;
use crate::stats::Latency;
use crate::{resident_memory, LoadError, Target};

/// What to run.
#[derive(Debug, Clone)]
pub struct Fanout {
    pub subscribers: usize,
    /// How many times the organizer advances the agenda.
    pub rounds: usize,
    /// The organizer's session cookie.
    pub organizer: String,
    /// The server's process, to read its memory (same machine only).
    pub server_pid: Option<u32>,
}

/// What was measured.
#[derive(Debug, Clone)]
pub struct FanoutResult {
    pub subscribers: usize,
    pub rounds: usize,
    /// How long it took until every subscriber had its first state.
    pub connect: Duration,
    /// Deliveries of the advances, one per subscriber and round.
    pub delivered: usize,
    /// Deliveries that did not arrive within the wait.
    pub missed: usize,
    pub latency: Latency,
    /// What each subscriber read per advance, on average (the event and its framing).
    pub bytes_per_delivery: u64,
    /// The server's resident memory before the subscribers connected, and with all connected
    /// after the last round.
    pub memory_before: Option<u64>,
    pub memory_after: Option<u64>,
}

impl FanoutResult {
    /// Server memory per subscriber, in bytes.
    pub fn memory_per_subscriber(&self) -> Option<u64> {
        let (before, after) = (self.memory_before?, self.memory_after?);
        Some(after.saturating_sub(before) / self.subscribers.max(1) as u64)
    }
}

/// When each event reached how many subscribers, and each subscriber's receipt times.
#[derive(Default)]
struct Deliveries {
    per_event: Mutex<HashMap<i64, usize>>,
    arrived: Notify,
}

impl Deliveries {
    fn record(&self, id: i64) {
        *self
            .per_event
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id)
            .or_default() += 1;
        self.arrived.notify_waiters();
    }

    fn count(&self, id: i64) -> usize {
        let per_event = self.per_event.lock().unwrap_or_else(|e| e.into_inner());
        per_event.get(&id).copied().unwrap_or(0)
    }

    /// Waits until `id` has reached `wanted` subscribers or `limit` has passed.
    async fn wait_for(&self, id: i64, wanted: usize, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let arrived = self.arrived.notified();
            if self.count(id) >= wanted {
                return;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return;
            }
        }
    }
}

/// How long a round waits for its event to reach everyone before it counts the rest as missed.
const ROUND_LIMIT: Duration = Duration::from_secs(10);
/// How many streams open at once while subscribing.
const CONNECTING_AT_ONCE: usize = 200;

pub async fn run(target: Target, plan: &Fanout) -> Result<FanoutResult, LoadError> {
    let memory = |pid: Option<u32>| pid.map(resident_memory).transpose();
    let mut control = Conn::open(target.addr).await?;
    ensure_running(&mut control, target, &plan.organizer).await?;
    let memory_before = memory(plan.server_pid)?;

    let started = Instant::now();
    let deliveries = Arc::new(Deliveries::default());
    let ready = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = watch::channel(false);
    let connecting = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let mut viewers = Vec::with_capacity(plan.subscribers);
    for _ in 0..plan.subscribers {
        let viewer = Viewer {
            target,
            deliveries: deliveries.clone(),
            ready: ready.clone(),
            stopped: stopped.clone(),
            connecting: connecting.clone(),
        };
        viewers.push(tokio::spawn(viewer.watch()));
    }
    wait_until_ready(&ready, plan.subscribers, &mut viewers).await?;
    let connect = started.elapsed();

    let mut sent = Vec::with_capacity(plan.rounds);
    for _ in 0..plan.rounds {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let at = Instant::now();
        let id = advance(&mut control, target, &plan.organizer).await?;
        sent.push((id, at));
        deliveries.wait_for(id, plan.subscribers, ROUND_LIMIT).await;
    }
    let memory_after = memory(plan.server_pid)?;
    stop.send_replace(true);

    let mut latencies = Vec::with_capacity(plan.subscribers * plan.rounds);
    let mut missed = 0;
    let mut bytes = 0;
    for viewer in viewers {
        let (received, read) = viewer
            .await
            .map_err(|e| LoadError::Setup(format!("a viewer failed: {e}")))??;
        bytes += read;
        for (id, at) in &sent {
            match received.get(id) {
                Some(got) => latencies.push(got.saturating_duration_since(*at)),
                None => missed += 1,
            }
        }
    }
    Ok(FanoutResult {
        subscribers: plan.subscribers,
        rounds: plan.rounds,
        connect,
        delivered: latencies.len(),
        missed,
        bytes_per_delivery: bytes / (latencies.len().max(1) as u64),
        latency: Latency::of(latencies),
        memory_before,
        memory_after,
    })
}

/// Starts the assembly if it has not started, so that the agenda can advance.
async fn ensure_running(conn: &mut Conn, target: Target, cookie: &str) -> Result<(), LoadError> {
    let live = live_state(conn, target.assembly).await?;
    if live["status"] != "in_progress" {
        command(conn, target, cookie, json!({"command": "start_assembly"})).await?;
    }
    Ok(())
}

/// The organizer's "next item"; the id of the event it made.
async fn advance(conn: &mut Conn, target: Target, cookie: &str) -> Result<i64, LoadError> {
    let view = command(conn, target, cookie, json!({"command": "next_item"})).await?;
    view["event_id"].as_i64().ok_or_else(|| LoadError::Answer {
        what: "advancing the agenda".into(),
        problem: "the new state has no event_id".into(),
    })
}

async fn command(
    conn: &mut Conn,
    target: Target,
    cookie: &str,
    command: Value,
) -> Result<Value, LoadError> {
    let path = format!("/api/assemblies/{}/control", target.assembly);
    let what = format!("the control command {command}");
    conn.post(&path, Some(cookie), &command).await?.json(&what)
}

/// Waits until every viewer has its first state, failing early when one of them failed.
async fn wait_until_ready(
    ready: &AtomicUsize,
    wanted: usize,
    viewers: &mut [tokio::task::JoinHandle<Result<Watched, LoadError>>],
) -> Result<(), LoadError> {
    let deadline = Instant::now() + Duration::from_secs(300);
    while ready.load(Ordering::Acquire) < wanted {
        if let Some(failed) = viewers.iter_mut().find(|v| v.is_finished()) {
            let why = match failed.await {
                Ok(Err(e)) => e.to_string(),
                Ok(Ok(_)) => "it ended".into(),
                Err(e) => e.to_string(),
            };
            return Err(LoadError::Setup(format!(
                "a viewer stopped while connecting ({} of {wanted} connected): {why}",
                ready.load(Ordering::Acquire)
            )));
        }
        if Instant::now() > deadline {
            return Err(LoadError::Setup(format!(
                "only {} of {wanted} viewers had the live state after 300 s",
                ready.load(Ordering::Acquire)
            )));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// When each event reached a viewer, and how many bytes it read after its first event.
type Watched = (HashMap<i64, Instant>, u64);

/// One viewer: a browser with the live page open.
struct Viewer {
    target: Target,
    deliveries: Arc<Deliveries>,
    ready: Arc<AtomicUsize>,
    stopped: watch::Receiver<bool>,
    connecting: Arc<Semaphore>,
}

impl Viewer {
    /// Subscribes and notes when each event arrives, until told to stop.
    async fn watch(mut self) -> Result<Watched, LoadError> {
        let path = format!("/api/assemblies/{}/events", self.target.assembly);
        // The connection is held until the viewer stops.
        let (_conn, mut body) = {
            let _turn = self.connecting.acquire().await.expect("never closed");
            let mut conn = Conn::open(self.target.addr).await?;
            let response = conn.send(Method::GET, &path, None, None).await?;
            if !response.status().is_success() {
                return Err(LoadError::Refused {
                    what: "subscribing".into(),
                    status: response.status().as_u16(),
                    body: String::new(),
                });
            }
            (conn, response.into_body())
        };
        let mut reader = SseReader::default();
        let mut received = HashMap::new();
        let mut first = true;
        let mut bytes = 0;
        loop {
            let frame = tokio::select! {
                frame = body.frame() => frame,
                _ = self.stopped.wait_for(|stop| *stop) => break,
            };
            let Some(Ok(frame)) = frame else {
                return Err(LoadError::Setup("the server ended a live stream".into()));
            };
            let Some(chunk) = frame.data_ref() else {
                continue;
            };
            let now = Instant::now();
            if !first {
                bytes += chunk.len() as u64;
            }
            for id in reader.feed(chunk) {
                if first {
                    first = false;
                    self.ready.fetch_add(1, Ordering::AcqRel);
                }
                received.insert(id, now);
                self.deliveries.record(id);
            }
        }
        Ok((received, bytes))
    }
}
