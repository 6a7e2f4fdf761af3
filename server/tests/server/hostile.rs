//! Hostile text stays text (issue 13, item 2): markup that would close `<title>`, `<textarea>`,
//! `<style>` or `<script>` and run script is stored through the API in every free-text field an
//! organizer can fill, then every page (to a visitor and to an organizer) and every HTML or XML
//! feed must show it escaped and never as markup; the other exports must still read back in
//! their formats with the text whole.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::testing::ONE_PIXEL_PNG;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{multipart, Client};

/// What follows each field's marker: it ends every element whose content is raw text, opens a
/// script two ways, breaks out of attributes, and carries the separators of CSV and iCalendar
/// and a line break that would start a property of its own in an unescaped calendar.
const BREAKOUT: &str = "</title></textarea></style></script><script>alert(1)</script><svg onload=alert(2)>\"'&;,\\\nX-PWNED:1";

/// The hostile text stored in `field`; the marker names the field in a failure.
fn hostile(field: &str) -> String {
    format!("H[{field}]{BREAKOUT}")
}

/// How the hostile text of `field` reads once escaped for HTML or XML (text or attribute).
fn escaped(field: &str) -> String {
    format!(
        "H[{field}]&lt;/title&gt;&lt;/textarea&gt;&lt;/style&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;svg onload=alert(2)&gt;"
    )
}

/// The payload's markup as markup: none of it may appear in an HTML or XML answer.
const UNESCAPED: &[&str] = &[
    "<script>alert(1)",
    "<svg onload",
    "</title></textarea>",
    "</textarea></style>",
    "</style></script>",
    "</script><script>",
];

/// Every field that gets hostile text. Each must come out escaped on some page or feed, which
/// proves the text was rendered at all.
const FIELDS: &[&str] = &[
    "association.name",
    "association.short_name",
    "association.secretariat",
    "country.name",
    "member.name",
    "person.name",
    "person.title",
    "person.body",
    "committee.name",
    "assembly.title",
    "assembly.slogan",
    "assembly.venue",
    "assembly.postpone_reason",
    "session.title",
    "item.title",
    "speaker.role",
    "application.statement",
    "item.outcome",
    "report.outcomes",
    "report.next_meeting_place",
    "presentation.topic",
    "declaration.title",
    "declaration.text",
    "attendance.guest_name",
    "attachment.caption",
    "attachment.file_name",
    "decision.reverse_reason",
    "vote.question",
    "user.name",
    "token.name",
    "news.headline",
    "news.lead",
    "news.body",
];

/// `object` with `field` set to its hostile text (marker `marker`).
fn with(mut object: Value, field: &str, marker: &str) -> Value {
    object[field] = json!(hostile(marker));
    object
}

/// `object` with `field` set to the hostile text (marker `marker`) and its id, for names that
/// must be unique.
fn with_id(mut object: Value, field: &str, marker: &str) -> Value {
    object[field] = json!(format!("{}{}", hostile(marker), object["id"]));
    object
}

/// Changes the record at `path` the way an organizer's client does: the record as read, with
/// some fields replaced; fails unless the change is accepted.
async fn put(org: &Client, path: &str, body: Value) -> Value {
    org.expect(StatusCode::OK, Method::PUT, path, body).await
}

/// Posts `body` to `path`; fails unless the post succeeds (200 or 201, as the entry point has it).
async fn post(org: &Client, path: &str, body: Value) -> Value {
    let (status, answer) = org.send(Method::POST, path, Some(body)).await;
    assert!(status.is_success(), "POST {path}: {status} {answer}");
    answer
}

