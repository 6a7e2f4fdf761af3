//! Members decide, on both engines: the reference votes run live from the `BeforeVotes` demo,
//! the rules of ballots, concurrent duplicate ballots, decisions that change the register and
//! their reversal, and the audit chain.

use plenary_core::actions::*;
use plenary_core::auth::{Actor, Role};
use plenary_core::model::*;
use plenary_core::storage::*;
use plenary_core::tally::Outcome;
use plenary_core::{both_engines, demo, on_db, Error};

fn organizer() -> Actor {
    Actor {
        user_id: 1,
        email: "secretariat@example.org".into(),
        name: "Secretariat".into(),
        role: Role::Organizer,
        member_id: None,
    }
}

fn delegate(member_id: i64) -> Actor {
    Actor {
        user_id: 100 + member_id,
        email: format!("delegate-{member_id}@example.org"),
        name: format!("Delegate {member_id}"),
        role: Role::Delegate,
        member_id: Some(member_id),
    }
}

async fn member(db: &Db, name: &str) -> i64 {
    demo::member_id(db, name).await.unwrap().unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    on_db!(db, c => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap()
}

/// The applications before assembly 13: (Ulsan's chairmanship, Liaoning's membership).
async fn applications(db: &Db) -> (i64, i64) {
    let list = db
        .reading(async |tx| {
            let a = get_assembly(tx, 13).await?;
            list_applications(tx, a.id).await
        })
        .await
        .unwrap();
    let id = |kind| list.iter().find(|a| a.kind == kind).unwrap().id;
    (
        id(ApplicationKind::Chairmanship),
        id(ApplicationKind::Membership),
    )
}

async fn open(db: &Db, application_id: i64) -> i64 {
    let input = NewVote {
        application_id: Some(application_id),
        ..NewVote::default()
    };
    let view = open_vote(db, None, Some(&organizer()), 13, &input)
        .await
        .unwrap();
    view.vote.expect("the live view shows the open vote").id
}

/// The voting members present for `vote_id`.
async fn present_for(db: &Db, vote_id: i64) -> Vec<Voter> {
    db.reading(async |tx| {
        let vote = get_vote(tx, vote_id).await?;
        Ok(electorate(tx, &vote).await?.1)
    })
    .await
    .unwrap()
}

/// Every voting member present casts `choice` from their own delegate account.
async fn all_present_vote(db: &Db, vote_id: i64, choice: BallotChoice) -> usize {
    let present = present_for(db, vote_id).await;
    for m in &present {
        let ballot = CastBallot {
            member_id: m.id,
            choice,
        };
        cast_ballot(db, None, Some(&delegate(m.id)), vote_id, &ballot)
            .await
            .unwrap();
    }
    present.len()
}

async fn close(db: &Db, vote_id: i64) -> plenary_core::views::VoteView {
    close_vote(db, None, Some(&organizer()), vote_id, &CloseVote::default())
        .await
        .unwrap()
        .vote
        .expect("the closed vote is still shown")
}

async fn the_reference_decisions_taken_live(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let before = register_page(&db).await.unwrap();
    assert_eq!(before.active_members, 78);
    assert_eq!(before.chairs.len(), 1);
    let (chairmanship, membership) = applications(&db).await;

    let vote = open(&db, chairmanship).await;
    assert_eq!(all_present_vote(&db, vote, BallotChoice::Yes).await, 70);
    let closed = close(&db, vote).await;
    assert_eq!(closed.tally.outcome, Outcome::Approved);
    assert_eq!(
        closed.decision.as_deref(),
        Some("Ulsan Metropolitan City elected chair for the 14th term; approved unanimously: 70 of 70 members present in favour")
    );
    assert_eq!(closed.ballots.len(), 70, "a roll call names every ballot");

    let vote = open(&db, membership).await;
    all_present_vote(&db, vote, BallotChoice::Yes).await;
    let closed = close(&db, vote).await;
    assert_eq!(
        closed.decision.as_deref(),
        Some("Liaoning Province admitted as the 79th member; approved unanimously: 70 of 70 members present in favour")
    );
    // Liaoning, present as an applicant, now votes; the closed vote's count stays as it was.
    let kept = vote_with_tally(&db, vote).await.unwrap().tally;
    assert_eq!(
        (kept.outcome, kept.yes, kept.present),
        (Outcome::Approved, 70, 70)
    );

    let after = register_page(&db).await.unwrap();
    assert_eq!(after.active_members, 79);
    let liaoning = after
        .countries
        .iter()
        .flat_map(|c| &c.members)
        .find(|m| m.name == "Liaoning Province")
        .unwrap();
    assert_eq!(
        (liaoning.status, liaoning.ordinal),
        (MemberStatus::Active, Some(79))
    );
    let chairs: Vec<(i64, &str)> = after
        .chairs
        .iter()
        .map(|c| (c.term, c.member.as_str()))
        .collect();
    assert_eq!(
        chairs,
        [
            (13, "Republic of Sakha (Yakutia)"),
            (14, "Ulsan Metropolitan City")
        ]
    );
    let check = verify_audit_chain(&db).await.unwrap();
    assert_eq!(check.first_broken, None);
    assert!(check.entries > 140, "every ballot is audited: {check:?}");
    assert_eq!(replay_audit(&db).await.unwrap(), None, "the record replays");
}

async fn the_concluded_demo_holds_both_decisions(db: Db) {
    demo::load(&db).await.unwrap();
    let register = register_page(&db).await.unwrap();
    assert_eq!(register.active_members, 79);
    assert_eq!(register.chairs.last().unwrap().term, 14);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM ballots WHERE choice = 'yes'").await,
        140
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM decisions WHERE outcome = 'approved'"
        )
        .await,
        2
    );
    assert_eq!(verify_audit_chain(&db).await.unwrap().first_broken, None);
    assert_eq!(replay_audit(&db).await.unwrap(), None, "the record replays");
}

