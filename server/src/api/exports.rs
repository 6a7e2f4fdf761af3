//! The record taken away: the whole assembly as one JSON document (and its import into an empty
//! database), the iCalendar feed of the sessions, CSV of attendance and ballots, the votes as
//! Popolo motions and vote events, and the Atom feed of published news summaries.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenary_core::actions;
use plenary_core::auth::organizer;
use plenary_core::exports;
use plenary_core::storage::{import_document, AssemblyDocument};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ApiError, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(document_show))
        .routes(routes!(document_import))
        .routes(routes!(calendar))
        .routes(routes!(attendance_csv))
        .routes(routes!(ballots_csv))
        .routes(routes!(popolo))
        .routes(routes!(news_feed))
}

/// A text answer of `content_type`, or the error.
fn text(result: plenary_core::Result<String>, content_type: &'static str) -> Response {
    match result {
        Ok(body) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

/// The whole assembly with the register it was held under, every row with its id: what
/// `POST /api/documents` (or `plenary import`) reads back into an empty database (organizers:
/// it holds drafts and unpublished photos; a secret vote's ballots are left out, its counts
/// are in the vote's result).
#[utoipa::path(get, path = "/api/assemblies/{number}/document", tag = "exports", params(("number" = i64, Path)),
    responses((status = 200, body = AssemblyDocument), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn document_show(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
) -> ApiResult<Json<AssemblyDocument>> {
    Ok(Json(
        actions::assembly_document(&s.db, c.actor(), number).await?,
    ))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Imported {
    /// The number of the imported assembly.
    number: i64,
}

/// Reads an assembly document into an empty database, keeping every id (organizers).
#[utoipa::path(post, path = "/api/documents", tag = "exports", request_body = AssemblyDocument,
    responses((status = 201, body = Imported), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn document_import(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(doc): Body<AssemblyDocument>,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    let actor = organizer(c.actor())?;
    let number = import_document(&s.db, &doc, &actor.audit_name()).await?;
    Ok((StatusCode::CREATED, Json(Imported { number })))
}

/// The sessions and agenda items of an assembly as an iCalendar feed (RFC 5545) in the venue's
/// time zone, to subscribe to.
#[utoipa::path(get, path = "/assemblies/{number}/calendar.ics", tag = "exports", params(("number" = i64, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = ApiErrorBody)))]
async fn calendar(State(s): State<AppState>, Id(number): Id<i64>) -> Response {
    // The configured address of the site, never the request's Host header: a feed read through
    // another name (or a forged one) must not link elsewhere.
    let url = format!("{}/assemblies/{number}/agenda", s.public_url);
    let result = actions::assembly_record(&s.db, number)
        .await
        .map(|r| exports::ical::calendar(&r, Some(&url)));
    text(result, "text/calendar; charset=utf-8")
}

/// Who took part, one line per government or guest (CSV).
#[utoipa::path(get, path = "/api/assemblies/{number}/attendance.csv", tag = "exports", params(("number" = i64, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = ApiErrorBody)))]
async fn attendance_csv(State(s): State<AppState>, Id(number): Id<i64>) -> Response {
    let result = actions::assembly_record(&s.db, number)
        .await
        .map(|r| exports::csv::attendance_csv(&r));
    text(result, "text/csv; charset=utf-8")
}

/// Every ballot of the assembly's roll-call votes (CSV); secret votes name no member.
#[utoipa::path(get, path = "/api/assemblies/{number}/ballots.csv", tag = "exports", params(("number" = i64, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = ApiErrorBody)))]
async fn ballots_csv(State(s): State<AppState>, Id(number): Id<i64>) -> Response {
    let result = actions::assembly_record(&s.db, number)
        .await
        .map(|r| exports::csv::ballots_csv(&r));
    text(result, "text/csv; charset=utf-8")
}

/// The assembly's votes as Popolo motions and vote events, with counts by option and each
/// member government's vote.
#[utoipa::path(get, path = "/api/assemblies/{number}/popolo.json", tag = "exports", params(("number" = i64, Path)),
    responses((status = 200, content_type = "application/json"), (status = 404, body = ApiErrorBody)))]
async fn popolo(State(s): State<AppState>, Id(number): Id<i64>) -> Response {
    let base = s.public_url.clone();
    match actions::assembly_record(&s.db, number).await {
        Ok(r) => Json(exports::popolo::vote_events(&r, &base)).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

/// Every published news summary, newest first (Atom).
#[utoipa::path(get, path = "/news.atom", tag = "exports",
    responses((status = 200, content_type = "application/atom+xml")))]
async fn news_feed(State(s): State<AppState>) -> Response {
    let base = s.public_url.clone();
    // A database without an association yet still has a feed, an empty one.
    let title =
        s.db.reading(async |tx| plenary_core::storage::get_association(tx).await)
            .await
            .map(|a| a.name)
            .unwrap_or_else(|_| "Plenary".to_owned());
    let result = plenary_core::storage::published_news(&s.db)
        .await
        .map(|news| crate::feed::atom(&base, &title, &news));
    text(result, "application/atom+xml; charset=utf-8")
}
