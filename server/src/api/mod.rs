//! The JSON API under `/api`: every operation of the organizer workspace, described by the
//! OpenAPI document at `/api/openapi.json` (generated from these handlers by utoipa). Handlers
//! are thin: they take the caller and the input and call the same `plenary_core::actions` the
//! pages call.
//!
//! Every answer that is not a success is an [`ApiErrorBody`], whatever refused the request: an
//! action, the extractors here (a body, a path, a query or an upload that cannot be read names
//! the field), the size limit of bodies, or a path or method the API does not have.

pub mod accounts;
mod agenda;
mod assemblies;
mod attendance;
mod contract;
mod exports;
mod live;
mod record;
mod register;
mod votes;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenary_core::{Error, Problem};
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub use contract::{ApiContract, SECURITY_SCHEMES};

/// The body of every error answer.
#[derive(Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// Stable and machine-readable: invalid, not_found, conflict, unauthenticated, forbidden,
    /// too_many_requests, payload_too_large, method_not_allowed, internal.
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

/// An answer of `status` that no [`Error`] stands for (a body over its size limit, a method the
/// path does not take), as an [`ApiErrorBody`] with the status's own words.
pub fn status_error(status: StatusCode, field: Option<&str>) -> Response {
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::BAD_REQUEST => "invalid",
        s if s.is_server_error() => "internal",
        _ => "invalid",
    };
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is larger than this operation takes",
        StatusCode::METHOD_NOT_ALLOWED => "this path does not take this method",
        StatusCode::NOT_FOUND => "there is no such path in the API",
        _ => status
            .canonical_reason()
            .unwrap_or("the request was refused"),
    };
    let body = ApiErrorBody {
        code: code.to_owned(),
        message: message.to_owned(),
        field: field.map(str::to_owned),
        problem: None,
    };
    (status, Json(body)).into_response()
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

/// Where in a body a value could not be read: the path to it (`texts[0].body`), the field a
/// missing-field error names, or `body` for the body as a whole.
fn field_of<E: std::fmt::Display>(error: &serde_path_to_error::Error<E>) -> String {
    let path = error.path().to_string();
    let at_root = path == "." || path.is_empty();
    let missing = error
        .inner()
        .to_string()
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next().map(str::to_owned));
    match (missing, at_root) {
        (Some(field), true) => field,
        (Some(field), false) => format!("{path}.{field}"),
        (None, true) => "body".to_owned(),
        (None, false) => path,
    }
}

fn unreadable(field: impl Into<String>, detail: impl Into<String>) -> Response {
    ApiError(Error::invalid(
        field,
        Problem::Unreadable {
            detail: detail.into(),
        },
    ))
    .into_response()
}

/// A body over the size limit is 413; any other failure to read it, 422 on `body`.
fn bytes_rejection(rejection: BytesRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return status_error(StatusCode::PAYLOAD_TOO_LARGE, Some("body"));
    }
    unreadable("body", rejection.body_text())
}

fn json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim().to_ascii_lowercase();
            v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
        })
}

/// A JSON body whose errors answer as [`ApiErrorBody`] naming the field where reading stopped
/// (`planned_minutes`, `texts[1].language`), not the body as a whole.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !json_content_type(request.headers()) {
            return Err(unreadable(
                "body",
                "expected Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(bytes_rejection)?;
        let mut reader = serde_json::Deserializer::from_slice(&bytes);
        let value: T = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
            // Text that is not JSON at all is the body's fault, wherever it broke off.
            let field = if e.inner().is_syntax() || e.inner().is_eof() {
                "body".to_owned()
            } else {
                field_of(&e)
            };
            unreadable(field, e.inner().to_string())
        })?;
        reader
            .end()
            .map_err(|e| unreadable("body", e.to_string()))?;
        Ok(Body(value))
    }
}

/// A query string whose errors answer as [`ApiErrorBody`] naming the parameter.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let reader = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(reader)
            .map(Query)
            .map_err(|e| {
                let field = field_of(&e);
                let field = if field == "body" {
                    "query".into()
                } else {
                    field
                };
                unreadable(field, e.inner().to_string())
            })
    }
}

/// A `multipart/form-data` body whose errors answer as [`ApiErrorBody`] (on `body` when it is not
/// multipart at all).
pub struct Upload(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Multipart::from_request(request, state)
            .await
            .map(Upload)
            .map_err(|rejection| unreadable("body", rejection.body_text()))
    }
}

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

/// A path under `/api/` that the API does not have: JSON 404 like every other error.
pub async fn no_such_path() -> Response {
    status_error(StatusCode::NOT_FOUND, None)
}

/// Middleware on `/api/`: an error answered without a JSON body (a method the path does not take,
/// a body refused by a layer before any extractor read it) gets an [`ApiErrorBody`], so that
/// clients read every error the same way.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let connection = response.headers().get(header::CONNECTION).cloned();
    let mut replaced = status_error(status, None);
    if let Some(allow) = allow {
        replaced.headers_mut().insert(header::ALLOW, allow);
    }
    if let Some(connection) = connection {
        replaced
            .headers_mut()
            .insert(header::CONNECTION, connection);
    }
    replaced
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Plenary API",
        description = "Everything the Plenary pages can do. Reads of what the public pages show are public; the organizers' desks, accounts, the audit log and the whole assembly document need an organizer; changes need an organizer (delegates may cast their own member's ballot), signed in with a session cookie (POST /api/session) or an API token (`Authorization: Bearer …`, created with POST /api/tokens). Each operation that needs a caller says so in its `security`. Errors answer with `{code, message, field, problem}`; request bodies are limited in size (413)."
    ),
    components(schemas(ApiErrorBody))
)]
struct ApiDoc;

/// The API routes and their OpenAPI document, with the common error answers and security
/// requirements that [`ApiContract`] adds to each operation.
pub fn routes() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::routes())
        .merge(register::routes())
        .merge(assemblies::routes())
        .merge(agenda::routes())
        .merge(live::routes())
        .merge(votes::routes())
        .merge(attendance::routes())
        .merge(record::routes())
        .merge(exports::routes())
        .split_for_parts();
    // After the merge: a modifier of `ApiDoc` would run before the routes are in the document.
    utoipa::Modify::modify(&ApiContract, &mut doc);
    DECLARED.get_or_init(|| declared(&doc));
    (router, doc)
}

/// The paths of the document with the methods each takes.
static DECLARED: std::sync::OnceLock<Vec<(String, Vec<axum::http::Method>)>> =
    std::sync::OnceLock::new();

fn declared(doc: &utoipa::openapi::OpenApi) -> Vec<(String, Vec<axum::http::Method>)> {
    use axum::http::Method;
    doc.paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ];
            let taken = methods.into_iter().filter(|(_, t)| *t).map(|(m, _)| m);
            (path.clone(), taken.collect())
        })
        .collect()
}

/// Whether `path` is an operation's path that does not take `method` (HEAD goes with GET): the
/// router answers 405 with `Allow`, and nobody need sign in to learn that.
pub fn undeclared_method(method: &axum::http::Method, path: &str) -> bool {
    let method = if method == axum::http::Method::HEAD {
        &axum::http::Method::GET
    } else {
        method
    };
    let Some(declared) = DECLARED.get() else {
        return false;
    };
    let mut known = declared
        .iter()
        .filter(|(route, _)| crate::reads::matches(route, path))
        .peekable();
    known.peek().is_some() && known.all(|(_, methods)| !methods.contains(method))
}
