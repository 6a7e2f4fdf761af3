//! Limits on failed sign-ins, so that guessing passwords is slow without locking anyone out.
//!
//! Failures are counted, not attempts, in two leaky buckets: one per client address (see
//! `crate::client`; against
//! spraying one password over many accounts) and one per account at each address (against
//! guessing one account's password). Neither is per account alone, so guesses against an
//! account from one address never stop its owner signing in from another with the right
//! password. Once a bucket is full, every attempt it covers is refused (429) before the password
//! is checked, the right one too, so that the answer tells the guesser nothing; it drains at a
//! steady rate. Each IPv6 client is counted by its /64 prefix, which one host usually holds whole.
//!
//! The buckets are written here rather than taken from `governor` (the limiter before): a
//! governor limiter spends its allowance on every check and cannot look without spending, so it
//! counts attempts rather than failures (and, keyed by account alone, it locked owners out).

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use plenary_core::accounts::SignedIn;
use plenary_core::{actions, Error, Problem};
use serde::Deserialize;

use crate::AppState;

/// Failed sign-ins one address may make at once, and how fast that allowance comes back.
const PER_ADDRESS: Allowance = Allowance {
    burst: 20,
    every: Duration::from_secs(30),
};
/// Failed sign-ins into one account from one address.
const PER_ACCOUNT: Allowance = Allowance {
    burst: 5,
    every: Duration::from_secs(60),
};
/// Buckets kept per kind: drained ones are forgotten when room is needed, and past this many
/// undrained ones a new key goes uncounted rather than memory grow. (Refusing it instead would
/// let whoever holds that many addresses lock everyone out; they can already spread guesses
/// over their addresses.)
const MAX_BUCKETS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Allowance {
    /// Failures allowed in a row.
    burst: u32,
    /// How long one failure takes to drain.
    every: Duration,
}

/// One key's failures: how many are still counted, as of `at`.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    level: f64,
    at: Instant,
}

impl Bucket {
    fn level_at(&self, allowance: Allowance, now: Instant) -> f64 {
        let drained =
            now.saturating_duration_since(self.at).as_secs_f64() / allowance.every.as_secs_f64();
        (self.level - drained).max(0.0)
    }
}

/// Leaky buckets of failures by key, bounded in number.
#[derive(Debug)]
struct Failures<K> {
    allowance: Allowance,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Hash + Eq> Failures<K> {
    fn new(allowance: Allowance) -> Self {
        Failures {
            allowance,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Bucket>> {
        // A panic while holding the lock leaves counts that are still counts.
        self.buckets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether `key` has failed as often as it may, for now.
    fn full(&self, key: &K, now: Instant) -> bool {
        self.lock().get(key).is_some_and(|b| {
            b.level_at(self.allowance, now) + 1.0 > f64::from(self.allowance.burst)
        })
    }

    /// Counts one failure of `key`.
    fn fail(&self, key: K, now: Instant) {
        let mut buckets = self.lock();
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&key) {
            let allowance = self.allowance;
            buckets.retain(|_, b| b.level_at(allowance, now) > 0.0);
            if buckets.len() >= MAX_BUCKETS {
                tracing::warn!("too many addresses failing to sign in; one goes uncounted");
                return;
            }
        }
        let level = buckets
            .get(&key)
            .map_or(0.0, |b| b.level_at(self.allowance, now));
        buckets.insert(
            key,
            Bucket {
                level: level + 1.0,
                at: now,
            },
        );
    }

    /// Forgets the keys whose failures have all drained.
    fn forget_drained(&self, now: Instant) {
        let allowance = self.allowance;
        self.lock().retain(|_, b| b.level_at(allowance, now) > 0.0);
    }
}

/// Whom failures are counted against: an address, with an IPv6 one cut to its /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Address(IpAddr);

impl Address {
    fn of(ip: IpAddr) -> Address {
        Address(match ip {
            IpAddr::V4(_) => ip,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
            },
        })
    }
}

/// The sign-in limits of one server.
#[derive(Debug)]
pub struct SignInLimits {
    by_address: Failures<Address>,
    by_account: Failures<(Address, String)>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            by_address: Failures::new(PER_ADDRESS),
            by_account: Failures::new(PER_ACCOUNT),
        }
    }
}

impl SignInLimits {
    /// Refuses an attempt from `address` at `email` once either bucket is full.
    fn admit(&self, address: Address, email: &str, now: Instant) -> Result<(), Error> {
        if self.by_address.full(&address, now)
            || self.by_account.full(&(address, email.to_owned()), now)
        {
            return Err(Error::TooManyRequests);
        }
        Ok(())
    }

