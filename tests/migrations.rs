//! The SQLite and PostgreSQL migrations keep the same version numbers, so both engines always
//! have the same schema version.

use std::collections::BTreeSet;
use std::path::Path;

fn versions(engine: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .map(|name| name.split('_').next().unwrap().to_owned())
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_versions() {
    let sqlite = versions("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, versions("postgres"));
}

#[test]
fn both_engines_check_the_same_enum_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let checks = |engine: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(engine).join("0001_domain.sql")).unwrap();
        text.lines()
            .filter(|l| l.contains(" IN ('"))
            .map(|l| l.split("CHECK").nth(1).unwrap_or("").trim().to_owned())
            .collect()
    };
    assert_eq!(checks("sqlite"), checks("postgres"));
}
