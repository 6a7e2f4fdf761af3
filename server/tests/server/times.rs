//! Times that survive daylight saving, through the JSON API: an assembly in Europe/Berlin with
//! sessions given on the venue's clock, postponed across the spring change; actual times
//! corrected afterwards and audited; the agenda page and the iCalendar feed showing the planned
//! span before and the actual one after; dates outside 1900–2199 refused naming the field.

use crate::support::Client;
use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};

async fn organizer(db: &Db) -> Client {
    demo::load(db).await.unwrap();
    Client::signed_in(db, Role::Organizer, "secretariat@example.org", None).await
}

/// Assembly 30 in Berlin, 20–21 March 2027 (before summer time starts on the 28th), with a
/// morning session on each day: one given on the venue's clock, one with its offset.
async fn berlin_assembly(org: &Client) -> (i64, i64, i64) {
    org.expect(StatusCode::CREATED, Method::POST, "/api/assemblies", json!({
        "number": 30, "title": "30th General Assembly", "slogan": null,
        "start_date": "2027-03-20", "end_date": "2027-03-21", "venue": "Rotes Rathaus",
        "host_member_id": null, "mode": "hybrid", "time_zone": "Europe/Berlin", "status": "planned"}))
        .await;
    let first = org
        .expect(StatusCode::CREATED, Method::POST, "/api/assemblies/30/sessions", json!({
            "title": "Opening ceremony", "kind": "opening_ceremony", "planned_start": "2027-03-20T09:30"}))
        .await;
    let second = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/assemblies/30/sessions",
            json!({
            "title": "Session 1", "kind": "working", "planned_start": "2027-03-21T09:30:00+01:00"}),
        )
        .await;
    let (first, second) = (
        first["id"].as_i64().unwrap(),
        second["id"].as_i64().unwrap(),
    );
    let item = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            &format!("/api/sessions/{first}/items"),
            json!({"kind": "opening_remarks", "title": "Opening remarks", "planned_minutes": 45}),
        )
        .await;
    (first, second, item["id"].as_i64().unwrap())
}

fn start(agenda: &Value, session: usize) -> (&str, &str) {
    let at = &agenda["sessions"][session]["start"];
    (at["local"].as_str().unwrap(), at["utc"].as_str().unwrap())
}

/// The text of an HTML page, tags taken out, so that "09:30–10:15" reads as one string.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

async fn calendar(client: &Client) -> String {
    let (status, _, ics) = client.text_with("/assemblies/30/calendar.ics", &[]).await;
    assert_eq!(status, StatusCode::OK);
    // Unfold RFC 5545 lines, so that a property reads whole.
    ics.replace("\r\n ", "")
}

/// The properties of the VEVENT whose SUMMARY ends with `summary`.
fn event<'a>(ics: &'a str, summary: &str) -> Vec<&'a str> {
    ics.split("BEGIN:VEVENT")
        .skip(1)
        .map(|e| e.split("END:VEVENT").next().unwrap())
        .find(|e| {
            e.lines()
                .any(|l| l.starts_with("SUMMARY:") && l.ends_with(summary))
        })
        .unwrap_or_else(|| panic!("no event {summary} in\n{ics}"))
        .lines()
        .collect()
}

async fn sessions_keep_their_venue_clock_time_across_daylight_saving(db: Db) {
    let org = organizer(&db).await;
    berlin_assembly(&org).await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(start(&agenda, 0), ("09:30", "2027-03-20T08:30:00+00:00"));
    assert_eq!(start(&agenda, 1), ("09:30", "2027-03-21T08:30:00+00:00"));

    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/30/postpone",
        json!({"to_date": "2027-04-03", "reason": "The hall is being repaired"}),
    )
    .await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(
        start(&agenda, 0),
        ("09:30", "2027-04-03T07:30:00+00:00"),
        "09:30 on the venue's clock, an hour earlier in UTC under summer time"
    );
    assert_eq!(start(&agenda, 1), ("09:30", "2027-04-04T07:30:00+00:00"));
    let ics = calendar(&org).await;
    let opening = event(&ics, "Opening ceremony");
    assert!(
        opening.contains(&"DTSTART;TZID=Europe/Berlin:20270403T093000"),
        "{opening:?}"
    );

    // An earlier day is not a postponement.
    let answer = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/30/postpone",
            json!({"to_date": "2027-03-27", "reason": "Earlier after all"}),
        )
        .await;
    assert_eq!(answer["field"], "to_date");
}

