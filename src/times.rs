//! Times on the venue's clock: session starts given as a venue-local time or as an instant with
//! its offset, postponements that keep each session's wall-clock time across daylight-saving
//! changes, the span a session or item is shown with, and the range of dates Plenary accepts.
//!
//! Two readings of a local time that the clock skips or repeats, chosen once for all of Plenary:
//! - a time the organizer types (`2027-03-28T02:30` in Berlin) that does not exist is refused,
//!   naming the field, because the organizer can type another; a time that exists twice (the
//!   hour repeated when clocks go back) is read as its first occurrence;
//! - a time Plenary computes (a session moved by a postponement onto the day clocks go forward)
//!   is never refused: a skipped local time is read with the UTC offset in force before the
//!   gap, as RFC 5545 §3.3.5 reads such times in calendars (02:30 becomes 03:30), and a repeated
//!   one as its first occurrence.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Error, Problem, Result};

/// The first day Plenary accepts in any date field.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
/// The last day Plenary accepts in any date field.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2199, 12, 31).unwrap();

/// `day`, if it lies between [`FIRST_DAY`] and [`LAST_DAY`]; else an error on `field`.
pub fn day_in_range(field: &str, day: NaiveDate) -> Result<NaiveDate> {
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(out_of_range(field))
    }
}

/// `at`, if its day (in UTC, which is within a day of every venue's) is in range.
pub fn instant_in_range(field: &str, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    day_in_range(field, at.date_naive()).map(|_| at)
}

/// The error for a date outside [`FIRST_DAY`]..=[`LAST_DAY`] on `field`.
pub fn out_of_range(field: &str) -> Error {
    Error::invalid(
        field,
        Problem::DateOutOfRange {
            first: FIRST_DAY,
            last: LAST_DAY,
        },
    )
}

/// A date and time as the API and the forms take it: on the venue's clock, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VenueTime {
    /// A wall-clock time at the venue, `2027-04-10T09:30`, read in the assembly's time zone.
    Local(NaiveDateTime),
    /// An instant with its UTC offset, `2027-04-10T09:30:00+02:00` or `…Z`.
    Instant(DateTime<FixedOffset>),
}

impl VenueTime {
    /// Reads `text` as given in `field`.
    pub fn parse(field: &str, text: &str) -> Result<VenueTime> {
        text.parse()
            .map_err(|_| Error::invalid(field, Problem::VenueTimeFormat))
    }
}

impl From<DateTime<Utc>> for VenueTime {
    fn from(at: DateTime<Utc>) -> Self {
        VenueTime::Instant(at.fixed_offset())
    }
}

impl FromStr for VenueTime {
    type Err = ();

    fn from_str(text: &str) -> std::result::Result<Self, ()> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(VenueTime::Instant(at));
        }
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(VenueTime::Local)
            .ok_or(())
    }
}

impl fmt::Display for VenueTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VenueTime::Local(local) => write!(f, "{}", local.format("%Y-%m-%dT%H:%M:%S")),
            VenueTime::Instant(at) => write!(f, "{}", at.to_rfc3339()),
        }
    }
}

impl Serialize for VenueTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for VenueTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(Problem::VenueTimeFormat.english()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for VenueTime {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A date and time on the venue's clock, `2027-04-10T09:30` (read in the \
                 assembly's time zone), or an instant with its UTC offset, \
                 `2027-04-10T09:30:00+02:00` (RFC 3339).",
            ))
            .examples(["2027-04-10T09:30", "2027-04-10T09:30:00+02:00"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for VenueTime {}

/// When a session or an item is shown to start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    /// None while it is under way: it started, and nobody knows yet when it ends.
    pub end: Option<DateTime<Utc>>,
}

/// The span to show: the planned one (`planned_start` and `planned_minutes`) before anything is
/// held; the actual start and end once both are recorded; the actual start alone while under
/// way. Never a planned start with an actual end, nor an actual start with a planned end. An
/// end recorded without a start, or before its start, is not shown.
pub fn shown_span(
    planned_start: DateTime<Utc>,
    planned_minutes: i64,
    actual_start: Option<DateTime<Utc>>,
    actual_end: Option<DateTime<Utc>>,
) -> Span {
    match (actual_start, actual_end) {
        (None, _) => Span {
            start: planned_start,
            end: Some(planned_start + Duration::minutes(planned_minutes)),
        },
        (Some(start), end) => Span {
            start,
            end: end.filter(|end| *end >= start),
        },
    }
}

/// A session's or an item's actual times, as stored and as corrected afterwards.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualTimes {
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
}

