//! The replay's comparisons, on trails and records made by hand.

use super::*;
use crate::model::{DecisionOutcome, VoteRule, VoteStatus};
use crate::tally::{tally, Electorate};

fn entry(id: i64, action: &str, entity: &str, entity_id: i64, after: String) -> LoggedEntry {
    LoggedEntry {
        id,
        action: action.into(),
        entity: entity.into(),
        entity_id: Some(entity_id),
        after: Some(after),
    }
}

fn vote(roll_call: bool) -> Vote {
    Vote {
        id: 1,
        assembly_id: 1,
        agenda_item_id: None,
        application_id: Some(3),
        question: "Adopt?".into(),
        rule: VoteRule::SimpleMajority,
        quorum_percent: 0,
        show_ballots: false,
        roll_call,
        status: VoteStatus::Open,
        opened_at: DateTime::from_timestamp(0, 0).unwrap(),
        closed_at: None,
        result: None,
    }
}

fn decision(reversed: bool) -> Decision {
    Decision {
        id: 7,
        assembly_id: 1,
        agenda_item_id: None,
        vote_id: Some(1),
        application_id: Some(3),
        outcome: DecisionOutcome::Approved,
        effect: DecisionEffect::ElectChair,
        summary: "elected".into(),
        decided_at: DateTime::from_timestamp(100, 123_456_789).unwrap(),
        reversed_at: reversed.then(|| DateTime::from_timestamp(200, 0).unwrap()),
        reversal_reason: reversed.then(|| "error".into()),
    }
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

fn ballot(member: i64, choice: BallotChoice) -> CastBallot {
    CastBallot {
        member_id: member,
        choice,
    }
}

/// A roll-call or secret vote of members 4 and 5 (5 changes its no to yes), closed 2 to 0,
/// and its decision electing member 9 chair for term 14: the log, and the record that
/// matches it.
fn scenario(roll_call: bool) -> (Trail, Current) {
    use BallotChoice::*;
    let v = vote(roll_call);
    let electorate = Electorate {
        members: 2,
        present: 2,
    };
    let t = tally(v.rule, 0, electorate, &[Yes, Yes]);
    let log = vec![
        entry(1, actions::VOTE_OPEN, "vote", 1, json(&v)),
        entry(
            2,
            actions::BALLOT_CAST,
            "vote",
            1,
            json(&AuditedBallot::of(&v, &ballot(4, Yes))),
        ),
        entry(
            3,
            actions::BALLOT_CAST,
            "vote",
            1,
            json(&AuditedBallot::of(&v, &ballot(5, No))),
        ),
        entry(
            4,
            actions::BALLOT_CAST,
            "vote",
            1,
            json(&AuditedBallot::of(&v, &ballot(5, Yes))),
        ),
        entry(
            5,
            actions::VOTE_CLOSE,
            "vote",
            1,
            json(&AuditedClosing {
                tally: t.clone(),
                counted: Some(vec![4, 5]),
            }),
        ),
        entry(
            6,
            actions::DECISION_RECORD,
            "decision",
            7,
            json(&decision(false)),
        ),
        entry(
            7,
            actions::REGISTER_CHANGE,
            "decision",
            7,
            json(&RegisterChange::ElectedChair {
                member_id: 9,
                term: 14,
            }),
        ),
    ];
    let current = Current {
        votes: vec![StoredVote {
            id: 1,
            roll_call,
            closed: true,
            result: Some(t),
        }],
        ballots: vec![
            StoredBallot {
                vote_id: 1,
                member_id: 4,
                choice: Yes,
            },
            StoredBallot {
                vote_id: 1,
                member_id: 5,
                choice: Yes,
            },
        ],
        decisions: vec![decision(false)],
        members: vec![],
        chairs: vec![StoredChair {
            term: 14,
            member_id: 9,
            decision_id: Some(7),
        }],
    };
    (Trail::of(log).unwrap(), current)
}

#[test]
fn a_secret_ballot_is_audited_without_its_choice() {
    let entry = json(&AuditedBallot::of(
        &vote(false),
        &ballot(4, BallotChoice::No),
    ));
    assert_eq!(entry, r#"{"member_id":4}"#);
    let entry = json(&AuditedBallot::of(
        &vote(true),
        &ballot(4, BallotChoice::No),
    ));
    assert_eq!(entry, r#"{"member_id":4,"choice":"no"}"#);
}

#[test]
fn a_secret_choice_logged_earlier_is_left_out_when_read() {
    assert_eq!(
        without_choice(r#"{"member_id":4,"choice":"no"}"#),
        r#"{"member_id":4}"#
    );
    assert_eq!(without_choice("not a ballot"), "");
}

#[test]
fn an_untouched_record_replays_without_difference() {
    for roll_call in [true, false] {
        let (trail, current) = scenario(roll_call);
        assert_eq!(replay(&trail, &current), None, "roll call {roll_call}");
    }
}

#[test]
fn an_edited_roll_call_ballot_is_named() {
    let (trail, mut current) = scenario(true);
    current.ballots[1].choice = BallotChoice::No;
    let d = replay(&trail, &current).unwrap();
    assert_eq!(
        d.to_string(),
        "vote 1: the ballot of member 5 is stored as no, its last audited choice is yes"
    );
}

#[test]
fn an_edited_secret_ballot_breaks_the_count() {
    let (trail, mut current) = scenario(false);
    current.ballots[1].choice = BallotChoice::No;
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "vote 1: the ballots of the members counted make 1 in favour, 1 against, 0 abstaining, the audited tally 2 in favour, 0 against, 0 abstaining"
    );
}

#[test]
fn ballots_added_or_removed_are_named() {
    let (trail, mut current) = scenario(true);
    current.ballots.push(StoredBallot {
        vote_id: 1,
        member_id: 6,
        choice: BallotChoice::Yes,
    });
    assert_eq!(
        replay(&trail, &current),
        Some(Difference::UnauditedBallot { vote: 1, member: 6 })
    );
    let (trail, mut current) = scenario(false);
    current.ballots.remove(0);
    assert_eq!(
        replay(&trail, &current),
        Some(Difference::MissingBallot { vote: 1, member: 4 })
    );
}

#[test]
fn an_edited_tally_is_named() {
    let (trail, mut current) = scenario(true);
    let result = current.votes[0].result.as_mut().unwrap();
    result.yes = 1;
    result.no = 1;
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "vote 1: its stored tally is 1 in favour, 1 against, 0 abstaining, the audited tally 2 in favour, 0 against, 0 abstaining"
    );
    let (trail, mut current) = scenario(true);
    current.votes[0].closed = false;
    assert!(matches!(
        replay(&trail, &current),
        Some(Difference::Tally { .. })
    ));
}

#[test]
fn an_edited_decision_is_named_by_its_field() {
    let (trail, mut current) = scenario(true);
    current.decisions[0].outcome = DecisionOutcome::Rejected;
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "decision 7: its outcome is not what the audit log says"
    );
    // The database keeps microseconds: the time as read back is the same decision.
    let (trail, mut current) = scenario(true);
    current.decisions[0].decided_at = micros(current.decisions[0].decided_at);
    assert_eq!(replay(&trail, &current), None);
}

#[test]
fn an_edited_register_change_is_named() {
    let (trail, mut current) = scenario(true);
    current.chairs[0].member_id = 8;
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "decision 7: it elected member 9 chair for term 14, the register says member 8 for term 14"
    );
    let (trail, mut current) = scenario(true);
    current.chairs.clear();
    assert!(matches!(
        replay(&trail, &current),
        Some(Difference::Register { .. })
    ));
    let (trail, mut current) = scenario(true);
    current.chairs.push(StoredChair {
        term: 15,
        member_id: 9,
        decision_id: Some(7),
    });
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "decision 7: it elected member 9 chair for term 14, the register says member 9 for term 15"
    );
    // A chairmanship credited to a decision that elected nobody.
    let (mut trail, mut current) = scenario(true);
    let mut other = decision(false);
    (other.id, other.vote_id, other.effect) = (8, None, DecisionEffect::None);
    trail
        .apply(&entry(
            8,
            actions::DECISION_RECORD,
            "decision",
            8,
            json(&other),
        ))
        .unwrap();
    current.decisions.push(other);
    current.chairs.push(StoredChair {
        term: 15,
        member_id: 4,
        decision_id: Some(8),
    });
    assert_eq!(
        replay(&trail, &current).unwrap().to_string(),
        "decision 8: the register credits it with member 4 chair for term 15, but it elected nobody"
    );
}

