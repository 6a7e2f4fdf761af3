//! Reads what the audit log says of votes, decisions and register changes, and what the
//! database holds of them now, in one snapshot, for the replay of `crate::replay`.

use super::{internal, on_tx, stored, Db, Tx};
use crate::replay::{
    actions, replay, Current, Difference, LoggedEntry, StoredBallot, StoredChair, StoredMember,
    StoredVote, Trail,
};
use crate::tally::Tally;
use crate::Result;

/// Audit entries are read a page at a time, so a long log does not sit in memory at once.
const PAGE: i64 = 5000;

/// Replays the audit log against the record: the first difference, if any.
pub async fn replay_audit(db: &Db) -> Result<Option<Difference>> {
    db.reading(async |tx| {
        snapshot(tx).await?;
        let trail = match read_trail(tx).await? {
            Ok(trail) => trail,
            Err(unreadable) => return Ok(Some(Difference::Unreadable(unreadable))),
        };
        let current = read_current(tx).await?;
        Ok(replay(&trail, &current))
    })
    .await
}

/// On PostgreSQL every statement of the transaction reads the same snapshot, so a change
/// committed while the replay reads is seen both in the log and in the record, or in neither.
/// (SQLite's read transaction is one snapshot already.)
async fn snapshot(tx: &mut Tx) -> Result<()> {
    if let Tx::Postgres(t, _) = tx {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut **t)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

type Row = (i64, String, String, Option<i64>, Option<String>);

async fn read_trail(tx: &mut Tx) -> Result<std::result::Result<Trail, crate::replay::Unreadable>> {
    let mut trail = Trail::default();
    let mut after_id = 0_i64;
    let sql = format!(
        "SELECT id, action, entity, entity_id, after_state FROM audit_log
         WHERE id > $1 AND (action IN ('{}', '{}', '{}', '{}', '{}', '{}') OR entity = 'member')
         ORDER BY id LIMIT $2",
        actions::VOTE_OPEN,
        actions::BALLOT_CAST,
        actions::VOTE_CLOSE,
        actions::DECISION_RECORD,
        actions::DECISION_REVERSE,
        actions::REGISTER_CHANGE,
    );
    loop {
        let page: Vec<Row> = on_tx!(tx, c => sqlx::query_as(&sql)
            .bind(after_id).bind(PAGE).fetch_all(c).await)
        .map_err(internal)?;
        let Some(last) = page.last() else { break };
        after_id = last.0;
        for (id, action, entity, entity_id, after) in page {
            let entry = LoggedEntry {
                id,
                action,
                entity,
                entity_id,
                after,
            };
            if let Err(unreadable) = trail.apply(&entry) {
                return Ok(Err(unreadable));
            }
        }
    }
    Ok(Ok(trail))
}

async fn read_current(tx: &mut Tx) -> Result<Current> {
    let votes: Vec<(i64, bool, String, Option<String>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, roll_call, status, result FROM votes ORDER BY id")
        .fetch_all(c).await)
    .map_err(internal)?;
    let votes = votes
        .into_iter()
        .map(|(id, roll_call, status, result)| {
            Ok(StoredVote {
                id,
                roll_call,
                closed: status == "closed",
                result: result.as_deref().and_then(tally),
            })
        })
        .collect::<Result<_>>()?;
    let ballots: Vec<(i64, i64, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT vote_id, member_id, choice FROM ballots ORDER BY vote_id, member_id")
        .fetch_all(c).await)
    .map_err(internal)?;
    let ballots = ballots
        .into_iter()
        .map(|(vote_id, member_id, choice)| {
            Ok(StoredBallot {
                vote_id,
                member_id,
                choice: stored("ballots.choice", &choice)?,
            })
        })
        .collect::<Result<_>>()?;
    let members: Vec<(i64, String, String, Option<i64>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, kind, status, ordinal FROM members ORDER BY id")
        .fetch_all(c).await)
    .map_err(internal)?;
    let members = members
        .into_iter()
        .map(|(id, kind, status, ordinal)| {
            Ok(StoredMember {
                id,
                kind: stored("members.kind", &kind)?,
                status: stored("members.status", &status)?,
                ordinal,
            })
        })
        .collect::<Result<_>>()?;
    let chairs: Vec<(i64, i64, Option<i64>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT term, member_id, decision_id FROM chairmanships ORDER BY term")
        .fetch_all(c).await)
    .map_err(internal)?;
    let chairs = chairs
        .into_iter()
        .map(|(term, member_id, decision_id)| StoredChair {
            term,
            member_id,
            decision_id,
        })
        .collect();
    let assemblies: Vec<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT id FROM assemblies ORDER BY id")
        .fetch_all(c).await)
    .map_err(internal)?;
    let mut decisions = Vec::new();
    for assembly in assemblies {
        decisions.extend(super::list_decisions(tx, assembly).await?);
    }
    Ok(Current {
        votes,
        ballots,
        decisions,
        members,
        chairs,
    })
}

/// A stored tally; one that does not read is left out, and the replay names its vote.
fn tally(text: &str) -> Option<Tally> {
    serde_json::from_str(text)
        .map_err(|e| tracing::warn!(error = %e, "a stored tally does not parse"))
        .ok()
}