async fn a_hundred_concurrent_duplicate_ballots_count_once(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let vote = open(&db, chairmanship).await;
    let sakha = member(&db, "Republic of Sakha (Yakutia)").await;
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let choice = if i % 2 == 0 {
                    BallotChoice::Yes
                } else {
                    BallotChoice::Abstain
                };
                let ballot = CastBallot {
                    member_id: sakha,
                    choice,
                };
                cast_ballot(&db, None, Some(&delegate(sakha)), vote, &ballot).await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM ballots WHERE vote_id = {vote}")
        )
        .await,
        1
    );
    let view = vote_with_tally(&db, vote).await.unwrap();
    assert_eq!(view.tally.yes + view.tally.abstain, 1);
    assert_eq!(view.tally.not_voted, 69);
}

/// Ballots cast at once are written together; one that the database fails (here a trigger
/// refuses Sakha's row) is answered with an error on its own, and the others are all written,
/// each with its audit entry.
async fn a_ballot_the_database_fails_fails_alone(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let vote = open(&db, chairmanship).await;
    let sakha = member(&db, "Republic of Sakha (Yakutia)").await;
    let refuse = match &db {
        Db::Sqlite(_) => vec![format!(
            "CREATE TRIGGER refuse_sakha BEFORE INSERT ON ballots WHEN NEW.member_id = {sakha}
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )],
        Db::Postgres(_) => vec![
            format!(
                "CREATE FUNCTION refuse_sakha() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN IF NEW.member_id = {sakha} THEN RAISE EXCEPTION 'refused by the test'; END IF;
                 RETURN NEW; END $$"
            ),
            "CREATE TRIGGER refuse_sakha BEFORE INSERT ON ballots
             FOR EACH ROW EXECUTE FUNCTION refuse_sakha()"
                .to_owned(),
        ],
    };
    for sql in refuse {
        on_db!(&db, c => sqlx::query(&sql).execute(c).await.map(drop)).unwrap();
    }
    let present = present_for(&db, vote).await;
    let tasks: Vec<_> = present
        .iter()
        .map(|m| {
            let (db, member_id) = (db.clone(), m.id);
            tokio::spawn(async move {
                let ballot = CastBallot {
                    member_id,
                    choice: BallotChoice::Yes,
                };
                let cast = cast_ballot(&db, None, Some(&delegate(member_id)), vote, &ballot).await;
                (member_id, cast)
            })
        })
        .collect();
    for task in tasks {
        let (member_id, cast) = task.await.unwrap();
        if member_id == sakha {
            assert_eq!(cast.unwrap_err(), Error::Internal);
        } else {
            assert_eq!(cast.unwrap().member_id, member_id);
        }
    }
    let others = present.len() as i64 - 1;
    let rows = format!("SELECT COUNT(*) FROM ballots WHERE vote_id = {vote}");
    assert_eq!(count(&db, &rows).await, others);
    let audited = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'ballot.cast' AND entity_id = {vote}"
    );
    assert_eq!(count(&db, &audited).await, others);
    assert_eq!(verify_audit_chain(&db).await.unwrap().first_broken, None);
    assert_eq!(replay_audit(&db).await.unwrap(), None, "the record replays");
}

