//! Server functions that name languages. CLDR's names stay on the server (see
//! `plenary_core::languages`): a page asks for the few it shows.

use leptos::prelude::*;
use plenary_core::languages::AssemblyLanguages;
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::db;

/// The languages the pages of assembly `number` name, for a reader of `reader`'s language (an
/// interface locale such as "ko"), with `also` besides; and those its news is published in.
#[server(prefix = "/sfn", endpoint = "load_languages")]
pub async fn load_languages(
    number: i64,
    reader: String,
    #[server(default)] also: Vec<String>,
) -> Result<AssemblyLanguages, Error> {
    plenary_core::actions::assembly_languages(&db()?, number, &reader, &also).await
}