#[test]
fn a_reversed_decision_must_have_undone_its_change() {
    let (mut trail, mut current) = scenario(true);
    trail
        .apply(&entry(
            8,
            actions::DECISION_REVERSE,
            "decision",
            7,
            json(&decision(true)),
        ))
        .unwrap();
    current.decisions[0] = decision(true);
    assert!(
        matches!(replay(&trail, &current), Some(Difference::Register { .. })),
        "the chair is still stored"
    );
    current.chairs.clear();
    assert_eq!(replay(&trail, &current), None);
}

#[test]
fn an_admission_is_checked_until_the_member_is_changed_again() {
    let (mut trail, mut current) = scenario(true);
    let mut admitting = decision(false);
    admitting.id = 8;
    admitting.vote_id = None;
    admitting.effect = DecisionEffect::AdmitMember;
    trail
        .apply(&entry(
            8,
            actions::DECISION_RECORD,
            "decision",
            8,
            json(&admitting),
        ))
        .unwrap();
    let admitted = RegisterChange::Admitted {
        member_id: 11,
        kind: MemberKind::Member,
        ordinal: Some(79),
    };
    trail
        .apply(&entry(
            9,
            actions::REGISTER_CHANGE,
            "decision",
            8,
            json(&admitted),
        ))
        .unwrap();
    current.decisions.push(admitting);
    let mut member = StoredMember {
        id: 11,
        kind: MemberKind::Member,
        status: MemberStatus::Active,
        ordinal: Some(79),
    };
    current.members.push(member.clone());
    assert_eq!(replay(&trail, &current), None);
    current.members[0].ordinal = Some(80);
    assert!(matches!(
        replay(&trail, &current),
        Some(Difference::Register { decision: 8, .. })
    ));
    // An organizer's later, audited edit of the member is that edit's, not the decision's.
    trail
        .apply(&entry(10, "member.update", "member", 11, "{}".into()))
        .unwrap();
    member.ordinal = Some(80);
    current.members[0] = member;
    assert_eq!(replay(&trail, &current), None);
}

