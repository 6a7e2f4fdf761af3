//! Protection against cross-site requests, beyond the session cookie's `SameSite=Lax`: a page on
//! another origin must not be able to change anything with a signed-in organizer's cookie, nor
//! sign a browser in as someone else (login CSRF), nor smuggle a call in a body type the entry
//! point does not document.
//!
//! `SameSite=Lax` alone is not enough: it treats every origin of the same *site* as friendly, so
//! a page on a sibling subdomain or on another port of the same host gets the cookie sent with
//! its form posts and `fetch` calls. The check here follows the algorithm of Go's
//! `http.CrossOriginProtection` (Filippo Valsorda's "CSRF" write-up): for every request that may
//! change something (any method but GET, HEAD and OPTIONS),
//!
//! 1. `Sec-Fetch-Site` (Fetch Metadata, sent by every current browser) decides when present:
//!    `same-origin` and `none` (the user's own navigation) pass, `same-site` and `cross-site`
//!    are refused.
//! 2. Without it, an `Origin` header must name this very host (compared with `Host`, or the
//!    authority of an HTTP/2 request); `Origin: null` (sandboxed frames, some redirects) is
//!    refused.
//! 3. A request with neither header does not come from a browser's page: browsers have sent
//!    `Origin` on every POST, PUT, PATCH and DELETE since 2020, and a page cannot remove it. The
//!    command line, scripts and the load tool send neither, and pass.
//!
//! A request that carries `Authorization: Bearer …` passes whatever its origin: a browser never
//! attaches a token by itself, so a page on another site can only send one it already knows, and
//! then it needs no forgery. (Such a request is identified by its token alone, never by a cookie;
//! see `auth::identify`.)
//!
//! Bodies are held to the types each kind of entry point reads, so that a form or `text/plain`
//! post (which a page on another site may send without asking the browser first) cannot reach an
//! endpoint that ignores its body:
//!
//! - server functions under `/sfn/` take `application/x-www-form-urlencoded`, which is what the
//!   Leptos client sends (`PostUrl`, every server function of the app) and what forms without
//!   JavaScript post;
//! - the JSON API under `/api/` takes `application/json`, or no body at all; the photo upload
//!   (`…/attachments`) also takes `multipart/form-data`, as its form posts it, and the register
//!   import (`/api/register/import`) `text/csv`, which its handler insists on.
//!
//! Signing in and out (`/login`, `/logout`) are form posts and fall under the origin check only.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use plenary_core::{Error, Problem};

use crate::api::ApiError;

/// The body type of server functions (the Leptos client's `PostUrl`, and plain forms).
const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/form-data";
/// The register import's body.
const CSV: &str = "text/csv";

/// Middleware: refuses a cross-site request that may change something (403), and a body of a
/// type its entry point does not take (422), before any handler runs.
pub async fn protect(request: Request, next: Next) -> Response {
    let verdict = check(request.method(), request.uri(), request.headers());
    if let Err(e) = verdict {
        if e == Error::Forbidden {
            tracing::warn!(
                method = %request.method(),
                path = request.uri().path(),
                origin = ?request.headers().get(header::ORIGIN),
                fetch_site = ?request.headers().get("sec-fetch-site"),
                "a cross-site request was refused"
            );
        }
        return ApiError(e).into_response();
    }
    next.run(request).await
}

/// Whether the request may go on: `Forbidden` for a cross-site one, `Invalid` for a body type
/// its entry point does not take.
fn check(method: &Method, uri: &Uri, headers: &HeaderMap) -> Result<(), Error> {
    if [Method::GET, Method::HEAD, Method::OPTIONS].contains(method) {
        return Ok(());
    }
    if !bearer(headers) && cross_origin(uri, headers) {
        return Err(Error::Forbidden);
    }
    let path = uri.path();
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    let allowed: &[&str] = if path.starts_with("/sfn/") {
        &[FORM]
    } else if path.starts_with("/api/") {
        match kind {
            // No body: nothing to misread.
            None => return Ok(()),
            Some(_) if path.ends_with("/attachments") => &[JSON, MULTIPART],
            // Not a type a page of another site can send without the browser asking first; JSON
            // passes here only to be told by the handler, after sign-in is checked, that it
            // is not CSV.
            Some(_) if path == "/api/register/import" => &[CSV, JSON],
            Some(_) => &[JSON],
        }
    } else {
        return Ok(());
    };
    match kind {
        Some(kind) if allowed.contains(&kind.as_str()) => Ok(()),
        _ => Err(Error::invalid(
            "body",
            Problem::Unreadable {
                detail: format!("expected Content-Type: {}", allowed.join(" or ")),
            },
        )),
    }
}

