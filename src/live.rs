//! The live meeting as rules: what the control panel's commands do to the current item, the
//! current speaker and the speaking-time countdown. Storage and the live stream carry out what
//! these functions decide.

mod patch;

pub use patch::{LiveDocument, LivePatch};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::AgendaItemStatus;
use crate::{Error, Problem, Result};

/// What an organizer can do from the control panel.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    StartAssembly,
    EndAssembly,
    StartSession {
        session_id: i64,
    },
    EndSession {
        session_id: i64,
    },
    /// Makes an item the current one (starting it).
    SetItem {
        item_id: i64,
    },
    /// Ends the current item (done) and starts the next pending one.
    NextItem,
    NextSpeaker,
    /// Marks an item done, skipped or deferred.
    MarkItem {
        item_id: i64,
        status: AgendaItemStatus,
    },
    TimerStart,
    TimerPause,
    /// Adds seconds to the countdown (negative takes some away).
    TimerExtend {
        seconds: i64,
    },
    TimerReset,
}

impl Command {
    /// Parses a command from the control panel's form: its name and one argument.
    pub fn from_form(name: &str, arg: &str) -> Result<Command> {
        let number = |field: &str| crate::model::parse_number(field, arg);
        Ok(match name.trim() {
            "start_assembly" => Command::StartAssembly,
            "end_assembly" => Command::EndAssembly,
            "start_session" => Command::StartSession {
                session_id: number("session_id")?,
            },
            "end_session" => Command::EndSession {
                session_id: number("session_id")?,
            },
            "set_item" => Command::SetItem {
                item_id: number("item_id")?,
            },
            "next_item" => Command::NextItem,
            "next_speaker" => Command::NextSpeaker,
            "mark_done" | "mark_skipped" | "mark_deferred" => Command::MarkItem {
                item_id: number("item_id")?,
                status: AgendaItemStatus::parse("status", name.trim_start_matches("mark_"))?,
            },
            "timer_start" => Command::TimerStart,
            "timer_pause" => Command::TimerPause,
            "timer_extend" => Command::TimerExtend {
                seconds: number("seconds")?,
            },
            "timer_reset" => Command::TimerReset,
            other => {
                return Err(Error::invalid(
                    "command",
                    Problem::UnknownCommand {
                        command: other.to_owned(),
                    },
                ))
            }
        })
    }
}

/// The speaking-time countdown. While it runs, what is left is `remaining` minus the time since
/// `since`; so it needs no tick from the server and every screen counts down by itself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    pub allotted: i64,
    pub remaining: i64,
    pub since: Option<DateTime<Utc>>,
    pub running: bool,
}

impl Timer {
    /// A stopped countdown of `seconds`.
    pub fn new(seconds: i64) -> Timer {
        Timer {
            allotted: seconds,
            remaining: seconds,
            since: None,
            running: false,
        }
    }

    /// Seconds left at `now` (negative once the time is over).
    pub fn left(&self, now: DateTime<Utc>) -> i64 {
        match (self.running, self.since) {
            (true, Some(since)) => self.remaining.saturating_sub((now - since).num_seconds()),
            _ => self.remaining,
        }
    }

    pub fn start(self, now: DateTime<Utc>) -> Timer {
        if self.running {
            return self;
        }
        Timer {
            since: Some(now),
            running: true,
            ..self
        }
    }

    pub fn pause(self, now: DateTime<Utc>) -> Timer {
        Timer {
            remaining: self.left(now),
            since: None,
            running: false,
            ..self
        }
    }

    pub fn extend(self, seconds: i64, now: DateTime<Utc>) -> Timer {
        // Saturating: the command is range-checked, but a countdown stored before that was not.
        let left = self.left(now).saturating_add(seconds);
        Timer {
            allotted: self.allotted.saturating_add(seconds).max(0),
            remaining: left,
            since: self.running.then_some(now),
            ..self
        }
    }

    pub fn reset(self) -> Timer {
        Timer::new(self.allotted)
    }
}

/// Each speaker's share of an item's planned minutes, in seconds (the whole item when it has no
/// speakers or one).
pub fn speaking_time(planned_minutes: i64, speakers: usize) -> i64 {
    planned_minutes * 60 / speakers.max(1) as i64
}

