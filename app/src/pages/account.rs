//! `/account`: the signed-in user (delegate or organizer) changes their own password, with a
//! plain form that posts to the server (works without JavaScript); the answer comes back in the
//! query string: `changed`, or the error as JSON.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use plenary_core::Error;

use crate::errors::ErrorText;
use crate::forms::about;
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};

#[component]
pub fn AccountPage() -> impl IntoView {
    // Read once: every change is a full page load (see the sign-in page).
    let query = use_query_map();
    let initial = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let error = serde_json::from_str::<Error>(&initial("error")).ok();
    let changed = !initial("changed").is_empty();
    let me = Resource::new(|| (), |_| crate::api::load_me());
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, account)/>
        <h1>{t!(i18n, account)}</h1>
        <Transition fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(actor)) => view! { <PasswordForm email=actor.email error changed/> }.into_any(),
                        Ok(None) => view! { <ErrorPanel error=Error::Unauthenticated/> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn PasswordForm(email: String, error: Option<Error>, changed: bool) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::stored(error);
    let field_error = |name: &'static str, id: &'static str| {
        let error = about(name, error);
        view! {
            <span class="field-error" id=id role="alert">
                {move || error.get().map(|error| view! { <ErrorText error/> })}
            </span>
        }
    };
    // An error on no field of this form (too many attempts, the server failing).
    let general = move || {
        error
            .get()
            .filter(|e| !matches!(e.field(), Some("current_password" | "new_password")))
    };
    view! {
        <p class="lead">{t!(i18n, account_lead)}</p>
        {changed.then(|| view! { <p class="done" role="status">{t!(i18n, password_changed)}</p> })}
        <form class="card form" method="post" action="/account/password">
            // For password managers: whose password this is.
            <input type="email" name="email" autocomplete="username" value=email readonly hidden/>
            <div class="field" class:invalid=move || about("current_password", error).get().is_some()>
                <label for="account-current">{t!(i18n, current_password)}</label>
                <input id="account-current" type="password" name="current_password" autocomplete="current-password" maxlength=plenary_core::model::limits::PASSWORD required aria-describedby="account-current-error"/>
                {field_error("current_password", "account-current-error")}
            </div>
            <div class="field" class:invalid=move || about("new_password", error).get().is_some()>
                <label for="account-new">{t!(i18n, new_password)}</label>
                <input id="account-new" type="password" name="new_password" autocomplete="new-password" minlength="10" maxlength=plenary_core::model::limits::PASSWORD required aria-describedby="account-new-error"/>
                {field_error("new_password", "account-new-error")}
            </div>
            {move || general().map(|error| view! { <p class="form-error" role="alert"><ErrorText error/></p> })}
            <button type="submit">{t!(i18n, change_password)}</button>
        </form>
    }
}