async fn planned_times_before_actual_times_after_and_corrections_are_audited(db: Db) {
    let org = organizer(&db).await;
    let (session, _, item) = berlin_assembly(&org).await;
    org.expect(
        StatusCode::OK,
        Method::POST,
        "/api/assemblies/30/postpone",
        json!({"to_date": "2027-04-03", "reason": "The hall is being repaired"}),
    )
    .await;

    // Before: the planned span, 09:30 and the item's 45 minutes.
    let (status, html) = org.page_in("/assemblies/30/agenda", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text_of(&html).contains("09:30–10:15"), "{}", text_of(&html));
    let ics = calendar(&org).await;
    let opening = event(&ics, "Opening ceremony");
    assert!(
        opening.contains(&"DTEND;TZID=Europe/Berlin:20270403T101500"),
        "{opening:?}"
    );

    // Held but not ended: the actual start alone, never the planned end.
    let times = org
        .expect(
            StatusCode::OK,
            Method::PUT,
            &format!("/api/items/{item}/actual-times"),
            json!({"actual_start": "2027-04-03T09:40", "actual_end": null}),
        )
        .await;
    assert_eq!(times["actual_start"], "2027-04-03T07:40:00Z");
    let agenda = org.get("/api/assemblies/30/agenda").await;
    let held = &agenda["sessions"][0]["items"][0];
    assert_eq!(held["start"]["local"], "09:40");
    assert_eq!(held["end"], Value::Null, "{held}");

    // After, corrected for the record: the actual span, the session weeks later included.
    org.expect(
        StatusCode::OK,
        Method::PUT,
        &format!("/api/items/{item}/actual-times"),
        json!({"actual_start": "2027-04-03T09:40", "actual_end": "2027-04-03T10:50:00+02:00"}),
    )
    .await;
    org.expect(
        StatusCode::OK,
        Method::PUT,
        &format!("/api/sessions/{session}/actual-times"),
        json!({"actual_start": "2027-04-03T09:35", "actual_end": "2027-04-03T11:05"}),
    )
    .await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    let s = &agenda["sessions"][0];
    assert_eq!(
        (s["start"]["local"].as_str(), s["end"]["local"].as_str()),
        (Some("09:35"), Some("11:05"))
    );
    let i = &s["items"][0];
    assert_eq!(
        (i["start"]["local"].as_str(), i["end"]["local"].as_str()),
        (Some("09:40"), Some("10:50"))
    );
    let (_, html) = org.page_in("/assemblies/30/agenda", "en").await;
    assert!(text_of(&html).contains("09:35–11:05"), "{}", text_of(&html));
    assert!(
        !text_of(&html).contains("09:30–11:05") && !text_of(&html).contains("09:30–10:50"),
        "no planned start with an actual end"
    );
    let ics = calendar(&org).await;
    let opening = event(&ics, "Opening ceremony");
    assert!(
        opening.contains(&"DTSTART;TZID=Europe/Berlin:20270403T093500"),
        "{opening:?}"
    );
    assert!(
        opening.contains(&"DTEND;TZID=Europe/Berlin:20270403T110500"),
        "{opening:?}"
    );
    let remarks = event(&ics, "Opening remarks");
    assert!(
        remarks.contains(&"DTSTART;TZID=Europe/Berlin:20270403T094000"),
        "{remarks:?}"
    );
    assert!(
        remarks.contains(&"DTEND;TZID=Europe/Berlin:20270403T105000"),
        "{remarks:?}"
    );

    let audit = org.get("/api/audit?action=actual_times").await;
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), 3, "{audit}");
    let session_entry = &entries[0];
    assert_eq!(session_entry["action"], "session.actual_times");
    assert_eq!(session_entry["entity_id"], session);
    assert!(
        session_entry["after"]
            .as_str()
            .unwrap()
            .contains("2027-04-03T09:05:00Z"),
        "{session_entry}"
    );
    assert_eq!(entries[2]["action"], "agenda_item.actual_times");

    // The end after the start; an end needs a start; both by name.
    for (body, field) in [
        (
            json!({"actual_start": "2027-04-03T11:00", "actual_end": "2027-04-03T10:00"}),
            "actual_end",
        ),
        (
            json!({"actual_start": null, "actual_end": "2027-04-03T10:00"}),
            "actual_start",
        ),
        (json!({"actual_start": "3 April, 10:00"}), "actual_start"),
        (json!({"actual_start": "0020-04-03T10:00"}), "actual_start"),
        // Only on the assembly's days (3 and 4 April after the postponement), on the venue's
        // clock: 00:30 on the 5th is the 4th in UTC.
        (json!({"actual_start": "2027-04-05T00:30"}), "actual_start"),
        (
            json!({"actual_start": "2027-04-03T10:00", "actual_end": "2027-04-07T10:00"}),
            "actual_end",
        ),
    ] {
        let answer = org
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                Method::PUT,
                &format!("/api/sessions/{session}/actual-times"),
                body,
            )
            .await;
        assert_eq!(answer["field"], field, "{answer}");
    }
    let anonymous = Client::anonymous(&db).await;
    let (status, _) = anonymous
        .send(
            Method::PUT,
            &format!("/api/sessions/{session}/actual-times"),
            Some(json!({"actual_start": "2027-04-03T09:35"})),
        )
        .await;
    assert!(
        status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN,
        "{status}"
    );
    let (status, _) = org
        .send(
            Method::PUT,
            "/api/items/999999/actual-times",
            Some(json!({"actual_start": "2027-04-03T09:35"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn dates_outside_1900_to_2199_are_refused_by_name(db: Db) {
    let org = organizer(&db).await;
    let answer = org
        .expect(StatusCode::UNPROCESSABLE_ENTITY, Method::POST, "/api/assemblies", json!({
            "number": 31, "title": "Year twenty", "slogan": null,
            "start_date": "0020-03-20", "end_date": "2027-03-21", "venue": "Rotes Rathaus",
            "host_member_id": null, "mode": "hybrid", "time_zone": "Europe/Berlin", "status": "planned"}))
        .await;
    assert_eq!(answer["field"], "start_date", "{answer}");
    assert_eq!(answer["problem"]["key"], "date_out_of_range", "{answer}");

    berlin_assembly(&org).await;
    for to_date in ["9999-12-31", "2199-12-31"] {
        // The second moves the first day in range and the last one past it.
        let answer = org
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                Method::POST,
                "/api/assemblies/30/postpone",
                json!({"to_date": to_date, "reason": "Much later"}),
            )
            .await;
        assert_eq!(answer["field"], "to_date", "{to_date}: {answer}");
    }
    let answer = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/30/sessions",
            json!({
            "title": "Long ago", "kind": "working", "planned_start": "0020-03-20T09:30"}),
        )
        .await;
    assert_eq!(answer["field"], "planned_start", "{answer}");
    let answer = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/30/sessions",
            json!({
            "title": "Someday", "kind": "working", "planned_start": "soon"}),
        )
        .await;
    assert_eq!(answer["field"], "planned_start", "{answer}");
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(agenda["date"], "2027-03-20", "nothing moved");
    assert_eq!(agenda["sessions"].as_array().unwrap().len(), 2);
}

async fn the_api_document_describes_venue_times_as_strings(db: Db) {
    let doc = Client::anonymous(&db).await.get("/api/openapi.json").await;
    let venue_time = &doc["components"]["schemas"]["VenueTime"];
    assert_eq!(venue_time["type"], "string", "{venue_time}");
    assert!(
        venue_time["description"]
            .as_str()
            .is_some_and(|d| d.contains("venue's clock") && d.contains("offset")),
        "{venue_time}"
    );
    let corrections = &doc["paths"]["/api/sessions/{id}/actual-times"]["put"];
    assert!(corrections.is_object(), "{}", doc["paths"]);
    assert!(doc["paths"]["/api/items/{id}/actual-times"]["put"].is_object());
}

/// Editing the assembly's dates (or correcting its venue's zone) takes the planned sessions
/// along: the same day within the assembly, the same wall-clock time at the venue.
async fn new_dates_or_zone_move_the_sessions_on_the_venue_clock(db: Db) {
    let org = organizer(&db).await;
    berlin_assembly(&org).await;
    let edit = |start: &str, end: &str, zone: &str| {
        json!({"number": 30, "title": "30th General Assembly", "slogan": null,
            "start_date": start, "end_date": end, "venue": "Rotes Rathaus",
            "host_member_id": null, "mode": "hybrid", "time_zone": zone, "status": "planned"})
    };
    // Across the change to summer time on 28 March.
    org.expect(
        StatusCode::OK,
        Method::PUT,
        "/api/assemblies/30",
        edit("2027-04-03", "2027-04-04", "Europe/Berlin"),
    )
    .await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(start(&agenda, 0), ("09:30", "2027-04-03T07:30:00+00:00"));
    assert_eq!(start(&agenda, 1), ("09:30", "2027-04-04T07:30:00+00:00"));
    // The venue's zone corrected: still 09:30, now on Lisbon's clock.
    org.expect(
        StatusCode::OK,
        Method::PUT,
        "/api/assemblies/30",
        edit("2027-04-03", "2027-04-04", "Europe/Lisbon"),
    )
    .await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(start(&agenda, 0), ("09:30", "2027-04-03T08:30:00+00:00"));
    // Other changes leave the sessions where they are.
    let mut renamed = edit("2027-04-03", "2027-04-04", "Europe/Lisbon");
    renamed["title"] = json!("30th General Assembly (Lisbon)");
    org.expect(StatusCode::OK, Method::PUT, "/api/assemblies/30", renamed)
        .await;
    let agenda = org.get("/api/assemblies/30/agenda").await;
    assert_eq!(start(&agenda, 1), ("09:30", "2027-04-04T08:30:00+00:00"));
}

both_engines!(
    new_dates_or_zone_move_the_sessions_on_the_venue_clock,
    sessions_keep_their_venue_clock_time_across_daylight_saving,
    planned_times_before_actual_times_after_and_corrections_are_audited,
    dates_outside_1900_to_2199_are_refused_by_name,
    the_api_document_describes_venue_times_as_strings,
);
