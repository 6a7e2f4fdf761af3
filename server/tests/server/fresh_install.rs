//! A secretariat other than the demo's starts from an empty database: its first organizer (made
//! as `plenary user add` makes one) sets up the association, imports its register from CSV,
//! records the chairs of earlier terms and creates a first assembly, whose record, calendar
//! and exports then answer.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::Client;

const REGISTER: &str = "country_code,country_name,member_name,kind,status,ordinal,joined
DE,Germany,Land Schleswig-Holstein,member,active,1,1999-06-10
de,Germany,Freie und Hansestadt Hamburg,member,active,2,1999-06-10
PL,Poland,Województwo pomorskie,member,active,3,2004-05-01
PL,Poland,Województwo zachodniopomorskie,associate,applicant,,
";

/// Two bad lines among good ones: an unknown kind (line 3), and a country code and a date that
/// are not (line 5).
const BAD_REGISTER: &str = "country_code,country_name,member_name,kind,status,ordinal,joined
SE,Sweden,Region Skåne,member,active,4,2001-01-01
SE,Sweden,Västra Götalandsregionen,membre,active,5,
DK,Denmark,Region Hovedstaden,member,active,6,
Denmark,Denmark,Region Sjælland,member,active,7,1 May 2007
";

fn association(name: &str) -> Value {
    json!({
        "name": name, "short_name": "BSRC", "secretariat": "Kiel, Germany",
        "founded_year": 1999, "languages": ["de", "pl", "sv"], "associates_vote": false,
        "time_zone": "Europe/Berlin"
    })
}

