//! Correcting when a session or an agenda item actually started and ended, from the workspace.

use leptos::prelude::*;
use plenary_core::times::ActualTimes;
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::{caller, db, publisher};

/// `held` is "session" or "item"; the times are `datetime-local` values on the venue's clock,
/// or offsets; an empty field is no time.
#[server(prefix = "/sfn", endpoint = "correct_actual_times")]
pub async fn correct_actual_times(
    held: String,
    id: i64,
    actual_start: String,
    actual_end: String,
) -> Result<ActualTimes, Error> {
    use plenary_core::storage::Held;
    use plenary_core::times::{ActualTimesInput, VenueTime};
    let held = match held.as_str() {
        "session" => Held::Session(id),
        "item" => Held::Item(id),
        _ => return Err(Error::not_found("Session or agenda item")),
    };
    let time = |field: &str, text: &str| {
        let text = text.trim();
        (!text.is_empty())
            .then(|| VenueTime::parse(field, text))
            .transpose()
    };
    let input = ActualTimesInput {
        actual_start: time("actual_start", &actual_start)?,
        actual_end: time("actual_end", &actual_end)?,
    };
    let publisher = publisher();
    plenary_core::actions::correct_actual_times(
        &db()?,
        publisher.as_deref(),
        caller().as_ref(),
        held,
        &input,
    )
    .await
}
