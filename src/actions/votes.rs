//! Members decide: an organizer opens a vote, delegates (or organizers for members in the room)
//! cast ballots, the organizer closes it, and the decision is recorded and takes effect in the
//! register in the same transaction. Every step is audited; opening and closing are events of
//! the live stream (ballots reach it through the server's coalescing, see `live::publish_state`).

use chrono::{DateTime, Utc};

use super::live::commit_and_publish;
use super::{log_change, NONE};
use crate::auth::{organizer, signed_in, Actor, Role};
use crate::model::*;
use crate::replay::{self, AuditedBallot, AuditedClosing, RegisterChange};
use crate::storage::*;
use crate::tally::{acclamation, quorum_met, Outcome, Tally};
use crate::views::{BallotPaper, LiveView, VoteDesk};
use crate::{Error, Problem, Result};

/// Opens a vote in assembly `number`; the new live view. The quorum is checked now and again
/// when the vote closes.
pub async fn open_vote(
    db: &Db,
    publisher: Option<&dyn Publisher>,
    actor: Option<&Actor>,
    number: i64,
    input: &NewVote,
) -> Result<LiveView> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    open_vote_in(&mut tx, actor, number, input, Utc::now()).await?;
    commit_and_publish(tx, publisher, number).await
}

/// Opens a vote inside `tx` at `at` (see [`open_vote`]; the demo gives the reference's times);
/// the vote.
pub(crate) async fn open_vote_in(
    tx: &mut Tx,
    actor: &Actor,
    number: i64,
    input: &NewVote,
    at: DateTime<Utc>,
) -> Result<Vote> {
    input.validate()?;
    let assembly = get_assembly(tx, number).await?;
    if assembly.status != AssemblyStatus::InProgress {
        return Err(Error::invalid(
            "number",
            Problem::VotesOnlyInProgress {
                status: assembly.status,
            },
        ));
    }
    let application = match input.application_id {
        Some(id) => Some(get_application(tx, id).await?),
        None => None,
    };
    if let Some(a) = &application {
        if a.assembly_id != assembly.id {
            return Err(Error::invalid(
                "application_id",
                Problem::ApplicationElsewhere,
            ));
        }
        if a.status != ApplicationStatus::Submitted {
            return Err(Error::invalid(
                "application_id",
                Problem::ApplicationDecided { status: a.status },
            ));
        }
    }
    let agenda_item_id = input
        .agenda_item_id
        .or(application.as_ref().and_then(|a| a.agenda_item_id));
    if let Some(item) = agenda_item_id {
        item_session(tx, assembly.id, item).await?;
    }
    let question = match (&input.question, &application) {
        (Some(q), _) if !q.trim().is_empty() => q.trim().to_owned(),
        (_, Some(a)) => application_question(tx, a).await?,
        _ => unreachable!("validated: a question or an application"),
    };
    let mut vote = Vote {
        id: 0,
        assembly_id: assembly.id,
        agenda_item_id,
        application_id: input.application_id,
        question,
        rule: input
            .rule
            .unwrap_or_else(|| default_rule(application.as_ref().map(|a| a.kind))),
        quorum_percent: input.quorum_percent,
        show_ballots: input.show_ballots,
        roll_call: input.roll_call.unwrap_or(true),
        status: VoteStatus::Open,
        opened_at: at,
        closed_at: None,
        result: None,
    };
    let (electorate, _) = electorate(tx, &vote).await?;
    if !quorum_met(vote.quorum_percent, electorate) {
        return Err(Error::invalid(
            "quorum_percent",
            Problem::NoQuorum {
                present: electorate.present,
                members: electorate.members,
                percent: vote.quorum_percent,
            },
        ));
    }
    vote.id = insert_vote(tx, &vote).await?;
    log_change(tx, actor, "vote.open", "vote", vote.id, NONE, Some(&vote)).await?;
    Ok(vote)
}

/// "Application of Ulsan Metropolitan City for the 14th chairmanship".
pub(crate) async fn application_question(tx: &mut Tx, a: &Application) -> Result<String> {
    let applicant = get_member(tx, a.applicant_member_id).await?.name;
    Ok(match (a.kind, a.term, a.membership_kind) {
        (ApplicationKind::Chairmanship, Some(term), _) => format!(
            "Application of {applicant} for the {} chairmanship",
            ordinal(term)
        ),
        (_, _, Some(MemberKind::Associate)) => {
            format!("Application of {applicant} for associate membership")
        }
        _ => format!("Application of {applicant} for membership"),
    })
}

