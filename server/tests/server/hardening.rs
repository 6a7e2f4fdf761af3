//! HTTP hardening, through the whole router: the security headers and the Content-Security-Policy
//! with its nonce, `no-store` for what is meant for one signed-in person, HSTS only behind TLS,
//! cross-site changes refused whatever cookie they carry, body types held to what each entry
//! point takes, and server functions answering with the status of their error.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::testing::ONE_PIXEL_PNG;
use plenary_core::{both_engines, demo, Error};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::Client;

/// The host the browsers of these tests ask for, and a page of another origin on the same site.
const HOST: &str = "plenary.example";
const OURS: &str = "http://plenary.example";
const SIBLING: &str = "http://news.plenary.example";

/// Sends `request` with the client's credential (if any).
async fn send(client: &Client, mut request: Request<Body>) -> Response {
    if let Some((name, value)) = &client.credential {
        request
            .headers_mut()
            .insert(name.clone(), value.parse().unwrap());
    }
    client.app.clone().oneshot(request).await.unwrap()
}

async fn text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default()
}

/// A form post to `path` from a page whose origin is `origin` (`None`: no Origin header).
fn form_post(path: &str, body: &str, origin: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

/// The upload of `photo` as a PNG, as the record desk's form posts it.
fn upload(photo: &[u8]) -> Request<Body> {
    let head =
        "--PHOTO\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hall.png\"\r\n\
                Content-Type: image/png\r\n\r\n";
    Request::post("/api/assemblies/13/attachments")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=PHOTO")
        .body(Body::from(
            [head.as_bytes(), photo, b"\r\n--PHOTO--\r\n"].concat(),
        ))
        .unwrap()
}

/// The nonce of the page's script-src, checked to be the only way inline scripts run.
fn script_nonce(policy: &str) -> String {
    let scripts = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("no script-src in {policy}"));
    assert!(!scripts.contains("'unsafe-inline'"), "{scripts}");
    assert!(!scripts.contains("'unsafe-eval'"), "{scripts}");
    let nonce = scripts
        .split_whitespace()
        .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("no nonce in {scripts}"));
    nonce.to_owned()
}

/// Every `<script` element of `html` that runs something carries `nonce="{nonce}"`; there is at
/// least one. (An empty `<script></script>`, which leptos_i18n writes, runs nothing.)
fn every_script_has(html: &str, nonce: &str) {
    let mut running = 0;
    for (at, _) in html.match_indices("<script") {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        let content_at = at + tag.len() + 1;
        let content_end = content_at + html[content_at..].find("</script>").unwrap();
        let content = &html[content_at..content_end];
        if content.trim().is_empty() && !tag.contains(" src=") {
            continue;
        }
        running += 1;
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{tag}");
    }
    assert!(running > 0, "the page has its hydration script");
}

