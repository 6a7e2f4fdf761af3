//! Signing in and out, and changing one's own password, from plain HTML forms, so all work
//! without JavaScript: a form post, then a redirect (303) to where the user was going, or back
//! to the form with the error (as JSON, so that the page can say it in the reader's language).

use axum::extract::State;
use axum::response::Redirect;
use axum::Form;
use plenary_core::accounts::local_path;
use plenary_core::Error;
use serde::Deserialize;
use tower_sessions::Session;

use crate::api::accounts::{change_own_password, PasswordChange};
use crate::auth::{sign_in, sign_out, CallerOf};
use crate::client::ClientIp;
use crate::sign_in::{check_credentials, Credentials};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    /// The local path to go to after signing in.
    #[serde(default)]
    next: String,
}

/// Only paths on this site, so the form cannot be used to send people elsewhere; the workspace
/// otherwise.
fn local(next: &str) -> &str {
    local_path(next).unwrap_or("/manage")
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Redirect {
    let credentials = Credentials {
        email: form.email.clone(),
        password: form.password,
    };
    let signed_in = match check_credentials(&state, client, &credentials).await {
        Ok(signed) => sign_in(&session, &signed).await,
        Err(e) => Err(e),
    };
    match signed_in {
        Ok(()) => Redirect::to(local(&form.next)),
        Err(e) => {
            let error = serde_json::to_string(&e).unwrap_or_default();
            let pairs = [
                ("error", error.as_str()),
                ("email", form.email.as_str()),
                ("next", local(&form.next)),
            ];
            let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
            Redirect::to(&format!("/login?{query}"))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// `/account/password`: the signed-in user changes their own password, and comes back to
/// `/account` saying it is done, or with the error.
pub async fn change_password(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    ClientIp(client): ClientIp,
    session: Session,
    Form(form): Form<PasswordForm>,
) -> Redirect {
    let change = PasswordChange {
        current_password: form.current_password,
        new_password: form.new_password,
    };
    match change_own_password(&state, caller.actor(), client, &session, &change).await {
        Ok(()) => Redirect::to("/account?changed=1"),
        Err(Error::Unauthenticated) => Redirect::to("/login?next=/account"),
        Err(e) => {
            let error = serde_json::to_string(&e).unwrap_or_default();
            let query = serde_urlencoded::to_string([("error", error)]).unwrap_or_default();
            Redirect::to(&format!("/account?{query}"))
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
        assert_eq!(local("/\t/elsewhere.example"), "/manage");
        assert_eq!(local(""), "/manage");
    }
}