async fn ballots_that_are_refused(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let vote = open(&db, chairmanship).await;
    let yes = |member_id| CastBallot {
        member_id,
        choice: BallotChoice::Yes,
    };
    let field = |r: Result<BallotCast, Error>| r.unwrap_err().field().map(str::to_owned);

    let hcmc = member(&db, "Ho Chi Minh City").await;
    let err = cast_ballot(&db, None, Some(&delegate(hcmc)), vote, &yes(hcmc))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("has no vote"), "{err}");

    let gansu = member(&db, "Gansu Province").await;
    let err = cast_ballot(&db, None, Some(&delegate(gansu)), vote, &yes(gansu))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not recorded as present"), "{err}");

    let sakha = member(&db, "Republic of Sakha (Yakutia)").await;
    let ulsan = member(&db, "Ulsan Metropolitan City").await;
    assert_eq!(
        field(cast_ballot(&db, None, Some(&delegate(sakha)), vote, &yes(ulsan)).await).as_deref(),
        Some("member_id"),
        "a delegate votes for their own member only"
    );
    assert_eq!(
        cast_ballot(&db, None, None, vote, &yes(sakha))
            .await
            .unwrap_err(),
        Error::Unauthenticated
    );
    // An organizer enters the ballot of a member in the room.
    cast_ballot(&db, None, Some(&organizer()), vote, &yes(ulsan))
        .await
        .unwrap();

    close(&db, vote).await;
    assert_eq!(
        field(cast_ballot(&db, None, Some(&delegate(sakha)), vote, &yes(sakha)).await).as_deref(),
        Some("vote"),
        "no ballots after closing"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM ballots WHERE vote_id = {vote}")
        )
        .await,
        1
    );
}

async fn one_abstention_rejects_and_leaves_the_register(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (_, membership) = applications(&db).await;
    let vote = open(&db, membership).await;
    all_present_vote(&db, vote, BallotChoice::Yes).await;
    let sakha = member(&db, "Republic of Sakha (Yakutia)").await;
    let abstain = CastBallot {
        member_id: sakha,
        choice: BallotChoice::Abstain,
    };
    cast_ballot(&db, None, Some(&delegate(sakha)), vote, &abstain)
        .await
        .unwrap();
    let closed = close(&db, vote).await;
    assert_eq!(closed.tally.outcome, Outcome::NotApproved);
    assert_eq!(
        closed.tally.explanation,
        "not approved: unanimity required, 69 in favour, 1 abstention"
    );
    assert_eq!(register_page(&db).await.unwrap().active_members, 78);
}

async fn quorum_is_checked_when_a_vote_opens(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let input = NewVote {
        application_id: Some(chairmanship),
        quorum_percent: 95,
        ..NewVote::default()
    };
    let err = open_vote(&db, None, Some(&organizer()), 13, &input)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("quorum_percent"));
    assert!(err.to_string().contains("70 of 78"), "{err}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM votes").await, 0);
}

