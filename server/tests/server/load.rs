//! The load tool against a real server on each engine, at a small scale: every scenario runs end
//! to end, every advance reaches every subscriber, and every accepted ballot is in the database.

use std::time::Duration;

use plenary_load::report::Report;
use plenary_load::{accounts, ballots, fanout, http, pages, Target};

use crate::processes::{plenary, Server};

/// Runs the three scenarios on a server of the database at `url`, the demo just before its votes.
async fn load_a_server(url: &str, dir: &std::path::Path) {
    let listing = plenary(url, dir, &["demo", "--before-votes"]).await;
    let accounts = accounts::parse(&listing).expect("the demo prints its accounts");
    assert_eq!(
        accounts.delegates.len(),
        71,
        "a delegate per member present"
    );
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    let server = Server::start(url, dir, "load", &["--site-root", site.to_str().unwrap()]).await;
    let target = Target {
        addr: server.addr,
        assembly: 13,
    };
    let (organizer, _) = http::sign_in(
        server.addr,
        &accounts.organizer.email,
        &accounts.organizer.password,
    )
    .await
    .unwrap();
    let mut report = Report::default();

    let read = pages::run(
        target,
        &pages::Pages {
            path: "/assemblies/13/agenda".into(),
            site_root: site.clone(),
            connections: 4,
            duration: Duration::from_millis(700),
        },
    )
    .await
    .unwrap();
    assert!(read.page.requests > 0 && read.file.requests > 0, "{read:?}");
    assert_eq!((read.page.failed, read.file.failed), (0, 0));
    assert_eq!(read.page.bytes, read.file.bytes, "the same bytes");
    assert!(
        read.rendered.requests > 0 && read.rendered.failed == 0,
        "{read:?}"
    );
    assert_eq!(
        read.rendered.bytes, read.page.bytes,
        "a kept page is the page"
    );
    assert!(read.page.bytes > 10_000, "the whole agenda: {read:?}");
    assert!(
        !site.join("plenary-load-page.html").exists(),
        "the copy is removed"
    );
    report.pages(&read);

    let watched = fanout::run(
        target,
        &fanout::Fanout {
            subscribers: 60,
            rounds: 3,
            organizer: organizer.clone(),
            server_pid: Some(server.pid()),
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}: {}", server.log()));
    assert_eq!((watched.delivered, watched.missed), (180, 0), "{watched:?}");
    assert_eq!(watched.latency.samples, 180);
    assert!(watched.latency.max < Duration::from_secs(5), "{watched:?}");
    // Subscribers that hold the state before an advance are sent the change, not the state.
    let state = http::live_state(&mut http::Conn::open(server.addr).await.unwrap(), 13)
        .await
        .unwrap()
        .to_string();
    assert!(
        watched.bytes_per_delivery * 2 < state.len() as u64,
        "{} bytes per advance against a state of {}",
        watched.bytes_per_delivery,
        state.len()
    );
    assert!(watched.memory_before.unwrap() > 1 << 20, "{watched:?}");
    // Each connection once cost 3.5 MB (axum rebuilt the route table for it).
    let each = watched.memory_per_subscriber().unwrap();
    assert!(each < 512 * 1024, "{each} bytes per subscriber");
    report.fanout(&watched);

    let database_url = url.to_owned();
    let cast = ballots::run(
        target,
        &ballots::Ballots {
            organizer,
            // The last twelve: eleven members and the associate member, which has no vote.
            delegates: accounts.delegates[59..].to_vec(),
            duration: Duration::from_millis(700),
            database_url: Some(database_url),
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}: {}", server.log()));
    assert_eq!(
        cast.delegates, 11,
        "the associate member is not sent to vote"
    );
    assert!(cast.accepted >= 11, "{cast:?}");
    assert_eq!(cast.refused, 0, "{cast:?}");
    let on_record = cast.database.clone().expect("the database was read");
    assert_eq!(on_record.audited, cast.accepted as i64, "{cast:?}");
    assert_eq!(
        (on_record.ballots, on_record.wrong, cast.wrong_in_api),
        (11, 0, 0)
    );
    assert!(cast.none_lost());
    report.ballots(&cast);

    let table = report.table();
    println!("{table}");
    for measure in [
        "delivery latency",
        "per subscriber",
        "throughput",
        "none lost",
    ] {
        assert!(table.contains(measure), "{measure} in\n{table}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_load_tool_measures_a_server_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = plenary_core::storage::sqlite_url(dir.path());
    load_a_server(&url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn the_load_tool_measures_a_server_on_postgres() {
    let db = plenary_core::testing::TestDb::postgres().await;
    let url = db.postgres_url().unwrap();
    let dir = tempfile::tempdir().unwrap();
    load_a_server(&url, dir.path()).await;
    db.finish().await;
}
