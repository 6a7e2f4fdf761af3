//! The record over HTTP, on the demo data and both engines: the minutes and news pages reachable
//! from the assembly page, the iCalendar feed read by a real parser, the Popolo export checked
//! against the Popolo schemas, the CSV files read back, the Atom feed, photo uploads, and the
//! whole assembly moved to an empty server that then serves the same pages.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::model::limits;
use plenary_core::storage::Db;
use plenary_core::testing::TestDb;
use plenary_core::testing::ONE_PIXEL_PNG;
use plenary_core::{both_engines, demo};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{multipart, Client};

/// The body of GET `path` as text, with its content type; fails unless 200.
async fn fetch(client: &Client, path: &str) -> (String, String) {
    let response = client.raw(Method::GET, path, None).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (String::from_utf8(bytes.to_vec()).unwrap(), content_type)
}

async fn the_record_is_reachable_from_the_assembly_page(db: Db) {
    demo::load(&db).await.unwrap();
    let client = Client::anonymous(&db).await;
    let (_, page) = client.page_in("/assemblies/13", "en").await;
    for link in [
        "/assemblies/13/minutes",
        "/assemblies/13/news?lang=en",
        "/assemblies/13/news?lang=ko",
        "/assemblies/13/calendar.ics",
        "/api/assemblies/13/record",
        "/api/assemblies/13/attendance.csv",
        "/api/assemblies/13/ballots.csv",
        "/api/assemblies/13/popolo.json",
        "/news.atom",
    ] {
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "no link to {link}"
        );
    }
    // The whole document holds drafts: organizers find it on their control panel.
    let document = "href=\"/api/assemblies/13/document\"";
    assert!(!page.contains(document), "no document link for the public");
    let organizer = Client::signed_in(&db, Role::Organizer, "links@example.org", None).await;
    let (_, page) = organizer
        .page_in("/manage/assemblies/13/control", "en")
        .await;
    assert!(
        page.contains(document),
        "the organizers' link to the document"
    );
    let (status, minutes) = client.page_in("/assemblies/13/minutes", "en").await;
    assert_eq!(status, StatusCode::OK);
    for fact in [
        "Minutes of the 13th General Assembly of NEAR",
        "Liaoning Province admitted as the 79th member",
        "Ulsan Metropolitan City chairs term 14",
        "Subcommittee on Disaster Prevention, reported by Hyogo Prefecture",
        "Kamchatka Territory",
        "Declaration of the 13th General Assembly",
        "Ban Ki-moon",
    ] {
        assert!(minutes.contains(fact), "the minutes lack {fact:?}");
    }
    let (status, news) = client.page_in("/assemblies/13/news?lang=ko", "ko").await;
    assert_eq!(status, StatusCode::OK);
    assert!(news.contains("만장일치"), "{news}");
    assert!(news.contains("lang=\"ko\""));
    let (status, news) = client.page_in("/assemblies/13/news?lang=en", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(news.contains("over 240 people") && news.contains("unanimously"));
}

async fn the_calendar_feed_reads_back_with_an_icalendar_parser(db: Db) {
    demo::load(&db).await.unwrap();
    let client = Client::anonymous(&db).await;
    let (text, content_type) = fetch(&client, "/assemblies/13/calendar.ics").await;
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let calendar = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("one calendar")
        .expect("a calendar the parser reads");
    let record = client.get("/api/assemblies/13/record").await;
    let sessions = record["sessions"].as_array().unwrap();
    let items: usize = sessions
        .iter()
        .map(|s| s["items"].as_array().unwrap().len())
        .sum();
    assert_eq!(calendar.events.len(), sessions.len() + items);
    assert_eq!(calendar.timezones.len(), 1);
    let value = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let video = calendar
        .events
        .iter()
        .find(|e| value(e, "DESCRIPTION").contains("Ban Ki-moon"))
        .expect("Ban Ki-moon's speech");
    assert!(value(video, "DESCRIPTION").contains("video message"));
    let start = video
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    let tzid = start
        .params
        .as_ref()
        .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
        .map(|(_, v)| v.join(","));
    assert_eq!(tzid.as_deref(), Some("Asia/Seoul"));
    assert!(
        start.value.as_deref().unwrap().starts_with("20210810T"),
        "{start:?}"
    );
}

