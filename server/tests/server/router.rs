//! The whole router in process (`tower::ServiceExt::oneshot`), on demo data, on both engines.

use axum::http::StatusCode;
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};

use crate::support::Client;

async fn get(db: &Db, path: &str) -> (StatusCode, String) {
    get_in(db, path, "en").await
}

/// The page at `path` for a visitor whose browser prefers `language`.
async fn get_in(db: &Db, path: &str, language: &str) -> (StatusCode, String) {
    Client::anonymous(db).await.page_in(path, language).await
}

fn assert_contains(html: &str, page: &str, expected: &[&str]) {
    for text in expected {
        assert!(html.contains(text), "{page} lacks {text:?}");
    }
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
        "Chair</dt><dd>Term 13: Republic of Sakha (Yakutia) (Russia)",
        "Chair-elect</dt><dd>Term 14: Ulsan Metropolitan City (South Korea)",
    ] {
        assert!(html.contains(expected), "assembly page lacks {expected:?}");
    }
}

async fn the_register_lists_members_by_country(db: Db) {
    demo::load(&db).await.unwrap();
    let (status, html) = get(&db, "/members").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "79 active members in 5 countries, and 1 associate member.",
        "Term 13: Republic of Sakha (Yakutia)",
        "Term 14: Ulsan Metropolitan City (South Korea) <span class=\"badge\">Chair-elect</span>",
        "Liaoning Province",
        "Ho Chi Minh City",
        "associate member",
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

async fn organizer(db: &Db) -> Client {
    demo::load(db).await.unwrap();
    Client::signed_in(db, Role::Organizer, "secretariat@example.org", None).await
}

async fn the_workspace_speaks_the_organizers_language(db: Db) {
    let org = organizer(&db).await;
    let korean = "ko-KR,ko;q=0.9,en;q=0.5";
    let (status, html) = org.page_in("/manage/assemblies/13/control", korean).await;
    assert_eq!(status, StatusCode::OK);
    assert_contains(
        &html,
        "the Korean control panel",
        &[
            "<html lang=\"ko\"",
            "<title>진행 패널 · 13th General Assembly of NEAR · Plenary</title>",
            "총회 시작",
            "다음 안건",
            "카운트다운 시작",
            "현재 안건으로",
            "총회: <strong>종료</strong>",
            "Welcoming remarks",
        ],
    );
    let (_, html) = org.page_in("/manage", korean).await;
    assert_contains(
        &html,
        "the Korean workspace",
        &[
            "<h1>작업 공간</h1>",
            "새 총회",
            "첫날",
            "(없음)",
            "하이브리드",
            "총회 만들기",
        ],
    );
    let (_, html) = org.page_in("/manage/register", "ru").await;
    assert_contains(
        &html,
        "the Russian register editor",
        &[
            "Правительства-члены",
            "Удалить: Zavkhan Province",
            "Добавить страну",
        ],
    );
    let (_, html) = org.page_in("/manage/assemblies/13", "ja").await;
    assert_contains(
        &html,
        "the Japanese assembly editor",
        &["議事日程", "セッションを追加", "を上へ移動", "開会の辞"],
    );
}

async fn form_errors_speak_the_readers_language(db: Db) {
    let org = organizer(&db).await;
    let (status, body) = org
        .form("/sfn/save_country", "id=&code=L&name=Nowhere")
        .await;
    assert!(!status.is_success(), "{body}");
    let error: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (&error["field"], &error["problem"]),
        (&json!("code"), &json!({"key": "country_code_format"}))
    );

    // Without JavaScript the form comes back with the error, said in the reader's language.
    let (_, back) = org
        .post_from(
            "/sfn/save_country",
            "id=&code=L&name=Nowhere",
            "/manage/register",
        )
        .await;
    let (_, html) = org.page_in(&back, "ko").await;
    assert_contains(
        &html,
        "the Korean register after a bad code",
        &["영문 대문자 두 글자여야 합니다(ISO 3166)", "국가 추가"],
    );
    let (_, back) = org
        .post_from(
            "/sfn/postpone",
            "number=13&to_date=2021-08-01&reason=typhoon",
            "/manage/assemblies/13",
        )
        .await;
    let (_, html) = org.page_in(&back, "zh").await;
    assert_contains(
        &html,
        "the Chinese editor after postponing a concluded assembly",
        &["状态为“已闭幕”的大会不能延期"],
    );

    let (_, back) = Client::anonymous(&db)
        .await
        .post_from(
            "/login",
            "email=secretariat%40example.org&password=wrong+password&next=",
            "/login",
        )
        .await;
    let (_, html) = get_in(&db, &back, "mn").await;
    assert_contains(
        &html,
        "the Mongolian sign-in after a wrong password",
        &["имэйл хаяг эсвэл нууц үг буруу байна"],
    );
}

