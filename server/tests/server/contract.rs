//! The API keeps the contract its OpenAPI document states: every text has a published and
//! enforced maximum length, bodies a size limit (413), wrong shapes name their field, unknown
//! paths and references answer JSON 404 and 422, names of the register are unique regardless of
//! case and Unicode normalization, every operation says who must sign in and which errors it
//! answers, links in feeds use the configured public address, and an early refusal does not
//! cost the client its kept-alive connection.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::model::limits;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::Client;

async fn organizer(db: &Db) -> Client {
    demo::load(db).await.unwrap();
    Client::signed_in(db, Role::Organizer, "contract@example.org", None).await
}

/// The answer to a request with a raw body of `content_type`: status, headers, JSON.
async fn raw(
    client: &Client,
    method: Method,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, content_type);
    if let Some((name, value)) = &client.credential {
        request = request.header(name, value);
    }
    let response = client
        .app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn is_error_body(body: &Value) -> bool {
    body["code"].is_string() && body["message"].is_string()
}

/// The request body schemas of the document, by name, with their properties resolved.
fn request_schemas(doc: &Value) -> BTreeMap<String, Value> {
    let mut names = BTreeSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            for content in operation["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flat_map(|c| c.values())
            {
                if let Some(r) = content["schema"]["$ref"].as_str() {
                    names.insert(r.trim_start_matches("#/components/schemas/").to_owned());
                }
            }
        }
    }
    names
        .into_iter()
        .map(|n| {
            let schema = doc["components"]["schemas"][&n].clone();
            (n, schema)
        })
        .collect()
}

/// Every free-text property of `schema` (a string that is not a date, a time or a binary),
/// with its published `maxLength`, walking into arrays of objects and `allOf`.
fn text_properties(doc: &Value, schema: &Value, prefix: &str, out: &mut Vec<(String, Value)>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return text_properties(doc, &doc["components"]["schemas"][name], prefix, out);
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        text_properties(doc, part, prefix, out);
    }
    let Some(properties) = schema["properties"].as_object() else {
        return;
    };
    for (name, property) in properties {
        let path = format!("{prefix}{name}");
        let types: Vec<&str> = match &property["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if types.contains(&"string") && property["format"].is_null() && property["enum"].is_null() {
            out.push((path, property["maxLength"].clone()));
        } else if types.contains(&"array") {
            text_properties(doc, &property["items"], &format!("{path}[]."), out);
        }
    }
}

