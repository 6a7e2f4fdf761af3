//! User accounts and API tokens in storage.

use chrono::Utc;

use super::edit::exec;
use super::records::{row, UserRow};
use super::{internal, on_db, on_tx, unique, Db, Tx};
use crate::auth::Actor;
use crate::model::{NewUser, User};
use crate::{Error, Problem, Result};

/// E-mail addresses are compared without case.
pub fn normal_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn insert_user(tx: &mut Tx, u: &NewUser, password_hash: &str) -> Result<i64> {
    u.validate()?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO users (email, name, role, member_id, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(normal_email(&u.email)).bind(u.name.trim()).bind(u.role.as_str()).bind(u.member_id).bind(password_hash).bind(Utc::now())
        .fetch_one(c).await)
    .map_err(unique("email", Problem::EmailTaken))
}

pub async fn set_password_hash(tx: &mut Tx, user_id: i64, hash: &str) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE users SET password_hash = $1 WHERE id = $2",
        hash,
        user_id
    )
    .map_err(internal)?;
    if n == 0 {
        return Err(Error::not_found("User"));
    }
    Ok(())
}

/// The active user with this e-mail address and their password hash.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<(User, String)>> {
    #[derive(sqlx::FromRow)]
    struct Creds {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let found: Option<Creds> = on_db!(db, c => sqlx::query_as(
        "SELECT id, email, name, role, member_id, active, password_hash FROM users WHERE email = $1 AND active = TRUE")
        .bind(normal_email(email)).fetch_optional(c).await)
    .map_err(internal)?;
    found
        .map(|c| Ok((User::try_from(c.user)?, c.password_hash)))
        .transpose()
}

fn actor(user: User) -> Actor {
    Actor {
        user_id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        member_id: user.member_id,
    }
}

/// The actor behind a session's user id, if that account is still active.
pub async fn actor_by_id(db: &Db, user_id: i64) -> Result<Option<Actor>> {
    let mut tx = db.read().await?;
    match row::<UserRow>(&mut tx, "SELECT id, email, name, role, member_id, active FROM users WHERE id = $1 AND active = TRUE", user_id, "User").await {
        Ok(r) => Ok(Some(actor(User::try_from(r)?))),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The actor behind an API token's digest, if the token is not revoked and its user is active.
pub async fn actor_by_token(db: &Db, digest: &str) -> Result<Option<Actor>> {
    let found: Option<UserRow> = on_db!(db, c => sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, u.member_id, u.active FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = TRUE")
        .bind(digest).fetch_optional(c).await)
    .map_err(internal)?;
    found.map(|r| Ok(actor(User::try_from(r)?))).transpose()
}

pub async fn insert_token(tx: &mut Tx, user_id: i64, name: &str, digest: &str) -> Result<i64> {
    let name = crate::model::required("name", name)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(user_id).bind(&name).bind(digest).bind(Utc::now()).fetch_one(c).await)
    .map_err(internal)
}
