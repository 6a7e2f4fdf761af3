//! `/manage/register`: countries, member governments (with archive and delete), the chairs of
//! earlier terms, the import of a register from CSV, persons and committees.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::model::*;
use plenary_core::views::Workspace;

use super::{loading, ManageNav};
use crate::api::*;
use crate::forms::{
    enum_choices, record_choices, Choice, EditPanel, Field, FormError, Fresh, Revision,
};
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::text::{date, Label};
use crate::{button_form, failure, label, reload_after};

#[component]
pub fn RegisterEditor() -> impl IntoView {
    let revision = Revision::provide();
    let data = Resource::new(move || revision.get(), |_| load_workspace());
    // Made here, outside the body that is rebuilt on every reload, so that the import's
    // summary stays on the page after the register it changed is read again.
    let import = ServerAction::<ImportRegister>::new();
    reload_after!(import);
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, m_register)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(w) => view! { <Fresh key=revision.0.get_untracked()><RegisterBody w=w.clone() import/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Countries(countries: Vec<Country>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, countries_title)}</h2>
            <ul class="columns">
                {countries.into_iter().map(|c| {
                    let name = c.name.clone();
                    view! {
                        <li>{format!("{} ({})", c.name, c.code)}
                            <EditPanel name><CountryForm country=Some(c)/></EditPanel>
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
    let i18n = use_i18n();
    let button = if country.is_some() {
        t!(i18n, save).into_any()
    } else {
        t!(i18n, add_country).into_any()
    };
    let c = country;
    view! {
        <ActionForm action=save attr:class="form inline">
            <input type="hidden" name="id" value=c.as_ref().map(|c| c.id.to_string()).unwrap_or_default()/>
            <Field label=label!(i18n, f_iso_code) name="code" value=c.as_ref().map(|c| c.code.clone()).unwrap_or_default() required=true error/>
            <Field label=label!(i18n, f_name) name="name" value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() required=true error/>
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
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, member_governments_title)}</h2>
            <FormError error=row_error/>
            <table>
                <thead><tr><th scope="col">{t!(i18n, col_no)}</th><th scope="col">{t!(i18n, f_name)}</th><th scope="col">{t!(i18n, col_kind)}</th><th scope="col">{t!(i18n, col_status)}</th><th scope="col">{t!(i18n, col_joined)}</th><th scope="col">""</th></tr></thead>
                <tbody>
                    {members.into_iter().filter(|m| m.status != MemberStatus::Archived).map(|m| {
                        let name = m.name.clone();
                        let named = move || name.clone();
                        let (kind, status) = (m.kind, m.status);
                        let (edited, choices) = (m.clone(), countries.clone());
                        let id = m.id;
                        view! {
                        <tr>
                            <td>{m.ordinal.map(|o| o.to_string()).unwrap_or_default()}</td>
                            <td>{m.name.clone()}</td>
                            <td>{move || kind.tr()}</td>
                            <td>{move || status.tr()}</td>
                            <td>{m.joined.map(|d| view! { <time datetime=d.to_string()>{move || date(d)}</time> })}</td>
                            <td class="row-actions">
                                <EditPanel name=m.name.clone() class="edit-member">
                                    <MemberForm member=Some(edited) countries=choices/>
                                </EditPanel>
                                {button_form!(archive, t!(i18n, archive), label!(i18n, archive), t!(i18n, archive_named, name = named.clone()), { "id" => id })}
                                {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_named, name = named.clone()), { "id" => id })}
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
            <h3>{t!(i18n, add_member_heading)}</h3>
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
    let i18n = use_i18n();
    let button = if member.is_some() {
        t!(i18n, save).into_any()
    } else {
        t!(i18n, add_member).into_any()
    };
    let m = member;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=m.as_ref().map(|m| m.id.to_string()).unwrap_or_default()/>
            <Choice label=label!(i18n, f_country) name="country_id" choices=countries selected=m.as_ref().map(|m| m.country_id.to_string()).unwrap_or_default() error/>
            <Field label=label!(i18n, f_name) name="name" value=m.as_ref().map(|m| m.name.clone()).unwrap_or_default() required=true error/>
            <Choice label=label!(i18n, col_kind) name="kind" choices=enum_choices(MemberKind::values()) selected=m.as_ref().map_or("member", |m| m.kind.as_str()).to_owned() error/>
            <Choice label=label!(i18n, status) name="status" choices=enum_choices(MemberStatus::values()) selected=m.as_ref().map_or("active", |m| m.status.as_str()).to_owned() error/>
            <Field label=label!(i18n, f_ordinal) name="ordinal" kind="number" value=m.as_ref().and_then(|m| m.ordinal).map(|o| o.to_string()).unwrap_or_default() error/>
            <Field label=label!(i18n, f_joined) name="joined" kind="date" value=m.as_ref().and_then(|m| m.joined).map(|d| d.to_string()).unwrap_or_default() error/>
            <FormError error fields=&["country_id", "name", "kind", "status", "ordinal", "joined"]/>
            <button type="submit">{button}</button>
        </ActionForm>
    }
}

#[component]
fn Persons(persons: Vec<Person>, members: Vec<(String, String)>) -> impl IntoView {
    let delete = ServerAction::<DeletePerson>::new();
    reload_after!(delete);
    let delete_error = failure!(delete);
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, persons)}</h2>
            <ul class="columns">
                {persons.into_iter().map(|p| {
                    let name = format!("{} {}", p.title, p.name).trim().to_owned();
                    let named = { let name = name.clone(); move || name.clone() };
                    let choices = members.clone();
                    view! {
                        <li>{name.clone()}" "
                            {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_named, name = named), { "id" => p.id })}
                            <EditPanel name><PersonForm person=Some(p) members=choices/></EditPanel>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormError error=delete_error/>
            <h3>{t!(i18n, add_person_heading)}</h3>
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
    let i18n = use_i18n();
    let button = if person.is_some() {
        t!(i18n, save).into_any()
    } else {
        t!(i18n, add_person).into_any()
    };
    let p = person;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=p.as_ref().map(|p| p.id.to_string()).unwrap_or_default()/>
            <Field label=label!(i18n, f_person_name) name="name" value=p.as_ref().map(|p| p.name.clone()).unwrap_or_default() required=true error/>
            <Field label=label!(i18n, f_person_title) name="title" value=p.as_ref().map(|p| p.title.clone()).unwrap_or_default() error/>
            <Choice label=label!(i18n, col_member) name="member_id" choices=members selected=p.as_ref().and_then(|p| p.member_id).map(|m| m.to_string()).unwrap_or_default() none=true error/>
            <Field label=label!(i18n, f_outside_body) name="body" value=p.as_ref().and_then(|p| p.body.clone()).unwrap_or_default() error/>
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
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, committees)}</h2>
            <ul>
                {committees.into_iter().map(|c| {
                    let (name, choices) = (c.name.clone(), members.clone());
                    let named = { let name = name.clone(); move || name.clone() };
                    view! {
                        <li>{name.clone()}" "
                            {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_named, name = named), { "id" => c.id })}
                            <EditPanel name><CommitteeForm committee=Some(c) members=choices/></EditPanel>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormError error=delete_error/>
            <h3>{t!(i18n, add_committee_heading)}</h3>
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
    let i18n = use_i18n();
    let button = if committee.is_some() {
        t!(i18n, save).into_any()
    } else {
        t!(i18n, add_committee).into_any()
    };
    let c = committee;
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=c.as_ref().map(|c| c.id.to_string()).unwrap_or_default()/>
            <Field label=label!(i18n, f_name) name="name" value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() required=true error/>
            <Choice label=label!(i18n, f_coordinating_member) name="coordinating_member_id" choices=members selected=c.as_ref().and_then(|c| c.coordinating_member_id).map(|m| m.to_string()).unwrap_or_default() none=true error/>
            <FormError error fields=&["name", "coordinating_member_id"]/>
            <button type="submit">{button}</button>
        </ActionForm>
    }
}

/// The association's voting setting: whether associate members vote.
#[component]
fn VotingSetting() -> impl IntoView {
    let save = ServerAction::<crate::api::SaveVotingSetting>::new();
    let setting = Resource::new(
        move || save.version().get(),
        |_| crate::api::load_association(),
    );
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, voting_setting)}</h2>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    setting.await.ok().map(|a| view! {
                        <ActionForm action=save attr:class="form inline">
                            <label class="check"><input type="checkbox" name="associates_vote" checked=a.associates_vote/>{t!(i18n, associates_vote)}</label>
                            <button type="submit">{t!(i18n, save_setting)}</button>
                        </ActionForm>
                    })
                })}
            </Transition>
            <FormError error/>
        </section>
    }
}