/// Stores hostile text in every free-text field reachable through the API.
async fn store_hostile_text(org: &Client) {
    // The association.
    let mut association = org.get("/api/association").await;
    for field in ["name", "short_name", "secretariat"] {
        association = with(association, field, &format!("association.{field}"));
    }
    put(org, "/api/association", association).await;

    // Countries, committees, persons, members.
    for country in org.get("/api/countries").await.as_array().unwrap() {
        let path = format!("/api/countries/{}", country["id"]);
        put(org, &path, with_id(country.clone(), "name", "country.name")).await;
    }
    for committee in org.get("/api/committees").await.as_array().unwrap() {
        let path = format!("/api/committees/{}", committee["id"]);
        put(
            org,
            &path,
            with_id(committee.clone(), "name", "committee.name"),
        )
        .await;
    }
    for person in org.get("/api/persons").await.as_array().unwrap() {
        let mut person = with(person.clone(), "name", "person.name");
        person = with(person, "title", "person.title");
        if !person["body"].is_null() {
            person = with(person, "body", "person.body");
        }
        put(org, &format!("/api/persons/{}", person["id"]), person).await;
    }
    let desk = org.get("/api/assemblies/13/record-desk").await;
    let applications = org.get("/api/assemblies/13/applications").await;
    let assembly = org.get("/api/assemblies").await[0].clone();
    assert_eq!(assembly["number"], 13);
    // The members the record names: the host, the applicants, who reported and presented.
    let mut renamed = std::collections::BTreeSet::new();
    renamed.extend(assembly["host_member_id"].as_i64());
    for a in applications.as_array().unwrap() {
        renamed.insert(a["applicant_member_id"].as_i64().unwrap());
    }
    for r in desk["reports"].as_array().unwrap() {
        renamed.insert(r["presenting_member_id"].as_i64().unwrap());
    }
    for p in desk["presentations"].as_array().unwrap() {
        renamed.insert(p["member_id"].as_i64().unwrap());
    }
    for member in org.get("/api/members").await.as_array().unwrap() {
        let id = member["id"].as_i64().unwrap();
        if renamed.contains(&id) {
            let member = with_id(member.clone(), "name", "member.name");
            put(org, &format!("/api/members/{id}"), member).await;
        }
    }

    // The assembly, its sessions, items, speakers and applications.
    let mut changed = assembly.clone();
    for field in ["title", "slogan", "venue"] {
        changed = with(changed, field, &format!("assembly.{field}"));
    }
    put(org, "/api/assemblies/13", changed).await;
    for session in org
        .get("/api/assemblies/13/sessions")
        .await
        .as_array()
        .unwrap()
    {
        let id = &session["id"];
        put(
            org,
            &format!("/api/sessions/{id}"),
            with(session.clone(), "title", "session.title"),
        )
        .await;
        for item in org
            .get(&format!("/api/sessions/{id}/items"))
            .await
            .as_array()
            .unwrap()
        {
            let item_id = &item["id"];
            put(
                org,
                &format!("/api/items/{item_id}"),
                with(item.clone(), "title", "item.title"),
            )
            .await;
            put(
                org,
                &format!("/api/agenda-items/{item_id}/outcome"),
                json!({"outcome": hostile("item.outcome")}),
            )
            .await;
            for speaker in org
                .get(&format!("/api/items/{item_id}/speakers"))
                .await
                .as_array()
                .unwrap()
            {
                put(
                    org,
                    &format!("/api/speakers/{}", speaker["id"]),
                    with(speaker.clone(), "role", "speaker.role"),
                )
                .await;
            }
        }
    }
    // The 13th assembly's applications are decided and no longer change; an application with a
    // hostile statement is made to the 15th below.

    // What the record desk records.
    for report in desk["reports"].as_array().unwrap() {
        let report = with(report.clone(), "outcomes", "report.outcomes");
        let report = with(report, "next_meeting_place", "report.next_meeting_place");
        put(org, &format!("/api/reports/{}", report["id"]), report).await;
    }
    for presentation in desk["presentations"].as_array().unwrap() {
        put(
            org,
            &format!("/api/presentations/{}", presentation["id"]),
            with(presentation.clone(), "topic", "presentation.topic"),
        )
        .await;
    }
    let mut declaration = with(desk["declaration"].clone(), "title", "declaration.title");
    declaration["texts"] = json!([
        {"language": "en", "body": hostile("declaration.text")},
        {"language": "ko", "body": hostile("declaration.text")},
    ]);
    put(org, "/api/assemblies/13/declaration", declaration).await;
    post(
        org,
        "/api/assemblies/13/attendance",
        json!({
            "session_id": null,
            "member_id": null,
            "guest_name": hostile("attendance.guest_name"),
            "guest_kind": "outside_body",
            "mode": "online",
            "delegates": 1,
        }),
    )
    .await;
    upload_photo(org, &hostile("attachment.caption")).await;

    // Another assembly, postponed and then cancelled, each with its reason.
    let mut other = assembly.clone();
    other["number"] = json!(14);
    other["start_date"] = json!("2030-08-10");
    other["end_date"] = json!("2030-08-10");
    other["status"] = json!("planned");
    let other = with(other, "title", "assembly.title");
    post(org, "/api/assemblies", other).await;
    post(
        org,
        "/api/assemblies/14/postpone",
        json!({"to_date": "2030-09-01", "reason": hostile("assembly.postpone_reason")}),
    )
    .await;
    post(
        org,
        "/api/assemblies/14/cancel",
        json!({"reason": hostile("assembly.cancel_reason")}),
    )
    .await;

    // A third assembly in progress, with a vote on a question.
    let mut live = assembly.clone();
    live["number"] = json!(15);
    live["start_date"] = json!("2031-08-10");
    live["end_date"] = json!("2031-08-10");
    live["status"] = json!("planned");
    post(org, "/api/assemblies", live).await;
    let session = post(
        org,
        "/api/assemblies/15/sessions",
        json!({
            "title": hostile("session.title"),
            "kind": "working",
            "planned_start": "2031-08-10T01:00:00Z",
        }),
    )
    .await;
    let item = post(
        org,
        &format!("/api/sessions/{}/items", session["id"]),
        json!({"kind": "other", "title": hostile("item.title"), "planned_minutes": 10}),
    )
    .await;
    let applicant = &applications[0]["applicant_member_id"];
    post(
        org,
        "/api/assemblies/15/applications",
        json!({
            "kind": "chairmanship",
            "applicant_member_id": applicant,
            "agenda_item_id": item["id"],
            "term": 15,
            "membership_kind": null,
            "statement": hostile("application.statement"),
        }),
    )
    .await;
    post(
        org,
        "/api/assemblies/15/control",
        json!({"command": "start_assembly"}),
    )
    .await;
    post(
        org,
        "/api/assemblies/15/control",
        json!({"command": "set_item", "item_id": item["id"]}),
    )
    .await;
    post(
        org,
        "/api/assemblies/15/votes",
        json!({
            "agenda_item_id": item["id"],
            "question": hostile("vote.question"),
            "rule": "simple_majority",
        }),
    )
    .await;

    // A decision of the 13th taken back, and why (after the application above, whose term
    // follows the chair the decision elected).
    let record = org.get("/api/assemblies/13/record").await;
    post(
        org,
        &format!("/api/decisions/{}/reverse", record["decisions"][0]["id"]),
        json!({"reason": hostile("decision.reverse_reason")}),
    )
    .await;

    // An account.
    post(
        org,
        "/api/users",
        json!({
            "email": "hostile@example.org",
            "name": hostile("user.name"),
            "role": "organizer",
            "member_id": null,
        }),
    )
    .await;

    // An API token, named.
    post(
        org,
        "/api/tokens",
        json!({"name": hostile("token.name"), "expires_in_days": 30}),
    )
    .await;

    // The news: English written by hand, Korean generated from the hostile record (so its
    // headline carries names), Japanese generated and left a draft for the record desk.
    for language in ["en", "ko", "ja"] {
        let summary = draft(org, language).await;
        let id = &summary["id"];
        if language == "en" {
            put(
                org,
                &format!("/api/news/{id}"),
                json!({
                    "headline": hostile("news.headline"),
                    "lead": hostile("news.lead"),
                    "body": format!("{}\n\n{}", hostile("news.body"), hostile("news.body")),
                }),
            )
            .await;
        }
        if language != "ja" {
            post(
                org,
                &format!("/api/news/{id}/publication"),
                json!({"published": true}),
            )
            .await;
        }
    }
}

