//! Every read entry point — each GET route of the OpenAPI document and each `load_…` server
//! function — as anonymous, delegate and organizer: the organizers' reads refuse the others
//! (401, 403), the public reads answer everyone and hold no draft and no secret choice. The
//! lists are read from the running application, and each read must be classified below, so a
//! new one cannot go unexamined.

use std::collections::BTreeSet;

use crate::support::Client;
use axum::http::{Method, StatusCode};
use http_body_util::BodyExt;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};

/// Reads for organizers only: anonymous callers get 401, delegates 403.
const ORGANIZERS_READ: &[&str] = &[
    "/api/users",
    "/api/tokens",
    "/api/audit",
    "/api/assemblies/{number}/votes",
    "/api/assemblies/{number}/attendance",
    "/api/assemblies/{number}/record-desk",
    "/api/assemblies/{number}/document",
    "/sfn/load_workspace",
    "/sfn/load_association_setup",
    "/sfn/load_chairmanships",
    "/sfn/load_editor",
    "/sfn/load_users",
    "/sfn/load_tokens",
    "/sfn/load_audit",
    "/sfn/load_vote_desk",
    "/sfn/load_record_desk",
    "/sfn/load_attendance_sheet",
];

/// Who is signed in: anyone may ask, an anonymous caller is told 401.
const SIGNED_IN_READ: &[&str] = &["/api/session"];

/// Reads for everyone.
const PUBLIC_READ: &[&str] = &[
    "/api/register",
    "/api/countries",
    "/api/members",
    "/api/persons",
    "/api/committees",
    "/api/association",
    "/api/chairmanships",
    "/api/assemblies",
    "/api/assemblies/{number}",
    "/api/assemblies/{number}/agenda",
    "/api/assemblies/{number}/sessions",
    "/api/assemblies/{number}/applications",
    "/api/sessions/{id}/items",
    "/api/items/{id}/speakers",
    "/api/assemblies/{number}/live",
    "/api/assemblies/{number}/events",
    "/api/votes/{id}",
    "/api/assemblies/{number}/record",
    "/api/assemblies/{number}/news",
    "/api/attachments/{id}",
    "/api/assemblies/{number}/attendance.csv",
    "/api/assemblies/{number}/ballots.csv",
    "/api/assemblies/{number}/popolo.json",
    "/assemblies/{number}/calendar.ics",
    "/news.atom",
    "/sfn/load_me",
    "/sfn/load_home",
    "/sfn/load_assembly",
    "/sfn/load_agenda",
    "/sfn/load_register",
    "/sfn/load_live",
    "/sfn/load_minutes",
    "/sfn/load_news",
    "/sfn/load_languages",
    "/sfn/load_association",
    "/sfn/load_ballot_paper",
];

/// A draft's headline that no public read may hold.
const DRAFT: &str = "Draft headline not for the public";

/// The GET routes of the OpenAPI document.
async fn api_reads(client: &Client) -> Vec<String> {
    let doc = client.get("/api/openapi.json").await;
    doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .collect()
}

