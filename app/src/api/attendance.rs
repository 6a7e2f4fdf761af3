//! Server functions of attendance: the organizers' sheet, and a delegate's check-in
//! (`check_in_…` is open to signed-in delegates; the action checks the member).

use leptos::prelude::*;
use plenary_core::model::AttendanceForm;
#[cfg(feature = "ssr")]
use plenary_core::model::*;
use plenary_core::views::{AttendanceEntry, AttendanceSheet, LiveView};
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::{caller, db, publisher};
#[cfg(feature = "ssr")]
use plenary_core::actions;

#[server(prefix = "/sfn", endpoint = "load_attendance_sheet")]
pub async fn load_attendance_sheet(number: i64) -> Result<AttendanceSheet, Error> {
    actions::attendance_sheet(&db()?, caller().as_ref(), number).await
}

#[server(prefix = "/sfn", endpoint = "record_attendance_line")]
pub async fn record_attendance_line(
    number: i64,
    form: AttendanceForm,
) -> Result<AttendanceEntry, Error> {
    let session_id = form.session_id()?;
    let line = form.parse()?;
    actions::record_attendance(&db()?, caller().as_ref(), number, session_id, &line).await
}

#[server(prefix = "/sfn", endpoint = "remove_attendance_line")]
pub async fn remove_attendance_line(id: i64) -> Result<(), Error> {
    actions::remove_attendance(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "switch_check_in")]
pub async fn switch_check_in(number: i64, open: bool) -> Result<LiveView, Error> {
    let publisher = publisher();
    actions::set_check_in(
        &db()?,
        publisher.as_deref(),
        caller().as_ref(),
        number,
        open,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "check_in_member")]
pub async fn check_in_member(
    number: i64,
    mode: String,
    delegates: String,
) -> Result<AttendanceEntry, Error> {
    let mode = AttendanceMode::parse("mode", &mode)?;
    let delegates = parse_number("delegates", &delegates)?;
    actions::check_in(&db()?, caller().as_ref(), number, mode, delegates).await
}
