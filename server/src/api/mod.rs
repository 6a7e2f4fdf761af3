//! The JSON API under `/api`: every operation of the organizer workspace, described by the
//! OpenAPI document at `/api/openapi.json` (generated from these handlers by utoipa). Handlers
//! are thin: they take the caller and the input and call the same `plenary_core::actions` the
//! pages call.

pub mod accounts;
mod agenda;
mod assemblies;
mod attendance;
mod exports;
mod live;
mod record;
mod register;
mod votes;

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenary_core::{Error, Problem};
use serde::Serialize;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// The body of every error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// Stable and machine-readable: invalid, not_found, conflict, unauthenticated, forbidden,
    /// too_many_requests, internal.
    pub code: String,
    /// For people, in English.
    pub message: String,
    /// The input field the error is about, if any.
    pub field: Option<String>,
    /// For invalid input and conflicts: what is wrong, as a stable key with typed arguments, for
    /// clients that say it in their own words.
    pub problem: Option<Problem>,
}

/// An [`Error`] as an HTTP answer: its status and an [`ApiErrorBody`].
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ApiErrorBody {
            code: self.0.code().to_owned(),
            message: self.0.to_string(),
            field: self.0.field().map(str::to_owned),
            problem: self.0.problem().cloned(),
        };
        (status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError(Error::invalid(
            "body",
            Problem::Unreadable {
                detail: rejection.body_text(),
            },
        ))
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError(Error::invalid(
            "path",
            Problem::Unreadable {
                detail: rejection.body_text(),
            },
        ))
    }
}

/// A JSON body whose errors answer as [`ApiErrorBody`] naming the field.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

/// A path parameter whose errors answer as [`ApiErrorBody`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Id<T>(pub T);

pub type ApiResult<T> = Result<T, ApiError>;

/// 201 with the created record.
pub fn created<T: Serialize>(result: plenary_core::Result<T>) -> ApiResult<(StatusCode, Json<T>)> {
    Ok((StatusCode::CREATED, Json(result?)))
}

/// 200 with the record.
pub fn ok<T: Serialize>(result: plenary_core::Result<T>) -> ApiResult<Json<T>> {
    Ok(Json(result?))
}

/// 204 after a deletion.
pub fn deleted(result: plenary_core::Result<()>) -> ApiResult<StatusCode> {
    result?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Plenary API",
        description = "Everything the Plenary pages can do. Reads of what the public pages show are public; the organizers' desks, accounts, the audit log and the whole assembly document need an organizer; changes need an organizer (delegates may cast their own member's ballot), signed in with a session cookie (POST /api/session) or an API token (`Authorization: Bearer …`, created with POST /api/tokens). Errors answer with `{code, message, field, problem}`."
    ),
    components(schemas(ApiErrorBody)),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new(crate::sessions::SESSION_COOKIE),
            )),
        );
    }
}

/// The API routes and their OpenAPI document.
pub fn routes() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::routes())
        .merge(register::routes())
        .merge(assemblies::routes())
        .merge(agenda::routes())
        .merge(live::routes())
        .merge(votes::routes())
        .merge(attendance::routes())
        .merge(record::routes())
        .merge(exports::routes())
        .split_for_parts()
}
