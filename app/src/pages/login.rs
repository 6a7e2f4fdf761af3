//! `/login`: a plain form that posts to the server (works without JavaScript); errors come back
//! in the query string, as the error's JSON.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use plenary_core::Error;

use crate::errors::ErrorText;
use crate::i18n::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    // Read once: every sign-in is a full page load, so nothing here needs to react. (Reading the
    // query in closures made server-side rendering touch a signal after its arena was gone.)
    let query = use_query_map();
    let initial = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let error = serde_json::from_str::<Error>(&initial("error")).ok();
    let invalid = error.is_some();
    let next = initial("next");
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, sign_in).to_string()/>
        <h1>{t!(i18n, sign_in)}</h1>
        <p class="lead">{t!(i18n, login_lead)}</p>
        <form class="card form" method="post" action="/login">
            <input type="hidden" name="next" value=if next.is_empty() { "/manage".to_owned() } else { next }/>
            <div class="field">
                <label for="login-email">{t!(i18n, email)}</label>
                <input id="login-email" type="email" name="email" autocomplete="username" maxlength=plenary_core::model::limits::NAME required value=initial("email")/>
            </div>
            <div class="field" class:invalid=invalid>
                <label for="login-password">{t!(i18n, password)}</label>
                <input id="login-password" type="password" name="password" autocomplete="current-password" maxlength=plenary_core::model::limits::PASSWORD required aria-describedby="login-error"/>
                <span class="field-error" id="login-error" role="alert">{error.map(|error| view! { <ErrorText error/> })}</span>
            </div>
            <button type="submit">{t!(i18n, sign_in)}</button>
        </form>
    }
}
