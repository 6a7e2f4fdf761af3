//! The form that corrects when a session or an agenda item actually started and ended, for an
//! assembly recorded after the day (or a time the control panel caught late).

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::views::ActualLocal;

use crate::api::CorrectActualTimes;
use crate::forms::{Field, FormError};
use crate::i18n::*;
use crate::{failure, label, reload_after};

/// `held` is "session" or "item"; `actual` the times recorded now, on the venue's clock.
#[component]
pub fn ActualTimesForm(held: &'static str, id: i64, actual: ActualLocal) -> impl IntoView {
    let save = ServerAction::<CorrectActualTimes>::new();
    reload_after!(save);
    let error = failure!(save);
    let i18n = use_i18n();
    view! {
        <details class="panel actual-times">
            <summary>{t!(i18n, correct_actual_times)}</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="held" value=held/>
                <input type="hidden" name="id" value=id.to_string()/>
                <Field label=label!(i18n, f_actual_start) name="actual_start" kind="datetime-local" value=actual.start error/>
                <Field label=label!(i18n, f_actual_end) name="actual_end" kind="datetime-local" value=actual.end error/>
                <FormError error fields=&["actual_start", "actual_end"]/>
                <button type="submit">{t!(i18n, save_actual_times)}</button>
            </ActionForm>
        </details>
    }
}
