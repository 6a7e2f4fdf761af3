//! An organizer prepares the 14th assembly through the JSON API: the whole flow, the errors a
//! secretariat meets, the audit log, tokens and the sign-in rate limit.

use crate::support::Client;
use axum::http::{Method, StatusCode};
use plenary_core::auth::Role;
use plenary_core::storage::Db;
use plenary_core::{both_engines, demo, on_db};
use serde_json::{json, Value};

async fn organizer(db: &Db) -> Client {
    demo::load(db).await.unwrap();
    Client::signed_in(db, Role::Organizer, "secretariat@example.org", None).await
}

async fn member_id(db: &Db, name: &str) -> i64 {
    demo::member_id(db, name).await.unwrap().unwrap()
}

fn titles(agenda: &Value, session: usize) -> Vec<String> {
    agenda["sessions"][session]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn an_organizer_prepares_the_14th_assembly(db: Db) {
    let org = organizer(&db).await;
    let ulsan = member_id(&db, "Ulsan Metropolitan City").await;
    let assembly = org
        .expect(StatusCode::CREATED, Method::POST, "/api/assemblies", json!({
            "number": 14, "title": "14th General Assembly of NEAR", "slogan": null,
            "start_date": "2022-09-01", "end_date": "2022-09-01", "venue": "Ulsan Exhibition and Convention Center",
            "host_member_id": ulsan, "mode": "hybrid", "time_zone": "Asia/Seoul", "status": "planned"}))
        .await;
    assert_eq!(assembly["mode"], "hybrid");

    let sessions = org
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/assemblies/14/copy-agenda",
            json!({"from_number": 13}),
        )
        .await;
    assert_eq!(
        sessions.as_array().unwrap().len(),
        4,
        "the 13th's four parts are copied"
    );
    let copied = org.get("/api/assemblies/14/agenda").await;
    assert_eq!(
        copied["sessions"][0]["items"][0]["start"]["local"], "10:00",
        "times of day are kept"
    );
    assert_eq!(
        copied["sessions"][0]["items"][0]["start"]["utc"], "2022-09-01T01:00:00+00:00",
        "moved to the new date"
    );
    assert_eq!(
        copied["sessions"][0]["items"][2]["speakers"][0]["name"],
        "Ban Ki-moon"
    );

    let session = org
        .expect(StatusCode::CREATED, Method::POST, "/api/assemblies/14/sessions", json!({
            "title": "Session 3: Youth forum", "kind": "working", "planned_start": "2022-09-01T05:00:00Z"}))
        .await;
    let sid = session["id"].as_i64().unwrap();
    let person = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/persons",
            json!({"name": "Kim Doo-gyeom", "title": "Mayor", "member_id": ulsan, "body": null}),
        )
        .await;
    let mut items = Vec::new();
    for (title, minutes) in [
        ("Youth declaration", 20),
        ("Panel on climate", 30),
        ("Closing words", 10),
    ] {
        let item = org
            .expect(
                StatusCode::CREATED,
                Method::POST,
                &format!("/api/sessions/{sid}/items"),
                json!({"kind": "other", "title": title, "planned_minutes": minutes}),
            )
            .await;
        let iid = item["id"].as_i64().unwrap();
        org.expect(StatusCode::CREATED, Method::POST, &format!("/api/items/{iid}/speakers"), json!({
            "person_id": person["id"], "member_id": ulsan, "role": "host", "delivery": "in_person"}))
            .await;
        items.push(iid);
    }
    org.expect(
        StatusCode::OK,
        Method::POST,
        &format!("/api/items/{}/move", items[1]),
        json!({"to": "up", "session_id": null}),
    )
    .await;

    let agenda = org.get("/api/assemblies/14/agenda").await;
    assert_eq!(
        titles(&agenda, 4),
        ["Panel on climate", "Youth declaration", "Closing words"]
    );
    let starts: Vec<&str> = agenda["sessions"][4]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["start"]["local"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["14:00", "14:30", "14:50"],
        "times follow the new order"
    );

    let postponed = org
        .expect(StatusCode::OK, Method::POST, "/api/assemblies/14/postpone", json!({"to_date": "2022-10-01", "reason": "The venue is needed for a typhoon shelter."}))
        .await;
    assert_eq!(
        (
            postponed["status"].as_str(),
            postponed["start_date"].as_str()
        ),
        (Some("postponed"), Some("2022-10-01"))
    );
    let agenda = org.get("/api/assemblies/14/agenda").await;
    assert_eq!(
        agenda["sessions"][4]["items"][0]["start"]["utc"], "2022-10-01T05:00:00+00:00",
        "sessions move with the assembly"
    );
    let page = org.get("/api/assemblies/14").await;
    assert_eq!(
        page["postponements"][0]["reason"],
        "The venue is needed for a typhoon shelter."
    );
    assert_eq!(page["host"], "Ulsan Metropolitan City");

    // The public pages show the same, without signing in.
    let public = Client::anonymous(&db).await;
    let (status, html) = public.page_in("/assemblies/14/agenda", "en").await;
    assert_eq!(status, StatusCode::OK);
    let panel = html.find("Panel on climate").unwrap();
    assert!(panel < html.find("Youth declaration").unwrap());
}

