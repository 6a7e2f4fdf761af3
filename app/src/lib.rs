//! Plenary's Leptos app: the pages delegates, organizers and the public read, their components,
//! and the server functions that feed them (thin adapters over `plenary_core`).
//!
//! Built twice: with `ssr` into the server, with `hydrate` into the browser's wasm bundle.

#![recursion_limit = "256"]

// The interface's translations (locales/*.json), checked at compile time. leptos_i18n 0.6 prefers a
// build script for this; the macro does the same in place and keeps the build simple.
#[allow(deprecated)]
mod i18n_locales {
    leptos_i18n::load_locales!();
}
pub use i18n_locales::i18n;

pub mod api;
mod errors;
mod forms;
mod layout;
mod live;
mod pages;
pub mod raw_text;
mod text;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::i18n::I18nContextProvider;

use pages::manage::{
    AssociationPage, AttendancePage, AuditPage, ControlPage, EditorPage, ManagePage,
    RecordDeskPage, RegisterEditor, UsersPage,
};
use pages::{
    AccountPage, AgendaPage, AssemblyPage, HomePage, LivePage, LoginPage, MinutesPage, NewsPage,
    NotFound, ProjectorPage, RegisterPage,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The bundle's name is hashed by a release build (see server/src/assets.rs).
    let stylesheet = format!("/pkg/{}.css", options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routes of the doors table in ARCHITECTURE.md. Every page waits for its data before it is
/// sent (`SsrMode::Async`), so it is complete HTML without JavaScript and its status code is right.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| raw_text::raw_text(format!("{page} · Plenary"))/>
        <I18nContextProvider>
        <Router>
            <layout::Header/>
            <main id="main" class=layout::main_class>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/members") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number") view=AssemblyPage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number/agenda") view=AgendaPage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number/live") view=LivePage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number/projector") view=ProjectorPage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number/minutes") view=MinutesPage ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:number/news") view=NewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/assemblies/:number/record") view=RecordDeskPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/assemblies/:number/control") view=ControlPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/assemblies/:number/attendance") view=AttendancePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage") view=ManagePage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/association") view=AssociationPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/register") view=RegisterEditor ssr=SsrMode::Async/>
                    <Route path=path!("/manage/users") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/assemblies/:number") view=EditorPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <layout::Footer/>
        </Router>
        </I18nContextProvider>
    }
}

/// The browser's entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets tests (and curious people) see that the page is live.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
