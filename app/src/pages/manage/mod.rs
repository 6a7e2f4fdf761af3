//! The organizers' workspace under `/manage`: the overview with a new-assembly form, the
//! register, the assembly editor, accounts, and the audit log.

mod actual_times;
mod assembly;
mod association;
mod attendance;
mod audit;
mod control;
mod record;
mod register;
mod users;

pub use assembly::EditorPage;
pub use association::AssociationPage;
pub use attendance::AttendancePage;
pub use audit::AuditPage;
pub use control::ControlPage;
pub use record::RecordDeskPage;
pub use register::RegisterEditor;
pub use users::UsersPage;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use plenary_core::model::{AssemblyMode, AssemblyStatus};
use plenary_core::views::Workspace;

use crate::api::{load_association_setup, load_workspace, SaveAssembly};
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::text::{date, Label};
use crate::{failure, label, reload_after};

/// The links between the workspace's pages.
#[component]
pub fn ManageNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, workspace)>
            <A href="/manage" exact=true>{t!(i18n, nav_assemblies)}</A>
            <A href="/manage/association">{t!(i18n, nav_association)}</A>
            <A href="/manage/register">{t!(i18n, m_register)}</A>
            <A href="/manage/users">{t!(i18n, m_accounts)}</A>
            <A href="/manage/audit">{t!(i18n, m_audit_log)}</A>
        </nav>
    }
}

/// What a workspace page shows while its data loads.
pub fn loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p>{t!(i18n, loading)}</p> }
}

/// `/manage`: on a database without an association, the form that sets it up and nothing else;
/// then the assemblies and the form for a new one.
#[component]
pub fn ManagePage() -> impl IntoView {
    let revision = Revision::provide();
    let data = Resource::new(
        move || revision.get(),
        |_| async {
            Ok::<_, plenary_core::Error>((load_association_setup().await?, load_workspace().await?))
        },
    );
    let create = ServerAction::<SaveAssembly>::new();
    reload_after!(create);
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, workspace)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok((None, _)) => view! { <association::AssociationSetup/> }.into_any(),
                    Ok((Some(a), w)) => view! { <Fresh key=revision.0.get_untracked()><WorkspaceBody w=w.clone() create=create time_zone=a.time_zone.clone()/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn WorkspaceBody(
    w: Workspace,
    create: ServerAction<SaveAssembly>,
    /// The association's time zone, where a new assembly starts from.
    time_zone: String,
) -> impl IntoView {
    let error = failure!(create);
    let hosts = record_choices(&w.members, |m| (m.id, m.name.clone()));
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, workspace)}</h1>
        <ManageNav/>
        <section>
            <h2>{t!(i18n, nav_assemblies)}</h2>
            <ul class="cards">
                {w.assemblies.iter().map(|a| {
                    let (start, venue, mode, status) = (a.start_date, a.venue.clone(), a.mode, a.status);
                    view! {
                        <li class="card">
                            <a href=format!("/manage/assemblies/{}", a.number)><strong>{a.title.clone()}</strong></a>
                            <span>{move || format!("{} · {venue} · {}", date(start), mode.tr())}</span>
                            <span class="badge">{move || status.tr()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{t!(i18n, new_assembly)}</h2>
            <ActionForm action=create attr:class="form grid" attr:id="new-assembly">
                <input type="hidden" name="original" value=""/>
                <Field label=label!(i18n, f_number) name="form[number]" kind="number" required=true error/>
                <Field label=label!(i18n, f_title) name="form[title]" required=true error/>
                <Field label=label!(i18n, f_slogan) name="form[slogan]" error/>
                <Field label=label!(i18n, f_first_day) name="form[start_date]" kind="date" required=true error/>
                <Field label=label!(i18n, f_last_day) name="form[end_date]" kind="date" error/>
                <Field label=label!(i18n, venue) name="form[venue]" required=true error/>
                <Choice label=label!(i18n, f_host_member) name="form[host_member_id]" choices=hosts none=true error/>
                <Choice label=label!(i18n, mode) name="form[mode]" choices=enum_choices(AssemblyMode::values()) error/>
                <Field label=label!(i18n, time_zone) name="form[time_zone]" value=time_zone required=true error/>
                <input type="hidden" name="form[status]" value=AssemblyStatus::Planned.as_str()/>
                <FormError error fields=&["number", "title", "slogan", "start_date", "end_date", "venue", "host_member_id", "mode", "time_zone"]/>
                <button type="submit">{t!(i18n, create_assembly)}</button>
            </ActionForm>
            {move || create.value().get().and_then(|r| r.ok()).map(|a| {
                let link = move || view! { <a href=format!("/manage/assemblies/{}", a.number)>{a.title.clone()}</a> };
                view! { <p class="done" role="status">{t!(i18n, created, title = link)}</p> }
            })}
        </section>
    }
}
