//! What organizers (and later delegates) do: each action checks who is acting, validates, makes
//! its change in one transaction, and appends the change to the audit log in that same
//! transaction. The pages' server functions and the JSON API call these and nothing else.

mod accounts;
mod agenda;
mod assemblies;
mod attendance;
mod ballot_box;
mod live;
mod record;
mod register;
mod votes;

pub use accounts::*;
pub use agenda::*;
pub use assemblies::*;
pub use attendance::*;
pub use live::*;
pub use record::*;
pub use register::*;
pub use votes::*;

use serde::Serialize;

use crate::auth::Actor;
use crate::storage::{audit, Db, Tx};
use crate::{Error, Result};

/// Appends the audit entry of a change: who, what, which record, its state before and after.
async fn log_change<B: Serialize, A: Serialize>(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    entity: &str,
    id: i64,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(json).transpose()?;
    let after = after.map(json).transpose()?;
    audit(
        tx,
        &actor.audit_name(),
        action,
        entity,
        Some(id),
        before.as_deref(),
        after.as_deref(),
    )
    .await
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        tracing::error!(error = %e, "could not serialize an audit entry");
        Error::Internal
    })
}

/// Nothing, for the side of an audit entry that has no state (before a creation, after a deletion).
const NONE: Option<&()> = None;

/// Creates a record in one transaction: `insert` writes it and returns its id, `get` reads it back
/// for the answer and the audit log (`ENTITY.create`).
async fn create<T: Serialize>(
    db: &Db,
    actor: &Actor,
    entity: &str,
    get: impl AsyncFn(&mut Tx, i64) -> Result<T>,
    insert: impl AsyncFnOnce(&mut Tx) -> Result<i64>,
) -> Result<T> {
    let mut tx = db.begin().await?;
    let id = insert(&mut tx).await?;
    let after = get(&mut tx, id).await?;
    log_change(
        &mut tx,
        actor,
        &format!("{entity}.create"),
        entity,
        id,
        NONE,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Changes record `id` in one transaction and logs its state before and after (`ENTITY.VERB`).
async fn change<T: Serialize>(
    db: &Db,
    actor: &Actor,
    entity: &str,
    verb: &str,
    id: i64,
    get: impl AsyncFn(&mut Tx, i64) -> Result<T>,
    write: impl AsyncFnOnce(&mut Tx, &T) -> Result<()>,
) -> Result<T> {
    let mut tx = db.begin().await?;
    let before = get(&mut tx, id).await?;
    write(&mut tx, &before).await?;
    let after = get(&mut tx, id).await?;
    log_change(
        &mut tx,
        actor,
        &format!("{entity}.{verb}"),
        entity,
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes record `id` in one transaction and logs what it was (`ENTITY.delete`).
async fn remove<T: Serialize>(
    db: &Db,
    actor: &Actor,
    entity: &str,
    id: i64,
    get: impl AsyncFn(&mut Tx, i64) -> Result<T>,
    delete: impl AsyncFnOnce(&mut Tx, &T) -> Result<()>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let before = get(&mut tx, id).await?;
    delete(&mut tx, &before).await?;
    log_change(
        &mut tx,
        actor,
        &format!("{entity}.delete"),
        entity,
        id,
        Some(&before),
        NONE,
    )
    .await?;
    tx.commit().await
}
