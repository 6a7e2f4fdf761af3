//! Keeping the register: the association, countries, member governments, persons, committees,
//! the chairs of earlier terms, and the import of a register from CSV.

use std::collections::HashMap;

use super::{change, create, remove};
use crate::auth::{organizer, Actor};
use crate::model::*;
use crate::register_import;
use crate::rules;
use crate::storage::*;
use crate::{Error, Problem, Result};

pub async fn create_country(db: &Db, actor: Option<&Actor>, input: &NewCountry) -> Result<Country> {
    let actor = organizer(actor)?;
    create(db, actor, "country", get_country, async |tx: &mut Tx| {
        let code = input.code.trim();
        if list_countries(tx).await?.iter().any(|c| c.code == code) {
            return Err(Error::conflict(Some("code"), Problem::CountryCodeExists));
        }
        name_free(tx, Named::Countries, "name", &input.name, None).await?;
        ensure_country(tx, input).await
    })
    .await
}

pub async fn update_country_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewCountry,
) -> Result<Country> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "country",
        "update",
        id,
        get_country,
        async |tx: &mut Tx, _: &Country| update_country(tx, id, input).await,
    )
    .await
}

pub async fn create_member(db: &Db, actor: Option<&Actor>, input: &NewMember) -> Result<Member> {
    let actor = organizer(actor)?;
    create(db, actor, "member", get_member, async |tx: &mut Tx| {
        get_country(tx, input.country_id)
            .await
            .map_err(|_| Error::invalid("country_id", Problem::ChooseCountry))?;
        insert_member(tx, input).await
    })
    .await
}

pub async fn update_member_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewMember,
) -> Result<Member> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "member",
        "update",
        id,
        get_member,
        async |tx: &mut Tx, _: &Member| update_member(tx, id, input).await,
    )
    .await
}

/// Keeps a member government on record but off the register.
pub async fn archive_member(db: &Db, actor: Option<&Actor>, id: i64) -> Result<Member> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "member",
        "archive",
        id,
        get_member,
        async |tx: &mut Tx, m: &Member| {
            let archived = NewMember {
                country_id: m.country_id,
                name: m.name.clone(),
                kind: m.kind,
                status: MemberStatus::Archived,
                ordinal: m.ordinal,
                joined: m.joined,
            };
            update_member(tx, id, &archived).await
        },
    )
    .await
}

/// Deletes a member government that nothing on record depends on; one with ballots or
/// decisions must be archived instead.
pub async fn delete_member_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "member",
        id,
        get_member,
        async |tx: &mut Tx, _: &Member| {
            let (ballots, decisions) = member_record_counts(tx, id).await?;
            rules::member_deletable(ballots, decisions)?;
            delete_member(tx, id).await
        },
    )
    .await
}

pub async fn create_person(db: &Db, actor: Option<&Actor>, input: &NewPerson) -> Result<Person> {
    let actor = organizer(actor)?;
    create(db, actor, "person", get_person, async |tx: &mut Tx| {
        insert_person(tx, input).await
    })
    .await
}

pub async fn update_person_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewPerson,
) -> Result<Person> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "person",
        "update",
        id,
        get_person,
        async |tx: &mut Tx, _: &Person| update_person(tx, id, input).await,
    )
    .await
}

pub async fn delete_person_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "person",
        id,
        get_person,
        async |tx: &mut Tx, _: &Person| delete_person(tx, id).await,
    )
    .await
}

pub async fn create_committee(
    db: &Db,
    actor: Option<&Actor>,
    input: &NewCommittee,
) -> Result<Committee> {
    let actor = organizer(actor)?;
    create(
        db,
        actor,
        "committee",
        get_committee,
        async |tx: &mut Tx| insert_committee(tx, input).await,
    )
    .await
}

pub async fn update_committee_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewCommittee,
) -> Result<Committee> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "committee",
        "update",
        id,
        get_committee,
        async |tx: &mut Tx, _: &Committee| update_committee(tx, id, input).await,
    )
    .await
}

pub async fn delete_committee_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "committee",
        id,
        get_committee,
        async |tx: &mut Tx, _: &Committee| delete_committee(tx, id).await,
    )
    .await
}

/// Changes the association's record and settings (organizers), such as whether associate
/// members vote.
pub async fn update_association(
    db: &Db,
    actor: Option<&Actor>,
    input: &NewAssociation,
) -> Result<NewAssociation> {
    set_association(db, actor, input).await.map(|(a, _)| a)
}

