//! Storage on both engines: the same scenarios run on SQLite and, when a URL is given, PostgreSQL.

use plenary_core::model::*;
use plenary_core::storage::*;
use plenary_core::{both_engines, demo, on_db, Error};

async fn count(db: &Db, sql: &str) -> i64 {
    on_db!(db, c => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap()
}

async fn demo_loads_the_reference_assembly(db: Db) {
    assert_eq!(demo::load(&db).await.unwrap(), demo::Loaded::Written);

    let register = register_page(&db).await.unwrap();
    assert_eq!(
        register.association,
        "Association of North East Asia Regional Governments"
    );
    assert_eq!(
        register.active_members, 79,
        "78 members before the assembly, Liaoning admitted by it"
    );
    let names: Vec<&str> = register
        .countries
        .iter()
        .map(|c| c.country.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "China",
            "Japan",
            "Mongolia",
            "Russia",
            "South Korea",
            "Vietnam"
        ]
    );
    assert_eq!(register.chairs.len(), 2);
    assert_eq!(register.chairs[0].term, 13);
    assert_eq!(register.chairs[0].member, "Republic of Sakha (Yakutia)");
    assert_eq!(register.chairs[1].term, 14);
    assert_eq!(register.chairs[1].member, "Ulsan Metropolitan City");
    let liaoning = register.countries[0]
        .members
        .iter()
        .find(|m| m.name == "Liaoning Province")
        .unwrap();
    assert_eq!(
        (liaoning.status, liaoning.ordinal),
        (MemberStatus::Active, Some(79))
    );
    let hcmc = &register.countries[5].members[0];
    assert_eq!(
        (hcmc.name.as_str(), hcmc.kind),
        ("Ho Chi Minh City", MemberKind::Associate)
    );

    let page = assembly_page(&db, 13).await.unwrap();
    assert_eq!(
        page.slogan.as_deref(),
        Some("After 25 years together, into the future we go!")
    );
    assert_eq!(page.mode, AssemblyMode::Online);
    assert_eq!(
        page.start_date,
        chrono::NaiveDate::from_ymd_opt(2021, 8, 10).unwrap()
    );
    assert_eq!(page.postponements.len(), 1);
    assert!(page.postponements[0].reason.contains("COVID-19"));
    let a = &page.attendance;
    assert!(a.people > 240, "over 240 people, got {}", a.people);
    assert_eq!(a.governments, 73);
    assert_eq!(a.members, 70);
    assert_eq!(a.countries, 5);
    assert_eq!(a.associates, vec!["Ho Chi Minh City".to_string()]);
    let titles: Vec<&str> = page.sessions.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Opening ceremony",
            "Session 1: Decisions",
            "Session 2: Reports and presentations",
            "Closing"
        ]
    );

    let agenda = agenda_page(&db, 13).await.unwrap();
    assert_eq!(agenda.time_zone, "Asia/Seoul");
    let counts: Vec<usize> = agenda.sessions.iter().map(|s| s.items.len()).collect();
    assert_eq!(counts, [5, 2, 14, 1]);
    let opening = &agenda.sessions[0].items;
    assert_eq!(opening[0].start.local, "10:00");
    assert_eq!(opening[0].start.utc, "2021-08-10T01:00:00+00:00");
    assert_eq!(
        opening[0].speakers[0].name.as_deref(),
        Some("Tarasenko Andrey")
    );
    assert_eq!(
        opening[2].start.local, "10:10",
        "each item starts when the one before it ends"
    );
    assert_eq!(opening[2].speakers[0].name.as_deref(), Some("Ban Ki-moon"));
    assert_eq!(opening[2].speakers[0].delivery, Delivery::Video);
    assert_eq!(
        opening[2].speakers[0].affiliation.as_deref(),
        Some("United Nations")
    );
    assert_eq!(opening[4].speakers[0].name.as_deref(), Some("Kim Ok-chae"));
    assert_eq!(agenda.sessions[0].end.as_ref().unwrap().local, "10:25");
    let presentations = agenda.sessions[2]
        .items
        .iter()
        .filter(|i| i.kind == AgendaItemKind::Presentation)
        .count();
    assert_eq!(presentations, 9);
    let reporters: Vec<_> = agenda.sessions[2].items[..5]
        .iter()
        .map(|i| i.speakers[0].on_behalf_of.clone().unwrap())
        .collect();
    assert_eq!(reporters[1], "Shandong Province");

    assert_eq!(count(&db, "SELECT COUNT(*) FROM applications").await, 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM reports").await, 6);
    // The load itself, and the two votes of session 1: opened, 70 ballots, closed, decided,
    // and the change to the register (the chair elected, the member admitted).
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM audit_log").await,
        1 + 2 * (1 + 70 + 3)
    );
}

async fn loading_the_demo_twice_duplicates_nothing(db: Db) {
    demo::load(&db).await.unwrap();
    // Every table of the schema, read from the database itself.
    let tables: Vec<String> = match &db {
        Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
             AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    assert!(tables.len() > 20, "{tables:?}");
    let mut before = Vec::new();
    for t in &tables {
        before.push(count(&db, &format!("SELECT COUNT(*) FROM {t}")).await);
    }
    assert_eq!(demo::load(&db).await.unwrap(), demo::Loaded::AlreadyPresent);
    for (t, n) in tables.iter().zip(before) {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {t}")).await,
            n,
            "{t}"
        );
    }
}

