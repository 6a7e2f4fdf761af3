//! Names of the register kept unique regardless of case and Unicode normalization: before a
//! country, member government or committee is named, no other of its kind may have a name with
//! the same key ([`crate::model::name_key`]). The tables hold few rows, and the check runs in
//! the write transaction that names the record.

use super::{internal, on_tx, Tx};
use crate::model::name_key;
use crate::{Error, Problem, Result};

/// The lists of the register whose names are unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Countries,
    Members,
    Committees,
}

impl Named {
    fn query(self) -> &'static str {
        match self {
            Named::Countries => "SELECT id, name FROM countries",
            Named::Members => "SELECT id, name FROM members",
            Named::Committees => "SELECT id, name FROM committees",
        }
    }
}

/// Refuses `name` (409 on `field`) when a record of `list` other than `except` has the same name
/// up to case and Unicode normalization.
pub async fn name_free(
    tx: &mut Tx,
    list: Named,
    field: &str,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let rows: Vec<(i64, String)> =
        on_tx!(tx, c => sqlx::query_as(list.query()).fetch_all(c).await).map_err(internal)?;
    let key = name_key(name);
    if rows
        .iter()
        .any(|(id, other)| Some(*id) != except && name_key(other) == key)
    {
        return Err(Error::conflict(Some(field), Problem::NameTaken));
    }
    Ok(())
}