/// Sets up the association on a database that has none (`true`: created), or changes it
/// (organizers). Audited as `association.create` or `association.update`.
pub async fn set_association(
    db: &Db,
    actor: Option<&Actor>,
    input: &NewAssociation,
) -> Result<(NewAssociation, bool)> {
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let before = find_association(&mut tx).await?;
    save_association(&mut tx, input).await?;
    let after = get_association(&mut tx).await?;
    let verb = if before.is_some() { "update" } else { "create" };
    super::log_change(
        &mut tx,
        actor,
        &format!("association.{verb}"),
        "association",
        1,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok((after, before.is_none()))
}

/// The association's earlier history: records the chair of `term` without a decision, or
/// changes such a chair (organizers); `true` when the term had no chair before. A chair an
/// assembly elected changes only by reversing that decision (409).
pub async fn record_earlier_chair(
    db: &Db,
    actor: Option<&Actor>,
    term: i64,
    input: &NewChair,
) -> Result<(Chairmanship, bool)> {
    let actor = organizer(actor)?;
    rules::in_range("term", term, 1, rules::MAX_TERM)?;
    let mut tx = db.begin().await?;
    get_member(&mut tx, input.member_id)
        .await
        .map_err(|_| Error::invalid("member_id", Problem::NoSuchMember))?;
    let before = chairmanship_of_term(&mut tx, term).await?;
    match &before {
        Some(c) if c.decision_id.is_some() => {
            return Err(Error::conflict(Some("term"), Problem::ChairDecided))
        }
        Some(_) => change_chair(&mut tx, term, input.member_id).await?,
        None => record_chair(&mut tx, term, input.member_id, None).await?,
    }
    let after = chairmanship_of_term(&mut tx, term)
        .await?
        .ok_or(Error::Internal)?;
    let verb = if before.is_some() { "update" } else { "create" };
    super::log_change(
        &mut tx,
        actor,
        &format!("chairmanship.{verb}"),
        "chairmanship",
        after.id,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok((after, before.is_none()))
}

/// Removes the chair of an earlier term that no decision made (organizers).
pub async fn remove_earlier_chair(db: &Db, actor: Option<&Actor>, term: i64) -> Result<()> {
    let actor = organizer(actor)?;
    rules::in_range("term", term, 1, rules::MAX_TERM)?;
    let mut tx = db.begin().await?;
    let before = chairmanship_of_term(&mut tx, term)
        .await?
        .ok_or_else(|| Error::not_found(format!("The chair of term {term}")))?;
    if before.decision_id.is_some() {
        return Err(Error::conflict(Some("term"), Problem::ChairDecided));
    }
    delete_chair(&mut tx, term).await?;
    super::log_change(
        &mut tx,
        actor,
        "chairmanship.delete",
        "chairmanship",
        before.id,
        Some(&before),
        super::NONE,
    )
    .await?;
    tx.commit().await
}

/// Imports a register file (see [`crate::register_import`]): adds its new countries, adds or
/// updates its member governments, each change audited, all in one transaction; or, when any
/// cell is refused, stores nothing and names every refused cell.
pub async fn import_register(db: &Db, actor: Option<&Actor>, csv: &str) -> Result<ImportSummary> {
    let actor = organizer(actor)?;
    let rows = register_import::parse_register(csv)?;
    let mut tx = db.begin().await?;
    let members = list_members(&mut tx).await?;
    register_import::clashes(&rows, &members)?;
    let mut countries: HashMap<String, i64> = list_countries(&mut tx)
        .await?
        .into_iter()
        .map(|c| (c.code, c.id))
        .collect();
    // Ordinals handed round among members of the register are let go of first.
    for row in &rows {
        if let Some(m) = register_import::matching_member(row, &members) {
            if m.ordinal.is_some() && m.ordinal != row.ordinal {
                release_ordinal(&mut tx, m.id).await?;
            }
        }
    }
    let mut summary = ImportSummary::default();
    for row in &rows {
        let at_line = |e| register_import::refused_write(row.line, e);
        let country_id = match countries.get(&row.country.code) {
            Some(&id) => id,
            None => {
                // A new code under a name the register already has is the same country twice.
                name_free(
                    &mut tx,
                    Named::Countries,
                    "country_name",
                    &row.country.name,
                    None,
                )
                .await
                .map_err(at_line)?;
                let id = ensure_country(&mut tx, &row.country)
                    .await
                    .map_err(at_line)?;
                let after = get_country(&mut tx, id).await?;
                super::log_change(
                    &mut tx,
                    actor,
                    "country.create",
                    "country",
                    id,
                    super::NONE,
                    Some(&after),
                )
                .await?;
                countries.insert(row.country.code.clone(), id);
                summary.countries_added += 1;
                id
            }
        };
        let input = row.member(country_id);
        match register_import::matching_member(row, &members) {
            Some(m) => {
                let input = NewMember {
                    name: m.name.clone(),
                    ..input
                };
                update_member(&mut tx, m.id, &input)
                    .await
                    .map_err(at_line)?;
                let after = get_member(&mut tx, m.id).await?;
                super::log_change(
                    &mut tx,
                    actor,
                    "member.update",
                    "member",
                    m.id,
                    Some(m),
                    Some(&after),
                )
                .await?;
                summary.members_updated += 1;
            }
            None => {
                let id = insert_member(&mut tx, &input).await.map_err(at_line)?;
                let after = get_member(&mut tx, id).await?;
                super::log_change(
                    &mut tx,
                    actor,
                    "member.create",
                    "member",
                    id,
                    super::NONE,
                    Some(&after),
                )
                .await?;
                summary.members_added += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(summary)
}
