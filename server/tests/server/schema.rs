//! One schema on two engines: every migration is written twice, in SQLite's and in PostgreSQL's
//! dialect, and this is where the two are compared after a fresh migration — tables, columns,
//! nullability, defaults, keys, foreign keys, unique constraints and indexes, triggers, and the
//! values each column allows (a CHECK list, or the names in the lookup table its foreign key
//! refers to) — and where each closed set of values is compared with the Rust enum the code
//! stores in it, so that a value added on one side only fails here rather than in production.
//! The lookup tables are filled from `model::STORED_SETS` when the database is migrated, so after
//! a migration each must hold exactly its enum's names.
//!
//! The comparison needs both engines at once, so it runs with `--ignored` and
//! `PLENARY_TEST_POSTGRES_URL`, like the PostgreSQL half of `both_engines!`; the comparison of
//! SQLite's lists with the Rust enums runs always.

use std::collections::{BTreeMap, BTreeSet};

use plenary_core::model::STORED_SETS;
use plenary_core::storage::Db;
use plenary_core::testing::TestDb;
use sqlx::Row;

/// The columns that store a closed set of values, and the values the code writes to them: the
/// Rust enums' columns as `STORED_SETS` lists them, and the CHECK lists no enum holds. A list or
/// a lookup table in the schema that is not here fails the test, and so does an entry here that
/// the schema does not check.
fn stored_sets() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let mut sets: Vec<_> = STORED_SETS
        .iter()
        .flat_map(|set| {
            set.columns
                .iter()
                .map(move |&(table, column)| (table, column, (set.names)()))
        })
        .collect();
    sets.extend([
        // Not Rust enums: storage::votes writes the method from a bool (`acclamation`), and
        // model::image_type names the image types it recognizes by their signatures.
        ("decisions", "method", vec!["ballot", "acclamation"]),
        (
            "news_attachments",
            "content_type",
            vec!["image/jpeg", "image/png", "image/webp"],
        ),
    ]);
    sets
}

/// What the schema says, one line per fact, in words that are the same on both engines.
type Facts = BTreeSet<String>;

/// The fact that `table.column` allows exactly `values` (in any order).
fn allowed(table: &str, column: &str, values: &[impl AsRef<str>]) -> String {
    let mut values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    values.sort_unstable();
    format!("{table}.{column} allows {}", values.join(" | "))
}

/// The fact that the lookup table `table` holds exactly `names` (in any order).
fn holds(table: &str, names: &[impl AsRef<str>]) -> String {
    let mut names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    names.sort_unstable();
    format!("lookup table {table} holds {}", names.join(" | "))
}

/// Whether a foreign key refers to a lookup table: the only one-column keys to a `name` are those.
fn is_lookup(from: &[String], to: &[String]) -> bool {
    from.len() == 1 && to == ["name"]
}

/// The facts of a foreign key from `table.column` to the lookup table `target`, which holds
/// `names`: the column allows those names, and the table holds them.
fn lookup_facts(table: &str, column: &str, target: &str, names: &[String], facts: &mut Facts) {
    facts.insert(allowed(table, column, names));
    facts.insert(holds(target, names));
}

/// How a column's type is stored by both engines: SQLite's INTEGER is PostgreSQL's BIGINT, or
/// its BOOLEAN when checked `IN (0, 1)`; dates and times are TEXT on SQLite.
fn family_of_postgres(data_type: &str) -> &'static str {
    match data_type {
        "bigint" => "integer",
        "boolean" => "boolean",
        "text" | "date" | "timestamp with time zone" => "text",
        "bytea" => "blob",
        _ => "other",
    }
}

fn family_of_sqlite(declared: &str, boolean: bool) -> &'static str {
    match declared {
        "INTEGER" if boolean => "boolean",
        "INTEGER" => "integer",
        "TEXT" => "text",
        "BLOB" => "blob",
        _ => "other",
    }
}

