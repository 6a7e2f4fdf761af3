//! Storing what an assembly produced: item outcomes, reports, presentations, the declaration,
//! the news summaries and their photos.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::edit::{exec, found};
use super::{internal, on_db, on_tx, row, rows, stored, Db, Tx};
use crate::model::*;
use crate::record::DeclarationText;
use crate::{Error, Result};

/// Sets (or with `None` clears) the free-text outcome of an agenda item.
pub async fn set_item_outcome(tx: &mut Tx, item_id: i64, outcome: Option<&str>) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE agenda_items SET outcome = $1 WHERE id = $2",
        outcome,
        item_id
    )
    .map_err(internal)?;
    found(n, "The agenda item")
}

/// The outcome recorded for an item, if any.
pub async fn item_outcome(tx: &mut Tx, item_id: i64) -> Result<Option<String>> {
    let r: (Option<String>,) = row(
        tx,
        "SELECT outcome FROM agenda_items WHERE id = $1",
        item_id,
        "The agenda item",
    )
    .await?;
    Ok(r.0)
}

#[derive(FromRow)]
struct ReportRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    committee_id: i64,
    presenting_member_id: i64,
    outcomes: Option<String>,
    next_meeting_place: Option<String>,
    next_meeting_date: Option<NaiveDate>,
}

impl From<ReportRow> for Report {
    fn from(r: ReportRow) -> Self {
        Report {
            id: r.id,
            assembly_id: r.assembly_id,
            agenda_item_id: r.agenda_item_id,
            committee_id: r.committee_id,
            presenting_member_id: r.presenting_member_id,
            outcomes: r.outcomes,
            next_meeting_place: r.next_meeting_place,
            next_meeting_date: r.next_meeting_date,
        }
    }
}

const REPORT: &str =
    "SELECT id, assembly_id, agenda_item_id, committee_id, presenting_member_id, outcomes,
    next_meeting_place, next_meeting_date FROM reports";

pub async fn get_report(tx: &mut Tx, id: i64) -> Result<Report> {
    row::<ReportRow>(tx, &format!("{REPORT} WHERE id = $1"), id, "The report")
        .await
        .map(Into::into)
}

pub async fn list_reports(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Report>> {
    let rows: Vec<ReportRow> = rows(
        tx,
        &format!("{REPORT} WHERE assembly_id = $1 ORDER BY id"),
        assembly_id,
    )
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn update_report(tx: &mut Tx, id: i64, r: &NewReport) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE reports SET agenda_item_id = $1, committee_id = $2, presenting_member_id = $3,
           outcomes = $4, next_meeting_place = $5, next_meeting_date = $6 WHERE id = $7",
        r.agenda_item_id,
        r.committee_id,
        r.presenting_member_id,
        r.outcomes.as_deref(),
        r.next_meeting_place.as_deref(),
        r.next_meeting_date,
        id
    )
    .map_err(internal)?;
    found(n, "The report")
}

pub async fn delete_report(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM reports WHERE id = $1", id).map_err(internal)?;
    found(n, "The report")
}

#[derive(FromRow)]
struct PresentationRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    member_id: i64,
    topic: Option<String>,
}

impl From<PresentationRow> for Presentation {
    fn from(r: PresentationRow) -> Self {
        Presentation {
            id: r.id,
            assembly_id: r.assembly_id,
            agenda_item_id: r.agenda_item_id,
            member_id: r.member_id,
            topic: r.topic,
        }
    }
}

const PRESENTATION: &str =
    "SELECT id, assembly_id, agenda_item_id, member_id, topic FROM presentations";

pub async fn insert_presentation(
    tx: &mut Tx,
    assembly_id: i64,
    p: &NewPresentation,
) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO presentations (assembly_id, agenda_item_id, member_id, topic) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(assembly_id).bind(p.agenda_item_id).bind(p.member_id).bind(p.topic.as_deref())
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn get_presentation(tx: &mut Tx, id: i64) -> Result<Presentation> {
    row::<PresentationRow>(
        tx,
        &format!("{PRESENTATION} WHERE id = $1"),
        id,
        "The presentation",
    )
    .await
    .map(Into::into)
}

pub async fn list_presentations(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Presentation>> {
    let rows: Vec<PresentationRow> = rows(
        tx,
        &format!("{PRESENTATION} WHERE assembly_id = $1 ORDER BY id"),
        assembly_id,
    )
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn update_presentation(tx: &mut Tx, id: i64, p: &NewPresentation) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE presentations SET agenda_item_id = $1, member_id = $2, topic = $3 WHERE id = $4",
        p.agenda_item_id,
        p.member_id,
        p.topic.as_deref(),
        id
    )
    .map_err(internal)?;
    found(n, "The presentation")
}