async fn acclamation_and_reversal_restore_the_register(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, membership) = applications(&db).await;
    let vote = open(&db, membership).await;
    let acclaimed = CloseVote {
        acclamation: true,
        objections: vec![],
    };
    let view = close_vote(&db, None, Some(&organizer()), vote, &acclaimed)
        .await
        .unwrap();
    assert!(
        view.vote
            .unwrap()
            .decision
            .unwrap()
            .contains("no objection was raised"),
        "by acclamation"
    );
    assert_eq!(register_page(&db).await.unwrap().active_members, 79);

    let vote = open(&db, chairmanship).await;
    all_present_vote(&db, vote, BallotChoice::Yes).await;
    close(&db, vote).await;

    let decisions = db
        .reading(async |tx| {
            let assembly = get_assembly(tx, 13).await?.id;
            list_decisions(tx, assembly).await
        })
        .await
        .unwrap();
    let reason = ReverseDecision {
        reason: "Recorded in error".into(),
    };
    for d in &decisions {
        reverse_decision(&db, Some(&organizer()), d.id, &reason)
            .await
            .unwrap();
    }
    let register = register_page(&db).await.unwrap();
    assert_eq!(register.active_members, 78);
    assert_eq!(register.chairs.len(), 1, "the 14th term has no chair again");
    let again = reverse_decision(&db, Some(&organizer()), decisions[0].id, &reason).await;
    assert_eq!(again.unwrap_err().field(), Some("decision"));
    assert_eq!(verify_audit_chain(&db).await.unwrap().first_broken, None);
    assert_eq!(replay_audit(&db).await.unwrap(), None, "the record replays");
}

async fn the_audit_chain_finds_an_edited_entry(db: Db) {
    demo::load(&db).await.unwrap();
    let check = verify_audit_chain(&db).await.unwrap();
    assert_eq!(check.first_broken, None);
    let target = count(
        &db,
        "SELECT MIN(id) + 5 FROM audit_log WHERE action = 'ballot.cast'",
    )
    .await;
    // The log refuses changes; a tamperer with database access removes the guard first.
    let drop_guard = match db {
        Db::Sqlite(_) => "DROP TRIGGER audit_log_no_update",
        Db::Postgres(_) => "DROP TRIGGER audit_log_append_only ON audit_log",
    };
    on_db!(&db, c => sqlx::query(drop_guard).execute(c).await.map(|_| ())).unwrap();
    let edit = format!(
        "UPDATE audit_log SET after_state = '{{\"member_id\":1,\"choice\":\"no\"}}' WHERE id = {target}"
    );
    on_db!(&db, c => sqlx::query(&edit).execute(c).await.map(|_| ())).unwrap();
    let check = verify_audit_chain(&db).await.unwrap();
    let (id, reason) = check.first_broken.expect("the edit is found");
    assert_eq!(id, target);
    assert!(reason.contains("edited"), "{reason}");
}

