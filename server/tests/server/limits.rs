//! Numbers from outside stay within range and live streams hold nothing for long: counts and
//! ordinals beyond their range are refused naming their field while the pages stay up, an
//! ordinal stored out of range is refused rather than overflowed, and a live stream holds its
//! assembly's channel and its address's share only while it lasts.

use std::time::Duration;

use crate::support::Client;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo, on_db};
use serde_json::json;
use tower::ServiceExt;

async fn counts_beyond_their_range_are_refused_by_field(db: Db) {
    demo::load_at(&db, demo::Stage::Planned).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "limits@example.org", None).await;
    let hyogo = demo::member_id(&db, "Hyogo Prefecture")
        .await
        .unwrap()
        .unwrap();
    let line = json!({"member_id": hyogo, "mode": "online", "delegates": i64::MAX});
    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/attendance",
            line,
        )
        .await;
    assert_eq!(refused["field"], "delegates", "{refused}");
    assert_eq!(refused["problem"]["key"], "out_of_range", "{refused}");

    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/13/check-in-status",
        json!({"open": true}),
    )
    .await;
    let mut delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo-limits@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    delegate.app = org.app.clone();
    let refused = delegate
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/check-in",
            json!({"mode": "online", "delegates": i64::MAX}),
        )
        .await;
    assert_eq!(refused["field"], "delegates", "{refused}");
    delegate
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/assemblies/13/check-in",
            json!({"mode": "online", "delegates": 10_000}),
        )
        .await;

    // A line written before the check, as an attacker left it: the totals saturate.
    on_db!(&db, c => sqlx::query("UPDATE attendance SET delegates = $1")
        .bind(i64::MAX).execute(c).await.map(drop))
    .unwrap();
    for path in [
        "/assemblies/13",
        "/assemblies/13/minutes",
        "/manage/assemblies/13/attendance",
    ] {
        let answer = tokio::time::timeout(Duration::from_secs(20), org.page_in(path, "en")).await;
        assert_eq!(answer.expect(path).0, StatusCode::OK, "{path}");
    }

    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/control",
            json!({"command": "timer_extend", "seconds": i64::MAX}),
        )
        .await;
    assert_eq!(refused["field"], "seconds", "{refused}");
}

async fn ordinals_and_terms_stay_in_range(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "ordinals@example.org", None).await;
    let members = org.get("/api/members").await;
    let hyogo = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Hyogo Prefecture")
        .unwrap()
        .clone();
    let mut changed = hyogo.clone();
    changed["ordinal"] = json!(i64::MAX);
    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            &format!("/api/members/{}", hyogo["id"]),
            changed,
        )
        .await;
    assert_eq!(refused["field"], "ordinal", "{refused}");

    // An ordinal stored out of range before the check: admitting the next member is refused
    // with a conflict, not a panic, and nothing changes.
    on_db!(&db, c => sqlx::query("UPDATE members SET ordinal = $1 WHERE name = 'Hyogo Prefecture'")
        .bind(i64::MAX).execute(c).await.map(drop))
    .unwrap();
    let applications = org.get("/api/assemblies/13/applications").await;
    let membership = applications
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "membership")
        .unwrap()["id"]
        .clone();
    let opened = org
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/assemblies/13/votes",
            json!({"application_id": membership}),
        )
        .await;
    let vote = opened["vote"]["id"].as_i64().unwrap();
    let refused = org
        .expect(
            StatusCode::CONFLICT,
            Method::POST,
            &format!("/api/votes/{vote}/close"),
            json!({"acclamation": true}),
        )
        .await;
    assert_eq!(refused["problem"]["key"], "out_of_range", "{refused}");
    let still_open = org.get(&format!("/api/votes/{vote}")).await;
    assert_eq!(still_open["status"], "open", "{still_open}");
}

/// Opens the event stream of assembly `number` through `app`; the answer's status, and the
/// answer itself (holding the stream open while it lives).
async fn stream(app: &axum::Router, number: i64) -> axum::response::Response {
    let request = Request::get(format!("/api/assemblies/{number}/events"))
        .body(Body::empty())
        .unwrap();
    app.clone().oneshot(request).await.unwrap()
}

async fn live_streams_hold_nothing_once_gone(db: Db) {
    demo::load_at(&db, demo::Stage::Planned).await.unwrap();
    let state = plenary_server::AppState::new(db.clone(), std::path::Path::new("target/site"));
    let hub = state.hub.clone();
    hub.set_streams_per_address(2);
    let sessions = plenary_server::sessions::Store::open(&db).await.unwrap();
    let app = plenary_server::router(state, sessions);

    for unknown in 1000..1050 {
        assert_eq!(stream(&app, unknown).await.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        hub.held(),
        (0, 0),
        "nothing kept for assemblies that do not exist"
    );

    let first = stream(&app, 13).await;
    let second = stream(&app, 13).await;
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(hub.subscribers(13), 2);
    let third = stream(&app, 13).await;
    assert_eq!(
        third.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "an address holds at most its share of streams"
    );
    drop(first);
    let again = stream(&app, 13).await;
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "a closed stream gives its share back"
    );
    drop((second, again, third));
    assert_eq!(
        hub.held(),
        (0, 0),
        "the channel goes with its last subscriber"
    );
}

both_engines!(
    counts_beyond_their_range_are_refused_by_field,
    ordinals_and_terms_stay_in_range,
    live_streams_hold_nothing_once_gone,
);
