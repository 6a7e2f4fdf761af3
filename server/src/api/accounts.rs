//! Signing in and out, accounts, API tokens and the audit log.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use plenary_core::actions;
use plenary_core::auth::{organizer, Actor};
use plenary_core::model::{AuditEntry, AuditFilter, NewUser, User};
use plenary_core::storage::list_users;
use plenary_core::Error;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::{sign_in, sign_out, CallerOf};
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_create, session_show, session_delete))
        .routes(routes!(token_create))
        .routes(routes!(users_list, user_invite))
        .routes(routes!(user_reset_password))
        .routes(routes!(audit_list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// Checks the rate limit, then the credentials; the actor on success.
pub async fn check_credentials(state: &AppState, c: &Credentials) -> Result<Actor, Error> {
    if state
        .login_limiter
        .check_key(&c.email.trim().to_lowercase())
        .is_err()
    {
        return Err(Error::TooManyRequests);
    }
    actions::authenticate(&state.db, &c.email, &c.password).await
}

/// Sign in: sets the session cookie.
#[utoipa::path(post, path = "/api/session", tag = "accounts", request_body = Credentials,
    responses((status = 200, body = Actor), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn session_create(
    State(state): State<AppState>,
    session: Session,
    Body(c): Body<Credentials>,
) -> ApiResult<Json<Actor>> {
    let actor = check_credentials(&state, &c).await?;
    sign_in(&session, &actor).await?;
    Ok(Json(actor))
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/session", tag = "accounts",
    responses((status = 200, body = Actor), (status = 401, body = ApiErrorBody)))]
async fn session_show(CallerOf(caller): CallerOf) -> ApiResult<Json<Actor>> {
    Ok(Json(caller.0.ok_or(Error::Unauthenticated)?))
}

/// Sign out.
#[utoipa::path(delete, path = "/api/session", tag = "accounts", responses((status = 204)))]
async fn session_delete(session: Session) -> ApiResult<StatusCode> {
    sign_out(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// What the token is for, e.g. "venue screen".
    pub name: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenCreated {
    /// Send as `Authorization: Bearer <token>`. Shown only this once.
    pub token: String,
}

/// Creates an API token for the signed-in organizer.
#[utoipa::path(post, path = "/api/tokens", tag = "accounts", request_body = TokenRequest,
    responses((status = 201, body = TokenCreated), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn token_create(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Body(r): Body<TokenRequest>,
) -> ApiResult<(StatusCode, Json<TokenCreated>)> {
    created(
        actions::create_api_token(&state.db, caller.actor(), &r.name)
            .await
            .map(|token| TokenCreated { token }),
    )
}

/// All accounts (organizers only).
#[utoipa::path(get, path = "/api/users", tag = "accounts",
    responses((status = 200, body = [User]), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn users_list(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
) -> ApiResult<Json<Vec<User>>> {
    organizer(caller.actor())?;
    let mut tx = state.db.read().await?;
    ok(list_users(&mut tx).await)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserWithPassword {
    pub user: User,
    /// The password to hand to the user. Shown only this once.
    pub password: String,
}

/// Invites a delegate or an organizer; answers with a first password.
#[utoipa::path(post, path = "/api/users", tag = "accounts", request_body = NewUser,
    responses((status = 201, body = UserWithPassword), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn user_invite(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Body(u): Body<NewUser>,
) -> ApiResult<(StatusCode, Json<UserWithPassword>)> {
    created(
        actions::invite_user(&state.db, caller.actor(), &u)
            .await
            .map(|(user, password)| UserWithPassword { user, password }),
    )
}

/// Gives a user a new password.
#[utoipa::path(post, path = "/api/users/{id}/password", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 200, body = UserWithPassword), (status = 404, body = ApiErrorBody)))]
async fn user_reset_password(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<Json<UserWithPassword>> {
    ok(actions::reset_password(&state.db, caller.actor(), id)
        .await
        .map(|(user, password)| UserWithPassword { user, password }))
}

/// The audit log, newest first, filtered by parts of entity, actor and action.
#[utoipa::path(get, path = "/api/audit", tag = "accounts", params(
        ("entity" = Option<String>, Query), ("actor" = Option<String>, Query), ("action" = Option<String>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, body = [AuditEntry]), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn audit_list(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Query(filter): Query<AuditFilter>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    ok(actions::browse_audit(&state.db, caller.actor(), &filter).await)
}