async fn attendance_feeds_the_quorum_and_delegates_check_in(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let org = organizer();
    let sheet = attendance_sheet(&db, Some(&organizer()), 13).await.unwrap();
    assert_eq!(sheet.summary.members, 70);
    let sakha = member(&db, "Republic of Sakha (Yakutia)").await;
    let line = sheet
        .entries
        .iter()
        .find(|e| e.member_id == Some(sakha))
        .unwrap();
    remove_attendance(&db, Some(&org), line.id).await.unwrap();

    let online = |member_id| NewAttendance {
        member_id: Some(member_id),
        guest_name: None,
        guest_kind: None,
        mode: AttendanceMode::Online,
        delegates: 2,
    };
    let err = check_in(&db, Some(&delegate(sakha)), 13, AttendanceMode::Online, 2)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("check_in"), "check-in is closed");
    set_check_in(&db, None, Some(&org), 13, true).await.unwrap();
    check_in(&db, Some(&delegate(sakha)), 13, AttendanceMode::Online, 2)
        .await
        .unwrap();
    check_in(&db, Some(&delegate(sakha)), 13, AttendanceMode::InPerson, 3)
        .await
        .unwrap();
    let sheet = attendance_sheet(&db, Some(&organizer()), 13).await.unwrap();
    let sakha_lines: Vec<_> = sheet
        .entries
        .iter()
        .filter(|e| e.member_id == Some(sakha))
        .collect();
    assert_eq!(sakha_lines.len(), 1, "a second check-in replaces the first");
    assert_eq!(
        (sakha_lines[0].mode, sakha_lines[0].delegates),
        (AttendanceMode::InPerson, 3)
    );
    assert_eq!(
        check_in(&db, Some(&org), 13, AttendanceMode::Online, 1)
            .await
            .unwrap_err()
            .field(),
        Some("member_id"),
        "an organizer has no member to check in"
    );

    // Gansu, absent from the assembly, joins session 1 alone: it counts for the votes there.
    let gansu = member(&db, "Gansu Province").await;
    let session_1 = sheet.sessions[1].0;
    record_attendance(&db, Some(&org), 13, Some(session_1), &online(gansu))
        .await
        .unwrap();
    let (chairmanship, _) = applications(&db).await;
    let vote = open(&db, chairmanship).await;
    let view = vote_with_tally(&db, vote).await.unwrap();
    assert_eq!(view.tally.present, 71);
    let other_session = sheet.sessions[2].0;
    assert_eq!(
        attendance_sheet(&db, Some(&organizer()), 13)
            .await
            .unwrap()
            .summary
            .members,
        71,
        "the totals count everyone who took part: Gansu, present for session 1 alone, too"
    );
    let err = record_attendance(
        &db,
        Some(&delegate(gansu)),
        13,
        Some(other_session),
        &online(gansu),
    )
    .await
    .unwrap_err();
    assert_eq!(err, Error::Forbidden);
}