fn on_delete(action: &str) -> &'static str {
    match action {
        "CASCADE" | "c" => "cascade",
        "SET NULL" | "n" => "set null",
        "SET DEFAULT" | "d" => "set default",
        "RESTRICT" | "r" => "restrict",
        _ => "no action",
    }
}

/// A predicate in a canonical spelling: PostgreSQL adds casts and parentheses that SQLite's
/// stored text does not have.
fn predicate(text: &str) -> String {
    let text = text.replace("::text", "").replace("::bigint", "");
    let text: String = text.chars().filter(|c| *c != '(' && *c != ')').collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A column's default in a canonical spelling: without PostgreSQL's casts, booleans as SQLite
/// stores them.
fn default_value(default: Option<&str>) -> String {
    match default.map(predicate).as_deref() {
        None => "no default".to_owned(),
        Some("false") => "default 0".to_owned(),
        Some("true") => "default 1".to_owned(),
        Some(d) => format!("default {d}"),
    }
}

/// SQL text without its `--` comments (outside string literals): SQLite keeps the comments of a
/// CREATE TABLE in the text it stores.
fn without_comments(sql: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_string = !in_string;
        } else if !in_string && c == '-' && chars.peek() == Some(&'-') {
            for c in chars.by_ref() {
                if c == '\n' {
                    break;
                }
            }
            out.push('\n');
            continue;
        }
        out.push(c);
    }
    out
}

/// The literals of a list: `'a', 'b'` (doubled quotes inside) or numbers `0, 1`.
fn literals(list: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut chars = list.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            let mut value = String::new();
            while let Some(c) = chars.next() {
                if c == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                    } else {
                        break;
                    }
                }
                value.push(c);
            }
            values.push(value);
        } else if c.is_ascii_digit() {
            let mut value = c.to_string();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                value.push(*d);
                chars.next();
            }
            values.push(value);
        }
    }
    values
}

/// The text of each `CHECK (…)` in `sql`, to its closing parenthesis.
fn checks(sql: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = sql;
    while let Some(at) = rest.find("CHECK") {
        let body = rest[at + "CHECK".len()..].trim_start();
        let mut depth = 0;
        let mut in_string = false;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match c {
                '\'' => in_string = !in_string,
                '(' if !in_string => depth += 1,
                ')' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push(body[..end].to_owned());
        rest = &body[end..];
    }
    found
}

/// A CHECK that is a list of values, as (column, values): SQLite's `(kind IN ('a', 'b'))`,
/// PostgreSQL's `((kind = ANY (ARRAY['a'::text, 'b'::text])))`.
fn value_list(check: &str) -> Option<(String, Vec<String>)> {
    let inner = check.trim_start_matches(['(', ' ']);
    let (column, list) = inner
        .split_once(" IN (")
        .or_else(|| inner.split_once(" = ANY (ARRAY["))?;
    let column = column.trim();
    if !column
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    Some((column.to_owned(), literals(list)))
}

/// A list of `0, 1`: SQLite's spelling of a boolean column.
fn is_boolean(values: &[String]) -> bool {
    values == ["0", "1"]
}

async fn sqlite_facts(pool: &sqlx::SqlitePool) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, sql) in &tables {
        facts.insert(format!("table {table}"));
        let mut booleans = BTreeSet::new();
        let mut others = 0;
        for check in checks(&without_comments(sql)) {
            match value_list(&check) {
                Some((column, values)) if is_boolean(&values) => {
                    booleans.insert(column);
                }
                Some((column, values)) => {
                    facts.insert(allowed(table, &column, &values));
                }
                None => others += 1,
            }
        }
        facts.insert(format!("{table} has {others} other CHECKs"));
        sqlite_columns(pool, table, &booleans, &mut facts).await;
        sqlite_foreign_keys(pool, table, &mut facts).await;
        sqlite_indexes(pool, table, &mut facts).await;
    }
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, sql) in triggers {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            for timing in ["BEFORE", "AFTER"] {
                if sql.contains(&format!("{timing} {event} ON")) {
                    facts.insert(format!("{table}: trigger {timing} {event}"));
                }
            }
        }
    }
    facts
}

