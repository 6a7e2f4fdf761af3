//! `/login`: a plain form that posts to the server (works without JavaScript); errors come back
//! in the query string.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.read().get(key).unwrap_or_default();
    let initial = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let next = initial("next");
    view! {
        <Title text="Sign in"/>
        <h1>"Sign in"</h1>
        <p class="lead">"For the secretariat's organizers and the delegates of member governments."</p>
        <form class="card form" method="post" action="/login">
            <input type="hidden" name="next" value=if next.is_empty() { "/manage".to_owned() } else { next }/>
            <div class="field">
                <label for="login-email">"E-mail address"</label>
                <input id="login-email" type="email" name="email" autocomplete="username" required value=initial("email")/>
            </div>
            <div class="field" class:invalid=move || !get("error").is_empty()>
                <label for="login-password">"Password"</label>
                <input id="login-password" type="password" name="password" autocomplete="current-password" required aria-describedby="login-error"/>
                <span class="field-error" id="login-error" role="alert">{move || get("error")}</span>
            </div>
            <button type="submit">"Sign in"</button>
        </form>
    }
}