async fn the_popolo_export_validates_against_the_schemas(db: Db) {
    demo::load(&db).await.unwrap();
    let client = Client::anonymous(&db).await;
    let popolo = client.get("/api/assemblies/13/popolo.json").await;
    let events = popolo["vote_events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    for e in events {
        assert_eq!(e["result"], "pass");
        assert_eq!(e["votes"].as_array().unwrap().len(), 70);
        assert_eq!(e["counts"][0]["option"], "yes");
        assert_eq!(e["counts"][0]["value"], 70);
    }
    assert_eq!(popolo["motions"].as_array().unwrap().len(), 2);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("popolo.json");
    std::fs::write(&file, popolo.to_string()).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::process::Command::new("python3")
        .arg(root.join("tests/popolo/validate.py"))
        .arg(&file)
        .current_dir(&root)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the Popolo export does not validate:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn attendance_and_ballots_read_back_as_csv(db: Db) {
    demo::load(&db).await.unwrap();
    let client = Client::anonymous(&db).await;
    let (text, content_type) = fetch(&client, "/api/assemblies/13/attendance.csv").await;
    assert!(content_type.starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let record = client.get("/api/assemblies/13/record").await;
    assert_eq!(rows.len(), record["attendees"].as_array().unwrap().len());
    let delegates = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "delegates")
        .expect("a delegates column");
    let people: i64 = rows
        .iter()
        .map(|r| r[delegates].parse::<i64>().unwrap())
        .sum();
    assert_eq!(people, record["attendance"]["people"].as_i64().unwrap());
    assert!(rows.iter().any(|r| r
        .iter()
        .any(|f| f.contains("Trilateral Cooperation Secretariat (Japan, China"))));

    let (text, _) = fetch(&client, "/api/assemblies/13/ballots.csv").await;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 140);
    assert!(rows.iter().all(|r| r.iter().any(|f| f == "yes")));
}

async fn the_news_feed_lists_the_published_summaries(db: Db) {
    demo::load(&db).await.unwrap();
    let client = Client::anonymous(&db).await;
    let (text, content_type) = fetch(&client, "/news.atom").await;
    assert!(content_type.starts_with("application/atom+xml"));
    assert_eq!(text.matches("<entry>").count(), 2, "{text}");
    assert!(text.contains("hreflang=\"ko\"") && text.contains("/assemblies/13/news?lang=en"));
    assert!(text.contains("79th member"));
}

async fn upload(
    client: &Client,
    accept: &str,
    part: (String, Vec<u8>),
) -> axum::response::Response {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/assemblies/13/attachments")
        .header(header::CONTENT_TYPE, part.0)
        .header(header::ACCEPT, accept);
    if let Some((name, value)) = &client.credential {
        request = request.header(name, value);
    }
    client
        .app
        .clone()
        .oneshot(request.body(Body::from(part.1)).unwrap())
        .await
        .unwrap()
}

