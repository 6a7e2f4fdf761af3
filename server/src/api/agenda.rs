//! Sessions, agenda items, speakers and applications by id: edit, delete, reorder.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use plenary_core::actions;
use plenary_core::model::*;
use plenary_core::storage::{list_items, list_speakers, Held};
use plenary_core::times::{ActualTimes, ActualTimesInput};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, deleted, ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_update, session_delete))
        .routes(routes!(session_move))
        .routes(routes!(items_list, item_create))
        .routes(routes!(item_update, item_delete))
        .routes(routes!(item_move))
        .routes(routes!(speakers_list, speaker_create))
        .routes(routes!(speaker_update, speaker_delete))
        .routes(routes!(speaker_move))
        .routes(routes!(application_update, application_delete))
        .routes(routes!(session_actual_times))
        .routes(routes!(item_actual_times))
}

/// Corrects when a session actually started and ended (organizers), e.g. for an assembly
/// recorded after the day. Times on the venue's clock (`2027-04-10T09:30`) or with an offset;
/// the end after the start; both null for "not held". Audited as `session.actual_times`.
#[utoipa::path(put, path = "/api/sessions/{id}/actual-times", tag = "agenda", params(("id" = i64, Path)), request_body = ActualTimesInput,
    responses((status = 200, body = ActualTimes), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn session_actual_times(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<ActualTimesInput>,
) -> ApiResult<Json<ActualTimes>> {
    let held = Held::Session(id);
    ok(actions::correct_actual_times(&s.db, Some(&*s.hub), c.actor(), held, &input).await)
}

/// Corrects when an agenda item actually started and ended (organizers), as for a session.
/// Audited as `agenda_item.actual_times`.
#[utoipa::path(put, path = "/api/items/{id}/actual-times", tag = "agenda", params(("id" = i64, Path)), request_body = ActualTimesInput,
    responses((status = 200, body = ActualTimes), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn item_actual_times(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<ActualTimesInput>,
) -> ApiResult<Json<ActualTimes>> {
    let held = Held::Item(id);
    ok(actions::correct_actual_times(&s.db, Some(&*s.hub), c.actor(), held, &input).await)
}

#[utoipa::path(put, path = "/api/sessions/{id}", tag = "agenda", params(("id" = i64, Path)), request_body = NewSession,
    responses((status = 200, body = Session), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn session_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewSession>,
) -> ApiResult<Json<Session>> {
    ok(actions::update_session_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/sessions/{id}", tag = "agenda", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn session_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_session_record(&s.db, c.actor(), id).await)
}

/// Moves a session up, down or to a position (`"up"`, `"down"`, `{"position": 2}`).
#[utoipa::path(post, path = "/api/sessions/{id}/move", tag = "agenda", params(("id" = i64, Path)), request_body = MoveTo,
    responses((status = 200, body = Session), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn session_move(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(to): Body<MoveTo>,
) -> ApiResult<Json<Session>> {
    ok(actions::move_session(&s.db, c.actor(), id, to).await)
}

#[utoipa::path(get, path = "/api/sessions/{id}/items", tag = "agenda", params(("id" = i64, Path)), responses((status = 200, body = [AgendaItem])))]
async fn items_list(
    State(s): State<AppState>,
    Id(id): Id<i64>,
) -> ApiResult<Json<Vec<AgendaItem>>> {
    ok(s.db.reading(async |tx| list_items(tx, id).await).await)
}

#[utoipa::path(post, path = "/api/sessions/{id}/items", tag = "agenda", params(("id" = i64, Path)), request_body = NewAgendaItem,
    responses((status = 201, body = AgendaItem), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn item_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewAgendaItem>,
) -> ApiResult<(StatusCode, Json<AgendaItem>)> {
    created(actions::add_item(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(put, path = "/api/items/{id}", tag = "agenda", params(("id" = i64, Path)), request_body = NewAgendaItem,
    responses((status = 200, body = AgendaItem), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn item_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewAgendaItem>,
) -> ApiResult<Json<AgendaItem>> {
    ok(actions::update_item_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/items/{id}", tag = "agenda", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn item_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_item_record(&s.db, c.actor(), id).await)
}

/// Moves an item within its session or into another session of the same assembly.
#[utoipa::path(post, path = "/api/items/{id}/move", tag = "agenda", params(("id" = i64, Path)), request_body = MoveItem,
    responses((status = 200, body = AgendaItem), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn item_move(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<MoveItem>,
) -> ApiResult<Json<AgendaItem>> {
    ok(actions::move_item(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(get, path = "/api/items/{id}/speakers", tag = "agenda", params(("id" = i64, Path)), responses((status = 200, body = [SpeakerSlot])))]
async fn speakers_list(
    State(s): State<AppState>,
    Id(id): Id<i64>,
) -> ApiResult<Json<Vec<SpeakerSlot>>> {
    ok(s.db.reading(async |tx| list_speakers(tx, id).await).await)
}

#[utoipa::path(post, path = "/api/items/{id}/speakers", tag = "agenda", params(("id" = i64, Path)), request_body = NewSpeakerSlot,
    responses((status = 201, body = SpeakerSlot), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn speaker_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewSpeakerSlot>,
) -> ApiResult<(StatusCode, Json<SpeakerSlot>)> {
    created(actions::add_speaker(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(put, path = "/api/speakers/{id}", tag = "agenda", params(("id" = i64, Path)), request_body = NewSpeakerSlot,
    responses((status = 200, body = SpeakerSlot), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn speaker_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewSpeakerSlot>,
) -> ApiResult<Json<SpeakerSlot>> {
    ok(actions::update_speaker_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/speakers/{id}", tag = "agenda", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn speaker_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_speaker_record(&s.db, c.actor(), id).await)
}

#[utoipa::path(post, path = "/api/speakers/{id}/move", tag = "agenda", params(("id" = i64, Path)), request_body = MoveTo,
    responses((status = 200, body = SpeakerSlot), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn speaker_move(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(to): Body<MoveTo>,
) -> ApiResult<Json<SpeakerSlot>> {
    ok(actions::move_speaker(&s.db, c.actor(), id, to).await)
}

#[utoipa::path(put, path = "/api/applications/{id}", tag = "agenda", params(("id" = i64, Path)), request_body = NewApplication,
    responses((status = 200, body = Application), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn application_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewApplication>,
) -> ApiResult<Json<Application>> {
    ok(actions::update_application_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/applications/{id}", tag = "agenda", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn application_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_application_record(&s.db, c.actor(), id).await)
}
