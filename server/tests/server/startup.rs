//! Bad configuration stops the start with one clear line and a non-zero exit status.

use std::process::Command;

fn plenary(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let data = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plenary"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env("PLENARY_DATA_DIR", data.path())
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    (out.status.success(), stderr)
}

fn fails_with(args: &[&str], env: &[(&str, &str)], expected: &str) {
    let (ok, stderr) = plenary(args, env);
    assert!(!ok, "{args:?} must fail");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(expected),
        "{stderr:?} should say {expected:?}"
    );
}

#[test]
fn a_malformed_database_url_is_named() {
    fails_with(
        &["migrate"],
        &[("DATABASE_URL", "mysql://x")],
        "database URL `mysql://x` is not understood",
    );
    fails_with(
        &["migrate"],
        &[("DATABASE_URL", "postgres://u@h:notaport/db")],
        "is not understood",
    );
}

#[test]
fn an_unreachable_postgres_is_named() {
    fails_with(
        &["migrate"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
        "cannot reach PostgreSQL at 127.0.0.1:1/none",
    );
}

#[test]
fn an_unwritable_data_directory_is_named() {
    fails_with(
        &["migrate", "--data-dir", "/proc/plenary"],
        &[],
        "cannot create the data directory /proc/plenary",
    );
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    fails_with(
        &["serve", "--addr", &addr],
        &[],
        &format!("cannot listen on {addr}"),
    );
    fails_with(
        &["serve"],
        &[("PLENARY_ADDR", &addr)],
        &format!("cannot listen on {addr}"),
    );
}

/// A database whose applied migrations differ from Plenary's stops the start.
#[tokio::test]
async fn a_failed_migration_stops_the_start() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_owned();
    let migrate = || {
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["migrate", "--data-dir", &dir])
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "off")
            .output()
            .unwrap()
    };
    assert!(migrate().status.success());
    let url = plenary_core::storage::sqlite_url(data.path());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 1")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let out = migrate();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("database migration failed"), "{stderr}");
}

#[test]
fn migrate_and_demo_succeed_and_demo_is_idempotent() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let run = |cmd: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args([cmd, "--data-dir", dir])
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "off")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run("demo").contains("Loaded the 13th General Assembly"));
    assert!(run("demo").contains("already loaded"));
    assert!(data.path().join("plenary.sqlite3").exists());
}

/// The first organizer of a new installation comes from the command line and can then sign in
/// and work over HTTP; a role the command does not know is refused with the field named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_organizer_is_made_on_the_command_line() {
    use crate::processes::{plenary, Server};
    use plenary_load::http::{sign_in, Conn};

    let dir = tempfile::tempdir().unwrap();
    let url = plenary_core::storage::sqlite_url(dir.path());
    let password = "first organizer's password";
    let add = [
        "user",
        "add",
        "--role",
        "organizer",
        "--email",
        "first@example.org",
        "--name",
        "First",
        "--password",
        password,
    ];
    plenary(&url, dir.path(), &add).await;
    let server = Server::start(&url, dir.path(), "first", &[]).await;
    let (cookie, _) = sign_in(server.addr, "first@example.org", password)
        .await
        .unwrap();
    let mut conn = Conn::open(server.addr).await.unwrap();
    let made = conn
        .post(
            "/api/countries",
            Some(&cookie),
            &serde_json::json!({"code": "TH", "name": "Thailand"}),
        )
        .await
        .unwrap();
    assert_eq!(
        made.status.as_u16(),
        201,
        "the organizer may change the register"
    );

    let (ok, stderr) = {
        let mut bad = add;
        bad[3] = "chairman";
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(bad)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "off")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(!ok && stderr.contains("role"), "{stderr}");
}