pub async fn delete_presentation(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM presentations WHERE id = $1", id).map_err(internal)?;
    found(n, "The presentation")
}

#[derive(FromRow)]
struct DeclarationRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    title: String,
    adopted_at: Option<DateTime<Utc>>,
}

/// The declaration of an assembly, with its texts, if one is recorded.
pub async fn get_declaration(tx: &mut Tx, assembly_id: i64) -> Result<Option<Declaration>> {
    let Some(d) = rows::<DeclarationRow>(
        tx,
        "SELECT id, assembly_id, agenda_item_id, title, adopted_at FROM declarations
         WHERE assembly_id = $1 ORDER BY id LIMIT 1",
        assembly_id,
    )
    .await?
    .pop() else {
        return Ok(None);
    };
    let texts = rows::<(String, String)>(
        tx,
        "SELECT language, body FROM declaration_texts WHERE declaration_id = $1 ORDER BY language",
        d.id,
    )
    .await?
    .into_iter()
    .map(|(language, body)| DeclarationText { language, body })
    .collect();
    Ok(Some(Declaration {
        id: d.id,
        assembly_id: d.assembly_id,
        agenda_item_id: d.agenda_item_id,
        title: d.title,
        adopted_at: d.adopted_at,
        texts,
    }))
}

/// Records the declaration of an assembly (creating it the first time) and replaces its texts;
/// a text left empty is removed.
pub async fn save_declaration(tx: &mut Tx, assembly_id: i64, d: &DeclarationInput) -> Result<i64> {
    let id = match get_declaration(tx, assembly_id).await? {
        Some(existing) => {
            exec!(
                tx,
                "UPDATE declarations SET title = $1, agenda_item_id = $2, adopted_at = $3 WHERE id = $4",
                d.title.trim(),
                d.agenda_item_id,
                d.adopted_at,
                existing.id
            )
            .map_err(internal)?;
            existing.id
        }
        None => on_tx!(tx, c => sqlx::query_scalar(
            "INSERT INTO declarations (assembly_id, agenda_item_id, title, adopted_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(assembly_id).bind(d.agenda_item_id).bind(d.title.trim()).bind(d.adopted_at)
            .fetch_one(c).await)
        .map_err(internal)?,
    };
    exec!(
        tx,
        "DELETE FROM declaration_texts WHERE declaration_id = $1",
        id
    )
    .map_err(internal)?;
    for t in d.texts.iter().filter(|t| !t.body.trim().is_empty()) {
        exec!(
            tx,
            "INSERT INTO declaration_texts (declaration_id, language, body) VALUES ($1, $2, $3)",
            id,
            t.language.trim(),
            t.body.trim()
        )
        .map_err(internal)?;
    }
    Ok(id)
}

#[derive(FromRow)]
struct NewsRow {
    id: i64,
    assembly_id: i64,
    language: String,
    headline: String,
    lead: String,
    body: String,
    status: String,
    updated_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
}

impl TryFrom<NewsRow> for NewsSummary {
    type Error = Error;
    fn try_from(r: NewsRow) -> Result<Self> {
        Ok(NewsSummary {
            id: r.id,
            assembly_id: r.assembly_id,
            language: r.language,
            headline: r.headline,
            lead: r.lead,
            body: r.body,
            status: stored("news_summaries.status", &r.status)?,
            updated_at: r.updated_at,
            published_at: r.published_at,
        })
    }
}

const NEWS: &str = "SELECT id, assembly_id, language, headline, lead, body, status, updated_at,
    published_at FROM news_summaries";

pub async fn get_news(tx: &mut Tx, id: i64) -> Result<NewsSummary> {
    row::<NewsRow>(tx, &format!("{NEWS} WHERE id = $1"), id, "The news summary")
        .await?
        .try_into()
}

/// The news summaries of an assembly, one per language, in language order.
pub async fn list_news(tx: &mut Tx, assembly_id: i64) -> Result<Vec<NewsSummary>> {
    rows::<NewsRow>(
        tx,
        &format!("{NEWS} WHERE assembly_id = $1 ORDER BY language"),
        assembly_id,
    )
    .await?
    .into_iter()
    .map(TryInto::try_into)
    .collect()
}

/// Every published summary of every assembly, the latest first (the Atom feed).
pub async fn published_news(db: &Db) -> Result<Vec<(i64, NewsSummary)>> {
    #[derive(FromRow)]
    struct Published {
        number: i64,
        #[sqlx(flatten)]
        news: NewsRow,
    }
    let rows: Vec<Published> = on_db!(db, c => sqlx::query_as(
        "SELECT a.number, n.id, n.assembly_id, n.language, n.headline, n.lead, n.body, n.status,
                n.updated_at, n.published_at
         FROM news_summaries n JOIN assemblies a ON a.id = n.assembly_id
         WHERE n.status = 'published' ORDER BY n.published_at DESC, n.id DESC")
        .fetch_all(c).await)
    .map_err(internal)?;
    rows.into_iter()
        .map(|r| Ok((r.number, r.news.try_into()?)))
        .collect()
}

/// Writes the summary of `language` (creating it as a draft); an existing one keeps its status.
pub async fn save_news(
    tx: &mut Tx,
    assembly_id: i64,
    language: &str,
    edit: &NewsEdit,
    at: DateTime<Utc>,
) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO news_summaries (assembly_id, language, headline, lead, body, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assembly_id, language) DO UPDATE SET headline = excluded.headline,
           lead = excluded.lead, body = excluded.body, updated_at = excluded.updated_at
         RETURNING id")
        .bind(assembly_id).bind(language).bind(edit.headline.trim()).bind(edit.lead.trim())
        .bind(edit.body.trim()).bind(at)
        .fetch_one(c).await)
    .map_err(internal)
}

