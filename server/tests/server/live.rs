//! The live stream over real HTTP: event ids, what a subscriber sees when the organizer
//! advances the agenda, resuming with Last-Event-ID, and the full state when too much was missed.

use std::time::Duration;

use crate::support::Client;
use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::live::LiveDocument;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One Server-Sent Events connection, read line by line, holding the live view as a browser
/// does: `state` events replace it, `patch` events change it.
pub struct Subscriber {
    lines: BufReader<TcpStream>,
    document: Option<LiveDocument>,
}

#[derive(Debug)]
pub struct Received {
    pub id: i64,
    pub kind: String,
    /// The view after the event.
    pub data: Value,
    /// The length of the event's data on the wire.
    pub bytes: usize,
}

impl Subscriber {
    pub async fn connect(addr: std::net::SocketAddr, last_event_id: Option<i64>) -> Subscriber {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        // HTTP/1.0: the body comes unchunked until the connection closes.
        let resume = last_event_id
            .map(|id| format!("Last-Event-ID: {id}\r\n"))
            .unwrap_or_default();
        let request = format!("GET /api/assemblies/13/events HTTP/1.0\r\nHost: test\r\nAccept: text/event-stream\r\n{resume}\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut lines = BufReader::new(stream);
        let mut status = String::new();
        lines.read_line(&mut status).await.unwrap();
        assert!(status.contains(" 200 "), "{status}");
        loop {
            let mut header = String::new();
            lines.read_line(&mut header).await.unwrap();
            if header.trim().is_empty() {
                break;
            }
        }
        Subscriber {
            lines,
            document: None,
        }
    }

    /// The next event with data (comments and keep-alives are passed over).
    pub async fn next(&mut self) -> Received {
        self.next_within(Duration::from_secs(5))
            .await
            .expect("an event within 5 seconds")
    }

    /// The next event with data, if one comes within `patience`.
    pub async fn next_within(&mut self, patience: Duration) -> Option<Received> {
        tokio::time::timeout(patience, async {
            let (mut id, mut kind, mut data) = (None, None, None::<String>);
            loop {
                let mut line = String::new();
                assert!(
                    self.lines.read_line(&mut line).await.unwrap() > 0,
                    "the stream ended"
                );
                let line = line.trim_end_matches(['\r', '\n']);
                if line.is_empty() {
                    if let (Some(id), Some(data)) = (id, data.take()) {
                        let kind: String = kind.unwrap_or_default();
                        let bytes = data.len();
                        let data = self.view_after(&kind, &data);
                        return Received {
                            id,
                            kind,
                            data,
                            bytes,
                        };
                    }
                    continue;
                }
                if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("event:") {
                    kind = Some(v.trim().to_owned());
                } else if let Some(v) = line.strip_prefix("data:") {
                    data = Some(v.trim().to_owned());
                }
            }
        })
        .await
        .ok()
    }
}

impl Subscriber {
    /// The view after an event of `kind` with `data`, as JSON.
    fn view_after(&mut self, kind: &str, data: &str) -> Value {
        let view = match kind {
            "state" => {
                let (document, view) = LiveDocument::from_state(data).expect("a full state");
                self.document = Some(document);
                view
            }
            "patch" => self
                .document
                .as_mut()
                .expect("a patch comes after a state")
                .apply(data)
                .expect("a patch applies to the state sent before it"),
            other => panic!("an event of an unknown kind: {other}"),
        };
        serde_json::to_value(view).unwrap()
    }
}

fn current_title(event: &Received) -> Option<&str> {
    event.data["now"]["item"]["title"].as_str()
}

async fn control(org: &Client, command: Value) -> Value {
    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/13/control",
        command,
    )
    .await
}

