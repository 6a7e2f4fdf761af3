//! Accounts: organizers invite users, reset their passwords, deactivate and reactivate them,
//! create and revoke API tokens, read the audit log; every user changes their own password;
//! anyone may try to sign in.

use chrono::Utc;

use super::{change, create, log_change};
use crate::accounts::{token_expiry, SignedIn};
use crate::auth::{organizer, signed_in, Actor, Role};
use crate::model::{limits, ApiToken, AuditEntry, AuditFilter, NewUser, User};
use crate::rules;
use crate::secrets::{
    check_chosen_password, hashed, new_password, new_token, token_digest, verified,
};
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
    let hash = hashed(&password).await?;
    let user = create(db, actor, "user", get_user, async |tx: &mut Tx| {
        delegate_fits(tx, input).await?;
        insert_user(tx, input, &hash).await
    })
    .await?;
    Ok((user, password))
}

/// Creates an account from the command line (the first organizer, or demo accounts).
pub async fn add_user_from_cli(db: &Db, input: &NewUser, password: &str) -> Result<User> {
    let hash = hashed(password).await?;
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

/// An organizer gives a user a new password; the answer carries it to hand over. Every session
/// of that user ends (their API tokens stay: revoke those one by one).
pub async fn reset_password(
    db: &Db,
    actor: Option<&Actor>,
    user_id: i64,
) -> Result<(User, String)> {
    let actor = organizer(actor)?;
    let password = new_password();
    let hash = hashed(&password).await?;
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

/// Any signed-in user changes their own password, giving the current one; the new one must be
/// hard to guess. Every other session of theirs ends: the answer is the session epoch the
/// caller's own session moves to.
pub async fn change_own_password(
    db: &Db,
    actor: Option<&Actor>,
    current_password: &str,
    new_password: &str,
) -> Result<i64> {
    let actor = signed_in(actor)?;
    limits::within("current_password", current_password, limits::PASSWORD)?;
    limits::within("new_password", new_password, limits::PASSWORD)?;
    let stored = {
        let mut tx = db.read().await?;
        password_hash(&mut tx, actor.user_id).await?
    };
    if !verified(current_password, Some(&stored)).await? {
        return Err(Error::invalid("current_password", Problem::WrongPassword));
    }
    check_chosen_password("new_password", new_password, &[&actor.email, &actor.name])?;
    let hash = hashed(new_password).await?;
    let mut tx = db.begin().await?;
    let user = get_user(&mut tx, actor.user_id).await?;
    let epoch = set_password_hash(&mut tx, actor.user_id, &hash).await?;
    log_change(
        &mut tx,
        actor,
        "user.change_password",
        "user",
        actor.user_id,
        Some(&user),
        Some(&user),
    )
    .await?;
    tx.commit().await?;
    Ok(epoch)
}

/// An organizer deactivates an account, which ends its sessions and stops its tokens and
/// signing in, or activates it again. Not their own: the last organizer could lock everyone out.
pub async fn set_account_active(
    db: &Db,
    actor: Option<&Actor>,
    user_id: i64,
    active: bool,
) -> Result<User> {
    let actor = organizer(actor)?;
    if actor.user_id == user_id {
        return Err(Error::invalid("active", Problem::OwnAccount));
    }
    let verb = if active { "reactivate" } else { "deactivate" };
    change(
        db,
        actor,
        "user",
        verb,
        user_id,
        get_user,
        async |tx: &mut Tx, _| set_user_active(tx, user_id, active).await,
    )
    .await
}

/// An organizer creates an API token for themself, living `expires_in_days` (90 unless given,
/// at most 365); the token is returned once and stored as a digest.
pub async fn create_api_token(
    db: &Db,
    actor: Option<&Actor>,
    name: &str,
    expires_in_days: Option<i64>,
) -> Result<(ApiToken, String)> {
    let actor = organizer(actor)?;
    let expires_at = token_expiry(Utc::now(), expires_in_days)?;
    let token = new_token();
    let digest = token_digest(&token);
    let record = create(db, actor, "api_token", get_token, async |tx: &mut Tx| {
        insert_token(tx, actor.user_id, name, &digest, expires_at).await
    })
    .await?;
    Ok((record, token))
}

/// An organizer revokes an API token (anyone's): it stops working at once.
pub async fn revoke_api_token(db: &Db, actor: Option<&Actor>, token_id: i64) -> Result<ApiToken> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "api_token",
        "revoke",
        token_id,
        get_token,
        async |tx: &mut Tx, _| revoke_token(tx, token_id, Utc::now()).await,
    )
    .await
}

/// Every API token, for organizers.
pub async fn browse_tokens(db: &Db, actor: Option<&Actor>) -> Result<Vec<ApiToken>> {
    organizer(actor)?;
    let mut tx = db.read().await?;
    list_tokens(&mut tx).await
}

/// Checks an e-mail address and password of an active account: who signed in, or an error on
/// `password` that does not say which of the two was wrong. The hash is checked off the request
/// threads, and as slowly for an address without an account, so that timing does not tell which
/// accounts exist.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> Result<SignedIn> {
    limits::within("email", email, limits::NAME)?;
    limits::within("password", password, limits::PASSWORD)?;
    let found = credentials(db, email).await?;
    let right = verified(password, found.as_ref().map(|c| c.password_hash.as_str())).await?;
    match found {
        Some(c) if right => Ok(SignedIn {
            actor: Actor {
                user_id: c.user.id,
                email: c.user.email,
                name: c.user.name,
                role: c.user.role,
                member_id: c.user.member_id,
            },
            session_epoch: c.session_epoch,
        }),
        _ => Err(Error::invalid("password", Problem::WrongCredentials)),
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