async fn lengths_are_published_and_enforced(db: Db) {
    let org = organizer(&db).await;
    let doc = org.get("/api/openapi.json").await;
    // Every text a client can send has a published maximum.
    let mut unbounded = Vec::new();
    for (name, schema) in request_schemas(&doc) {
        let mut texts = Vec::new();
        text_properties(&doc, &schema, "", &mut texts);
        for (field, max) in texts {
            if !max.is_u64() {
                unbounded.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        unbounded.is_empty(),
        "texts without maxLength: {unbounded:?}"
    );
    // … and the maximum is core's.
    let published = |schema: &str, field: &str| {
        doc["components"]["schemas"][schema]["properties"][field]["maxLength"]
            .as_u64()
            .unwrap_or_else(|| panic!("{schema}.{field}")) as usize
    };
    assert_eq!(published("NewCountry", "name"), limits::NAME);
    assert_eq!(published("NewMember", "name"), limits::NAME);
    assert_eq!(published("NewAssembly", "title"), limits::TITLE);
    assert_eq!(published("NewsEdit", "body"), limits::LONG);
    assert_eq!(published("CancelAssembly", "reason"), limits::NOTE);
    // An imported assembly document keeps the same lengths as the records entered one by one.
    assert_eq!(published("PersonRow", "name"), limits::NAME);
    assert_eq!(published("AssemblyRow", "title"), limits::TITLE);
    assert_eq!(published("DecisionRow", "summary"), limits::NOTE);
    assert_eq!(published("DeclarationTextRow", "body"), limits::LONG);

    // Core enforces it, counting characters: a Korean name of the maximum is taken.
    let name = "울".repeat(limits::NAME);
    let created = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/persons",
            json!({"name": name, "title": "", "member_id": null, "body": null}),
        )
        .await;
    assert_eq!(created["name"], name);
    for (path, body, field, max) in [
        (
            "/api/persons",
            json!({"name": format!("{name}울"), "title": "", "member_id": null, "body": null}),
            "name",
            limits::NAME,
        ),
        (
            "/api/committees",
            json!({"name": "x".repeat(limits::NAME + 1), "coordinating_member_id": null}),
            "name",
            limits::NAME,
        ),
        (
            "/api/assemblies/13/cancel",
            json!({"reason": "x".repeat(limits::NOTE + 1)}),
            "reason",
            limits::NOTE,
        ),
    ] {
        let error = org
            .expect(StatusCode::UNPROCESSABLE_ENTITY, Method::POST, path, body)
            .await;
        assert_eq!(error["field"], field, "{path}");
        assert_eq!(
            error["problem"],
            json!({"key": "too_long", "args": {"max": max}}),
            "{path}"
        );
    }
    // The forms say so too.
    let (_, html) = org.page_in("/manage/register", "en").await;
    assert!(
        html.contains(&format!("maxlength=\"{}\"", limits::NAME)),
        "the register's forms limit names"
    );
}

async fn bodies_over_their_limit_answer_413(db: Db) {
    let org = organizer(&db).await;
    // A 3 MB name: refused for its size before it is read whole.
    let huge = serde_json::to_vec(&json!({"code": "TH", "name": "x".repeat(3_000_000)})).unwrap();
    let (status, headers, error) = raw(
        &org,
        Method::POST,
        "/api/countries",
        "application/json",
        huge,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error["code"], "payload_too_large", "{error}");
    assert_eq!(error["field"], "body");
    assert!(headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v == "application/json"));
    // A photo may be larger than a JSON body, up to its own limit.
    let photo = vec![0xFF; plenary_server::bodies::UPLOAD_BYTES + 1];
    let (content_type, body) = crate::support::multipart("big", "hall.jpg", "image/jpeg", &photo);
    let (status, _, error) = raw(
        &org,
        Method::POST,
        "/api/assemblies/13/attachments",
        &content_type,
        body,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{error}");
    assert!(is_error_body(&error), "{error}");
}

async fn a_body_of_the_wrong_shape_names_its_field(db: Db) {
    let org = organizer(&db).await;
    let sessions = org.get("/api/assemblies/13/sessions").await;
    let session = sessions[0]["id"].as_i64().unwrap();
    let items = format!("/api/sessions/{session}/items");
    for (body, field) in [
        (
            json!({"kind": "report", "title": "R", "planned_minutes": "ten"}),
            "planned_minutes",
        ),
        (json!({"kind": "report", "title": "R"}), "planned_minutes"),
        (
            json!({"kind": "song", "title": "R", "planned_minutes": 5}),
            "kind",
        ),
    ] {
        let error = org
            .expect(StatusCode::UNPROCESSABLE_ENTITY, Method::POST, &items, body)
            .await;
        assert_eq!(error["field"], field, "{error}");
    }
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            "/api/assemblies/13/declaration",
            json!({"title": "D", "agenda_item_id": null, "adopted_at": null,
                   "texts": [{"language": "en", "body": "B"}, {"language": "ko"}]}),
        )
        .await;
    assert_eq!(error["field"], "texts[1].body", "{error}");
    // Not JSON at all.
    let (status, _, error) = raw(
        &org,
        Method::POST,
        "/api/countries",
        "application/json",
        b"{\"code\": ".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "body");

    // A query string that cannot be read names its parameter.
    let (status, error) = org.send(Method::GET, "/api/audit?limit=many", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "limit", "{error}");
    // A multipart body without its boundary is JSON too.
    let (status, _, error) = raw(
        &org,
        Method::POST,
        "/api/assemblies/13/attachments",
        "multipart/form-data",
        b"nothing".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(is_error_body(&error), "{error}");

    // Paths and methods the API does not have.
    let (status, error) = org.send(Method::GET, "/api/no-such-thing", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error["code"], "not_found", "{error}");
    let (status, headers, error) = raw(
        &org,
        Method::PATCH,
        "/api/assemblies",
        "application/json",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error["code"], "method_not_allowed", "{error}");
    assert!(headers.get(header::ALLOW).is_some());
    // … before anyone is asked to sign in: a read-only path does not take a change.
    let anyone = Client::anonymous(&db).await;
    let (status, _) = anyone
        .send(Method::PUT, "/api/assemblies/13/live", Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = anyone
        .send(Method::GET, "/api/assemblies/13/document", None)
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a declared read still needs its caller"
    );
}

async fn a_reference_to_nothing_is_refused_naming_its_field(db: Db) {
    let org = organizer(&db).await;
    let nowhere = 987_654;
    let member = org.get("/api/members").await[0].clone();
    let member_id = member["id"].as_i64().unwrap();
    for (method, path, body, field) in [
        (
            Method::POST,
            "/api/persons".to_owned(),
            json!({"name": "A", "title": "", "member_id": nowhere, "body": null}),
            "member_id",
        ),
        (
            Method::POST,
            "/api/committees".to_owned(),
            json!({"name": "A new committee", "coordinating_member_id": nowhere}),
            "coordinating_member_id",
        ),
        (
            Method::POST,
            "/api/members".to_owned(),
            json!({"country_id": nowhere, "name": "Nowhere City", "kind": "member", "status": "applicant", "ordinal": null}),
            "country_id",
        ),
        (
            Method::PUT,
            format!("/api/members/{member_id}"),
            json!({"country_id": nowhere, "name": member["name"], "kind": member["kind"],
                   "status": member["status"], "ordinal": member["ordinal"]}),
            "country_id",
        ),
        (
            Method::POST,
            "/api/assemblies".to_owned(),
            json!({"number": 40, "title": "T", "slogan": null, "start_date": "2030-01-01",
                   "end_date": "2030-01-01", "venue": "V", "host_member_id": nowhere,
                   "mode": "online", "time_zone": "UTC", "status": "planned"}),
            "host_member_id",
        ),
        (
            Method::POST,
            "/api/assemblies/13/attendance".to_owned(),
            json!({"session_id": nowhere, "member_id": member_id, "guest_name": null,
                   "guest_kind": null, "mode": "online", "delegates": 1}),
            "session_id",
        ),
        (
            Method::POST,
            "/api/assemblies/13/attendance".to_owned(),
            json!({"session_id": null, "member_id": nowhere, "guest_name": null,
                   "guest_kind": null, "mode": "online", "delegates": 1}),
            "member_id",
        ),
    ] {
        let error = org
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                method.clone(),
                &path,
                body,
            )
            .await;
        assert_eq!(error["field"], field, "{method} {path}: {error}");
    }
}

