//! The record on both engines: what the reference assembly's record holds, the news summary
//! generated from it, outcomes, reports, presentations and the declaration recorded and audited,
//! news drafted, edited and published with its photos, and the whole assembly as one JSON
//! document that round-trips into an empty database.

use plenary_core::actions::*;
use plenary_core::auth::{Actor, Role};
use plenary_core::model::*;
use plenary_core::news::{news_draft, Language};
use plenary_core::record::{DecisionSubject, DeclarationText};
use plenary_core::storage::*;
use plenary_core::testing::TestDb;
use plenary_core::testing::ONE_PIXEL_PNG;
use plenary_core::{both_engines, demo, Error, Problem};

fn organizer() -> Actor {
    Actor {
        user_id: 1,
        email: "secretariat@example.org".into(),
        name: "Secretariat".into(),
        role: Role::Organizer,
        member_id: None,
    }
}

fn delegate() -> Actor {
    Actor {
        user_id: 2,
        email: "delegate@example.org".into(),
        name: "Delegate".into(),
        role: Role::Delegate,
        member_id: Some(1),
    }
}

async fn audit_actions(db: &Db) -> Vec<String> {
    list_audit(
        db,
        &AuditFilter {
            limit: Some(1000),
            ..AuditFilter::default()
        },
    )
    .await
    .unwrap()
    .into_iter()
    .map(|e| e.action)
    .collect()
}

/// The record of the reference assembly holds what the assembly did, derived from the data.
async fn the_reference_record_holds_what_happened(db: Db) {
    demo::load(&db).await.unwrap();
    let r = load_record(&db, 13).await.unwrap();
    assert_eq!(r.sessions.len(), 4);
    assert!(r.attendance.people > 240, "{}", r.attendance.people);
    assert_eq!((r.attendance.governments, r.attendance.members), (73, 70));
    assert_eq!(r.decisions.len(), 2);
    for d in &r.decisions {
        let tally = d.vote.as_ref().unwrap().tally.clone().unwrap();
        assert_eq!((tally.yes, tally.present), (70, 70), "{d:?}");
        assert_eq!(d.vote.as_ref().unwrap().ballots.len(), 70);
    }
    assert!(r.decisions.iter().any(|d| matches!(&d.subject,
        DecisionSubject::Membership { applicant, ordinal: Some(79), .. } if applicant.name == "Liaoning Province")));
    assert!(r.decisions.iter().any(|d| matches!(&d.subject,
        DecisionSubject::Chairmanship { applicant, term: 14 } if applicant.name == "Ulsan Metropolitan City")));
    assert_eq!(r.reports.len(), 6);
    assert_eq!(r.presentations.len(), 9);
    let declaration = r.declaration.as_ref().unwrap();
    assert!(declaration.adopted_at.is_some());
    assert_eq!(r.active_members, 79);
    assert_eq!(r.opening_speakers().len(), 5);
}

/// The English news summary of the reference assembly, as the issue lists its facts.
async fn the_news_of_the_reference_assembly_tells_its_facts(db: Db) {
    demo::load(&db).await.unwrap();
    let r = load_record(&db, 13).await.unwrap();
    let en = news_draft(&r, Language::En);
    let text = format!("{}\n{}\n{}", en.headline, en.lead, en.body);
    for fact in [
        "13th",
        "After 25 years together, into the future we go!",
        "online",
        "Pohang",
        "over 240 people",
        "73 regional governments",
        "70 member",
        "five countries",
        "Ho Chi Minh City",
        "Ulsan Metropolitan City",
        "14th",
        "chairmanship",
        "Liaoning Province",
        "79th member",
        "unanimously",
        "Working Committee",
        "Subcommittee on Sports",
        "Subcommittee on Oceans and Fisheries",
        "Subcommittee on Disaster Prevention",
        "Subcommittee on Educational and Cultural Exchange",
        "Subcommittee on Economy and Humanities Exchange",
        "Henan Province",
        "Ningxia Hui Autonomous Region",
        "Hubei Province",
        "Sejong Special Self-Governing City",
        "Jeollanam-do Province",
        "Jeju Special Self-Governing Province",
        "Uvurkhangai Province",
        "Uvs Province",
        "Kamchatka Territory",
        "Ban Ki-moon",
        "video message",
        "Declaration of the 13th General Assembly",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in:\n{text}");
    }
    let ko = news_draft(&r, Language::Ko);
    let text = format!("{}\n{}\n{}", ko.headline, ko.lead, ko.body);
    for fact in [
        "제13차",
        "만장일치",
        "79번째",
        "Liaoning Province",
        "240여 명",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in:\n{text}");
    }
    // The demo published both, and only those.
    let published = published_news(&db).await.unwrap();
    let mut languages: Vec<_> = published.iter().map(|(_, n)| n.language.as_str()).collect();
    languages.sort();
    assert_eq!(languages, ["en", "ko"]);
}

