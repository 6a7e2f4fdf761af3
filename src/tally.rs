//! Counting a vote: who may vote, whether the quorum is there, and whether the rule of the vote
//! is met, with an explanation in words and numbers ("approved unanimously: 70 of 70 members
//! present in favour"). Pure functions; storage and the live stream carry out what they decide.

use serde::{Deserialize, Serialize};

use crate::model::{BallotChoice, MemberKind, MemberStatus, VoteRule};

/// Whether a member government casts a ballot: active full members always; associate members
/// only when the association says so; observers never.
pub fn eligible(kind: MemberKind, status: MemberStatus, associates_vote: bool) -> bool {
    status == MemberStatus::Active
        && match kind {
            MemberKind::Member => true,
            MemberKind::Associate => associates_vote,
            MemberKind::Observer => false,
        }
}

/// Whether `quorum_percent` of all voting members are present.
pub fn quorum_met(quorum_percent: i64, electorate: Electorate) -> bool {
    electorate.present * 100 >= quorum_percent * electorate.members
}

/// How a vote came out.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    NotApproved,
    /// Too few members present for the vote to count.
    NoQuorum,
}

/// The count of a vote and what it means.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    /// Present eligible members who have not (yet) voted.
    pub not_voted: i64,
    /// Eligible members present.
    pub present: i64,
    pub quorum_met: bool,
    pub outcome: Outcome,
    /// "approved unanimously: 70 of 70 members present in favour".
    pub explanation: String,
}

/// What the vote is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Electorate {
    /// All active eligible members of the association (the base of the quorum).
    pub members: i64,
    /// Eligible members present.
    pub present: i64,
}

fn members(n: i64) -> String {
    format!("{n} {}", if n == 1 { "member" } else { "members" })
}

fn counted(yes: i64, no: i64, abstain: i64) -> String {
    let mut parts = vec![format!("{yes} in favour")];
    if no > 0 {
        parts.push(format!("{no} against"));
    }
    if abstain > 0 {
        parts.push(format!(
            "{abstain} {}",
            if abstain == 1 {
                "abstention"
            } else {
                "abstentions"
            }
        ));
    }
    parts.join(", ")
}

/// Counts `ballots` (one per present eligible member; the caller has refused the rest) under
/// `rule` with a quorum of `quorum_percent` of all members.
pub fn tally(
    rule: VoteRule,
    quorum_percent: i64,
    electorate: Electorate,
    ballots: &[BallotChoice],
) -> Tally {
    let count = |c: BallotChoice| ballots.iter().filter(|b| **b == c).count() as i64;
    let counts = Counts {
        yes: count(BallotChoice::Yes),
        no: count(BallotChoice::No),
        abstain: count(BallotChoice::Abstain),
    };
    decide(rule, quorum_percent, electorate, counts)
}

/// A decision by acclamation: the chair asks whether anyone objects, and the members who do
/// are named in `objectors`. Everyone else present counts as in favour.
pub fn acclamation(
    rule: VoteRule,
    quorum_percent: i64,
    electorate: Electorate,
    objectors: &[String],
) -> Tally {
    let no = objectors.len() as i64;
    let counts = Counts {
        yes: (electorate.present - no).max(0),
        no,
        abstain: 0,
    };
    let mut t = decide(rule, quorum_percent, electorate, counts);
    t.explanation = match t.outcome {
        Outcome::NoQuorum => t.explanation,
        Outcome::Approved if no == 0 => format!(
            "approved by acclamation: no objection was raised, {} present",
            members(electorate.present)
        ),
        Outcome::Approved => format!(
            "approved by acclamation over the objection of {}",
            objectors.join(", ")
        ),
        Outcome::NotApproved => format!("not approved: {} objected", objectors.join(", ")),
    };
    t
}

/// Ballots by choice.
#[derive(Debug, Clone, Copy)]
struct Counts {
    yes: i64,
    no: i64,
    abstain: i64,
}