async fn names_are_unique_regardless_of_case_and_normalization(db: Db) {
    let org = organizer(&db).await;
    let member = org.get("/api/members").await[0].clone();
    let name = member["name"].as_str().unwrap().to_owned();
    let shouted = format!("  {}  ", name.to_uppercase().replace(' ', "  "));
    let error = org
        .expect(
            StatusCode::CONFLICT,
            Method::POST,
            "/api/members",
            json!({"country_id": member["country_id"], "name": shouted, "kind": "member",
                   "status": "applicant", "ordinal": null}),
        )
        .await;
    assert_eq!(error["field"], "name");
    assert_eq!(error["problem"]["key"], "name_taken");

    // The same letters in another Unicode form (a full-width "Ｗ"), and another case.
    org.expect(
        StatusCode::CREATED,
        Method::POST,
        "/api/committees",
        json!({"name": "Committee on Water", "coordinating_member_id": null}),
    )
    .await;
    let error = org
        .expect(
            StatusCode::CONFLICT,
            Method::POST,
            "/api/committees",
            json!({"name": "committee on Ｗater", "coordinating_member_id": null}),
        )
        .await;
    assert_eq!(error["field"], "name");

    let country = org.get("/api/countries").await[0].clone();
    let error = org
        .expect(
            StatusCode::CONFLICT,
            Method::POST,
            "/api/countries",
            json!({"code": "ZZ", "name": country["name"].as_str().unwrap().to_lowercase()}),
        )
        .await;
    assert_eq!(error["field"], "name");
    // A record keeps its own name when it is saved again.
    let id = member["id"].as_i64().unwrap();
    org.expect(
        StatusCode::OK,
        Method::PUT,
        &format!("/api/members/{id}"),
        json!({"country_id": member["country_id"], "name": name, "kind": member["kind"],
               "status": member["status"], "ordinal": member["ordinal"]}),
    )
    .await;
}

