//! Votes, ballots and decisions in storage, and the register changes decisions make. Rules are
//! checked by `crate::actions::votes`; these run inside the caller's transaction.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::edit::exec;
use super::records::{row, rows};
use super::{internal, on_tx, stored, unique, Tx};
use crate::model::*;
use crate::tally::{eligible, tally, Electorate, Tally};
use crate::views::{BallotView, VoteView};
use crate::{Error, Problem, Result};

#[derive(FromRow)]
struct VoteRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    application_id: Option<i64>,
    question: String,
    rule: String,
    quorum_percent: i64,
    show_ballots: bool,
    roll_call: bool,
    status: String,
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    result: Option<String>,
}

impl TryFrom<VoteRow> for Vote {
    type Error = Error;
    fn try_from(r: VoteRow) -> Result<Self> {
        Ok(Vote {
            id: r.id,
            assembly_id: r.assembly_id,
            agenda_item_id: r.agenda_item_id,
            application_id: r.application_id,
            question: r.question,
            rule: stored("votes.rule", &r.rule)?,
            quorum_percent: r.quorum_percent,
            show_ballots: r.show_ballots,
            roll_call: r.roll_call,
            status: stored("votes.status", &r.status)?,
            opened_at: r.opened_at,
            closed_at: r.closed_at,
            result: r
                .result
                .map(|json| {
                    serde_json::from_str(&json).map_err(|e| {
                        tracing::error!(error = %e, "unreadable tally stored with a vote");
                        Error::Internal
                    })
                })
                .transpose()?,
        })
    }
}

const VOTE: &str =
    "SELECT id, assembly_id, agenda_item_id, application_id, question, rule, quorum_percent,
    show_ballots, roll_call, status, opened_at, closed_at, result FROM votes";

/// Inserts an open vote; a second open vote in the same assembly is refused.
pub async fn insert_vote(tx: &mut Tx, vote: &Vote) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO votes (assembly_id, agenda_item_id, application_id, question, rule, quorum_percent,
                            show_ballots, roll_call, status, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) RETURNING id")
        .bind(vote.assembly_id).bind(vote.agenda_item_id).bind(vote.application_id).bind(&vote.question)
        .bind(vote.rule.as_str()).bind(vote.quorum_percent).bind(vote.show_ballots).bind(vote.roll_call)
        .bind(vote.opened_at)
        .fetch_one(c).await)
    .map_err(unique("application_id", crate::Problem::AnotherVoteOpen))
}

pub async fn get_vote(tx: &mut Tx, id: i64) -> Result<Vote> {
    row::<VoteRow>(tx, &format!("{VOTE} WHERE id = $1"), id, "Vote")
        .await?
        .try_into()
}

/// The votes of an assembly, oldest first.
pub async fn list_votes(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Vote>> {
    rows::<VoteRow>(
        tx,
        &format!("{VOTE} WHERE assembly_id = $1 ORDER BY id"),
        assembly_id,
    )
    .await?
    .into_iter()
    .map(Vote::try_from)
    .collect()
}

/// The vote the live views show: the open one, or else the last one taken, while the meeting
/// is still on its item (or between items).
pub async fn shown_vote(
    tx: &mut Tx,
    assembly_id: i64,
    current_item_id: Option<i64>,
) -> Result<Option<Vote>> {
    let votes = list_votes(tx, assembly_id).await?;
    let open = votes.iter().find(|v| v.status == VoteStatus::Open);
    let last = votes
        .last()
        .filter(|v| current_item_id.is_none() || v.agenda_item_id == current_item_id);
    Ok(open.or(last).cloned())
}

/// Closes a vote with its final tally.
pub async fn close_vote_row(tx: &mut Tx, id: i64, at: DateTime<Utc>, result: &Tally) -> Result<()> {
    let result = serde_json::to_string(result).map_err(|e| {
        tracing::error!(error = %e, "could not serialize a tally");
        Error::Internal
    })?;
    exec!(
        tx,
        "UPDATE votes SET status = 'closed', closed_at = $1, result = $2 WHERE id = $3 AND status = 'open'",
        at,
        result,
        id
    )
    .map_err(internal)?;
    Ok(())
}

/// A member government as a voter: its name and whether it votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    pub id: i64,
    pub name: String,
    pub eligible: bool,
}

#[derive(FromRow)]
struct VoterRow {
    id: i64,
    name: String,
    kind: String,
    status: String,
}

/// Whether the association lets associate members vote.
pub async fn associates_vote(tx: &mut Tx) -> Result<bool> {
    let found: Option<bool> =
        on_tx!(tx, c => sqlx::query_scalar("SELECT associates_vote FROM association WHERE id = 1")
        .fetch_optional(c).await)
        .map_err(internal)?;
    Ok(found.unwrap_or(false))
}

fn voters(rows: Vec<VoterRow>, associates_vote: bool) -> Result<Vec<Voter>> {
    rows.into_iter()
        .map(|r| {
            Ok(Voter {
                eligible: eligible(
                    stored("members.kind", &r.kind)?,
                    stored("members.status", &r.status)?,
                    associates_vote,
                ),
                id: r.id,
                name: r.name,
            })
        })
        .collect()
}

