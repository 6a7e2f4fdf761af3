//! The built site under `/pkg`: a release bundle named by its hash is linked from every page,
//! kept by browsers for a year and sent gzipped from its precompressed copy; a debug bundle is
//! asked for again every time.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use http_body_util::BodyExt;
use plenary_core::demo;
use plenary_core::testing::TestDb;
use tower::ServiceExt;

async fn fetch(app: &Router, path: &str, encoding: Option<&str>) -> (Response<()>, Vec<u8>) {
    let mut request = Request::builder().uri(path);
    if let Some(encoding) = encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (Response::from_parts(parts, ()), bytes)
}

fn cache_control(response: &Response<()>) -> &str {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .map_or("", |v| v.to_str().unwrap())
}

#[tokio::test]
async fn a_release_bundle_is_named_by_its_hash_and_kept_for_a_year() {
    let t = TestDb::sqlite().await;
    demo::load(&t.db).await.unwrap();
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let name = "plenary-0123456789abcdef";
    std::fs::write(pkg.join("bundle-name"), format!("{name}\n")).unwrap();
    std::fs::write(pkg.join(format!("{name}.js")), "export default 1;").unwrap();
    std::fs::write(pkg.join(format!("{name}.js.gz")), b"gzipped js").unwrap();
    std::fs::write(pkg.join(format!("{name}.js.br")), b"brotli js").unwrap();
    std::fs::write(pkg.join(format!("{name}.css")), "body {}").unwrap();
    let app = plenary_server::build(t.db.clone(), site.path(), false)
        .await
        .unwrap();

    let (page, html) = fetch(&app, "/assemblies/13/agenda", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = String::from_utf8(html).unwrap();
    for link in [".js", "_bg.wasm", ".css"] {
        let href = format!("/pkg/{name}{link}");
        assert!(html.contains(&href), "the page links {href}");
    }
    assert!(!cache_control(&page).contains("immutable"), "pages change");

    let (js, body) = fetch(&app, &format!("/pkg/{name}.js"), None).await;
    assert_eq!(js.status(), StatusCode::OK);
    assert_eq!(body, b"export default 1;");
    assert_eq!(cache_control(&js), "public, max-age=31536000, immutable");
    let (gzipped, body) = fetch(&app, &format!("/pkg/{name}.js"), Some("gzip")).await;
    assert_eq!(gzipped.headers()[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body, b"gzipped js", "the copy made at build time");
    let (brotli, body) = fetch(&app, &format!("/pkg/{name}.js"), Some("gzip, br")).await;
    assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        body, b"brotli js",
        "brotli first, for browsers that take it"
    );
    let (css, _) = fetch(&app, &format!("/pkg/{name}.css"), Some("gzip")).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(cache_control(&css).contains("immutable"));

    let (missing, _) = fetch(&app, "/pkg/plenary-ffff.js", None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    t.finish().await;
}

#[tokio::test]
async fn a_debug_bundle_is_asked_for_again() {
    let t = TestDb::sqlite().await;
    demo::load(&t.db).await.unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/plenary.css"), "body {}").unwrap();
    let app = plenary_server::build(t.db.clone(), site.path(), false)
        .await
        .unwrap();
    let (_, html) = fetch(&app, "/assemblies/13", None).await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("/pkg/plenary.css") && html.contains("/pkg/plenary.js"));
    let (css, _) = fetch(&app, "/pkg/plenary.css", None).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(cache_control(&css), "no-cache");
    t.finish().await;
}
