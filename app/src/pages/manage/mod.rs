//! The organizers' workspace under `/manage`: the overview with a new-assembly form, the
//! register, the assembly editor, accounts, and the audit log.

mod assembly;
mod attendance;
mod audit;
mod control;
mod register;
mod users;

pub use assembly::EditorPage;
pub use attendance::AttendancePage;
pub use audit::AuditPage;
pub use control::ControlPage;
pub use register::RegisterEditor;
pub use users::UsersPage;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use plenary_core::model::{AssemblyMode, AssemblyStatus};
use plenary_core::views::Workspace;

use crate::api::{load_workspace, SaveAssembly};
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::layout::ErrorPanel;
use crate::{failure, reload_after};

/// The links between the workspace's pages.
#[component]
pub fn ManageNav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Workspace">
            <A href="/manage" exact=true>"Assemblies"</A>
            <A href="/manage/register">"Register"</A>
            <A href="/manage/users">"Accounts"</A>
            <A href="/manage/audit">"Audit log"</A>
        </nav>
    }
}

#[component]
pub fn ManagePage() -> impl IntoView {
    let revision = Revision::provide();
    let data = Resource::new(move || revision.get(), |_| load_workspace());
    let create = ServerAction::<SaveAssembly>::new();
    reload_after!(create);
    view! {
        <Title text="Workspace"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(w) => view! { <Fresh key=revision.0.get_untracked()><WorkspaceBody w=w.clone() create=create/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn WorkspaceBody(w: Workspace, create: ServerAction<SaveAssembly>) -> impl IntoView {
    let error = failure!(create);
    let hosts = record_choices(&w.members, |m| (m.id, m.name.clone()));
    view! {
        <h1>"Workspace"</h1>
        <ManageNav/>
        <section>
            <h2>"Assemblies"</h2>
            <ul class="cards">
                {w.assemblies.iter().map(|a| view! {
                    <li class="card">
                        <a href=format!("/manage/assemblies/{}", a.number)><strong>{a.title.clone()}</strong></a>
                        <span>{format!("{} · {} · {}", a.start_date, a.venue, a.mode)}</span>
                        <span class="badge">{a.status.label()}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>"New assembly"</h2>
            <ActionForm action=create attr:class="form grid" attr:id="new-assembly">
                <input type="hidden" name="original" value=""/>
                <Field label="Number" name="form[number]" kind="number" required=true error/>
                <Field label="Title" name="form[title]" required=true error/>
                <Field label="Slogan" name="form[slogan]" error/>
                <Field label="First day" name="form[start_date]" kind="date" required=true error/>
                <Field label="Last day" name="form[end_date]" kind="date" error/>
                <Field label="Venue" name="form[venue]" required=true error/>
                <Choice label="Host member" name="form[host_member_id]" choices=hosts empty="(none)" error/>
                <Choice label="Mode" name="form[mode]" choices=enum_choices(AssemblyMode::choices()) error/>
                <Field label="Time zone" name="form[time_zone]" value="Asia/Seoul".to_owned() required=true error/>
                <input type="hidden" name="form[status]" value=AssemblyStatus::Planned.as_str()/>
                <FormError error fields=&["number", "title", "slogan", "start_date", "end_date", "venue", "host_member_id", "mode", "time_zone"]/>
                <button type="submit">"Create assembly"</button>
            </ActionForm>
            {move || create.value().get().and_then(|r| r.ok()).map(|a| view! {
                <p class="done" role="status">
                    "Created "<a href=format!("/manage/assemblies/{}", a.number)>{a.title}</a>"."
                </p>
            })}
        </section>
    }
}
