//! The PostgreSQL listener: one task per server process that hears of every committed live event
//! of every process (core's `append_event` sends `NOTIFY plenary_live, '<assembly id>:<seq>'` in
//! the event's transaction) and sends this process's streams the events they have not had.
//!
//! Order, ids and duplicates. PostgreSQL delivers notices in commit order, and an assembly's
//! events are numbered in commit order (core's `lock_events`). For each assembly the listener
//! remembers the last seq it sent; a notice makes it read everything after that seq from
//! `live_events`, so a late or lost notice leaves no gap, and a notice of an event an earlier
//! read already sent costs no query. Events go out with their stored seq as id, so every process
//! gives an event the same id. Streams also skip any id they have already sent.
//!
//! A lost connection. `PgListener` reconnects by itself inside `try_recv` and then says so
//! (`Ok(None)`); any error (the connection cannot be made again, a read fails) makes the listener
//! start over after a pause that doubles from 250 ms to 30 s. Notices sent while no connection
//! listened are gone, so each time it listens again the listener resynchronises: every assembly
//! with streams here is sent what it missed after the last seq sent, or its full state when that
//! is too much or unknown (the way a lagging stream is caught up).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use plenary_core::storage::{assembly_number, events_since, Db, Pool, LIVE_CHANNEL};
use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use sqlx::Postgres;

use super::{full_state, Hub, RESUME_LIMIT};

const FIRST_PAUSE: Duration = Duration::from_millis(250);
const LONGEST_PAUSE: Duration = Duration::from_secs(30);

/// The listening connection's `application_name`, which names the process, so that an operator
/// (or a test) can tell the listeners of several processes apart in `pg_stat_activity`.
pub fn listener_name(pid: u32) -> String {
    format!("plenary-live {pid}")
}

/// The last event sent to this process's streams of one assembly.
struct Sent {
    number: i64,
    seq: i64,
}

struct Listener {
    hub: Arc<Hub>,
    db: Db,
    /// By assembly id, as notices name assemblies; the number is kept because it can change.
    sent: HashMap<i64, Sent>,
}

/// Listens until the hub closes.
pub(super) async fn run(hub: Arc<Hub>, pool: Pool<Postgres>) {
    let closed = hub.closed();
    tokio::select! {
        _ = closed => {}
        _ = listen(hub, pool) => {}
    }
}

async fn listen(hub: Arc<Hub>, pool: Pool<Postgres>) {
    // A pool of its own with one connection, through which PgListener reconnects: the queries'
    // pool neither lends it a connection for good nor waits for it when it closes.
    let options = (*pool.connect_options())
        .clone()
        .application_name(&listener_name(std::process::id()));
    let own = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_lazy_with(options);
    let mut listener = Listener {
        hub,
        db: Db::Postgres(pool),
        sent: HashMap::new(),
    };
    let mut pause = FIRST_PAUSE;
    loop {
        match listener.serve(&own).await {
            Ok(()) => pause = FIRST_PAUSE,
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?pause, "live listener failed; starting over");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(LONGEST_PAUSE);
            }
        }
    }
}

/// Why the listener starts over.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("listening connection: {0}")]
    Connection(#[from] sqlx::Error),
    /// The cause is in the log already: core logs database errors where they happen.
    #[error("reading the events: {0}")]
    Read(#[from] plenary_core::Error),
}

impl Listener {
    /// Listens on one connection (reconnected by PgListener as long as it can); returns Ok once
    /// it has listened and then failed, so that the next attempt starts without a pause.
    async fn serve(&mut self, pool: &PgPool) -> Result<(), Failure> {
        let mut notices = PgListener::connect_with(pool).await?;
        notices.listen(LIVE_CHANNEL).await?;
        tracing::info!("listening for the live events of every process");
        self.resync().await?;
        let mut listened = false;
        loop {
            let heard = match notices.try_recv().await {
                Ok(Some(notice)) => self.heard(notice.payload()).await,
                Ok(None) => {
                    tracing::warn!(
                        "live listener lost its connection and reconnected; catching up"
                    );
                    self.resync().await
                }
                Err(e) => Err(e.into()),
            };
            match heard {
                Ok(()) => listened = true,
                Err(e) if listened => {
                    tracing::warn!(error = %e, "live listener failed; listening again");
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// A notice that event `seq` of assembly `id` was committed.
    async fn heard(&mut self, payload: &str) -> Result<(), Failure> {
        let Some((id, seq)) = parse(payload) else {
            tracing::warn!(payload, "unreadable live notice ignored");
            return Ok(());
        };
        if self.sent.get(&id).is_some_and(|s| s.seq >= seq) {
            return Ok(()); // an earlier read already sent it
        }
        let Some(number) = assembly_number(&self.db, id).await? else {
            return Ok(());
        };
        if self.hub.subscribers(number) == 0 {
            // Nobody here watches it: a stream that subscribes from now on reads this event
            // itself when it starts.
            self.sent.insert(id, Sent { number, seq });
            return Ok(());
        }
        let after = match self.sent.get(&id) {
            Some(s) if s.number == number => s.seq,
            // The first notice of this assembly since the listener started or resynchronised:
            // the events before it were committed before then, so every stream here has them
            // from its start or from the resynchronisation.
            _ => seq - 1,
        };
        let seq = self.send_after(number, Some(after)).await?;
        self.sent.insert(id, Sent { number, seq });
        Ok(())
    }

    /// Sends every watched assembly what its streams may have missed while nobody listened.
    async fn resync(&mut self) -> Result<(), Failure> {
        let watched = self.hub.watched();
        // Unwatched assemblies are forgotten: their next notice starts afresh.
        self.sent.retain(|_, s| watched.contains(&s.number));
        for number in watched {
            let known = self
                .sent
                .iter()
                .find(|(_, s)| s.number == number)
                .map(|(id, s)| (*id, s.seq));
            let seq = match self.send_after(number, known.map(|(_, seq)| seq)).await {
                Ok(seq) => seq,
                // Renumbered or gone: its streams wait in vain, as a stream of an unknown
                // number does, but the other assemblies' streams must not.
                Err(plenary_core::Error::NotFound { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            if let Some((id, _)) = known {
                self.sent.insert(id, Sent { number, seq });
            }
            tracing::info!(assembly = number, event = seq, "live stream resynchronised");
        }
        Ok(())
    }

    /// Sends assembly `number`'s streams the events after `after`, or its full state when they
    /// are too many or `after` is unknown (each stream skips the ids it already sent); the seq
    /// sent last.
    async fn send_after(
        &self,
        number: i64,
        after: Option<i64>,
    ) -> Result<i64, plenary_core::Error> {
        if let Some(after) = after {
            let events = events_since(&self.db, number, after, RESUME_LIMIT + 1).await?;
            if events.len() as i64 <= RESUME_LIMIT {
                let last = events.last().map_or(after, |e| e.id);
                for event in events {
                    self.hub.send(event);
                }
                return Ok(last);
            }
        }
        let state = full_state(&self.db, number).await?;
        let seq = state.id;
        self.hub.send(state);
        Ok(seq)
    }
}

/// `<assembly id>:<seq>`.
fn parse(payload: &str) -> Option<(i64, i64)> {
    let (id, seq) = payload.split_once(':')?;
    Some((id.parse().ok()?, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_notice_names_the_assembly_and_the_event() {
        assert_eq!(parse("7:42"), Some((7, 42)));
        assert_eq!(parse("7"), None);
        assert_eq!(parse("x:1"), None);
    }
}