/// Casts (or changes, until the vote closes) the ballot of a member government. A delegate
/// casts their own member's ballot; an organizer may enter the ballot of any member present.
/// Ballots cast at the same moment are written in one transaction (see `ballot_box`).
pub async fn cast_ballot(
    db: &Db,
    publisher: Option<std::sync::Arc<dyn Publisher>>,
    actor: Option<&Actor>,
    vote_id: i64,
    ballot: &CastBallot,
) -> Result<BallotCast> {
    let actor = signed_in(actor)?;
    own_ballot(actor, ballot)?;
    super::ballot_box::cast(db, publisher, actor, vote_id, ballot).await
}

/// Casts a ballot inside `tx` at `at` (see [`cast_ballot`]).
pub(crate) async fn cast_ballot_in(
    tx: &mut Tx,
    actor: &Actor,
    vote_id: i64,
    ballot: &CastBallot,
    at: DateTime<Utc>,
) -> Result<Vote> {
    own_ballot(actor, ballot)?;
    let polling = Polling::read(tx, vote_id).await?;
    polling.check(tx, ballot).await?;
    polling.upsert_at(tx, ballot, at).await?;
    polling.audit(tx, actor, ballot).await?;
    Ok(polling.vote)
}

/// A delegate casts the ballot of their own member only.
fn own_ballot(actor: &Actor, ballot: &CastBallot) -> Result<()> {
    if actor.role == Role::Delegate && actor.member_id != Some(ballot.member_id) {
        return Err(Error::invalid("member_id", Problem::OwnBallotOnly));
    }
    Ok(())
}

/// An open vote as ballots are cast on it: the vote and the voting members present, read once
/// for all the ballots of a transaction.
pub(crate) struct Polling {
    pub vote: Vote,
    present: Vec<Voter>,
}

impl Polling {
    pub async fn read(tx: &mut Tx, vote_id: i64) -> Result<Polling> {
        let vote = get_vote(tx, vote_id).await?;
        if vote.status != VoteStatus::Open {
            return Err(Error::invalid("vote", Problem::VoteClosed));
        }
        let present = present_voters(tx, &vote).await?;
        Ok(Polling { vote, present })
    }

    /// Refuses the ballot of a member that is not a voting member present.
    pub async fn check(&self, tx: &mut Tx, ballot: &CastBallot) -> Result<()> {
        if self.present.iter().any(|v| v.id == ballot.member_id) {
            return Ok(());
        }
        let member = get_member(tx, ballot.member_id).await?;
        let votes = crate::tally::eligible(member.kind, member.status, associates_vote(tx).await?);
        let name = member.name;
        let problem = if votes {
            Problem::NotPresent { member: name }
        } else {
            Problem::NoVote { member: name }
        };
        Err(Error::invalid("member_id", problem))
    }

    /// Writes a checked ballot (one row per member and vote), cast now.
    pub async fn upsert(&self, tx: &mut Tx, ballot: &CastBallot) -> Result<()> {
        self.upsert_at(tx, ballot, Utc::now()).await
    }

    /// Writes a checked ballot cast at `at`.
    pub async fn upsert_at(
        &self,
        tx: &mut Tx,
        ballot: &CastBallot,
        at: DateTime<Utc>,
    ) -> Result<()> {
        upsert_ballot(tx, self.vote.id, ballot.member_id, ballot.choice, at).await
    }

    /// Appends the audit entry of a ballot written: on a secret vote, that the member voted,
    /// never what (see `crate::replay`).
    pub async fn audit(&self, tx: &mut Tx, actor: &Actor, ballot: &CastBallot) -> Result<()> {
        log_change(
            tx,
            actor,
            replay::actions::BALLOT_CAST,
            "vote",
            self.vote.id,
            NONE,
            Some(&AuditedBallot::of(&self.vote, ballot)),
        )
        .await
    }
}

/// Closes a vote: counts it (or takes it by acclamation), records the decision and its effect
/// on the register, all in one transaction; the new live view.
pub async fn close_vote(
    db: &Db,
    publisher: Option<&dyn Publisher>,
    actor: Option<&Actor>,
    vote_id: i64,
    input: &CloseVote,
) -> Result<LiveView> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let number = close_vote_in(&mut tx, actor, vote_id, input, Utc::now()).await?;
    commit_and_publish(tx, publisher, number).await
}

