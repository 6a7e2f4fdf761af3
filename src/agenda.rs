//! Derived agenda times: an item starts when the one before it ends.
//!
//! Only a session's planned start and each item's planned minutes are stored; every other time is
//! computed here, so that moving, lengthening or deleting one item moves all that follow it. Once
//! the meeting runs, the actual start and end of an item replace the planned ones and the items
//! after it follow from there.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// What the schedule needs to know of one agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemTiming {
    pub planned_minutes: i64,
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
}

impl ItemTiming {
    /// An item that has not been held yet.
    pub fn planned(minutes: i64) -> Self {
        ItemTiming {
            planned_minutes: minutes,
            actual_start: None,
            actual_end: None,
        }
    }
}

/// When an item starts and ends, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The slots of a session's items, in order, from the session's start.
pub fn schedule(session_start: DateTime<Utc>, items: &[ItemTiming]) -> Vec<Slot> {
    let mut cursor = session_start;
    items
        .iter()
        .map(|item| {
            let start = item.actual_start.unwrap_or(cursor);
            let end = item
                .actual_end
                .unwrap_or_else(|| start + Duration::minutes(item.planned_minutes));
            cursor = end;
            Slot { start, end }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2021, 8, 10, h, m, 0).unwrap()
    }

    #[test]
    fn each_item_starts_when_the_one_before_it_ends() {
        let items = [5, 10, 15].map(ItemTiming::planned);
        let slots = schedule(at(1, 0), &items);
        assert_eq!(
            slots[0],
            Slot {
                start: at(1, 0),
                end: at(1, 5)
            }
        );
        assert_eq!(
            slots[1],
            Slot {
                start: at(1, 5),
                end: at(1, 15)
            }
        );
        assert_eq!(
            slots[2],
            Slot {
                start: at(1, 15),
                end: at(1, 30)
            }
        );
    }

    #[test]
    fn an_empty_session_has_no_slots() {
        assert!(schedule(at(1, 0), &[]).is_empty());
    }

    #[test]
    fn actual_times_move_the_items_that_follow() {
        let items = [
            ItemTiming {
                planned_minutes: 5,
                actual_start: Some(at(1, 2)),
                actual_end: Some(at(1, 12)),
            },
            ItemTiming::planned(10),
        ];
        let slots = schedule(at(1, 0), &items);
        assert_eq!(
            slots[0],
            Slot {
                start: at(1, 2),
                end: at(1, 12)
            }
        );
        assert_eq!(
            slots[1],
            Slot {
                start: at(1, 12),
                end: at(1, 22)
            }
        );
    }

    #[test]
    fn an_item_under_way_runs_its_planned_length_from_its_actual_start() {
        let items = [ItemTiming {
            planned_minutes: 5,
            actual_start: Some(at(1, 3)),
            actual_end: None,
        }];
        assert_eq!(schedule(at(1, 0), &items)[0].end, at(1, 8));
    }
}

/// Clock times ("HH:MM") of items that follow each other from `start` ("HH:MM"), for showing
/// derived times while an organizer edits planned minutes, before anything is saved. Wraps at
/// midnight; a time-zone change inside a session is not accounted for (the saved agenda is).
pub fn clock_times(start: &str, minutes: &[i64]) -> Option<Vec<String>> {
    let (h, m) = start.split_once(':')?;
    let mut at = h.trim().parse::<i64>().ok()? * 60 + m.trim().parse::<i64>().ok()?;
    Some(
        minutes
            .iter()
            .map(|len| {
                let shown = format!("{:02}:{:02}", at.rem_euclid(1440) / 60, at.rem_euclid(60));
                at += len.max(&0);
                shown
            })
            .collect(),
    )
}

#[cfg(test)]
mod clock_tests {
    use super::clock_times;

    #[test]
    fn clock_times_follow_each_other_and_wrap_at_midnight() {
        assert_eq!(
            clock_times("10:00", &[5, 10, 15]).unwrap(),
            ["10:00", "10:05", "10:15"]
        );
        assert_eq!(clock_times("23:50", &[15, 5]).unwrap(), ["23:50", "00:05"]);
        assert!(clock_times("ten", &[5]).is_none());
    }
}
