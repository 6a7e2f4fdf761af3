//! The rules of accounts that need no database: how long an API token lives and whether it still
//! admits its holder, whether a session still stands, and where a browser may be sent after
//! signing in.

use chrono::{DateTime, Duration, Utc};

use crate::auth::Actor;
use crate::{Error, Problem, Result};

/// Days an API token lives when its creator does not say.
pub const TOKEN_DAYS_DEFAULT: i64 = 90;
/// The longest an API token may live, so that a forgotten token stops working within a year.
pub const TOKEN_DAYS_MAX: i64 = 365;

/// When a token made at `now` to live `days` (the default when not given) expires; `days` is
/// the `expires_in_days` its creator typed or sent.
pub fn token_expiry(now: DateTime<Utc>, days: Option<i64>) -> Result<DateTime<Utc>> {
    let days = days.unwrap_or(TOKEN_DAYS_DEFAULT);
    if !(1..=TOKEN_DAYS_MAX).contains(&days) {
        return Err(Error::invalid(
            "expires_in_days",
            Problem::OutOfRange {
                min: 1,
                max: TOKEN_DAYS_MAX,
            },
        ));
    }
    Ok(now + Duration::days(days))
}

/// Whether a token admits its holder at `now`: not revoked and not expired. A token without an
/// expiry admits no one: every token gets one when it is made (older ones by migration 0006), so
/// a missing one is a damaged row, and a credential fails closed.
pub fn token_admits(
    expires_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    revoked_at.is_none() && expires_at.is_some_and(|at| now < at)
}

/// Whether a session begun at `session_epoch` (none in a session from before epochs) still
/// stands for a user whose epoch is now `current`. The epoch moves when a password is reset or
/// changed and when an account is deactivated, which ends every session begun before.
pub fn session_stands(session_epoch: Option<i64>, current: i64) -> bool {
    session_epoch == Some(current)
}

/// Someone who just proved who they are, and the epoch their new session begins in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub actor: Actor,
    pub session_epoch: i64,
}

/// `next` if it is a path on this site, to send the browser to after signing in; otherwise
/// none. Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/\t/host`, `/\host`
/// and `//host` all lead to another host: only visible ASCII is taken (anything else in a
/// browser's own link is percent-encoded), the first character must be `/` and the second
/// neither `/` nor `\`.
pub fn local_path(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let local = chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    local.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-08-10T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn tokens_live_ninety_days_unless_told_and_at_most_a_year() {
        assert_eq!(
            token_expiry(now(), None).unwrap(),
            now() + Duration::days(90)
        );
        assert_eq!(
            token_expiry(now(), Some(1)).unwrap(),
            now() + Duration::days(1)
        );
        assert_eq!(
            token_expiry(now(), Some(365)).unwrap(),
            now() + Duration::days(365)
        );
        for days in [0, -1, 366, i64::MAX, i64::MIN] {
            let e = token_expiry(now(), Some(days)).unwrap_err();
            assert_eq!(e.field(), Some("expires_in_days"), "{days}");
        }
    }

    #[test]
    fn a_token_admits_until_it_expires_or_is_revoked() {
        let later = now() + Duration::days(1);
        assert!(token_admits(Some(later), None, now()));
        assert!(
            !token_admits(Some(now()), None, now()),
            "expired at that instant"
        );
        assert!(!token_admits(Some(later), Some(now()), now()), "revoked");
        assert!(!token_admits(None, None, now()), "no expiry fails closed");
    }

    #[test]
    fn a_session_stands_only_in_its_users_current_epoch() {
        assert!(session_stands(Some(3), 3));
        assert!(!session_stands(Some(2), 3));
        assert!(!session_stands(None, 0));
    }

    #[test]
    fn only_paths_on_this_site_are_followed() {
        for good in [
            "/manage",
            "/manage/assemblies/14",
            "/",
            "/assemblies/13/live?x=1#a",
        ] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "",
            "manage",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/manage\r\nSet-Cookie: x=1",
            "https://evil.example",
            "javascript:alert(1)",
            " /manage",
            "/manage\\..\\x",
            "/caf\u{e9}",
            "/a b",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
