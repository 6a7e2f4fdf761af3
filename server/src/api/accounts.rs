//! Signing in and out, accounts (one's own password; organizers: invitations, resets,
//! deactivation), API tokens and the audit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use plenary_core::actions;
use plenary_core::auth::{organizer, Actor};
use plenary_core::model::{ApiToken, AuditEntry, AuditFilter, NewUser, User};
use plenary_core::storage::list_users;
use plenary_core::Error;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, ok, ApiErrorBody, ApiResult, Body, Id, Query};
use crate::auth::{sign_in, sign_out, stay_signed_in, CallerOf};
use crate::client::ClientIp;
use crate::sign_in::{check_credentials, Credentials};
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_create, session_show, session_delete))
        .routes(routes!(own_password_change))
        .routes(routes!(tokens_list, token_create))
        .routes(routes!(token_revoke))
        .routes(routes!(users_list, user_invite))
        .routes(routes!(user_reset_password))
        .routes(routes!(user_set_active))
        .routes(routes!(audit_list))
}

/// Sign in: sets the session cookie. Failed sign-ins are limited per address and per account
/// at each address (429 once over).
#[utoipa::path(post, path = "/api/session", tag = "accounts", request_body = Credentials,
    responses((status = 200, body = Actor), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn session_create(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    session: Session,
    Body(c): Body<Credentials>,
) -> ApiResult<Json<Actor>> {
    let signed = check_credentials(&state, client, &c).await?;
    sign_in(&session, &signed).await?;
    Ok(Json(signed.actor))
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
pub struct PasswordChange {
    #[schema(max_length = 1000)]
    pub current_password: String,
    /// At least 10 characters, and hard to guess (common passwords, names and patterns are
    /// refused on `new_password`).
    #[schema(max_length = 1000)]
    pub new_password: String,
}

/// Changes the caller's own password (any signed-in user). Every other session of theirs ends;
/// the session that asked stays signed in.
#[utoipa::path(put, path = "/api/me/password", tag = "accounts", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn own_password_change(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    ClientIp(client): ClientIp,
    session: Session,
    Body(c): Body<PasswordChange>,
) -> ApiResult<StatusCode> {
    change_own_password(&state, caller.actor(), client, &session, &c).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the caller's password, within the sign-in limits (a stolen session must not become a
/// way to guess the password), and keeps the caller's session signed in.
pub async fn change_own_password(
    state: &AppState,
    actor: Option<&Actor>,
    client: std::net::IpAddr,
    session: &Session,
    c: &PasswordChange,
) -> Result<(), Error> {
    let me = plenary_core::auth::signed_in(actor)?;
    let change =
        actions::change_own_password(&state.db, actor, &c.current_password, &c.new_password);
    let epoch = state
        .sign_in_limits
        .guarded(client, &me.email, change)
        .await?;
    stay_signed_in(session, me, epoch).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// What the token is for, e.g. "venue screen".
    #[schema(max_length = 200)]
    pub name: String,
    /// How many days the token works: 1 to 365, 90 when not given.
    #[serde(default)]
    pub expires_in_days: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenCreated {
    /// Send as `Authorization: Bearer <token>`. Shown only this once.
    pub token: String,
    /// The token's id, to revoke it with `DELETE /api/tokens/{id}`.
    pub id: i64,
    pub expires_at: DateTime<Utc>,
}

/// Every API token (organizers only): whose, what for, when it expires, whether revoked. Never
/// the tokens themselves.
#[utoipa::path(get, path = "/api/tokens", tag = "accounts",
    responses((status = 200, body = [ApiToken]), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn tokens_list(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
) -> ApiResult<Json<Vec<ApiToken>>> {
    ok(actions::browse_tokens(&state.db, caller.actor()).await)
}

/// Creates an API token for the signed-in organizer; it expires after `expires_in_days`.
#[utoipa::path(post, path = "/api/tokens", tag = "accounts", request_body = TokenRequest,
    responses((status = 201, body = TokenCreated), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn token_create(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Body(r): Body<TokenRequest>,
) -> ApiResult<(StatusCode, Json<TokenCreated>)> {
    created(
        actions::create_api_token(&state.db, caller.actor(), &r.name, r.expires_in_days)
            .await
            .map(|(record, token)| TokenCreated {
                token,
                id: record.id,
                expires_at: record.expires_at,
            }),
    )
}

/// Revokes an API token (organizers, anyone's token): it stops working at once.
#[utoipa::path(delete, path = "/api/tokens/{id}", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 200, body = ApiToken), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn token_revoke(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<Json<ApiToken>> {
    ok(actions::revoke_api_token(&state.db, caller.actor(), id).await)
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

/// Gives a user a new password, and ends every session they have.
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

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ActiveRequest {
    /// False deactivates the account: its sessions end, its API tokens stop working, and it
    /// cannot sign in. True activates it again.
    pub active: bool,
}

/// Deactivates or reactivates an account (organizers; not their own).
#[utoipa::path(put, path = "/api/users/{id}/active", tag = "accounts", params(("id" = i64, Path)), request_body = ActiveRequest,
    responses((status = 200, body = User), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn user_set_active(
    State(state): State<AppState>,
    CallerOf(caller): CallerOf,
    Id(id): Id<i64>,
    Body(r): Body<ActiveRequest>,
) -> ApiResult<Json<User>> {
    ok(actions::set_account_active(&state.db, caller.actor(), id, r.active).await)
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
