//! Passwords and API tokens: Argon2id hashes for passwords, SHA-256 digests for tokens (which are
//! long and random, so a slow hash adds nothing), and random secrets for both.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::distributions::{Alphanumeric, DistString};
use sha2::{Digest, Sha256};

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
    fn secrets_are_random_and_tokens_are_stored_as_digests() {
        assert_ne!(new_password(), new_password());
        let token = new_token();
        assert!(token.starts_with("plenary_"));
        assert_eq!(token_digest(&token).len(), 64);
        assert_eq!(token_digest(&token), token_digest(&token));
    }
}