async fn bad_input_names_its_field_and_changes_nothing(db: Db) {
    // Before its votes, the assembly still has an applicant (Liaoning) to refuse a delegate for.
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let org = organizer(&db).await;
    let audit_before = org.get("/api/audit").await.as_array().unwrap().len();
    let session = org.get("/api/assemblies/13/sessions").await[0]["id"]
        .as_i64()
        .unwrap();
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            &format!("/api/sessions/{session}/items"),
            json!({"kind": "report", "title": "R", "planned_minutes": 0}),
        )
        .await;
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("invalid"), Some("planned_minutes"))
    );
    let error = org
        .expect(StatusCode::CONFLICT, Method::POST, "/api/assemblies", json!({
            "number": 13, "title": "Again", "slogan": null, "start_date": "2022-01-01", "end_date": "2022-01-01",
            "venue": "x", "host_member_id": null, "mode": "online", "time_zone": "Asia/Seoul", "status": "planned"}))
        .await;
    assert_eq!(error["field"], "number");
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/countries",
            json!({"code": 5}),
        )
        .await;
    assert_eq!(error["field"], "code", "the field that could not be read");
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/applications",
            json!({
            "kind": "chairmanship", "applicant_member_id": member_id(&db, "Hyogo Prefecture").await,
            "agenda_item_id": null, "term": 16, "membership_kind": null, "statement": null}),
        )
        .await;
    assert_eq!(
        error["field"], "term",
        "the term must follow the current one (13)"
    );
    let error = org
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/assemblies/13/applications",
            json!({
            "kind": "membership", "applicant_member_id": member_id(&db, "Hyogo Prefecture").await,
            "agenda_item_id": null, "term": null, "membership_kind": "member", "statement": null}),
        )
        .await;
    assert_eq!(
        error["field"], "applicant_member_id",
        "an active member cannot apply for membership"
    );
    let error = org
        .expect(StatusCode::UNPROCESSABLE_ENTITY, Method::POST, "/api/users", json!({
            "email": "liaoning@example.org", "name": "Liaoning", "role": "delegate", "member_id": member_id(&db, "Liaoning Province").await}))
        .await;
    assert_eq!(
        error["field"], "member_id",
        "a delegate is bound to an active member"
    );
    assert_eq!(
        org.get("/api/audit").await.as_array().unwrap().len(),
        audit_before,
        "failed actions leave no audit entry"
    );
}

