//! `/manage/register`: countries, member governments (with archive and delete), persons and
//! committees.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use plenary_core::model::*;
use plenary_core::views::Workspace;

use super::ManageNav;
use crate::api::*;
use crate::forms::{
    enum_choices, record_choices, Choice, EditPanel, Field, FormError, Fresh, Revision,
};
use crate::layout::ErrorPanel;
use crate::{button_form, failure, reload_after};

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
    view! {
        <section>
            <h2>"Countries"</h2>
            <ul class="columns">
                {countries.into_iter().map(|c| {
                    let label = format!("Edit {}", c.name);
                    view! {
                        <li>{format!("{} ({})", c.name, c.code)}
                            <EditPanel label><CountryForm country=Some(c)/></EditPanel>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <CountryForm country=None/>
        </section>
    }
}

/// Adds a country (`country` none) or edits one.
#[component]
fn CountryForm(country: Option<Country>) -> impl IntoView {
    let save = ServerAction::<SaveCountry>::new();
    reload_after!(save);
    let error = failure!(save);
    let button = if country.is_some() {
        "Save"
    } else {
        "Add country"
    };
    let c = country;
    view! {
        <ActionForm action=save attr:class="form inline">
            <input type="hidden" name="id" value=c.as_ref().map(|c| c.id.to_string()).unwrap_or_default()/>
            <Field label="ISO code" name="code" value=c.as_ref().map(|c| c.code.clone()).unwrap_or_default() required=true error/>
            <Field label="Name" name="name" value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() required=true error/>
            <FormError error fields=&["code", "name"]/>
            <button type="submit">{button}</button>
        </ActionForm>
    }
}

#[component]
fn Members(members: Vec<Member>, countries: Vec<(String, String)>) -> impl IntoView {
    let archive = ServerAction::<Archive>::new();
    let delete = ServerAction::<DeleteMember>::new();
    reload_after!(archive);
    reload_after!(delete);
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
                        let edit_label = format!("Edit {}", m.name);
                        let (edited, choices) = (m.clone(), countries.clone());
                        let id = m.id;
                        view! {
                        <tr>
                            <td>{m.ordinal.map(|o| o.to_string()).unwrap_or_default()}</td>
                            <td>{m.name.clone()}</td>
                            <td>{m.kind.label()}</td>
                            <td>{m.status.label()}</td>
                            <td class="row-actions">
                                <details class="panel edit-member">
                                    <summary aria-label=edit_label>"Edit"</summary>
                                    <MemberForm member=Some(edited) countries=choices/>
                                </details>
                                {button_form!(archive, "Archive", archive_label, { "id" => id })}
                                {button_form!(delete, "Delete", delete_label, { "id" => id })}
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
            <h3>"Add a member government"</h3>
            <MemberForm member=None countries/>
        </section>
    }
}

/// Adds a member government (`member` none) or edits one: name, country, kind, status, ordinal.
#[component]
fn MemberForm(member: Option<Member>, countries: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SaveMember>::new();
    reload_after!(save);
    let error = failure!(save);
    let button = if member.is_some() {
        "Save"
    } else {
        "Add member government"
    };
    let m = member;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=m.as_ref().map(|m| m.id.to_string()).unwrap_or_default()/>
            <Choice label="Country" name="country_id" choices=countries selected=m.as_ref().map(|m| m.country_id.to_string()).unwrap_or_default() error/>
            <Field label="Name" name="name" value=m.as_ref().map(|m| m.name.clone()).unwrap_or_default() required=true error/>
            <Choice label="Kind" name="kind" choices=enum_choices(MemberKind::choices()) selected=m.as_ref().map_or("member", |m| m.kind.as_str()).to_owned() error/>
            <Choice label="Status" name="status" choices=enum_choices(MemberStatus::choices()) selected=m.as_ref().map_or("active", |m| m.status.as_str()).to_owned() error/>
            <Field label="Ordinal" name="ordinal" kind="number" value=m.as_ref().and_then(|m| m.ordinal).map(|o| o.to_string()).unwrap_or_default() error/>
            <FormError error fields=&["country_id", "name", "kind", "status", "ordinal"]/>
            <button type="submit">{button}</button>
        </ActionForm>
    }
}

#[component]
fn Persons(persons: Vec<Person>, members: Vec<(String, String)>) -> impl IntoView {
    let delete = ServerAction::<DeletePerson>::new();
    reload_after!(delete);
    let delete_error = failure!(delete);
    view! {
        <section>
            <h2>"Persons"</h2>
            <ul class="columns">
                {persons.into_iter().map(|p| {
                    let name = format!("{} {}", p.title, p.name).trim().to_owned();
                    let choices = members.clone();
                    view! {
                        <li>{name.clone()}" "
                            {button_form!(delete, "Delete", format!("Delete {name}"), { "id" => p.id })}
                            <EditPanel label=format!("Edit {name}")><PersonForm person=Some(p) members=choices/></EditPanel>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormError error=delete_error/>
            <h3>"Add a person"</h3>
            <PersonForm person=None members/>
        </section>
    }
}

/// Adds a person (`person` none) or edits one: name, title, member government or outside body.
#[component]
fn PersonForm(person: Option<Person>, members: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SavePerson>::new();
    reload_after!(save);
    let error = failure!(save);
    let button = if person.is_some() {
        "Save"
    } else {
        "Add person"
    };
    let p = person;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=p.as_ref().map(|p| p.id.to_string()).unwrap_or_default()/>
            <Field label="Name" name="name" value=p.as_ref().map(|p| p.name.clone()).unwrap_or_default() required=true error/>
            <Field label="Title" name="title" value=p.as_ref().map(|p| p.title.clone()).unwrap_or_default() error/>
            <Choice label="Member government" name="member_id" choices=members selected=p.as_ref().and_then(|p| p.member_id).map(|m| m.to_string()).unwrap_or_default() empty="(none)" error/>
            <Field label="Or outside body" name="body" value=p.as_ref().and_then(|p| p.body.clone()).unwrap_or_default() error/>
            <FormError error fields=&["name", "title", "member_id", "body"]/>
            <button type="submit">{button}</button>
        </ActionForm>
    }
}

#[component]
fn Committees(committees: Vec<Committee>, members: Vec<(String, String)>) -> impl IntoView {
    let delete = ServerAction::<DeleteCommittee>::new();
    reload_after!(delete);
    let delete_error = failure!(delete);
    view! {
        <section>
            <h2>"Committees"</h2>
            <ul>
                {committees.into_iter().map(|c| {
                    let (name, choices) = (c.name.clone(), members.clone());
                    view! {
                        <li>{name.clone()}" "
                            {button_form!(delete, "Delete", format!("Delete {name}"), { "id" => c.id })}
                            <EditPanel label=format!("Edit {name}")><CommitteeForm committee=Some(c) members=choices/></EditPanel>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormError error=delete_error/>
            <h3>"Add a committee"</h3>
            <CommitteeForm committee=None members/>
        </section>
    }
}

/// Adds a committee (`committee` none) or edits one: name and coordinating member.
#[component]
fn CommitteeForm(committee: Option<Committee>, members: Vec<(String, String)>) -> impl IntoView {
    let save = ServerAction::<SaveCommittee>::new();
    reload_after!(save);
    let error = failure!(save);
    let button = if committee.is_some() {
        "Save"
    } else {
        "Add committee"
    };
    let c = committee;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=c.as_ref().map(|c| c.id.to_string()).unwrap_or_default()/>
            <Field label="Name" name="name" value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() required=true error/>
            <Choice label="Coordinating member" name="coordinating_member_id" choices=members selected=c.as_ref().and_then(|c| c.coordinating_member_id).map(|m| m.to_string()).unwrap_or_default() empty="(none)" error/>
            <FormError error fields=&["name", "coordinating_member_id"]/>
            <button type="submit">{button}</button>
        </ActionForm>
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
