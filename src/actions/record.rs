//! Recording what an assembly produced and publishing it: item outcomes, reports,
//! presentations, the declaration, the news summary (generated, edited, published) and its photos.

use chrono::Utc;

use super::{change, create, log_change, remove};
use crate::auth::{organizer, Actor};
use crate::model::*;
use crate::news::{news_draft, Language};
use crate::record::Record;
use crate::storage::*;
use crate::views::{NewsPage, RecordDesk};
use crate::{Error, Problem, Result};

/// Checks that `item` (if any) is on the agenda of the assembly.
async fn on_agenda(tx: &mut Tx, assembly: i64, item: Option<i64>) -> Result<()> {
    if let Some(item) = item {
        item_session(tx, assembly, item)
            .await
            .map_err(|_| Error::invalid("agenda_item_id", Problem::ItemNotOnAgenda))?;
    }
    Ok(())
}

async fn check_member(tx: &mut Tx, field: &str, id: i64) -> Result<()> {
    get_member(tx, id)
        .await
        .map(drop)
        .map_err(|_| Error::invalid(field, Problem::NoSuchMember))
}

/// Sets the free-text outcome of an agenda item; an empty text clears it.
pub async fn record_outcome(
    db: &Db,
    actor: Option<&Actor>,
    item_id: i64,
    outcome: &str,
) -> Result<Option<String>> {
    let actor = organizer(actor)?;
    let outcome = limits::optional("outcome", outcome, limits::NOTE)?;
    change(
        db,
        actor,
        "agenda_item",
        "outcome",
        item_id,
        item_outcome,
        async |tx: &mut Tx, _: &Option<String>| {
            set_item_outcome(tx, item_id, outcome.as_deref()).await
        },
    )
    .await
}

async fn check_report(tx: &mut Tx, assembly: i64, r: &NewReport) -> Result<()> {
    r.validate()?;
    on_agenda(tx, assembly, r.agenda_item_id).await?;
    get_committee(tx, r.committee_id)
        .await
        .map_err(|_| Error::invalid("committee_id", Problem::Required))?;
    check_member(tx, "presenting_member_id", r.presenting_member_id).await
}

pub async fn create_report(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewReport,
) -> Result<Report> {
    let actor = organizer(actor)?;
    create(db, actor, "report", get_report, async |tx: &mut Tx| {
        let assembly = get_assembly(tx, number).await?.id;
        check_report(tx, assembly, input).await?;
        insert_report(tx, assembly, input).await
    })
    .await
}

pub async fn update_report_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewReport,
) -> Result<Report> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "report",
        "update",
        id,
        get_report,
        async |tx: &mut Tx, before: &Report| {
            check_report(tx, before.assembly_id, input).await?;
            update_report(tx, id, input).await
        },
    )
    .await
}

pub async fn delete_report_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "report",
        id,
        get_report,
        async |tx: &mut Tx, _: &Report| delete_report(tx, id).await,
    )
    .await
}

async fn check_presentation(tx: &mut Tx, assembly: i64, p: &NewPresentation) -> Result<()> {
    p.validate()?;
    on_agenda(tx, assembly, p.agenda_item_id).await?;
    check_member(tx, "member_id", p.member_id).await
}

pub async fn create_presentation(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewPresentation,
) -> Result<Presentation> {
    let actor = organizer(actor)?;
    create(
        db,
        actor,
        "presentation",
        get_presentation,
        async |tx: &mut Tx| {
            let assembly = get_assembly(tx, number).await?.id;
            check_presentation(tx, assembly, input).await?;
            insert_presentation(tx, assembly, input).await
        },
    )
    .await
}

pub async fn update_presentation_record(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewPresentation,
) -> Result<Presentation> {
    let actor = organizer(actor)?;
    change(
        db,
        actor,
        "presentation",
        "update",
        id,
        get_presentation,
        async |tx: &mut Tx, before: &Presentation| {
            check_presentation(tx, before.assembly_id, input).await?;
            update_presentation(tx, id, input).await
        },
    )
    .await
}

pub async fn delete_presentation_record(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "presentation",
        id,
        get_presentation,
        async |tx: &mut Tx, _: &Presentation| delete_presentation(tx, id).await,
    )
    .await
}

