//! The whole router in process (`tower::ServiceExt::oneshot`), on demo data, on both engines.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use plenary_server::build;
use tower::ServiceExt;

async fn get(db: &Db, path: &str) -> (StatusCode, String) {
    get_in(db, path, "en").await
}

/// The page at `path` for a browser that prefers `language`, with the hydration markers (HTML
/// comments between pieces of text) taken out so that sentences can be matched whole.
async fn get_in(db: &Db, path: &str, language: &str) -> (StatusCode, String) {
    let app = build(db.clone(), std::path::Path::new("target/site"), false)
        .await
        .unwrap();
    let request = Request::get(path)
        .header("accept-language", language)
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let mut html = String::from_utf8_lossy(&bytes).replace("<!>", "");
    while let Some(start) = html.find("<!--") {
        let end = html[start..]
            .find("-->")
            .map_or(html.len(), |e| start + e + 3);
        html.replace_range(start..end, "");
    }
    (status, html)
}

async fn the_agenda_page_shows_speakers_and_derived_times(db: Db) {
    demo::load(&db).await.unwrap();
    let (status, html) = get(&db, "/assemblies/13/agenda").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "<title>Agenda · 13th General Assembly of NEAR · Plenary</title>",
        "Opening ceremony",
        "Prime Minister Tarasenko Andrey",
        "Governor Lee Cheol-woo",
        "Ban Ki-moon, former Secretary-General of the United Nations",
        "video message",
        "Michigami Hisashi",
        "Kim Ok-chae",
        "Mayor Song Chul-ho",
        "Governor Liu Ning",
        "Representative of Shandong Province",
        "Presentation by Kamchatka Territory",
        "Adoption of the Declaration of the 13th General Assembly",
        r#"<time datetime="2021-08-10T01:00:00+00:00">10:00</time>"#,
        r#"<time datetime="2021-08-10T01:10:00+00:00">10:10</time>"#,
        "Asia/Seoul",
        "Showing 22 of 22 items",
    ] {
        assert!(html.contains(expected), "agenda page lacks {expected:?}");
    }
    let ban = html.find("Ban Ki-moon").unwrap();
    let kim = html.find("Kim Ok-chae").unwrap();
    assert!(ban < kim, "items appear in agenda order");
}

async fn the_assembly_page_shows_when_where_and_who(db: Db) {
    demo::load(&db).await.unwrap();
    let (status, html) = get(&db, "/assemblies/13").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "13th General Assembly of NEAR",
        "After 25 years together, into the future we go!",
        "10 August 2021",
        "POSCO International Center, Pohang",
        "online",
        "COVID-19",
        "from 73 regional governments",
        "including 70 member governments from 5 countries.",
        "Associate members: Ho Chi Minh City",
    ] {
        assert!(html.contains(expected), "assembly page lacks {expected:?}");
    }
}

async fn the_register_lists_members_by_country(db: Db) {
    demo::load(&db).await.unwrap();
    let (status, html) = get(&db, "/members").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "78 active members in 5 countries, and 1 associate member.",
        "Term 13: Republic of Sakha (Yakutia)",
        "Ulsan Metropolitan City",
        "Ho Chi Minh City",
        "associate member",
        "applicant",
    ] {
        assert!(html.contains(expected), "register lacks {expected:?}");
    }
}

async fn an_unknown_assembly_is_a_404_page(db: Db) {
    demo::load(&db).await.unwrap();
    for path in [
        "/assemblies/99",
        "/assemblies/99/agenda",
        "/assemblies/thirteen",
        "/no/such/page",
    ] {
        let (status, html) = get(&db, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Not found"), "{path}: {html}");
    }
}

async fn the_home_page_lists_the_assemblies(db: Db) {
    let (status, html) = get(&db, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No assembly has been created yet."));
    demo::load(&db).await.unwrap();
    let (_, html) = get(&db, "/").await;
    assert!(html.contains(r#"href="/assemblies/13""#));
    assert!(html.contains("Association of North East Asia Regional Governments"));
}

async fn pages_speak_the_readers_language(db: Db) {
    demo::load(&db).await.unwrap();
    let (_, html) = get_in(&db, "/assemblies/13/agenda", "ko-KR,ko;q=0.9,en;q=0.5").await;
    for expected in [
        "<html lang=\"ko\"",
        "2021년 8월 10일 의사일정",
        "안건 또는 발언자 찾기",
        "22개 중 22개 안건 표시",
        "영상 메시지",
        "Shandong Province 대표",
    ] {
        assert!(html.contains(expected), "Korean agenda lacks {expected:?}");
    }
    let (_, html) = get_in(&db, "/members", "ru").await;
    assert!(html.contains("Реестр членов"), "Russian register");
    let (_, html) = get_in(&db, "/assemblies/13", "mn").await;
    assert!(html.contains("2021 оны 8-р сарын 10"), "Mongolian date");
    let (_, html) = get_in(&db, "/assemblies/13", "fr").await;
    assert!(
        html.contains("10 August 2021"),
        "an unknown language falls back to English"
    );
}

both_engines!(
    pages_speak_the_readers_language,
    the_agenda_page_shows_speakers_and_derived_times,
    the_assembly_page_shows_when_where_and_who,
    the_register_lists_members_by_country,
    an_unknown_assembly_is_a_404_page,
    the_home_page_lists_the_assemblies,
);
