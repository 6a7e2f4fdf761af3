//! The frame of every page: the header with its navigation, the footer, and the error panel.

use leptos::prelude::*;
use leptos_router::components::A;
use plenary_core::Error;

/// Whether the current page is the full-screen projector, which has no header or footer.
fn on_projector() -> bool {
    leptos_router::hooks::use_location()
        .pathname
        .get()
        .ends_with("/projector")
}

/// The class of `<main>`: the projector fills the screen.
pub fn main_class() -> &'static str {
    if on_projector() {
        "full-screen"
    } else {
        ""
    }
}

#[component]
pub fn Header() -> impl IntoView {
    move || (!on_projector()).then(header)
}

fn header() -> impl IntoView {
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <a class="brand" href="/">"Plenary"</a>
            <nav aria-label="Main">
                <A href="/">"Assemblies"</A>
                <A href="/members">"Members"</A>
            </nav>
            <Account/>
        </header>
    }
}

/// Who is signed in, with the way to the workspace and out; or the way in.
#[component]
fn Account() -> impl IntoView {
    let me = Resource::new(|| (), |_| crate::api::load_me());
    view! {
        <div class="account">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        Some(actor) => view! {
                            {(actor.role == plenary_core::auth::Role::Organizer).then(|| view! { <a href="/manage">"Workspace"</a> })}
                            <span class="who">{actor.name}</span>
                            <form method="post" action="/logout"><button type="submit" class="link">"Sign out"</button></form>
                        }.into_any(),
                        None => view! { <a href="/login">"Sign in"</a> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    move || (!on_projector()).then(footer)
}

fn footer() -> impl IntoView {
    view! {
        <footer class="site">
            <p>"Plenary runs the general assembly of an association of member governments."</p>
        </footer>
    }
}

/// What a page shows when its data could not be loaded. A missing thing also sets the
/// response's status to 404 when rendered on the server.
#[component]
pub fn ErrorPanel(error: Error) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(error.status()).unwrap_or_default());
    }
    let heading = match error {
        Error::NotFound { .. } => "Not found",
        Error::Unauthenticated => "Please sign in",
        Error::Forbidden => "Not allowed",
        _ => "Something went wrong",
    };
    let sign_in =
        (error == Error::Unauthenticated).then(|| view! { <p><a href="/login">"Sign in"</a></p> });
    view! {
        <section class="error" role="alert">
            <h1>{heading}</h1>
            <p>{error.to_string()}</p>
            {sign_in}
            <p><a href="/">"Back to the assemblies"</a></p>
        </section>
    }
}

/// Assembly numbers come from the URL; anything that is not a number names no assembly.
pub fn assembly_number(raw: Option<String>) -> Result<i64, Error> {
    let raw = raw.unwrap_or_default();
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Error::not_found(format!("Assembly {raw}")))
}

/// The tabs of an assembly's pages.
#[component]
pub fn AssemblyTabs(number: i64) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Assembly">
            <A href=format!("/assemblies/{number}") exact=true>"Overview"</A>
            <A href=format!("/assemblies/{number}/agenda")>"Agenda"</A>
            <A href=format!("/assemblies/{number}/live")>"Live"</A>
        </nav>
    }
}