/// The server functions that read (`load_…`).
fn function_reads() -> Vec<String> {
    server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .filter(|path| path.trim_start_matches("/sfn/").starts_with("load_"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// A GET of `path`: its status, and its body unless it is the endless event stream.
async fn read(client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.raw(Method::GET, path, None).await;
    let status = response.status();
    if path.ends_with("/events") {
        return (status, String::new());
    }
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The arguments a reading server function is called with.
fn arguments(function: &str, vote: i64) -> String {
    match function {
        "/sfn/load_news" => "number=13&language=ru".into(),
        "/sfn/load_languages" => "number=13&reader=ko".into(),
        "/sfn/load_ballot_paper" => format!("vote_id={vote}"),
        "/sfn/load_workspace"
        | "/sfn/load_users"
        | "/sfn/load_tokens"
        | "/sfn/load_audit"
        | "/sfn/load_me"
        | "/sfn/load_home"
        | "/sfn/load_register"
        | "/sfn/load_association"
        | "/sfn/load_association_setup"
        | "/sfn/load_chairmanships" => String::new(),
        _ => "number=13".into(),
    }
}

fn refused(status: StatusCode) -> bool {
    [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&status)
}

/// Opens a secret vote on Liaoning's membership (ballots "shown while open" ticked, which a
/// secret vote must still not do), casts Hyogo's "no" and everyone else's "yes", checks what
/// the open vote shows, and closes it; its id and the member who voted no.
async fn secret_vote(org: &Client, anonymous: &Client) -> (i64, String) {
    let membership = org
        .get("/api/assemblies/13/applications")
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "membership")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let opened = org
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/assemblies/13/votes",
            json!({"application_id": membership, "roll_call": false, "show_ballots": true}),
        )
        .await;
    let vote = opened["vote"]["id"].as_i64().unwrap();
    let desk = org.get("/api/assemblies/13/votes").await;
    let voters = desk["voters"].as_array().unwrap();
    let mut against = String::new();
    for voter in voters {
        let name = voter[1].as_str().unwrap();
        let choice = if name == "Hyogo Prefecture" {
            against = name.to_owned();
            "no"
        } else {
            "yes"
        };
        org.expect(
            StatusCode::OK,
            Method::POST,
            &format!("/api/votes/{vote}/ballots"),
            json!({"member_id": voter[0], "choice": choice}),
        )
        .await;
    }
    assert_eq!(against, "Hyogo Prefecture", "Hyogo votes");
    let open = anonymous.get(&format!("/api/votes/{vote}")).await;
    assert_eq!(open["tally"]["no"], 1, "the counts are shown: {open}");
    assert_eq!(open["ballots"], json!([]), "a secret vote names no ballot");
    let live = anonymous.get("/api/assemblies/13/live").await;
    assert_eq!(live["vote"]["ballots"], json!([]), "nor does the live view");
    org.expect(
        StatusCode::OK,
        Method::POST,
        &format!("/api/votes/{vote}/close"),
        json!({}),
    )
    .await;
    (vote, against)
}

async fn reads_are_authorized_and_hold_no_draft_or_secret(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (anonymous, delegate, organizer) = Client::everyone(&db).await;

    let (vote, against) = secret_vote(&organizer, &anonymous).await;
    let draft = organizer
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/assemblies/13/news/ru/draft",
            json!({}),
        )
        .await;
    organizer
        .expect(
            StatusCode::OK,
            Method::PUT,
            &format!("/api/news/{}", draft["id"]),
            json!({"headline": DRAFT, "lead": "Lead", "body": "Body"}),
        )
        .await;

    let routes = api_reads(&anonymous).await;
    let functions = function_reads();
    let found: BTreeSet<&str> = routes
        .iter()
        .chain(&functions)
        .map(String::as_str)
        .collect();
    let classified: BTreeSet<&str> = ORGANIZERS_READ
        .iter()
        .chain(SIGNED_IN_READ)
        .chain(PUBLIC_READ)
        .copied()
        .collect();
    assert_eq!(
        found, classified,
        "every read is classified here (and nothing classified is gone)"
    );

    for route in &routes {
        let mut path = route
            .replace("{number}", "13")
            .replace("/api/votes/{id}", &format!("/api/votes/{vote}"))
            .replace("{id}", "1");
        if route == "/api/assemblies/{number}/news" {
            path.push_str("?lang=ru");
        }
        let (anonymous_status, anonymous_body) = read(&anonymous, &path).await;
        let (delegate_status, delegate_body) = read(&delegate, &path).await;
        let (organizer_status, organizer_body) = read(&organizer, &path).await;
        assert!(
            !refused(organizer_status),
            "organizer GET {path}: {organizer_status} {organizer_body}"
        );
        if ORGANIZERS_READ.contains(&route.as_str()) {
            assert_eq!(
                anonymous_status,
                StatusCode::UNAUTHORIZED,
                "anonymous GET {path}"
            );
            assert_eq!(
                delegate_status,
                StatusCode::FORBIDDEN,
                "delegate GET {path}"
            );
            continue;
        }
        if SIGNED_IN_READ.contains(&route.as_str()) {
            assert_eq!(
                anonymous_status,
                StatusCode::UNAUTHORIZED,
                "anonymous GET {path}"
            );
        } else {
            assert!(
                !refused(anonymous_status),
                "anonymous GET {path}: {anonymous_status}"
            );
        }
        assert!(
            !refused(delegate_status),
            "delegate GET {path}: {delegate_status}"
        );
        for body in [&anonymous_body, &delegate_body, &organizer_body] {
            assert!(!body.contains(DRAFT), "GET {path} holds a draft: {body}");
        }
    }

    for function in &functions {
        let form = arguments(function, vote);
        let (anonymous_status, anonymous_body) = anonymous.form(function, &form).await;
        let (delegate_status, delegate_body) = delegate.form(function, &form).await;
        let (organizer_status, organizer_body) = organizer.form(function, &form).await;
        assert!(
            !refused(organizer_status),
            "organizer {function}: {organizer_status} {organizer_body}"
        );
        if ORGANIZERS_READ.contains(&function.as_str()) {
            assert_eq!(
                anonymous_status,
                StatusCode::UNAUTHORIZED,
                "anonymous {function}"
            );
            assert_eq!(
                delegate_status,
                StatusCode::FORBIDDEN,
                "delegate {function}"
            );
        } else {
            assert!(
                !refused(anonymous_status),
                "anonymous {function}: {anonymous_status}"
            );
            assert!(
                !refused(delegate_status),
                "delegate {function}: {delegate_status}"
            );
            for body in [&anonymous_body, &delegate_body] {
                assert!(!body.contains(DRAFT), "{function} holds a draft: {body}");
            }
        }
    }

    // The public record of a secret vote: its counts, no member's choice. The assembly has no
    // roll-call vote yet, so no choice at all may appear in the record or the ballots.
    let record = read(&anonymous, "/api/assemblies/13/record").await.1;
    assert!(record.contains("Liaoning"), "the decision is in the record");
    assert!(!record.contains("\"choice\""), "{record}");
    let csv = read(&anonymous, "/api/assemblies/13/ballots.csv").await.1;
    assert!(!csv.contains(&against), "{csv}");
    let closed = anonymous.get(&format!("/api/votes/{vote}")).await;
    assert_eq!(closed["ballots"], json!([]), "{closed}");
    assert_eq!(closed["tally"]["no"], 1, "{closed}");
}

/// The document is the organizers', and of a secret vote it carries the counts, not the choices;
/// the audit log says who voted on it, never what.
async fn a_secret_vote_leaves_no_choice_in_the_document_or_the_audit(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let (anonymous, delegate, organizer) = Client::everyone(&db).await;
    let (vote, _) = secret_vote(&organizer, &anonymous).await;

    let document = "/api/assemblies/13/document";
    let (status, answer) = anonymous.send(Method::GET, document, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    let (status, answer) = delegate.send(Method::GET, document, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    let doc = organizer.get(document).await;
    let ballots = doc["ballots"].as_array().unwrap();
    assert!(
        ballots.iter().all(|b| b["vote_id"] != vote),
        "no ballot of the secret vote: {ballots:?}"
    );
    let exported = doc["votes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == vote)
        .unwrap();
    let result: Value = serde_json::from_str(exported["result"].as_str().unwrap()).unwrap();
    assert_eq!(
        (result["yes"].as_i64(), result["no"].as_i64()),
        (Some(69), Some(1))
    );

    let log = organizer
        .get("/api/audit?action=ballot.cast&limit=1000")
        .await;
    let cast: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity_id"] == vote)
        .collect();
    assert_eq!(cast.len(), 70, "one entry per ballot");
    for entry in cast {
        let after: Value = serde_json::from_str(entry["after"].as_str().unwrap()).unwrap();
        assert!(after["member_id"].is_i64(), "who voted: {after}");
        assert!(after.get("choice").is_none(), "never what: {after}");
    }
    let closing = organizer.get("/api/audit?action=vote.close").await;
    let text = closing.to_string();
    assert!(text.contains("counted"), "the members counted: {text}");
}

both_engines!(
    reads_are_authorized_and_hold_no_draft_or_secret,
    a_secret_vote_leaves_no_choice_in_the_document_or_the_audit
);
