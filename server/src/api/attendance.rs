//! Attendance over the JSON API: the sheet of an assembly (public), lines recorded and removed
//! by organizers, check-in opened and closed by organizers, and a delegate's own check-in.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use plenary_core::actions;
use plenary_core::model::{AttendanceMode, NewAttendance};
use plenary_core::views::{AttendanceEntry, AttendanceSheet, LiveView};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{deleted, ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sheet_show, line_record))
        .routes(routes!(line_delete))
        .routes(routes!(check_in_status))
        .routes(routes!(member_check_in))
}

/// An attendance line, for the whole assembly or for one of its sessions.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct AttendanceLine {
    session_id: Option<i64>,
    #[serde(flatten)]
    line: NewAttendance,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct CheckInStatus {
    open: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct CheckIn {
    mode: AttendanceMode,
    delegates: i64,
}

/// Who took part: every line, the totals of who took part (for the whole assembly or some of
/// its sessions, each government or guest once), and whether check-in is
/// open (organizers; the public reads attendance in the record and `attendance.csv`).
#[utoipa::path(get, path = "/api/assemblies/{number}/attendance", tag = "attendance", params(("number" = i64, Path)),
    responses((status = 200, body = AttendanceSheet), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn sheet_show(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
) -> ApiResult<Json<AttendanceSheet>> {
    ok(actions::attendance_sheet(&s.db, c.actor(), number).await)
}

/// Records a member government (or a guest) as present (organizers); a member's earlier line
/// for the same session is replaced.
#[utoipa::path(post, path = "/api/assemblies/{number}/attendance", tag = "attendance", params(("number" = i64, Path)), request_body = AttendanceLine,
    responses((status = 200, body = AttendanceEntry), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn line_record(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<AttendanceLine>,
) -> ApiResult<Json<AttendanceEntry>> {
    ok(actions::record_attendance(&s.db, c.actor(), number, input.session_id, &input.line).await)
}

/// Removes an attendance line (organizers).
#[utoipa::path(delete, path = "/api/attendance/{id}", tag = "attendance", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn line_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::remove_attendance(&s.db, c.actor(), id).await)
}

/// Opens or closes check-in by delegates (organizers); the new live state.
#[utoipa::path(post, path = "/api/assemblies/{number}/check-in-status", tag = "attendance", params(("number" = i64, Path)), request_body = CheckInStatus,
    responses((status = 200, body = LiveView), (status = 404, body = ApiErrorBody)))]
async fn check_in_status(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<CheckInStatus>,
) -> ApiResult<Json<LiveView>> {
    ok(actions::set_check_in(&s.db, Some(&*s.hub), c.actor(), number, input.open).await)
}

/// A delegate checks their own member in for the whole assembly, while check-in is open.
#[utoipa::path(post, path = "/api/assemblies/{number}/check-in", tag = "attendance", params(("number" = i64, Path)), request_body = CheckIn,
    responses((status = 200, body = AttendanceEntry), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn member_check_in(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<CheckIn>,
) -> ApiResult<Json<AttendanceEntry>> {
    ok(actions::check_in(&s.db, c.actor(), number, input.mode, input.delegates).await)
}