/// The item after `current` that is still to be held (pending or deferred), in agenda order;
/// without a current item, the first such item.
pub fn next_item(items: &[(i64, AgendaItemStatus)], current: Option<i64>) -> Option<i64> {
    let open =
        |s: &AgendaItemStatus| matches!(s, AgendaItemStatus::Pending | AgendaItemStatus::Deferred);
    let after = current
        .and_then(|c| items.iter().position(|(id, _)| *id == c))
        .map_or(0, |i| i + 1);
    items[after..]
        .iter()
        .find(|(_, s)| open(s))
        .or_else(|| {
            items[..after.min(items.len())]
                .iter()
                .find(|(id, s)| open(s) && Some(*id) != current)
        })
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use AgendaItemStatus::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2021, 8, 10, 1, 0, 0).unwrap()
    }

    #[test]
    fn a_countdown_cannot_overflow() {
        let timer = Timer::new(300)
            .extend(i64::MAX, t0())
            .extend(i64::MAX, t0());
        assert_eq!((timer.allotted, timer.left(t0())), (i64::MAX, i64::MAX));
        let running = Timer::new(i64::MIN).start(t0());
        assert_eq!(running.left(t0() + Duration::seconds(10)), i64::MIN);
    }

    #[test]
    fn a_running_timer_counts_down_and_a_paused_one_stands_still() {
        let timer = Timer::new(300).start(t0());
        assert_eq!(timer.left(t0() + Duration::seconds(90)), 210);
        let paused = timer.pause(t0() + Duration::seconds(90));
        assert_eq!(paused.left(t0() + Duration::seconds(500)), 210);
        let resumed = paused.start(t0() + Duration::seconds(600));
        assert_eq!(resumed.left(t0() + Duration::seconds(610)), 200);
        assert_eq!(
            resumed.left(t0() + Duration::seconds(900)),
            -90,
            "overtime shows as negative"
        );
    }

    #[test]
    fn extend_and_reset() {
        let timer = Timer::new(300)
            .start(t0())
            .extend(60, t0() + Duration::seconds(100));
        assert_eq!(timer.left(t0() + Duration::seconds(100)), 260);
        assert_eq!(timer.allotted, 360);
        assert!(timer.running);
        let reset = timer.reset();
        assert_eq!((reset.left(t0()), reset.running), (360, false));
        assert_eq!(
            Timer::new(300)
                .start(t0())
                .start(t0() + Duration::seconds(5))
                .since,
            Some(t0()),
            "starting twice changes nothing"
        );
    }

    #[test]
    fn speakers_share_the_planned_minutes() {
        assert_eq!(speaking_time(10, 0), 600);
        assert_eq!(speaking_time(10, 2), 300);
    }

    #[test]
    fn the_next_item_is_the_next_one_still_to_be_held() {
        let items = [
            (1, Done),
            (2, Current),
            (3, Skipped),
            (4, Pending),
            (5, Deferred),
        ];
        assert_eq!(next_item(&items, Some(2)), Some(4));
        assert_eq!(next_item(&items, Some(4)), Some(5));
        assert_eq!(
            next_item(&[(1, Done), (2, Deferred), (3, Current)], Some(3)),
            Some(2),
            "deferred items come back at the end"
        );
        assert_eq!(next_item(&items, None), Some(4));
        assert_eq!(next_item(&[(1, Done), (2, Current)], Some(2)), None);
    }

    #[test]
    fn commands_come_from_forms() {
        assert_eq!(
            Command::from_form("next_item", "").unwrap(),
            Command::NextItem
        );
        assert_eq!(
            Command::from_form("mark_skipped", "7").unwrap(),
            Command::MarkItem {
                item_id: 7,
                status: Skipped
            }
        );
        assert_eq!(
            Command::from_form("timer_extend", "60").unwrap(),
            Command::TimerExtend { seconds: 60 }
        );
        assert_eq!(
            Command::from_form("set_item", "x").unwrap_err().field(),
            Some("item_id")
        );
        assert_eq!(
            Command::from_form("dance", "").unwrap_err().field(),
            Some("command")
        );
    }
}