async fn numbers_out_of_range_are_refused_not_failed(db: Db) {
    let org = organizer(&db).await;
    let (status, answer) = org
        .send(
            Method::POST,
            "/api/assemblies/13/control",
            Some(json!({"command": "timer_extend", "seconds": i64::MAX})),
        )
        .await;
    assert!(
        status == StatusCode::OK || status == StatusCode::UNPROCESSABLE_ENTITY,
        "{status} {answer}"
    );
    let (status, _) = org.send(Method::GET, "/api/assemblies/13/live", None).await;
    assert_eq!(status, StatusCode::OK, "the live view still reads");
    let member = org.get("/api/members").await[0]["id"].clone();
    let session = org.get("/api/assemblies/13/sessions").await[0]["id"].clone();
    let item = org.get(&format!("/api/sessions/{session}/items")).await[0]["id"].clone();
    for (path, body, field) in [
        (
            "/api/assemblies/13/applications",
            json!({"kind": "chairmanship", "applicant_member_id": member, "agenda_item_id": null,
                   "term": 0, "membership_kind": null, "statement": null}),
            "term",
        ),
        (
            "/api/assemblies",
            json!({"number": i64::MAX, "title": "T", "slogan": null, "start_date": "2030-01-01",
                   "end_date": "2030-01-01", "venue": "V", "host_member_id": null,
                   "mode": "online", "time_zone": "UTC", "status": "planned"}),
            "number",
        ),
        (
            "/api/assemblies/13/votes",
            json!({"application_id": null, "agenda_item_id": item, "question": "Q?",
                   "quorum_percent": 1000}),
            "quorum_percent",
        ),
    ] {
        let (status, error) = org.send(Method::POST, path, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {error}");
        assert_eq!(error["field"], field, "{path}: {error}");
    }
}

async fn the_document_states_who_signs_in_and_every_error(db: Db) {
    let anyone = Client::anonymous(&db).await;
    let doc = anyone.get("/api/openapi.json").await;
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert!(schemes.contains_key("session") && schemes.contains_key("bearer"));
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let access = plenary_server::auth::access(&method, path);
            let security = &operation["security"];
            if access == plenary_core::auth::Access::Public {
                assert!(security.is_null(), "{method} {path} is public: {security}");
            } else {
                let names: BTreeSet<&str> = security
                    .as_array()
                    .unwrap_or_else(|| panic!("{method} {path} states no security"))
                    .iter()
                    .flat_map(|r| r.as_object().unwrap().keys().map(String::as_str))
                    .collect();
                assert_eq!(
                    names,
                    BTreeSet::from(["bearer", "session"]),
                    "{method} {path}"
                );
                assert!(
                    operation["responses"]["401"].is_object(),
                    "{method} {path} lists 401"
                );
            }
            if operation["requestBody"].is_object() {
                assert!(
                    operation["responses"]["413"].is_object(),
                    "{method} {path} lists 413"
                );
            }
            for (status, answer) in operation["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    let schema = &answer["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(
                        schema, "#/components/schemas/ApiErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} operations");
    // The vote's outcome and an item's free-text outcome are two schemas.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(schemas["Outcome"]["enum"].is_array() || schemas["Outcome"]["oneOf"].is_array());
    assert!(schemas["ItemOutcome"]["properties"]["outcome"].is_object());
}

/// The workspace's Rust sources: (path, text).
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut dirs = vec![
        root.join("src"),
        root.join("app/src"),
        root.join("server/src"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found
}

/// The first identifier of `text`, past attributes, doc comments and punctuation.
fn first_identifier(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#["))
        .flat_map(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .find(|w| !w.is_empty())
}

/// Every type that derives `ToSchema` in the workspace's sources, by the name utoipa gives its
/// schema (its own, or the last segment of `#[schema(as = …)]`), with where it is: declared
/// with the derive, by a macro whose definition derives it (`domain_enum!`, `table!`), or
/// implemented by hand.
fn schema_types() -> Vec<(String, String)> {
    let files = sources();
    let macros: BTreeSet<String> = files
        .iter()
        .flat_map(|(_, text)| text.split("macro_rules! ").skip(1))
        .filter(|definition| {
            let body = definition
                .split("\nmacro_rules! ")
                .next()
                .unwrap_or_default();
            body.split("\n}")
                .next()
                .unwrap_or_default()
                .contains("ToSchema")
        })
        .filter_map(|definition| first_identifier(definition).map(str::to_owned))
        .collect();
    let mut found = Vec::new();
    for (path, text) in &files {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let invoked = macros
                .iter()
                .find_map(|m| trimmed.strip_prefix(&format!("{m}!")));
            if let Some(rest) = invoked {
                let rest = [rest, &lines[i + 1..].join("\n")].join("\n");
                if let Some(name) = first_identifier(&rest) {
                    found.push((name.to_owned(), format!("{}:{}", path.display(), i + 1)));
                }
                continue;
            }
            // A schema written by hand.
            let by_hand = ["impl utoipa::ToSchema for ", "impl ToSchema for "]
                .iter()
                .find_map(|k| trimmed.strip_prefix(k));
            if let Some(name) = by_hand.and_then(first_identifier) {
                found.push((name.to_owned(), format!("{}:{}", path.display(), i + 1)));
                continue;
            }
            if !(line.contains("ToSchema") && trimmed.starts_with("#[")) {
                continue;
            }
            let mut alias = None;
            for next in &lines[i..] {
                let next = next.trim();
                if let Some(rest) = next.split("schema(as = ").nth(1) {
                    let path = rest.split([')', ',']).next().unwrap_or_default();
                    alias = path.rsplit("::").next().map(str::to_owned);
                }
                let declared = [
                    "pub struct ",
                    "pub enum ",
                    "struct ",
                    "enum ",
                    "pub(crate) struct ",
                ]
                .iter()
                .find_map(|k| next.strip_prefix(k))
                .and_then(|rest| rest.split(['<', ' ', '{', '(', ';']).next());
                if let Some(name) = declared {
                    // The declaration inside a macro's own definition names no type.
                    if !name.starts_with('$') {
                        let name = alias.unwrap_or_else(|| name.to_owned());
                        found.push((name, format!("{}:{}", path.display(), i + 1)));
                    }
                    break;
                }
            }
        }
    }
    found
}

#[test]
fn no_two_types_share_a_schema_name() {
    let types = schema_types();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, at) in &types {
        by_name.entry(name).or_default().push(at);
    }
    let shared: Vec<_> = by_name.iter().filter(|(_, at)| at.len() > 1).collect();
    assert!(shared.is_empty(), "schema names used twice: {shared:?}");
    // Every schema of the document is one of them, so none escaped the search above.
    let (_, doc) = plenary_server::api::routes();
    let doc = serde_json::to_value(doc).unwrap();
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        assert!(
            by_name.contains_key(name.as_str()),
            "{name} is in the document but its type was not found"
        );
    }
}

async fn feeds_link_to_the_configured_public_address(db: Db) {
    demo::load(&db).await.unwrap();
    let state = plenary_server::AppState {
        public_url: "https://assembly.example.org".to_owned(),
        ..plenary_server::AppState::new(db.clone(), std::path::Path::new("target/site"))
    };
    let sessions = plenary_server::sessions::Store::open(&db).await.unwrap();
    let app = plenary_server::router(state, sessions);
    for path in [
        "/news.atom",
        "/assemblies/13/calendar.ics",
        "/api/assemblies/13/popolo.json",
    ] {
        let request = Request::builder()
            .uri(path)
            .header(header::HOST, "attacker.example")
            .header("x-forwarded-proto", "gopher")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("attacker.example"), "{path}");
        if path != "/news.atom" {
            assert!(text.contains("https://assembly.example.org/"), "{path}");
        }
    }
}

