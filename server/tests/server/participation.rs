//! Who took part, the languages of the news and the exports' identifiers, over HTTP on both
//! engines: a member and a guest present for one session only are in the minutes, the
//! attendance export, the record's figures and the news; a language not published is said to
//! be so; Popolo ids and iCalendar UIDs survive a renumbering; demo votes carry their day.

use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};

use crate::support::Client;

async fn organizer(db: &Db) -> Client {
    Client::signed_in(db, Role::Organizer, "participation@example.org", None).await
}

/// The text of GET `path`, which must answer 200.
async fn text(client: &Client, path: &str) -> String {
    let (status, body) = client.page_in(path, "en").await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    body
}

/// A session's (id, title): the `index`th of assembly 13.
async fn session(org: &Client, index: usize) -> (i64, String) {
    let sessions = org.get("/api/assemblies/13/sessions").await;
    let s = &sessions.as_array().expect("sessions")[index];
    (
        s["id"].as_i64().unwrap(),
        s["title"].as_str().unwrap().to_owned(),
    )
}

async fn one_session_is_enough_to_have_taken_part(db: Db) {
    demo::load(&db).await.unwrap();
    let org = organizer(&db).await;
    let before = org.get("/api/assemblies/13/record").await;

    // A member of the whole assembly is recorded instead for its second session only, and a
    // guest government for the first only.
    let sheet = org.get("/api/assemblies/13/attendance").await;
    let line = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["member_id"].is_i64() && e["session_id"].is_null())
        .expect("a whole-assembly line of a member")
        .clone();
    let member = line["name"].as_str().unwrap().to_owned();
    let (second, second_title) = session(&org, 1).await;
    let (first, first_title) = session(&org, 0).await;
    org.send(
        Method::DELETE,
        &format!("/api/attendance/{}", line["id"]),
        None,
    )
    .await;
    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/13/attendance",
        json!({"session_id": second, "member_id": line["member_id"], "mode": "online", "delegates": 2}),
    )
    .await;
    let guest = "Riverland Provincial Government";
    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/13/attendance",
        json!({"session_id": first, "guest_name": guest, "guest_kind": "regional_government",
               "mode": "in_person", "delegates": 3}),
    )
    .await;

    // The record's figures: the member still counts, the guest government adds one.
    let after = org.get("/api/assemblies/13/record").await;
    let (b, a) = (&before["attendance"], &after["attendance"]);
    assert_eq!(a["members"], b["members"], "{a}");
    assert_eq!(a["countries"], b["countries"], "{a}");
    assert_eq!(
        a["governments"].as_i64().unwrap(),
        b["governments"].as_i64().unwrap() + 1
    );
    assert!(
        a["guests"].as_array().unwrap().contains(&json!(guest)),
        "{a}"
    );
    let attendee = |name: &str| -> Value {
        after["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not among the attendees"))
            .clone()
    };
    assert_eq!(attendee(&member)["sessions"], json!([second_title]));
    assert_eq!(attendee(&member)["delegates"], 2);
    assert_eq!(attendee(guest)["sessions"], json!([first_title]));

    // The attendance export and the minutes list both, with their session.
    let csv = text(&org, "/api/assemblies/13/attendance.csv").await;
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows.iter()
            .any(|r| r.contains(&member) && r.ends_with(&second_title)),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with(guest) && r.ends_with(&first_title)),
        "{csv}"
    );
    let minutes = text(&Client::anonymous(&db).await, "/assemblies/13/minutes").await;
    for shown in [member.as_str(), guest, &second_title] {
        assert!(minutes.contains(shown), "the minutes lack {shown:?}");
    }

    // The news counts them too.
    let draft = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/assemblies/13/news/en/draft",
            json!({}),
        )
        .await;
    let governments = format!("{} regional governments", a["governments"]);
    assert!(
        draft["lead"].as_str().unwrap().contains(&governments),
        "{governments}: {}",
        draft["lead"]
    );
}

