//! Votes over HTTP: an organizer opens and closes, delegates cast their member's ballot through
//! the API and through the page's server function, the live stream carries the tally with
//! bursts of ballots coalesced, and the register changes.

use std::time::{Duration, Instant};

use crate::live::Subscriber;
use crate::support::Client;
use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::storage::{register_page, Db};
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};

async fn member(db: &Db, name: &str) -> i64 {
    demo::member_id(db, name).await.unwrap().unwrap()
}

/// The id of the application of `kind` before assembly 13.
async fn application(org: &Client, kind: &str) -> i64 {
    org.get("/api/assemblies/13/applications")
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == kind)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn a_vote_runs_over_the_api_and_the_stream(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "chair@example.org", None).await;
    let mut sakha = Client::signed_in(
        &db,
        Role::Delegate,
        "sakha@example.org",
        Some("Republic of Sakha (Yakutia)"),
    )
    .await;
    // One server: the delegate's ballots reach the stream the subscriber listens to.
    sakha.app = org.app.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = org.app.clone();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let mut stream = Subscriber::connect(addr, None).await;
    assert!(stream.next().await.data["vote"].is_null());

    let chairmanship = application(&org, "chairmanship").await;
    let opened = org
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/assemblies/13/votes",
            json!({"application_id": chairmanship}),
        )
        .await;
    let vote = opened["vote"]["id"].as_i64().unwrap();
    assert_eq!(opened["vote"]["rule"], "unanimous");
    let event = stream.next().await;
    assert_eq!(event.data["vote"]["status"], "open");
    assert_eq!(event.data["vote"]["tally"]["present"], 70);

    let sakha_id = member(&db, "Republic of Sakha (Yakutia)").await;
    let ballots = format!("/api/votes/{vote}/ballots");
    let cast = sakha
        .expect(
            StatusCode::OK,
            Method::POST,
            &ballots,
            json!({"member_id": sakha_id, "choice": "yes"}),
        )
        .await;
    assert_eq!(cast["assembly"], 13);
    let ulsan_id = member(&db, "Ulsan Metropolitan City").await;
    let refused = sakha
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            &ballots,
            json!({"member_id": ulsan_id, "choice": "yes"}),
        )
        .await;
    assert_eq!(refused["field"], "member_id");
    let (status, _) = Client::anonymous(&db)
        .await
        .send(
            Method::POST,
            &ballots,
            Some(json!({"member_id": sakha_id, "choice": "yes"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let started = Instant::now();
    let tally = stream.next().await;
    assert_eq!(tally.data["vote"]["tally"]["yes"], 1);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the tally follows within a second"
    );

    // The organizer enters the other 69 ballots from the room as fast as it can: the stream
    // sends a few coalesced tallies, not one event per ballot.
    let desk = org.get("/api/assemblies/13/live").await;
    assert_eq!(desk["vote"]["tally"]["not_voted"], 69);
    let present: Vec<i64> = org.get("/api/assemblies/13/votes").await["voters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[0].as_i64().unwrap())
        .filter(|id| *id != sakha_id)
        .collect();
    assert_eq!(present.len(), 69);
    let burst = Instant::now();
    for id in &present {
        org.expect(
            StatusCode::OK,
            Method::POST,
            &ballots,
            json!({"member_id": id, "choice": "yes"}),
        )
        .await;
    }
    let burst = burst.elapsed();
    let mut events = 0;
    loop {
        let e = stream.next().await;
        events += 1;
        if e.data["vote"]["tally"]["yes"] == 70 {
            break;
        }
    }
    let allowed = 2 + (burst.as_millis() / 250) as i64;
    assert!(
        events <= allowed,
        "{events} tally events for 69 ballots in {burst:?} (at most {allowed})"
    );

    let closed = org
        .expect(
            StatusCode::OK,
            Method::POST,
            &format!("/api/votes/{vote}/close"),
            json!({}),
        )
        .await;
    assert_eq!(
        closed["vote"]["decision"],
        "Ulsan Metropolitan City elected chair for the 14th term; approved unanimously: 70 of 70 members present in favour"
    );
    assert_eq!(stream.next().await.data["vote"]["status"], "closed");
    let late = sakha
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            &ballots,
            json!({"member_id": sakha_id, "choice": "no"}),
        )
        .await;
    assert_eq!(late["field"], "vote");
    let chairs = register_page(&db).await.unwrap().chairs;
    assert_eq!(chairs.last().unwrap().member, "Ulsan Metropolitan City");
    let vote_json: Value = org.get(&format!("/api/votes/{vote}")).await;
    assert_eq!(vote_json["ballots"].as_array().unwrap().len(), 70);
}

async fn the_pages_forms_open_cast_and_close(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "chair@example.org", None).await;
    let hyogo = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    let membership = application(&org, "membership").await;
    let (status, body) = org
        .form(
            "/sfn/open_vote",
            &format!("number=13&form%5Bapplication_id%5D={membership}&form%5Brule%5D=consensus&form%5Bquorum_percent%5D=50"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let opened: Value = serde_json::from_str(&body).unwrap();
    let vote = opened["vote"]["id"].as_i64().unwrap();
    assert_eq!(opened["vote"]["rule"], "consensus");

    let hyogo_id = member(&db, "Hyogo Prefecture").await;
    let (status, body) = hyogo
        .form(
            "/sfn/cast_member_ballot",
            &format!("vote_id={vote}&member_id={hyogo_id}&choice=abstain"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = hyogo
        .form("/sfn/conclude_vote", &format!("vote_id={vote}"))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "delegates do not close votes"
    );

    // By acclamation, with one objection named (checkboxes `objections[]`).
    let tottori_present = member(&db, "Tottori Prefecture").await; // absent: refused
    let (status, body) = org
        .form(
            "/sfn/conclude_vote",
            &format!("vote_id={vote}&acclamation=on&objections%5B%5D={tottori_present}"),
        )
        .await;
    assert!(
        status != StatusCode::OK && body.contains("\"objections\""),
        "an absent member cannot object: {status} {body}"
    );
    let (status, body) = org
        .form(
            "/sfn/conclude_vote",
            &format!("vote_id={vote}&acclamation=on&objections%5B%5D={hyogo_id}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let closed: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        closed["vote"]["decision"],
        "not approved: Hyogo Prefecture objected"
    );
    assert_eq!(register_page(&db).await.unwrap().active_members, 78);
}

both_engines!(
    a_vote_runs_over_the_api_and_the_stream,
    the_pages_forms_open_cast_and_close
);