both_engines!(
    lengths_are_published_and_enforced,
    bodies_over_their_limit_answer_413,
    a_body_of_the_wrong_shape_names_its_field,
    a_reference_to_nothing_is_refused_naming_its_field,
    names_are_unique_regardless_of_case_and_normalization,
    numbers_out_of_range_are_refused_not_failed,
    the_document_states_who_signs_in_and_every_error,
    feeds_link_to_the_configured_public_address,
);

/// Anonymous POSTs with bodies, on kept-alive connections to a real server: each is refused
/// (401) before its body is read, and each gets its answer. The body follows the headers after
/// a pause, as a client that writes them separately sends it, which is when the server answered
/// before the body had arrived and then closed the connection without a word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn early_refusals_answer_on_a_kept_alive_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let url = plenary_core::storage::sqlite_url(dir.path());
    let server = crate::processes::Server::start(&url, dir.path(), "keep-alive", &[]).await;
    let body = serde_json::to_vec(&json!({"code": "TH", "name": "x".repeat(20_000)})).unwrap();
    let mut connection = None;
    let (mut answered, mut reused) = (0, 0);
    for n in 0..60 {
        let stream = match connection.take() {
            Some(s) => {
                reused += 1;
                s
            }
            None => tokio::net::TcpStream::connect(server.addr).await.unwrap(),
        };
        let mut stream: tokio::net::TcpStream = stream;
        let head = format!(
            "POST /api/countries HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            server.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap_or_else(|e| {
            panic!("request {n}: the server closed a kept-alive connection without saying so: {e}")
        });
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        // The server may already have answered and closed: then this write fails.
        let _ = stream.write_all(&body).await;
        let mut answer = Vec::new();
        let mut buffer = [0u8; 4096];
        let complete = loop {
            match tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut buffer))
                .await
            {
                Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break false,
                Ok(Ok(k)) => {
                    answer.extend_from_slice(&buffer[..k]);
                    let text = String::from_utf8_lossy(&answer);
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length: usize = text[..end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse().unwrap())
                            })
                            .unwrap_or(0);
                        if answer.len() >= end + 4 + length {
                            break true;
                        }
                    }
                }
            }
        };
        assert!(
            complete,
            "request {n} got no answer: {:?}",
            String::from_utf8_lossy(&answer)
        );
        let text = String::from_utf8_lossy(&answer).to_ascii_lowercase();
        assert!(text.starts_with("http/1.1 401"), "{text}");
        answered += 1;
        if !text.contains("connection: close") {
            connection = Some(stream);
        }
    }
    assert_eq!(answered, 60);
    assert!(
        reused >= 50,
        "the connection is kept: {reused} of 59 reused"
    );
    // Without --public-url the server said once which address its links use.
    assert!(
        server.log().contains("no public address configured"),
        "{}",
        server.log()
    );
}
