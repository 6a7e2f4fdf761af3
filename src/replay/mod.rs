//! The audit log replayed against the record: what the log says of each ballot, each vote's
//! closing, each decision and the change it made to the register, folded into a [`Trail`], and
//! compared with what the database holds now ([`Current`]). The hash chain shows that the log was
//! not edited; the replay shows that the record still says what the log says, so a ballot, a
//! tally or a register row edited in the database is named too.
//!
//! Secret votes: the log records that a member voted, never what ([`AuditedBallot`] without a
//! choice), so nobody who reads the log learns a member's choice. Their ballot rows keep the
//! choice, for the count. What binds those rows is the closing: it is audited with its tally and
//! the members whose ballots were counted ([`AuditedClosing`]), and the replay counts the stored
//! choices of those members against the audited tally, and checks that each of them has an
//! audited ballot. A row edited after the closing changes that count and is found; two choices
//! swapped between members leave every count as it was, which is exactly what a secret vote
//! keeps no trace of.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{
    BallotChoice, CastBallot, Decision, DecisionEffect, MemberKind, MemberStatus, Vote,
};
use crate::tally::Tally;

/// What the audit log keeps of a ballot: the member, and its choice only on a roll-call vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditedBallot {
    pub member_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<BallotChoice>,
}

impl AuditedBallot {
    /// The audit entry of `ballot` cast on `vote`.
    pub fn of(vote: &Vote, ballot: &CastBallot) -> Self {
        AuditedBallot {
            member_id: ballot.member_id,
            choice: vote.roll_call.then_some(ballot.choice),
        }
    }
}

/// A ballot's audit record as the log is read: on a secret vote, who voted and never what.
/// Entries written before secret ballots were audited without their choice still hold it, and
/// the log cannot be rewritten, so the choice is left out whenever it is read.
pub fn without_choice(after: &str) -> String {
    match serde_json::from_str::<AuditedBallot>(after) {
        Ok(ballot) => serde_json::to_string(&AuditedBallot {
            choice: None,
            ..ballot
        })
        .unwrap_or_default(),
        // Not a ballot's record: nothing of it is shown rather than a choice by mistake.
        Err(_) => String::new(),
    }
}

/// What the audit log keeps of a vote's closing: its tally, and the members whose ballots were
/// counted (none by acclamation; entries written before the list was kept have none either).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditedClosing {
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<Vec<i64>>,
}

/// The change a decision made to the register, as audited when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RegisterChange {
    /// The applicant became an active member of `kind`, with `ordinal` (full members).
    Admitted {
        member_id: i64,
        kind: MemberKind,
        ordinal: Option<i64>,
    },
    /// The applicant chairs the association for `term`.
    ElectedChair { member_id: i64, term: i64 },
}

/// The audit actions the replay reads.
pub mod actions {
    pub const VOTE_OPEN: &str = "vote.open";
    pub const BALLOT_CAST: &str = "ballot.cast";
    pub const VOTE_CLOSE: &str = "vote.close";
    pub const DECISION_RECORD: &str = "decision.record";
    pub const DECISION_REVERSE: &str = "decision.reverse";
    pub const REGISTER_CHANGE: &str = "register.change";
}

/// One audit entry as the replay reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedEntry {
    pub id: i64,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub after: Option<String>,
}

/// A vote as the audit log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditedVote {
    pub roll_call: bool,
    /// Each member's last audited ballot.
    pub ballots: BTreeMap<i64, AuditedBallot>,
    pub closing: Option<AuditedClosing>,
}

/// A decision as the audit log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditedDecision {
    /// Its last audited state (recorded, or reversed).
    pub decision: Decision,
    /// Its change to the register, and the id of that entry.
    pub register: Option<(i64, RegisterChange)>,
}

/// Everything the audit log says about votes, decisions and the register changes they made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    /// Votes opened in the log, by id (votes imported with a document are not).
    pub votes: BTreeMap<i64, AuditedVote>,
    pub decisions: BTreeMap<i64, AuditedDecision>,
    /// The id of the last audit entry about each member government.
    pub member_changes: BTreeMap<i64, i64>,
}

