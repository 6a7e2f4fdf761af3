//! The pages at the doors of DESIGN.md.

mod agenda;
mod assembly;
mod check_in;
mod home;
pub mod live;
mod login;
pub mod manage;
mod register;
pub mod vote;

pub use agenda::AgendaPage;
pub use assembly::AssemblyPage;
pub use home::HomePage;
pub use live::{LivePage, ProjectorPage};
pub use login::LoginPage;
pub use register::RegisterPage;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::layout::ErrorPanel;

/// Any path Plenary does not serve.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Not found"/>
        <ErrorPanel error=plenary_core::Error::not_found("This page")/>
    }
}
