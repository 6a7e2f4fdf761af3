//! The live meeting: its current state, the control panel's commands, and the event stream.

use axum::extract::State;
use axum::Json;
use plenary_core::actions;
use plenary_core::live::Command;
use plenary_core::storage::current_live_view;
use plenary_core::views::LiveView;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(live_show))
        .routes(routes!(live_control))
        .routes(routes!(crate::live::events))
}

/// What is on now and next, and the whole day's agenda with statuses and actual times.
#[utoipa::path(get, path = "/api/assemblies/{number}/live", tag = "live", params(("number" = i64, Path)),
    responses((status = 200, body = LiveView), (status = 404, body = ApiErrorBody)))]
async fn live_show(State(s): State<AppState>, Id(number): Id<i64>) -> ApiResult<Json<LiveView>> {
    ok(current_live_view(&s.db, number).await)
}

/// A control-panel command (organizers): start and end the assembly and its sessions, set or
/// advance the current item and speaker, mark items, run the speaking-time countdown.
#[utoipa::path(post, path = "/api/assemblies/{number}/control", tag = "live", params(("number" = i64, Path)), request_body = Command,
    responses((status = 200, body = LiveView), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn live_control(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(command): Body<Command>,
) -> ApiResult<Json<LiveView>> {
    ok(actions::control(&s.db, Some(&*s.hub), c.actor(), number, command).await)
}
