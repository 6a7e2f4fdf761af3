//! The audit log as a tamper-evident chain: every entry carries the hash of the one before it
//! and its own hash over its content, so an edited, removed or reordered entry breaks the chain
//! from that point on, and `plenary audit verify` names the first broken entry.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sha2::{Digest, Sha256};

use super::{internal, on_db, on_tx, Db, Tx};
use crate::model::{AuditEntry, AuditFilter};
use crate::Result;

/// The content of one audit entry, as hashed.
struct Content<'a> {
    at: DateTime<Utc>,
    actor: &'a str,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<i64>,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

/// SHA-256 of the previous hash and the entry's fields, written as a JSON array so that no two
/// different entries share an input.
fn chain_hash(prev: Option<&str>, c: &Content) -> String {
    let input = serde_json::json!([
        prev,
        c.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        c.actor,
        c.action,
        c.entity,
        c.entity_id,
        c.before,
        c.after
    ]);
    format!("{:x}", Sha256::digest(input.to_string().as_bytes()))
}

/// Appends an entry to the audit log: who did what to which thing, with its state before and
/// after, chained to the entry before it.
pub async fn audit(
    tx: &mut Tx,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    // Entries are chained in id order, so two transactions must not both read the same last
    // hash. SQLite's write transactions are already serial; PostgreSQL needs the table lock
    // (held until commit; other writers of the log wait, readers do not).
    if let Tx::Postgres(t, _) = tx {
        sqlx::query("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **t)
            .await
            .map_err(internal)?;
    }
    let prev: Option<String> =
        on_tx!(tx, c => sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_optional(c).await)
        .map_err(internal)?
        .flatten();
    // The database keeps microseconds; hash what will be read back.
    let at = Utc::now().trunc_subsecs(6);
    let content = Content {
        at,
        actor,
        action,
        entity,
        entity_id,
        before,
        after,
    };
    let hash = chain_hash(prev.as_deref(), &content);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before_state, after_state, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(at).bind(actor).bind(action).bind(entity).bind(entity_id).bind(before).bind(after)
        .bind(&prev).bind(&hash)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(internal)?;
    Ok(())
}

/// What checking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// Entries checked.
    pub entries: i64,
    /// The first entry that does not follow from the one before it, and why.
    pub first_broken: Option<(i64, &'static str)>,
}

/// An audit entry as stored: the one row type for browsing the log and for checking its chain.
#[derive(sqlx::FromRow)]
struct Entry {
    id: i64,
    at: DateTime<Utc>,
    actor: String,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    before_state: Option<String>,
    after_state: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

const ENTRY: &str = "SELECT id, at, actor, action, entity, entity_id, before_state, after_state,
    prev_hash, hash FROM audit_log";

impl From<Entry> for AuditEntry {
    fn from(e: Entry) -> Self {
        AuditEntry {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            before: e.before_state,
            after: e.after_state,
        }
    }
}

/// Audit entries matching `filter`, newest first.
pub async fn list_audit(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let like = |v: &Option<String>| format!("%{}%", v.as_deref().unwrap_or("").trim());
    let limit = filter.limit.unwrap_or(200).clamp(1, 1000);
    let sql = format!(
        "{ENTRY} WHERE LOWER(entity) LIKE LOWER($1) AND LOWER(actor) LIKE LOWER($2)
         AND LOWER(action) LIKE LOWER($3) ORDER BY id DESC LIMIT $4"
    );
    let rows: Vec<Entry> = on_db!(db, c => sqlx::query_as(&sql)
        .bind(like(&filter.entity)).bind(like(&filter.actor)).bind(like(&filter.action)).bind(limit)
        .fetch_all(c).await)
    .map_err(internal)?;
    let mut entries: Vec<AuditEntry> = rows.into_iter().map(AuditEntry::from).collect();
    let ballots = |e: &AuditEntry| e.action == crate::replay::actions::BALLOT_CAST;
    if entries.iter().any(ballots) {
        let secret: Vec<i64> = on_db!(db, c => sqlx::query_scalar(
            "SELECT id FROM votes WHERE roll_call = FALSE").fetch_all(c).await)
        .map_err(internal)?;
        for e in entries.iter_mut().filter(|e| ballots(e)) {
            if e.entity_id.is_some_and(|v| secret.contains(&v)) {
                e.after = e.after.as_deref().map(crate::replay::without_choice);
            }
        }
    }
    Ok(entries)
}

/// Entries are read a page at a time, so a long log does not sit in memory at once.
const PAGE: i64 = 5000;

/// Walks the whole audit log in order and recomputes every link of the chain.
pub async fn verify_audit_chain(db: &Db) -> Result<ChainCheck> {
    let mut prev: Option<String> = None;
    let mut after_id = 0_i64;
    let mut entries = 0;
    loop {
        let sql = format!("{ENTRY} WHERE id > $1 ORDER BY id LIMIT $2");
        let page: Vec<Entry> = on_db!(db, c => sqlx::query_as(&sql)
            .bind(after_id).bind(PAGE).fetch_all(c).await)
        .map_err(internal)?;
        let Some(last) = page.last() else { break };
        after_id = last.id;
        for e in &page {
            entries += 1;
            if let Some(reason) = broken_link(prev.as_deref(), e) {
                return Ok(ChainCheck {
                    entries,
                    first_broken: Some((e.id, reason)),
                });
            }
            prev = e.hash.clone();
        }
    }
    Ok(ChainCheck {
        entries,
        first_broken: None,
    })
}

/// Why `e` does not follow from an entry whose hash is `prev`, if it does not.
fn broken_link(prev: Option<&str>, e: &Entry) -> Option<&'static str> {
    if e.prev_hash.as_deref() != prev {
        return Some("it does not point to the entry before it (an entry was removed or inserted)");
    }
    let content = Content {
        at: e.at,
        actor: &e.actor,
        action: &e.action,
        entity: &e.entity,
        entity_id: e.entity_id,
        before: e.before_state.as_deref(),
        after: e.after_state.as_deref(),
    };
    if e.hash.as_deref() != Some(chain_hash(prev, &content).as_str()) {
        return Some("its content does not match its hash (it was edited)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(actor: &str) -> Content<'_> {
        Content {
            at: DateTime::from_timestamp(1_628_553_600, 123_456_000).unwrap(),
            actor,
            action: "ballot.cast",
            entity: "vote",
            entity_id: Some(1),
            before: None,
            after: Some("{\"choice\":\"yes\"}"),
        }
    }

    #[test]
    fn the_hash_covers_the_content_and_the_link() {
        let a = chain_hash(None, &content("delegate"));
        assert_eq!(a.len(), 64);
        assert_eq!(a, chain_hash(None, &content("delegate")), "deterministic");
        assert_ne!(a, chain_hash(None, &content("organizer")));
        assert_ne!(a, chain_hash(Some("00"), &content("delegate")));
    }
}
