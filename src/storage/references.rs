//! References from a record to others, checked before it is written: an id that names nothing
//! is the caller's mistake in that field (422 naming it), not a clash with the record (409) nor
//! a failure of the database, which is all the engines' foreign-key errors could say (SQLite's
//! do not even name the column).

use super::{internal, on_tx, Tx};
use crate::{Error, Problem, Result};

/// The kinds of records other records refer to by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referred {
    Country,
    Member,
    Person,
    Committee,
    Session,
    AgendaItem,
}

impl Referred {
    fn query(self) -> &'static str {
        match self {
            Referred::Country => "SELECT COUNT(*) FROM countries WHERE id = $1",
            Referred::Member => "SELECT COUNT(*) FROM members WHERE id = $1",
            Referred::Person => "SELECT COUNT(*) FROM persons WHERE id = $1",
            Referred::Committee => "SELECT COUNT(*) FROM committees WHERE id = $1",
            Referred::Session => "SELECT COUNT(*) FROM sessions WHERE id = $1",
            Referred::AgendaItem => "SELECT COUNT(*) FROM agenda_items WHERE id = $1",
        }
    }
}

/// Refuses `id`, given in `field`, unless a record of kind `referred` has it; none refers to
/// nothing and passes.
pub async fn refers_to(
    tx: &mut Tx,
    field: &str,
    referred: Referred,
    id: Option<i64>,
) -> Result<()> {
    let Some(id) = id else {
        return Ok(());
    };
    let found: i64 =
        on_tx!(tx, c => sqlx::query_scalar(referred.query()).bind(id).fetch_one(c).await)
            .map_err(internal)?;
    if found == 0 {
        return Err(Error::invalid(field, Problem::NoSuchRecord));
    }
    Ok(())
}
