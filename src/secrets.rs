//! Passwords and API tokens: Argon2id hashes for passwords, SHA-256 digests for tokens (which are
//! long and random, so a slow hash adds nothing), random secrets for both, and how guessable a
//! password its user chooses is. Argon2 takes tens of milliseconds of a whole core by design, so
//! requests hash and verify through [`hashed`] and [`verified`], off the threads that serve them.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::distributions::{Alphanumeric, DistString};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{Error, Problem, Result};

/// The shortest password Plenary accepts.
pub const MIN_PASSWORD_LEN: usize = 10;

/// An Argon2id hash (PHC string, with its own salt and parameters) of `password`.
pub fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::invalid(
            "password",
            Problem::PasswordTooShort {
                min: MIN_PASSWORD_LEN,
            },
        ));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            Error::Internal
        })
}

/// Whether `password` matches the stored `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The lowest zxcvbn score (0 to 4) a password chosen by its user must reach: 3 is "safely
/// unguessable" (about 10^10 guesses), where common passwords, names and keyboard patterns fall
/// short whatever their length.
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// Checks a password its user chose, reported on `field`: long enough, and not easy to guess,
/// also from `user_inputs` (their e-mail address and name, which an attacker knows).
pub fn check_chosen_password(field: &str, password: &str, user_inputs: &[&str]) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::invalid(
            field,
            Problem::PasswordTooShort {
                min: MIN_PASSWORD_LEN,
            },
        ));
    }
    if u8::from(zxcvbn::zxcvbn(password, user_inputs).score()) < MIN_PASSWORD_SCORE {
        return Err(Error::invalid(field, Problem::PasswordTooWeak));
    }
    Ok(())
}

/// Permits to hash or verify: half the cores, at least one, so that a burst of sign-ins queues
/// here and leaves the other cores to the pages, instead of taking every core (and, on the
/// request threads as before, every worker: 8 sign-ins at once made another page's median 26
/// times slower).
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new((cores / 2).max(1))
});

/// Runs `work` on a blocking thread once a hashing permit is free.
async fn off_request_threads<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let _permit = HASHING.acquire().await.map_err(|_| Error::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        Error::Internal
    })
}

/// [`hash_password`], off the request threads.
pub async fn hashed(password: &str) -> Result<String> {
    let password = password.to_owned();
    off_request_threads(move || hash_password(&password)).await?
}

/// [`verify_password`], off the request threads. Without a `hash` (no such account) it verifies
/// against a hash of a password no one has, so that the time taken does not tell which accounts
/// exist.
pub async fn verified(password: &str, hash: Option<&str>) -> Result<bool> {
    static NO_ACCOUNT: LazyLock<String> =
        LazyLock::new(|| hash_password("no account has this password").unwrap_or_default());
    let (password, hash) = (password.to_owned(), hash.map(str::to_owned));
    off_request_threads(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            verify_password(&password, &NO_ACCOUNT);
            false
        }
    })
    .await
}

/// A random password to hand to a new or reset account.
pub fn new_password() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 16)
}

/// A new API token; it is shown once and only its digest is stored.
pub fn new_token() -> String {
    format!(
        "plenary_{}",
        Alphanumeric.sample_string(&mut rand::thread_rng(), 40)
    )
}

/// The stored digest of an API token.
pub fn token_digest(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            hash_password("short").unwrap_err().field(),
            Some("password")
        );
    }

    #[test]
    fn chosen_passwords_must_be_hard_to_guess() {
        for weak in ["password1234", "qwertyuiop12", "1234567890", "aaaaaaaaaaaa"] {
            let e = check_chosen_password("new_password", weak, &[]).unwrap_err();
            assert_eq!(e.field(), Some("new_password"), "{weak}");
            assert_eq!(
                e,
                Error::invalid("new_password", Problem::PasswordTooWeak),
                "{weak}"
            );
        }
        assert_eq!(
            check_chosen_password("new_password", "short", &[]).unwrap_err(),
            Error::invalid(
                "new_password",
                Problem::PasswordTooShort {
                    min: MIN_PASSWORD_LEN
                }
            )
        );
        // The user's own name and address count as known to an attacker.
        let inputs = ["hyogo.delegate@example.org", "Hyogo Delegate"];
        assert!(
            check_chosen_password("new_password", "hyogo.delegate@example.org1", &inputs).is_err()
        );
        assert!(
            check_chosen_password("new_password", "violet tractor harbour sings", &inputs).is_ok()
        );
    }

    #[tokio::test]
    async fn hashing_off_the_request_threads_gives_the_same_answers() {
        let hash = hashed("correct horse battery").await.unwrap();
        assert!(verified("correct horse battery", Some(&hash))
            .await
            .unwrap());
        assert!(!verified("wrong horse battery", Some(&hash)).await.unwrap());
        assert!(!verified("correct horse battery", None).await.unwrap());
        assert!(hashed("short").await.is_err());
    }

    #[test]
    fn secrets_are_random_and_tokens_are_stored_as_digests() {
        assert_ne!(new_password(), new_password());
        let token = new_token();
        assert!(token.starts_with("plenary_"));
        assert_eq!(token_digest(&token).len(), 64);
        assert_eq!(token_digest(&token), token_digest(&token));
    }
}
