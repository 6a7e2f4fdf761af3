//! Ballots cast at the same moment are written together: one transaction for all the ballots
//! that arrived while the one before was being written (a group commit). A vote draws bursts of
//! ballots, and a transaction each spent most of its time beginning, reading the vote and the
//! members present again, and committing, one writer at a time.
//!
//! Each ballot is still checked and refused on its own, and written whole (the ballot and its
//! audit entry) or not at all. A failure of the database fails every ballot of its batch, and
//! none of them is written: no ballot is ever answered as accepted and then lost.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::oneshot;

use super::votes::Polling;
use crate::auth::Actor;
use crate::model::{BallotCast, CastBallot};
use crate::storage::{get_assembly_by_id, Db, Kept, Tx};
use crate::{Error, Result};

/// Casts `ballot` in the next batch written to `db`.
pub(crate) async fn cast(
    db: &Db,
    actor: &Actor,
    vote_id: i64,
    ballot: &CastBallot,
) -> Result<BallotCast> {
    let (reply, answer) = oneshot::channel();
    let queue = queue_of(db);
    let idle = {
        let mut q = lock(&queue);
        q.pending.push(Request {
            actor: actor.clone(),
            vote_id,
            ballot: ballot.clone(),
            reply,
        });
        !std::mem::replace(&mut q.writing, true)
    };
    if idle {
        // A task of its own, so that a caller who goes away does not stop the others' batch.
        tokio::spawn(write_all(db.clone(), queue));
    }
    answer.await.unwrap_or(Err(Error::Internal))
}

struct Request {
    actor: Actor,
    vote_id: i64,
    ballot: CastBallot,
    reply: oneshot::Sender<Result<BallotCast>>,
}

/// The ballots waiting for the next batch of one database, and whether a batch is being written.
#[derive(Default)]
struct Queue {
    pending: Vec<Request>,
    writing: bool,
}

type Shared = Arc<Mutex<Queue>>;

fn lock(queue: &Shared) -> MutexGuard<'_, Queue> {
    queue.lock().unwrap_or_else(|e| e.into_inner())
}

/// The queue of the database behind `db` (each pool has its own).
fn queue_of(db: &Db) -> Shared {
    static QUEUES: Kept<usize, Shared> = Kept::new();
    QUEUES.get(db.identity())
}

/// Writes batches until no ballot is waiting.
async fn write_all(db: Db, queue: Shared) {
    let _unwinding = Unwinding(queue.clone());
    loop {
        let batch = {
            let mut q = lock(&queue);
            if q.pending.is_empty() {
                q.writing = false;
                return;
            }
            std::mem::take(&mut q.pending)
        };
        let answers = match write(&db, &batch).await {
            Ok(answers) => answers,
            Err(e) => vec![Err(e); batch.len()],
        };
        for (request, answer) in batch.into_iter().zip(answers) {
            // A caller that went away needs no answer.
            let _ = request.reply.send(answer);
        }
    }
}

/// Should a batch panic, the queue is left idle and the ballots waiting are answered with an
/// error (their replies are dropped), rather than waiting forever for a writer that is gone.
struct Unwinding(Shared);

impl Drop for Unwinding {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut q = lock(&self.0);
            q.writing = false;
            q.pending.clear();
        }
    }
}

/// One transaction for the batch: each ballot's answer, or the failure that gave it all up.
async fn write(db: &Db, batch: &[Request]) -> Result<Vec<Result<BallotCast>>> {
    let mut tx = db.begin().await?;
    let mut polls = HashMap::new();
    let mut answers = Vec::with_capacity(batch.len());
    for request in batch {
        answers.push(cast_one(&mut tx, &mut polls, request).await?);
    }
    tx.commit().await?;
    Ok(answers)
}

/// One ballot of a batch: `Ok(Err(_))` when only this ballot is refused (nothing was written
/// for it), `Err(_)` when the database failed and the batch is given up.
async fn cast_one(
    tx: &mut Tx,
    polls: &mut HashMap<i64, (Polling, i64)>,
    request: &Request,
) -> Result<Result<BallotCast>> {
    let vote_id = request.vote_id;
    if let Entry::Vacant(slot) = polls.entry(vote_id) {
        let polling = match refusal(Polling::read(tx, vote_id).await)? {
            Ok(polling) => polling,
            Err(refused) => return Ok(Err(refused)),
        };
        let assembly = get_assembly_by_id(tx, polling.vote.assembly_id)
            .await?
            .number;
        slot.insert((polling, assembly));
    }
    let (polling, assembly) = &polls[&vote_id];
    if let Err(refused) = refusal(polling.check(tx, &request.ballot).await)? {
        return Ok(Err(refused));
    }
    // A failure from here on may have left the transaction unusable (PostgreSQL aborts it).
    polling.record(tx, &request.actor, &request.ballot).await?;
    Ok(Ok(BallotCast {
        vote_id,
        assembly: *assembly,
        member_id: request.ballot.member_id,
        choice: request.ballot.choice,
    }))
}

/// Splits the outcome of a check: the database's failure (outer) from a refusal (inner).
fn refusal<T>(checked: Result<T>) -> Result<Result<T>> {
    match checked {
        Err(Error::Internal) => Err(Error::Internal),
        other => Ok(other),
    }
}
