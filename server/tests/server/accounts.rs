//! Accounts and sign-in under attack and in trouble: sign-in limits that count failures per
//! address and per account at an address, sessions that end on a password reset or change and
//! on deactivation, tokens that are revoked or expire, passwords that are too easy to guess, and
//! `next` after signing in, which leads only to a path on this site.

use std::net::SocketAddr;

use crate::support::{add_user, Client, PASSWORD};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo, on_db};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Two clients' addresses, as the connection gives them.
const ATTACKER: &str = "203.0.113.9:50000";
const OWNER: &str = "198.51.100.7:40000";

/// Signs in with the JSON API from `peer`: the status and the answer.
async fn sign_in_from(
    app: &Router,
    peer: &str,
    email: &str,
    password: &str,
) -> (StatusCode, Value) {
    let mut request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"email": email, "password": password}).to_string(),
        ))
        .unwrap();
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// The session cookie a response sets, to go on with.
fn cookie_of(response: &axum::response::Response) -> Option<String> {
    let set = response.headers().get(header::SET_COOKIE)?.to_str().ok()?;
    Some(set.split(';').next()?.trim().to_owned())
}

/// The signed-in user's id, as `GET /api/session` tells it.
async fn my_id(client: &Client) -> i64 {
    client.get("/api/session").await["user_id"]
        .as_i64()
        .unwrap()
}

async fn signed_in_status(client: &Client) -> StatusCode {
    client.send(Method::GET, "/api/session", None).await.0
}

async fn guessing_from_one_address_never_locks_the_owner_out_of_another(db: Db) {
    add_user(&db, Role::Organizer, "chair@near.example", None).await;
    let app = Client::anonymous(&db).await.app;
    for _ in 0..5 {
        let (status, answer) =
            sign_in_from(&app, ATTACKER, "chair@near.example", "guess guess guess").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["field"], "password");
    }
    let (status, _) = sign_in_from(&app, ATTACKER, "chair@near.example", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing address waits, even with the right password"
    );
    let (status, answer) = sign_in_from(&app, OWNER, "chair@near.example", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the owner, from elsewhere: {answer}"
    );
    assert_eq!(answer["email"], "chair@near.example");
}

async fn spraying_many_accounts_from_one_address_is_refused(db: Db) {
    add_user(&db, Role::Organizer, "chair@near.example", None).await;
    let app = Client::anonymous(&db).await.app;
    let mut refused_after = None;
    for n in 0..40 {
        let email = format!("delegate{n}@near.example");
        let (status, _) = sign_in_from(&app, ATTACKER, &email, "Summer2026!").await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused_after = Some(n);
            break;
        }
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused_after = refused_after.expect("spraying from one address is stopped");
    assert!(
        refused_after >= 5,
        "a few mistakes are allowed ({refused_after})"
    );
    let (status, _) = sign_in_from(&app, ATTACKER, "chair@near.example", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = sign_in_from(&app, OWNER, "chair@near.example", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
}

async fn a_password_reset_signs_out_every_session(db: Db) {
    demo::load(&db).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "secretariat@example.org", None).await;
    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "ulsan@example.org",
        Some("Ulsan Metropolitan City"),
    )
    .await;
    let id = my_id(&delegate).await;
    let reset = org
        .expect(
            StatusCode::OK,
            Method::POST,
            &format!("/api/users/{id}/password"),
            json!({}),
        )
        .await;
    assert_eq!(signed_in_status(&delegate).await, StatusCode::UNAUTHORIZED);
    assert_eq!(signed_in_status(&org).await, StatusCode::OK, "others stay");
    let app = Client::anonymous(&db).await.app;
    let (status, _) = sign_in_from(&app, OWNER, "ulsan@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the old password");
    let new = reset["password"].as_str().unwrap();
    let (status, _) = sign_in_from(&app, OWNER, "ulsan@example.org", new).await;
    assert_eq!(status, StatusCode::OK, "the new password");
}

