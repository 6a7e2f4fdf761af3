//! Creates the demo's accounts (not part of the data set: `plenary demo` prints their passwords
//! once), and finds members by name for the server's start-up and tests.

use crate::auth::Role;
use crate::demo::attendance::members_present;
use crate::demo::register::ASSOCIATE;
use crate::model::NewUser;
use crate::storage::{member_id_by_name, Db};
use crate::{Error, Result};

/// A demo account and its password, to print once.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub password: String,
    pub member: Option<String>,
}

/// "Ulsan Metropolitan City" → "ulsan-metropolitan-city".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Creates the demo's accounts with random passwords: one organizer of the secretariat and one
/// delegate for each active member government present at the 13th assembly.
pub async fn load_accounts(db: &Db) -> Result<Vec<DemoAccount>> {
    let present = members_present().chain([ASSOCIATE.1]);
    let mut wanted = vec![(
        Role::Organizer,
        "secretariat@near.example".to_owned(),
        "NEAR Secretariat".to_owned(),
        None,
    )];
    for name in present {
        wanted.push((
            Role::Delegate,
            format!("{}@delegates.near.example", slug(name)),
            format!("Delegate of {name}"),
            Some(name),
        ));
    }
    let mut accounts = Vec::new();
    for (role, email, display, member) in wanted {
        let member_id = match member {
            Some(m) => Some(member_id(db, m).await?.ok_or_else(|| Error::not_found(m))?),
            None => None,
        };
        let password = crate::secrets::new_password();
        let user = NewUser {
            email: email.clone(),
            name: display,
            role,
            member_id,
        };
        crate::actions::add_user_from_cli(db, &user, &password).await?;
        accounts.push(DemoAccount {
            role,
            email,
            password,
            member: member.map(String::from),
        });
    }
    Ok(accounts)
}

/// The id of the member government named `name`.
pub async fn member_id(db: &Db, name: &str) -> Result<Option<i64>> {
    let mut tx = db.read().await?;
    member_id_by_name(&mut tx, name).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            super::slug("Republic of Sakha (Yakutia)"),
            "republic-of-sakha-yakutia"
        );
        assert_eq!(
            super::slug("Gyeongsangbuk-do Province"),
            "gyeongsangbuk-do-province"
        );
    }
}
