//! Writes the register: the association, its countries and members, its committees and the
//! chair of the 13th term. What is there already is kept, so that the register survives a
//! reload.

use std::collections::HashMap;

use crate::model::{MemberKind, MemberStatus, NewCommittee, NewCountry, NewMember};
use crate::storage::{
    ensure_committee, ensure_country, insert_member, internal, member_id_by_name, on_tx,
    record_chair, save_association, Tx,
};
use crate::{Error, Result};

use crate::demo::register::{
    association, APPLICANT, ASSOCIATE, CHAIR_13, COMMITTEES, COUNTRIES, MEMBERS,
};

/// Member ids by name.
pub struct Members(HashMap<&'static str, i64>);

impl Members {
    pub fn id(&self, name: &str) -> Result<i64> {
        self.0.get(name).copied().ok_or_else(|| {
            tracing::error!(name, "demo data names a member it does not define");
            Error::Internal
        })
    }
}

pub async fn load_register(tx: &mut Tx) -> Result<Members> {
    save_association(tx, &association()).await?;
    let mut countries = HashMap::new();
    for (code, name) in COUNTRIES {
        let id = ensure_country(
            tx,
            &NewCountry {
                code: (*code).into(),
                name: (*name).into(),
            },
        )
        .await?;
        countries.insert(*code, id);
    }
    let mut ids = HashMap::new();
    let entries = MEMBERS
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                *m,
                MemberKind::Member,
                MemberStatus::Active,
                Some(i as i64 + 1),
            )
        })
        .chain([
            (ASSOCIATE, MemberKind::Associate, MemberStatus::Active, None),
            (APPLICANT, MemberKind::Member, MemberStatus::Applicant, None),
        ]);
    for ((code, name), kind, status, ordinal) in entries {
        let id = match member_id_by_name(tx, name).await? {
            Some(id) => id,
            None => {
                let country_id = countries[code];
                insert_member(
                    tx,
                    &NewMember {
                        country_id,
                        name: name.into(),
                        kind,
                        status,
                        ordinal,
                        joined: None,
                    },
                )
                .await?
            }
        };
        ids.insert(name, id);
    }
    let members = Members(ids);
    for (name, coordinator) in COMMITTEES {
        let coordinating_member_id = Some(members.id(coordinator)?);
        ensure_committee(
            tx,
            &NewCommittee {
                name: (*name).into(),
                coordinating_member_id,
            },
        )
        .await?;
    }
    if !chair_recorded(tx, 13).await? {
        record_chair(tx, 13, members.id(CHAIR_13)?, None).await?;
    }
    Ok(members)
}

async fn chair_recorded(tx: &mut Tx, term: i64) -> Result<bool> {
    let found: Option<i64> =
        on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM chairmanships WHERE term = $1")
        .bind(term).fetch_optional(c).await)
        .map_err(internal)?;
    Ok(found.is_some())
}