/// Records the declaration of assembly `number`, with its texts and time of adoption.
pub async fn record_declaration(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &DeclarationInput,
) -> Result<Declaration> {
    let actor = organizer(actor)?;
    input.validate()?;
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, number).await?.id;
    on_agenda(&mut tx, assembly, input.agenda_item_id).await?;
    let before = get_declaration(&mut tx, assembly).await?;
    let id = save_declaration(&mut tx, assembly, input).await?;
    let after = get_declaration(&mut tx, assembly)
        .await?
        .ok_or(Error::Internal)?;
    log_change(
        &mut tx,
        actor,
        "declaration.record",
        "declaration",
        id,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The language of a news summary, from its tag.
pub fn news_language(tag: &str) -> Result<Language> {
    Language::parse(tag).ok_or_else(|| {
        Error::invalid(
            "language",
            Problem::NotOneOf {
                value: tag.to_owned(),
                allowed: Language::ALL.iter().map(|l| l.tag().to_owned()).collect(),
            },
        )
    })
}

/// Generates the news summary of assembly `number` in `language` from its record, replacing
/// the text of an earlier draft (a published summary stays published with the new text).
pub async fn draft_news(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    language: &str,
) -> Result<NewsSummary> {
    let actor = organizer(actor)?;
    let language = news_language(language)?;
    let record = load_record(db, number).await?;
    let draft = news_draft(&record, language);
    let edit = NewsEdit {
        headline: draft.headline,
        lead: draft.lead,
        body: draft.body,
    };
    create(db, actor, "news_summary", get_news, async |tx: &mut Tx| {
        let assembly = get_assembly(tx, number).await?.id;
        save_news(tx, assembly, language.tag(), &edit, Utc::now()).await
    })
    .await
}

pub async fn edit_news(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    input: &NewsEdit,
) -> Result<NewsSummary> {
    let actor = organizer(actor)?;
    input.validate()?;
    change(
        db,
        actor,
        "news_summary",
        "update",
        id,
        get_news,
        async |tx: &mut Tx, before: &NewsSummary| {
            save_news(tx, before.assembly_id, &before.language, input, Utc::now())
                .await
                .map(drop)
        },
    )
    .await
}

/// Publishes a news summary, or (`publish` false) takes it back to a draft.
pub async fn publish_news(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    publish: bool,
) -> Result<NewsSummary> {
    let actor = organizer(actor)?;
    let (status, verb) = if publish {
        (NewsStatus::Published, "publish")
    } else {
        (NewsStatus::Draft, "withdraw")
    };
    change(
        db,
        actor,
        "news_summary",
        verb,
        id,
        get_news,
        async |tx: &mut Tx, _: &NewsSummary| set_news_status(tx, id, status, Utc::now()).await,
    )
    .await
}

/// Adds a photo to the news of assembly `number` after checking its type and size.
pub async fn add_attachment(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    input: &NewAttachment,
) -> Result<Attachment> {
    let actor = organizer(actor)?;
    input.validate()?;
    create(
        db,
        actor,
        "attachment",
        get_attachment,
        async |tx: &mut Tx| {
            let assembly = get_assembly(tx, number).await?.id;
            insert_attachment(tx, assembly, input, Utc::now()).await
        },
    )
    .await
}

pub async fn remove_attachment(db: &Db, actor: Option<&Actor>, id: i64) -> Result<()> {
    let actor = organizer(actor)?;
    remove(
        db,
        actor,
        "attachment",
        id,
        get_attachment,
        async |tx: &mut Tx, _: &Attachment| delete_attachment(tx, id).await,
    )
    .await
}

/// A photo and its bytes, for anyone once a summary of its assembly is published, and for
/// organizers always.
pub async fn attachment_file(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
) -> Result<(Attachment, Vec<u8>)> {
    db.reading(async |tx| {
        let a = get_attachment(tx, id).await?;
        let published = list_news(tx, a.assembly_id)
            .await?
            .iter()
            .any(|n| n.status == NewsStatus::Published);
        if !published && organizer(actor).is_err() {
            return Err(Error::not_found("The photo"));
        }
        let data = attachment_data(tx, id).await?;
        Ok((a, data))
    })
    .await
}

/// Everything the organizers' record desk shows for assembly `number`.
pub async fn record_desk(db: &Db, actor: Option<&Actor>, number: i64) -> Result<RecordDesk> {
    organizer(actor)?;
    let record = load_record(db, number).await?;
    let tz = time_zone(&record.assembly.time_zone)?;
    db.reading(async |tx| {
        let assembly = get_assembly(tx, number).await?.id;
        let declaration = get_declaration(tx, assembly).await?;
        Ok(RecordDesk {
            reports: list_reports(tx, assembly).await?,
            presentations: list_presentations(tx, assembly).await?,
            declaration_adopted_local: declaration
                .as_ref()
                .and_then(|d| d.adopted_at)
                .map(|at| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()),
            declaration,
            news: list_news(tx, assembly).await?,
            attachments: list_attachments(tx, assembly).await?,
            members: list_members(tx).await?,
            committees: list_committees(tx).await?,
            record,
        })
    })
    .await
}

/// The published news summary of assembly `number` in `language`, or in the association's
/// main language published when none is asked for. A language not published is not found
/// (the page offers those that are; see [`news_languages`]), never quietly another one.
pub async fn news_page(db: &Db, number: i64, language: Option<&str>) -> Result<NewsPage> {
    db.reading(async |tx| {
        let assembly = get_assembly(tx, number).await?;
        let offered = published_news(tx, assembly.id).await?;
        let summary = crate::news::chosen(&offered, language)
            .cloned()
            .ok_or_else(|| not_published(language, &offered))?;
        Ok(NewsPage {
            number,
            title: assembly.title,
            languages: offered.iter().map(|n| n.language.clone()).collect(),
            summary,
            attachments: list_attachments(tx, assembly.id).await?,
        })
    })
    .await
}

/// The languages the pages of assembly `number` name, named for a reader of `reader`'s
/// language: the association's working languages, the declaration's texts', the published news
/// summaries' and `also` (what the page asks for besides, such as a language asked for in vain).
pub async fn assembly_languages(
    db: &Db,
    number: i64,
    reader: &str,
    also: &[String],
) -> Result<crate::languages::AssemblyLanguages> {
    crate::languages::check_asked(also, reader)?;
    db.reading(async |tx| {
        let assembly = get_assembly(tx, number).await?;
        let news: Vec<String> = published_news(tx, assembly.id)
            .await?
            .into_iter()
            .map(|n| n.language)
            .collect();
        let working = get_association(tx)
            .await
            .map(|a| a.languages)
            .unwrap_or_default();
        let declared = get_declaration(tx, assembly.id)
            .await?
            .map(|d| d.texts.into_iter().map(|t| t.language).collect())
            .unwrap_or_else(Vec::new);
        let mut tags: Vec<String> = Vec::new();
        for tag in working
            .into_iter()
            .chain(declared)
            .chain(news.clone())
            .chain(also.iter().cloned())
        {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(crate::languages::AssemblyLanguages {
            names: crate::languages::language_names(&tags, reader),
            news,
        })
    })
    .await
}

/// No summary in `language` (or none at all): not found, with the languages that have one.
fn not_published(language: Option<&str>, offered: &[NewsSummary]) -> Error {
    let Some(language) = language.map(str::trim).filter(|l| !l.is_empty()) else {
        return Error::not_found("The news summary");
    };
    let language: String = language.chars().take(crate::languages::MAX_TAG).collect();
    Error::not_found_because(
        format!("The news summary in {language}"),
        Problem::NotOneOf {
            value: language,
            allowed: offered.iter().map(|n| n.language.clone()).collect(),
        },
    )
}

/// The published summaries of an assembly, in the order readers are offered them.
async fn published_news(tx: &mut Tx, assembly_id: i64) -> Result<Vec<NewsSummary>> {
    let published: Vec<NewsSummary> = list_news(tx, assembly_id)
        .await?
        .into_iter()
        .filter(|n| n.status == NewsStatus::Published)
        .collect();
    let working = get_association(tx)
        .await
        .map(|a| a.languages)
        .unwrap_or_default();
    Ok(crate::news::offered(published, &working))
}

/// The record of assembly `number` (the minutes and the exports read it).
pub async fn assembly_record(db: &Db, number: i64) -> Result<Record> {
    load_record(db, number).await
}

/// The whole assembly as one document, every row with its id (organizers: it holds drafts and
/// unpublished photos; a secret vote's ballots stay out of it, see `export_document`).
pub async fn assembly_document(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
) -> Result<AssemblyDocument> {
    organizer(actor)?;
    export_document(db, number).await
}

/// The declaration form as typed: the time of adoption in the venue's clock
/// (`2021-08-10T12:40`), empty when not (yet) adopted.
pub async fn record_declaration_form(
    db: &Db,
    actor: Option<&Actor>,
    number: i64,
    mut input: DeclarationInput,
    adopted_local: &str,
) -> Result<Declaration> {
    organizer(actor)?;
    if !adopted_local.trim().is_empty() {
        let assembly = db
            .reading(async |tx| get_assembly(tx, number).await)
            .await?;
        let at = venue_time(&assembly.time_zone, adopted_local).map_err(|e| match e.problem() {
            Some(p) => Error::invalid("adopted_at", p.clone()),
            None => e,
        })?;
        input.adopted_at = Some(at);
    }
    record_declaration(db, actor, number, &input).await
}
