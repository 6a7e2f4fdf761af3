//! The record over the JSON API: outcomes, reports, presentations and the declaration that
//! organizers enter after each item, the news summary (generated, edited, published) and its
//! photos, and the record itself as one JSON document.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use plenary_core::actions;
use plenary_core::model::{
    Attachment, Declaration, DeclarationInput, NewAttachment, NewPresentation, NewReport, NewsEdit,
    NewsSummary, Presentation, Report,
};
use plenary_core::record::Record;
use plenary_core::views::{NewsPage, RecordDesk};
use plenary_core::{Error, Problem};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, deleted, ok, ApiError, ApiErrorBody, ApiResult, Body, Id, Query, Upload};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record_show))
        .routes(routes!(desk_show))
        .routes(routes!(outcome_record))
        .routes(routes!(report_create))
        .routes(routes!(report_update, report_delete))
        .routes(routes!(presentation_create))
        .routes(routes!(presentation_update, presentation_delete))
        .routes(routes!(declaration_record))
        .routes(routes!(news_draft))
        .routes(routes!(news_show))
        .routes(routes!(news_edit))
        .routes(routes!(news_publish))
        .routes(routes!(attachment_upload))
        .routes(routes!(attachment_show, attachment_delete))
}

/// The free-text outcome of an agenda item (not a vote's outcome, `Outcome`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct ItemOutcome {
    /// The free-text outcome; empty clears it.
    #[schema(max_length = 5000)]
    outcome: String,
}

/// A photo as the upload form sends it (`multipart/form-data`).
#[derive(utoipa::ToSchema)]
#[allow(
    dead_code,
    reason = "it only describes the form in the OpenAPI document"
)]
struct PhotoUpload {
    /// The photo: JPEG, PNG or WebP, at most 5 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    #[schema(max_length = 300)]
    caption: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct Publication {
    /// True publishes the summary; false takes it back to a draft.
    published: bool,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct LanguageQuery {
    /// A BCP 47 tag ("en", "de", …): 404 when the summary is not published in it. When none
    /// is given, the association's main language published (the page lists the others).
    #[param(max_length = 35)]
    lang: Option<String>,
}

/// The record of an assembly: attendance, sessions with items, speakers and outcomes,
/// decisions with their tallies and ballots, reports, presentations and the declaration.
#[utoipa::path(get, path = "/api/assemblies/{number}/record", tag = "record", params(("number" = i64, Path)),
    responses((status = 200, body = Record), (status = 404, body = ApiErrorBody)))]
async fn record_show(State(s): State<AppState>, Id(number): Id<i64>) -> ApiResult<Json<Record>> {
    ok(actions::assembly_record(&s.db, number).await)
}

/// What the organizers' record desk shows: the record with what can be edited (organizers).
#[utoipa::path(get, path = "/api/assemblies/{number}/record-desk", tag = "record", params(("number" = i64, Path)),
    responses((status = 200, body = RecordDesk), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn desk_show(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
) -> ApiResult<Json<RecordDesk>> {
    ok(actions::record_desk(&s.db, c.actor(), number).await)
}

/// Records the outcome of an agenda item (organizers).
#[utoipa::path(put, path = "/api/agenda-items/{id}/outcome", tag = "record", params(("id" = i64, Path)), request_body = ItemOutcome,
    responses((status = 200, body = Option<String>), (status = 404, body = ApiErrorBody)))]
async fn outcome_record(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<ItemOutcome>,
) -> ApiResult<Json<Option<String>>> {
    ok(actions::record_outcome(&s.db, c.actor(), id, &input.outcome).await)
}

/// Records a committee's report received by the assembly (organizers).
#[utoipa::path(post, path = "/api/assemblies/{number}/reports", tag = "record", params(("number" = i64, Path)), request_body = NewReport,
    responses((status = 201, body = Report), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn report_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewReport>,
) -> ApiResult<(StatusCode, Json<Report>)> {
    created(actions::create_report(&s.db, c.actor(), number, &input).await)
}

