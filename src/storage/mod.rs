//! Storage: one type over concrete sqlx pools for SQLite (the embedded default) and PostgreSQL.
//!
//! The same SQL serves both engines (`$1` placeholders, `RETURNING`, `ON CONFLICT`); the
//! [`on_db!`] and [`on_tx!`] macros run one sqlx expression on whichever engine is behind a
//! [`Db`] or [`Tx`], so each query is written once. `sqlx::Any` is avoided on purpose: it cannot
//! decode dates or SQLite booleans.

mod accounts;
mod attendance;
mod audit;
mod audit_replay;
mod connect;
pub mod document;
mod edit;
mod editor;
mod live;
mod names;
mod outcomes;
mod pages;
mod pool;
mod record;
mod records;
mod references;
mod register;
mod schedule;
mod votes;

pub use accounts::*;
pub use attendance::*;
pub use audit::*;
pub use audit_replay::replay_audit;
pub use connect::{connect, sqlite_url, ConnectError, Engine};
pub use document::{export_document, import_document, AssemblyDocument, DOCUMENT_FORMAT};
pub use edit::*;
pub use editor::*;
pub use live::*;
pub use names::*;
pub use outcomes::*;
pub use pages::*;
pub use pool::Pool;
pub use record::*;
pub use records::*;
pub use references::*;
pub use register::*;
pub use schedule::*;
pub use votes::*;

use sqlx::{Postgres, Sqlite, Transaction};

use self::pool::DbState;
use crate::{Error, Problem, Result};

/// A handle on the database, whichever engine it is: its connection pool and what this process
/// keeps for it (see [`Pool`]). Its clones are handles on the same database; [`connect`] makes a
/// new one.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(Pool<Sqlite>),
    Postgres(Pool<Postgres>),
}

/// One write transaction. Dropping it without [`Tx::commit`] rolls everything back.
#[derive(Debug)]
pub enum Tx {
    /// With this process's turn to write to the file, for a write transaction.
    Sqlite(
        Transaction<'static, Sqlite>,
        Option<WriterTurn>,
        Option<Changes>,
    ),
    Postgres(Transaction<'static, Postgres>, Option<Changes>),
}

/// Runs `$body` with `$conn` bound to the pool behind a [`Db`].
#[macro_export]
macro_rules! on_db {
    ($db:expr, $conn:ident => $body:expr) => {
        match $db {
            $crate::storage::Db::Sqlite($conn) => $body,
            $crate::storage::Db::Postgres($conn) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the connection of a [`Tx`].
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::storage::Tx::Sqlite(t, ..) => {
                let $conn = &mut **t;
                $body
            }
            $crate::storage::Tx::Postgres(t, _) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use {on_db, on_tx};

impl Db {
    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a deferred transaction that reads and then writes fails with SQLITE_BUSY instead of waiting.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => {
                let turn = pool.state().writer_turn().await;
                let tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(internal)?;
                Tx::Sqlite(tx, Some(turn), Some(self.changes()))
            }
            Db::Postgres(pool) => {
                Tx::Postgres(pool.begin().await.map_err(internal)?, Some(self.changes()))
            }
        })
    }

    /// Starts a read-only unit of work: a plain (deferred) transaction, which on SQLite takes no
    /// write lock, so readers never wait for writers.
    pub async fn read(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await.map_err(internal)?, None, None),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await.map_err(internal)?, None),
        })
    }

    /// Runs `read` in a read-only unit of work (see [`Db::read`]).
    pub async fn reading<T>(&self, read: impl AsyncFnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let mut tx = self.read().await?;
        read(&mut tx).await
    }

    /// What this process keeps for the database, one state shared by every clone of this handle.
    pub(crate) fn state(&self) -> &DbState {
        on_db!(self, pool => pool.state())
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Closes every connection (waits for those in use to be returned).
    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// A write transaction's turn to write to its SQLite file (the queue of the database's writers
/// in this process, kept with its handle).
pub type WriterTurn = tokio::sync::OwnedMutexGuard<()>;

impl Tx {
    pub async fn commit(self) -> Result<()> {
        let changes = match self {
            Tx::Sqlite(t, _turn, changes) => t.commit().await.map(|()| changes),
            Tx::Postgres(t, changes) => t.commit().await.map(|()| changes),
        }
        .map_err(internal)?;
        if let Some(changes) = changes {
            changes.0.fetch_add(1, std::sync::atomic::Ordering::Release);
        }
        Ok(())
    }
}

/// Counts the write transactions this process has committed to one database, so that what was
/// read from it before (a rendered page) can be known to be out of date.
#[derive(Debug, Clone, Default)]
pub struct Changes(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Changes {
    pub fn count(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }
}

impl Db {
    /// The count of this process's committed changes to the database (shared by the clones of
    /// this handle).
    pub fn changes(&self) -> Changes {
        self.state().changes().clone()
    }
}

/// Logs a database failure and returns the error a user may see, which says nothing of the cause.
/// Constraint violations are the user's to fix and keep their meaning.
pub fn internal(err: sqlx::Error) -> Error {
    if let Some(db) = err.as_database_error() {
        use sqlx::error::ErrorKind;
        match db.kind() {
            ErrorKind::UniqueViolation => return Error::conflict(None, Problem::AlreadyRecorded),
            ErrorKind::ForeignKeyViolation => {
                return Error::conflict(None, Problem::BrokenReference)
            }
            _ => {}
        }
    }
    tracing::error!(error = %err, "database error");
    Error::Internal
}

/// Turns a unique violation into a conflict on `field` with `problem`; other errors as [`internal`].
pub fn unique(field: &str, problem: Problem) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |err| match internal(err) {
        Error::Conflict { .. } => Error::conflict(Some(field), problem),
        other => other,
    }
}

/// Reads a stored enum name back into its Rust enum. A name the enum does not know means the
/// database and the code disagree, which is an internal error, not the user's.
pub(crate) fn stored<T: std::str::FromStr>(column: &str, value: &str) -> Result<T> {
    value.parse().map_err(|_| {
        tracing::error!(column, value, "unknown value stored in the database");
        Error::Internal
    })
}