/// The headers every answer carries.
fn hardened(headers: &HeaderMap, what: &str) {
    let policy = header(headers, "content-security-policy");
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    assert!(policy.contains("object-src 'none'"), "{what}: {policy}");
    assert_eq!(
        header(headers, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(headers, "referrer-policy"), "same-origin", "{what}");
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
}

async fn pages_carry_the_security_headers_and_their_nonce(db: Db) {
    demo::load(&db).await.unwrap();
    let anonymous = Client::anonymous(&db).await;
    let get = |path: &str| Request::get(path).body(Body::empty()).unwrap();

    // A public page, rendered and then served from the kept copy: the nonce of the header is
    // the nonce of the scripts in both.
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = send(&anonymous, get("/assemblies/13/agenda")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        hardened(&headers, "the agenda");
        assert_eq!(header(&headers, "strict-transport-security"), "");
        assert!(!header(&headers, "cache-control").contains("no-store"));
        let nonce = script_nonce(header(&headers, "content-security-policy"));
        every_script_has(&text(response).await, &nonce);
        nonces.push(nonce);
    }
    let response = send(&anonymous, get("/assemblies/99")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let nonce = script_nonce(header(response.headers(), "content-security-policy"));
    every_script_has(&text(response).await, &nonce);
    assert!(
        !nonces.contains(&nonce),
        "every rendering has its own nonce"
    );

    // JSON answers get the policy too (with no inline script allowed at all).
    let response = send(&anonymous, get("/api/assemblies/13")).await;
    hardened(response.headers(), "an API answer");
    let policy = header(response.headers(), "content-security-policy");
    assert!(!policy.contains("nonce-"), "{policy}");

    // A signed-in page is kept by no cache.
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;
    for path in ["/manage", "/manage/users", "/assemblies/13/agenda"] {
        let response = send(&organizer, get(path)).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        hardened(response.headers(), path);
        assert_eq!(
            header(response.headers(), "cache-control"),
            "no-store",
            "{path}"
        );
        let nonce = script_nonce(header(response.headers(), "content-security-policy"));
        every_script_has(&text(response).await, &nonce);
    }

    // A published photo may be kept by any cache; an organizer's copy (who may be seeing one
    // not yet published) by none.
    let response = send(&organizer, upload(ONE_PIXEL_PNG)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let uploaded: Value = serde_json::from_str(&text(response).await).unwrap();
    // A web page behind a PNG's signature is no photo.
    let page_as_photo = [
        &ONE_PIXEL_PNG[..8],
        b"<html><script>alert(1)</script></html>",
    ]
    .concat();
    let response = send(&organizer, upload(&page_as_photo)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(error["problem"]["key"], "attachment_type", "{error}");
    let photo = format!("/api/attachments/{}", uploaded["id"]);
    let response = send(&anonymous, get(&photo)).await;
    assert_eq!(response.status(), StatusCode::OK, "{photo}");
    assert_eq!(
        header(response.headers(), "cache-control"),
        "public, max-age=3600"
    );
    assert_eq!(
        header(response.headers(), "x-content-type-options"),
        "nosniff"
    );
    let response = send(&organizer, get(&photo)).await;
    assert_eq!(response.status(), StatusCode::OK, "{photo}");
    assert!(header(response.headers(), "cache-control").contains("no-store"));

    // Nor is the answer that carries a new API token.
    let request = Request::post("/api/tokens")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"name": "venue screen"}"#))
        .unwrap();
    let response = send(&organizer, request).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(header(response.headers(), "cache-control"), "no-store");
    let created: Value = serde_json::from_str(&text(response).await).unwrap();
    assert!(created["token"].is_string(), "{created}");
}

async fn hsts_is_sent_only_behind_tls(db: Db) {
    demo::load(&db).await.unwrap();
    let get = || Request::get("/members").body(Body::empty()).unwrap();
    let plain = plenary_server::build(db.clone(), std::path::Path::new("target/site"), false)
        .await
        .unwrap();
    let response = plain.oneshot(get()).await.unwrap();
    assert!(!response.headers().contains_key("strict-transport-security"));
    let tls = plenary_server::build(db.clone(), std::path::Path::new("target/site"), true)
        .await
        .unwrap();
    let response = tls.oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(response.headers(), "strict-transport-security"),
        "max-age=31536000"
    );
}

/// Whether a country with ISO code `code` is in the register.
async fn has_country(client: &Client, code: &str) -> bool {
    let countries = client.get("/api/countries").await;
    countries
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == code)
}

async fn cross_site_changes_are_refused(db: Db) {
    demo::load(&db).await.unwrap();
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;

    // Another origin of the same site, with the organizer's cookie: refused, nothing saved.
    let response = send(
        &organizer,
        form_post(
            "/sfn/save_country",
            "id=&code=TH&name=Thailand",
            Some(SIBLING),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let error: Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(error["code"], "forbidden");
    for site in ["cross-site", "same-site"] {
        let mut request = form_post("/sfn/save_country", "id=&code=TH&name=Thailand", None);
        request
            .headers_mut()
            .insert("sec-fetch-site", site.parse().unwrap());
        let response = send(&organizer, request).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{site}");
    }
    let request = Request::post("/api/countries")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://plenary.example:8080")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"code": "TH", "name": "Thailand"}"#))
        .unwrap();
    let response = send(&organizer, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let error: Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(error["code"], "forbidden");
    assert!(!has_country(&organizer, "TH").await);

    // Signing in from another site (login CSRF), by form or by the API: refused.
    let anonymous = Client::anonymous(&db).await;
    let response = send(
        &anonymous,
        form_post(
            "/login",
            "email=org%40example.org&password=a+long+enough+password&next=",
            Some(SIBLING),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!response.headers().contains_key(header::SET_COOKIE));
    let request = Request::post("/api/session")
        .header(header::HOST, HOST)
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"email": "org@example.org", "password": "a long enough password"}"#,
        ))
        .unwrap();
    let response = send(&anonymous, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!response.headers().contains_key(header::SET_COOKIE));

    // The same from this origin goes through.
    let response = send(
        &organizer,
        form_post("/sfn/save_country", "id=&code=TH&name=Thailand", Some(OURS)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(has_country(&organizer, "TH").await);
    let mut request = form_post("/sfn/save_country", "id=&code=LA&name=Laos", None);
    request
        .headers_mut()
        .insert("sec-fetch-site", "same-origin".parse().unwrap());
    assert_eq!(send(&organizer, request).await.status(), StatusCode::OK);
    let response = send(
        &anonymous,
        form_post(
            "/login",
            "email=org%40example.org&password=a+long+enough+password&next=",
            Some(OURS),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers().contains_key(header::SET_COOKIE));
}

async fn bodies_are_held_to_their_types(db: Db) {
    demo::load(&db).await.unwrap();
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;

    // A server function takes a form, not text (which a page elsewhere may post unasked).
    let mut request = form_post("/sfn/save_country", "id=&code=TH&name=Thailand", None);
    request.headers_mut().insert(
        header::CONTENT_TYPE,
        "text/plain;charset=UTF-8".parse().unwrap(),
    );
    let response = send(&organizer, request).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(error["field"], "body");
    assert!(!has_country(&organizer, "TH").await);

    // An API operation without a body takes no form either.
    let mut request = form_post("/api/items/1", "", None);
    *request.method_mut() = Method::DELETE;
    let response = send(&organizer, request).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let agenda = organizer.get("/api/sessions/1/items").await;
    assert!(
        agenda
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["id"] == 1),
        "the item is still there: {agenda}"
    );
}

async fn server_functions_answer_with_the_status_of_their_error(db: Db) {
    demo::load(&db).await.unwrap();
    let anonymous = Client::anonymous(&db).await;
    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;
    let cases = [
        (
            &anonymous,
            "/sfn/save_country",
            "id=&code=TH&name=Thailand",
            StatusCode::UNAUTHORIZED,
        ),
        (
            &delegate,
            "/sfn/save_country",
            "id=&code=TH&name=Thailand",
            StatusCode::FORBIDDEN,
        ),
        (
            &organizer,
            "/sfn/save_country",
            "id=&code=T&name=Thailand",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            &organizer,
            "/sfn/save_country",
            "id=&code=KR&name=Korea",
            StatusCode::CONFLICT,
        ),
        (
            &anonymous,
            "/sfn/load_assembly",
            "number=99",
            StatusCode::NOT_FOUND,
        ),
    ];
    for (client, path, form, expected) in cases {
        let (status, body) = client.form(path, form).await;
        assert_eq!(status, expected, "{path} {form}: {body}");
        // The Leptos client decodes the error from the body of any 4xx or 5xx answer.
        let error: Error = serde_json::from_str(&body).unwrap();
        assert_eq!(error.status(), expected.as_u16(), "{body}");
    }

    // Without JavaScript, the form still comes back to its page with the error.
    let mut request = form_post("/sfn/save_country", "id=&code=T&name=Thailand", Some(OURS));
    let headers = request.headers_mut();
    headers.insert(header::ACCEPT, "text/html".parse().unwrap());
    headers.insert(
        header::REFERER,
        format!("{OURS}/manage/register").parse().unwrap(),
    );
    let response = send(&organizer, request).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = header(response.headers(), "location");
    assert!(
        location.starts_with(&format!("{OURS}/manage/register?")) && location.contains("__err="),
        "{location}"
    );
}

both_engines!(
    pages_carry_the_security_headers_and_their_nonce,
    hsts_is_sent_only_behind_tls,
    cross_site_changes_are_refused,
    bodies_are_held_to_their_types,
    server_functions_answer_with_the_status_of_their_error,
);
