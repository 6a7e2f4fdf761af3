//! Server functions: the app's own calls to the server (under `/sfn`, not the public API).
//! Each reads the database and the caller from context and hands the work to `plenary_core`.
//! Reads are named `load_…`; the server lets anyone call those and only organizers call the rest.

mod attendance;
mod languages;
mod manage;
mod record;
mod times;
mod votes;

pub use attendance::*;
pub use languages::*;
pub use manage::*;
pub use record::*;
pub use times::*;
pub use votes::*;

use leptos::prelude::*;
use plenary_core::auth::Actor;
use plenary_core::views::{AgendaPage, AssemblyPage, HomePage, LiveView, RegisterPage};
use plenary_core::Error;

/// The database pool the server put in context.
#[cfg(feature = "ssr")]
fn db() -> Result<plenary_core::storage::Db, Error> {
    use_context::<plenary_core::storage::Db>().ok_or_else(|| {
        tracing::error!("no database in the server function's context");
        Error::Internal
    })
}

/// Who is calling, as the server's `identify` middleware found out.
#[cfg(feature = "ssr")]
fn caller() -> Option<Actor> {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<plenary_core::auth::Caller>()
                .cloned()
        })
        .and_then(|caller| caller.0)
}

#[server(prefix = "/sfn", endpoint = "load_me")]
pub async fn load_me() -> Result<Option<Actor>, Error> {
    Ok(caller())
}

#[server(prefix = "/sfn", endpoint = "load_home")]
pub async fn load_home() -> Result<HomePage, Error> {
    plenary_core::storage::home_page(&db()?).await
}

#[server(prefix = "/sfn", endpoint = "load_assembly")]
pub async fn load_assembly(number: i64) -> Result<AssemblyPage, Error> {
    plenary_core::storage::assembly_page(&db()?, number).await
}

#[server(prefix = "/sfn", endpoint = "load_agenda")]
pub async fn load_agenda(number: i64) -> Result<AgendaPage, Error> {
    plenary_core::storage::agenda_page(&db()?, number).await
}

#[server(prefix = "/sfn", endpoint = "load_register")]
pub async fn load_register() -> Result<RegisterPage, Error> {
    plenary_core::storage::register_page(&db()?).await
}

#[server(prefix = "/sfn", endpoint = "load_live")]
pub async fn load_live(number: i64) -> Result<LiveView, Error> {
    plenary_core::storage::current_live_view(&db()?, number).await
}

/// The live hub the server put in context, which sends events to the live stream's subscribers.
#[cfg(feature = "ssr")]
fn publisher() -> Option<std::sync::Arc<dyn plenary_core::storage::Publisher>> {
    use_context::<std::sync::Arc<dyn plenary_core::storage::Publisher>>()
}

/// A control-panel command (see `plenary_core::live::Command::from_form`).
#[server(prefix = "/sfn", endpoint = "control")]
pub async fn control(number: i64, command: String, arg: String) -> Result<LiveView, Error> {
    let command = plenary_core::live::Command::from_form(&command, &arg)?;
    let publisher = publisher();
    plenary_core::actions::control(
        &db()?,
        publisher.as_deref(),
        caller().as_ref(),
        number,
        command,
    )
    .await
}