async fn a_language_not_published_is_said_so_with_the_published_ones(db: Db) {
    demo::load(&db).await.unwrap();
    let anonymous = Client::anonymous(&db).await;
    // The demo publishes English and Korean; Russian is not published.
    let (status, page) = anonymous.page_in("/assemblies/13/news?lang=ru", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{page}");
    assert!(
        page.contains(
            "The news summary is not published in <span class=\"language-name\">Russian</span>."
        ),
        "{page}"
    );
    for link in ["/assemblies/13/news?lang=en", "/assemblies/13/news?lang=ko"] {
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "no link to {link}"
        );
    }
    assert!(
        page.contains(">한국어</a>"),
        "each language named in itself"
    );
    // Asked in Korean, the language is named in Korean.
    let (_, page) = anonymous.page_in("/assemblies/13/news?lang=de", "ko").await;
    assert!(page.contains("독일어"), "{page}");

    // Without a language: the main one, English.
    let (status, page) = anonymous.page_in("/assemblies/13/news", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("lang=\"en\""), "{page}");
    let (status, body) = anonymous
        .send(Method::GET, "/api/assemblies/13/news?lang=ru", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(
        body["problem"],
        json!({"key": "not_one_of", "args": {"value": "ru", "allowed": ["en", "ko"]}}),
        "the published languages are offered: {body}"
    );
    let news = anonymous.get("/api/assemblies/13/news").await;
    assert_eq!(news["summary"]["language"], "en");
    assert_eq!(news["languages"], json!(["en", "ko"]));
}

async fn declaration_texts_are_headed_with_their_languages_name(db: Db) {
    demo::load(&db).await.unwrap();
    let org = organizer(&db).await;
    org.expect(
        StatusCode::OK,
        Method::PUT,
        "/api/assemblies/13/declaration",
        json!({"title": "Declaration", "texts": [
            {"language": "en", "body": "We declare."},
            {"language": "de", "body": "Wir erklären."},
        ]}),
    )
    .await;
    let (_, minutes) = org.page_in("/assemblies/13/minutes", "en").await;
    assert!(
        minutes.contains("<h3><span class=\"language-name\">German</span></h3>"),
        "{minutes}"
    );
    assert!(!minutes.contains("<h3><span class=\"language-name\">?</span></h3>"));
    let (_, minutes) = org.page_in("/assemblies/13/minutes", "ja").await;
    assert!(
        minutes.contains("<h3><span class=\"language-name\">ドイツ語</span></h3>"),
        "in the reader's language"
    );
}

async fn unknown_working_languages_are_refused_naming_the_field(db: Db) {
    demo::load(&db).await.unwrap();
    let org = organizer(&db).await;
    let mut association = org.get("/api/association").await;
    association["languages"] = json!(["en", "xx-YY"]);
    let (status, body) = org
        .send(Method::PUT, "/api/association", Some(association.clone()))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["field"], "languages", "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("xx-YY"),
        "{body}"
    );
    association["languages"] = json!(["de", "en", "haw"]);
    org.send(Method::PUT, "/api/association", Some(association))
        .await;
    assert_eq!(
        org.get("/api/association").await["languages"],
        json!(["de", "en", "haw"]),
        "a language outside the interface's six is kept"
    );
}

/// The identifiers of a Popolo export: of every motion and vote event and what they refer to.
fn popolo_ids(document: &Value) -> Vec<String> {
    ["motions", "vote_events"]
        .iter()
        .flat_map(|list| document[list].as_array().unwrap().clone())
        .flat_map(|e| {
            [
                "id",
                "legislative_session_id",
                "motion_id",
                "organization_id",
            ]
            .map(|k| e[k].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The ids of an Atom feed and its entries.
fn atom_ids(feed: &str) -> Vec<String> {
    feed.split("<id>")
        .skip(1)
        .filter_map(|rest| rest.split("</id>").next())
        .map(str::to_owned)
        .collect()
}

/// The UIDs of an iCalendar feed.
fn uids(calendar: &str) -> Vec<String> {
    calendar
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_owned)
        .collect()
}

async fn exported_ids_survive_a_renumbering(db: Db) {
    demo::load(&db).await.unwrap();
    let org = organizer(&db).await;
    let popolo = org.get("/api/assemblies/13/popolo.json").await;
    let calendar = text(&org, "/assemblies/13/calendar.ics").await;
    let feed = text(&org, "/news.atom").await;
    assert!(!popolo_ids(&popolo).is_empty() && !uids(&calendar).is_empty());
    assert_eq!(
        atom_ids(&feed).len(),
        3,
        "the feed's and two entries': {feed}"
    );

    let assembly = org
        .get("/api/assemblies")
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["number"] == 13)
        .unwrap()
        .clone();
    let mut renumbered = json!({});
    for key in [
        "title",
        "slogan",
        "start_date",
        "end_date",
        "venue",
        "host_member_id",
        "mode",
        "time_zone",
        "status",
    ] {
        renumbered[key] = assembly[key].clone();
    }
    renumbered["number"] = json!(31);
    org.expect(
        StatusCode::OK,
        Method::PUT,
        "/api/assemblies/13",
        renumbered,
    )
    .await;

    let popolo_after = org.get("/api/assemblies/31/popolo.json").await;
    assert_eq!(popolo_ids(&popolo), popolo_ids(&popolo_after));
    let calendar_after = text(&org, "/assemblies/31/calendar.ics").await;
    assert_eq!(uids(&calendar), uids(&calendar_after));
    assert_eq!(atom_ids(&feed), atom_ids(&text(&org, "/news.atom").await));
}

async fn demo_votes_carry_the_day_they_were_taken(db: Db) {
    demo::load(&db).await.unwrap();
    let record = Client::anonymous(&db)
        .await
        .get("/api/assemblies/13/record")
        .await;
    let day = record["assembly"]["start_date"]
        .as_str()
        .unwrap()
        .to_owned();
    let votes: Vec<&Value> = record["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.get("vote").filter(|v| !v.is_null()))
        .collect();
    assert_eq!(votes.len(), 2, "{record}");
    for vote in votes {
        for at in [&vote["opened_at"], &vote["closed_at"]] {
            assert!(
                at.as_str().unwrap().starts_with(&day),
                "{at} is not on {day}"
            );
        }
        for ballot in vote["ballots"].as_array().unwrap() {
            assert!(ballot["cast_at"].as_str().unwrap().starts_with(&day));
        }
    }
    for decision in record["decisions"].as_array().unwrap() {
        assert!(decision["decided_at"].as_str().unwrap().starts_with(&day));
    }
}

both_engines!(
    one_session_is_enough_to_have_taken_part,
    a_language_not_published_is_said_so_with_the_published_ones,
    declaration_texts_are_headed_with_their_languages_name,
    unknown_working_languages_are_refused_naming_the_field,
    exported_ids_survive_a_renumbering,
    demo_votes_carry_the_day_they_were_taken,
);
