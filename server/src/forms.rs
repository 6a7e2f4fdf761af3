//! Signing in and out from plain HTML forms, so both work without JavaScript: a form post, then a
//! redirect (303) to where the user was going, or back to the form with the error (as JSON, so
//! that the page can say it in the reader's language).

use axum::extract::State;
use axum::response::Redirect;
use axum::Form;
use serde::Deserialize;
use tower_sessions::Session;

use crate::api::accounts::{check_credentials, Credentials};
use crate::auth::{sign_in, sign_out};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    /// The local path to go to after signing in.
    #[serde(default)]
    next: String,
}

/// Only paths on this site, so the form cannot be used to send people elsewhere.
fn local(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/manage"
    }
}

pub async fn login(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Redirect {
    let credentials = Credentials {
        email: form.email.clone(),
        password: form.password,
    };
    let signed_in = match check_credentials(&state, &credentials).await {
        Ok(actor) => sign_in(&session, &actor).await,
        Err(e) => Err(e),
    };
    match signed_in {
        Ok(()) => Redirect::to(local(&form.next)),
        Err(e) => {
            let error = serde_json::to_string(&e).unwrap_or_default();
            let pairs = [
                ("error", error.as_str()),
                ("email", form.email.as_str()),
                ("next", form.next.as_str()),
            ];
            let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
            Redirect::to(&format!("/login?{query}"))
        }
    }
}

pub async fn logout(session: Session) -> Redirect {
    if let Err(e) = sign_out(&session).await {
        tracing::error!(error = %e, "sign-out failed");
    }
    Redirect::to("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_signing_in() {
        assert_eq!(local("/manage/assemblies/14"), "/manage/assemblies/14");
        assert_eq!(local("https://elsewhere.example"), "/manage");
        assert_eq!(local("//elsewhere.example"), "/manage");
        assert_eq!(local(""), "/manage");
    }
}