/// Closes a vote inside `tx` at `now` (see [`close_vote`]); the number of its assembly.
pub(crate) async fn close_vote_in(
    tx: &mut Tx,
    actor: &Actor,
    vote_id: i64,
    input: &CloseVote,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut vote = get_vote(tx, vote_id).await?;
    if vote.status != VoteStatus::Open {
        return Err(Error::invalid("vote", Problem::VoteClosed));
    }
    let mut objectors = Vec::new();
    // The members whose ballots count, audited with the tally so that `plenary audit verify`
    // can count them again (by acclamation nobody's ballot is counted).
    let mut counted = None;
    let tally = if input.acclamation {
        let (electorate, present) = electorate(tx, &vote).await?;
        for id in &input.objections {
            match present.iter().find(|v| v.id == *id) {
                Some(v) => objectors.push(v.name.clone()),
                None => return Err(Error::invalid("objections", Problem::ObjectorNotPresent)),
            }
        }
        acclamation(vote.rule, vote.quorum_percent, electorate, &objectors)
    } else {
        let (tally, ballots) = count_vote(tx, &vote).await?;
        let (_, present) = electorate(tx, &vote).await?;
        counted = Some(
            ballots
                .iter()
                .filter(|b| present.iter().any(|p| p.id == b.member_id))
                .map(|b| b.member_id)
                .collect(),
        );
        tally
    };
    close_vote_row(tx, vote.id, now, &tally).await?;
    vote.status = VoteStatus::Closed;
    vote.closed_at = Some(now);
    vote.result = Some(tally.clone());
    let (decision, change) = decide(tx, &vote, &tally, input.acclamation, &objectors, now).await?;
    let closing = AuditedClosing { tally, counted };
    log_change(
        tx,
        actor,
        replay::actions::VOTE_CLOSE,
        "vote",
        vote.id,
        NONE,
        Some(&closing),
    )
    .await?;
    log_change(
        tx,
        actor,
        replay::actions::DECISION_RECORD,
        "decision",
        decision.id,
        NONE,
        Some(&decision),
    )
    .await?;
    if let Some(change) = change {
        log_change(
            tx,
            actor,
            replay::actions::REGISTER_CHANGE,
            "decision",
            decision.id,
            NONE,
            Some(&change),
        )
        .await?;
    }
    Ok(get_assembly_by_id(tx, vote.assembly_id).await?.number)
}

/// Records the decision of a closed vote and carries out its effect on the register; the
/// decision and the change it made.
async fn decide(
    tx: &mut Tx,
    vote: &Vote,
    tally: &Tally,
    acclaimed: bool,
    objectors: &[String],
    at: chrono::DateTime<Utc>,
) -> Result<(Decision, Option<RegisterChange>)> {
    let approved = tally.outcome == Outcome::Approved;
    let application = match vote.application_id {
        Some(id) => Some(get_application(tx, id).await?),
        None => None,
    };
    let mut effect = DecisionEffect::None;
    let mut change = None;
    let mut summary = tally.explanation.clone();
    if let Some(a) = &application {
        let applicant = get_member(tx, a.applicant_member_id).await?.name;
        set_application_status(
            tx,
            a.id,
            if approved {
                ApplicationStatus::Approved
            } else {
                ApplicationStatus::Rejected
            },
        )
        .await?;
        if approved {
            let (kind, what, made) = effect_of(tx, a, &applicant).await?;
            effect = kind;
            change = Some(made);
            summary = format!("{what}; {summary}");
        }
    }
    let id = insert_decision(
        tx,
        &NewDecision {
            vote,
            outcome: if approved {
                DecisionOutcome::Approved
            } else {
                DecisionOutcome::Rejected
            },
            effect,
            summary,
            acclamation: acclaimed,
            objections: (!objectors.is_empty()).then(|| objectors.join(", ")),
            at,
        },
    )
    .await?;
    if effect == DecisionEffect::ElectChair {
        let a = application
            .as_ref()
            .expect("a chair is elected on an application");
        let term = a.term.expect("validated: a chairmanship names its term");
        record_chair(tx, term, a.applicant_member_id, Some(id)).await?;
    }
    Ok((get_decision(tx, id).await?, change))
}