/// Correcting a session's or an item's actual times; both empty means it was not held.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActualTimesInput {
    /// When it actually started.
    #[serde(default)]
    pub actual_start: Option<VenueTime>,
    /// When it actually ended; after its start.
    #[serde(default)]
    pub actual_end: Option<VenueTime>,
}

/// Checks corrected actual times: in range, an end only with a start, and after it.
pub fn actual_times(
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
) -> Result<ActualTimes> {
    let start = start
        .map(|s| instant_in_range("actual_start", s))
        .transpose()?;
    let end = end.map(|e| instant_in_range("actual_end", e)).transpose()?;
    match (start, end) {
        (None, Some(_)) => Err(Error::invalid("actual_start", Problem::EndWithoutStart)),
        (Some(s), Some(e)) if e <= s => {
            Err(Error::invalid("actual_end", Problem::EndNotAfterStart))
        }
        _ => Ok(ActualTimes {
            actual_start: start,
            actual_end: end,
        }),
    }
}

#[cfg(feature = "ssr")]
pub use venue::*;

/// Conversions on the venue's clock (the time-zone database is server-only).
#[cfg(feature = "ssr")]
mod venue {
    use chrono::{Days, LocalResult, NaiveDateTime, Offset, TimeZone};
    use chrono_tz::Tz;

    use super::*;

    impl VenueTime {
        /// The instant meant, a local time read on the clock of `tz`: a time that does not exist
        /// there is refused on `field`, a repeated one is its first occurrence. Out-of-range
        /// days are refused too.
        pub fn resolve(self, field: &str, tz: Tz) -> Result<DateTime<Utc>> {
            let at = match self {
                VenueTime::Instant(at) => at.with_timezone(&Utc),
                VenueTime::Local(local) => {
                    day_in_range(field, local.date())?;
                    tz.from_local_datetime(&local)
                        .earliest()
                        .map(|at| at.with_timezone(&Utc))
                        .ok_or_else(|| Error::invalid(field, Problem::NoSuchLocalTime))?
                }
            };
            instant_in_range(field, at)
        }
    }

    /// The instant a computed venue-local time stands for, never refused: a repeated time is its
    /// first occurrence, a skipped one is read with the offset in force before the gap (which
    /// assumes no other change of offset in the 38 hours before it, true of every zone).
    pub fn on_venue_clock(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
            LocalResult::None => {
                let before = tz
                    .offset_from_utc_datetime(&(local - Duration::days(1)))
                    .fix();
                (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
            }
        }
    }

    /// Where a session starting at `start` goes when its assembly moves by `days`: the same
    /// wall-clock time at the venue, `days` later (or earlier), whatever the offset is then.
    /// `field` is named when the new day is out of range.
    pub fn postponed(
        field: &str,
        start: DateTime<Utc>,
        tz: Tz,
        days: i64,
    ) -> Result<DateTime<Utc>> {
        moved(field, start, tz, tz, days)
    }

    /// Where a session starting at `start` on the clock of `from` goes when it moves by `days`
    /// onto the clock of `to` (a venue's zone corrected, an agenda copied to another venue):
    /// the same wall-clock time, read in `to`.
    pub fn moved(
        field: &str,
        start: DateTime<Utc>,
        from: Tz,
        to: Tz,
        days: i64,
    ) -> Result<DateTime<Utc>> {
        let local = start.with_timezone(&from).naive_local();
        let moved = if days >= 0 {
            local.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            local.checked_sub_days(Days::new(days.unsigned_abs()))
        }
        .ok_or_else(|| out_of_range(field))?;
        day_in_range(field, moved.date())?;
        Ok(on_venue_clock(to, moved))
    }