/// The member governments recorded as present for `session_id` of an assembly (lines for the
/// whole assembly count for every session), by name.
pub async fn present_members(
    tx: &mut Tx,
    assembly_id: i64,
    session_id: Option<i64>,
) -> Result<Vec<Voter>> {
    let rows: Vec<VoterRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT DISTINCT m.id, m.name, m.kind, m.status FROM attendance a JOIN members m ON m.id = a.member_id
         WHERE a.assembly_id = $1 AND (a.session_id IS NULL OR a.session_id = $2) ORDER BY m.name")
        .bind(assembly_id).bind(session_id).fetch_all(c).await)
    .map_err(internal)?;
    let associates_vote = associates_vote(tx).await?;
    voters(rows, associates_vote)
}

/// Who may vote and who is there: all voting members of the association (the base of the
/// quorum) and the voting members present.
pub async fn electorate(tx: &mut Tx, vote: &Vote) -> Result<(Electorate, Vec<Voter>)> {
    let all: Vec<VoterRow> =
        on_tx!(tx, c => sqlx::query_as("SELECT id, name, kind, status FROM members")
        .fetch_all(c).await)
        .map_err(internal)?;
    let associates_vote = associates_vote(tx).await?;
    let members = voters(all, associates_vote)?
        .iter()
        .filter(|v| v.eligible)
        .count() as i64;
    let present = present_voters(tx, vote).await?;
    Ok((
        Electorate {
            members,
            present: present.len() as i64,
        },
        present,
    ))
}

/// The voting members present for `vote`: attendance of the session of its agenda item, or of
/// the whole assembly.
pub async fn present_voters(tx: &mut Tx, vote: &Vote) -> Result<Vec<Voter>> {
    let session = match vote.agenda_item_id {
        Some(item) => Some(super::get_item(tx, item).await?.session_id),
        None => None,
    };
    Ok(present_members(tx, vote.assembly_id, session)
        .await?
        .into_iter()
        .filter(|v| v.eligible)
        .collect())
}

/// Casts or changes the ballot of `member_id`: one row per member and vote, whatever the race.
pub async fn upsert_ballot(
    tx: &mut Tx,
    vote_id: i64,
    member_id: i64,
    choice: BallotChoice,
    at: DateTime<Utc>,
) -> Result<()> {
    exec!(tx, "INSERT INTO ballots (vote_id, member_id, choice, cast_at) VALUES ($1, $2, $3, $4)
               ON CONFLICT (vote_id, member_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at",
        vote_id, member_id, choice.as_str(), at)
    .map_err(internal)?;
    Ok(())
}

/// The ballots of a vote, by member name.
pub async fn list_ballots(tx: &mut Tx, vote_id: i64) -> Result<Vec<BallotView>> {
    let rows: Vec<(i64, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT m.id, m.name, b.choice FROM ballots b JOIN members m ON m.id = b.member_id
         WHERE b.vote_id = $1 ORDER BY m.name")
        .bind(vote_id).fetch_all(c).await)
    .map_err(internal)?;
    rows.into_iter()
        .map(|(member_id, member, choice)| {
            Ok(BallotView {
                member_id,
                member,
                choice: stored("ballots.choice", &choice)?,
            })
        })
        .collect()
}

/// The tally of a vote: only ballots of members present and eligible count.
pub async fn count_vote(tx: &mut Tx, vote: &Vote) -> Result<(Tally, Vec<BallotView>)> {
    let (electorate, present) = electorate(tx, vote).await?;
    let ballots = list_ballots(tx, vote.id).await?;
    let counted: Vec<BallotChoice> = ballots
        .iter()
        .filter(|b| present.iter().any(|p| p.id == b.member_id))
        .map(|b| b.choice)
        .collect();
    Ok((
        tally(vote.rule, vote.quorum_percent, electorate, &counted),
        ballots,
    ))
}

/// The vote as the live views show it.
pub async fn vote_view(tx: &mut Tx, vote: &Vote) -> Result<VoteView> {
    let decision = decision_of_vote(tx, vote.id).await?;
    let (tally, ballots) = match &vote.result {
        // Closed: the count as it stood then, whatever the register has become since.
        Some(result) => (result.clone(), list_ballots(tx, vote.id).await?),
        None => count_vote(tx, vote).await?,
    };
    let shown = vote.shows_ballots();
    Ok(VoteView {
        id: vote.id,
        question: vote.question.clone(),
        rule: vote.rule,
        quorum_percent: vote.quorum_percent,
        roll_call: vote.roll_call,
        status: vote.status,
        tally,
        ballots: if shown { ballots } else { Vec::new() },
        decision: decision.map(|d| d.summary),
    })
}

#[derive(FromRow)]
struct DecisionRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    vote_id: Option<i64>,
    application_id: Option<i64>,
    outcome: String,
    effect: String,
    summary: String,
    decided_at: DateTime<Utc>,
    reversed_at: Option<DateTime<Utc>>,
    reversal_reason: Option<String>,
}

