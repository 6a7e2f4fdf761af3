//! `plenary audit verify` replays the audit log against the record: on an untouched database it
//! passes; a ballot row, a decision's tally or a register change edited in the database (the
//! log itself untouched) makes it exit with status 1 and name the first difference.

use std::path::Path;
use std::process::Command;

use plenary_core::on_db;
use plenary_core::storage::Db;

use crate::processes::plenary;

/// Runs `plenary audit verify` on the database at `url`: its exit code, stdout and stderr.
async fn verify(url: &str, dir: &Path) -> (Option<i32>, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command
        .args(["audit", "verify"])
        .env("DATABASE_URL", url)
        .env("PLENARY_DATA_DIR", dir)
        .env("RUST_LOG", "off");
    let out = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

async fn passes(url: &str, dir: &Path) {
    let (code, stdout, stderr) = verify(url, dir).await;
    assert_eq!(code, Some(0), "{stdout} {stderr}");
    assert!(
        stdout.contains("The audit chain is intact") && stdout.contains("The record matches"),
        "{stdout}"
    );
}

/// Verifying fails with status 1 and one line that contains `expected`.
async fn fails(url: &str, dir: &Path, expected: &str) {
    let (code, stdout, stderr) = verify(url, dir).await;
    assert_eq!(code, Some(1), "{stdout} {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("the record differs from the audit log") && stderr.contains(expected),
        "{stderr:?} should name {expected:?}"
    );
}

async fn run(db: &Db, sql: &str) {
    on_db!(db, c => sqlx::query(sql).execute(c).await.map(drop)).unwrap();
}

async fn number(db: &Db, sql: &str) -> i64 {
    on_db!(db, c => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap()
}

async fn text(db: &Db, sql: &str) -> String {
    on_db!(db, c => sqlx::query_scalar::<_, String>(sql).fetch_one(c).await).unwrap()
}

async fn edits_of_the_record_are_named(url: &str, dir: &Path) {
    // The concluded demo: both applications decided by roll-call votes, every ballot audited.
    plenary(url, dir, &["demo"]).await;
    passes(url, dir).await;
    let db = Db::connect(url).await.unwrap();

    // A ballot: a yes turned into a no in the table.
    let ballot = number(&db, "SELECT MIN(id) FROM ballots").await;
    let (vote, member) = (
        number(
            &db,
            &format!("SELECT vote_id FROM ballots WHERE id = {ballot}"),
        )
        .await,
        number(
            &db,
            &format!("SELECT member_id FROM ballots WHERE id = {ballot}"),
        )
        .await,
    );
    run(
        &db,
        &format!("UPDATE ballots SET choice = 'no' WHERE id = {ballot}"),
    )
    .await;
    fails(
        url,
        dir,
        &format!("vote {vote}: the ballot of member {member} is stored as no, its last audited choice is yes"),
    )
    .await;
    run(
        &db,
        &format!("UPDATE ballots SET choice = 'yes' WHERE id = {ballot}"),
    )
    .await;
    passes(url, dir).await;

    // A decision's tally: "Against 0" made "Against 1".
    let vote = number(&db, "SELECT MIN(id) FROM votes").await;
    let result = text(&db, &format!("SELECT result FROM votes WHERE id = {vote}")).await;
    assert!(result.contains("\"no\":0"), "{result}");
    let edited = result.replacen("\"no\":0", "\"no\":1", 1);
    run(
        &db,
        &format!("UPDATE votes SET result = '{edited}' WHERE id = {vote}"),
    )
    .await;
    fails(url, dir, &format!("vote {vote}: its stored tally is")).await;
    run(
        &db,
        &format!("UPDATE votes SET result = '{result}' WHERE id = {vote}"),
    )
    .await;
    passes(url, dir).await;

    // A register change: the chair the decision elected replaced by another member.
    let decision = number(
        &db,
        "SELECT decision_id FROM chairmanships WHERE decision_id IS NOT NULL",
    )
    .await;
    let chair = number(
        &db,
        &format!("SELECT member_id FROM chairmanships WHERE decision_id = {decision}"),
    )
    .await;
    let other = number(
        &db,
        &format!("SELECT MIN(id) FROM members WHERE id <> {chair}"),
    )
    .await;
    run(
        &db,
        &format!("UPDATE chairmanships SET member_id = {other} WHERE decision_id = {decision}"),
    )
    .await;
    fails(
        url,
        dir,
        &format!("decision {decision}: it elected member {chair} chair for term"),
    )
    .await;
    run(
        &db,
        &format!("UPDATE chairmanships SET member_id = {chair} WHERE decision_id = {decision}"),
    )
    .await;

    // An admission: the 79th member's ordinal changed.
    run(&db, "UPDATE members SET ordinal = 80 WHERE ordinal = 79").await;
    fails(
        url,
        dir,
        "with ordinal 80, the decision made it active member with ordinal 79",
    )
    .await;
    run(&db, "UPDATE members SET ordinal = 79 WHERE ordinal = 80").await;
    passes(url, dir).await;
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_replays_the_record_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = plenary_core::storage::sqlite_url(dir.path());
    edits_of_the_record_are_named(&url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn audit_verify_replays_the_record_on_postgres() {
    let db = plenary_core::testing::TestDb::postgres().await;
    let url = db.postgres_url().unwrap();
    let dir = tempfile::tempdir().unwrap();
    edits_of_the_record_are_named(&url, dir.path()).await;
    db.finish().await;
}