#[test]
fn an_admission_reversed_and_taken_again_answers_for_the_member() {
    let (mut trail, mut current) = scenario(true);
    let admitted = RegisterChange::Admitted {
        member_id: 11,
        kind: MemberKind::Member,
        ordinal: Some(79),
    };
    let mut first = decision(false);
    (first.id, first.vote_id, first.effect) = (8, None, DecisionEffect::AdmitMember);
    let mut reversed = first.clone();
    reversed.reversed_at = Some(DateTime::from_timestamp(200, 0).unwrap());
    let mut second = first.clone();
    second.id = 9;
    for e in [
        entry(8, actions::DECISION_RECORD, "decision", 8, json(&first)),
        entry(9, actions::REGISTER_CHANGE, "decision", 8, json(&admitted)),
        entry(
            10,
            actions::DECISION_REVERSE,
            "decision",
            8,
            json(&reversed),
        ),
        entry(11, actions::DECISION_RECORD, "decision", 9, json(&second)),
        entry(12, actions::REGISTER_CHANGE, "decision", 9, json(&admitted)),
    ] {
        trail.apply(&e).unwrap();
    }
    current.decisions.extend([reversed, second]);
    current.members.push(StoredMember {
        id: 11,
        kind: MemberKind::Member,
        status: MemberStatus::Active,
        ordinal: Some(79),
    });
    assert_eq!(replay(&trail, &current), None);
    current.members[0].status = MemberStatus::Applicant;
    assert!(matches!(
        replay(&trail, &current),
        Some(Difference::Register { decision: 9, .. })
    ));
}

#[test]
fn a_closing_logged_as_a_bare_tally_still_reads() {
    let (trail, _) = scenario(true);
    let closing = trail.votes[&1].closing.clone().unwrap();
    let bare: AuditedClosing = serde_json::from_str(&json(&closing.tally)).unwrap();
    assert_eq!(bare.tally, closing.tally);
    assert_eq!(bare.counted, None);
}

#[test]
fn an_unreadable_entry_is_named() {
    let err = Trail::of([entry(3, actions::BALLOT_CAST, "vote", 1, "{".into())]).unwrap_err();
    assert_eq!(err.entry, 3);
}
