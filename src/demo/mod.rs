//! The reference assembly as demo data: the 13th General Assembly of the Association of North East
//! Asia Regional Governments (NEAR), held online from Pohang on 10 August 2021.
//!
//! Facts come from `shared/reference/13th-general-assembly.md`. Where the facts sheet is silent
//! the data set says so: the member list beyond the named regions, the ordinals, which eight
//! members were absent, the numbers of delegates per government, the planned times and minutes,
//! the original 2020 date, and every speaker's delivery except the video message are illustrative.
//!
//! The data set is plain values, one module per part of the association and its assembly
//! (`register`, `assembly`, `agenda`, `attendance`); `load` writes them through storage, one
//! module per part again. `second/` holds a second reference association (JSON and CSV) that only
//! the tests read, by path; nothing here loads it.
//!
//! Loading is idempotent: if assembly 13 exists nothing is written, and everything else is written
//! in one transaction, so a failed load leaves nothing behind.

mod agenda;
mod assembly;
mod attendance;
mod load;
mod register;

use crate::model::AssemblyStatus;
use crate::storage::{assembly_id, audit, set_assembly_status, Db};
use crate::Result;

pub use load::{load_accounts, member_id, DemoAccount};

/// The number of the reference assembly.
pub const NUMBER: i64 = 13;

/// What a call to [`load`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// The data set was written.
    Written,
    /// Assembly 13 was already there; nothing was written.
    AlreadyPresent,
}

/// How far the reference assembly has gone when it is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// As it ended on 10 August 2021: every item held.
    #[default]
    Concluded,
    /// Ready to be run live: the same agenda, nothing held yet.
    Planned,
    /// Just before session 1: the opening ceremony held, both applications awaiting their
    /// votes, so that the decisions can be taken live.
    BeforeVotes,
}

/// Loads the reference assembly, concluded, unless it is already there.
pub async fn load(db: &Db) -> Result<Loaded> {
    load_at(db, Stage::Concluded).await
}

/// Loads the reference assembly at `stage`, unless it is already there.
pub async fn load_at(db: &Db, stage: Stage) -> Result<Loaded> {
    let mut tx = db.begin().await?;
    if assembly_id(&mut tx, NUMBER).await?.is_some() {
        return Ok(Loaded::AlreadyPresent);
    }
    let members = load::load_register(&mut tx).await?;
    let assembly = load::load_assembly(&mut tx, &members, stage).await?;
    if stage == Stage::Concluded {
        load::take_the_reference_votes(&mut tx).await?;
        set_assembly_status(&mut tx, assembly, AssemblyStatus::Concluded).await?;
    }
    audit(
        &mut tx,
        "plenary demo",
        "demo.load",
        "assembly",
        Some(assembly),
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    if stage == Stage::Concluded {
        load::publish_news(db).await?;
    }
    Ok(Loaded::Written)
}
