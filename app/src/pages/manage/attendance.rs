//! `/manage/assemblies/{number}/attendance`: who is present, for the whole assembly or one
//! session, how and with how many delegates, plus guests; and check-in by delegates.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::model::{AttendanceMode, GuestKind};
use plenary_core::views::AttendanceSheet;

use super::{loading, ManageNav};
use crate::api::{
    load_attendance_sheet, RecordAttendanceLine, RemoveAttendanceLine, SwitchCheckIn,
};
use crate::forms::{FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{assembly_number, ErrorPanel, PageTitle};
use crate::text::Label;
use crate::{button_form, label, reload_after};

#[component]
pub fn AttendancePage() -> impl IntoView {
    let params = use_params_map();
    let revision = Revision::provide();
    let sheet = Resource::new(
        move || (params.read().get("number"), revision.get()),
        |(raw, _)| async move { load_attendance_sheet(assembly_number(raw)?).await },
    );
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match sheet.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(s) => view! { <Fresh key=revision.0.get_untracked()><Sheet sheet=s.clone()/></Fresh> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Sheet(sheet: AttendanceSheet) -> impl IntoView {
    let i18n = use_i18n();
    let number = sheet.number;
    let record = ServerAction::<RecordAttendanceLine>::new();
    let remove = ServerAction::<RemoveAttendanceLine>::new();
    let switch = ServerAction::<SwitchCheckIn>::new();
    reload_after!(record);
    reload_after!(remove);
    reload_after!(switch);
    let error = Signal::derive(move || {
        [
            record.value().get().and_then(|r| r.err()),
            remove.value().get().and_then(|r| r.err()),
            switch.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let s = sheet.summary.clone();
    let session_name = {
        let sessions = sheet.sessions.clone();
        move |id: Option<i64>| match id.and_then(|id| sessions.iter().find(|(s, _)| *s == id)) {
            Some((_, title)) => title.clone(),
            None => t_string!(i18n, whole_assembly).to_string(),
        }
    };
    let open = sheet.check_in_open;
    view! {
        <PageTitle what=label!(i18n, attendance) about=sheet.title.clone()/>
        <p class="kicker"><a href=format!("/manage/assemblies/{number}/control")>{t!(i18n, control_panel)}</a></p>
        <h1>{t!(i18n, attendance)}" · "{sheet.title.clone()}</h1>
        <ManageNav/>
        <p class="lead">{t!(i18n, attendance_sentence, people = move || s.people, governments = move || s.governments, members = move || s.members, countries = move || s.countries)}</p>
        <ActionForm action=switch attr:class="button-form">
            <input type="hidden" name="number" value=number.to_string()/>
            <input type="hidden" name="open" value=(!open).to_string()/>
            <button type="submit" data-command="check_in">{if open { t!(i18n, close_check_in).into_any() } else { t!(i18n, open_check_in).into_any() }}</button>
        </ActionForm>
        <p class="status" role="status">{if open { t!(i18n, check_in_is_open).into_any() } else { t!(i18n, check_in_is_closed).into_any() }}</p>
        <FormError error/>
        <section aria-labelledby="record-heading">
            <h2 id="record-heading">{t!(i18n, record_attendance)}</h2>
            <LineForm sheet=sheet.clone() record guest=false/>
            <details class="panel">
                <summary>{t!(i18n, add_guest)}</summary>
                <LineForm sheet=sheet.clone() record guest=true/>
            </details>
        </section>
        <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">{t!(i18n, present)}</h2>
            <table class="register">
                <thead><tr>
                    <th scope="col">{t!(i18n, att_who)}</th>
                    <th scope="col">{t!(i18n, att_session)}</th>
                    <th scope="col">{t!(i18n, att_mode)}</th>
                    <th scope="col">{t!(i18n, att_delegates)}</th>
                    <th scope="col"><span class="visually-hidden">{t!(i18n, remove)}</span></th>
                </tr></thead>
                <tbody>
                    {sheet.entries.into_iter().map(|e| {
                        let mode = e.mode;
                        let label = format!("{} {}", t_string!(i18n, remove), e.name);
                        view! {
                            <tr>
                                <td>{e.name.clone()}{e.guest_kind.map(|k| view! { " "<span class="badge">{move || k.tr()}</span> })}</td>
                                <td>{session_name(e.session_id)}</td>
                                <td>{move || mode.tr()}</td>
                                <td>{e.delegates}</td>
                                <td>{button_form!(remove, "✕", label!(i18n, remove), label, { "id" => e.id })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Records a member government (or, with `guest`, a guest) as present.
#[component]
fn LineForm(
    sheet: AttendanceSheet,
    record: ServerAction<RecordAttendanceLine>,
    guest: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let modes = [AttendanceMode::Online, AttendanceMode::InPerson];
    let kinds = [GuestKind::OutsideBody, GuestKind::RegionalGovernment];
    view! {
        <ActionForm action=record attr:class="form grid">
            <input type="hidden" name="number" value=sheet.number.to_string()/>
            {if guest {
                view! {
                    <label>{t!(i18n, att_guest_name)}<input name="form[guest_name]" maxlength=plenary_core::model::limits::NAME required=true/></label>
                    <label>{t!(i18n, att_guest_kind)}
                        <select name="form[guest_kind]">
                            {kinds.into_iter().map(|k| view! { <option value=k.as_str()>{move || k.tr()}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            } else {
                view! {
                    <label>{t!(i18n, vote_member)}
                        <select name="form[member_id]">
                            {sheet.members.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            }}
            <label>{t!(i18n, att_session)}
                <select name="form[session_id]">
                    <option value="">{t!(i18n, whole_assembly)}</option>
                    {sheet.sessions.iter().map(|(id, title)| view! { <option value=id.to_string()>{title.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, att_mode)}
                <select name="form[mode]">
                    {modes.into_iter().map(|m| view! { <option value=m.as_str()>{move || m.tr()}</option> }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, att_delegates)}<input type="number" name="form[delegates]" min="1" value="1" required=true/></label>
            <button type="submit">{t!(i18n, record_attendance)}</button>
        </ActionForm>
    }
}