async fn the_stream_numbers_events_and_resumes(db: Db) {
    demo::load_at(&db, demo::Stage::Planned).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "control@example.org", None).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = org.app.clone();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let mut first = Subscriber::connect(addr, None).await;
    let state = first.next().await;
    assert_eq!(
        (state.id, state.kind.as_str()),
        (0, "state"),
        "a new subscriber gets the state first"
    );
    assert!(state.data["now"].is_null());

    control(&org, json!({"command": "start_assembly"})).await;
    control(&org, json!({"command": "next_item"})).await;
    let started = first.next().await;
    assert_eq!(started.id, 1);
    assert_eq!(started.data["status"], "in_progress");
    let item = first.next().await;
    assert_eq!(item.id, 2);
    assert_eq!(current_title(&item), Some("Welcoming remarks"));
    // The state this subscriber was sent as it connected is the one the hub makes its patches
    // from: the events come as changes, a fraction of the state.
    assert_eq!(
        (started.kind.as_str(), item.kind.as_str()),
        ("patch", "patch")
    );
    assert!(
        item.bytes * 2 < state.bytes,
        "{} bytes of change against a state of {}",
        item.bytes,
        state.bytes
    );
    assert_eq!(item.data["now"]["speaker"]["name"], "Tarasenko Andrey");
    assert_eq!(item.data["now"]["timer"]["allotted"], 300);

    control(&org, json!({"command": "next_item"})).await;
    let next = first.next().await;
    assert_eq!(
        (next.id, current_title(&next)),
        (3, Some("Congratulatory speech"))
    );
    assert_eq!(
        next.data["sessions"][0]["items"][0]["status"], "done",
        "the finished item is marked"
    );

    // A subscriber that saw event 1 resumes and gets 2 and 3, in order, then live events.
    let mut resumed = Subscriber::connect(addr, Some(1)).await;
    assert_eq!(resumed.next().await.id, 2);
    assert_eq!(resumed.next().await.id, 3);
    control(&org, json!({"command": "timer_start"})).await;
    let timer = resumed.next().await;
    assert_eq!(timer.id, 4);
    assert_eq!(timer.data["now"]["timer"]["running"], true);
    let timer_for_first = first.next().await;
    assert_eq!(timer_for_first.id, 4, "every subscriber gets every event");
    // Event 3 as resent from the database is the hub's last state, byte for byte.
    assert_eq!(
        (timer.kind.as_str(), timer_for_first.kind.as_str()),
        ("patch", "patch")
    );
    assert_eq!(timer_for_first.data, timer.data);

    // One that missed more than the resume window gets the full state instead.
    for _ in 0..101 {
        control(&org, json!({"command": "timer_extend", "seconds": 1})).await;
    }
    let mut late = Subscriber::connect(addr, Some(2)).await;
    let full = late.next().await;
    assert_eq!((full.id, full.kind.as_str()), (105, "state"));
    assert_eq!(current_title(&full), Some("Congratulatory speech"));

    // One that comes back with an id this server never gave (its data was reset) gets the state.
    let mut stranger = Subscriber::connect(addr, Some(9999)).await;
    assert_eq!(stranger.next().await.id, 105);
    control(&org, json!({"command": "timer_pause"})).await;
    let paused = stranger.next().await;
    assert_eq!(paused.id, 106, "and then the live events");

    // An edit that sends no event: a subscriber connecting now reads a state the hub never
    // sent, so it gets the next event whole, while the others get the change, edit included.
    let edited = &paused.data["sessions"][0]["items"][3];
    org.expect(
        StatusCode::OK,
        Method::PUT,
        &format!("/api/items/{}", edited["id"]),
        json!({"kind": edited["kind"], "title": "Renamed while live", "planned_minutes": edited["planned_minutes"]}),
    )
    .await;
    let mut newcomer = Subscriber::connect(addr, None).await;
    let read = newcomer.next().await;
    assert_eq!((read.id, read.kind.as_str()), (106, "state"));
    assert_eq!(
        read.data["sessions"][0]["items"][3]["title"],
        "Renamed while live"
    );
    control(&org, json!({"command": "timer_start"})).await;
    let (changed, whole) = (stranger.next().await, newcomer.next().await);
    assert_eq!((changed.id, changed.kind.as_str()), (107, "patch"));
    assert_eq!((whole.id, whole.kind.as_str()), (107, "state"));
    assert_eq!(changed.data, whole.data, "both hold the same state");
    assert_eq!(
        changed.data["sessions"][0]["items"][3]["title"],
        "Renamed while live"
    );
}

async fn commands_are_checked(db: Db) {
    demo::load_at(&db, demo::Stage::Planned).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "control@example.org", None).await;
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/control",
            json!({"command": "next_speaker"}),
        )
        .await;
    assert_eq!(error["field"], "command");
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/control",
            json!({"command": "set_item", "item_id": 99999}),
        )
        .await;
    assert_eq!(error["field"], "item_id");
    let view = control(&org, json!({"command": "set_item", "item_id": org.get("/api/assemblies/13/live").await["sessions"][2]["items"][1]["id"]})).await;
    assert_eq!(
        view["now"]["session"],
        "Session 2: Reports and presentations"
    );
    assert_eq!(
        view["next"]["item"]["title"],
        "Report of the Subcommittee on Disaster Prevention"
    );
    let skipped = control(
        &org,
        json!({"command": "mark_item", "item_id": view["next"]["item"]["id"], "status": "skipped"}),
    )
    .await;
    assert_eq!(
        skipped["next"]["item"]["title"],
        "Report of the Subcommittee on Educational and Cultural Exchange"
    );
    let log = org.get("/api/audit?action=live").await;
    assert_eq!(log.as_array().unwrap().len(), 2, "each command is audited");
}

both_engines!(the_stream_numbers_events_and_resumes, commands_are_checked);
