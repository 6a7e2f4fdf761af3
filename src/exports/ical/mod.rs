//! The assembly as an iCalendar feed (RFC 5545): one event per session and one per agenda item,
//! on the venue's clock, for delegates to subscribe to in their own calendars.
//!
//! The output is a pure function of the record: UIDs come from the assembly's lasting id (not
//! its number, which may be corrected) and the item ids, and DTSTAMP from the last thing the record says happened, so two requests for the
//! same record give the same bytes (and caches and calendar clients see no change).

mod lines;
mod zone;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{AgendaItemStatus, AssemblyStatus};
use crate::record::{Record, RecordItem, RecordSession};
use crate::views::{ShownTime, SpeakerView};

use lines::ContentLines;

const PRODUCT: &str = "-//Plenary//Plenary general assembly calendar//EN";

/// The iCalendar feed of the assembly. `url` is the public address of the assembly's page
/// (`…/assemblies/13`); when given, the calendar links to it and each event to its agenda.
pub fn calendar(record: &Record, url: Option<&str>) -> String {
    let clock = Clock::of(record);
    let mut lines = ContentLines::default();
    lines.begin("VCALENDAR");
    write_calendar_properties(&mut lines, record, clock, url);
    if let Clock::Zone(tz) = clock {
        if let Some((from, until)) = span(record) {
            zone::write_vtimezone(&mut lines, tz, &zone::observances(tz, from, until));
        }
    }
    let feed = Feed {
        record,
        clock,
        stamp: stamp(record),
        agenda_url: url.map(|u| format!("{}/agenda", u.trim_end_matches('/'))),
        host: url.and_then(host).unwrap_or("plenary.invalid"),
    };
    for session in &record.sessions {
        feed.write_session(&mut lines, session);
        for item in &session.items {
            feed.write_item(&mut lines, session, item);
        }
    }
    lines.end("VCALENDAR");
    lines.finish()
}

fn write_calendar_properties(
    lines: &mut ContentLines,
    record: &Record,
    clock: Clock,
    url: Option<&str>,
) {
    lines.value("VERSION", &[], "2.0");
    lines.text("PRODID", PRODUCT);
    lines.value("CALSCALE", &[], "GREGORIAN");
    lines.value("METHOD", &[], "PUBLISH");
    // NAME is RFC 7986's; X-WR-CALNAME is what most clients read.
    lines.text("NAME", &record.assembly.title);
    lines.text("X-WR-CALNAME", &record.assembly.title);
    if let Clock::Zone(tz) = clock {
        lines.text("X-WR-TIMEZONE", tz.name());
    }
    if let Some(url) = url {
        lines.value("URL", &[], url);
    }
}

/// How times are written: on the venue's clock with its TZID, or in UTC when the record names a
/// zone the IANA database does not know (storage refuses those, so only as a safeguard).
#[derive(Debug, Clone, Copy)]
enum Clock {
    Zone(Tz),
    Utc,
}

impl Clock {
    fn of(record: &Record) -> Self {
        record
            .assembly
            .time_zone
            .parse()
            .map_or(Clock::Utc, Clock::Zone)
    }

    fn write(self, lines: &mut ContentLines, name: &str, at: DateTime<Utc>) {
        match self {
            Clock::Zone(tz) if reads_back(tz, at) => lines.value(
                name,
                &[("TZID", tz.name())],
                &at.with_timezone(&tz).format("%Y%m%dT%H%M%S").to_string(),
            ),
            _ => lines.value(name, &[], &utc_value(at)),
        }
    }
}

/// Whether the venue clock names `at` unambiguously. When clocks go back, the repeated hour's
/// local times are read as their first occurrence (RFC 5545 §3.3.5), so an instant in the
/// second one is written in UTC instead.
fn reads_back(tz: Tz, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&tz);
    tz.from_local_datetime(&local.naive_local()).earliest() == Some(local)
}

fn utc_value(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn instant(time: &ShownTime) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&time.utc)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// From the first start to the last end of anything the feed schedules (its start, for what is
/// under way): the stretch the VTIMEZONE has to describe.
fn span(record: &Record) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let times = record.sessions.iter().flat_map(|s| {
        std::iter::once((&s.start, &s.end)).chain(s.items.iter().map(|i| (&i.start, &i.end)))
    });
    let (starts, ends): (Vec<_>, Vec<_>) = times
        .filter_map(|(start, end)| {
            let start = instant(start)?;
            Some((start, end.as_ref().map_or(Some(start), instant)?))
        })
        .unzip();
    Some((starts.into_iter().min()?, ends.into_iter().max()?))
}

/// DTSTAMP: the last decision or vote the record holds, else the assembly's first session,
/// else its first day. Taken from the data rather than the clock so the feed is reproducible.
fn stamp(record: &Record) -> DateTime<Utc> {
    let recorded = record.decisions.iter().flat_map(|d| {
        let closed = d.vote.as_ref().and_then(|v| v.closed_at);
        [Some(d.decided_at), closed].into_iter().flatten()
    });
    recorded
        .max()
        .or_else(|| span(record).map(|(from, _)| from))
        .unwrap_or_else(|| {
            record
                .assembly
                .start_date
                .and_time(NaiveTime::MIN)
                .and_utc()
        })
}