async fn photos_are_uploaded_checked_and_served(db: Db) {
    demo::load(&db).await.unwrap();
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;
    let response = upload(
        &organizer,
        "application/json",
        multipart("The hall", "hall.png", "image/png", ONE_PIXEL_PNG),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let photo: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(photo["caption"], "The hall");

    // A document renamed as a photo is refused, naming the field.
    let response = upload(
        &organizer,
        "application/json",
        multipart("The hall", "notes.png", "image/png", b"%PDF-1.4"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let error: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(error["field"], "file");
    assert_eq!(error["problem"]["key"], "attachment_type");

    // From a browser's form: back to the record desk, with the message when refused.
    let response = upload(
        &organizer,
        "text/html",
        multipart("The hall", "hall.png", "image/png", ONE_PIXEL_PNG),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = upload(
        &organizer,
        "text/html",
        multipart("The hall", "a.png", "image/png", b"GIF89a"),
    )
    .await;
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        location.starts_with("/manage/assemblies/13/record?photo_error=attachment_type"),
        "{location}"
    );

    // The demo's summaries are published, so anyone may see the photos.
    let anonymous = Client::anonymous(&db).await;
    let response = anonymous
        .raw(
            Method::GET,
            &format!("/api/attachments/{}", photo["id"]),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(bytes.as_ref(), ONE_PIXEL_PNG);
    let page = anonymous.get("/api/assemblies/13/news?lang=en").await;
    assert_eq!(page["attachments"].as_array().unwrap().len(), 2);

    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "d@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    let response = upload(
        &delegate,
        "application/json",
        multipart("The hall", "hall.png", "image/png", ONE_PIXEL_PNG),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// A page without the values that differ on every rendering (the nonces of its scripts).
fn without_nonces(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let next = |s: &str| {
        [" crossorigin=\"", " nonce=\""]
            .iter()
            .filter_map(|a| s.find(a))
            .min()
    };
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        let value = rest[at..].find("=\"").unwrap() + at + 2;
        let end = rest[value..]
            .find('"')
            .map_or(rest.len(), |e| value + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Another new database on the engine of `db`.
async fn same_engine(db: &Db) -> TestDb {
    match db.engine() {
        plenary_core::storage::Engine::Sqlite => TestDb::sqlite().await,
        plenary_core::storage::Engine::Postgres => TestDb::postgres().await,
    }
}

async fn the_whole_assembly_moves_to_an_empty_server(db: Db) {
    demo::load(&db).await.unwrap();
    let exporter = Client::signed_in(&db, Role::Organizer, "source@example.org", None).await;
    let document = exporter.get("/api/assemblies/13/document").await;
    let source = Client::anonymous(&db).await;
    let empty = same_engine(&db).await;
    let target = Client::signed_in(&empty.db, Role::Organizer, "org@example.org", None).await;
    // The lengths every record entered through the API keeps hold for an import too, and a
    // refused document leaves nothing behind.
    let mut too_long = document.clone();
    too_long["persons"][0]["name"] = Value::String("N".repeat(limits::NAME + 1));
    let refusal = target
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/documents",
            too_long,
        )
        .await;
    assert_eq!(refusal["field"], "persons.name", "{refusal}");
    let answer = target
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/documents",
            document.clone(),
        )
        .await;
    assert_eq!(answer["number"], 13);
    target
        .expect(
            StatusCode::CONFLICT,
            Method::POST,
            "/api/documents",
            document,
        )
        .await;
    for page in [
        "/assemblies/13",
        "/assemblies/13/agenda",
        "/assemblies/13/minutes",
        "/assemblies/13/news?lang=ko",
        "/members",
    ] {
        let (status, before) = source.page_in(page, "en").await;
        let (_, after) = Client::anonymous(&empty.db).await.page_in(page, "en").await;
        let (before, after) = (without_nonces(&before), without_nonces(&after));
        assert_eq!(status, StatusCode::OK);
        if let Some(at) = before.bytes().zip(after.bytes()).position(|(a, b)| a != b) {
            let window = |s: &str| s[at.saturating_sub(80)..(at + 80).min(s.len())].to_owned();
            panic!(
                "{page} differs after the move:\n{}\n----\n{}",
                window(&before),
                window(&after)
            );
        }
        assert_eq!(before.len(), after.len(), "{page} differs after the move");
    }
    empty.finish().await;
}

both_engines!(
    the_record_is_reachable_from_the_assembly_page,
    the_calendar_feed_reads_back_with_an_icalendar_parser,
    the_popolo_export_validates_against_the_schemas,
    attendance_and_ballots_read_back_as_csv,
    the_news_feed_lists_the_published_summaries,
    photos_are_uploaded_checked_and_served,
    the_whole_assembly_moves_to_an_empty_server,
);

/// Pages and API answers go out compressed to clients that ask.
#[tokio::test]
async fn answers_are_compressed_for_browsers_that_ask() {
    let t = TestDb::sqlite().await;
    demo::load(&t.db).await.unwrap();
    let client = Client::anonymous(&t.db).await;
    for (path, encoding) in [
        ("/assemblies/13/agenda", "br"),
        ("/api/assemblies/13/record", "gzip"),
    ] {
        let request = Request::builder()
            .uri(path)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let response = client.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_ENCODING],
            encoding,
            "{path}"
        );
    }
    t.finish().await;
}
