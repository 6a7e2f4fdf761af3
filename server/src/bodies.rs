//! Request bodies: how large each entry point takes them, and what becomes of a body nobody
//! read to its end.
//!
//! The limits are axum's `DefaultBodyLimit`, chosen by path, so that the extractors refuse a
//! larger body with 413 (as JSON, see `api::Body`) after reading no more than the limit.
//!
//! A request refused before its body is read (401 and 403 at the gate, 403 from the cross-site
//! check, 413 part-way) leaves bytes on the connection. hyper then reads what has already
//! arrived and, if the body is not complete, closes the connection after the answer, without
//! saying so: a client that sent its next request on the kept-alive connection meanwhile gets
//! "connection closed without response" (about one anonymous POST in fifteen did). So every
//! body is tracked; what is left of one when the answer is ready is read and dropped, up to
//! [`DRAIN_BYTES`] and [`DRAIN_TIME`], and an answer whose request body still was not read to its
//! end says `Connection: close`, so the client opens a new connection for its next request.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Body as _, Frame, SizeHint};
use http_body_util::BodyExt;
use tower::{Layer, ServiceExt};

/// A JSON body of the API: a declaration in every working language fits many times over.
pub const JSON_BYTES: usize = 1024 * 1024;
/// A photo of the news summary (5 MB) with the form around it.
pub const UPLOAD_BYTES: usize = plenary_core::model::MAX_ATTACHMENT_BYTES + 64 * 1024;
/// A whole assembly document with its photos, read back into an empty database.
pub const DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// A register as a CSV file.
pub const REGISTER_CSV_BYTES: usize = 2 * 1024 * 1024;
/// Anything else: server functions and the sign-in forms (a form of the record desk holds a
/// declaration in every working language).
pub const FORM_BYTES: usize = 2 * 1024 * 1024;

/// At most this much of a body that was not read is read and dropped to keep its connection.
pub const DRAIN_BYTES: usize = 1024 * 1024;
/// … and for at most this long.
pub const DRAIN_TIME: Duration = Duration::from_secs(2);

/// The largest body `path` takes.
pub fn limit_for(path: &str) -> usize {
    if !path.starts_with("/api/") {
        return FORM_BYTES;
    }
    if path.ends_with("/attachments") {
        UPLOAD_BYTES
    } else if path == "/api/documents" {
        DOCUMENT_BYTES
    } else if path == "/api/register/import" {
        REGISTER_CSV_BYTES
    } else {
        JSON_BYTES
    }
}

/// Middleware: the body limit of the request's path, for the extractors to apply.
pub async fn limit(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    match DefaultBodyLimit::max(limit)
        .layer(next)
        .oneshot(request)
        .await
    {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// What became of a request body: read to its end, or what was left of it when it was dropped.
#[derive(Default)]
struct Fate {
    finished: bool,
    left: Option<Body>,
}

/// A request body that records whether it was read to its end, and hands back what is left of
/// it when it is dropped before.
struct Tracked {
    inner: Option<Body>,
    fate: Arc<Mutex<Fate>>,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(inner).poll_frame(cx);
        if let Poll::Ready(None) = polled {
            self.inner = None;
            lock(&self.fate).finished = true;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(|b| b.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |b| b.size_hint())
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let mut fate = lock(&self.fate);
        match self.inner.take() {
            Some(body) if !body.is_end_stream() => fate.left = Some(body),
            _ => fate.finished = true,
        }
    }
}

fn lock(fate: &Mutex<Fate>) -> std::sync::MutexGuard<'_, Fate> {
    fate.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Middleware (outermost): tracks the request body; once the answer is ready, reads what is
/// left of the body (within bounds) so that the connection stays usable, or else tells the
/// client to close it.
pub async fn keep_alive(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    if body.is_end_stream() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let fate = Arc::new(Mutex::new(Fate::default()));
    let tracked = Tracked {
        inner: Some(body),
        fate: fate.clone(),
    };
    let mut response = next
        .run(Request::from_parts(parts, Body::new(tracked)))
        .await;
    let (finished, left) = {
        let mut fate = lock(&fate);
        (fate.finished, fate.left.take())
    };
    let read = match left {
        Some(body) => drain(body).await,
        None => finished,
    };
    if !read {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Reads `body` to its end and drops it, if it ends within [`DRAIN_BYTES`] and [`DRAIN_TIME`].
async fn drain(body: Body) -> bool {
    let limited = http_body_util::Limited::new(body, DRAIN_BYTES);
    matches!(
        tokio::time::timeout(DRAIN_TIME, limited.collect()).await,
        Ok(Ok(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_point_takes_bodies_of_its_own_size() {
        assert_eq!(limit_for("/api/countries"), JSON_BYTES);
        assert_eq!(limit_for("/api/assemblies/13/attachments"), UPLOAD_BYTES);
        assert_eq!(limit_for("/api/documents"), DOCUMENT_BYTES);
        assert_eq!(limit_for("/api/register/import"), REGISTER_CSV_BYTES);
        assert_eq!(limit_for("/sfn/save_country"), FORM_BYTES);
        const { assert!(UPLOAD_BYTES > plenary_core::model::MAX_ATTACHMENT_BYTES) };
    }
}
