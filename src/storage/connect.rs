//! Opening the database named by a URL, and running the migrations of its engine.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Connection;

use super::{on_db, Db, Pool};
use crate::model::STORED_SETS;

/// The two engines Plenary runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Why the database could not be opened; each says what and where, in one line.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("database URL `{url}` is not understood: {reason} (expected sqlite://PATH or postgres://USER@HOST:PORT/DB)")]
    BadUrl { url: String, reason: String },
    #[error("cannot create the data directory {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the SQLite database {}: {reason}", path.display())]
    Sqlite { path: PathBuf, reason: String },
    #[error("cannot reach PostgreSQL at {target}: {reason}")]
    Postgres { target: String, reason: String },
    #[error("database migration failed on {engine:?}: {reason}")]
    Migrate { engine: Engine, reason: String },
}

/// Opens the database at `url`: `sqlite://PATH` (created on first start) or `postgres://…`.
pub async fn connect(url: &str) -> Result<Db, ConnectError> {
    let bad = |reason: &dyn std::fmt::Display| ConnectError::BadUrl {
        url: redact(url),
        reason: reason.to_string(),
    };
    if url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(url).map_err(|e| bad(&e))?;
        connect_sqlite(options).await
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let options = PgConnectOptions::from_str(url).map_err(|e| bad(&e))?;
        connect_postgres(options).await
    } else {
        Err(bad(&"unknown scheme"))
    }
}

async fn connect_sqlite(options: SqliteConnectOptions) -> Result<Db, ConnectError> {
    let path = options.get_filename().to_path_buf();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| ConnectError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit that answered a ballot or a decision survives power loss, not only a
        // killed process (WAL with NORMAL may lose the last commits then). Ballots are written
        // in groups (actions::ballot_box), so the extra sync is paid once per group.
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|e| ConnectError::Sqlite {
            path: path.clone(),
            reason: root_cause(&e),
        })?;
    Ok(Db::Sqlite(Pool::new(pool)))
}

async fn connect_postgres(options: PgConnectOptions) -> Result<Db, ConnectError> {
    let target = format!(
        "{}:{}/{}",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("")
    );
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|e| ConnectError::Postgres {
            target,
            reason: root_cause(&e),
        })?;
    Ok(Db::Postgres(Pool::new(pool)))
}

impl Db {
    /// Opens the database at `url` (see [`connect`]).
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        connect(url).await
    }

    /// Brings the schema up to date, then fills the lookup table of every closed set of values
    /// from its Rust enum ([`STORED_SETS`]). Each engine has its own migrations with the same
    /// versions.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        let failed = |reason: String| ConnectError::Migrate {
            engine: self.engine(),
            reason,
        };
        match self {
            Db::Sqlite(pool) => migrate_sqlite(pool).await.map_err(failed)?,
            Db::Postgres(pool) => sqlx::migrate!("migrations/postgres")
                .run(&**pool)
                .await
                .map_err(|e| failed(e.to_string()))?,
        }
        self.fill_stored_sets()
            .await
            .map_err(|e| failed(format!("filling the lookup tables: {e}")))
    }

    /// Adds the names the Rust enums have and the lookup tables lack, in one transaction. A
    /// name the enum no longer has stays: rows may still hold it, and removing a value takes a
    /// migration that says what becomes of them.
    async fn fill_stored_sets(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => {
            let mut tx = pool.begin().await?;
            for set in STORED_SETS {
                let sql = format!(
                    "INSERT INTO {} (name) VALUES ($1) ON CONFLICT DO NOTHING",
                    set.table
                );
                for name in (set.names)() {
                    sqlx::query(&sql).bind(name).execute(&mut *tx).await?;
                }
            }
            tx.commit().await
        })
    }
}

/// Runs SQLite's migrations with foreign keys off, on a connection of their own. SQLite cannot
/// change a column's constraints in place, so a migration rebuilds the table (create, copy, drop,
/// rename); with foreign keys on, dropping a table that others refer to would delete their rows
/// (ON DELETE CASCADE) or fail. sqlx runs each SQLite migration in a transaction, where
/// `PRAGMA foreign_keys` does nothing, so it is turned off before the migrator starts, and
/// `PRAGMA foreign_key_check` then proves every reference still holds. The connection is
/// detached from the pool and closed, so it never serves a query with foreign keys off.
async fn migrate_sqlite(pool: &sqlx::SqlitePool) -> Result<(), String> {
    let text = |e: sqlx::Error| e.to_string();
    let mut conn = pool.acquire().await.map_err(text)?.detach();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut conn)
        .await
        .map_err(text)?;
    sqlx::migrate!("migrations/sqlite")
        .run(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    let broken: Vec<(String, Option<i64>, String)> =
        sqlx::query_as(r#"SELECT "table", rowid, parent FROM pragma_foreign_key_check"#)
            .fetch_all(&mut conn)
            .await
            .map_err(text)?;
    conn.close().await.map_err(text)?;
    match broken.first() {
        None => Ok(()),
        Some((table, rowid, parent)) => Err(format!(
            "{} rows refer to rows that do not exist after migrating, the first in {table} \
             (rowid {}) to {parent}",
            broken.len(),
            rowid.map_or("none".to_owned(), |r| r.to_string()),
        )),
    }
}

/// The SQLite URL of the database file in `data_dir`.
pub fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("plenary.sqlite3").display())
}

/// The innermost error message, which is the one that says what actually failed.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_drops_the_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u@h:5432/db"
        );
        assert_eq!(redact("sqlite://data/p.db"), "sqlite://data/p.db");
    }

    #[tokio::test]
    async fn an_unknown_scheme_is_a_bad_url() {
        let err = connect("mysql://localhost/x").await.unwrap_err();
        assert!(err.to_string().contains("not understood"), "{err}");
    }

    /// A name the enum has and its lookup table lacks, as a new value would be, is added at the
    /// next start, with no migration.
    async fn a_start_fills_the_lookup_tables(db: Db) {
        on_db!(&db, pool => sqlx::query("DELETE FROM ballot_choices WHERE name = 'abstain'")
            .execute(pool)
            .await
            .map(drop))
        .unwrap();
        db.migrate().await.unwrap();
        let names: Vec<String> = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT name FROM ballot_choices ORDER BY name"
        )
        .fetch_all(pool)
        .await)
        .unwrap();
        assert_eq!(names, ["abstain", "no", "yes"]);
    }

    crate::both_engines!(a_start_fills_the_lookup_tables);

    /// SQLite migrates with foreign keys off; a reference left broken is a migration error, not
    /// a database that starts.
    #[tokio::test]
    async fn a_broken_reference_stops_the_sqlite_migration() {
        let t = crate::testing::TestDb::sqlite().await;
        let Db::Sqlite(pool) = &t.db else {
            unreachable!("a SQLite database")
        };
        let mut conn = pool.acquire().await.unwrap().detach();
        for sql in [
            "PRAGMA foreign_keys = OFF",
            "INSERT INTO ballots (id, vote_id, member_id, choice, cast_at)
             VALUES (1, 99, 99, 'yes', '2026-12-08T00:00:00+00:00')",
        ] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
        conn.close().await.unwrap();
        let err = t.db.migrate().await.unwrap_err();
        assert!(
            matches!(err, ConnectError::Migrate { .. }) && err.to_string().contains("ballots"),
            "{err}"
        );
        t.finish().await;
    }
}