async fn sqlite_columns(
    pool: &sqlx::SqlitePool,
    table: &str,
    booleans: &BTreeSet<String>,
    facts: &mut Facts,
) {
    let columns: Vec<(String, String, bool, Option<String>, i64)> = sqlx::query_as(
        r#"SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info($1)"#,
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut key: Vec<(i64, String)> = Vec::new();
    for (column, declared, not_null, default, pk) in columns {
        let family = family_of_sqlite(&declared, booleans.contains(&column));
        // A primary key is never NULL on either engine (SQLite's INTEGER PRIMARY KEY is the rowid).
        let null = if not_null || pk > 0 {
            "NOT NULL"
        } else {
            "NULL"
        };
        let default = default_value(default.as_deref());
        facts.insert(format!("{table}.{column} {family} {null} {default}"));
        if pk > 0 {
            key.push((pk, column));
        }
    }
    key.sort();
    let key: Vec<String> = key.into_iter().map(|(_, c)| c).collect();
    facts.insert(format!("{table} primary key ({})", key.join(", ")));
}

async fn sqlite_foreign_keys(pool: &sqlx::SqlitePool, table: &str, facts: &mut Facts) {
    let keys: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        r#"SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq"#,
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut by_id: BTreeMap<i64, (String, Vec<String>, Vec<String>, String)> = BTreeMap::new();
    for (id, target, from, to, action) in keys {
        let key = by_id
            .entry(id)
            .or_insert_with(|| (target, Vec::new(), Vec::new(), action));
        key.1.push(from);
        key.2.push(to.unwrap_or_else(|| "<primary key>".into()));
    }
    for (target, from, to, action) in by_id.into_values() {
        if is_lookup(&from, &to) {
            let names: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM {target}"))
                .fetch_all(pool)
                .await
                .unwrap();
            lookup_facts(table, &from[0], &target, &names, facts);
        }
        facts.insert(format!(
            "{table} ({}) references {target} ({}) on delete {}",
            from.join(", "),
            to.join(", "),
            on_delete(&action)
        ));
    }
}

async fn sqlite_indexes(pool: &sqlx::SqlitePool, table: &str, facts: &mut Facts) {
    let indexes: Vec<(String, bool, String, Option<String>)> = sqlx::query_as(
        r#"SELECT l.name, l."unique", l.origin, m.sql FROM pragma_index_list($1) l
           LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name"#,
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, unique, origin, sql) in indexes {
        if origin == "pk" {
            continue;
        }
        let columns: Vec<(i64, Option<String>)> = sqlx::query_as(
            "SELECT cid, name FROM pragma_index_xinfo($1) WHERE key = 1 ORDER BY seqno",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        let columns: Vec<String> = columns
            .into_iter()
            .map(|(cid, column)| match column {
                Some(column) if cid >= 0 => column,
                _ => "<expression>".to_owned(),
            })
            .collect();
        let filter = sql
            .as_deref()
            .and_then(|sql| sql.split_once(" WHERE "))
            .map(|(_, p)| predicate(p));
        facts.insert(index_fact(
            table,
            (origin == "c").then_some(name.as_str()),
            unique,
            &columns,
            filter.as_deref(),
        ));
    }
}

/// An index in words; `name` for an index created by name (a constraint's index is named
/// differently by each engine).
fn index_fact(
    table: &str,
    name: Option<&str>,
    unique: bool,
    columns: &[String],
    filter: Option<&str>,
) -> String {
    let kind = match (name, unique) {
        (None, _) => "unique constraint".to_owned(),
        (Some(name), true) => format!("unique index {name}"),
        (Some(name), false) => format!("index {name}"),
    };
    let filter = filter.map(|f| format!(" where {f}")).unwrap_or_default();
    format!("{table} {kind} ({}){filter}", columns.join(", "))
}

async fn postgres_facts(pool: &sqlx::PgPool) -> Facts {
    let mut facts = Facts::new();
    let columns: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text,
           c.column_default::text
         FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, data_type, nullable, default) in columns {
        let null = if nullable == "YES" {
            "NULL"
        } else {
            "NOT NULL"
        };
        facts.insert(format!("table {table}"));
        facts.insert(format!(
            "{table}.{column} {} {null} {}",
            family_of_postgres(&data_type),
            default_value(default.as_deref())
        ));
    }
    let tables: Vec<String> = facts
        .iter()
        .filter_map(|f| f.strip_prefix("table ").map(str::to_owned))
        .collect();
    postgres_constraints(pool, &tables, &mut facts).await;
    postgres_indexes(pool, &mut facts).await;
    let triggers: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT event_object_table::text, action_timing::text, event_manipulation::text
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, timing, event) in triggers {
        facts.insert(format!("{table}: trigger {timing} {event}"));
    }
    facts
}

