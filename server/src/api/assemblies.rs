//! Assemblies: create, edit, postpone, cancel, copy an agenda; their sessions and applications.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use plenary_core::actions;
use plenary_core::model::*;
use plenary_core::storage::{get_assembly, list_applications, list_assemblies, list_sessions};
use plenary_core::views::{AgendaPage, AssemblyPage};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(assemblies_list, assembly_create))
        .routes(routes!(assembly_show, assembly_update))
        .routes(routes!(agenda_show))
        .routes(routes!(assembly_postpone))
        .routes(routes!(assembly_cancel))
        .routes(routes!(assembly_copy_agenda))
        .routes(routes!(sessions_list, session_create))
        .routes(routes!(applications_list, application_create))
}

#[utoipa::path(get, path = "/api/assemblies", tag = "assemblies", responses((status = 200, body = [Assembly])))]
async fn assemblies_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Assembly>>> {
    ok(s.db.reading(async |tx| list_assemblies(tx).await).await)
}

#[utoipa::path(post, path = "/api/assemblies", tag = "assemblies", request_body = NewAssembly,
    responses((status = 201, body = Assembly), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assembly_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewAssembly>,
) -> ApiResult<(StatusCode, Json<Assembly>)> {
    created(actions::create_assembly(&s.db, c.actor(), &input).await)
}

/// The assembly as its page shows it: dates, venue, mode, postponements, attendance, sessions.
#[utoipa::path(get, path = "/api/assemblies/{number}", tag = "assemblies", params(("number" = i64, Path)),
    responses((status = 200, body = AssemblyPage), (status = 404, body = ApiErrorBody)))]
async fn assembly_show(
    State(s): State<AppState>,
    Id(number): Id<i64>,
) -> ApiResult<Json<AssemblyPage>> {
    ok(plenary_core::storage::assembly_page(&s.db, number).await)
}

/// Edits an assembly (organizers). New dates or a corrected time zone take the planned sessions
/// along: each keeps its day within the assembly and its wall-clock time at the venue. To move
/// an assembly that was announced, postpone it instead: that keeps the history.
#[utoipa::path(put, path = "/api/assemblies/{number}", tag = "assemblies", params(("number" = i64, Path)), request_body = NewAssembly,
    responses((status = 200, body = Assembly), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assembly_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewAssembly>,
) -> ApiResult<Json<Assembly>> {
    ok(actions::update_assembly_record(&s.db, c.actor(), number, &input).await)
}

/// The agenda with derived times in the venue's time zone and speakers (what the agenda page shows).
#[utoipa::path(get, path = "/api/assemblies/{number}/agenda", tag = "assemblies", params(("number" = i64, Path)),
    responses((status = 200, body = AgendaPage), (status = 404, body = ApiErrorBody)))]
async fn agenda_show(
    State(s): State<AppState>,
    Id(number): Id<i64>,
) -> ApiResult<Json<AgendaPage>> {
    ok(plenary_core::storage::agenda_page(&s.db, number).await)
}

/// Moves the assembly (and its sessions) to a later first day, recording why.
#[utoipa::path(post, path = "/api/assemblies/{number}/postpone", tag = "assemblies", params(("number" = i64, Path)), request_body = PostponeAssembly,
    responses((status = 200, body = Assembly), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assembly_postpone(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<PostponeAssembly>,
) -> ApiResult<Json<Assembly>> {
    ok(actions::postpone_assembly(&s.db, c.actor(), number, &input).await)
}

#[utoipa::path(post, path = "/api/assemblies/{number}/cancel", tag = "assemblies", params(("number" = i64, Path)), request_body = CancelAssembly,
    responses((status = 200, body = Assembly), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assembly_cancel(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<CancelAssembly>,
) -> ApiResult<Json<Assembly>> {
    ok(actions::cancel_assembly_record(&s.db, c.actor(), number, &input).await)
}

/// Copies another assembly's sessions, items and speakers into this one as a draft.
#[utoipa::path(post, path = "/api/assemblies/{number}/copy-agenda", tag = "assemblies", params(("number" = i64, Path)), request_body = CopyAgenda,
    responses((status = 200, body = [Session]), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assembly_copy_agenda(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<CopyAgenda>,
) -> ApiResult<Json<Vec<Session>>> {
    ok(actions::copy_agenda(&s.db, c.actor(), number, &input).await)
}

#[utoipa::path(get, path = "/api/assemblies/{number}/sessions", tag = "agenda", params(("number" = i64, Path)),
    responses((status = 200, body = [Session]), (status = 404, body = ApiErrorBody)))]
async fn sessions_list(
    State(s): State<AppState>,
    Id(number): Id<i64>,
) -> ApiResult<Json<Vec<Session>>> {
    ok(s.db
        .reading(async |tx| {
            let id = get_assembly(tx, number).await?.id;
            list_sessions(tx, id).await
        })
        .await)
}

#[utoipa::path(post, path = "/api/assemblies/{number}/sessions", tag = "agenda", params(("number" = i64, Path)), request_body = NewSession,
    responses((status = 201, body = Session), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn session_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewSession>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    created(actions::add_session(&s.db, c.actor(), number, &input).await)
}

#[utoipa::path(get, path = "/api/assemblies/{number}/applications", tag = "agenda", params(("number" = i64, Path)),
    responses((status = 200, body = [Application]), (status = 404, body = ApiErrorBody)))]
async fn applications_list(
    State(s): State<AppState>,
    Id(number): Id<i64>,
) -> ApiResult<Json<Vec<Application>>> {
    ok(s.db
        .reading(async |tx| {
            let id = get_assembly(tx, number).await?.id;
            list_applications(tx, id).await
        })
        .await)
}

#[utoipa::path(post, path = "/api/assemblies/{number}/applications", tag = "agenda", params(("number" = i64, Path)), request_body = NewApplication,
    responses((status = 201, body = Application), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn application_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewApplication>,
) -> ApiResult<(StatusCode, Json<Application>)> {
    created(actions::create_application(&s.db, c.actor(), number, &input).await)
}