async fn a_deactivated_account_loses_its_sessions_and_tokens(db: Db) {
    demo::load(&db).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "secretariat@example.org", None).await;
    let other = Client::signed_in(&db, Role::Organizer, "clerk@example.org", None).await;
    let created = other
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/tokens",
            json!({"name": "venue screen"}),
        )
        .await;
    let mut token = Client::anonymous(&db).await;
    token.credential = Some((
        header::AUTHORIZATION,
        format!("Bearer {}", created["token"].as_str().unwrap()),
    ));
    assert_eq!(signed_in_status(&token).await, StatusCode::OK);

    let id = my_id(&other).await;
    let path = format!("/api/users/{id}/active");
    let user = org
        .expect(StatusCode::OK, Method::PUT, &path, json!({"active": false}))
        .await;
    assert_eq!(user["active"], false);
    assert_eq!(
        signed_in_status(&other).await,
        StatusCode::UNAUTHORIZED,
        "session"
    );
    assert_eq!(
        signed_in_status(&token).await,
        StatusCode::UNAUTHORIZED,
        "token"
    );
    let app = Client::anonymous(&db).await.app;
    let (status, answer) = sign_in_from(&app, OWNER, "clerk@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");

    let own = format!("/api/users/{}/active", my_id(&org).await);
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::PUT,
            &own,
            json!({"active": false}),
        )
        .await;
    assert_eq!(error["field"], "active");
    assert_eq!(error["problem"]["key"], "own_account");
    other
        .expect(
            StatusCode::UNAUTHORIZED,
            Method::PUT,
            &own,
            json!({"active": false}),
        )
        .await;

    org.expect(StatusCode::OK, Method::PUT, &path, json!({"active": true}))
        .await;
    assert_eq!(
        signed_in_status(&other).await,
        StatusCode::UNAUTHORIZED,
        "a session ended stays ended"
    );
    let (status, _) = sign_in_from(&app, OWNER, "clerk@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let audit = org.get("/api/audit?action=user.").await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"user.deactivate") && actions.contains(&"user.reactivate"),
        "{actions:?}"
    );
}

async fn revoked_and_expired_tokens_are_refused(db: Db) {
    demo::load(&db).await.unwrap();
    let org = Client::signed_in(&db, Role::Organizer, "secretariat@example.org", None).await;
    let bearer = |token: &Value| {
        let token = token["token"].as_str().unwrap().to_owned();
        let db = db.clone();
        async move {
            let mut client = Client::anonymous(&db).await;
            client.credential = Some((header::AUTHORIZATION, format!("Bearer {token}")));
            client
        }
    };
    for days in [0, -3, 366] {
        let error = org
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                Method::POST,
                "/api/tokens",
                json!({"name": "too long", "expires_in_days": days}),
            )
            .await;
        assert_eq!(error["field"], "expires_in_days", "{days}");
    }

    let revoked = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/tokens",
            json!({"name": "old laptop", "expires_in_days": 30}),
        )
        .await;
    let expiring = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/tokens",
            json!({"name": "venue screen", "expires_in_days": 1}),
        )
        .await;
    let (revoked_client, expiring_client) = (bearer(&revoked).await, bearer(&expiring).await);
    assert_eq!(signed_in_status(&revoked_client).await, StatusCode::OK);
    assert_eq!(signed_in_status(&expiring_client).await, StatusCode::OK);

    let list = org.get("/api/tokens").await;
    let listed = list.as_array().unwrap();
    assert_eq!(listed.len(), 2, "{list}");
    assert!(
        !list
            .to_string()
            .contains(revoked["token"].as_str().unwrap()),
        "the list never shows a token"
    );
    assert!(listed
        .iter()
        .all(|t| t["user_email"] == "secretariat@example.org" && t["revoked_at"].is_null()));

    let id = revoked["id"].as_i64().unwrap();
    let record = org
        .expect(
            StatusCode::OK,
            Method::DELETE,
            &format!("/api/tokens/{id}"),
            json!({}),
        )
        .await;
    assert!(record["revoked_at"].is_string(), "{record}");
    assert_eq!(
        signed_in_status(&revoked_client).await,
        StatusCode::UNAUTHORIZED
    );
    org.expect(
        StatusCode::NOT_FOUND,
        Method::DELETE,
        "/api/tokens/999999",
        json!({}),
    )
    .await;

    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let id = expiring["id"].as_i64().unwrap();
    on_db!(&db, c => sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
        .bind(past).bind(id).execute(c).await.map(drop))
    .unwrap();
    assert_eq!(
        signed_in_status(&expiring_client).await,
        StatusCode::UNAUTHORIZED
    );

    let delegate = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    assert_eq!(
        delegate.send(Method::GET, "/api/tokens", None).await.0,
        StatusCode::FORBIDDEN
    );
    let anonymous = Client::anonymous(&db).await;
    assert_eq!(
        anonymous.send(Method::GET, "/api/tokens", None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_user_changes_their_own_password_and_their_other_sessions_end(db: Db) {
    demo::load(&db).await.unwrap();
    let mut here = Client::signed_in(
        &db,
        Role::Delegate,
        "hyogo@example.org",
        Some("Hyogo Prefecture"),
    )
    .await;
    let app = Client::anonymous(&db).await.app;
    let mut elsewhere = Client::anonymous(&db).await;
    let request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"email": "hyogo@example.org", "password": PASSWORD}).to_string(),
        ))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    elsewhere.credential = Some((header::COOKIE, cookie_of(&response).unwrap()));
    assert_eq!(signed_in_status(&elsewhere).await, StatusCode::OK);

    for (weak, problem) in [
        ("password1234", "password_too_weak"),
        ("hyogo@example.org1", "password_too_weak"),
        ("short", "password_too_short"),
    ] {
        let error = here
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                Method::PUT,
                "/api/me/password",
                json!({"current_password": PASSWORD, "new_password": weak}),
            )
            .await;
        assert_eq!(error["field"], "new_password", "{weak}");
        assert_eq!(error["problem"]["key"], problem, "{weak}");
    }
    let error = here
        .expect(StatusCode::UNPROCESSABLE_ENTITY, Method::PUT, "/api/me/password",
            json!({"current_password": "not my password", "new_password": "violet tractor harbour sings"}))
        .await;
    assert_eq!(error["field"], "current_password");
    assert_eq!(
        signed_in_status(&elsewhere).await,
        StatusCode::OK,
        "nothing changed yet"
    );

    let response = here
        .raw(Method::PUT, "/api/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "violet tractor harbour sings"})))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    here.credential = Some((
        header::COOKIE,
        cookie_of(&response).expect("the session goes on under a new id"),
    ));
    assert_eq!(
        signed_in_status(&here).await,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        signed_in_status(&elsewhere).await,
        StatusCode::UNAUTHORIZED,
        "the other one ends"
    );
    let (status, _) = sign_in_from(&app, OWNER, "hyogo@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = sign_in_from(
        &app,
        OWNER,
        "hyogo@example.org",
        "violet tractor harbour sings",
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // The page's form does the same, and comes back to the page.
    let (status, back) = here
        .post_from(
            "/account/password",
            "current_password=violet+tractor+harbour+sings&new_password=qwerty123456",
            "/account",
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        back.starts_with("/account?error=") && back.contains("new_password"),
        "{back}"
    );
    let anonymous = Client::anonymous(&db).await;
    let (_, back) = anonymous
        .post_from(
            "/account/password",
            "current_password=a&new_password=b",
            "/account",
        )
        .await;
    assert_eq!(back, "/login?next=/account");
}