    fn failed(&self, address: Address, email: String, now: Instant) {
        self.by_address.fail(address, now);
        self.by_account.fail((address, email), now);
    }

    /// Forgets what has drained; the server calls this now and then.
    pub fn forget_drained(&self) {
        let now = Instant::now();
        self.by_address.forget_drained(now);
        self.by_account.forget_drained(now);
    }

    /// Runs `check` (a password check of the account `email`) within the limits of `client`:
    /// refused while a bucket is full, and counted when it fails with a wrong password.
    pub async fn guarded<T>(
        &self,
        client: IpAddr,
        email: &str,
        check: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let address = Address::of(client);
        let email = email.trim().to_lowercase();
        self.admit(address, &email, Instant::now())?;
        let result = check.await;
        if let Err(Error::Invalid { problem, .. }) = &result {
            if matches!(problem, Problem::WrongCredentials | Problem::WrongPassword) {
                self.failed(address, email, Instant::now());
            }
        }
        result
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    #[schema(max_length = 200)]
    pub email: String,
    #[schema(max_length = 1000)]
    pub password: String,
}

/// Checks the credentials within the sign-in limits; who signed in on success.
pub async fn check_credentials(
    state: &AppState,
    client: IpAddr,
    c: &Credentials,
) -> Result<SignedIn, Error> {
    state
        .sign_in_limits
        .guarded(
            client,
            &c.email,
            actions::authenticate(&state.db, &c.email, &c.password),
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Address {
        Address::of(s.parse().unwrap())
    }

    #[test]
    fn failures_fill_a_bucket_that_drains() {
        let failures = Failures::new(Allowance {
            burst: 3,
            every: Duration::from_secs(10),
        });
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(!failures.full(&"a", t0));
            failures.fail("a", t0);
        }
        assert!(failures.full(&"a", t0), "three failures fill it");
        assert!(!failures.full(&"b", t0), "another key is not touched");
        assert!(failures.full(&"a", t0 + Duration::from_secs(9)));
        assert!(
            !failures.full(&"a", t0 + Duration::from_secs(10)),
            "one drained"
        );
        failures.forget_drained(t0 + Duration::from_secs(30));
        assert!(failures.lock().is_empty(), "all drained, all forgotten");
    }

    #[test]
    fn an_account_guessed_from_one_address_stays_open_from_another() {
        let limits = SignInLimits::default();
        let now = Instant::now();
        let (attacker, owner) = (ip("203.0.113.9"), ip("198.51.100.7"));
        for _ in 0..PER_ACCOUNT.burst {
            limits.admit(attacker, "chair@near.example", now).unwrap();
            limits.failed(attacker, "chair@near.example".into(), now);
        }
        assert_eq!(
            limits.admit(attacker, "chair@near.example", now),
            Err(Error::TooManyRequests)
        );
        assert!(limits.admit(owner, "chair@near.example", now).is_ok());
        assert!(limits.admit(attacker, "other@near.example", now).is_ok());
    }

    #[test]
    fn spraying_from_one_address_is_stopped() {
        let limits = SignInLimits::default();
        let now = Instant::now();
        let sprayer = ip("203.0.113.9");
        for n in 0..PER_ADDRESS.burst {
            let email = format!("user{n}@near.example");
            limits.admit(sprayer, &email, now).unwrap();
            limits.failed(sprayer, email, now);
        }
        assert_eq!(
            limits.admit(sprayer, "fresh@near.example", now),
            Err(Error::TooManyRequests)
        );
        assert!(limits
            .admit(ip("198.51.100.7"), "fresh@near.example", now)
            .is_ok());
    }

    #[test]
    fn an_ipv6_host_is_counted_by_its_prefix() {
        assert_eq!(ip("2001:db8:1:2::1"), ip("2001:db8:1:2:ffff::9"));
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("::ffff:203.0.113.9"), ip("203.0.113.9"));
    }

    #[test]
    fn the_number_of_buckets_is_bounded() {
        let failures = Failures::new(Allowance {
            burst: 1,
            every: Duration::from_secs(3600),
        });
        let now = Instant::now();
        for key in 0..MAX_BUCKETS {
            failures.fail(key, now);
        }
        failures.fail(MAX_BUCKETS, now);
        assert_eq!(failures.lock().len(), MAX_BUCKETS, "no room: uncounted");
        assert!(!failures.full(&MAX_BUCKETS, now));
        assert!(failures.full(&0, now), "the counted stay counted");
        let later = now + Duration::from_secs(3600);
        failures.fail(MAX_BUCKETS + 1, later);
        assert_eq!(
            failures.lock().len(),
            1,
            "the drained were forgotten to make room"
        );
    }
}
