//! Fresh databases for tests, on SQLite always and on PostgreSQL when a URL is given.
//!
//! `PLENARY_TEST_POSTGRES_URL` names a PostgreSQL server (any database on it); each test gets a
//! new database created there and dropped after it passes. Without the URL the PostgreSQL tests
//! are marked ignored by [`both_engines!`], so they are counted as skipped, never as passed.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::Executor;

use crate::storage::{Db, Pool};

/// The environment variable that turns the PostgreSQL half of the suite on.
pub const POSTGRES_URL_VAR: &str = "PLENARY_TEST_POSTGRES_URL";

/// A PNG of one pixel, for the tests of photo uploads.
pub const ONE_PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A database that lives as long as the test; call [`TestDb::finish`] at the end.
pub struct TestDb {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A migrated SQLite database in a new temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = Db::connect(&crate::storage::sqlite_url(dir.path()))
            .await
            .expect("open SQLite");
        db.migrate().await.expect("migrate SQLite");
        TestDb {
            db,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A migrated, newly created PostgreSQL database on the server of `PLENARY_TEST_POSTGRES_URL`.
    pub async fn postgres() -> TestDb {
        let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
            panic!("{POSTGRES_URL_VAR} is not set: this test needs PostgreSQL")
        });
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "plenary_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        let admin = admin_pool(&admin_url).await;
        admin
            .execute(format!("CREATE DATABASE \"{name}\"").as_str())
            .await
            .expect("create test database");
        admin.close().await;
        let options: PgConnectOptions = admin_url.parse().expect("PostgreSQL URL");
        let db = Db::Postgres(Pool::new(
            PgPoolOptions::new()
                .max_connections(8)
                .connect_with(options.database(&name))
                .await
                .expect("open test database"),
        ));
        db.migrate().await.expect("migrate PostgreSQL");
        TestDb {
            db,
            cleanup: Cleanup::Postgres { admin_url, name },
        }
    }

    /// The URL of this PostgreSQL database, for the server processes a test starts on it (None
    /// on SQLite): the server of `PLENARY_TEST_POSTGRES_URL`, this test's database.
    pub fn postgres_url(&self) -> Option<String> {
        let Cleanup::Postgres { admin_url, name } = &self.cleanup else {
            return None;
        };
        let (base, query) = match admin_url.split_once('?') {
            Some((base, query)) => (base, format!("?{query}")),
            None => (admin_url.as_str(), String::new()),
        };
        let host = base.find("://")? + 3;
        let path = base[host..].find('/').map_or(base.len(), |p| host + p);
        Some(format!("{}/{name}{query}", &base[..path]))
    }

    /// Closes the database and removes it.
    pub async fn finish(self) {
        // A connection still held by a task the test left behind must not hang the suite; the
        // database is dropped WITH (FORCE) below anyway.
        if tokio::time::timeout(std::time::Duration::from_secs(5), self.db.close())
            .await
            .is_err()
        {
            eprintln!("test database still in use after 5 s; dropping it anyway");
        }
        if let Cleanup::Postgres { admin_url, name } = self.cleanup {
            let admin = admin_pool(&admin_url).await;
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await;
            admin.close().await;
        }
    }
}

async fn admin_pool(url: &str) -> sqlx::PgPool {
    PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("connect to the PostgreSQL test server")
}

/// Declares each listed `async fn(Db)` scenario as two tests, `sqlite::NAME` and `postgres::NAME`
/// (the latter ignored unless the suite is run with `--ignored` and a PostgreSQL URL).
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let t = $crate::testing::TestDb::sqlite().await;
                    super::$name(t.db.clone()).await;
                    t.finish().await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
                async fn $name() {
                    let t = $crate::testing::TestDb::postgres().await;
                    super::$name(t.db.clone()).await;
                    t.finish().await;
                }
            )+
        }
    };
}