    /// Checks that actual times fall on the assembly's days on the venue's clock, `first` to
    /// `last`: a start on one of them, an end by the morning after the last (a session may run
    /// past midnight). Refused by field, with the days allowed.
    pub fn on_assembly_days(
        times: &ActualTimes,
        tz: Tz,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<()> {
        let check = |field: &str, at: Option<DateTime<Utc>>, last: NaiveDate| match at {
            Some(at) if !(first..=last).contains(&at.with_timezone(&tz).date_naive()) => Err(
                Error::invalid(field, Problem::DateOutOfRange { first, last }),
            ),
            _ => Ok(()),
        };
        check("actual_start", times.actual_start, last)?;
        check(
            "actual_end",
            times.actual_end,
            last.succ_opt().unwrap_or(last),
        )
    }

    /// The day `days` after `day`, or an error on `field` outside the range.
    pub fn day_after(field: &str, day: NaiveDate, days: i64) -> Result<NaiveDate> {
        let moved = if days >= 0 {
            day.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            day.checked_sub_days(Days::new(days.unsigned_abs()))
        };
        day_in_range(field, moved.ok_or_else(|| out_of_range(field))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn days_are_kept_between_1900_and_2199() {
        let day = |y| NaiveDate::from_ymd_opt(y, 6, 1).unwrap();
        assert!(day_in_range("start_date", day(1900)).is_ok());
        assert!(day_in_range("start_date", LAST_DAY).is_ok());
        assert_eq!(
            day_in_range("start_date", day(20)).unwrap_err().field(),
            Some("start_date")
        );
        let err = day_in_range("to_date", NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
        assert!(matches!(
            err,
            Err(Error::Invalid {
                problem: Problem::DateOutOfRange { .. },
                ..
            })
        ));
        assert!(instant_in_range("actual_end", utc(2200, 1, 1, 0, 0)).is_err());
    }

    #[test]
    fn a_venue_time_is_local_or_an_instant() {
        assert_eq!(
            "2027-04-10T09:30".parse(),
            Ok(VenueTime::Local(local("2027-04-10T09:30")))
        );
        assert_eq!(
            "2027-04-10T09:30:15"
                .parse::<VenueTime>()
                .unwrap()
                .to_string(),
            "2027-04-10T09:30:15"
        );
        let at: VenueTime = "2027-04-10T09:30:00+02:00".parse().unwrap();
        assert_eq!(at, VenueTime::from(utc(2027, 4, 10, 7, 30)));
        assert!(matches!(
            "2027-04-10T09:30:00Z".parse(),
            Ok(VenueTime::Instant(_))
        ));
        assert_eq!(
            VenueTime::parse("planned_start", "next Tuesday")
                .unwrap_err()
                .field(),
            Some("planned_start")
        );
        let json: VenueTime = serde_json::from_str("\"2027-04-10T09:30\"").unwrap();
        assert_eq!(json, VenueTime::Local(local("2027-04-10T09:30")));
        assert_eq!(
            serde_json::to_string(&json).unwrap(),
            "\"2027-04-10T09:30:00\""
        );
        let refused = serde_json::from_str::<VenueTime>("\"10 April\"").unwrap_err();
        assert!(refused.to_string().contains("venue's clock"), "{refused}");
    }

    #[test]
    fn before_anything_is_held_the_planned_span_is_shown() {
        let span = shown_span(utc(2027, 4, 10, 7, 30), 45, None, None);
        assert_eq!(span.start, utc(2027, 4, 10, 7, 30));
        assert_eq!(span.end, Some(utc(2027, 4, 10, 8, 15)));
    }

    #[test]
    fn once_held_the_actual_span_is_shown_never_a_planned_start_with_an_actual_end() {
        let planned = utc(2027, 4, 10, 7, 30);
        let span = shown_span(
            planned,
            45,
            Some(utc(2027, 4, 10, 7, 40)),
            Some(utc(2027, 7, 2, 15, 25)),
        );
        assert_eq!(span.start, utc(2027, 4, 10, 7, 40));
        assert_eq!(span.end, Some(utc(2027, 7, 2, 15, 25)));
        let under_way = shown_span(planned, 45, Some(utc(2027, 4, 10, 7, 40)), None);
        assert_eq!(under_way.start, utc(2027, 4, 10, 7, 40));
        assert_eq!(under_way.end, None, "no end is known while under way");
        let end_only = shown_span(planned, 45, None, Some(utc(2027, 4, 10, 17, 25)));
        assert_eq!(
            (end_only.start, end_only.end),
            (planned, Some(utc(2027, 4, 10, 8, 15))),
            "an end without a start is not paired with the planned start"
        );
        let backwards = shown_span(planned, 45, Some(planned), Some(utc(2027, 4, 10, 7, 0)));
        assert_eq!(backwards.end, None);
    }

    #[test]
    fn corrected_actual_times_end_after_they_start() {
        let start = utc(2027, 4, 10, 7, 30);
        let end = utc(2027, 4, 10, 9, 0);
        assert_eq!(
            actual_times(Some(start), Some(end)).unwrap(),
            ActualTimes {
                actual_start: Some(start),
                actual_end: Some(end)
            }
        );
        assert!(actual_times(Some(start), None).is_ok());
        assert!(actual_times(None, None).is_ok(), "not held after all");
        assert_eq!(
            actual_times(Some(end), Some(start)).unwrap_err().field(),
            Some("actual_end")
        );
        assert_eq!(
            actual_times(Some(start), Some(start)).unwrap_err().field(),
            Some("actual_end")
        );
        assert_eq!(
            actual_times(None, Some(end)).unwrap_err().field(),
            Some("actual_start")
        );
        assert_eq!(
            actual_times(Some(utc(1899, 12, 31, 9, 0)), None)
                .unwrap_err()
                .field(),
            Some("actual_start")
        );
    }

    #[cfg(feature = "ssr")]
    mod on_the_venue_clock {
        use super::*;
        use chrono_tz::Tz;

        const BERLIN: Tz = chrono_tz::Europe::Berlin;
        const SEOUL: Tz = chrono_tz::Asia::Seoul;

        fn wall_clock(at: DateTime<Utc>, tz: Tz) -> String {
            at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
        }

        #[test]
        fn a_postponement_across_the_spring_change_keeps_the_wall_clock_time() {
            // 2027-03-20 is in CET (+01:00); 2027-04-03 in CEST (+02:00), after 2027-03-28.
            let start = utc(2027, 3, 20, 8, 30);
            assert_eq!(wall_clock(start, BERLIN), "2027-03-20T09:30");
            let moved = postponed("to_date", start, BERLIN, 14).unwrap();
            assert_eq!(wall_clock(moved, BERLIN), "2027-04-03T09:30");
            assert_eq!(moved, utc(2027, 4, 3, 7, 30), "one hour earlier in UTC");
        }

        #[test]
        fn a_postponement_across_the_autumn_change_keeps_the_wall_clock_time() {
            // The last Sunday of October 2027 is the 31st: back from +02:00 to +01:00.
            let start = utc(2027, 10, 23, 7, 30);
            let moved = postponed("to_date", start, BERLIN, 14).unwrap();
            assert_eq!(wall_clock(moved, BERLIN), "2027-11-06T09:30");
            assert_eq!(moved, utc(2027, 11, 6, 8, 30));
            let back = postponed("to_date", moved, BERLIN, -14).unwrap();
            assert_eq!(back, start, "and back again");
        }

        #[test]
        fn a_skipped_local_time_is_read_with_the_offset_before_the_gap() {
            // A session at 02:30 moved onto 2027-03-28, when Berlin skips 02:00-03:00.
            let start = utc(2027, 3, 21, 1, 30);
            assert_eq!(wall_clock(start, BERLIN), "2027-03-21T02:30");
            let moved = postponed("to_date", start, BERLIN, 7).unwrap();
            assert_eq!(moved, utc(2027, 3, 28, 1, 30));
            assert_eq!(wall_clock(moved, BERLIN), "2027-03-28T03:30");
            assert_eq!(
                VenueTime::Local(local("2027-03-28T02:30"))
                    .resolve("planned_start", BERLIN)
                    .unwrap_err(),
                Error::invalid("planned_start", Problem::NoSuchLocalTime),
                "a typed time that does not exist is refused"
            );
        }

        #[test]
        fn a_repeated_local_time_is_its_first_occurrence() {
            // Berlin shows 02:30 twice on 2027-10-31: at 00:30 and at 01:30 UTC.
            let start = utc(2027, 10, 24, 0, 30);
            assert_eq!(wall_clock(start, BERLIN), "2027-10-24T02:30");
            let moved = postponed("to_date", start, BERLIN, 7).unwrap();
            assert_eq!(moved, utc(2027, 10, 31, 0, 30));
            assert_eq!(
                VenueTime::Local(local("2027-10-31T02:30"))
                    .resolve("planned_start", BERLIN)
                    .unwrap(),
                utc(2027, 10, 31, 0, 30)
            );
        }

        #[test]
        fn a_zone_without_daylight_saving_moves_by_whole_days() {
            let start = utc(2027, 3, 20, 0, 30);
            assert_eq!(wall_clock(start, SEOUL), "2027-03-20T09:30");
            let moved = postponed("to_date", start, SEOUL, 14).unwrap();
            assert_eq!(moved, start + Duration::days(14));
            assert_eq!(
                VenueTime::Local(local("2027-04-10T09:30"))
                    .resolve("planned_start", SEOUL)
                    .unwrap(),
                utc(2027, 4, 10, 0, 30)
            );
        }

        #[test]
        fn an_instant_is_taken_as_given_whatever_the_zone() {
            let at: VenueTime = "2027-04-10T09:30:00+02:00".parse().unwrap();
            assert_eq!(
                at.resolve("planned_start", SEOUL).unwrap(),
                utc(2027, 4, 10, 7, 30)
            );
            let far: VenueTime = "9999-04-10T09:30:00Z".parse().unwrap();
            assert_eq!(
                far.resolve("planned_start", SEOUL).unwrap_err().field(),
                Some("planned_start")
            );
        }

        #[test]
        fn actual_times_fall_on_the_assembly_days_on_the_venue_clock() {
            let day = |d| NaiveDate::from_ymd_opt(2027, 4, d).unwrap();
            let times = |start, end| ActualTimes {
                actual_start: start,
                actual_end: end,
            };
            // 23:30 in Berlin on the last day is 21:30 UTC; the session ends at 00:30.
            let late = times(Some(utc(2027, 4, 4, 21, 30)), Some(utc(2027, 4, 4, 22, 30)));
            assert!(on_assembly_days(&late, BERLIN, day(3), day(4)).is_ok());
            // 00:30 in Berlin on the 5th is the 4th in UTC: a start after the last day.
            let after = times(Some(utc(2027, 4, 4, 22, 30)), None);
            let e = on_assembly_days(&after, BERLIN, day(3), day(4)).unwrap_err();
            assert_eq!(e.field(), Some("actual_start"));
            let before = times(Some(utc(2027, 4, 3, 7, 0)), Some(utc(2027, 4, 6, 7, 0)));
            let e = on_assembly_days(&before, BERLIN, day(3), day(4)).unwrap_err();
            assert_eq!(e.field(), Some("actual_end"));
            assert!(on_assembly_days(&times(None, None), BERLIN, day(3), day(4)).is_ok());
        }

        #[test]
        fn postponements_past_the_range_are_refused_not_overflowed() {
            let start = utc(2027, 3, 20, 8, 30);
            assert_eq!(
                postponed("to_date", start, BERLIN, i64::MAX)
                    .unwrap_err()
                    .field(),
                Some("to_date")
            );
            assert!(postponed("to_date", start, BERLIN, 3_000_000).is_err());
            let day = NaiveDate::from_ymd_opt(2199, 12, 30).unwrap();
            assert!(day_after("end_date", day, 1).is_ok());
            assert_eq!(
                day_after("end_date", day, 2).unwrap_err().field(),
                Some("end_date")
            );
            assert!(day_after("end_date", day, i64::MIN).is_err());
        }
    }
}