async fn every_change_is_in_the_audit_log_with_before_and_after(db: Db) {
    let org = organizer(&db).await;
    let session = org.get("/api/assemblies/13/sessions").await[3]["id"]
        .as_i64()
        .unwrap();
    let item = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            &format!("/api/sessions/{session}/items"),
            json!({"kind": "other", "title": "Photo", "planned_minutes": 5}),
        )
        .await;
    let id = item["id"].as_i64().unwrap();
    org.expect(
        StatusCode::OK,
        Method::PUT,
        &format!("/api/items/{id}"),
        json!({"kind": "other", "title": "Group photo", "planned_minutes": 7}),
    )
    .await;
    let log = org.get("/api/audit?entity=agenda_item").await;
    let update = &log[0];
    assert_eq!(update["action"], "agenda_item.update");
    assert_eq!(update["entity_id"], id);
    assert!(update["actor"]
        .as_str()
        .unwrap()
        .contains("secretariat@example.org"));
    assert!(update["before"].as_str().unwrap().contains("\"Photo\""));
    assert!(update["after"]
        .as_str()
        .unwrap()
        .contains("\"Group photo\""));
    assert_eq!(log[1]["action"], "agenda_item.create");
    assert_eq!(
        org.get("/api/audit?action=update&entity=agenda")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

async fn members_with_ballots_are_archived_not_deleted(db: Db) {
    let org = organizer(&db).await;
    let hyogo = member_id(&db, "Hyogo Prefecture").await;
    on_db!(&db, c => sqlx::query(
        "INSERT INTO votes (assembly_id, question, rule, opened_at) SELECT id, 'Test', 'unanimous', $1 FROM assemblies WHERE number = 13")
        .bind(chrono::Utc::now()).execute(c).await.map(drop)).unwrap();
    on_db!(&db, c => sqlx::query("INSERT INTO ballots (vote_id, member_id, choice, cast_at) SELECT MAX(id), $1, 'yes', $2 FROM votes")
        .bind(hyogo).bind(chrono::Utc::now()).execute(c).await.map(drop)).unwrap();
    let error = org
        .expect(
            StatusCode::CONFLICT,
            Method::DELETE,
            &format!("/api/members/{hyogo}"),
            json!(null),
        )
        .await;
    assert!(error["message"].as_str().unwrap().contains("archive"));
    let archived = org
        .expect(
            StatusCode::OK,
            Method::POST,
            &format!("/api/members/{hyogo}/archive"),
            json!(null),
        )
        .await;
    assert_eq!(archived["status"], "archived");
    let register = org.get("/api/register").await;
    assert!(
        !register.to_string().contains("Hyogo Prefecture"),
        "archived members leave the register"
    );
}

async fn api_tokens_and_sign_in_limits(db: Db) {
    let org = organizer(&db).await;
    let token = org
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/tokens",
            json!({"name": "venue laptop"}),
        )
        .await;
    let token = token["token"].as_str().unwrap();
    let mut bearer = Client::anonymous(&db).await;
    bearer.credential = Some((axum::http::header::AUTHORIZATION, format!("Bearer {token}")));
    bearer
        .expect(
            StatusCode::CREATED,
            Method::POST,
            "/api/countries",
            json!({"code": "TH", "name": "Thailand"}),
        )
        .await;
    let mut forged = Client::anonymous(&db).await;
    forged.credential = Some((
        axum::http::header::AUTHORIZATION,
        "Bearer plenary_forged".into(),
    ));
    forged
        .expect(
            StatusCode::UNAUTHORIZED,
            Method::POST,
            "/api/countries",
            json!({"code": "LA", "name": "Laos"}),
        )
        .await;

    let anonymous = Client::anonymous(&db).await;
    let wrong = json!({"email": "secretariat@example.org", "password": "not the password"});
    for _ in 0..5 {
        let error = anonymous
            .expect(
                StatusCode::UNPROCESSABLE_ENTITY,
                Method::POST,
                "/api/session",
                wrong.clone(),
            )
            .await;
        assert_eq!(error["field"], "password");
    }
    let error = anonymous
        .expect(
            StatusCode::TOO_MANY_REQUESTS,
            Method::POST,
            "/api/session",
            wrong,
        )
        .await;
    assert_eq!(error["code"], "too_many_requests");
    let error = anonymous
        .expect(
            StatusCode::TOO_MANY_REQUESTS,
            Method::POST,
            "/api/session",
            json!({"email": "secretariat@example.org", "password": crate::support::PASSWORD}),
        )
        .await;
    assert_eq!(
        error["code"], "too_many_requests",
        "even the right password waits"
    );
}

async fn invited_users_sign_in_with_their_first_password(db: Db) {
    let org = organizer(&db).await;
    let invited = org
        .expect(StatusCode::CREATED, Method::POST, "/api/users", json!({
            "email": "Delegate@Ulsan.example", "name": "Ulsan delegate", "role": "delegate", "member_id": member_id(&db, "Ulsan Metropolitan City").await}))
        .await;
    let password = invited["password"].as_str().unwrap();
    let anonymous = Client::anonymous(&db).await;
    let me = anonymous
        .expect(
            StatusCode::OK,
            Method::POST,
            "/api/session",
            json!({"email": "delegate@ulsan.example", "password": password}),
        )
        .await;
    assert_eq!(me["role"], "delegate");
    let id = invited["user"]["id"].as_i64().unwrap();
    let reset = org
        .expect(
            StatusCode::OK,
            Method::POST,
            &format!("/api/users/{id}/password"),
            json!(null),
        )
        .await;
    assert_ne!(reset["password"], password);
    anonymous
        .expect(
            StatusCode::UNPROCESSABLE_ENTITY,
            Method::POST,
            "/api/session",
            json!({"email": "delegate@ulsan.example", "password": password}),
        )
        .await;
}

async fn workspace_forms_work_without_javascript(db: Db) {
    let org = organizer(&db).await;
    let from = "/manage/register";
    let (status, back) = org
        .post_from("/sfn/save_country", "id=&code=LA&name=Laos", from)
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert!(back.starts_with(from), "{back}");
    assert!(org.get("/api/countries").await.to_string().contains("Laos"));

    let (_, back) = org
        .post_from("/sfn/save_country", "id=&code=L&name=Nowhere", from)
        .await;
    assert!(back.contains("__err="), "{back}");
    let (status, html) = org.page_in(&back, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("must be two capital letters (ISO 3166)"),
        "the error is shown next to its field"
    );
}

both_engines!(
    workspace_forms_work_without_javascript,
    an_organizer_prepares_the_14th_assembly,
    bad_input_names_its_field_and_changes_nothing,
    every_change_is_in_the_audit_log_with_before_and_after,
    members_with_ballots_are_archived_not_deleted,
    api_tokens_and_sign_in_limits,
    invited_users_sign_in_with_their_first_password,
);
