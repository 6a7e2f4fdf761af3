//! The feed read back by an independent parser (the `ical` crate), so that what is checked is
//! what a calendar client would read, not what the writer meant to write.

use std::io::BufReader;

use ::ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZoneTransitionType};
use ::ical::property::Property;

use chrono::{DateTime, Utc};

use super::calendar;
use crate::exports::fixture;
use crate::record::Record;

const URL: &str = "https://near.example.org/assemblies/13";

fn parse(feed: &str) -> IcalCalendar {
    let mut calendars = ::ical::IcalParser::new(BufReader::new(feed.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("a calendar the parser accepts");
    assert!(calendars.next().is_none(), "a single VCALENDAR");
    calendar
}

fn property<'a>(properties: &'a [Property], name: &str) -> &'a Property {
    properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {properties:?}"))
}

fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    property(properties, name).value.as_deref().unwrap_or("")
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// Reverses RFC 5545 §3.3.11 text escaping; the parser leaves values as written.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The parser's transition type has no equality; its name will do.
fn kind(transition: &IcalTimeZoneTransitionType) -> &'static str {
    match transition {
        IcalTimeZoneTransitionType::STANDARD => "STANDARD",
        IcalTimeZoneTransitionType::DAYLIGHT => "DAYLIGHT",
    }
}

fn event<'a>(calendar: &'a IcalCalendar, uid: &str) -> &'a IcalEvent {
    calendar
        .events
        .iter()
        .find(|e| value(&e.properties, "UID") == uid)
        .unwrap_or_else(|| panic!("no event {uid}"))
}

#[test]
fn there_is_one_event_per_session_and_per_agenda_item() {
    let calendar = parse(&calendar(&fixture::record(), None));
    // 4 sessions; 2 + 2 + 1 + 1 items.
    assert_eq!(calendar.events.len(), 10);
    let uids: std::collections::BTreeSet<_> = calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    assert_eq!(uids.len(), 10, "UIDs are unique: {uids:?}");
    assert!(uids.contains("session-1@plenary.invalid"));
    assert!(uids.contains("item-11@plenary.invalid"));
}

#[test]
fn uids_are_at_the_sites_host() {
    let calendar = parse(&calendar(&fixture::record(), Some(URL)));
    let session = event(&calendar, "session-2@near.example.org");
    assert!(unescape(value(&session.properties, "SUMMARY")).ends_with(": Session 1"));
    assert_eq!(
        super::host("http://user@localhost:3000/a?b"),
        Some("localhost:3000")
    );
    assert_eq!(super::host("https:///path"), None);
}

#[test]
fn the_calendar_says_what_it_is_and_who_made_it() {
    let calendar = parse(&calendar(&fixture::record(), Some(URL)));
    let p = &calendar.properties;
    assert_eq!(value(p, "VERSION"), "2.0");
    assert_eq!(value(p, "METHOD"), "PUBLISH");
    assert!(value(p, "PRODID").contains("Plenary"));
    assert_eq!(
        value(p, "X-WR-CALNAME"),
        "13th General Assembly of the Association of North East Asia Regional Governments"
    );
    assert_eq!(value(p, "URL"), URL);
    let session = event(&calendar, "session-2@near.example.org");
    assert_eq!(value(&session.properties, "URL"), format!("{URL}/agenda"));
}

#[test]
fn times_are_on_the_venue_clock_with_its_tzid() {
    let calendar = parse(&calendar(&fixture::record(), None));
    let opening = event(&calendar, "session-1@plenary.invalid");
    let start = property(&opening.properties, "DTSTART");
    assert_eq!(param(start, "TZID"), Some("Asia/Seoul"));
    assert_eq!(start.value.as_deref(), Some("20210810T100000"));
    let end = property(&opening.properties, "DTEND");
    assert_eq!(param(end, "TZID"), Some("Asia/Seoul"));
    assert_eq!(end.value.as_deref(), Some("20210810T102000"));
    assert_eq!(
        unescape(value(&opening.properties, "LOCATION")),
        "POSCO International Center, Pohang"
    );
}

