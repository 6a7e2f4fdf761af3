//! `/manage/register`: countries, member governments (with archive and delete), persons and
//! committees.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use plenary_core::model::*;
use plenary_core::views::Workspace;

use super::ManageNav;
use crate::api::*;
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::layout::ErrorPanel;
use crate::{failure, reload_after};

#[component]
pub fn RegisterEditor() -> impl IntoView {
    let revision = Revision::provide();
    let data = Resource::new(move || revision.get(), |_| load_workspace());
    view! {
        <Title text="Register"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(w) => view! { <Fresh key=revision.0.get_untracked()><RegisterBody w=w.clone()/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Countries(countries: Vec<Country>) -> impl IntoView {
    let save = ServerAction::<SaveCountry>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <section>
            <h2>"Countries"</h2>
            <p>{countries.iter().map(|c| format!("{} ({})", c.name, c.code)).collect::<Vec<_>>().join(" · ")}</p>
            <ActionForm action=save attr:class="form inline">
                <input type="hidden" name="id" value=""/>
                <Field label="ISO code" name="code" required=true error/>
                <Field label="Name" name="name" required=true error/>
                <FormError error fields=&["code", "name"]/>
                <button type="submit">"Add country"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Members(members: Vec<Member>, countries: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SaveMember>::new();
    let archive = ServerAction::<Archive>::new();
    let delete = ServerAction::<DeleteMember>::new();
    reload_after!(save);
    reload_after!(archive);
    reload_after!(delete);
    let error = failure!(save);
    let row_error = Signal::derive(move || {
        archive
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| delete.value().get().and_then(|r| r.err()))
    });
    view! {
        <section>
            <h2>"Member governments"</h2>
            <FormError error=row_error/>
            <table>
                <thead><tr><th scope="col">"No."</th><th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th><th scope="col">""</th></tr></thead>
                <tbody>
                    {members.into_iter().filter(|m| m.status != MemberStatus::Archived).map(|m| {
                        let (archive_label, delete_label) = (format!("Archive {}", m.name), format!("Delete {}", m.name));
                        let (id_a, id_d) = (m.id.to_string(), m.id.to_string());
                        view! {
                        <tr>
                            <td>{m.ordinal.map(|o| o.to_string()).unwrap_or_default()}</td>
                            <td>{m.name.clone()}</td>
                            <td>{m.kind.label()}</td>
                            <td>{m.status.label()}</td>
                            <td class="row-actions">
                                <ActionForm action=archive attr:class="button-form">
                                    <input type="hidden" name="id" value=id_a/>
                                    <button type="submit" aria-label=archive_label>"Archive"</button>
                                </ActionForm>
                                <ActionForm action=delete attr:class="button-form">
                                    <input type="hidden" name="id" value=id_d/>
                                    <button type="submit" aria-label=delete_label>"Delete"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
            <h3>"Add a member government"</h3>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="id" value=""/>
                <Choice label="Country" name="country_id" choices=countries error/>
                <Field label="Name" name="name" required=true error/>
                <Choice label="Kind" name="kind" choices=enum_choices(MemberKind::choices()) error/>
                <Choice label="Status" name="status" choices=enum_choices(MemberStatus::choices()) selected="active".to_owned() error/>
                <Field label="Ordinal" name="ordinal" kind="number" error/>
                <FormError error fields=&["country_id", "name", "kind", "status", "ordinal"]/>
                <button type="submit">"Add member government"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Persons(persons: Vec<Person>, members: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SavePerson>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <section>
            <h2>"Persons"</h2>
            <ul class="columns">
                {persons.into_iter().map(|p| view! { <li>{format!("{} {}", p.title, p.name).trim().to_owned()}</li> }).collect_view()}
            </ul>
            <ActionForm action=save attr:class="form grid" attr:id="add-person">
                <input type="hidden" name="id" value=""/>
                <Field label="Name" name="name" required=true error/>
                <Field label="Title" name="title" error/>
                <Choice label="Member government" name="member_id" choices=members empty="(none)" error/>
                <Field label="Or outside body" name="body" error/>
                <FormError error fields=&["name", "title", "member_id", "body"]/>
                <button type="submit">"Add person"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Committees(committees: Vec<Committee>, members: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SaveCommittee>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <section>
            <h2>"Committees"</h2>
            <ul>{committees.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}</ul>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="id" value=""/>
                <Field label="Name" name="name" required=true error/>
                <Choice label="Coordinating member" name="coordinating_member_id" choices=members empty="(none)" error/>
                <FormError error fields=&["name", "coordinating_member_id"]/>
                <button type="submit">"Add committee"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RegisterBody(w: Workspace) -> impl IntoView {
    let countries = record_choices(&w.countries, |c| (c.id, c.name.clone()));
    let members = record_choices(&w.members, |m| (m.id, m.name.clone()));
    view! {
        <h1>"Register"</h1>
        <ManageNav/>
        <Countries countries=w.countries/>
        <Members members=w.members countries/>
        <Persons persons=w.persons members=members.clone()/>
        <Committees committees=w.committees members/>
    }
}
