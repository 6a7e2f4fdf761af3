//! Every mutating entry point — each API operation of the OpenAPI document and each registered
//! server function — refuses anonymous callers (401) and delegates (403) and lets organizers in,
//! except casting a ballot and checking in, which delegates do for their own member. The lists are read from the
//! running application, so a new entry point cannot be forgotten.

use crate::support::Client;
use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::model::NewUser;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo};

/// The mutating API operations: (method, path with ids filled in).
async fn api_mutations(client: &Client) -> Vec<(Method, String)> {
    let doc = client.get("/api/openapi.json").await;
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["name"],
        plenary_server::sessions::SESSION_COOKIE,
        "the document names the cookie that signing in sets"
    );
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_some() && path != "/api/session" {
                let filled = path.replace("{id}", "1").replace("{number}", "13");
                found.push((method.to_uppercase().parse().unwrap(), filled));
            }
        }
    }
    found
}

/// The server functions that change something (every one not named `load_…`).
fn server_fn_mutations() -> Vec<String> {
    server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .filter(|path| !path.trim_start_matches("/sfn/").starts_with("load_"))
        .collect()
}

/// The only changes a delegate may make: their member's ballot and check-in, and their own
/// password.
const DELEGATES_MAY: &[&str] = &[
    "/api/me/password",
    "/api/votes/1/ballots",
    "/sfn/cast_member_ballot",
    "/api/assemblies/13/check-in",
    "/sfn/check_in_member",
];

/// A delegate is refused with 403, except at the entry points of [`DELEGATES_MAY`].
fn check_delegate(status: StatusCode, path: &str) {
    if DELEGATES_MAY.contains(&path) {
        assert!(
            ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&status),
            "delegate {path}: {status}"
        );
    } else {
        assert_eq!(status, StatusCode::FORBIDDEN, "delegate {path}");
    }
}

async fn only_organizers_may_change_anything(db: Db) {
    demo::load(&db).await.unwrap();
    // User 1, whose password the organizer resets (which ends that user's sessions) when every
    // `{id}` is filled with 1, is neither of the clients below.
    let bystander = NewUser {
        email: "bystander@example.org".into(),
        name: "Bystander".into(),
        role: Role::Organizer,
        member_id: None,
    };
    plenary_core::actions::add_user_from_cli(&db, &bystander, crate::support::PASSWORD)
        .await
        .unwrap();
    let (anonymous, delegate, organizer) = Client::everyone(&db).await;

    let api = api_mutations(&anonymous).await;
    assert!(
        api.len() >= 30,
        "the OpenAPI document lists the mutations ({})",
        api.len()
    );
    for (method, path) in &api {
        let body = serde_json::json!({});
        let (status, answer) = anonymous
            .send(method.clone(), path, Some(body.clone()))
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
        assert_eq!(answer["code"], "unauthenticated");
        let (status, _) = delegate
            .send(method.clone(), path, Some(body.clone()))
            .await;
        check_delegate(status, path);
        let (status, answer) = organizer.send(method.clone(), path, Some(body)).await;
        assert!(
            ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&status),
            "organizer {method} {path}: {status} {answer}"
        );
    }

    let functions = server_fn_mutations();
    assert!(
        functions.len() >= 25,
        "the server functions are registered ({})",
        functions.len()
    );
    for path in &functions {
        let (status, _) = anonymous.form(path, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        let (status, _) = delegate.form(path, "").await;
        check_delegate(status, path);
        let (status, body) = organizer.form(path, "").await;
        assert!(
            ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&status),
            "organizer {path}: {status} {body}"
        );
    }
}

async fn a_delegate_cannot_save_through_a_server_function_with_valid_input(db: Db) {
    demo::load(&db).await.unwrap();
    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    let (status, _) = delegate
        .form("/sfn/save_country", "id=&code=VN&name=Viet+Nam")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let organizer = Client::signed_in(&db, Role::Organizer, "org@example.org", None).await;
    let (status, body) = organizer
        .form("/sfn/save_country", "id=&code=TH&name=Thailand")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Thailand"), "{body}");
}

both_engines!(
    only_organizers_may_change_anything,
    a_delegate_cannot_save_through_a_server_function_with_valid_input
);