async fn next_after_signing_in_is_always_a_local_path(db: Db) {
    add_user(&db, Role::Organizer, "chair@near.example", None).await;
    let client = Client::anonymous(&db).await;
    let credentials = format!(
        "email=chair%40near.example&password={}",
        PASSWORD.replace(' ', "+")
    );
    for next in [
        "%2F%09%2Fevil.example",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "https%3A%2F%2Fevil.example",
        "%2Fmanage%0D%0ASet-Cookie%3A+x%3D1",
        "%0A",
    ] {
        let (status, location) = client
            .post_from("/login", &format!("{credentials}&next={next}"), "/login")
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location, "/manage", "{next}");
        let (status, location) = client
            .post_from(
                "/login",
                &format!("email=nobody%40near.example&password=wrong&next={next}"),
                "/login",
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{next}");
        assert!(location.starts_with("/login?"), "{next}: {location}");
        assert!(!location.contains("evil"), "{next}: {location}");
    }
    let (_, location) = client
        .post_from(
            "/login",
            &format!("{credentials}&next=%2Fassemblies%2F13%2Flive"),
            "/login",
        )
        .await;
    assert_eq!(location, "/assemblies/13/live");
}

both_engines!(
    guessing_from_one_address_never_locks_the_owner_out_of_another,
    spraying_many_accounts_from_one_address_is_refused,
    a_password_reset_signs_out_every_session,
    a_deactivated_account_loses_its_sessions_and_tokens,
    revoked_and_expired_tokens_are_refused,
    a_user_changes_their_own_password_and_their_other_sessions_end,
    next_after_signing_in_is_always_a_local_path,
);
