//! The security headers of every answer: the Content-Security-Policy, framing, sniffing and
//! referrer rules, HSTS behind TLS, and `Cache-Control: no-store` for what is meant for one
//! signed-in person.
//!
//! **The policy.** Scripts run only from this site and, inline, only with the page's nonce:
//! Leptos writes its hydration script and the data of the page's resources inline, each with the
//! nonce that leptos_axum makes for every page it renders (`leptos::nonce`), and [`page_policy`]
//! sends that same nonce in the page's header. `'wasm-unsafe-eval'` lets the browser compile the
//! app's WebAssembly; it allows no JavaScript `eval`. There is no `'unsafe-inline'` for scripts.
//! Styles come only from this site too (`style-src 'self'`): the app's one stylesheet is a file,
//! and no component writes a `style` attribute or a `<style>` element. Images are this site's
//! (the news photos) and the empty `data:` favicon of the shell. Pages, forms and connections
//! (server functions, the live event stream) stay on this origin, no page may be framed
//! (`frame-ancestors 'none'`, and `X-Frame-Options` for older browsers), and no plug-in runs.
//!
//! **Kept pages.** The page cache (`page_cache`) serves the bytes of one rendering to many
//! anonymous readers for up to a second, and keeps the headers they were rendered with, so the
//! nonce in a kept page's scripts always matches the policy sent with it. Reusing a nonce that
//! way admits no other script: it is valid only for the exact bytes rendered with it, and anything
//! written to the database since makes the page render anew, with a new nonce.
//!
//! **Caching.** Answers to a caller with a session cookie or a bearer token are `no-store`
//! (except the built site's files under `/pkg`, the same for everyone):
//! signed-in pages show what only organizers or one delegate may see, and the answers that carry
//! secrets (a new password, a new API token, on `/manage/users` or through `/api/users` and
//! `/api/tokens`) are only ever given to a signed-in organizer. An answer that sets a cookie is
//! `no-store` too (signing in). Everything else is left to its handler (news photos, the feeds).
//!
//! **Referrer.** `same-origin`: other sites learn nothing of the page a link was followed from,
//! while this site still gets the `Referer` it needs to send a form posted without JavaScript
//! back to its page (Leptos's server functions redirect there).
//!
//! **HSTS** is sent only when Plenary serves its cookies `Secure` (`--secure-cookies`), that is,
//! behind TLS: over plain HTTP browsers ignore it, and sent there by mistake it would lock a
//! host name to HTTPS for a year.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// How long browsers keep to HTTPS once told: one year.
const HSTS: &str = "max-age=31536000";

/// The Content-Security-Policy of a page whose inline scripts carry `nonce`, or of any other
/// answer (`None`: no inline script at all).
pub fn content_security_policy(nonce: Option<&str>) -> HeaderValue {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    let policy = format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    // A nonce is URL-safe base64 (leptos::nonce), so the value is always a valid header.
    HeaderValue::from_str(&policy).expect("a policy of visible ASCII")
}

/// In the context of a page being rendered: sends the policy with the page's nonce. Called from
/// the router's page context, after leptos_axum has provided the nonce and the response options.
pub fn page_policy() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(nonce), Some(response)) = (nonce, use_context::<ResponseOptions>()) {
        response.insert_header(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(Some(&nonce)),
        );
    }
}

/// The middleware's setting: whether Plenary is served over TLS (see [`apply`]).
#[derive(Debug, Clone, Copy)]
pub struct Headers {
    pub tls: bool,
}

/// Middleware: adds the headers of the module's doc to every answer.
pub async fn apply(State(setting): State<Headers>, request: Request, next: Next) -> Response {
    let personal = personal(request.uri().path(), request.headers());
    let mut response = next.run(request).await;
    let sets_cookie = response.headers().contains_key(header::SET_COOKIE);
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(None),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if setting.tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    if personal || sets_cookie {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether the answer is meant for the one caller: anything but the built site's files (the
/// same for everyone, and megabytes of wasm that must stay cached) asked with a credential.
fn personal(path: &str, headers: &HeaderMap) -> bool {
    !path.starts_with("/pkg/") && signed_in(headers)
}

/// Whether the request carries a credential: a bearer token or the session cookie (other
/// cookies, such as the chosen language, are not personal).
fn signed_in(headers: &HeaderMap) -> bool {
    let session = format!("{}=", crate::sessions::SESSION_COOKIE);
    headers.contains_key(header::AUTHORIZATION)
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .any(|pair| pair.trim().starts_with(&session))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce_and_nothing_is_inline_without_it() {
        let page = content_security_policy(Some("abc-123"));
        let page = page.to_str().unwrap();
        let scripts = page
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(
            scripts,
            "script-src 'self' 'nonce-abc-123' 'wasm-unsafe-eval'"
        );
        assert!(!page.contains("unsafe-inline"), "{page}");
        assert!(page.contains("frame-ancestors 'none'"), "{page}");
        let other = content_security_policy(None);
        assert!(!other.to_str().unwrap().contains("nonce-"));
    }

    #[test]
    fn only_the_session_cookie_or_a_token_is_personal() {
        let with = |name: header::HeaderName, value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(name, value.parse().unwrap());
            headers
        };
        let session = format!("lang=ko; {}=xyz", crate::sessions::SESSION_COOKIE);
        assert!(signed_in(&with(header::COOKIE, &session)));
        assert!(signed_in(&with(header::AUTHORIZATION, "Bearer t")));
        assert!(!signed_in(&with(header::COOKIE, "lang=ko")));
        assert!(!signed_in(&HeaderMap::new()));
        let cookie = with(header::COOKIE, &session);
        assert!(personal("/manage/users", &cookie));
        assert!(!personal("/pkg/plenary.wasm", &cookie));
    }
}