/// The entry `id` is not what the replay can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub entry: i64,
    pub detail: String,
}

impl Trail {
    /// The trail of a whole log, entries in id order.
    pub fn of(entries: impl IntoIterator<Item = LoggedEntry>) -> Result<Trail, Unreadable> {
        let mut trail = Trail::default();
        for e in entries {
            trail.apply(&e)?;
        }
        Ok(trail)
    }

    /// Adds one entry (in id order).
    pub fn apply(&mut self, e: &LoggedEntry) -> Result<(), Unreadable> {
        let Some(id) = e.entity_id else {
            return Ok(());
        };
        if e.entity == "member" {
            self.member_changes.insert(id, e.id);
            return Ok(());
        }
        match e.action.as_str() {
            actions::VOTE_OPEN => {
                let vote: Vote = parse(e)?;
                self.votes.insert(
                    id,
                    AuditedVote {
                        roll_call: vote.roll_call,
                        ballots: BTreeMap::new(),
                        closing: None,
                    },
                );
            }
            actions::BALLOT_CAST => {
                let ballot: AuditedBallot = parse(e)?;
                if let Some(vote) = self.votes.get_mut(&id) {
                    vote.ballots.insert(ballot.member_id, ballot);
                }
            }
            actions::VOTE_CLOSE => {
                let closing: AuditedClosing = parse(e)?;
                if let Some(vote) = self.votes.get_mut(&id) {
                    vote.closing = Some(closing);
                }
            }
            actions::DECISION_RECORD | actions::DECISION_REVERSE => {
                let decision: Decision = parse(e)?;
                let register = self.decisions.remove(&id).and_then(|d| d.register);
                self.decisions
                    .insert(id, AuditedDecision { decision, register });
            }
            actions::REGISTER_CHANGE => {
                let change: RegisterChange = parse(e)?;
                // A later admission of the same member (after a reversal, say) is that
                // decision's to answer for, not the earlier one's.
                if let RegisterChange::Admitted { member_id, .. } = change {
                    self.member_changes.insert(member_id, e.id);
                }
                if let Some(d) = self.decisions.get_mut(&id) {
                    d.register = Some((e.id, change));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether the log says anything about member `member_id` after entry `entry`.
    fn member_changed_after(&self, member_id: i64, entry: i64) -> bool {
        self.member_changes
            .get(&member_id)
            .is_some_and(|last| *last > entry)
    }
}

fn parse<T: for<'de> Deserialize<'de>>(e: &LoggedEntry) -> Result<T, Unreadable> {
    let text = e.after.as_deref().unwrap_or("null");
    serde_json::from_str(text).map_err(|err| Unreadable {
        entry: e.id,
        detail: format!("its {} record does not read: {err}", e.action),
    })
}

/// A vote as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVote {
    pub id: i64,
    pub roll_call: bool,
    pub closed: bool,
    /// The tally it closed with.
    pub result: Option<Tally>,
}

/// A ballot row as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBallot {
    pub vote_id: i64,
    pub member_id: i64,
    pub choice: BallotChoice,
}

/// A member government's place in the register as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMember {
    pub id: i64,
    pub kind: MemberKind,
    pub status: MemberStatus,
    pub ordinal: Option<i64>,
}

/// A chairmanship row as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChair {
    pub term: i64,
    pub member_id: i64,
    pub decision_id: Option<i64>,
}

/// What the database holds now, of what the trail speaks about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Current {
    pub votes: Vec<StoredVote>,
    pub ballots: Vec<StoredBallot>,
    pub decisions: Vec<Decision>,
    pub members: Vec<StoredMember>,
    pub chairs: Vec<StoredChair>,
}

/// Counts in favour, against and abstaining.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