async fn associate_members_vote_when_the_association_says_so(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let hcmc = member(&db, "Ho Chi Minh City").await;
    let ballot = CastBallot {
        member_id: hcmc,
        choice: BallotChoice::Yes,
    };
    let vote = open(&db, chairmanship).await;
    assert!(cast_ballot(&db, None, Some(&delegate(hcmc)), vote, &ballot)
        .await
        .is_err());
    close(&db, vote).await;

    let mut setting = db
        .reading(async |tx| get_association(tx).await)
        .await
        .unwrap();
    setting.associates_vote = true;
    assert_eq!(
        update_association(&db, Some(&delegate(hcmc)), &setting)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    update_association(&db, Some(&organizer()), &setting)
        .await
        .unwrap();
    let (_, membership) = applications(&db).await;
    let vote = open(&db, membership).await;
    cast_ballot(&db, None, Some(&delegate(hcmc)), vote, &ballot)
        .await
        .unwrap();
    let view = vote_with_tally(&db, vote).await.unwrap();
    assert_eq!((view.tally.present, view.tally.yes), (71, 1));
}

/// A secret vote: the audit log says who voted, never what; the replay of the log finds the
/// record intact, then names a secret ballot edited in the table (its count no longer makes the
/// audited tally), and a reversal that left the register as the decision made it.
async fn a_secret_vote_is_audited_without_choices_and_replayed(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (chairmanship, _) = applications(&db).await;
    let input = NewVote {
        application_id: Some(chairmanship),
        roll_call: Some(false),
        ..NewVote::default()
    };
    let vote = open_vote(&db, None, Some(&organizer()), 13, &input)
        .await
        .unwrap()
        .vote
        .unwrap()
        .id;
    let voters = all_present_vote(&db, vote, BallotChoice::Yes).await;
    let view = close(&db, vote).await;
    assert_eq!(view.tally.outcome, Outcome::Approved);
    let filter = AuditFilter {
        action: Some("ballot.cast".into()),
        limit: Some(1000),
        ..AuditFilter::default()
    };
    let cast = list_audit(&db, &filter).await.unwrap();
    assert_eq!(cast.len(), voters);
    for entry in &cast {
        let after = entry.after.as_deref().unwrap();
        assert!(
            after.contains("member_id") && !after.contains("choice"),
            "{after}"
        );
        assert!(!after.contains("yes"), "{after}");
    }
    assert_eq!(replay_audit(&db).await.unwrap(), None);

    let first = count(&db, "SELECT MIN(id) FROM ballots").await;
    let edit = |choice: &str| format!("UPDATE ballots SET choice = '{choice}' WHERE id = {first}");
    execute(&db, &edit("no")).await;
    let difference = replay_audit(&db).await.unwrap().expect("the edit is found");
    let present = voters as i64;
    assert_eq!(
        difference.to_string(),
        format!(
            "vote {vote}: the ballots of the members counted make {} in favour, 1 against, 0 abstaining, the audited tally {present} in favour, 0 against, 0 abstaining",
            present - 1
        )
    );
    execute(&db, &edit("yes")).await;
    assert_eq!(replay_audit(&db).await.unwrap(), None);

    // An entry of the kind written before secret ballots were audited without their choice:
    // the log cannot be rewritten, so its choice is left out when the log is read.
    let member = count(
        &db,
        &format!("SELECT member_id FROM ballots WHERE id = {first}"),
    )
    .await;
    let mut tx = db.begin().await.unwrap();
    let legacy = format!("{{\"member_id\":{member},\"choice\":\"yes\"}}");
    audit(
        &mut tx,
        "earlier",
        "ballot.cast",
        "vote",
        Some(vote),
        None,
        Some(&legacy),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let newest = list_audit(&db, &filter).await.unwrap().remove(0);
    assert_eq!(newest.actor, "earlier");
    assert_eq!(newest.after.unwrap(), format!("{{\"member_id\":{member}}}"));
    assert_eq!(replay_audit(&db).await.unwrap(), None);

    let decision = view_decision(&db, vote).await;
    reverse_decision(
        &db,
        Some(&organizer()),
        decision,
        &ReverseDecision {
            reason: "counted twice".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        replay_audit(&db).await.unwrap(),
        None,
        "reversed as audited"
    );
    execute(
        &db,
        &format!("INSERT INTO chairmanships (term, member_id, decision_id) SELECT term, applicant_member_id, {decision} FROM applications WHERE id = {chairmanship}"),
    )
    .await;
    let difference = replay_audit(&db)
        .await
        .unwrap()
        .expect("the chair is found");
    assert!(
        difference.to_string().starts_with(&format!(
            "decision {decision}: it was reversed, yet the register still has member"
        )),
        "{difference}"
    );
}

/// Runs `sql` behind the application's back, as someone with access to the database would.
async fn execute(db: &Db, sql: &str) {
    on_db!(db, c => sqlx::query(sql).execute(c).await.map(drop)).unwrap();
}

/// The id of the decision vote `vote` took.
async fn view_decision(db: &Db, vote: i64) -> i64 {
    db.reading(async |tx| decision_of_vote(tx, vote).await)
        .await
        .unwrap()
        .unwrap()
        .id
}

both_engines!(
    a_secret_vote_is_audited_without_choices_and_replayed,
    associate_members_vote_when_the_association_says_so,
    attendance_feeds_the_quorum_and_delegates_check_in,
    the_reference_decisions_taken_live,
    the_concluded_demo_holds_both_decisions,
    a_hundred_concurrent_duplicate_ballots_count_once,
    a_ballot_the_database_fails_fails_alone,
    ballots_that_are_refused,
    one_abstention_rejects_and_leaves_the_register,
    quorum_is_checked_when_a_vote_opens,
    acclamation_and_reversal_restore_the_register,
    the_audit_chain_finds_an_edited_entry,
);
