//! What every operation of the OpenAPI document promises beyond its own annotations: who must be
//! signed in (its `security`, from the same rules that `auth::access` applies to requests) and
//! the error answers that the layers in front of every handler can give (401 and 403 from the
//! gate, 403 and 422 from the cross-site and body-type checks, 413 from the body limits, 404 and
//! 422 from the path, query and body extractors), each with the [`ApiErrorBody`] schema.
//!
//! Deriving them from the rules that produce them keeps the document true as operations are
//! added, without repeating the same responses on every handler.

use axum::http::Method;
use plenary_core::auth::Access;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{Content, Ref, RefOr, Response, ResponseBuilder};

/// The ways to sign in, as the document names them: the session cookie of `POST /api/session`,
/// or an API token sent as `Authorization: Bearer …`. Either one satisfies an operation.
pub const SECURITY_SCHEMES: [&str; 2] = ["session", "bearer"];

/// Operations that limit failed attempts per address (429).
const RATE_LIMITED: [(&str, &str); 2] = [("POST", "/api/session"), ("PUT", "/api/me/password")];

/// Operations with a body that change nothing another record could clash with (no 409).
const NO_CONFLICT: [&str; 4] = [
    "/api/session",
    "/api/me/password",
    "/api/tokens",
    "/api/users/{id}/active",
];

/// Adds the security schemes, and to each operation its security requirement and the error
/// answers that apply to it.
pub struct ApiContract;

impl utoipa::Modify for ApiContract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::sessions::SESSION_COOKIE,
            ))),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (method, operation) in operations(item) {
                complete(&method, path, operation);
            }
        }
    }
}

/// The operations of a path, with their methods.
fn operations(item: &mut PathItem) -> Vec<(Method, &mut Operation)> {
    [
        (Method::GET, item.get.as_mut()),
        (Method::PUT, item.put.as_mut()),
        (Method::POST, item.post.as_mut()),
        (Method::DELETE, item.delete.as_mut()),
        (Method::PATCH, item.patch.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
    .collect()
}

/// The error answers `method` on `path` can give besides its handler's own, and why.
pub fn common_answers(
    method: &Method,
    path: &str,
    has_body: bool,
    has_query: bool,
) -> Vec<(u16, &'static str)> {
    let access = crate::auth::access(method, path);
    let api = path.starts_with("/api/");
    let changes = *method != Method::GET && *method != Method::HEAD;
    let mut answers = Vec::new();
    if access != Access::Public {
        answers.push((401, "Sign in first: a session cookie or an API token."));
    }
    if access == Access::Organizer || (api && changes) {
        answers.push((
            403,
            "Not allowed: the caller's role, or a request from another site's page.",
        ));
    }
    if path.contains('{') {
        answers.push((404, "No such record."));
    }
    if has_body && changes && api && !NO_CONFLICT.contains(&path) {
        answers.push((409, "Clashes with what is recorded."));
    }
    if has_body {
        answers.push((413, "The request body is larger than this operation takes."));
    }
    if has_body || has_query || path.contains('{') || (api && changes) {
        answers.push((
            422,
            "A value that cannot be read or is not acceptable; `field` names it.",
        ));
    }
    if RATE_LIMITED.contains(&(method.as_str(), path)) {
        answers.push((429, "Too many failed attempts; wait a minute."));
    }
    answers
}

fn complete(method: &Method, path: &str, operation: &mut Operation) {
    let has_body = operation.request_body.is_some();
    let has_query = operation.parameters.as_ref().is_some_and(|ps| {
        ps.iter()
            .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
    });
    for (status, why) in common_answers(method, path, has_body, has_query) {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| error_answer(why));
    }
    if crate::auth::access(method, path) != Access::Public {
        operation.security = Some(
            SECURITY_SCHEMES
                .iter()
                .map(|scheme| SecurityRequirement::new(*scheme, Vec::<String>::new()))
                .collect(),
        );
    }
}

fn error_answer(why: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(why)
            .content(
                "application/json",
                Content::new(Some(Ref::from_schema_name("ApiErrorBody"))),
            )
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(method: Method, path: &str, body: bool) -> Vec<u16> {
        common_answers(&method, path, body, false)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn public_reads_promise_only_what_their_path_can_fail() {
        assert_eq!(
            statuses(Method::GET, "/api/assemblies", false),
            Vec::<u16>::new()
        );
        assert_eq!(
            statuses(Method::GET, "/api/assemblies/{number}", false),
            [404, 422]
        );
    }

    #[test]
    fn changes_need_a_caller_and_can_be_refused_early() {
        assert_eq!(
            statuses(Method::POST, "/api/countries", true),
            [401, 403, 409, 413, 422]
        );
        assert_eq!(
            statuses(Method::DELETE, "/api/items/{id}", false),
            [401, 403, 404, 422]
        );
        assert_eq!(
            statuses(Method::POST, "/api/session", true),
            [403, 413, 422, 429]
        );
        assert_eq!(
            statuses(Method::GET, "/api/assemblies/{number}/document", false),
            [401, 403, 404, 422]
        );
    }
}