impl Counts {
    fn of_tally(t: &Tally) -> Self {
        Counts {
            yes: t.yes,
            no: t.no,
            abstain: t.abstain,
        }
    }

    fn add(&mut self, choice: BallotChoice) {
        match choice {
            BallotChoice::Yes => self.yes += 1,
            BallotChoice::No => self.no += 1,
            BallotChoice::Abstain => self.abstain += 1,
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} in favour, {} against, {} abstaining",
            self.yes, self.no, self.abstain
        )
    }
}

/// The first place where the record no longer says what the audit log says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// An audit entry the replay cannot read.
    Unreadable(Unreadable),
    /// A vote opened in the log is gone, or its kind (roll-call or secret) changed.
    Vote { vote: i64, what: String },
    /// A stored ballot that no audit entry accounts for.
    UnauditedBallot { vote: i64, member: i64 },
    /// An audited ballot whose row is gone.
    MissingBallot { vote: i64, member: i64 },
    /// A roll-call ballot whose stored choice is not its last audited choice.
    Ballot {
        vote: i64,
        member: i64,
        stored: BallotChoice,
        audited: Option<BallotChoice>,
    },
    /// A vote's stored tally, or its closing, is not what the log says.
    Tally { vote: i64, what: String },
    /// The ballots of the members counted do not add up to the audited tally.
    Count {
        vote: i64,
        ballots: Counts,
        tally: Counts,
    },
    /// A decision is not stored as audited (or has no audit entry, or is gone).
    Decision { decision: i64, what: String },
    /// The register does not hold the change a decision made (or holds one none made).
    Register { decision: i64, what: String },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Unreadable(u) => write!(f, "audit entry {}: {}", u.entry, u.detail),
            Difference::Vote { vote, what } => write!(f, "vote {vote}: {what}"),
            Difference::UnauditedBallot { vote, member } => write!(
                f,
                "vote {vote}: the ballot of member {member} is stored but not in the audit log"
            ),
            Difference::MissingBallot { vote, member } => write!(
                f,
                "vote {vote}: the audited ballot of member {member} is not stored"
            ),
            Difference::Ballot {
                vote,
                member,
                stored,
                audited,
            } => write!(
                f,
                "vote {vote}: the ballot of member {member} is stored as {}, its last audited choice is {}",
                stored.as_str(),
                audited.map_or("none", |c| c.as_str())
            ),
            Difference::Tally { vote, what } => write!(f, "vote {vote}: {what}"),
            Difference::Count {
                vote,
                ballots,
                tally,
            } => write!(
                f,
                "vote {vote}: the ballots of the members counted make {ballots}, the audited tally {tally}"
            ),
            Difference::Decision { decision, what } => write!(f, "decision {decision}: {what}"),
            Difference::Register { decision, what } => write!(f, "decision {decision}: {what}"),
        }
    }
}

/// Compares the record with the trail; the first difference, votes first (by id: their
/// ballots, then their tally), then decisions (by id: each, then its change to the register),
/// then chairmanships no decision made.
pub fn replay(trail: &Trail, current: &Current) -> Option<Difference> {
    for (&id, audited) in &trail.votes {
        let stored = current.votes.iter().find(|v| v.id == id);
        if let Some(d) = vote_differs(id, audited, stored, &current.ballots) {
            return Some(d);
        }
    }
    for (&id, audited) in &trail.decisions {
        let stored = current.decisions.iter().find(|d| d.id == id);
        if let Some(d) = decision_differs(id, audited, stored) {
            return Some(d);
        }
        if let Some(d) = register_differs(trail, id, audited, current) {
            return Some(d);
        }
    }
    unaudited(trail, current)
}

