//! The frame of every page: the header with its navigation, the footer, and the error panel.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use plenary_core::views::ShownTime;
use plenary_core::Error;

use crate::errors::ErrorText;
use crate::i18n::*;

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
    let i18n = use_i18n();
    view! {
        <a class="skip" href="#main">{t!(i18n, skip)}</a>
        <header class="site">
            <a class="brand" href="/">"Plenary"</a>
            <nav aria-label=move || t_string!(i18n, nav_main)>
                <A href="/">{t!(i18n, nav_assemblies)}</A>
                <A href="/members">{t!(i18n, nav_members)}</A>
            </nav>
            <LanguageSwitcher/>
            <Account/>
        </header>
    }
}

/// The interface languages, each named in itself.
const LANGUAGES: [(Locale, &str); 6] = [
    (Locale::en, "English"),
    (Locale::ko, "한국어"),
    (Locale::zh, "中文"),
    (Locale::ja, "日本語"),
    (Locale::ru, "Русский"),
    (Locale::mn, "Монгол"),
];

/// Chooses the interface language; the choice is remembered in a cookie. The first visit follows
/// the browser's Accept-Language.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        if let Some((locale, _)) = LANGUAGES.iter().find(|(l, _)| l.as_str() == code) {
            i18n.set_locale(*locale);
        }
    };
    view! {
        <label class="language">
            <span class="visually-hidden">{t!(i18n, language)}</span>
            <select id="language" on:change=on_change>
                {LANGUAGES.iter().map(|(locale, name)| {
                    let locale = *locale;
                    view! { <option value=locale.as_str() selected=move || i18n.get_locale() == locale lang=locale.as_str()>{*name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// Who is signed in, with the way to the workspace and out; or the way in.
#[component]
fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| crate::api::load_me());
    view! {
        <div class="account">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        Some(actor) => view! {
                            {(actor.role == plenary_core::auth::Role::Organizer).then(|| view! { <a href="/manage">{t!(i18n, workspace)}</a> })}
                            <a class="who" href="/account" title=move || t_string!(i18n, account).to_string()>{actor.name}</a>
                            <form method="post" action="/logout"><button type="submit" class="link">{t!(i18n, sign_out)}</button></form>
                        }.into_any(),
                        None => view! { <a href="/login">{t!(i18n, sign_in)}</a> }.into_any(),
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
    let i18n = use_i18n();
    view! {
        <footer class="site">
            <p>{t!(i18n, footer)}</p>
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
    let i18n = use_i18n();
    let heading = match error {
        Error::NotFound { .. } => t!(i18n, not_found).into_any(),
        Error::Unauthenticated => t!(i18n, please_sign_in).into_any(),
        Error::Forbidden => t!(i18n, not_allowed).into_any(),
        _ => t!(i18n, went_wrong).into_any(),
    };
    let sign_in = (error == Error::Unauthenticated)
        .then(|| view! { <p><a href="/login">{t!(i18n, sign_in)}</a></p> });
    view! {
        <section class="error" role="alert">
            <h1>{heading}</h1>
            <p><ErrorText error/></p>
            {sign_in}
            <p><a href="/">{t!(i18n, back_home)}</a></p>
        </section>
    }
}

/// The page's `<title>`: what the page is, in the reader's language, then what it is about
/// ("Agenda · 13th General Assembly of NEAR").
#[component]
pub fn PageTitle(#[prop(into)] what: TextProp, about: String) -> impl IntoView {
    view! { <LocalTitle text=move || format!("{} · {about}", what.get())/> }
}

/// A `<title>` in the reader's language. The server reads it once, as the page is built:
/// leptos_meta reads titles again after the page has rendered, and under concurrent requests the
/// language signal a closure reads may be disposed by then (a panic the load tool found). In the
/// browser it follows the reader's language.
#[component]
pub fn LocalTitle(#[prop(into)] text: TextProp) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = text.get().to_string();
    view! { <Title text=text/> }
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
    let i18n = use_i18n();
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, nav_assembly)>
            <A href=format!("/assemblies/{number}") exact=true>{t!(i18n, tab_overview)}</A>
            <A href=format!("/assemblies/{number}/agenda")>{t!(i18n, tab_agenda)}</A>
            <A href=format!("/assemblies/{number}/live")>{t!(i18n, tab_live)}</A>
            <A href=format!("/assemblies/{number}/minutes")>{t!(i18n, minutes)}</A>
        </nav>
    }
}

/// A time in the venue's zone, and the viewer's own when it differs (shown once hydrated).
#[component]
pub fn Clock(time: ShownTime) -> impl IntoView {
    let i18n = use_i18n();
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let utc = time.utc.clone();
    let venue = time.local.clone();
    let viewer = move || {
        if !mounted.get() {
            return None;
        }
        let own = viewer_time(&utc)?;
        (own != venue).then(|| {
            view! { <span class="viewer-time">" ("{t!(i18n, your_time, time = move || own.clone())}")"</span> }
        })
    };
    view! { <time datetime=time.utc.clone()>{time.local.clone()}</time>{viewer} }
}

/// "HH:MM" of a UTC instant in the viewer's own time zone (browser only).
#[allow(unused_variables)]
fn viewer_time(utc: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(utc));
        if date.get_time().is_nan() {
            return None;
        }
        Some(format!("{:02}:{:02}", date.get_hours(), date.get_minutes()))
    }
    #[cfg(not(feature = "hydrate"))]
    None
}
