//! User accounts and API tokens in storage.

use chrono::{DateTime, Utc};

use super::edit::{exec, found};
use super::records::{row, rows_of, UserRow};
use super::{internal, on_db, on_tx, unique, Db, Tx};
use crate::accounts::{session_stands, token_admits};
use crate::auth::Actor;
use crate::model::{ApiToken, NewUser, User};
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

/// Stores a new password hash and moves the user's session epoch, which ends every session they
/// have; the new epoch.
pub async fn set_password_hash(tx: &mut Tx, user_id: i64, hash: &str) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2 RETURNING session_epoch")
        .bind(hash).bind(user_id).fetch_optional(c).await)
    .map_err(internal)?
    .ok_or_else(|| Error::not_found("User"))
}

/// Activates or deactivates an account. Either way the session epoch moves: a deactivated
/// user's sessions end, and do not come back when the account is activated again.
pub async fn set_user_active(tx: &mut Tx, user_id: i64, active: bool) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE users SET active = $1, session_epoch = session_epoch + 1 WHERE id = $2",
        active,
        user_id
    )
    .map_err(internal)?;
    found(n, "User")
}

/// The password hash of a user, active or not.
pub async fn password_hash(tx: &mut Tx, user_id: i64) -> Result<String> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id).fetch_optional(c).await)
    .map_err(internal)?
    .ok_or_else(|| Error::not_found("User"))
}

/// What signing in checks against: an active user, their password hash and session epoch.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
    pub session_epoch: i64,
}

/// The active user with this e-mail address, with what signing in checks.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>> {
    #[derive(sqlx::FromRow)]
    struct Creds {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
        session_epoch: i64,
    }
    let found: Option<Creds> = on_db!(db, c => sqlx::query_as(
        "SELECT id, email, name, role, member_id, active, password_hash, session_epoch FROM users WHERE email = $1 AND active = TRUE")
        .bind(normal_email(email)).fetch_optional(c).await)
    .map_err(internal)?;
    found
        .map(|c| {
            Ok(Credentials {
                user: User::try_from(c.user)?,
                password_hash: c.password_hash,
                session_epoch: c.session_epoch,
            })
        })
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

/// The actor behind a session's user id, if that account is still active and the session began
/// in the user's current epoch (see [`session_stands`]).
pub async fn actor_by_session(
    db: &Db,
    user_id: i64,
    session_epoch: Option<i64>,
) -> Result<Option<Actor>> {
    #[derive(sqlx::FromRow)]
    struct Found {
        #[sqlx(flatten)]
        user: UserRow,
        session_epoch: i64,
    }
    let mut tx = db.read().await?;
    match row::<Found>(&mut tx, "SELECT id, email, name, role, member_id, active, session_epoch FROM users WHERE id = $1 AND active = TRUE", user_id, "User").await {
        Ok(f) if session_stands(session_epoch, f.session_epoch) => {
            Ok(Some(actor(User::try_from(f.user)?)))
        }
        Ok(_) | Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The actor behind an API token's digest, if the token admits its holder now (not revoked,
/// not expired) and its user is active.
pub async fn actor_by_token(db: &Db, digest: &str) -> Result<Option<Actor>> {
    #[derive(sqlx::FromRow)]
    struct Found {
        #[sqlx(flatten)]
        user: UserRow,
        expires_at: Option<DateTime<Utc>>,
        revoked_at: Option<DateTime<Utc>>,
    }
    let found: Option<Found> = on_db!(db, c => sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, u.member_id, u.active, t.expires_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND u.active = TRUE")
        .bind(digest).fetch_optional(c).await)
    .map_err(internal)?;
    found
        .filter(|f| token_admits(f.expires_at, f.revoked_at, Utc::now()))
        .map(|f| Ok(actor(User::try_from(f.user)?)))
        .transpose()
}

pub async fn insert_token(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    digest: &str,
    expires_at: DateTime<Utc>,
) -> Result<i64> {
    let name = crate::model::limits::required("name", name, crate::model::limits::NAME)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(user_id).bind(&name).bind(digest).bind(Utc::now()).bind(expires_at).fetch_one(c).await)
    .map_err(internal)
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    user_id: i64,
    user_email: String,
    name: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> Self {
        ApiToken {
            id: r.id,
            user_id: r.user_id,
            user_email: r.user_email,
            name: r.name,
            created_at: r.created_at,
            expires_at: r.expires_at,
            revoked_at: r.revoked_at,
        }
    }
}

const TOKEN: &str = "SELECT t.id, t.user_id, u.email AS user_email, t.name, t.created_at, t.expires_at, t.revoked_at
    FROM api_tokens t JOIN users u ON u.id = t.user_id";

/// Every API token, newest first.
pub async fn list_tokens(tx: &mut Tx) -> Result<Vec<ApiToken>> {
    let rows = rows_of::<TokenRow>(
        tx,
        &format!("{TOKEN} ORDER BY t.created_at DESC, t.id DESC"),
    )
    .await?;
    Ok(rows.into_iter().map(ApiToken::from).collect())
}

pub async fn get_token(tx: &mut Tx, id: i64) -> Result<ApiToken> {
    row::<TokenRow>(tx, &format!("{TOKEN} WHERE t.id = $1"), id, "API token")
        .await
        .map(ApiToken::from)
}

/// Revokes a token from `at` on; a token already revoked keeps its first revocation time.
pub async fn revoke_token(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
        at,
        id
    )
    .map_err(internal)?;
    found(n, "API token")
}
