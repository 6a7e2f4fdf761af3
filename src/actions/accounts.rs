//! Accounts: organizers invite users and reset their passwords, create API tokens, read the audit
//! log; anyone may try to sign in.

use super::{create, log_change};
use crate::auth::{organizer, Actor, Role};
use crate::model::{AuditEntry, AuditFilter, NewUser, User};
use crate::rules;
use crate::secrets::{hash_password, new_password, new_token, token_digest, verify_password};
use crate::storage::*;
use crate::{Error, Problem, Result};

/// Checks the member government a new delegate is bound to.
async fn delegate_fits(tx: &mut Tx, u: &NewUser) -> Result<()> {
    if u.role == Role::Delegate {
        let status = match u.member_id {
            Some(id) => Some(
                get_member(tx, id)
                    .await
                    .map_err(|_| Error::invalid("member_id", Problem::NoSuchMember))?
                    .status,
            ),
            None => None,
        };
        rules::delegate_member(status)?;
    }
    Ok(())
}

/// An organizer invites a user; the answer carries the user and a first password to hand over.
pub async fn invite_user(
    db: &Db,
    actor: Option<&Actor>,
    input: &NewUser,
) -> Result<(User, String)> {
    let actor = organizer(actor)?;
    let password = new_password();
    let hash = hash_password(&password)?;
    let user = create(db, actor, "user", get_user, async |tx: &mut Tx| {
        delegate_fits(tx, input).await?;
        insert_user(tx, input, &hash).await
    })
    .await?;
    Ok((user, password))
}

/// Creates an account from the command line (the first organizer, or demo accounts).
pub async fn add_user_from_cli(db: &Db, input: &NewUser, password: &str) -> Result<User> {
    let hash = hash_password(password)?;
    let mut tx = db.begin().await?;
    delegate_fits(&mut tx, input).await?;
    let id = insert_user(&mut tx, input, &hash).await?;
    let user = get_user(&mut tx, id).await?;
    audit(
        &mut tx,
        "plenary user add",
        "user.create",
        "user",
        Some(id),
        None,
        Some(&serde_json_string(&user)?),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

fn serde_json_string(user: &User) -> Result<String> {
    serde_json::to_string(user).map_err(|_| Error::Internal)
}

/// An organizer gives a user a new password; the answer carries it to hand over.
pub async fn reset_password(
    db: &Db,
    actor: Option<&Actor>,
    user_id: i64,
) -> Result<(User, String)> {
    let actor = organizer(actor)?;
    let password = new_password();
    let hash = hash_password(&password)?;
    let mut tx = db.begin().await?;
    let user = get_user(&mut tx, user_id).await?;
    set_password_hash(&mut tx, user_id, &hash).await?;
    log_change(
        &mut tx,
        actor,
        "user.reset_password",
        "user",
        user_id,
        Some(&user),
        Some(&user),
    )
    .await?;
    tx.commit().await?;
    Ok((user, password))
}

/// An organizer creates an API token for themself; it is returned once and stored as a digest.
pub async fn create_api_token(db: &Db, actor: Option<&Actor>, name: &str) -> Result<String> {
    let actor = organizer(actor)?;
    let token = new_token();
    let mut tx = db.begin().await?;
    let id = insert_token(&mut tx, actor.user_id, name, &token_digest(&token)).await?;
    log_change(
        &mut tx,
        actor,
        "api_token.create",
        "api_token",
        id,
        super::NONE,
        Some(&name),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Checks an e-mail address and password; the signed-in actor, or an error on `password` that
/// does not say which of the two was wrong.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> Result<Actor> {
    let wrong = || Error::invalid("password", Problem::WrongCredentials);
    match credentials(db, email).await? {
        Some((user, hash)) if verify_password(password, &hash) => Ok(Actor {
            user_id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            member_id: user.member_id,
        }),
        Some(_) => Err(wrong()),
        None => {
            // Spend the same time as a real check, so timing does not tell which accounts exist.
            static UNUSED: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                hash_password("no account has this password").unwrap_or_default()
            });
            verify_password(password, &UNUSED);
            Err(wrong())
        }
    }
}

pub async fn browse_audit(
    db: &Db,
    actor: Option<&Actor>,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>> {
    organizer(actor)?;
    list_audit(db, filter).await
}
