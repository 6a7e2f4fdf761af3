//! Writes to the register: the association, countries, member governments, persons, committees
//! and chairmanships. Each takes the caller's transaction, so an action is all or nothing.

use super::{internal, on_tx, unique, Tx};
use crate::model::*;
use crate::{Problem, Result};

/// Records the association (there is one per deployment); a second call updates it.
pub async fn save_association(tx: &mut Tx, a: &NewAssociation) -> Result<()> {
    a.validate()?;
    let a = a.normalized();
    let languages = a.languages.join(",");
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO association (id, name, short_name, secretariat, founded_year, languages, associates_vote, time_zone)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
           secretariat = excluded.secretariat, founded_year = excluded.founded_year,
           languages = excluded.languages, associates_vote = excluded.associates_vote,
           time_zone = excluded.time_zone")
        .bind(&a.name).bind(&a.short_name).bind(&a.secretariat).bind(a.founded_year)
        .bind(&languages).bind(a.associates_vote).bind(&a.time_zone)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(internal)?;
    Ok(())
}

/// The association as recorded.
pub async fn get_association(tx: &mut Tx) -> Result<NewAssociation> {
    find_association(tx)
        .await?
        .ok_or_else(|| crate::Error::not_found("The association"))
}

/// The association, or none on a database where it is not set up yet.
pub async fn find_association(tx: &mut Tx) -> Result<Option<NewAssociation>> {
    type Row = (String, String, String, i64, String, bool, String);
    let row: Option<Row> = on_tx!(tx, c => sqlx::query_as(
        "SELECT name, short_name, secretariat, founded_year, languages, associates_vote, time_zone
         FROM association WHERE id = 1")
        .fetch_optional(c).await)
    .map_err(internal)?;
    Ok(row.map(
        |(name, short_name, secretariat, founded_year, languages, associates_vote, time_zone)| {
            NewAssociation {
                name,
                short_name,
                secretariat,
                founded_year,
                languages: languages
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                associates_vote,
                time_zone,
            }
        },
    ))
}

/// The id of the country with this ISO code, adding it if the register does not have it yet.
pub async fn ensure_country(tx: &mut Tx, country: &NewCountry) -> Result<i64> {
    country.validate()?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO countries (code, name) VALUES ($1, $2)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id")
        .bind(country.code.trim()).bind(country.name.trim())
        .fetch_one(c).await)
    .map_err(internal)
}

/// Adds a member government to the register.
pub async fn insert_member(tx: &mut Tx, m: &NewMember) -> Result<i64> {
    m.validate()?;
    super::name_free(tx, super::Named::Members, "name", &m.name, None).await?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO members (country_id, name, kind, status, ordinal, joined) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(m.country_id).bind(m.name.trim()).bind(m.kind.as_str()).bind(m.status.as_str()).bind(m.ordinal).bind(m.joined)
        .fetch_one(c).await)
    .map_err(unique("name", Problem::MemberExists))
}

/// The id of the member government named `name`, if the register has it.
pub async fn member_id_by_name(tx: &mut Tx, name: &str) -> Result<Option<i64>> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM members WHERE name = $1")
        .bind(name).fetch_optional(c).await)
    .map_err(internal)
}

/// The id of the person with this name and title, adding the person if needed.
pub async fn ensure_person(tx: &mut Tx, p: &NewPerson) -> Result<i64> {
    let name = required("name", &p.name)?;
    let existing: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT id FROM persons WHERE name = $1 AND title = $2")
        .bind(&name).bind(p.title.trim()).fetch_optional(c).await)
    .map_err(internal)?;
    if let Some(id) = existing {
        return Ok(id);
    }
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO persons (name, title, member_id, body) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(&name).bind(p.title.trim()).bind(p.member_id).bind(p.body.as_deref())
        .fetch_one(c).await)
    .map_err(internal)
}

/// The id of the committee with this name, adding it if needed.
pub async fn ensure_committee(tx: &mut Tx, committee: &NewCommittee) -> Result<i64> {
    let name = required("name", &committee.name)?;
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO committees (name, coordinating_member_id) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET coordinating_member_id = excluded.coordinating_member_id
         RETURNING id")
        .bind(&name).bind(committee.coordinating_member_id)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Records who holds the chairmanship for `term`.
pub async fn record_chair(
    tx: &mut Tx,
    term: i64,
    member_id: i64,
    decision_id: Option<i64>,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO chairmanships (term, member_id, decision_id) VALUES ($1, $2, $3)")
        .bind(term).bind(member_id).bind(decision_id)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(unique("term", Problem::TermHasChair))?;
    Ok(())
}

/// The latest term that has a chair, if any.
pub async fn current_chair_term(tx: &mut Tx) -> Result<Option<i64>> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT MAX(term) FROM chairmanships").fetch_one(c).await)
        .map_err(internal)
}

/// Every chairmanship on record, by term.
pub async fn list_chairmanships(tx: &mut Tx) -> Result<Vec<Chairmanship>> {
    let rows: Vec<(i64, i64, i64, Option<i64>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, term, member_id, decision_id FROM chairmanships ORDER BY term")
        .fetch_all(c).await)
    .map_err(internal)?;
    Ok(rows.into_iter().map(chairmanship).collect())
}

/// The chairmanship of `term`, if it has a chair.
pub async fn chairmanship_of_term(tx: &mut Tx, term: i64) -> Result<Option<Chairmanship>> {
    let row: Option<(i64, i64, i64, Option<i64>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, term, member_id, decision_id FROM chairmanships WHERE term = $1")
        .bind(term).fetch_optional(c).await)
    .map_err(internal)?;
    Ok(row.map(chairmanship))
}

fn chairmanship((id, term, member_id, decision_id): (i64, i64, i64, Option<i64>)) -> Chairmanship {
    Chairmanship {
        id,
        term,
        member_id,
        decision_id,
    }
}

/// Changes the chair of a term that has one (the caller checks that no decision made it).
pub async fn change_chair(tx: &mut Tx, term: i64, member_id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE chairmanships SET member_id = $1 WHERE term = $2")
        .bind(member_id).bind(term)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(internal)?;
    Ok(())
}

/// Removes the chair of a term (the caller checks that no decision made it).
pub async fn delete_chair(tx: &mut Tx, term: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM chairmanships WHERE term = $1")
        .bind(term)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(internal)?;
    Ok(())
}

/// Takes member `id`'s ordinal away for the rest of the transaction, so that an import can hand
/// ordinals round among members without two holding one at any moment.
pub async fn release_ordinal(tx: &mut Tx, id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE members SET ordinal = NULL WHERE id = $1")
        .bind(id)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(internal)?;
    Ok(())
}