/// Outcomes, reports, presentations and the declaration: recorded by organizers only, audited,
/// and read back in the record.
async fn what_an_item_produced_is_recorded_and_audited(db: Db) {
    demo::load(&db).await.unwrap();
    let me = organizer();
    let r = load_record(&db, 13).await.unwrap();
    let report_item = r.sessions[2].items[1].id;
    let refused = record_outcome(&db, Some(&delegate()), report_item, "x").await;
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    assert!(matches!(
        record_outcome(&db, None, report_item, "x").await,
        Err(Error::Unauthenticated)
    ));

    record_outcome(&db, Some(&me), report_item, "  Noted with thanks.  ")
        .await
        .unwrap();
    let desk = record_desk(&db, Some(&me), 13).await.unwrap();
    let report = desk
        .reports
        .iter()
        .find(|r| r.agenda_item_id == Some(report_item))
        .unwrap()
        .clone();
    let input = ReportForm {
        agenda_item_id: report_item.to_string(),
        committee_id: report.committee_id.to_string(),
        presenting_member_id: report.presenting_member_id.to_string(),
        outcomes: "Three joint projects completed.".into(),
        next_meeting_place: "Qingdao".into(),
        next_meeting_date: "2022-06-15".into(),
    }
    .parse()
    .unwrap();
    update_report_record(&db, Some(&me), report.id, &input)
        .await
        .unwrap();
    let bad = NewReport {
        committee_id: 99_999,
        ..input.clone()
    };
    let err = update_report_record(&db, Some(&me), report.id, &bad)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("committee_id"));

    let first = desk.presentations[0].clone();
    let topic = NewPresentation {
        agenda_item_id: first.agenda_item_id,
        member_id: first.member_id,
        topic: Some("Smart farming on the Yellow River".into()),
    };
    update_presentation_record(&db, Some(&me), first.id, &topic)
        .await
        .unwrap();
    let elsewhere = NewPresentation {
        agenda_item_id: Some(999_999),
        ..topic.clone()
    };
    let err = create_presentation(&db, Some(&me), 13, &elsewhere)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("agenda_item_id"));

    let declaration = DeclarationInput {
        title: "Declaration of the 13th General Assembly".into(),
        agenda_item_id: desk.declaration.as_ref().unwrap().agenda_item_id,
        adopted_at: None,
        texts: vec![
            DeclarationText {
                language: "en".into(),
                body: "We, the member governments…".into(),
            },
            DeclarationText {
                language: "ko".into(),
                body: "우리 회원 지방정부는…".into(),
            },
            DeclarationText {
                language: "ja".into(),
                body: "  ".into(),
            },
        ],
    };
    record_declaration_form(&db, Some(&me), 13, declaration.clone(), "2021-08-10T13:05")
        .await
        .unwrap();
    let err = record_declaration_form(&db, Some(&me), 13, declaration, "10 August")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("adopted_at"));

    let r = load_record(&db, 13).await.unwrap();
    assert_eq!(
        r.item(report_item).unwrap().outcome.as_deref(),
        Some("Noted with thanks.")
    );
    let report = r.reports.iter().find(|x| x.id == report.id).unwrap();
    assert_eq!(report.next_meeting_place.as_deref(), Some("Qingdao"));
    assert_eq!(
        r.presentations[0].topic.as_deref(),
        Some("Smart farming on the Yellow River")
    );
    let d = r.declaration.unwrap();
    // The main language first; the empty Japanese text is not kept.
    let languages: Vec<_> = d.texts.iter().map(|t| t.language.as_str()).collect();
    assert_eq!(languages, ["en", "ko"]);
    assert_eq!(d.adopted_at.unwrap().local, "13:05");
    // The desk offers the same time back, on the venue's clock, for the next save.
    let desk = record_desk(&db, Some(&me), 13).await.unwrap();
    assert_eq!(
        desk.declaration_adopted_local.as_deref(),
        Some("2021-08-10T13:05")
    );

    let actions = audit_actions(&db).await;
    for action in [
        "agenda_item.outcome",
        "report.update",
        "presentation.update",
        "declaration.record",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
    let news = news_draft(&load_record(&db, 13).await.unwrap(), Language::En);
    assert!(news.body.contains("Qingdao"), "{}", news.body);
}