/// The first difference between vote `id` as audited and as stored, with its ballot rows.
pub fn vote_differs(
    id: i64,
    audited: &AuditedVote,
    stored: Option<&StoredVote>,
    ballots: &[StoredBallot],
) -> Option<Difference> {
    let what = |what: &str| Difference::Vote {
        vote: id,
        what: what.to_owned(),
    };
    let Some(stored) = stored else {
        return Some(what("it was opened in the audit log but is not stored"));
    };
    if stored.roll_call != audited.roll_call {
        return Some(what(if audited.roll_call {
            "it was opened as a roll-call vote but is stored as secret"
        } else {
            "it was opened as a secret vote but is stored as roll-call"
        }));
    }
    let rows: BTreeMap<i64, BallotChoice> = ballots
        .iter()
        .filter(|b| b.vote_id == id)
        .map(|b| (b.member_id, b.choice))
        .collect();
    for (&member, &choice) in &rows {
        let Some(ballot) = audited.ballots.get(&member) else {
            return Some(Difference::UnauditedBallot { vote: id, member });
        };
        if audited.roll_call && ballot.choice != Some(choice) {
            return Some(Difference::Ballot {
                vote: id,
                member,
                stored: choice,
                audited: ballot.choice,
            });
        }
    }
    if let Some(&member) = audited.ballots.keys().find(|m| !rows.contains_key(m)) {
        return Some(Difference::MissingBallot { vote: id, member });
    }
    tally_differs(id, audited, stored, &rows)
}

/// Whether the stored tally is the audited one, and the ballots counted add up to it: audited
/// choices on a roll-call vote, the stored rows of the members counted on a secret one.
fn tally_differs(
    id: i64,
    audited: &AuditedVote,
    stored: &StoredVote,
    rows: &BTreeMap<i64, BallotChoice>,
) -> Option<Difference> {
    let what = |what: String| Difference::Tally { vote: id, what };
    let closing = match (&audited.closing, stored.closed) {
        (None, false) => return None,
        (None, true) => {
            return Some(what(
                "it is stored as closed but was never closed in the audit log".into(),
            ))
        }
        (Some(_), false) => {
            return Some(what(
                "it was closed in the audit log but is stored as open".into(),
            ))
        }
        (Some(closing), true) => closing,
    };
    match &stored.result {
        Some(result) if *result == closing.tally => {}
        Some(result) => {
            return Some(what(format!(
                "its stored tally is {}, the audited tally {}",
                Counts::of_tally(result),
                Counts::of_tally(&closing.tally)
            )))
        }
        None => {
            return Some(what(
                "it is closed but its tally is not stored, or does not read".into(),
            ))
        }
    }
    let counted = closing.counted.as_ref()?;
    let mut counts = Counts::default();
    for member in counted {
        let choice = if audited.roll_call {
            audited.ballots.get(member).and_then(|b| b.choice)
        } else if audited.ballots.contains_key(member) {
            rows.get(member).copied()
        } else {
            None
        };
        match choice {
            Some(c) => counts.add(c),
            None => {
                return Some(what(format!(
                    "member {member} was counted without an audited ballot"
                )))
            }
        }
    }
    let tally = Counts::of_tally(&closing.tally);
    (counts != tally).then_some(Difference::Count {
        vote: id,
        ballots: counts,
        tally,
    })
}

/// Times as the database keeps them (microseconds), so that a stored decision compares equal to
/// the one audited at the moment it was recorded.
fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The first field in which decision `id` as stored differs from its last audited state.
pub fn decision_differs(
    id: i64,
    audited: &AuditedDecision,
    stored: Option<&Decision>,
) -> Option<Difference> {
    let Some(s) = stored else {
        return Some(Difference::Decision {
            decision: id,
            what: "it is in the audit log but is not stored".into(),
        });
    };
    let a = &audited.decision;
    let field = if s.outcome != a.outcome {
        "its outcome"
    } else if s.effect != a.effect {
        "its effect"
    } else if s.summary != a.summary {
        "its summary"
    } else if s.vote_id != a.vote_id || s.application_id != a.application_id {
        "what it decided"
    } else if s.assembly_id != a.assembly_id || s.agenda_item_id != a.agenda_item_id {
        "where it was taken"
    } else if micros(s.decided_at) != micros(a.decided_at) {
        "its time"
    } else if s.reversed_at.map(micros) != a.reversed_at.map(micros)
        || s.reversal_reason != a.reversal_reason
    {
        "its reversal"
    } else {
        return None;
    };
    Some(Difference::Decision {
        decision: id,
        what: format!("{field} is not what the audit log says"),
    })
}