/// Changes a report: its outcomes and the plan for the committee's next meeting (organizers).
#[utoipa::path(put, path = "/api/reports/{id}", tag = "record", params(("id" = i64, Path)), request_body = NewReport,
    responses((status = 200, body = Report), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn report_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewReport>,
) -> ApiResult<Json<Report>> {
    ok(actions::update_report_record(&s.db, c.actor(), id, &input).await)
}

/// Removes a report (organizers).
#[utoipa::path(delete, path = "/api/reports/{id}", tag = "record", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn report_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_report_record(&s.db, c.actor(), id).await)
}

/// Records a member's presentation (organizers).
#[utoipa::path(post, path = "/api/assemblies/{number}/presentations", tag = "record", params(("number" = i64, Path)), request_body = NewPresentation,
    responses((status = 201, body = Presentation), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn presentation_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewPresentation>,
) -> ApiResult<(StatusCode, Json<Presentation>)> {
    created(actions::create_presentation(&s.db, c.actor(), number, &input).await)
}

/// Changes a presentation: the member, its topic, its item (organizers).
#[utoipa::path(put, path = "/api/presentations/{id}", tag = "record", params(("id" = i64, Path)), request_body = NewPresentation,
    responses((status = 200, body = Presentation), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn presentation_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewPresentation>,
) -> ApiResult<Json<Presentation>> {
    ok(actions::update_presentation_record(&s.db, c.actor(), id, &input).await)
}

/// Removes a presentation (organizers).
#[utoipa::path(delete, path = "/api/presentations/{id}", tag = "record", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn presentation_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_presentation_record(&s.db, c.actor(), id).await)
}

/// Records the adopted declaration: title, item, time of adoption and its texts (organizers).
#[utoipa::path(put, path = "/api/assemblies/{number}/declaration", tag = "record", params(("number" = i64, Path)), request_body = DeclarationInput,
    responses((status = 200, body = Declaration), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn declaration_record(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<DeclarationInput>,
) -> ApiResult<Json<Declaration>> {
    ok(actions::record_declaration(&s.db, c.actor(), number, &input).await)
}

/// Generates the news summary in a language from the record, replacing the text of an earlier
/// draft (organizers).
#[utoipa::path(post, path = "/api/assemblies/{number}/news/{language}/draft", tag = "record",
    params(("number" = i64, Path), ("language" = String, Path, description = "en, ko, zh, ja, ru or mn")),
    responses((status = 201, body = NewsSummary), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn news_draft(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id((number, language)): Id<(i64, String)>,
) -> ApiResult<(StatusCode, Json<NewsSummary>)> {
    created(actions::draft_news(&s.db, c.actor(), number, &language).await)
}

/// The published news summary of an assembly in a language, with its photos.
#[utoipa::path(get, path = "/api/assemblies/{number}/news", tag = "record", params(("number" = i64, Path), LanguageQuery),
    responses((status = 200, body = NewsPage), (status = 404, body = ApiErrorBody)))]
async fn news_show(
    State(s): State<AppState>,
    Id(number): Id<i64>,
    Query(q): Query<LanguageQuery>,
) -> ApiResult<Json<NewsPage>> {
    ok(actions::news_page(&s.db, number, q.lang.as_deref()).await)
}

/// Edits a news summary's headline, lead and body (organizers).
#[utoipa::path(put, path = "/api/news/{id}", tag = "record", params(("id" = i64, Path)), request_body = NewsEdit,
    responses((status = 200, body = NewsSummary), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn news_edit(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewsEdit>,
) -> ApiResult<Json<NewsSummary>> {
    ok(actions::edit_news(&s.db, c.actor(), id, &input).await)
}

/// Publishes a news summary, or takes it back to a draft (organizers).
#[utoipa::path(post, path = "/api/news/{id}/publication", tag = "record", params(("id" = i64, Path)), request_body = Publication,
    responses((status = 200, body = NewsSummary), (status = 404, body = ApiErrorBody)))]
