//! A database handle's own state: what this process keeps for one database (its writers' queue,
//! its count of changes, the ballot box's queue) lives with the pool that reaches it, made when the
//! database is opened, shared by every clone of its [`Db`](super::Db) and dropped with the last.

use std::any::Any;
use std::fmt;
use std::sync::{Arc, OnceLock};

use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use sqlx::{Database, Describe, Either, Execute, Executor};

use super::{Changes, WriterTurn};

/// One engine's connection pool with the state this process keeps for the database behind it.
/// It derefs to the sqlx pool, and queries run on it as on that pool (it is an [`Executor`]), so
/// `Db::Sqlite(pool)` still gives something to run a query on.
pub struct Pool<DB: Database> {
    pool: sqlx::Pool<DB>,
    state: Arc<DbState>,
}

impl<DB: Database> Pool<DB> {
    /// A handle on the database behind `pool`, with state of its own: made once per database
    /// opened, then cloned.
    pub(crate) fn new(pool: sqlx::Pool<DB>) -> Self {
        Pool {
            pool,
            state: Arc::default(),
        }
    }

    pub(crate) fn state(&self) -> &DbState {
        &self.state
    }
}

impl<DB: Database> Clone for Pool<DB> {
    /// Another handle on the same database, sharing its state.
    fn clone(&self) -> Self {
        Pool {
            pool: self.pool.clone(),
            state: Arc::clone(&self.state),
        }
    }
}

impl<DB: Database> std::ops::Deref for Pool<DB> {
    type Target = sqlx::Pool<DB>;

    fn deref(&self) -> &sqlx::Pool<DB> {
        &self.pool
    }
}

impl<DB: Database> fmt::Debug for Pool<DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("pool", &self.pool)
            .field("state", &self.state)
            .finish()
    }
}

/// Every query goes to the sqlx pool; its other methods (`execute`, `fetch_all` …) are the
/// trait's own defaults over these, as they are for the sqlx pool.
impl<'p, DB: Database> Executor<'p> for &'p Pool<DB>
where
    &'p sqlx::Pool<DB>: Executor<'p, Database = DB>,
{
    type Database = DB;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<DB::QueryResult, DB::Row>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, DB>,
    {
        Executor::fetch_many(&self.pool, query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<DB::Row>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, DB>,
    {
        Executor::fetch_optional(&self.pool, query)
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [DB::TypeInfo],
    ) -> BoxFuture<'e, Result<DB::Statement<'q>, sqlx::Error>>
    where
        'p: 'e,
    {
        Executor::prepare_with(&self.pool, sql, parameters)
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<DB>, sqlx::Error>>
    where
        'p: 'e,
    {
        Executor::describe(&self.pool, sql)
    }
}

/// What this process keeps for one database, for as long as a handle on it is held.
#[derive(Default)]
pub struct DbState {
    /// The queue of this process's write transactions on a SQLite database (unused on
    /// PostgreSQL). SQLite runs one writer at a time and refuses the others, which then sleep in
    /// its busy handler for 1 to 100 ms before trying again, however soon the file is free.
    /// Queued here, each writer starts as soon as the one before it commits. The process opens
    /// its database once, so this is the file's queue; a second pool on the same file would wait
    /// in the busy handler, as another process does.
    writers: Arc<tokio::sync::Mutex<()>>,
    changes: Changes,
    /// The ballot box's queue (`actions::ballot_box`). A slot rather than the queue's own type:
    /// the actions are built on storage, and naming their types here would make the two depend
    /// on each other.
    pub(crate) ballot_box: Slot,
}

impl DbState {
    /// Waits for this process's turn to write to the SQLite file (see `writers`).
    pub(crate) async fn writer_turn(&self) -> WriterTurn {
        Arc::clone(&self.writers).lock_owned().await
    }

    /// The count of this process's committed write transactions on the database.
    pub(crate) fn changes(&self) -> &Changes {
        &self.changes
    }
}

impl fmt::Debug for DbState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbState")
            .field("changes", &self.changes.count())
            .finish_non_exhaustive()
    }
}

/// A place for one value that a layer above storage keeps per database, made on first use.
#[derive(Default)]
pub struct Slot(OnceLock<Arc<dyn Any + Send + Sync>>);

impl Slot {
    /// The value in the slot, made on first use. A slot holds one type; asking one for two
    /// types is a bug, and panics.
    pub fn get<T: Any + Default + Send + Sync>(&self) -> Arc<T> {
        let value = self.0.get_or_init(|| Arc::new(T::default()));
        Arc::clone(value)
            .downcast()
            .expect("a slot holds values of one type")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU64;
    use std::sync::Arc;
    use std::time::Duration;

    use crate::storage::{Db, Engine};
    use crate::testing::TestDb;

    /// Another database on the engine of `db`.
    async fn another(db: &Db) -> TestDb {
        match db.engine() {
            Engine::Sqlite => TestDb::sqlite().await,
            Engine::Postgres => TestDb::postgres().await,
        }
    }

    /// Two databases share nothing: a change to one is not counted for the other, a writer on
    /// one does not wait for the other's, and each keeps its own values.
    async fn two_databases_keep_apart(db: Db) {
        let other = another(&db).await;
        assert!(!std::ptr::eq(db.state(), other.db.state()));
        let (mine, theirs) = (db.changes().count(), other.db.changes().count());
        db.begin().await.unwrap().commit().await.unwrap();
        assert_eq!(db.changes().count(), mine + 1);
        assert_eq!(
            other.db.changes().count(),
            theirs,
            "the other database did not change"
        );

        let writing = db.begin().await.unwrap();
        let other_writer = tokio::time::timeout(Duration::from_secs(5), other.db.begin()).await;
        assert!(
            matches!(other_writer, Ok(Ok(_))),
            "a writer on one database does not queue behind the other's"
        );
        drop((writing, other_writer));

        let kept = |db: &Db| db.state().ballot_box.get::<AtomicU64>();
        assert!(!Arc::ptr_eq(&kept(&db), &kept(&other.db)));
        other.finish().await;
    }

    /// The clones of a handle are one database: a change through any of them is counted for all,
    /// and they keep one state.
    async fn clones_share_one_state(db: Db) {
        let clone = db.clone();
        assert!(std::ptr::eq(db.state(), clone.state()));
        let before = db.changes().count();
        clone.begin().await.unwrap().commit().await.unwrap();
        assert_eq!(db.changes().count(), before + 1);
        assert_eq!(clone.changes().count(), before + 1);

        let kept = |db: &Db| db.state().ballot_box.get::<AtomicU64>();
        assert!(Arc::ptr_eq(&kept(&db), &kept(&clone)));
    }

    crate::both_engines!(two_databases_keep_apart, clones_share_one_state);
}