#[test]
fn the_vtimezone_describes_seoul_as_one_standard_observance() {
    let calendar = parse(&calendar(&fixture::record(), None));
    assert_eq!(calendar.timezones.len(), 1);
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Asia/Seoul");
    assert_eq!(zone.transitions.len(), 1);
    let standard = &zone.transitions[0];
    assert_eq!(kind(&standard.transition), "STANDARD");
    assert_eq!(value(&standard.properties, "TZOFFSETFROM"), "+0900");
    assert_eq!(value(&standard.properties, "TZOFFSETTO"), "+0900");
    assert_eq!(value(&standard.properties, "DTSTART"), "20210810T100000");
    assert_eq!(value(&standard.properties, "TZNAME"), "KST");
}

/// The fixture moved to Berlin and to the night summer time ends (03:00 CEST on 27 October 2024
/// becomes 02:00 CET), its closing stretched past the change.
fn berlin_night_of_the_change() -> Record {
    let mut record = fixture::record();
    record.assembly.time_zone = "Europe/Berlin".into();
    let by = utc("2024-10-26T23:30:00Z") - utc("2021-08-10T01:00:00Z");
    for session in &mut record.sessions {
        for time in [Some(&mut session.start), session.end.as_mut()]
            .into_iter()
            .flatten()
        {
            time.utc = (utc(&time.utc) + by).to_rfc3339();
        }
        for item in &mut session.items {
            for time in [Some(&mut item.start), item.end.as_mut()]
                .into_iter()
                .flatten()
            {
                time.utc = (utc(&time.utc) + by).to_rfc3339();
            }
        }
    }
    record.sessions[3].end.as_mut().unwrap().utc = "2024-10-27T02:30:00+00:00".into();
    record
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_change_of_clock_during_the_assembly_adds_the_observance_it_leads_to() {
    let calendar = parse(&calendar(&berlin_night_of_the_change(), None));
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Europe/Berlin");
    let kinds: Vec<_> = zone
        .transitions
        .iter()
        .map(|t| kind(&t.transition))
        .collect();
    assert_eq!(kinds, ["DAYLIGHT", "STANDARD"]);
    let summer = &zone.transitions[0].properties;
    assert_eq!(value(summer, "DTSTART"), "20241027T013000");
    assert_eq!(value(summer, "TZOFFSETTO"), "+0200");
    assert_eq!(value(summer, "TZNAME"), "CEST");
    let winter = &zone.transitions[1].properties;
    assert_eq!(value(winter, "DTSTART"), "20241027T030000");
    assert_eq!(value(winter, "TZOFFSETFROM"), "+0200");
    assert_eq!(value(winter, "TZOFFSETTO"), "+0100");
    assert_eq!(value(winter, "TZNAME"), "CET");
}

#[test]
fn a_time_in_the_repeated_hour_is_written_in_utc() {
    let calendar = parse(&calendar(&berlin_night_of_the_change(), None));
    let closing = event(&calendar, "session-4@plenary.invalid");
    // 01:10 UTC is 02:10 CET, the second 02:10 of the night: a TZID would name the first.
    let start = property(&closing.properties, "DTSTART");
    assert_eq!(param(start, "TZID"), None);
    assert_eq!(start.value.as_deref(), Some("20241027T011000Z"));
    // 02:30 UTC is 03:30 CET, which the clock shows once.
    let end = property(&closing.properties, "DTEND");
    assert_eq!(param(end, "TZID"), Some("Europe/Berlin"));
    assert_eq!(end.value.as_deref(), Some("20241027T033000"));
    // 00:00 UTC is 02:00 CEST, the first 02:00: the TZID form reads back right.
    let session_1 = event(&calendar, "session-2@plenary.invalid");
    let start = property(&session_1.properties, "DTSTART");
    assert_eq!(param(start, "TZID"), Some("Europe/Berlin"));
    assert_eq!(start.value.as_deref(), Some("20241027T020000"));
}

#[test]
fn a_long_line_is_folded_at_75_octets_and_unfolds_whole() {
    let feed = calendar(&fixture::record(), None);
    assert!(feed.ends_with("END:VCALENDAR\r\n"));
    let physical: Vec<&str> = feed.split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    let folded = physical
        .iter()
        .position(|l| l.starts_with("SUMMARY:13th General Assembly"))
        .expect("the opening ceremony's summary");
    assert!(physical[folded + 1].starts_with(' '), "it is folded");
    let calendar = parse(&feed);
    let opening = event(&calendar, "session-1@plenary.invalid");
    assert_eq!(
        unescape(value(&opening.properties, "SUMMARY")),
        "13th General Assembly of the Association of North East Asia Regional Governments: \
         Opening Ceremony"
    );
    // Korean text folds on character boundaries and reads back whole.
    let declaration = event(&calendar, "item-30@plenary.invalid");
    assert_eq!(
        unescape(value(&declaration.properties, "SUMMARY")),
        "Adoption of the Declaration of the 13th General Assembly (제13차 총회 선언문 채택)"
    );
}

#[test]
fn commas_semicolons_and_line_breaks_are_escaped_and_read_back() {
    let calendar = parse(&calendar(&fixture::record(), None));
    let liaoning = event(&calendar, "item-11@plenary.invalid");
    let raw = value(&liaoning.properties, "SUMMARY");
    assert_eq!(
        raw,
        "Membership of Liaoning Province\\, China\\; the 79th member"
    );
    assert_eq!(
        unescape(raw),
        "Membership of Liaoning Province, China; the 79th member"
    );
    let declaration = event(&calendar, "item-30@plenary.invalid");
    assert_eq!(
        unescape(value(&declaration.properties, "DESCRIPTION")),
        "Outcome: Adopted.\nThe text follows in the minutes."
    );
}

#[test]
fn an_item_describes_its_speakers_their_delivery_and_its_outcome() {
    let calendar = parse(&calendar(&fixture::record(), None));
    let guest = event(&calendar, "item-2@plenary.invalid");
    assert_eq!(
        unescape(value(&guest.properties, "DESCRIPTION")),
        "Ban Ki-moon, former Secretary-General of the United Nations (United Nations), \
         speaker, video message"
    );
    assert_eq!(value(&guest.properties, "CATEGORIES"), "guest speech");
    let related = property(&guest.properties, "RELATED-TO");
    assert_eq!(related.value.as_deref(), Some("session-1@plenary.invalid"));
    assert_eq!(param(related, "RELTYPE"), Some("PARENT"));

    let ulsan = event(&calendar, "item-10@plenary.invalid");
    assert_eq!(
        unescape(value(&ulsan.properties, "DESCRIPTION")),
        "Mayor Song Chul-ho (Ulsan Metropolitan City), statement of thanks, online\n\
         Outcome: Approved unanimously; Ulsan chairs the 14th term."
    );
    let report = event(&calendar, "item-20@plenary.invalid");
    assert_eq!(
        unescape(value(&report.properties, "DESCRIPTION")),
        "Representative of Hyogo Prefecture, presenter, in person"
    );
}

#[test]
fn a_session_lists_its_programme_on_the_venue_clock() {
    let calendar = parse(&calendar(&fixture::record(), None));
    let session = event(&calendar, "session-1@plenary.invalid");
    assert_eq!(
        unescape(value(&session.properties, "DESCRIPTION")),
        "10:00 Welcoming remarks\n10:10 Guest congratulatory speech"
    );
    assert_eq!(value(&session.properties, "CATEGORIES"), "opening ceremony");
    assert_eq!(value(&session.properties, "STATUS"), "CONFIRMED");
}

#[test]
fn the_feed_is_the_same_for_the_same_record() {
    let record = fixture::record();
    let feed = calendar(&record, Some(URL));
    assert_eq!(feed, calendar(&record, Some(URL)));
    let calendar = parse(&feed);
    for event in &calendar.events {
        // The last decision of the record: Liaoning's, at 10:55 in Seoul.
        assert_eq!(value(&event.properties, "DTSTAMP"), "20210810T015500Z");
    }
}

#[test]
fn a_cancelled_assembly_cancels_its_events() {
    let mut record = fixture::record();
    record.assembly.status = crate::model::AssemblyStatus::Cancelled;
    let calendar = parse(&calendar(&record, None));
    assert!(calendar
        .events
        .iter()
        .all(|e| value(&e.properties, "STATUS") == "CANCELLED"));
}

#[test]
fn an_unknown_time_zone_falls_back_to_utc_without_a_vtimezone() {
    let mut record = fixture::record();
    record.assembly.time_zone = "Mars/Olympus_Mons".into();
    let calendar = parse(&calendar(&record, None));
    assert!(calendar.timezones.is_empty());
    let opening = event(&calendar, "session-1@plenary.invalid");
    let start = property(&opening.properties, "DTSTART");
    assert_eq!(param(start, "TZID"), None);
    assert_eq!(start.value.as_deref(), Some("20210810T010000Z"));
}

/// A three-day assembly as storage gives it: a session whose item was recorded as held 83 days
/// after its planned day (a record entered late) while the session itself has no actual times,
/// and a session on the third day that is under way.
async fn a_multi_day_assembly_has_no_event_longer_than_what_was_held(db: crate::storage::Db) {
    use crate::model::*;
    use crate::storage::*;
    use crate::times::ActualTimes;

    crate::demo::load(&db).await.unwrap();
    let at = |text: &str| utc(text);
    let mut tx = db.begin().await.unwrap();
    let assembly = insert_assembly(
        &mut tx,
        &NewAssembly {
            number: 40,
            title: "40th General Assembly".into(),
            slogan: None,
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 20).unwrap(),
            end_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(),
            venue: "Rotes Rathaus".into(),
            host_member_id: None,
            mode: AssemblyMode::InPerson,
            time_zone: "Europe/Berlin".into(),
            status: AssemblyStatus::InProgress,
        },
    )
    .await
    .unwrap();
    let mut session = async |title: &str, start: &str| {
        let s = NewSession {
            title: title.into(),
            kind: SessionKind::Working,
            planned_start: at(start).into(),
        };
        let id = insert_session(&mut tx, assembly, &s, at(start))
            .await
            .unwrap();
        let item = NewAgendaItem {
            kind: AgendaItemKind::Report,
            title: format!("{title}: report"),
            planned_minutes: 45,
        };
        (id, insert_agenda_item(&mut tx, id, &item).await.unwrap())
    };
    let (_, late_item) = session("First day", "2027-03-20T08:30:00Z").await;
    let (third_day, _) = session("Third day", "2027-03-22T08:30:00Z").await;
    let recorded = ActualTimes {
        actual_start: Some(at("2027-06-11T13:40:00Z")),
        actual_end: Some(at("2027-06-11T15:25:00Z")),
    };
    set_actual_times(&mut tx, Held::Item(late_item), &recorded)
        .await
        .unwrap();
    let under_way = ActualTimes {
        actual_start: Some(at("2027-03-22T08:35:00Z")),
        actual_end: None,
    };
    set_actual_times(&mut tx, Held::Session(third_day), &under_way)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let feed = calendar(&load_record(&db, 40).await.unwrap(), None);
    let parsed = parse(&feed);
    // Events by their summary: the UIDs name the assembly's id, which storage chose.
    let when = |summary: &str, name: &str| {
        let e = parsed
            .events
            .iter()
            .find(|e| value(&e.properties, "SUMMARY") == summary)
            .unwrap_or_else(|| panic!("no event {summary} in\n{feed}"));
        e.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.clone().unwrap_or_default())
    };
    let first = "40th General Assembly: First day";
    assert_eq!(
        (when(first, "DTSTART"), when(first, "DTEND")),
        (
            Some("20270320T093000".into()),
            Some("20270320T101500".into())
        ),
        "the session is shown as planned, not from its planned start to its item's actual end"
    );
    let item = "First day: report";
    assert_eq!(
        (when(item, "DTSTART"), when(item, "DTEND")),
        (
            Some("20270611T154000".into()),
            Some("20270611T172500".into())
        ),
        "the item is shown as it was held"
    );
    let third = "40th General Assembly: Third day";
    assert_eq!(when(third, "DTSTART"), Some("20270322T093500".into()));
    assert_eq!(when(third, "DTEND"), None, "under way: no end yet");
    for e in &parsed.events {
        let read = |name: &str| {
            e.properties.iter().find(|p| p.name == name).and_then(|p| {
                chrono::NaiveDateTime::parse_from_str(p.value.as_deref()?, "%Y%m%dT%H%M%S").ok()
            })
        };
        if let (Some(start), Some(end)) = (read("DTSTART"), read("DTEND")) {
            assert!(
                end >= start && end - start < chrono::Duration::days(1),
                "{start}..{end} in\n{feed}"
            );
        }
    }
}

mod storage {
    use super::a_multi_day_assembly_has_no_event_longer_than_what_was_held;
    crate::both_engines!(a_multi_day_assembly_has_no_event_longer_than_what_was_held);
}
