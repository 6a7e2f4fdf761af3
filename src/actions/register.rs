//! Keeping the register: countries, member governments, persons, committees.

use super::{change, create, remove};
use crate::auth::{organizer, Actor};
use crate::model::*;
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
    let actor = organizer(actor)?;
    let mut tx = db.begin().await?;
    let before = get_association(&mut tx).await?;
    save_association(&mut tx, input).await?;
    let after = get_association(&mut tx).await?;
    super::log_change(
        &mut tx,
        actor,
        "association.update",
        "association",
        1,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
