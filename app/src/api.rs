//! Server functions: the app's own calls to the server (under `/sfn`, not the public API).
//! Each reads the database from context and hands the work to `plenary_core`.

use leptos::prelude::*;
use plenary_core::views::{AgendaPage, AssemblyPage, HomePage, RegisterPage};
use plenary_core::Error;

/// The database pool the server put in context.
#[cfg(feature = "ssr")]
fn db() -> Result<plenary_core::storage::Db, Error> {
    use_context::<plenary_core::storage::Db>().ok_or_else(|| {
        tracing::error!("no database in the server function's context");
        Error::Internal
    })
}

#[server(prefix = "/sfn")]
pub async fn load_home() -> Result<HomePage, Error> {
    plenary_core::storage::home_page(&db()?).await
}

#[server(prefix = "/sfn")]
pub async fn load_assembly(number: i64) -> Result<AssemblyPage, Error> {
    plenary_core::storage::assembly_page(&db()?, number).await
}

#[server(prefix = "/sfn")]
pub async fn load_agenda(number: i64) -> Result<AgendaPage, Error> {
    plenary_core::storage::agenda_page(&db()?, number).await
}

#[server(prefix = "/sfn")]
pub async fn load_register() -> Result<RegisterPage, Error> {
    plenary_core::storage::register_page(&db()?).await
}