/// Posts a CSV file to the register import; the status and the JSON answer.
async fn import(client: &Client, csv: &str) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/register/import")
        .header(header::CONTENT_TYPE, "text/csv; charset=utf-8");
    if let Some((name, value)) = &client.credential {
        request = request.header(name, value);
    }
    let response = client
        .app
        .clone()
        .oneshot(request.body(Body::from(csv.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn status_of(client: &Client, path: &str) -> StatusCode {
    client.page_in(path, "en").await.0
}

async fn member_id(client: &Client, name: &str) -> i64 {
    let members = client.get("/api/members").await;
    members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("{name} is in the register"))["id"]
        .as_i64()
        .unwrap()
}

async fn an_association_starts_from_an_empty_database(db: Db) {
    let visitor = Client::anonymous(&db).await;
    // Before anything is set up, the public pages answer, and say nothing is there.
    for path in [
        "/",
        "/members",
        "/news.atom",
        "/api/register",
        "/api/assemblies",
    ] {
        assert_eq!(status_of(&visitor, path).await, StatusCode::OK, "{path}");
    }
    let (_, home) = visitor.page_in("/", "en").await;
    assert!(home.contains("not set up yet"), "{home}");
    for path in [
        "/api/association",
        "/assemblies/1",
        "/assemblies/1/minutes",
        "/assemblies/1/calendar.ics",
        "/api/assemblies/1/record",
    ] {
        assert_eq!(
            status_of(&visitor, path).await,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    let org = Client::signed_in(&db, Role::Organizer, "office@bsrc.example", None).await;
    // The workspace asks for the association before anything else.
    let (status, html) = org.page_in("/manage", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Set up your association"), "{html}");
    for field in [
        "name",
        "short_name",
        "languages",
        "time_zone",
        "secretariat",
        "founded_year",
    ] {
        assert!(
            html.contains(&format!("name=\"{field}\"")),
            "the setup form asks for {field}"
        );
    }
    assert!(
        !html.contains("new-assembly"),
        "nothing else before the association"
    );

    // A bad setup names its field and stores nothing.
    let mut bad = association("Baltic Sea Regions Conference");
    bad["time_zone"] = json!("Central European Time");
    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            "/api/association",
            bad,
        )
        .await;
    assert_eq!(refused["field"], "time_zone");
    assert_eq!(
        status_of(&visitor, "/api/association").await,
        StatusCode::NOT_FOUND
    );

    let created = org
        .expect(
            StatusCode::CREATED,
            Method::PUT,
            "/api/association",
            association("Baltic Sea Regions Conference"),
        )
        .await;
    assert_eq!(created["time_zone"], "Europe/Berlin");
    let changed = org
        .expect(
            StatusCode::OK,
            Method::PUT,
            "/api/association",
            association("Conference of Baltic Sea Regions"),
        )
        .await;
    assert_eq!(changed["name"], "Conference of Baltic Sea Regions");
    assert_eq!(
        visitor.get("/api/association").await["languages"],
        json!(["de", "pl", "sv"])
    );
    let (_, html) = org.page_in("/manage", "en").await;
    assert!(
        html.contains("new-assembly"),
        "the workspace follows the setup"
    );
    assert!(
        html.contains("value=\"Europe/Berlin\""),
        "a new assembly starts in the association's zone"
    );

    // The register from CSV: all of it.
    let (status, summary) = import(&org, REGISTER).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(
        summary,
        json!({"countries_added": 2, "members_added": 4, "members_updated": 0})
    );
    let hamburg = org.get("/api/members").await;
    let hamburg = hamburg
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Freie und Hansestadt Hamburg")
        .unwrap()
        .clone();
    assert_eq!(
        (hamburg["ordinal"].clone(), hamburg["joined"].clone()),
        (json!(2), json!("1999-06-10"))
    );
    let (_, html) = org.page_in("/manage/register", "en").await;
    let (_, public) = visitor.page_in("/members", "en").await;
    assert!(
        public.contains("datetime=\"1999-06-10\""),
        "and so does the public register"
    );
    assert!(
        html.contains("datetime=\"2004-05-01\""),
        "the register shows when members joined"
    );

    // A file with two bad lines: both named, by line and column, and nothing stored.
    let members_before = org.get("/api/members").await;
    let countries_before = org.get("/api/countries").await;
    let (status, refused) = import(&org, BAD_REGISTER).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["field"], "csv");
    assert_eq!(refused["problem"]["key"], "rows_refused");
    let cells: Vec<(i64, String, String)> = refused["problem"]["args"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_i64().unwrap(),
                r["column"].as_str().unwrap().to_owned(),
                r["problem"]["key"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            (3, "kind".to_owned(), "not_one_of".to_owned()),
            (
                5,
                "country_code".to_owned(),
                "country_code_format".to_owned()
            ),
            (5, "joined".to_owned(), "date_format".to_owned()),
        ]
    );
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("line 3, kind") && message.contains("line 5, joined"),
        "{message}"
    );
    assert_eq!(
        org.get("/api/members").await,
        members_before,
        "no member stored"
    );
    assert_eq!(
        org.get("/api/countries").await,
        countries_before,
        "no country stored"
    );

    // Importing again updates by name and adds no country twice.
    let again = REGISTER.replace(",associate,applicant,,", ",member,active,4,2024-01-01");
    let (status, summary) = import(&org, &again).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(
        summary,
        json!({"countries_added": 0, "members_added": 0, "members_updated": 4})
    );
    // A new code under a name the register has already (in other letters' case) is refused at
    // its line and column, not added as a second country.
    let twice = "country_code,country_name,member_name,kind,status\nDD,GERMANY,Land Thüringen,member,active\n";
    let (status, refused) = import(&org, twice).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["problem"]["args"]["rows"][0]["line"], 2);
    assert_eq!(
        refused["problem"]["args"]["rows"][0]["column"],
        "country_name"
    );
    assert_eq!(
        refused["problem"]["args"]["rows"][0]["problem"]["key"],
        "name_taken"
    );
    // The import is the API's own body type; a JSON body is refused before it is read.
    let (status, _) = org
        .send(
            Method::POST,
            "/api/register/import",
            Some(json!({"csv": REGISTER})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(import(&visitor, REGISTER).await.0, StatusCode::UNAUTHORIZED);

    // The register starts mid-history: chairs of earlier terms without a decision.
    let kiel = member_id(&org, "Land Schleswig-Holstein").await;
    let gdansk = member_id(&org, "Województwo pomorskie").await;
    let chair = org
        .expect(
            StatusCode::CREATED,
            Method::PUT,
            "/api/chairmanships/11",
            json!({"member_id": gdansk}),
        )
        .await;
    assert_eq!(
        (chair["term"].clone(), chair["decision_id"].clone()),
        (json!(11), Value::Null)
    );
    org.expect(
        StatusCode::CREATED,
        Method::PUT,
        "/api/chairmanships/12",
        json!({"member_id": gdansk}),
    )
    .await;
    org.expect(
        StatusCode::OK,
        Method::PUT,
        "/api/chairmanships/12",
        json!({"member_id": kiel}),
    )
    .await;
    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            "/api/chairmanships/0",
            json!({"member_id": kiel}),
        )
        .await;
    assert_eq!(refused["field"], "term");
    let refused = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            "/api/chairmanships/13",
            json!({"member_id": 999_999}),
        )
        .await;
    assert_eq!(refused["field"], "member_id");
    org.expect(
        StatusCode::CREATED,
        Method::PUT,
        "/api/chairmanships/10",
        json!({"member_id": kiel}),
    )
    .await;
    let (status, _) = org
        .send(Method::DELETE, "/api/chairmanships/10", None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = org
        .send(Method::DELETE, "/api/chairmanships/10", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let register = visitor.get("/api/register").await;
    let chairs: Vec<(i64, String, String)> = register["chairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["term"].as_i64().unwrap(),
                c["member"].as_str().unwrap().to_owned(),
                c["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        chairs,
        [
            (11, "Województwo pomorskie".to_owned(), "past".to_owned()),
            (12, "Land Schleswig-Holstein".to_owned(), "chair".to_owned()),
        ]
    );
    assert_eq!(
        visitor
            .get("/api/chairmanships")
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Every change is audited, the setup and the chairs included.
    let audited = |entity: &'static str| {
        let org = &org;
        async move {
            org.get(&format!("/api/audit?entity={entity}"))
                .await
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["action"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let association_log = audited("association").await;
    assert!(
        association_log.contains(&"association.create".to_owned())
            && association_log.contains(&"association.update".to_owned()),
        "{association_log:?}"
    );
    let chair_log = audited("chairmanship").await;
    for action in [
        "chairmanship.create",
        "chairmanship.update",
        "chairmanship.delete",
    ] {
        assert!(
            chair_log.contains(&action.to_owned()),
            "{action} in {chair_log:?}"
        );
    }
    assert_eq!(
        audited("member")
            .await
            .iter()
            .filter(|a| *a == "member.create")
            .count(),
        4,
        "one entry per imported member"
    );

    // A first assembly, and everything it produces answers.
    org.expect(StatusCode::CREATED, Method::POST, "/api/assemblies", json!({
        "number": 1, "title": "1st Conference", "slogan": null,
        "start_date": "2027-04-10", "end_date": "2027-04-11", "venue": "Kiel",
        "host_member_id": kiel, "mode": "hybrid", "time_zone": "Europe/Berlin", "status": "planned"}))
        .await;
    for path in [
        "/",
        "/members",
        "/assemblies/1",
        "/assemblies/1/agenda",
        "/assemblies/1/minutes",
        "/assemblies/1/calendar.ics",
        "/api/assemblies/1/record",
        "/api/assemblies/1/attendance.csv",
        "/api/assemblies/1/ballots.csv",
        "/api/assemblies/1/popolo.json",
        "/news.atom",
    ] {
        assert_eq!(status_of(&visitor, path).await, StatusCode::OK, "{path}");
    }
    let record = visitor.get("/api/assemblies/1/record").await;
    assert_eq!(record["association"]["short_name"], "BSRC");
    let (_, home) = visitor.page_in("/", "en").await;
    assert!(home.contains("Conference of Baltic Sea Regions"), "{home}");
}

/// A chair an assembly elected changes only by reversing the decision.
async fn a_chair_an_assembly_elected_is_not_changed_by_hand(db: Db) {
    demo::load(&db).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "office@example.org", None).await;
    let chairs = org.get("/api/chairmanships").await;
    let decided = chairs
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["decision_id"].is_null())
        .expect("the demo elected a chair")
        .clone();
    let term = decided["term"].as_i64().unwrap();
    let other = org.get("/api/members").await[0]["id"].as_i64().unwrap();
    let refused = org
        .expect(
            StatusCode::CONFLICT,
            Method::PUT,
            &format!("/api/chairmanships/{term}"),
            json!({"member_id": other}),
        )
        .await;
    assert_eq!(refused["problem"]["key"], "chair_decided");
    let (status, _) = org
        .send(Method::DELETE, &format!("/api/chairmanships/{term}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        org.get("/api/chairmanships").await,
        chairs,
        "nothing changed"
    );
    // A delegate records no chair.
    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "ulsan@example.org",
        Some("Ulsan Metropolitan City"),
    )
    .await;
    let (status, _) = delegate
        .send(
            Method::PUT,
            "/api/chairmanships/1",
            Some(json!({"member_id": other})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

both_engines!(
    an_association_starts_from_an_empty_database,
    a_chair_an_assembly_elected_is_not_changed_by_hand,
);