/// Pages rendered at the same time each come out whole, with their title in the reader's
/// language. Titles were once read after rendering, when under concurrent requests the language
/// signal could already be gone: a panic and a cut connection for about 1 request in 250.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_rendered_at_once_all_come_out_whole() {
    let t = plenary_core::testing::TestDb::sqlite().await;
    demo::load(&t.db).await.unwrap();
    let mut client = Client::anonymous(&t.db).await;
    // With a cookie each page is rendered, not taken from the page cache.
    client.credential = Some((axum::http::header::COOKIE, "reader=1".into()));
    let client = std::sync::Arc::new(client);
    let mut readers = Vec::new();
    for reader in 0..8 {
        let client = client.clone();
        readers.push(tokio::spawn(async move {
            let (path, language, title) = [
                ("/assemblies/13/agenda", "en", "<title>Agenda · "),
                ("/members", "ko", "<title>회원 명부 · Plenary</title>"),
            ][reader % 2];
            for _ in 0..150 {
                let (status, html) = client.page_in(path, language).await;
                assert_eq!(status, StatusCode::OK);
                assert!(html.contains(title), "{path} lacks {title}");
                // The last thing a whole page sends: the resources it resolved.
                assert!(html.trim_end().ends_with("</script>"), "{path} is cut");
            }
        }));
    }
    for reader in readers {
        reader.await.expect("every page rendered without a panic");
    }
    t.finish().await;
}

/// Public pages are kept for readers without a cookie: a change committed by this process shows
/// at once, one written behind its back (by another process) within a second.
async fn kept_pages_show_changes(db: Db) {
    demo::load(&db).await.unwrap();
    let reader = Client::anonymous(&db).await;
    let (_, before) = reader.page_in("/members", "en").await;
    assert!(before.contains("Hyogo Prefecture"));
    let rename = |name: &'static str| {
        let db = db.clone();
        async move {
            let sql = format!("UPDATE members SET name = '{name}' WHERE name LIKE 'Hyogo%'");
            match &db {
                Db::Sqlite(pool) => sqlx::query(&sql).execute(pool).await.map(drop),
                Db::Postgres(pool) => sqlx::query(&sql).execute(pool).await.map(drop),
            }
            .unwrap();
        }
    };
    rename("Hyogo Written Elsewhere").await;
    let (_, kept) = reader.page_in("/members", "en").await;
    assert_eq!(kept, before, "the kept page is served");
    let (_, korean) = reader.page_in("/members", "ko").await;
    assert!(
        korean.contains("Hyogo Written Elsewhere"),
        "another language is another page"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, expired) = reader.page_in("/members", "en").await;
    assert!(
        expired.contains("Hyogo Written Elsewhere"),
        "kept for a second at most"
    );

    rename("Hyogo Renamed Again").await;
    let org = Client::signed_in(&db, Role::Organizer, "cache@example.org", None).await;
    org.expect(
        StatusCode::CREATED,
        axum::http::Method::POST,
        "/api/countries",
        json!({"code": "TH", "name": "Thailand"}),
    )
    .await;
    let (_, fresh) = reader.page_in("/members", "en").await;
    assert!(
        fresh.contains("Hyogo Renamed Again"),
        "a change committed by this process makes kept pages stale at once"
    );
}

both_engines!(
    kept_pages_show_changes,
    the_workspace_speaks_the_organizers_language,
    form_errors_speak_the_readers_language,
    pages_speak_the_readers_language,
    the_agenda_page_shows_speakers_and_derived_times,
    the_assembly_page_shows_when_where_and_who,
    the_register_lists_members_by_country,
    an_unknown_assembly_is_a_404_page,
    the_home_page_lists_the_assemblies,
);
