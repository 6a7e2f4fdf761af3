//! Server functions' answers with the HTTP status of their error, as the JSON API answers: 401,
//! 403, 404, 409, 422 or 429 rather than the 500 that Leptos gives every error.
//!
//! Leptos marks a failed server function's answer with the `serverfnerror` header and puts the
//! error in its body in the error type's own encoding (JSON for [`Error`]). Its client decodes
//! the body of any answer from 400 to 599 as the error, so only the status changes here. A form
//! posted without JavaScript gets a redirect back to its page instead (with the error in `__err`
//! of the address), which is left as it is.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use plenary_core::Error;

/// The largest error body read to find its status; a serialized [`Error`] is far smaller.
const MAX_ERROR: usize = 64 * 1024;

/// Leptos's marker of a server function's error answer (`server_fn::error::SERVER_FN_ERROR_HEADER`).
const ERROR_HEADER: &str = "serverfnerror";

/// Middleware: gives the error answers of server functions the status of their error. (Server
/// functions have routes of their own, which leptos_axum adds with the pages', so this is a layer
/// rather than part of one handler.)
pub async fn error_status(request: Request, next: Next) -> Response {
    with_error_status(next.run(request).await).await
}

/// Gives an error answer of a server function the status of its error.
async fn with_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_ERROR).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a server function's error could not be read");
            return Response::from_parts(parts, Body::empty());
        }
    };
    if let Ok(error) = serde_json::from_slice::<Error>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenary_core::Problem;

    async fn status_of(error: &Error, marked: bool) -> StatusCode {
        let mut builder = Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR);
        if marked {
            builder = builder.header(ERROR_HEADER, "/sfn/save_item");
        }
        let response = builder
            .body(Body::from(serde_json::to_vec(error).unwrap()))
            .unwrap();
        with_error_status(response).await.status()
    }

    #[tokio::test]
    async fn each_error_answers_with_its_status() {
        let invalid = Error::invalid("code", Problem::CountryCodeFormat);
        assert_eq!(
            status_of(&invalid, true).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            status_of(&Error::Forbidden, true).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status_of(&Error::Internal, true).await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        // Only server functions' errors are read.
        assert_eq!(
            status_of(&Error::Forbidden, false).await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