async fn news_publish(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<Publication>,
) -> ApiResult<Json<NewsSummary>> {
    ok(actions::publish_news(&s.db, c.actor(), id, input.published).await)
}

/// Why an upload could not be taken: its body is over the size limit (413), or what is wrong.
enum Refused {
    TooLarge,
    Invalid(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Invalid(e)
    }
}

/// The fields of an upload: `file` (the photo) and an optional `caption`.
async fn upload(Upload(mut form): Upload) -> Result<NewAttachment, Refused> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Refused::TooLarge;
        }
        Refused::Invalid(Error::invalid(
            "file",
            Problem::Unreadable {
                detail: e.body_text(),
            },
        ))
    };
    let mut photo = None;
    let mut caption = None;
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("file") => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let content_type = field.content_type().unwrap_or_default().to_owned();
                let data = field.bytes().await.map_err(unreadable)?.to_vec();
                photo = Some((file_name, content_type, data));
            }
            Some("caption") => {
                caption =
                    plenary_core::model::optional_text(&field.text().await.map_err(unreadable)?)
            }
            _ => {}
        }
    }
    let (file_name, content_type, data) =
        photo.ok_or_else(|| Error::invalid("file", Problem::Required))?;
    Ok(NewAttachment {
        file_name,
        content_type,
        caption,
        data,
    })
}

/// Adds a photo to an assembly's news (organizers): `multipart/form-data` with `file` (JPEG,
/// PNG or WebP, at most 5 MB; the file's own bytes must match its type) and `caption`. A
/// browser's form post is sent back to the record desk.
#[utoipa::path(post, path = "/api/assemblies/{number}/attachments", tag = "record", params(("number" = i64, Path)),
    request_body(content = PhotoUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = Attachment), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn attachment_upload(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    headers: HeaderMap,
    form: Upload,
) -> Response {
    let result = match upload(form).await {
        Ok(input) => actions::add_attachment(&s.db, c.actor(), number, &input).await,
        Err(Refused::TooLarge) => {
            return super::status_error(StatusCode::PAYLOAD_TOO_LARGE, Some("file"))
        }
        Err(Refused::Invalid(e)) => Err(e),
    };
    let from_browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    match (result, from_browser) {
        (Ok(_), true) => {
            Redirect::to(&format!("/manage/assemblies/{number}/record#photos")).into_response()
        }
        (Ok(a), false) => (StatusCode::CREATED, Json(a)).into_response(),
        (Err(e), true) => {
            // The desk says it in the reader's language from the problem's stable key.
            let key = serde_json::to_value(e.problem())
                .ok()
                .and_then(|p| p["key"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "required".to_owned());
            let query = serde_urlencoded::to_string([("photo_error", key)]).unwrap_or_default();
            Redirect::to(&format!(
                "/manage/assemblies/{number}/record?{query}#photos"
            ))
            .into_response()
        }
        (Err(e), false) => ApiError(e).into_response(),
    }
}

/// A photo of an assembly's news, once a summary is published (organizers: always).
#[utoipa::path(get, path = "/api/attachments/{id}", tag = "record", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/*"), (status = 404, body = ApiErrorBody)))]
async fn attachment_show(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> Response {
    // Anyone else gets a photo only once it is published, so it may be kept by any cache; an
    // organizer may be seeing one that is not, which no cache may keep.
    let caching = if c.actor().is_none() {
        "public, max-age=3600"
    } else {
        "private, no-store"
    };
    match actions::attachment_file(&s.db, c.actor(), id).await {
        Ok((a, data)) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, caching.to_owned()),
            ],
            data,
        )
            .into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

/// Removes a photo (organizers).
#[utoipa::path(delete, path = "/api/attachments/{id}", tag = "record", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn attachment_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::remove_attachment(&s.db, c.actor(), id).await)
}
