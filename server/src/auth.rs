//! Who is calling: sessions (tower-sessions, stored in the database on both engines), bearer
//! tokens, and the gate that refuses a mutation before it runs. Sign-in limits are in
//! `crate::sign_in`.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use plenary_core::accounts::SignedIn;
use plenary_core::auth::{Access, Actor, Caller};
use plenary_core::secrets::token_digest;
use plenary_core::storage::{actor_by_session, actor_by_token};
use plenary_core::Error;
use tower_sessions::Session;

use crate::api::ApiError;
use crate::AppState;

/// The session key under which the signed-in user's id is kept.
const USER_ID: &str = "user_id";

/// The session key under which the user's session epoch at sign-in is kept: the session
/// stands while the user's epoch stays the same (see `plenary_core::accounts::session_stands`).
const SESSION_EPOCH: &str = "session_epoch";

/// Middleware: finds the caller from a bearer token or the session and puts a [`Caller`] into
/// the request's extensions. A token or session that names no active user is anonymous.
pub async fn identify(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    let actor = match caller_of(&state, &session, bearer).await {
        Ok(actor) => actor,
        Err(e) => return ApiError(e).into_response(),
    };
    request.extensions_mut().insert(Caller(actor));
    next.run(request).await
}

async fn caller_of(
    state: &AppState,
    session: &Session,
    bearer: Option<String>,
) -> Result<Option<Actor>, Error> {
    if let Some(token) = bearer {
        return actor_by_token(&state.db, &token_digest(&token)).await;
    }
    let user_id: Option<i64> = session.get(USER_ID).await.map_err(failed)?;
    match user_id {
        Some(id) => {
            let epoch: Option<i64> = session.get(SESSION_EPOCH).await.map_err(failed)?;
            actor_by_session(&state.db, id, epoch).await
        }
        None => Ok(None),
    }
}

/// Server functions (by name prefix) and API operations (by path suffix) through which a
/// delegate acts for their own member: casting its ballot and checking it in. The actions check
/// which member.
const DELEGATE_FUNCTIONS: [&str; 2] = ["cast_", "check_in_"];
const DELEGATE_OPERATIONS: [&str; 2] = ["/ballots", "/check-in"];
/// API operations on the caller's own account, open to every signed-in user.
const OWN_ACCOUNT_OPERATIONS: [&str; 1] = ["/api/me/password"];

/// Who may call what. Server functions named `load_…` and GETs under `/api` only read: each is
/// allowed to whom its line in `crate::reads` says (organizers, when it has none). Every other
/// server function and API call changes something and needs an organizer, except signing in and
/// out, and what delegates do for their own member (see `DELEGATE_FUNCTIONS`). New entry points
/// are covered without anyone remembering to add them here.
pub fn access(method: &Method, path: &str) -> Access {
    if let Some(name) = path.strip_prefix("/sfn/") {
        return if name.starts_with("load_") {
            crate::reads::function_read(name)
        } else if DELEGATE_FUNCTIONS.iter().any(|p| name.starts_with(p)) {
            Access::SignedIn
        } else {
            Access::Organizer
        };
    }
    if path.starts_with("/api/") {
        let signing = path == "/api/session";
        // No operation of the API takes another method: the router answers 405 with `Allow`,
        // which tells the caller more than a request to sign in would.
        let taken = [
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::DELETE,
        ];
        if !taken.contains(method) {
            return Access::Public;
        }
        return if method == Method::GET || method == Method::HEAD {
            crate::reads::api_read(path)
        } else if signing {
            Access::Public
        } else if DELEGATE_OPERATIONS.iter().any(|s| path.ends_with(s))
            || OWN_ACCOUNT_OPERATIONS.contains(&path)
        {
            Access::SignedIn
        } else {
            Access::Organizer
        };
    }
    Access::Public
}

/// Middleware: refuses a call the caller may not make, before its body is even read.
pub async fn gate(request: Request, next: Next) -> Response {
    let caller = request
        .extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or_default();
    if crate::api::undeclared_method(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    if let Err(e) = access(request.method(), request.uri().path()).check(caller.actor()) {
        return ApiError(e).into_response();
    }
    next.run(request).await
}

/// Records who signed in on this session, with their session epoch (a new session id, against
/// fixation).
pub async fn sign_in(session: &Session, signed: &SignedIn) -> Result<(), Error> {
    session.cycle_id().await.map_err(failed)?;
    session
        .insert(USER_ID, signed.actor.user_id)
        .await
        .map_err(failed)?;
    session
        .insert(SESSION_EPOCH, signed.session_epoch)
        .await
        .map_err(failed)
}

/// After the signed-in user changed their password (which moved their epoch to `epoch` and ended
/// every session), keeps this one signed in, under a new id. A request that came with a bearer
/// token has no signed-in session, and gets none.
pub async fn stay_signed_in(session: &Session, actor: &Actor, epoch: i64) -> Result<(), Error> {
    let user_id: Option<i64> = session.get(USER_ID).await.map_err(failed)?;
    if user_id != Some(actor.user_id) {
        return Ok(());
    }
    let signed = SignedIn {
        actor: actor.clone(),
        session_epoch: epoch,
    };
    sign_in(session, &signed).await
}

pub async fn sign_out(session: &Session) -> Result<(), Error> {
    session.flush().await.map_err(failed)
}

/// A failure of the session store, logged; the caller is told only that something went wrong.
fn failed(e: tower_sessions::session::Error) -> Error {
    tracing::error!(error = %e, "session store failed");
    Error::Internal
}

/// Lets handlers take the [`Caller`] the `identify` middleware found.
pub struct CallerOf(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for CallerOf {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(CallerOf(
            parts
                .extensions
                .get::<Caller>()
                .cloned()
                .unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_follow_their_table_and_changes_need_an_organizer() {
        assert_eq!(access(&Method::POST, "/sfn/load_agenda"), Access::Public);
        assert_eq!(access(&Method::POST, "/sfn/load_audit"), Access::Organizer);
        assert_eq!(
            access(&Method::GET, "/api/assemblies/13/document"),
            Access::Organizer
        );
        assert_eq!(access(&Method::POST, "/sfn/save_item"), Access::Organizer);
        assert_eq!(access(&Method::GET, "/api/assemblies/13"), Access::Public);
        assert_eq!(access(&Method::POST, "/api/assemblies"), Access::Organizer);
        assert_eq!(access(&Method::DELETE, "/api/items/4"), Access::Organizer);
        assert_eq!(access(&Method::POST, "/api/session"), Access::Public);
        assert_eq!(access(&Method::PUT, "/api/me/password"), Access::SignedIn);
        assert_eq!(
            access(&Method::POST, "/api/users/4/password"),
            Access::Organizer
        );
        assert_eq!(access(&Method::GET, "/assemblies/13"), Access::Public);
    }
}