impl TryFrom<DecisionRow> for Decision {
    type Error = Error;
    fn try_from(r: DecisionRow) -> Result<Self> {
        Ok(Decision {
            id: r.id,
            assembly_id: r.assembly_id,
            agenda_item_id: r.agenda_item_id,
            vote_id: r.vote_id,
            application_id: r.application_id,
            outcome: stored("decisions.outcome", &r.outcome)?,
            effect: stored("decisions.effect", &r.effect)?,
            summary: r.summary,
            decided_at: r.decided_at,
            reversed_at: r.reversed_at,
            reversal_reason: r.reversal_reason,
        })
    }
}

const DECISION: &str =
    "SELECT id, assembly_id, agenda_item_id, vote_id, application_id, outcome, effect,
    summary, decided_at, reversed_at, reversal_reason FROM decisions";

/// What to record as a decision.
pub struct NewDecision<'a> {
    pub vote: &'a Vote,
    pub outcome: DecisionOutcome,
    pub effect: DecisionEffect,
    pub summary: String,
    pub acclamation: bool,
    pub objections: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn insert_decision(tx: &mut Tx, d: &NewDecision<'_>) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO decisions (assembly_id, agenda_item_id, vote_id, application_id, outcome, effect, summary,
                                decided_at, method, objections)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(d.vote.assembly_id).bind(d.vote.agenda_item_id).bind(d.vote.id).bind(d.vote.application_id)
        .bind(d.outcome.as_str()).bind(d.effect.as_str()).bind(&d.summary).bind(d.at)
        .bind(if d.acclamation { "acclamation" } else { "ballot" }).bind(&d.objections)
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn get_decision(tx: &mut Tx, id: i64) -> Result<Decision> {
    row::<DecisionRow>(tx, &format!("{DECISION} WHERE id = $1"), id, "Decision")
        .await?
        .try_into()
}

pub async fn decision_of_vote(tx: &mut Tx, vote_id: i64) -> Result<Option<Decision>> {
    rows::<DecisionRow>(tx, &format!("{DECISION} WHERE vote_id = $1"), vote_id)
        .await?
        .into_iter()
        .next()
        .map(Decision::try_from)
        .transpose()
}

/// The decisions of an assembly, in the order they were taken.
pub async fn list_decisions(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Decision>> {
    rows::<DecisionRow>(
        tx,
        &format!("{DECISION} WHERE assembly_id = $1 ORDER BY decided_at, id"),
        assembly_id,
    )
    .await?
    .into_iter()
    .map(Decision::try_from)
    .collect()
}

pub async fn mark_reversed(tx: &mut Tx, id: i64, reason: &str, at: DateTime<Utc>) -> Result<()> {
    exec!(
        tx,
        "UPDATE decisions SET reversed_at = $1, reversal_reason = $2 WHERE id = $3",
        at,
        reason,
        id
    )
    .map_err(internal)?;
    Ok(())
}

pub async fn set_application_status(tx: &mut Tx, id: i64, status: ApplicationStatus) -> Result<()> {
    exec!(
        tx,
        "UPDATE applications SET status = $1 WHERE id = $2",
        status.as_str(),
        id
    )
    .map_err(internal)?;
    Ok(())
}

/// Makes `member_id` an active member of `kind`; full members get the next ordinal, which is
/// returned ("the 79th member").
pub async fn admit_member(tx: &mut Tx, member_id: i64, kind: MemberKind) -> Result<Option<i64>> {
    let ordinal: Option<i64> = if kind == MemberKind::Member {
        let last: Option<i64> =
            on_tx!(tx, c => sqlx::query_scalar("SELECT MAX(ordinal) FROM members")
            .fetch_one(c).await)
            .map_err(internal)?;
        // Ordinals are range-checked where they are typed; one stored before that is refused
        // here rather than wrapping round.
        let next = last
            .unwrap_or(0)
            .checked_add(1)
            .filter(|n| *n <= crate::rules::MAX_ORDINAL);
        Some(next.ok_or_else(|| {
            Error::conflict(
                None,
                Problem::OutOfRange {
                    min: 1,
                    max: crate::rules::MAX_ORDINAL,
                },
            )
        })?)
    } else {
        None
    };
    exec!(
        tx,
        "UPDATE members SET status = 'active', kind = $1, ordinal = $2 WHERE id = $3",
        kind.as_str(),
        ordinal,
        member_id
    )
    .map_err(internal)?;
    Ok(ordinal)
}

/// Puts a member government back as it was before it was admitted: an applicant, no ordinal.
pub async fn restore_applicant(tx: &mut Tx, member_id: i64) -> Result<()> {
    exec!(
        tx,
        "UPDATE members SET status = 'applicant', ordinal = NULL WHERE id = $1",
        member_id
    )
    .map_err(internal)?;
    Ok(())
}

/// Forgets the chairmanship a decision recorded.
pub async fn remove_chair(tx: &mut Tx, decision_id: i64) -> Result<()> {
    exec!(
        tx,
        "DELETE FROM chairmanships WHERE decision_id = $1",
        decision_id
    )
    .map_err(internal)?;
    Ok(())
}