/// Whether the register holds the change decision `id` made (or, once reversed, no longer
/// does). A member the log shows changed later (edited, archived) is that later entry's.
pub fn register_differs(
    trail: &Trail,
    id: i64,
    audited: &AuditedDecision,
    current: &Current,
) -> Option<Difference> {
    let what = |what: String| Difference::Register { decision: id, what };
    let reversed = audited.decision.reversed_at.is_some();
    let Some((entry, change)) = &audited.register else {
        return None;
    };
    match change {
        RegisterChange::ElectedChair { member_id, term } => {
            let chairs: Vec<&StoredChair> = current
                .chairs
                .iter()
                .filter(|c| c.decision_id == Some(id))
                .collect();
            let elected = |c: &StoredChair| (c.member_id, c.term) == (*member_id, *term);
            match (chairs.as_slice(), reversed) {
                ([], true) => None,
                ([c, ..], true) => Some(what(format!(
                    "it was reversed, yet the register still has member {} chair for term {}",
                    c.member_id, c.term
                ))),
                ([], false) => Some(what(format!(
                    "it elected member {member_id} chair for term {term}, and no chairmanship is stored for it"
                ))),
                ([c], false) if elected(c) => None,
                (found, false) => {
                    let c = found.iter().find(|c| !elected(c)).unwrap_or(&found[0]);
                    Some(what(format!(
                        "it elected member {member_id} chair for term {term}, the register says member {} for term {}",
                        c.member_id, c.term
                    )))
                }
            }
        }
        RegisterChange::Admitted {
            member_id,
            kind,
            ordinal,
        } => {
            if trail.member_changed_after(*member_id, *entry) {
                return None;
            }
            let Some(m) = current.members.iter().find(|m| m.id == *member_id) else {
                return Some(what(format!(
                    "member {member_id} it admitted is not stored"
                )));
            };
            let expected = if reversed {
                (MemberStatus::Applicant, m.kind, None)
            } else {
                (MemberStatus::Active, *kind, *ordinal)
            };
            (expected != (m.status, m.kind, m.ordinal)).then(|| {
                what(format!(
                    "member {member_id} is stored as {} {} with ordinal {}, the decision made it {} {} with ordinal {}",
                    m.status.as_str(),
                    m.kind.as_str(),
                    show(m.ordinal),
                    expected.0.as_str(),
                    expected.1.as_str(),
                    show(expected.2),
                ))
            })
        }
    }
}

fn show(ordinal: Option<i64>) -> String {
    ordinal.map_or_else(|| "none".into(), |n| n.to_string())
}

/// Decisions of audited votes that were never audited themselves, and chairmanships credited to
/// an audited decision that elected nobody.
fn unaudited(trail: &Trail, current: &Current) -> Option<Difference> {
    for d in &current.decisions {
        let of_audited_vote = d.vote_id.is_some_and(|v| trail.votes.contains_key(&v));
        if of_audited_vote && !trail.decisions.contains_key(&d.id) {
            return Some(Difference::Decision {
                decision: d.id,
                what: "it is stored but not in the audit log".into(),
            });
        }
    }
    current.chairs.iter().find_map(|c| {
        let decision = c.decision_id?;
        let audited = trail.decisions.get(&decision)?;
        let elects = audited.decision.effect == DecisionEffect::ElectChair
            || matches!(
                audited.register,
                Some((_, RegisterChange::ElectedChair { .. }))
            );
        (!elects).then(|| Difference::Register {
            decision,
            what: format!(
                "the register credits it with member {} chair for term {}, but it elected nobody",
                c.member_id, c.term
            ),
        })
    })
}

#[cfg(test)]
mod tests;
