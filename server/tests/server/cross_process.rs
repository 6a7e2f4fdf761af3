//! Two `plenary serve` processes on one PostgreSQL database: a change made through one reaches
//! the live streams of the other within a second, in order, with the same event ids, and still
//! does after the other's listening connection was cut.
//!
//! PostgreSQL only (SQLite is one process), so these run with `--ignored` and
//! `PLENARY_TEST_POSTGRES_URL`, like the PostgreSQL half of `both_engines!`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use plenary_core::storage::Db;
use plenary_core::testing::TestDb;
use plenary_load::http::Conn;
use serde_json::{json, Value};

use crate::live::{Received, Subscriber};
use crate::processes::{add_organizer, plenary, Server};

const ORGANIZER: &str = "ops@example.org";
const PASSWORD: &str = "a long enough password";

/// One request, a POST of `body` or else a GET, through the load tool's client: the status, the
/// session cookie it sets (if any), the JSON answer.
async fn http(
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> (u16, Option<String>, Value) {
    let mut conn = Conn::open(addr).await.unwrap();
    let answer = match body {
        Some(body) => conn.post(path, cookie, body).await,
        None => conn.get(path, cookie).await,
    }
    .unwrap();
    (
        answer.status.as_u16(),
        answer.cookie,
        serde_json::from_slice(&answer.body).unwrap_or(Value::Null),
    )
}

/// Asserts that `subscriber` receives nothing more (no event twice).
async fn nothing_twice(subscriber: &mut Subscriber) {
    let more = subscriber.next_within(Duration::from_millis(300)).await;
    assert!(more.is_none(), "nothing twice: {more:?}");
}

/// Posts `body` to `server` as the organizer; the answer.
async fn post(server: SocketAddr, cookie: &str, path: &str, body: Value) -> Value {
    let (status, _, answer) = http(server, path, Some(cookie), Some(&body)).await;
    assert_eq!(status, 200, "POST {path} {body}: {answer}");
    answer
}

/// A control-panel command sent to `server` as the organizer; the event id of the new state.
async fn control(server: SocketAddr, cookie: &str, command: Value) -> i64 {
    let view = post(server, cookie, "/api/assemblies/13/control", command).await;
    view["event_id"].as_i64().unwrap()
}

/// Two processes A and B on one new database holding the planned demo assembly, with an
/// organizer signed in (the session is stored in the database, so it is good on both).
struct Cluster {
    db: TestDb,
    _dir: tempfile::TempDir,
    a: Server,
    b: Server,
    cookie: String,
}

impl Cluster {
    /// The processes, with the demo assembly at `stage` (a flag of `plenary demo`).
    async fn start(stage: &str) -> Cluster {
        let db = TestDb::postgres().await;
        let url = db.postgres_url().unwrap();
        let dir = tempfile::tempdir().unwrap();
        plenary(&url, dir.path(), &["demo", stage]).await;
        add_organizer(&url, dir.path(), ORGANIZER, PASSWORD).await;
        let a = Server::start(&url, dir.path(), "a", &[]).await;
        let b = Server::start(&url, dir.path(), "b", &[]).await;
        let (status, cookie, answer) = http(
            a.addr,
            "/api/session",
            None,
            Some(&json!({"email": ORGANIZER, "password": PASSWORD})),
        )
        .await;
        assert_eq!(status, 200, "sign-in on A: {answer}");
        Cluster {
            db,
            _dir: dir,
            a,
            b,
            cookie: cookie.expect("a session cookie"),
        }
    }

    /// A subscriber on each process, each having received the state it starts with, once both
    /// processes listen to PostgreSQL (a process starts listening with its first subscriber).
    async fn subscribers(&self) -> (Subscriber, Subscriber) {
        let mut on_a = Subscriber::connect(self.a.addr, None).await;
        let mut on_b = Subscriber::connect(self.b.addr, None).await;
        on_a.next().await;
        on_b.next().await;
        for server in [&self.a, &self.b] {
            assert!(
                listening(&self.db.db, &server.listener(), Duration::from_secs(10)).await,
                "the listener {} never listened: {}",
                server.listener(),
                server.log()
            );
        }
        (on_a, on_b)
    }

    async fn finish(self) {
        drop((self.a, self.b));
        self.db.finish().await;
    }
}

/// Whether the connection named `name` listens within `patience`.
async fn listening(db: &Db, name: &str, patience: Duration) -> bool {
    let Db::Postgres(pool) = db else {
        unreachable!("PostgreSQL only")
    };
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
        )
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap();
        if n > 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Sends `command` to A and waits for B's subscriber to receive its event; the event and how
/// long it took from sending the command.
async fn through_a_to_b(
    c: &Cluster,
    on_b: &mut Subscriber,
    command: Value,
) -> (Received, Duration) {
    let sent = Instant::now();
    let (id, (event, delay)) = tokio::join!(control(c.a.addr, &c.cookie, command), async {
        let event = on_b.next().await;
        (event, sent.elapsed())
    });
    assert_eq!(event.id, id, "B's event is the one A's command made");
    (event, delay)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn an_advance_on_one_process_reaches_the_streams_of_another() {
    let c = Cluster::start("--planned").await;
    let (mut on_a, mut on_b) = c.subscribers().await;

    let (started, delay) =
        through_a_to_b(&c, &mut on_b, json!({"command": "start_assembly"})).await;
    println!("A's start_assembly reached B's subscriber in {delay:?}");
    assert_eq!(started.data["status"], "in_progress");
    let (advanced, delay) = through_a_to_b(&c, &mut on_b, json!({"command": "next_item"})).await;
    println!("A's next_item reached B's subscriber in {delay:?}");
    assert!(
        delay < Duration::from_secs(1),
        "the advance took {delay:?} to reach B"
    );
    assert_eq!(
        advanced.data["now"]["item"]["title"], "Welcoming remarks",
        "B sees the agenda advance"
    );

    // A's own subscriber sees the same events with the same ids.
    for on_b in [started, advanced] {
        let on_a = on_a.next().await;
        assert_eq!((on_a.id, &on_a.data), (on_b.id, &on_b.data));
    }
    nothing_twice(&mut on_b).await;
    c.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn quick_commands_on_both_processes_arrive_everywhere_in_order() {
    let c = Cluster::start("--planned").await;
    let (mut on_a, mut on_b) = c.subscribers().await;
    control(c.a.addr, &c.cookie, json!({"command": "start_assembly"})).await;
    control(c.a.addr, &c.cookie, json!({"command": "next_item"})).await;
    // Quick commands one after the other on A, then at the same time on A and on B.
    let extend = json!({"command": "timer_extend", "seconds": 1});
    for _ in 0..20 {
        control(c.a.addr, &c.cookie, extend.clone()).await;
    }
    let both = (0..20).map(|n| {
        let server = if n % 2 == 0 { c.a.addr } else { c.b.addr };
        control(server, &c.cookie, extend.clone())
    });
    let mut ids = futures::future::join_all(both).await;
    ids.sort();
    assert_eq!(ids, (23..=42).collect::<Vec<_>>(), "each command one event");

    let mut seen_a = Vec::new();
    let mut seen_b = Vec::new();
    for _ in 1..=42 {
        seen_a.push(on_a.next().await);
        seen_b.push(on_b.next().await);
    }
    let ids_b: Vec<i64> = seen_b.iter().map(|e| e.id).collect();
    assert_eq!(
        ids_b,
        (1..=42).collect::<Vec<_>>(),
        "B: in order, none missing"
    );
    for (a, b) in seen_a.iter().zip(&seen_b) {
        assert_eq!(
            (a.id, &a.data),
            (b.id, &b.data),
            "the same events on A and B"
        );
    }
    for on in [&mut on_a, &mut on_b] {
        nothing_twice(on).await;
    }
    c.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn a_process_that_loses_its_listener_connection_catches_up() {
    let c = Cluster::start("--planned").await;
    let (_on_a, mut on_b) = c.subscribers().await;
    let (first, _) = through_a_to_b(&c, &mut on_b, json!({"command": "start_assembly"})).await;
    assert_eq!(first.id, 1);

    // Cut B's listening connection again and again for a while, so that the notices of the
    // commands made meanwhile are lost, not merely late.
    let Db::Postgres(pool) = &c.db.db else {
        unreachable!()
    };
    let cutter = {
        let (pool, name) = (pool.clone(), c.b.listener());
        tokio::spawn(async move {
            let mut cut = 0;
            let until = Instant::now() + Duration::from_millis(1500);
            while Instant::now() < until {
                let ended: Vec<bool> = sqlx::query_scalar(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                )
                .bind(&name)
                .fetch_all(&pool)
                .await
                .unwrap();
                cut += ended.into_iter().filter(|e| *e).count();
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            cut
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut made = Vec::new();
    for command in [
        json!({"command": "next_item"}),
        json!({"command": "timer_start"}),
        json!({"command": "next_item"}),
    ] {
        made.push(control(c.a.addr, &c.cookie, command).await);
    }
    let cut = cutter.await.unwrap();
    assert!(cut > 0, "B's listener was never cut");
    let stopped = Instant::now();

    let mut got = Vec::new();
    while got.len() < made.len() {
        let event = on_b
            .next_within(Duration::from_secs(40))
            .await
            .unwrap_or_else(|| panic!("B never caught up: {}", c.b.log()));
        got.push(event.id);
    }
    println!(
        "B's listener was cut {cut} times; B's subscriber had events {got:?} {:?} after the cutting stopped",
        stopped.elapsed()
    );
    assert_eq!(got, made, "B caught up in order, none missing");
    assert!(
        listening(&c.db.db, &c.b.listener(), Duration::from_secs(5)).await,
        "B listens again"
    );
    let log = c.b.log();
    assert!(
        log.contains("live stream resynchronised"),
        "B resynchronised after reconnecting: {log}"
    );
    let listener_lines = log.lines().filter(|l| l.contains("live"));
    let (resyncs, failures) = listener_lines.fold((0, 0), |(r, f), l| {
        (
            r + usize::from(l.contains("resynchronised")),
            f + usize::from(l.contains("WARN")),
        )
    });
    println!("B's log: {failures} listener warnings, {resyncs} resynchronisations");

    // And it goes on hearing new events as they happen.
    let (next, delay) = through_a_to_b(&c, &mut on_b, json!({"command": "timer_pause"})).await;
    assert_eq!(next.id, made.last().unwrap() + 1);
    println!("after reconnecting, A's command reached B's subscriber in {delay:?}");
    c.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn ballots_cast_on_both_processes_reach_every_stream_as_tallies() {
    let c = Cluster::start("--before-votes").await;
    let (mut on_a, mut on_b) = c.subscribers().await;
    let (_, _, applications) = http(c.a.addr, "/api/assemblies/13/applications", None, None).await;
    let chairmanship = applications
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "chairmanship")
        .unwrap()["id"]
        .clone();
    let opened = post(
        c.a.addr,
        &c.cookie,
        "/api/assemblies/13/votes",
        json!({"application_id": chairmanship}),
    )
    .await;
    let vote = opened["vote"]["id"].as_i64().unwrap();
    let (_, _, desk) = http(c.a.addr, "/api/assemblies/13/votes", Some(&c.cookie), None).await;
    let voters: Vec<i64> = desk["voters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[0].as_i64().unwrap())
        .collect();
    assert_eq!(voters.len(), 70);

    // Half the ballots through each process: each coalesces its own into tally events, and
    // both processes' tallies reach both streams, numbered in one sequence.
    let ballots = format!("/api/votes/{vote}/ballots");
    for (n, member) in voters.iter().enumerate() {
        let server = if n % 2 == 0 { c.a.addr } else { c.b.addr };
        let ballot = json!({"member_id": member, "choice": "yes"});
        post(server, &c.cookie, &ballots, ballot).await;
    }
    let mut seen_b = vec![on_b.next().await];
    assert_eq!(seen_b[0].data["vote"]["status"], "open");
    while seen_b.last().unwrap().data["vote"]["tally"]["yes"] != 70 {
        seen_b.push(on_b.next().await);
    }
    let ids: Vec<i64> = seen_b.iter().map(|e| e.id).collect();
    assert_eq!(
        ids,
        (ids[0]..ids[0] + ids.len() as i64).collect::<Vec<_>>(),
        "B: in order, none missing"
    );
    for on_b in &seen_b {
        let on_a = on_a.next().await;
        assert_eq!((on_a.id, &on_a.data), (on_b.id, &on_b.data));
    }
    println!(
        "70 ballots through two processes made {} tally events",
        ids.len() - 1
    );
    for server in [&c.a, &c.b] {
        let log = server.log();
        assert!(!log.contains("could not send the tally"), "{log}");
    }
    c.finish().await;
}