/// A new draft of the news summary in `language`, taking a published one back first.
async fn draft(org: &Client, language: &str) -> Value {
    let desk = org.get("/api/assemblies/13/record-desk").await;
    if let Some(published) = desk["news"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["language"] == language && n["status"] == "published")
    {
        post(
            org,
            &format!("/api/news/{}/publication", published["id"]),
            json!({"published": false}),
        )
        .await;
    }
    post(
        org,
        &format!("/api/assemblies/13/news/{language}/draft"),
        json!(null),
    )
    .await
}

/// Uploads a photo for the news with `caption`, and a file name with markup in it (a file
/// name cannot hold quotes or a line break in a multipart header).
async fn upload_photo(org: &Client, caption: &str) {
    let file_name = "H[attachment.file_name]</title></textarea></style></script><script>alert(1)</script><svg onload=alert(2)>.png";
    let (content_type, body) = multipart(caption, file_name, "image/png", ONE_PIXEL_PNG);
    let (name, value) = org.credential.clone().unwrap();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/assemblies/13/attachments")
        .header(name, value)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    let response = org.app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(
        status,
        StatusCode::CREATED,
        "photo upload: {}",
        String::from_utf8_lossy(&bytes)
    );
}

/// GET `path` as `client` in English: status, content type and body, as sent.
async fn fetch(client: &Client, path: &str) -> (StatusCode, String, String) {
    let request = Request::builder().method(Method::GET).uri(path);
    let request = match &client.credential {
        Some((name, value)) => request.header(name, value),
        None => request,
    };
    let request = request
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    let response = client.app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// Where `text` holds the payload as markup, or escaped twice (which a reader would see as
/// `&lt;`): the first such place, with the text around it (whose marker names the field).
fn markup_in(text: &str) -> Option<String> {
    UNESCAPED
        .iter()
        .chain(&["&amp;lt;/title"])
        .find_map(|markup| {
            let at = text.find(markup)?;
            let before: Vec<char> = text[..at].chars().rev().take(160).collect();
            let around: String = before
                .into_iter()
                .rev()
                .chain(text[at..].chars().take(80))
                .collect();
            Some(format!("{markup:?} in …{around}…"))
        })
}

/// The pages of the site; the record desk and the other workspace pages too.
const PAGES: &[&str] = &[
    "/",
    "/members",
    "/assemblies/13",
    "/assemblies/13/agenda",
    "/assemblies/13/live",
    "/assemblies/13/projector",
    "/assemblies/13/minutes",
    "/assemblies/13/news?lang=en",
    "/assemblies/13/news?lang=ko",
    "/assemblies/14",
    "/assemblies/14/agenda",
    "/assemblies/15",
    "/assemblies/15/agenda",
    "/assemblies/15/live",
    "/assemblies/15/projector",
    "/login",
    "/account",
    "/manage",
    "/manage/register",
    "/manage/users",
    "/manage/audit",
    "/manage/assemblies/13",
    "/manage/assemblies/13/record",
    "/manage/assemblies/13/control",
    "/manage/assemblies/13/attendance",
    "/manage/assemblies/14",
    "/manage/assemblies/15",
    "/manage/assemblies/15/control",
    "/manage/assemblies/15/attendance",
];

async fn hostile_text_stays_text_on_every_page_and_feed(db: Db) {
    demo::load(&db).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;
    store_hostile_text(&org).await;
    let anonymous = Client::anonymous(&db).await;

    // Every page, to a visitor and to an organizer, and the Atom feed.
    let mut seen: BTreeMap<(&str, &str), String> = BTreeMap::new();
    let mut markup = Vec::new();
    for (who, client) in [("visitor", &anonymous), ("organizer", &org)] {
        for path in PAGES.iter().chain(&["/news.atom"]) {
            let (status, content_type, text) = fetch(client, path).await;
            let what = format!("{path} to the {who} ({status}, {content_type})");
            let private = path.starts_with("/manage") || *path == "/account";
            if who == "organizer" || !private {
                assert_eq!(status, StatusCode::OK, "{what}");
            }
            if let Some(place) = markup_in(&text) {
                markup.push(format!("{what}: {place}"));
            }
            seen.insert((who, path), text);
        }
    }
    assert!(
        markup.is_empty(),
        "hostile text came out as markup (or escaped twice):\n\n{}",
        markup.join("\n\n")
    );
    for field in FIELDS {
        let escaped = escaped(field);
        assert!(
            seen.values().any(|text| text.contains(&escaped)),
            "no page shows the text of {field}, escaped or at all"
        );
    }
    let title_of = |path: &str| {
        let page = &seen[&("visitor", path)];
        let start = page.find("<title>").expect("a title") + "<title>".len();
        page[start..start + page[start..].find("</title>").unwrap()].to_owned()
    };
    assert!(
        title_of("/assemblies/13").starts_with(&escaped("assembly.title")),
        "the title of the assembly page: {}",
        title_of("/assemblies/13")
    );

    // The Atom feed reads back with the text whole.
    let (_, _, atom) = fetch(&anonymous, "/news.atom").await;
    let feed: atom_syndication::Feed = atom.parse().expect("an Atom feed that parses");
    let headlines: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect();
    assert!(
        headlines.contains(&hostile("news.headline")),
        "{headlines:?}"
    );

    // The calendar parses, each hostile title is one property, and no line of it became one.
    let (status, _, ics) = fetch(&anonymous, "/assemblies/13/calendar.ics").await;
    assert_eq!(status, StatusCode::OK);
    let calendar = ical::IcalParser::new(ics.as_bytes())
        .next()
        .expect("one calendar")
        .expect("a calendar the parser reads");
    let properties = || calendar.events.iter().flat_map(|e| e.properties.iter());
    assert!(
        properties().all(|p| !p.name.contains("PWNED")),
        "a line break in a text started a property of its own:\n{ics}"
    );
    assert!(
        properties().any(|p| p.name == "SUMMARY"
            && p.value
                .as_deref()
                .unwrap_or_default()
                .contains("H[item.title]")),
        "the calendar lacks the item titles:\n{ics}"
    );

    // The CSV files read back with the names whole.
    for (path, field) in [
        ("/api/assemblies/13/attendance.csv", "attendance.guest_name"),
        ("/api/assemblies/13/ballots.csv", "member.name"),
    ] {
        let (status, _, text) = fetch(&anonymous, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("a CSV row that parses"))
            .collect();
        assert!(
            rows.iter()
                .any(|r| r.iter().any(|f| f.starts_with(&hostile(field)))),
            "{path} lacks the whole text of {field}:\n{text}"
        );
    }

    // The JSON exports parse and hold the text as it was stored.
    for (path, field) in [
        ("/api/assemblies/13/popolo.json", "member.name"),
        ("/api/assemblies/13/document", "assembly.title"),
        ("/api/assemblies/13/record", "item.outcome"),
        // No page shows why an assembly was cancelled; its document keeps it.
        ("/api/assemblies/14/document", "assembly.cancel_reason"),
    ] {
        // The whole document is the organizers' (it holds drafts).
        let reader = if path.ends_with("/document") {
            &org
        } else {
            &anonymous
        };
        let json = reader.get(path).await;
        assert!(
            holds(&json, &hostile(field)),
            "{path} lacks the whole text of {field}"
        );
    }
}

/// Whether some string in `json` begins with `text`.
fn holds(json: &Value, text: &str) -> bool {
    match json {
        Value::String(s) => s.starts_with(text),
        Value::Array(values) => values.iter().any(|v| holds(v, text)),
        Value::Object(fields) => fields.values().any(|v| holds(v, text)),
        _ => false,
    }
}

both_engines!(hostile_text_stays_text_on_every_page_and_feed);
