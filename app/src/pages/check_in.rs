//! The delegate's check-in on the live page: while the organizers keep check-in open, a signed-in
//! delegate records their own member as present, how and with how many delegates.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::auth::Role;
use plenary_core::model::AttendanceMode;

use crate::api::{load_me, CheckInMember};
use crate::forms::FormError;
use crate::i18n::*;
use crate::live::Live;
use crate::text::Label;

#[component]
pub fn CheckInBox(live: Live) -> impl IntoView {
    let me = Resource::new(|| (), |_| load_me());
    let check_in = ServerAction::<CheckInMember>::new();
    let error = Signal::derive(move || check_in.value().get().and_then(|r| r.err()));
    let number = live.view.get_untracked().number;
    let i18n = use_i18n();
    let modes = [AttendanceMode::Online, AttendanceMode::InPerson];
    let form = move || {
        view! {
            <section class="check-in" aria-labelledby="check-in-heading">
                <h2 id="check-in-heading">{t!(i18n, check_in_heading)}</h2>
                {move || check_in.value().get().and_then(|r| r.ok()).map(|e| view! {
                    <p class="done" role="status">{t!(i18n, checked_in, member = move || e.name.clone())}</p>
                })}
                <ActionForm action=check_in attr:class="form inline">
                    <input type="hidden" name="number" value=number.to_string()/>
                    <label>{t!(i18n, att_mode)}
                        <select name="mode">
                            {modes.into_iter().map(|m| view! { <option value=m.as_str()>{move || m.tr()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{t!(i18n, att_delegates)}<input type="number" name="delegates" min="1" value="1" required=true/></label>
                    <button type="submit">{t!(i18n, check_in_button)}</button>
                </ActionForm>
                <FormError error/>
            </section>
        }
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let delegate = matches!(me.await, Ok(Some(a)) if a.role == Role::Delegate);
                (delegate && live.view.get().check_in_open).then(form)
            })}
        </Transition>
    }
    .into_any()
}