#[component]
fn RegisterBody(w: Workspace, import: ServerAction<ImportRegister>) -> impl IntoView {
    let countries = record_choices(&w.countries, |c| (c.id, c.name.clone()));
    let members = record_choices(&w.members, |m| (m.id, m.name.clone()));
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, m_register)}</h1>
        <ManageNav/>
        <Countries countries=w.countries/>
        <Members members=w.members.clone() countries/>
        <Chairs members=w.members.clone()/>
        <ImportRegisterForm import/>
        <VotingSetting/>
        <Persons persons=w.persons members=members.clone()/>
        <Committees committees=w.committees members/>
    }
}

/// The chairs by term. Those of earlier terms, before Plenary, are recorded here without a
/// decision; a chair an assembly elected is shown but changes only by reversing the decision.
#[component]
fn Chairs(members: Vec<Member>) -> impl IntoView {
    let save = ServerAction::<SaveChair>::new();
    let remove = ServerAction::<RemoveChair>::new();
    reload_after!(save);
    reload_after!(remove);
    let chairs = Resource::new(
        move || (save.version().get(), remove.version().get()),
        |_| load_chairmanships(),
    );
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| remove.value().get().and_then(|r| r.err()))
    });
    let choices = record_choices(&members, |m| (m.id, m.name.clone()));
    let i18n = use_i18n();
    view! {
        <section id="chairs">
            <h2>{t!(i18n, earlier_chairs_title)}</h2>
            <p class="hint">{t!(i18n, earlier_chairs_lead)}</p>
            <Transition fallback=loading>
                {move || {
                    let members = members.clone();
                    Suspend::new(async move {
                        chairs.await.ok().map(|list| view! {
                            <ul>
                                {list.into_iter().map(|c| {
                                    let name = members.iter().find(|m| m.id == c.member_id).map(|m| m.name.clone()).unwrap_or_default();
                                    let term = c.term;
                                    view! {
                                        <li>
                                            {t!(i18n, chair_term_line, term = move || term, member = move || name.clone())}" "
                                            {match c.decision_id {
                                                Some(_) => view! { <span class="badge">{t!(i18n, chair_by_decision)}</span> }.into_any(),
                                                None => button_form!(remove, t!(i18n, remove), label!(i18n, remove), t!(i18n, remove_chair_named, term = move || term), { "term" => term }).into_any(),
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })
                    })
                }}
            </Transition>
            <ActionForm action=save attr:class="form inline" attr:id="record-chair">
                <Field label=label!(i18n, f_chair_term) name="term" kind="number" required=true error/>
                <Choice label=label!(i18n, f_chair_member) name="member_id" choices=choices error/>
                <FormError error fields=&["term", "member_id"]/>
                <button type="submit">{t!(i18n, record_chair)}</button>
            </ActionForm>
        </section>
    }
}

/// The register from a CSV file: its text pasted (or read from a file once the page has
/// hydrated), all rows or none; refused cells are listed by line and column.
#[component]
fn ImportRegisterForm(import: ServerAction<ImportRegister>) -> impl IntoView {
    let error = failure!(import);
    let i18n = use_i18n();
    view! {
        <section id="import">
            <h2>{t!(i18n, import_register_title)}</h2>
            <p class="hint">{t!(i18n, import_register_lead)}</p>
            <ActionForm action=import attr:class="form" attr:id="import-register">
                <div class="field">
                    // No name: the file is read into the text below, which is what is sent.
                    <label for="register-file">{t!(i18n, f_register_file)}</label>
                    <input type="file" id="register-file" accept=".csv,text/csv"
                        on:change=move |_event| {
                            #[cfg(feature = "hydrate")]
                            read_into_text(_event);
                        }/>
                </div>
                <div class="field">
                    <label for="register-csv">{t!(i18n, f_register_csv)}</label>
                    <textarea id="register-csv" name="csv" rows="8" required=true
                        placeholder="country_code,country_name,member_name,kind,status,ordinal,joined"></textarea>
                </div>
                <FormError error/>
                <button type="submit">{t!(i18n, import_register)}</button>
            </ActionForm>
            {move || import.value().get().and_then(|r| r.ok()).map(|s| view! {
                <p class="done" role="status">{t!(i18n, register_imported,
                    countries = move || s.countries_added,
                    added = move || s.members_added,
                    updated = move || s.members_updated)}</p>
            })}
        </section>
    }
}

/// Reads the chosen file into the import's text (in the browser, once the page has hydrated;
/// without script the text is pasted).
#[cfg(feature = "hydrate")]
fn read_into_text(event: leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let file = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else { return };
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("register-csv"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if let (Ok(text), Some(area)) = (text, area) {
            area.set_value(&text.as_string().unwrap_or_default());
        }
    });
}