/// What approving application `a` changes: admits the applicant (with its ordinal) or names
/// the chair for the term; the effect, its description and the change to the register.
async fn effect_of(
    tx: &mut Tx,
    a: &Application,
    applicant: &str,
) -> Result<(DecisionEffect, String, RegisterChange)> {
    let member_id = a.applicant_member_id;
    Ok(match a.kind {
        ApplicationKind::Membership => {
            let kind = a.membership_kind.unwrap_or(MemberKind::Member);
            let ordinal_given = admit_member(tx, member_id, kind).await?;
            let what = match ordinal_given {
                Some(n) => format!("{applicant} admitted as the {} member", ordinal(n)),
                None => format!("{applicant} admitted as an {} member", kind.label()),
            };
            let change = RegisterChange::Admitted {
                member_id,
                kind,
                ordinal: ordinal_given,
            };
            (DecisionEffect::AdmitMember, what, change)
        }
        ApplicationKind::Chairmanship => {
            let term = a.term.unwrap_or_default();
            (
                DecisionEffect::ElectChair,
                format!("{applicant} elected chair for the {} term", ordinal(term)),
                RegisterChange::ElectedChair { member_id, term },
            )
        }
    })
}

/// Reverses a decision and restores the register as it was before it: a separate, audited act.
pub async fn reverse_decision(
    db: &Db,
    actor: Option<&Actor>,
    decision_id: i64,
    input: &ReverseDecision,
) -> Result<Decision> {
    let actor = organizer(actor)?;
    input.validate()?;
    let reason = input.reason.trim();
    let mut tx = db.begin().await?;
    let before = get_decision(&mut tx, decision_id).await?;
    if before.reversed_at.is_some() {
        return Err(Error::invalid("decision", Problem::DecisionReversed));
    }
    if let Some(application_id) = before.application_id {
        let a = get_application(&mut tx, application_id).await?;
        match before.effect {
            DecisionEffect::AdmitMember => {
                restore_applicant(&mut tx, a.applicant_member_id).await?
            }
            DecisionEffect::ElectChair => remove_chair(&mut tx, before.id).await?,
            DecisionEffect::None => {}
        }
        set_application_status(&mut tx, a.id, ApplicationStatus::Submitted).await?;
    }
    mark_reversed(&mut tx, before.id, reason, Utc::now()).await?;
    let after = get_decision(&mut tx, decision_id).await?;
    log_change(
        &mut tx,
        actor,
        replay::actions::DECISION_REVERSE,
        "decision",
        decision_id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A vote and its tally, for the JSON API.
pub async fn vote_with_tally(db: &Db, vote_id: i64) -> Result<crate::views::VoteView> {
    db.reading(async |tx| {
        let vote = get_vote(tx, vote_id).await?;
        vote_view(tx, &vote).await
    })
    .await
}

/// The signed-in delegate's ballot paper for a vote; `None` for anyone who is not a delegate.
pub async fn ballot_paper(
    db: &Db,
    actor: Option<&Actor>,
    vote_id: i64,
) -> Result<Option<BallotPaper>> {
    let Some(member_id) = actor
        .filter(|a| a.role == Role::Delegate)
        .and_then(|a| a.member_id)
    else {
        return Ok(None);
    };
    db.reading(async |tx| {
        let member = get_member(tx, member_id).await?;
        let choice = list_ballots(tx, vote_id)
            .await?
            .into_iter()
            .find(|b| b.member_id == member_id)
            .map(|b| b.choice);
        Ok(Some(BallotPaper {
            vote_id,
            member_id,
            member: member.name,
            choice,
        }))
    })
    .await
}

/// What the control panel shows to run the votes of assembly `number` (organizers).
pub async fn vote_desk(db: &Db, actor: Option<&Actor>, number: i64) -> Result<VoteDesk> {
    organizer(actor)?;
    db.reading(async |tx| {
        let assembly = get_assembly(tx, number).await?;
        let mut pending = Vec::new();
        for a in list_applications(tx, assembly.id).await? {
            if a.status == ApplicationStatus::Submitted {
                pending.push((a.id, application_question(tx, &a).await?));
            }
        }
        let voters = present_members(tx, assembly.id, None)
            .await?
            .into_iter()
            .filter(|v| v.eligible)
            .map(|v| (v.id, v.name))
            .collect();
        Ok(VoteDesk {
            pending,
            voters,
            decisions: list_decisions(tx, assembly.id).await?,
        })
    })
    .await
}
