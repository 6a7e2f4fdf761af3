//! Ballots cast at the same moment are written together: one transaction for all the ballots
//! that arrived while the one before was being written (a group commit). A vote draws bursts of
//! ballots, and a transaction each spent most of its time beginning, reading the vote and the
//! members present again, and committing, one writer at a time.
//!
//! Each ballot is still checked and refused on its own, and written whole (the ballot and its
//! audit entry) or not at all. Should the database fail a batch, none of it is written and its
//! ballots are written again one transaction each, so that only a ballot that fails on its own
//! is answered with an error, and no ballot is ever answered as accepted and then lost.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::oneshot;

use super::votes::Polling;
use crate::auth::Actor;
use crate::model::{BallotCast, CastBallot};
use crate::storage::{get_assembly_by_id, Db, Publisher, Tx};
use crate::{Error, Result};

/// Casts `ballot` in the next batch written to `db`; `publisher` hears of the new tally once it
/// is committed, even if the caller has gone away by then.
pub(crate) async fn cast(
    db: &Db,
    publisher: Option<Arc<dyn Publisher>>,
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
            publisher,
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
    publisher: Option<Arc<dyn Publisher>>,
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

/// The queue of the database behind `db`: its own, kept with its handle and shared by its clones.
fn queue_of(db: &Db) -> Shared {
    db.state().ballot_box.get()
}

/// Writes batches until no ballot is waiting.
async fn write_all(db: Db, queue: Shared) {
    let mut writer = Writer {
        queue: queue.clone(),
        done: false,
    };
    loop {
        let batch = {
            let mut q = lock(&queue);
            if q.pending.is_empty() {
                q.writing = false;
                writer.done = true;
                return;
            }
            std::mem::take(&mut q.pending)
        };
        let answers = match write(&db, &batch).await {
            Ok(answers) => answers,
            Err(e) => {
                tracing::warn!(error = %e, ballots = batch.len(), "a batch of ballots failed; writing them one by one");
                let mut answers = Vec::with_capacity(batch.len());
                for request in &batch {
                    let one = write(&db, std::slice::from_ref(request)).await;
                    answers.push(one.and_then(|mut a| a.pop().unwrap_or(Err(Error::Internal))));
                }
                answers
            }
        };
        for (request, answer) in batch.into_iter().zip(answers) {
            if let (Ok(cast), Some(publisher)) = (&answer, &request.publisher) {
                publisher.tally_changed(cast.assembly);
            }
            // A caller that went away needs no answer.
            let _ = request.reply.send(answer);
        }
    }
}

/// The writing task's hold on its queue. Should the task end any other way than by finding the
/// queue empty (a panic, or its runtime shutting down), the queue is left idle and the ballots
/// waiting are answered with an error (their replies are dropped), rather than waiting forever
/// for a writer that is gone.
struct Writer {
    queue: Shared,
    done: bool,
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.done {
            let mut q = lock(&self.queue);
            q.writing = false;
            q.pending.clear();
        }
    }
}

/// One transaction for the batch: each ballot's answer, or the failure that gave it all up.
/// Every ballot is checked first; the accepted ones are then written in the order of their
/// members (so that batches of several processes lock ballot rows in one order), and their
/// audit entries last (the audit log's lock is the last one a batch takes, as it is for any
/// other change).
async fn write(db: &Db, batch: &[Request]) -> Result<Vec<Result<BallotCast>>> {
    let mut tx = db.begin().await?;
    let mut polls = HashMap::new();
    let mut answers = Vec::with_capacity(batch.len());
    for request in batch {
        answers.push(check(&mut tx, &mut polls, request).await?);
    }
    let mut accepted: Vec<usize> = (0..batch.len()).filter(|&i| answers[i].is_ok()).collect();
    // Stable: two ballots of one member keep their order, the later one stays.
    accepted.sort_by_key(|&i| (batch[i].vote_id, batch[i].ballot.member_id));
    for &i in &accepted {
        polls[&batch[i].vote_id]
            .0
            .upsert(&mut tx, &batch[i].ballot)
            .await?;
    }
    accepted.sort_unstable();
    for &i in &accepted {
        let request = &batch[i];
        let polling = &polls[&request.vote_id].0;
        polling
            .audit(&mut tx, &request.actor, &request.ballot)
            .await?;
    }
    tx.commit().await?;
    Ok(answers)
}

/// Checks one ballot of a batch: `Ok(Err(_))` when it is refused, `Err(_)` when the database
/// failed and the batch is given up.
async fn check(
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
        let assembly = refusal(get_assembly_by_id(tx, polling.vote.assembly_id).await)?;
        match assembly {
            Ok(assembly) => slot.insert((polling, assembly.number)),
            Err(refused) => return Ok(Err(refused)),
        };
    }
    let (polling, assembly) = &polls[&vote_id];
    if let Err(refused) = refusal(polling.check(tx, &request.ballot).await)? {
        return Ok(Err(refused));
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestDb;

    /// Each database has its own queue of ballots, which the clones of its handle share.
    #[tokio::test]
    async fn each_database_has_its_own_ballot_queue() {
        let (a, b) = (TestDb::sqlite().await, TestDb::sqlite().await);
        assert!(Arc::ptr_eq(&queue_of(&a.db), &queue_of(&a.db.clone())));
        assert!(!Arc::ptr_eq(&queue_of(&a.db), &queue_of(&b.db)));
        a.finish().await;
        b.finish().await;
    }
}
