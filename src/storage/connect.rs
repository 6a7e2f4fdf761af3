//! Opening the database named by a URL, and running the migrations of its engine.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::{Db, Pool};

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

    /// Brings the schema up to date. Each engine has its own migrations with the same versions.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        let result = match self {
            Db::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(&**pool).await,
            Db::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(&**pool).await,
        };
        result.map_err(|e| ConnectError::Migrate {
            engine: self.engine(),
            reason: e.to_string(),
        })
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
}