async fn postgres_constraints(pool: &sqlx::PgPool, tables: &[String], facts: &mut Facts) {
    let constraints = sqlx::query(
        "SELECT c.conrelid::regclass::text AS tbl, c.contype::text AS kind,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
           c.confrelid::regclass::text AS target,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS target_cols,
           c.confdeltype::text AS on_delete, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE c.connamespace = 'public'::regnamespace AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut others: BTreeMap<String, usize> = tables.iter().map(|t| (t.clone(), 0)).collect();
    for row in constraints {
        let table: String = row.get("tbl");
        let columns: Vec<String> = row.get("cols");
        match row.get::<String, _>("kind").as_str() {
            "p" => {
                facts.insert(format!("{table} primary key ({})", columns.join(", ")));
            }
            "f" => {
                let target: String = row.get("target");
                let target_columns: Vec<String> = row.get("target_cols");
                if is_lookup(&columns, &target_columns) {
                    let names: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT name FROM {target}"))
                            .fetch_all(pool)
                            .await
                            .unwrap();
                    lookup_facts(&table, &columns[0], &target, &names, facts);
                }
                facts.insert(format!(
                    "{table} ({}) references {target} ({}) on delete {}",
                    columns.join(", "),
                    target_columns.join(", "),
                    on_delete(&row.get::<String, _>("on_delete"))
                ));
            }
            "c" => {
                let def: String = row.get("def");
                match value_list(def.trim_start_matches("CHECK ")) {
                    Some((column, values)) => {
                        facts.insert(allowed(&table, &column, &values));
                    }
                    None => *others.entry(table).or_default() += 1,
                }
            }
            // Unique constraints are compared as the indexes behind them.
            _ => {}
        }
    }
    for (table, n) in others {
        facts.insert(format!("{table} has {n} other CHECKs"));
    }
}

async fn postgres_indexes(pool: &sqlx::PgPool, facts: &mut Facts) {
    let indexes = sqlx::query(
        "SELECT t.relname::text AS tbl, i.relname::text AS name, x.indisunique AS is_unique,
           EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) AS by_constraint,
           ARRAY(SELECT CASE WHEN x.indkey[k] = 0 THEN '<expression>'
                   ELSE (SELECT a.attname::text FROM pg_attribute a
                         WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k]) END
                 FROM generate_subscripts(x.indkey, 1) AS k ORDER BY k) AS cols,
           pg_get_expr(x.indpred, x.indrelid) AS filter
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary
           AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for row in indexes {
        let table: String = row.get("tbl");
        let name: String = row.get("name");
        let by_constraint: bool = row.get("by_constraint");
        let columns: Vec<String> = row.get("cols");
        let filter: Option<String> = row.get("filter");
        facts.insert(index_fact(
            &table,
            (!by_constraint).then_some(name.as_str()),
            row.get("is_unique"),
            &columns,
            filter.as_deref().map(predicate).as_deref(),
        ));
    }
}