async fn the_database_refuses_values_outside_the_enums(db: Db) {
    let mut tx = db.begin().await.unwrap();
    let country = ensure_country(
        &mut tx,
        &NewCountry {
            code: "KR".into(),
            name: "South Korea".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for kind in MemberKind::names() {
        let name = format!("Member of kind {kind}");
        let ok = on_db!(&db, c => sqlx::query("INSERT INTO members (country_id, name, kind, status) VALUES ($1, $2, $3, 'active')")
            .bind(country).bind(&name).bind(kind).execute(c).await.map(|_| ()));
        assert!(ok.is_ok(), "{kind} must be accepted: {ok:?}");
    }
    let bad = on_db!(&db, c => sqlx::query("INSERT INTO members (country_id, name, kind, status) VALUES ($1, 'Emperor', 'emperor', 'active')")
        .bind(country).execute(c).await.map(|_| ()));
    assert!(bad.is_err(), "an unknown kind must be refused");
    let bad = on_db!(&db, c => sqlx::query("INSERT INTO members (country_id, name, kind, status) VALUES ($1, 'Dormant', 'member', 'sleeping')")
        .bind(country).execute(c).await.map(|_| ()));
    assert!(bad.is_err(), "an unknown status must be refused");
}

fn assembly(number: i64) -> NewAssembly {
    NewAssembly {
        number,
        title: format!("{number}th General Assembly"),
        slogan: None,
        start_date: chrono::NaiveDate::from_ymd_opt(2022, 9, 1).unwrap(),
        end_date: chrono::NaiveDate::from_ymd_opt(2022, 9, 2).unwrap(),
        venue: "Ulsan".into(),
        host_member_id: None,
        mode: AssemblyMode::Hybrid,
        time_zone: "Asia/Seoul".into(),
        status: AssemblyStatus::Planned,
    }
}

async fn an_assembly_number_is_unique(db: Db) {
    let mut tx = db.begin().await.unwrap();
    insert_assembly(&mut tx, &assembly(14)).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let err = insert_assembly(&mut tx, &assembly(14)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { field: Some(f), .. } if f == "number"),
        "{err:?}"
    );
}

async fn a_failed_action_leaves_nothing_behind(db: Db) {
    let mut tx = db.begin().await.unwrap();
    let id = insert_assembly(&mut tx, &assembly(15)).await.unwrap();
    let session = insert_session(
        &mut tx,
        id,
        &NewSession {
            title: "Session 1".into(),
            kind: SessionKind::Working,
            planned_start: chrono::Utc::now().into(),
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let err = insert_agenda_item(
        &mut tx,
        session,
        &NewAgendaItem {
            kind: AgendaItemKind::Report,
            title: "Too long".into(),
            planned_minutes: 601,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("planned_minutes"));
    drop(tx);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM assemblies").await, 0);
    let err = agenda_page(&db, 15).await.unwrap_err();
    assert_eq!(err, Error::not_found("Assembly 15"));
}

async fn the_check_constraints_back_the_rules(db: Db) {
    let mut tx = db.begin().await.unwrap();
    let id = insert_assembly(&mut tx, &assembly(16)).await.unwrap();
    let session = insert_session(
        &mut tx,
        id,
        &NewSession {
            title: "Session".into(),
            kind: SessionKind::Working,
            planned_start: chrono::Utc::now().into(),
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let bad = on_db!(&db, c => sqlx::query("INSERT INTO agenda_items (session_id, position, kind, title, planned_minutes) VALUES ($1, 1, 'other', 'x', 0)")
        .bind(session).execute(c).await.map(|_| ()));
    assert!(
        bad.is_err(),
        "0 planned minutes must be refused by the database too"
    );
    let bad = on_db!(&db, c => sqlx::query("INSERT INTO audit_log (at, actor, action, entity) VALUES ($1, 'x', 'y', 'z')")
        .bind(chrono::Utc::now()).execute(c).await.map(|_| ()));
    assert!(bad.is_ok());
    let edit = on_db!(&db, c => sqlx::query("UPDATE audit_log SET actor = 'someone else'").execute(c).await.map(|_| ()));
    assert!(edit.is_err(), "the audit log is append-only");
}

async fn an_unknown_time_zone_is_refused(db: Db) {
    let mut tx = db.begin().await.unwrap();
    let err = insert_assembly(
        &mut tx,
        &NewAssembly {
            time_zone: "Asia/Atlantis".into(),
            ..assembly(17)
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));
}

both_engines!(
    demo_loads_the_reference_assembly,
    loading_the_demo_twice_duplicates_nothing,
    the_database_refuses_values_outside_the_enums,
    an_assembly_number_is_unique,
    a_failed_action_leaves_nothing_behind,
    the_check_constraints_back_the_rules,
    an_unknown_time_zone_is_refused,
);
