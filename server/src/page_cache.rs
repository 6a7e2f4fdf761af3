//! Rendered public pages kept for the readers who have no account: when an assembly is streamed
//! to thousands of viewers, most of them load the same few pages, and rendering each one anew
//! costs about ten times what sending it does.
//!
//! A page is kept only when the request carries no cookie and no credentials (so nothing in it
//! can depend on who asks), it was rendered by the app (not a file of the site, which is read
//! from disk as it is), it is a complete HTML answer (200, `text/html`), and it sets no cookie. The key holds everything else a page depends on: its address and query, and the
//! `Accept-Language` (the interface language) and `Accept-Encoding` (the compression) headers.
//!
//! A kept page is served until this process commits a change to its database, and for one
//! second at most: changes committed by another process (another server on the same PostgreSQL,
//! or the command line on the same SQLite file) show within that second.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use plenary_core::storage::Changes;

/// How long a page is served from the cache at most.
const LIFETIME: Duration = Duration::from_secs(1);
/// How many pages are kept; when full, the cache starts again from empty.
const CAPACITY: usize = 256;
/// How large a kept page may be: far above any page's size, since a larger one cannot be
/// served at all once it has been read.
const MAX_PAGE: usize = 32 * 1024 * 1024;

#[derive(Clone)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<Key, Arc<Page>>>>,
    /// This process's changes to the database the pages are read from.
    changes: Changes,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    language: Option<HeaderValue>,
    encoding: Option<HeaderValue>,
}

struct Page {
    /// The count of changes it was rendered after.
    version: u64,
    rendered: Instant,
    headers: HeaderMap,
    body: Bytes,
}

impl PageCache {
    pub fn new(changes: Changes) -> PageCache {
        PageCache {
            pages: Arc::default(),
            changes,
        }
    }

    fn get(&self, key: &Key) -> Option<Arc<Page>> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let page = pages.get(key)?;
        let fresh = page.version == self.changes.count() && page.rendered.elapsed() < LIFETIME;
        fresh.then(|| Arc::clone(page))
    }

    fn put(&self, key: Key, page: Arc<Page>) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= CAPACITY && !pages.contains_key(&key) {
            pages.clear();
        }
        pages.insert(key, page);
    }
}

/// Marks a response as a page the app rendered (see [`mark`]).
#[derive(Debug, Clone, Copy)]
struct Rendered;

/// The middleware of the app's page routes: their answers may be kept.
pub async fn mark(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(Rendered);
    response
}

/// The middleware: answers from the cache when it can, and keeps what it may.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    if let Some(page) = cache.get(&key) {
        return answer(&page);
    }
    // Read before rendering: a change committed meanwhile makes this copy stale at once.
    let version = cache.changes.count();
    let response = next.run(request).await;
    if !keepable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, MAX_PAGE).await {
        Ok(body) => body,
        Err(e) => {
            // The body failed while rendering (or is beyond any page's size): the reader gets
            // an error either way, as without the cache.
            tracing::warn!(error = %e, "a page could not be read to keep it");
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .expect("an empty response");
        }
    };
    let page = Arc::new(Page {
        version,
        rendered: Instant::now(),
        headers: parts.headers,
        body,
    });
    cache.put(key, Arc::clone(&page));
    answer(&page)
}

/// The key of a request whose answer may be kept, or `None`.
fn key_of(request: &Request) -> Option<Key> {
    let headers = request.headers();
    let anonymous =
        !headers.contains_key(header::COOKIE) && !headers.contains_key(header::AUTHORIZATION);
    let path = request.uri().path();
    let page = !["/api/", "/sfn/", "/pkg/"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    (request.method() == Method::GET && anonymous && page).then(|| Key {
        uri: request.uri().to_string(),
        language: headers.get(header::ACCEPT_LANGUAGE).cloned(),
        encoding: headers.get(header::ACCEPT_ENCODING).cloned(),
    })
}

fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let rendered = response.extensions().get::<Rendered>().is_some();
    response.status() == StatusCode::OK
        && rendered
        && html
        && !headers.contains_key(header::SET_COOKIE)
}

fn answer(page: &Page) -> Response {
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.headers_mut() = page.headers.clone();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, headers: &[(header::HeaderName, &str)]) -> Request {
        let mut builder = Request::builder().uri(uri);
        for (name, value) in headers {
            builder = builder.header(name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_page_reads_are_kept() {
        assert!(key_of(&request("/assemblies/13/agenda", &[])).is_some());
        assert!(key_of(&request(
            "/assemblies/13/agenda",
            &[(header::COOKIE, "a=b")]
        ))
        .is_none());
        assert!(key_of(&request("/members", &[(header::AUTHORIZATION, "Bearer x")])).is_none());
        assert!(key_of(&request("/api/assemblies/13", &[])).is_none());
        assert!(key_of(&request("/pkg/plenary.js", &[])).is_none());
        let post = Request::post("/login").body(Body::empty()).unwrap();
        assert!(key_of(&post).is_none());
    }

    #[test]
    fn the_key_holds_the_query_language_and_compression() {
        let plain = key_of(&request("/assemblies/13/news?lang=ko", &[])).unwrap();
        let korean = key_of(&request(
            "/assemblies/13/news?lang=ko",
            &[(header::ACCEPT_LANGUAGE, "ko")],
        ))
        .unwrap();
        let gzip = key_of(&request(
            "/assemblies/13/news?lang=ko",
            &[(header::ACCEPT_ENCODING, "gzip")],
        ))
        .unwrap();
        let other = key_of(&request("/assemblies/13/news?lang=en", &[])).unwrap();
        assert_ne!(plain, korean);
        assert_ne!(plain, gzip);
        assert_ne!(plain, other);
    }

    #[test]
    fn only_whole_html_pages_that_set_no_cookie_are_kept() {
        let page = |status: StatusCode, kind: &str, cookie: bool| {
            let mut builder = Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, kind)
                .extension(Rendered);
            if cookie {
                builder = builder.header(header::SET_COOKIE, "a=b");
            }
            builder.body(Body::empty()).unwrap()
        };
        assert!(keepable(&page(
            StatusCode::OK,
            "text/html; charset=utf-8",
            false
        )));
        assert!(!keepable(&page(
            StatusCode::OK,
            "text/html; charset=utf-8",
            true
        )));
        assert!(!keepable(&page(StatusCode::NOT_FOUND, "text/html", false)));
        assert!(!keepable(&page(StatusCode::OK, "application/json", false)));
        let file = Response::builder()
            .header(header::CONTENT_TYPE, "text/html")
            .body(Body::empty())
            .unwrap();
        assert!(!keepable(&file), "a file of the site is not kept");
    }
}