/// A summary is drafted from the record, edited and published; the public sees published ones
/// only, and photos once a summary is published.
async fn news_is_drafted_edited_published_and_illustrated(db: Db) {
    demo::load_at(&db, demo::Stage::BeforeVotes).await.unwrap();
    let me = organizer();
    assert!(matches!(
        news_page(&db, 13, Some("en")).await,
        Err(Error::NotFound { .. })
    ));
    let err = draft_news(&db, Some(&me), 13, "fr").await.unwrap_err();
    assert_eq!(err.field(), Some("language"));
    let draft = draft_news(&db, Some(&me), 13, "zh").await.unwrap();
    assert_eq!(draft.status, NewsStatus::Draft);
    assert!(draft.headline.contains("13"), "{}", draft.headline);

    let photo = NewAttachment {
        file_name: "hall.png".into(),
        content_type: "image/png".into(),
        caption: Some("The assembly hall".into()),
        data: ONE_PIXEL_PNG.to_vec(),
    };
    let stored = add_attachment(&db, Some(&me), 13, &photo).await.unwrap();
    assert_eq!(stored.size, ONE_PIXEL_PNG.len() as i64);
    let renamed = NewAttachment {
        data: b"not an image".to_vec(),
        ..photo.clone()
    };
    let err = add_attachment(&db, Some(&me), 13, &renamed)
        .await
        .unwrap_err();
    assert!(matches!(
        err.problem(),
        Some(Problem::AttachmentType { .. })
    ));
    // Unpublished: the photo is the secretariat's only.
    assert!(attachment_file(&db, None, stored.id).await.is_err());
    assert!(attachment_file(&db, Some(&me), stored.id).await.is_ok());

    let edit = NewsEdit {
        headline: "第13届大会 – edited".into(),
        lead: draft.lead.clone(),
        body: draft.body.clone(),
    };
    let empty = NewsEdit {
        headline: " ".into(),
        ..edit.clone()
    };
    assert_eq!(
        edit_news(&db, Some(&me), draft.id, &empty)
            .await
            .unwrap_err()
            .field(),
        Some("headline")
    );
    edit_news(&db, Some(&me), draft.id, &edit).await.unwrap();
    let published = publish_news(&db, Some(&me), draft.id, true).await.unwrap();
    assert_eq!(published.status, NewsStatus::Published);
    assert!(published.published_at.is_some());

    // Asked in English, which has none, the public is told so, never given Chinese unasked;
    // asking for no language gives the one published.
    assert!(matches!(
        news_page(&db, 13, Some("en")).await,
        Err(Error::NotFound { .. })
    ));
    let page = news_page(&db, 13, None).await.unwrap();
    assert_eq!(page.summary.headline, "第13届大会 – edited");
    assert_eq!(page.languages, ["zh"]);
    assert_eq!(page.attachments.len(), 1);
    let (a, bytes) = attachment_file(&db, None, stored.id).await.unwrap();
    assert_eq!(
        (a.content_type.as_str(), bytes.as_slice()),
        ("image/png", ONE_PIXEL_PNG)
    );

    // Regenerating replaces the text and keeps it published.
    let again = draft_news(&db, Some(&me), 13, "zh").await.unwrap();
    assert_eq!(again.id, draft.id);
    assert_eq!(again.status, NewsStatus::Published);
    assert_ne!(again.headline, "第13届大会 – edited");

    publish_news(&db, Some(&me), draft.id, false).await.unwrap();
    assert!(news_page(&db, 13, Some("zh")).await.is_err());
    let actions = audit_actions(&db).await;
    for action in [
        "news_summary.create",
        "news_summary.update",
        "news_summary.publish",
        "news_summary.withdraw",
        "attachment.create",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
}

/// The whole assembly leaves as one JSON document and comes back into an empty database with
/// the same pages; a database that is not empty refuses it.
async fn the_document_round_trips_into_an_empty_database(db: Db) {
    demo::load(&db).await.unwrap();
    add_attachment(
        &db,
        Some(&organizer()),
        13,
        &NewAttachment {
            file_name: "hall.png".into(),
            content_type: "image/png".into(),
            caption: None,
            data: ONE_PIXEL_PNG.to_vec(),
        },
    )
    .await
    .unwrap();
    let doc = export_document(&db, 13).await.unwrap();
    assert_eq!(doc.format, DOCUMENT_FORMAT);
    assert_eq!(doc.ballots.len(), 140);
    // Through its JSON text, as a file would carry it.
    let json = serde_json::to_string(&doc).unwrap();
    let doc: AssemblyDocument = serde_json::from_str(&json).unwrap();

    let err = import_document(&db, &doc, "test").await.unwrap_err();
    assert!(
        matches!(err.problem(), Some(Problem::DatabaseNotEmpty)),
        "{err:?}"
    );

    let fresh = same_engine(&db).await;
    let number = import_document(&fresh.db, &doc, "test").await.unwrap();
    assert_eq!(number, 13);
    let again = export_document(&fresh.db, 13).await.unwrap();
    assert_eq!(
        serde_json::to_value(&again).unwrap(),
        serde_json::to_value(&doc).unwrap()
    );
    assert_eq!(
        assembly_page(&fresh.db, 13).await.unwrap(),
        assembly_page(&db, 13).await.unwrap()
    );
    assert_eq!(
        agenda_page(&fresh.db, 13).await.unwrap(),
        agenda_page(&db, 13).await.unwrap()
    );
    assert_eq!(
        register_page(&fresh.db).await.unwrap(),
        register_page(&db).await.unwrap()
    );
    assert_eq!(
        load_record(&fresh.db, 13).await.unwrap(),
        load_record(&db, 13).await.unwrap()
    );
    assert_eq!(
        news_page(&fresh.db, 13, Some("ko")).await.unwrap(),
        news_page(&db, 13, Some("ko")).await.unwrap()
    );
    // New rows after the import get new ids (PostgreSQL's identities continue after them).
    let country = create_country(
        &fresh.db,
        Some(&organizer()),
        &NewCountry {
            code: "VN".into(),
            name: "Viet Nam".into(),
        },
    )
    .await;
    assert!(
        matches!(&country, Err(e) if e.problem() == Some(&Problem::CountryCodeExists)),
        "{country:?}"
    );
    create_country(
        &fresh.db,
        Some(&organizer()),
        &NewCountry {
            code: "TH".into(),
            name: "Thailand".into(),
        },
    )
    .await
    .unwrap();

    let mut wrong = doc.clone();
    wrong.format = "plenary.assembly/0".into();
    let empty = same_engine(&db).await;
    assert_eq!(
        import_document(&empty.db, &wrong, "test")
            .await
            .unwrap_err()
            .field(),
        Some("format")
    );
    // A row the schema refuses rolls the whole import back.
    let mut broken = doc.clone();
    broken.members[0].kind = "overlord".into();
    let err = import_document(&empty.db, &broken, "test")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("document"));
    assert!(import_document(&empty.db, &doc, "test").await.is_ok());
    fresh.finish().await;
    empty.finish().await;
}

/// Another new database on the engine of `db`.
async fn same_engine(db: &Db) -> TestDb {
    match db.engine() {
        Engine::Sqlite => TestDb::sqlite().await,
        Engine::Postgres => TestDb::postgres().await,
    }
}

both_engines!(
    the_reference_record_holds_what_happened,
    the_news_of_the_reference_assembly_tells_its_facts,
    what_an_item_produced_is_recorded_and_audited,
    news_is_drafted_edited_published_and_illustrated,
    the_document_round_trips_into_an_empty_database,
);