async fn facts_of(db: &Db) -> Facts {
    match db {
        Db::Sqlite(pool) => sqlite_facts(pool).await,
        Db::Postgres(pool) => postgres_facts(pool).await,
    }
}

/// The facts `theirs` has and `ours` has not, one per line, for a failure message.
fn missing(ours: &Facts, theirs: &Facts) -> Vec<String> {
    theirs.difference(ours).map(|f| format!("  {f}")).collect()
}

/// Where the value lists and lookup tables of `facts` disagree with [`stored_sets`] and
/// `STORED_SETS`, in words.
fn disagreements_with_the_code(engine: &str, facts: &Facts) -> Vec<String> {
    let expected: Facts = stored_sets()
        .iter()
        .map(|(table, column, values)| allowed(table, column, values))
        .chain(
            STORED_SETS
                .iter()
                .map(|set| holds(set.table, &(set.names)())),
        )
        .collect();
    let found: Facts = facts
        .iter()
        .filter(|f| f.contains(" allows ") || f.starts_with("lookup table "))
        .cloned()
        .collect();
    let mut problems = Vec::new();
    for f in expected.difference(&found) {
        problems.push(format!("{engine} does not check what the code stores: {f}"));
    }
    for f in found.difference(&expected) {
        problems.push(format!("{engine} checks what the code does not store: {f}"));
    }
    problems
}

#[tokio::test]
async fn sqlite_checks_the_values_of_the_rust_enums() {
    let t = TestDb::sqlite().await;
    let facts = facts_of(&t.db).await;
    t.finish().await;
    assert!(
        facts.iter().any(|f| f.starts_with("members.kind allows")),
        "the value lists were read: {facts:#?}"
    );
    let problems = disagreements_with_the_code("SQLite", &facts);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
#[ignore = "PostgreSQL: runs with --ignored when PLENARY_TEST_POSTGRES_URL is set (bin/test does)"]
async fn both_engines_migrate_to_one_schema() {
    let sqlite = TestDb::sqlite().await;
    let postgres = TestDb::postgres().await;
    let (on_sqlite, on_postgres) = (facts_of(&sqlite.db).await, facts_of(&postgres.db).await);
    sqlite.finish().await;
    postgres.finish().await;
    assert!(on_sqlite.len() > 200, "read the schema: {on_sqlite:#?}");

    let mut problems = disagreements_with_the_code("SQLite", &on_sqlite);
    problems.extend(disagreements_with_the_code("PostgreSQL", &on_postgres));
    let only_sqlite = missing(&on_postgres, &on_sqlite);
    let only_postgres = missing(&on_sqlite, &on_postgres);
    if !only_sqlite.is_empty() {
        problems.push(format!("only on SQLite:\n{}", only_sqlite.join("\n")));
    }
    if !only_postgres.is_empty() {
        problems.push(format!("only on PostgreSQL:\n{}", only_postgres.join("\n")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn value_lists_are_read_in_both_spellings() {
    assert_eq!(
        value_list("(kind IN ('member', 'it''s'))"),
        Some(("kind".into(), vec!["member".into(), "it's".into()]))
    );
    assert_eq!(
        value_list("((kind = ANY (ARRAY['member'::text, 'observer'::text])))"),
        Some(("kind".into(), vec!["member".into(), "observer".into()]))
    );
    assert_eq!(
        value_list("(active IN (0, 1))"),
        Some(("active".into(), vec!["0".into(), "1".into()]))
    );
    assert_eq!(value_list("((planned_minutes >= 1))"), None);
    let sql = "a TEXT CHECK (a IN ('x', 'y')), -- not a CHECK (b IN (1))\n n INTEGER CHECK (n BETWEEN 1 AND 2)";
    assert_eq!(
        checks(&without_comments(sql)),
        ["(a IN ('x', 'y'))", "(n BETWEEN 1 AND 2)"]
    );
}
