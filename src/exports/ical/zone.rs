//! The VTIMEZONE of the venue's time zone, limited to the span of the assembly: the UTC offset
//! in force when it starts and every change of offset (daylight saving) before it ends, read
//! from the IANA database through chrono-tz.
//!
//! chrono-tz does not list a zone's transitions, so they are found by stepping through the span
//! an hour at a time and narrowing each change down to the second.

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::lines::ContentLines;

/// One STANDARD or DAYLIGHT sub-component: from `onset` (a local time on the clock of
/// `offset_from`) the clocks read UTC + `offset_to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    pub daylight: bool,
    pub onset: NaiveDateTime,
    /// Seconds east of UTC before the onset.
    pub offset_from: i32,
    /// Seconds east of UTC from the onset on.
    pub offset_to: i32,
    /// The zone's abbreviation, when it has a name rather than a number ("KST", "CEST").
    pub name: Option<String>,
}

/// The clock in force at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Clock {
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

fn clock_at(tz: Tz, at: DateTime<Utc>) -> Clock {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    Clock {
        offset: offset.fix().local_minus_utc(),
        daylight: !offset.dst_offset().is_zero(),
        // Zones without a name abbreviate by number ("+09"); TZNAME is left out for them.
        name: offset
            .abbreviation()
            .filter(|a| a.starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(str::to_owned),
    }
}

/// The observances of `tz` from `from` until `until`: the one in force at `from`, then one per
/// change of clock.
pub fn observances(tz: Tz, from: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Observance> {
    let first = clock_at(tz, from);
    let mut list = vec![observance(&first, &first, from)];
    let step = TimeDelta::hours(1);
    let mut at = from;
    let mut clock = first;
    while at < until {
        let next = (at + step).min(until);
        let next_clock = clock_at(tz, next);
        if next_clock != clock {
            let change = change_between(tz, at, next, &clock);
            list.push(observance(&clock, &next_clock, change));
            clock = next_clock;
        }
        at = next;
    }
    list
}

fn observance(before: &Clock, after: &Clock, at: DateTime<Utc>) -> Observance {
    Observance {
        daylight: after.daylight,
        // RFC 5545 §3.6.5: the onset is read on the clock being left.
        onset: (at + TimeDelta::seconds(before.offset.into())).naive_utc(),
        offset_from: before.offset,
        offset_to: after.offset,
        name: after.name.clone(),
    }
}

/// The first second after `early` (on clock `before`) and no later than `late` on another clock.
fn change_between(
    tz: Tz,
    mut early: DateTime<Utc>,
    mut late: DateTime<Utc>,
    before: &Clock,
) -> DateTime<Utc> {
    while late - early > TimeDelta::seconds(1) {
        let middle = early + (late - early) / 2;
        if clock_at(tz, middle) == *before {
            early = middle;
        } else {
            late = middle;
        }
    }
    late
}

/// Writes the VTIMEZONE component named by `tz`.
pub fn write_vtimezone(lines: &mut ContentLines, tz: Tz, observances: &[Observance]) {
    lines.begin("VTIMEZONE");
    lines.text("TZID", tz.name());
    for o in observances {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.begin(kind);
        lines.value("DTSTART", &[], &o.onset.format("%Y%m%dT%H%M%S").to_string());
        lines.value("TZOFFSETFROM", &[], &utc_offset(o.offset_from));
        lines.value("TZOFFSETTO", &[], &utc_offset(o.offset_to));
        if let Some(name) = &o.name {
            lines.text("TZNAME", name);
        }
        lines.end(kind);
    }
    lines.end("VTIMEZONE");
}

/// A UTC-OFFSET value (RFC 5545 §3.3.14): "+0900", "-0330", seconds only when there are some.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (hours, minutes, rest) = (s / 3600, s / 60 % 60, s % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn seoul_has_one_standard_observance() {
        let list = observances(
            chrono_tz::Asia::Seoul,
            utc(2021, 8, 10, 1, 0),
            utc(2021, 8, 10, 3, 0),
        );
        assert_eq!(list.len(), 1);
        let o = &list[0];
        assert!(!o.daylight);
        assert_eq!((o.offset_from, o.offset_to), (9 * 3600, 9 * 3600));
        assert_eq!(o.onset.to_string(), "2021-08-10 10:00:00");
        assert_eq!(o.name.as_deref(), Some("KST"));
    }

    #[test]
    fn the_end_of_summer_time_in_berlin_is_found_to_the_second() {
        let list = observances(
            chrono_tz::Europe::Berlin,
            utc(2024, 10, 26, 8, 0),
            utc(2024, 10, 28, 16, 0),
        );
        assert_eq!(list.len(), 2, "{list:?}");
        assert!(list[0].daylight);
        assert_eq!(list[0].name.as_deref(), Some("CEST"));
        let end_of_summer = &list[1];
        assert!(!end_of_summer.daylight);
        // 01:00 UTC on 27 October, read on the summer clock being left: 03:00.
        assert_eq!(end_of_summer.onset.to_string(), "2024-10-27 03:00:00");
        assert_eq!(end_of_summer.offset_from, 2 * 3600);
        assert_eq!(end_of_summer.offset_to, 3600);
    }

    #[test]
    fn offsets_are_written_in_hours_minutes_and_seconds_if_any() {
        assert_eq!(utc_offset(9 * 3600), "+0900");
        assert_eq!(utc_offset(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(4 * 3600 + 1772), "+042932");
    }
}