/// Publishes a summary, or takes it back to a draft.
pub async fn set_news_status(
    tx: &mut Tx,
    id: i64,
    status: NewsStatus,
    at: DateTime<Utc>,
) -> Result<()> {
    let published_at = (status == NewsStatus::Published).then_some(at);
    let n = exec!(
        tx,
        "UPDATE news_summaries SET status = $1, published_at = $2 WHERE id = $3",
        status.as_str(),
        published_at,
        id
    )
    .map_err(internal)?;
    found(n, "The news summary")
}

#[derive(FromRow)]
struct AttachmentRow {
    id: i64,
    assembly_id: i64,
    file_name: String,
    content_type: String,
    size: i64,
    caption: Option<String>,
    uploaded_at: DateTime<Utc>,
}

impl From<AttachmentRow> for Attachment {
    fn from(r: AttachmentRow) -> Self {
        Attachment {
            id: r.id,
            assembly_id: r.assembly_id,
            file_name: r.file_name,
            content_type: r.content_type,
            size: r.size,
            caption: r.caption,
            uploaded_at: r.uploaded_at,
        }
    }
}

const ATTACHMENT: &str =
    "SELECT id, assembly_id, file_name, content_type, size, caption, uploaded_at FROM news_attachments";

pub async fn insert_attachment(
    tx: &mut Tx,
    assembly_id: i64,
    a: &NewAttachment,
    at: DateTime<Utc>,
) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO news_attachments (assembly_id, file_name, content_type, size, caption, data, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(assembly_id).bind(a.file_name.trim()).bind(&a.content_type).bind(a.data.len() as i64)
        .bind(a.caption.as_deref()).bind(&a.data).bind(at)
        .fetch_one(c).await)
    .map_err(internal)
}

pub async fn get_attachment(tx: &mut Tx, id: i64) -> Result<Attachment> {
    row::<AttachmentRow>(tx, &format!("{ATTACHMENT} WHERE id = $1"), id, "The photo")
        .await
        .map(Into::into)
}

pub async fn list_attachments(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Attachment>> {
    let rows: Vec<AttachmentRow> = rows(
        tx,
        &format!("{ATTACHMENT} WHERE assembly_id = $1 ORDER BY id"),
        assembly_id,
    )
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The bytes of a photo.
pub async fn attachment_data(tx: &mut Tx, id: i64) -> Result<Vec<u8>> {
    let r: (Vec<u8>,) = row(
        tx,
        "SELECT data FROM news_attachments WHERE id = $1",
        id,
        "The photo",
    )
    .await?;
    Ok(r.0)
}

pub async fn delete_attachment(tx: &mut Tx, id: i64) -> Result<()> {
    let n = exec!(tx, "DELETE FROM news_attachments WHERE id = $1", id).map_err(internal)?;
    found(n, "The photo")
}