fn decide(rule: VoteRule, quorum_percent: i64, electorate: Electorate, c: Counts) -> Tally {
    let Counts { yes, no, abstain } = c;
    let present = electorate.present;
    let not_voted = (present - yes - no - abstain).max(0);
    let quorum_met = quorum_met(quorum_percent, electorate);
    let votes = counted(yes, no, abstain);
    let (outcome, explanation) = if !quorum_met {
        (
            Outcome::NoQuorum,
            format!(
                "not approved: no quorum, {} of {} present where {quorum_percent}% must be",
                members(present),
                electorate.members
            ),
        )
    } else {
        let (passed, requirement) = match rule {
            VoteRule::Unanimous => (present > 0 && yes == present, "unanimity required"),
            VoteRule::Consensus => (no == 0 && yes > 0, "no objection may be raised"),
            VoteRule::TwoThirds => (
                yes > 0 && yes * 3 >= (yes + no) * 2,
                "two thirds of the votes cast required",
            ),
            VoteRule::SimpleMajority => (yes > no, "a majority of the votes cast required"),
        };
        match (passed, rule) {
            (true, VoteRule::Unanimous) => (
                Outcome::Approved,
                format!(
                    "approved unanimously: {yes} of {} present in favour",
                    members(present)
                ),
            ),
            (true, VoteRule::Consensus) => (
                Outcome::Approved,
                format!("approved by consensus, no objection: {votes}"),
            ),
            (true, _) => (
                Outcome::Approved,
                format!("approved by {}: {votes}", rule.label()),
            ),
            (false, _) => (
                Outcome::NotApproved,
                format!("not approved: {requirement}, {votes}"),
            ),
        }
    };
    Tally {
        yes,
        no,
        abstain,
        not_voted,
        present,
        quorum_met,
        outcome,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BallotChoice::*;

    fn ballots(yes: usize, no: usize, abstain: usize) -> Vec<BallotChoice> {
        [vec![Yes; yes], vec![No; no], vec![Abstain; abstain]].concat()
    }

    const NEAR: Electorate = Electorate {
        members: 78,
        present: 70,
    };

    #[test]
    fn the_reference_case_is_approved_unanimously() {
        let t = tally(VoteRule::Unanimous, 50, NEAR, &ballots(70, 0, 0));
        assert_eq!(t.outcome, Outcome::Approved);
        assert_eq!(
            t.explanation,
            "approved unanimously: 70 of 70 members present in favour"
        );
    }

    #[test]
    fn one_abstention_breaks_unanimity() {
        let t = tally(VoteRule::Unanimous, 50, NEAR, &ballots(69, 0, 1));
        assert_eq!(t.outcome, Outcome::NotApproved);
        assert_eq!(
            t.explanation,
            "not approved: unanimity required, 69 in favour, 1 abstention"
        );
        let t = tally(VoteRule::Unanimous, 50, NEAR, &ballots(68, 0, 2));
        assert_eq!(
            t.explanation,
            "not approved: unanimity required, 68 in favour, 2 abstentions"
        );
    }

    #[test]
    fn a_member_who_has_not_voted_also_breaks_unanimity() {
        let t = tally(VoteRule::Unanimous, 0, NEAR, &ballots(69, 0, 0));
        assert_eq!((t.outcome, t.not_voted), (Outcome::NotApproved, 1));
    }

    #[test]
    fn consensus_allows_abstentions_but_no_objection() {
        assert_eq!(
            tally(VoteRule::Consensus, 0, NEAR, &ballots(60, 0, 10)).outcome,
            Outcome::Approved
        );
        let t = tally(VoteRule::Consensus, 0, NEAR, &ballots(69, 1, 0));
        assert_eq!(t.outcome, Outcome::NotApproved);
        assert_eq!(
            t.explanation,
            "not approved: no objection may be raised, 69 in favour, 1 against"
        );
    }

    #[test]
    fn without_quorum_nothing_is_approved() {
        let few = Electorate {
            members: 78,
            present: 30,
        };
        let t = tally(VoteRule::SimpleMajority, 50, few, &ballots(30, 0, 0));
        assert_eq!((t.quorum_met, t.outcome), (false, Outcome::NoQuorum));
        assert_eq!(
            t.explanation,
            "not approved: no quorum, 30 members of 78 present where 50% must be"
        );
        assert!(
            tally(
                VoteRule::SimpleMajority,
                50,
                Electorate {
                    members: 78,
                    present: 39
                },
                &ballots(39, 0, 0)
            )
            .quorum_met,
            "exactly half is a quorum of 50%"
        );
    }

    #[test]
    fn a_tie_is_not_a_simple_majority() {
        let t = tally(VoteRule::SimpleMajority, 0, NEAR, &ballots(30, 30, 10));
        assert_eq!(t.outcome, Outcome::NotApproved);
        assert_eq!(
            tally(VoteRule::SimpleMajority, 0, NEAR, &ballots(31, 30, 9)).outcome,
            Outcome::Approved
        );
    }

    #[test]
    fn two_thirds_of_the_votes_cast_at_the_boundary() {
        assert_eq!(
            tally(VoteRule::TwoThirds, 0, NEAR, &ballots(40, 20, 10)).outcome,
            Outcome::Approved,
            "exactly two thirds"
        );
        assert_eq!(
            tally(VoteRule::TwoThirds, 0, NEAR, &ballots(39, 20, 11)).outcome,
            Outcome::NotApproved
        );
        assert_eq!(
            tally(VoteRule::TwoThirds, 0, NEAR, &ballots(0, 0, 70)).outcome,
            Outcome::NotApproved,
            "abstentions alone approve nothing"
        );
    }

    #[test]
    fn acclamation_names_the_objectors() {
        let t = acclamation(VoteRule::Consensus, 50, NEAR, &[]);
        assert_eq!(t.outcome, Outcome::Approved);
        assert_eq!(
            t.explanation,
            "approved by acclamation: no objection was raised, 70 members present"
        );
        let t = acclamation(
            VoteRule::Unanimous,
            50,
            NEAR,
            &["Tottori Prefecture".into()],
        );
        assert_eq!(t.outcome, Outcome::NotApproved);
        assert_eq!(t.explanation, "not approved: Tottori Prefecture objected");
        let t = acclamation(
            VoteRule::SimpleMajority,
            0,
            NEAR,
            &["Tottori Prefecture".into()],
        );
        assert_eq!(
            t.explanation,
            "approved by acclamation over the objection of Tottori Prefecture"
        );
    }

    #[test]
    fn associate_members_vote_only_when_the_association_says_so() {
        assert!(eligible(MemberKind::Member, MemberStatus::Active, false));
        assert!(
            !eligible(MemberKind::Associate, MemberStatus::Active, false),
            "an associate member's ballot is refused"
        );
        assert!(eligible(MemberKind::Associate, MemberStatus::Active, true));
        assert!(!eligible(MemberKind::Observer, MemberStatus::Active, true));
        assert!(
            !eligible(MemberKind::Member, MemberStatus::Applicant, false),
            "an applicant does not vote"
        );
    }
}