/// The host of an address (`https://host:port/path` gives `host:port`), if it has one.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#'])
        .next()
        .map(|h| h.rsplit('@').next().unwrap_or(h))
        .filter(|h| !h.is_empty())
}

/// What every event of the feed shares.
struct Feed<'a> {
    record: &'a Record,
    clock: Clock,
    stamp: DateTime<Utc>,
    agenda_url: Option<String>,
    /// The host of the site's public address, the right-hand side of every UID.
    host: &'a str,
}

impl Feed<'_> {
    /// By the session's id, which no renumbering, reordering or renaming changes, at the
    /// site's host, so that two associations' feeds in one calendar never share an event.
    fn session_uid(&self, session: &RecordSession) -> String {
        format!("session-{}@{}", session.id, self.host)
    }

    fn item_uid(&self, item: &RecordItem) -> String {
        format!("item-{}@{}", item.id, self.host)
    }

    fn write_session(&self, lines: &mut ContentLines, session: &RecordSession) {
        let Some(start) = instant(&session.start) else {
            return;
        };
        let end = session.end.as_ref().and_then(instant);
        lines.begin("VEVENT");
        lines.text("UID", &self.session_uid(session));
        self.write_common(lines, start, end);
        let summary = format!("{}: {}", self.record.assembly.title, session.title);
        lines.text("SUMMARY", &summary);
        lines.text_list("CATEGORIES", &[session.kind.label()]);
        if !session.items.is_empty() {
            lines.text("DESCRIPTION", &programme(session));
        }
        lines.value("STATUS", &[], self.status(false));
        lines.end("VEVENT");
    }

    fn write_item(&self, lines: &mut ContentLines, session: &RecordSession, item: &RecordItem) {
        let Some(start) = instant(&item.start) else {
            return;
        };
        let end = item.end.as_ref().and_then(instant);
        lines.begin("VEVENT");
        lines.text("UID", &self.item_uid(item));
        self.write_common(lines, start, end);
        lines.text("SUMMARY", &item.title);
        lines.text_list("CATEGORIES", &[item.kind.label()]);
        if let Some(description) = item_description(item) {
            lines.text("DESCRIPTION", &description);
        }
        lines.value(
            "RELATED-TO",
            &[("RELTYPE", "PARENT")],
            &lines::escape_text(&self.session_uid(session)),
        );
        let skipped = item.status == AgendaItemStatus::Skipped;
        lines.value("STATUS", &[], self.status(skipped));
        lines.end("VEVENT");
    }

    /// Times as the record shows them (`crate::times::shown_span`): planned before, actual
    /// after. What is under way has no DTEND yet, so it is an event of its start alone
    /// (RFC 5545 §3.6.1), never a planned start with an actual end.
    fn write_common(
        &self,
        lines: &mut ContentLines,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    ) {
        lines.value("DTSTAMP", &[], &utc_value(self.stamp));
        self.clock.write(lines, "DTSTART", start);
        if let Some(end) = end {
            self.clock.write(lines, "DTEND", end);
        }
        lines.text("LOCATION", &self.record.assembly.venue);
        if let Some(url) = &self.agenda_url {
            lines.value("URL", &[], url);
        }
    }

    /// A cancelled assembly cancels every event; a skipped item cancels its own.
    fn status(&self, skipped: bool) -> &'static str {
        if skipped || self.record.assembly.status == AssemblyStatus::Cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        }
    }
}

/// A session's programme: each item on the venue clock.
fn programme(session: &RecordSession) -> String {
    session
        .items
        .iter()
        .map(|i| format!("{} {}", i.start.local, i.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An item's speakers, one a line, then the outcome the secretariat recorded.
fn item_description(item: &RecordItem) -> Option<String> {
    let mut parts: Vec<String> = item.speakers.iter().map(speaker_line).collect();
    if let Some(outcome) = &item.outcome {
        parts.push(format!("Outcome: {outcome}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// "Governor Lee Cheol-woo (Gyeongsangbuk-do Province), speaker, online". An office before the
/// name, a description after it, as the agenda page names speakers.
fn speaker_line(speaker: &SpeakerView) -> String {
    let who = match (&speaker.name, &speaker.title) {
        (Some(name), Some(title)) if title.starts_with(char::is_uppercase) => {
            format!("{title} {name}")
        }
        (Some(name), Some(title)) if !title.is_empty() => format!("{name}, {title}"),
        (Some(name), _) => name.clone(),
        (None, _) => format!(
            "Representative of {}",
            speaker.on_behalf_of.as_deref().unwrap_or("a member")
        ),
    };
    let of = speaker
        .affiliation
        .as_ref()
        .or(speaker.name.as_ref().and(speaker.on_behalf_of.as_ref()));
    let who = match of {
        Some(of) => format!("{who} ({of})"),
        None => who,
    };
    // The label reads "video message" for a recorded speech, "online" or "in person" otherwise.
    format!("{who}, {}, {}", speaker.role, speaker.delivery.label())
}

#[cfg(test)]
mod tests;
