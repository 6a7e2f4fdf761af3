//! The pages at the doors of ARCHITECTURE.md.

mod account;
mod agenda;
mod assembly;
mod check_in;
mod home;
pub mod live;
mod login;
pub mod manage;
mod minutes;
mod news;
pub mod record_links;
mod register;
pub mod vote;

pub use account::AccountPage;
pub use agenda::AgendaPage;
pub use assembly::AssemblyPage;
pub use home::HomePage;
pub use live::{LivePage, ProjectorPage};
pub use login::LoginPage;
pub use minutes::MinutesPage;
pub use news::{provide_languages, LanguageName, NewsPage, PublishedLanguages};
pub use register::RegisterPage;

use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};

/// Any path Plenary does not serve.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, not_found)/>
        <ErrorPanel error=plenary_core::Error::not_found("This page")/>
    }
}
