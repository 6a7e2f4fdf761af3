//! The session store: tower-sessions' sqlx stores, one per engine, behind one type so the
//! session layer does not care which database Plenary runs on.

use async_trait::async_trait;
use plenary_core::storage::Db;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The name of the session cookie (also in the OpenAPI document's security schemes).
pub const SESSION_COOKIE: &str = "plenary_session";

#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    /// The store for `db`, with its table created if needed.
    pub async fn open(db: &Db) -> Result<Store, String> {
        let store = match db {
            Db::Sqlite(pool) => Store::Sqlite(SqliteStore::new(sqlx::SqlitePool::clone(pool))),
            Db::Postgres(pool) => Store::Postgres(PostgresStore::new(sqlx::PgPool::clone(pool))),
        };
        let migrated = match &store {
            Store::Sqlite(s) => s.migrate().await,
            Store::Postgres(s) => s.migrate().await,
        };
        migrated.map_err(|e| format!("cannot create the session table: {e}"))?;
        Ok(store)
    }

    /// Removes expired sessions every hour, for as long as the server runs.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let hourly = tokio::time::Duration::from_secs(3600);
            let result = match store {
                Store::Sqlite(s) => s.continuously_delete_expired(hourly).await,
                Store::Postgres(s) => s.continuously_delete_expired(hourly).await,
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "expired-session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}