fn bearer(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "))
}

/// Whether a browser says the request comes from a page of another origin (see the module's
/// doc for the order of the checks).
fn cross_origin(uri: &Uri, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !(site == "same-origin" || site == "none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.parse::<Uri>().ok())
        .and_then(|o| o.authority().map(|a| a.as_str().to_ascii_lowercase()));
    match (origin_host, host) {
        (Some(origin), Some(host)) => origin != host.to_ascii_lowercase(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(method: Method, path: &str, headers: &[(&str, &str)]) -> Result<(), Error> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        check(&method, &path.parse().unwrap(), &map)
    }

    const HOST: (&str, &str) = ("host", "plenary.example:3000");
    const FORM_BODY: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

    #[test]
    fn fetch_metadata_decides_when_present() {
        for site in ["same-origin", "none"] {
            let headers = [HOST, FORM_BODY, ("sec-fetch-site", site)];
            assert_eq!(verdict(Method::POST, "/sfn/save_item", &headers), Ok(()));
        }
        for site in ["same-site", "cross-site"] {
            // Even with an Origin that looks like ours: the browser knows better.
            let headers = [
                HOST,
                FORM_BODY,
                ("sec-fetch-site", site),
                ("origin", "http://plenary.example:3000"),
            ];
            assert_eq!(
                verdict(Method::POST, "/sfn/save_item", &headers),
                Err(Error::Forbidden),
                "{site}"
            );
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_this_host() {
        let ours = [HOST, FORM_BODY, ("origin", "http://Plenary.example:3000")];
        assert_eq!(verdict(Method::POST, "/login", &ours), Ok(()));
        for origin in [
            "http://plenary.example:8080",
            "http://evil.plenary.example:3000",
            "null",
        ] {
            let theirs = [HOST, FORM_BODY, ("origin", origin)];
            assert_eq!(
                verdict(Method::POST, "/login", &theirs),
                Err(Error::Forbidden),
                "{origin}"
            );
        }
        // Neither header: not a browser's page.
        assert_eq!(verdict(Method::POST, "/login", &[HOST, FORM_BODY]), Ok(()));
    }

    #[test]
    fn reads_and_bearer_tokens_pass_from_anywhere() {
        let elsewhere = [("sec-fetch-site", "cross-site"), HOST];
        assert_eq!(verdict(Method::GET, "/manage", &elsewhere), Ok(()));
        let with_token = [
            elsewhere[0],
            HOST,
            ("authorization", "Bearer abc"),
            ("content-type", "application/json"),
        ];
        assert_eq!(verdict(Method::DELETE, "/api/items/4", &with_token), Ok(()));
    }

    #[test]
    fn bodies_must_be_of_the_type_the_entry_point_takes() {
        let plain = [HOST, ("content-type", "text/plain")];
        let form = [HOST, FORM_BODY];
        let json = [HOST, ("content-type", "application/json; charset=utf-8")];
        let multipart = [HOST, ("content-type", "multipart/form-data; boundary=x")];
        let refused = |r: Result<(), Error>| matches!(r, Err(Error::Invalid { .. }));
        assert!(refused(verdict(Method::POST, "/sfn/save_item", &plain)));
        assert!(refused(verdict(Method::POST, "/sfn/save_item", &json)));
        assert!(refused(verdict(Method::POST, "/sfn/save_item", &[HOST])));
        assert_eq!(verdict(Method::POST, "/sfn/save_item", &form), Ok(()));
        assert!(refused(verdict(Method::DELETE, "/api/items/4", &form)));
        assert!(refused(verdict(Method::POST, "/api/items/4", &plain)));
        assert!(refused(verdict(Method::POST, "/api/items/4", &multipart)));
        assert_eq!(verdict(Method::DELETE, "/api/items/4", &[HOST]), Ok(()));
        assert_eq!(verdict(Method::POST, "/api/items/4", &json), Ok(()));
        assert_eq!(
            verdict(Method::POST, "/api/assemblies/13/attachments", &multipart),
            Ok(())
        );
        assert_eq!(verdict(Method::POST, "/login", &form), Ok(()));
    }
}
