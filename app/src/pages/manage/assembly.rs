//! `/manage/assemblies/{number}`: the assembly editor. Details, postponement, cancellation,
//! copying an earlier agenda; sessions, items and speakers with add, edit, delete, and reorder
//! (drag and drop, or move up / move down from the keyboard); applications. Item start times are
//! recomputed in the browser as planned minutes are typed, before anything is saved.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::agenda::clock_times;
use plenary_core::model::*;
use plenary_core::views::{AssemblyEditor, EditorItem, EditorSession};

use super::actual_times::ActualTimesForm;
use super::{loading, ManageNav};
use crate::api::*;
use crate::forms::{
    about, enum_choices, record_choices, Choice, Field, FieldError, FormError, Fresh, Revision,
};
use crate::i18n::*;
use crate::layout::{assembly_number, ErrorPanel, PageTitle};
use crate::text::{date, Label};
use crate::{button_form, failure, label, reload_after};

/// The item being dragged, shared by the rows of every session.
#[derive(Clone, Copy)]
struct Dragging(RwSignal<Option<i64>>);

/// People and governments to choose speakers and applicants from.
#[derive(Clone)]
struct Choices {
    persons: Vec<(String, String)>,
    members: Vec<(String, String)>,
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let revision = Revision::provide();
    provide_context(Dragging(RwSignal::new(None)));
    let data = Resource::new(
        move || (params.read().get("number"), revision.get()),
        |(raw, _)| async move { load_editor(assembly_number(raw)?).await },
    );
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(editor) => view! { <Fresh key=revision.0.get_untracked()><Editor editor=editor.clone()/></Fresh> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Editor(editor: AssemblyEditor) -> impl IntoView {
    let a = editor.assembly.clone();
    let number = a.number;
    provide_context(Choices {
        persons: record_choices(&editor.persons, |p| {
            (
                p.id,
                if p.title.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} {}", p.title, p.name)
                },
            )
        }),
        members: record_choices(&editor.members, |m| (m.id, m.name.clone())),
    });
    let items: Vec<(String, String)> = editor
        .sessions
        .iter()
        .flat_map(|s| {
            s.items.iter().map(|i| {
                (
                    i.item.id.to_string(),
                    format!("{} – {}", s.session.title, i.item.title),
                )
            })
        })
        .collect();
    let status = a.status;
    let i18n = use_i18n();
    view! {
        <PageTitle what=label!(i18n, edit) about=a.title.clone()/>
        <p class="kicker"><a href="/manage">{t!(i18n, workspace)}</a></p>
        <h1>{a.title.clone()}</h1>
        <ManageNav/>
        <p>
            <a href=format!("/assemblies/{number}")>{t!(i18n, public_page)}</a>" · "
            <a href=format!("/assemblies/{number}/agenda")>{t!(i18n, public_agenda)}</a>" · "
            {t!(i18n, status)}": "<strong class="status">{move || status.tr()}</strong>
        </p>
        <Details assembly=a.clone()/>
        <Postpone number postponements=editor.postponements.clone()/>
        <section>
            <h2>{t!(i18n, tab_agenda)}</h2>
            <CopyAgenda number others=editor.other_assemblies.clone()/>
            {editor.sessions.into_iter().map(|s| view! { <SessionEditor number session=s/> }).collect_view()}
            <AddSession number/>
        </section>
        <Applications number applications=editor.applications items/>
        <Cancel number/>
    }
}

#[component]
fn Details(assembly: Assembly) -> impl IntoView {
    let save = ServerAction::<SaveAssembly>::new();
    reload_after!(save);
    let error = failure!(save);
    let hosts = use_context::<Choices>()
        .map(|c| c.members)
        .unwrap_or_default();
    let a = assembly;
    let i18n = use_i18n();
    view! {
        <details class="panel">
            <summary>{t!(i18n, details)}</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="original" value=a.number.to_string()/>
                <Field label=label!(i18n, f_number) name="form[number]" kind="number" value=a.number.to_string() required=true error/>
                <Field label=label!(i18n, f_title) name="form[title]" value=a.title.clone() required=true error/>
                <Field label=label!(i18n, f_slogan) name="form[slogan]" value=a.slogan.clone().unwrap_or_default() error/>
                <Field label=label!(i18n, f_first_day) name="form[start_date]" kind="date" value=a.start_date.to_string() required=true error/>
                <Field label=label!(i18n, f_last_day) name="form[end_date]" kind="date" value=a.end_date.to_string() error/>
                <Field label=label!(i18n, venue) name="form[venue]" value=a.venue.clone() required=true error/>
                <Choice label=label!(i18n, f_host_member) name="form[host_member_id]" choices=hosts selected=a.host_member_id.map(|h| h.to_string()).unwrap_or_default() none=true error/>
                <Choice label=label!(i18n, mode) name="form[mode]" choices=enum_choices(AssemblyMode::values()) selected=a.mode.as_str().to_owned() error/>
                <Field label=label!(i18n, time_zone) name="form[time_zone]" value=a.time_zone.clone() required=true error/>
                <Choice label=label!(i18n, status) name="form[status]" choices=enum_choices(AssemblyStatus::values()) selected=a.status.as_str().to_owned() error/>
                <FormError error fields=&["number", "title", "slogan", "start_date", "end_date", "venue", "host_member_id", "mode", "time_zone", "status"]/>
                <button type="submit">{t!(i18n, save_details)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Postpone(
    number: i64,
    postponements: Vec<plenary_core::views::PostponementView>,
) -> impl IntoView {
    let postpone = ServerAction::<crate::api::Postpone>::new();
    reload_after!(postpone);
    let error = failure!(postpone);
    let i18n = use_i18n();
    view! {
        <details class="panel" id="postpone">
            <summary>{t!(i18n, postpone)}</summary>
            {(!postponements.is_empty()).then(|| view! {
                <ul class="history">
                    {postponements.into_iter().map(|p| view! {
                        <li>{t!(i18n, postponed, from = move || date(p.from_date), to = move || date(p.to_date), reason = move || p.reason.clone())}</li>
                    }).collect_view()}
                </ul>
            })}
            <ActionForm action=postpone attr:class="form grid">
                <input type="hidden" name="number" value=number.to_string()/>
                <Field label=label!(i18n, f_new_first_day) name="to_date" kind="date" required=true error/>
                <Field label=label!(i18n, f_reason) name="reason" required=true error/>
                <FormError error fields=&["to_date", "reason"]/>
                <button type="submit">{t!(i18n, postpone_assembly)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Cancel(number: i64) -> impl IntoView {
    let cancel = ServerAction::<crate::api::Cancel>::new();
    reload_after!(cancel);
    let error = failure!(cancel);
    let i18n = use_i18n();
    view! {
        <details class="panel danger">
            <summary>{t!(i18n, cancel_assembly)}</summary>
            <ActionForm action=cancel attr:class="form">
                <input type="hidden" name="number" value=number.to_string()/>
                <Field label=label!(i18n, f_reason) name="reason" required=true error/>
                <FormError error fields=&["reason"]/>
                <button type="submit">{t!(i18n, cancel_assembly)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn CopyAgenda(number: i64, others: Vec<i64>) -> impl IntoView {
    let copy = ServerAction::<CopyAgendaFrom>::new();
    reload_after!(copy);
    let error = failure!(copy);
    let choices: Vec<(String, String)> = others
        .iter()
        .map(|n| (n.to_string(), n.to_string()))
        .collect();
    let i18n = use_i18n();
    view! {
        <ActionForm action=copy attr:class="form inline" attr:id="copy-agenda">
            <input type="hidden" name="number" value=number.to_string()/>
            <Choice label=label!(i18n, copy_agenda_of) name="from_number" choices error/>
            <FormError error fields=&["from_number"]/>
            <button type="submit">{t!(i18n, copy_as_draft)}</button>
        </ActionForm>
    }
}

#[component]
fn AddSession(number: i64) -> impl IntoView {
    let save = ServerAction::<SaveSession>::new();
    reload_after!(save);
    let error = failure!(save);
    let i18n = use_i18n();
    view! {
        <details class="panel" id="add-session">
            <summary>{t!(i18n, add_session_heading)}</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="number" value=number.to_string()/>
                <input type="hidden" name="id" value=""/>
                <Field label=label!(i18n, f_title) name="title" required=true error/>
                <Choice label=label!(i18n, col_kind) name="kind" choices=enum_choices(SessionKind::values()) selected="working".to_owned() error/>
                <Field label=label!(i18n, f_planned_start) name="planned_start" kind="datetime-local" required=true error/>
                <FormError error fields=&["title", "kind", "planned_start"]/>
                <button type="submit">{t!(i18n, add_session)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn SessionEditor(number: i64, session: EditorSession) -> impl IntoView {
    let save = ServerAction::<SaveSession>::new();
    let reorder = ServerAction::<ReorderSession>::new();
    let delete = ServerAction::<DeleteSession>::new();
    reload_after!(save);
    reload_after!(reorder);
    reload_after!(delete);
    let error = failure!(save);
    let s = session.session.clone();
    let id = s.id.to_string();
    // Planned minutes as typed, so that every later item's time follows while editing.
    let minutes: Vec<RwSignal<i64>> = session
        .items
        .iter()
        .map(|i| RwSignal::new(i.item.planned_minutes))
        .collect();
    let clock = session.clock.clone();
    let times = Memo::new({
        let minutes = minutes.clone();
        move |_| {
            clock_times(&clock, &minutes.iter().map(|m| m.get()).collect::<Vec<_>>())
                .unwrap_or_default()
        }
    });
    let title = s.title.clone();
    let name = move || title.clone();
    let id_field = id.clone();
    let i18n = use_i18n();
    view! {
        <section class="session-editor" data-session=id.clone()>
            <header class="session-head">
                <h3>{s.title.clone()}" "<small>{session.clock.clone()}</small></h3>
                <div class="row-actions">
                    {button_form!(reorder, "↑", label!(i18n, move_up), t!(i18n, move_session_up, name = name.clone()), { "id" => id.clone(), "direction" => "up" })}
                    {button_form!(reorder, "↓", label!(i18n, move_down), t!(i18n, move_session_down, name = name.clone()), { "id" => id.clone(), "direction" => "down" })}
                    {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_session, name = name.clone()), { "id" => id.clone() })}
                </div>
            </header>
            <details class="panel">
                <summary>{t!(i18n, edit_session)}</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="number" value=number.to_string()/>
                    <input type="hidden" name="id" value=id_field/>
                    <Field label=label!(i18n, f_title) name="title" value=s.title.clone() required=true error/>
                    <Choice label=label!(i18n, col_kind) name="kind" choices=enum_choices(SessionKind::values()) selected=s.kind.as_str().to_owned() error/>
                    <Field label=label!(i18n, f_planned_start) name="planned_start" kind="datetime-local" value=session.start_local.clone() required=true error/>
                    <FormError error fields=&["title", "kind", "planned_start"]/>
                    <button type="submit">{t!(i18n, save_session)}</button>
                </ActionForm>
            </details>
            <ActualTimesForm held="session" id=s.id actual=session.actual.clone()/>
            <ol class="editor-items">
                {session.items.into_iter().zip(minutes).enumerate().map(|(i, (item, minutes))| {
                    let time = Signal::derive(move || times.get().get(i).cloned().unwrap_or_default());
                    view! { <ItemEditor item time minutes session_id=s.id/> }
                }).collect_view()}
            </ol>
            <AddItem session_id=s.id/>
        </section>
    }
}

#[component]
fn ItemEditor(
    item: EditorItem,
    time: Signal<String>,
    minutes: RwSignal<i64>,
    session_id: i64,
) -> impl IntoView {
    let save = ServerAction::<SaveItem>::new();
    let reorder = ServerAction::<ReorderItem>::new();
    let delete = ServerAction::<DeleteItem>::new();
    reload_after!(save);
    reload_after!(reorder);
    reload_after!(delete);
    let error = failure!(save);
    let move_error = failure!(reorder);
    let dragging = use_context::<Dragging>()
        .map(|d| d.0)
        .unwrap_or_else(|| RwSignal::new(None));
    let it = item.item.clone();
    let id = it.id;
    let position = it.position;
    let title = it.title.clone();
    let name = move || title.clone();
    let kind = it.kind;
    let minutes_error = about("planned_minutes", error);
    let i18n = use_i18n();
    let drop_here = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(moved) = dragging.get_untracked().filter(|m| *m != id) {
            reorder.dispatch(ReorderItem {
                id: moved,
                direction: String::new(),
                position: position.to_string(),
                session_id: session_id.to_string(),
            });
        }
        dragging.set(None);
    };
    view! {
        <li class="editor-item" draggable="true" data-item=id.to_string()
            on:dragstart=move |_| dragging.set(Some(id))
            on:dragend=move |_| dragging.set(None)
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=drop_here>
            <div class="item-line">
                <span class="drag" aria-hidden="true">"⠿"</span>
                <time class="derived">{move || time.get()}</time>
                <span class="kind">{move || kind.tr()}</span>
                <strong class="item-title">{it.title.clone()}</strong>
                <span class="minutes">{t!(i18n, minutes_short, count = move || minutes.get())}</span>
                <div class="row-actions">
                    {button_form!(reorder, "↑", label!(i18n, move_up), t!(i18n, move_up_named, name = name.clone()), { "id" => id.to_string(), "direction" => "up", "position" => "", "session_id" => "" })}
                    {button_form!(reorder, "↓", label!(i18n, move_down), t!(i18n, move_down_named, name = name.clone()), { "id" => id.to_string(), "direction" => "down", "position" => "", "session_id" => "" })}
                    {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_named, name = name.clone()), { "id" => id.to_string() })}
                </div>
            </div>
            <FormError error=move_error/>
            <details class="panel">
                <summary>{t!(i18n, edit_item)}</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <Choice label=label!(i18n, col_kind) name="kind" choices=enum_choices(AgendaItemKind::values()) selected=it.kind.as_str().to_owned() error/>
                    <Field label=label!(i18n, f_title) name="title" value=it.title.clone() required=true error/>
                    <div class="field" class:invalid=move || minutes_error.get().is_some()>
                        <label for=format!("minutes-{id}")>{t!(i18n, f_planned_minutes)}</label>
                        <input id=format!("minutes-{id}") type="number" name="planned_minutes" min="1" max="600" value=it.planned_minutes.to_string()
                            aria-describedby=format!("minutes-{id}-error")
                            on:input:target=move |ev| {
                                if let Ok(m) = ev.target().value().parse::<i64>() {
                                    minutes.set(m);
                                }
                            }/>
                        <FieldError id=format!("minutes-{id}-error") error=minutes_error/>
                    </div>
                    <FormError error fields=&["kind", "title", "planned_minutes"]/>
                    <button type="submit">{t!(i18n, save_item)}</button>
                </ActionForm>
                <Speakers item_id=id speakers=item.speakers/>
                <ActualTimesForm held="item" id=id actual=item.actual.clone()/>
            </details>
        </li>
    }
}

#[component]
fn AddItem(session_id: i64) -> impl IntoView {
    let save = ServerAction::<SaveItem>::new();
    reload_after!(save);
    let error = failure!(save);
    let i18n = use_i18n();
    view! {
        <details class="panel add-item">
            <summary>{t!(i18n, add_item_heading)}</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="id" value=""/>
                <Choice label=label!(i18n, col_kind) name="kind" choices=enum_choices(AgendaItemKind::values()) error/>
                <Field label=label!(i18n, f_title) name="title" required=true error/>
                <Field label=label!(i18n, f_planned_minutes) name="planned_minutes" kind="number" value="10".to_owned() required=true error/>
                <FormError error fields=&["kind", "title", "planned_minutes"]/>
                <button type="submit">{t!(i18n, add_item)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Speakers(item_id: i64, speakers: Vec<SpeakerSlot>) -> impl IntoView {
    let save = ServerAction::<SaveSpeaker>::new();
    let reorder = ServerAction::<ReorderSpeaker>::new();
    let delete = ServerAction::<DeleteSpeaker>::new();
    reload_after!(save);
    reload_after!(reorder);
    reload_after!(delete);
    let error = failure!(save);
    let choices = use_context::<Choices>().unwrap_or(Choices {
        persons: vec![],
        members: vec![],
    });
    let find = |list: &[(String, String)], id: Option<i64>| {
        id.and_then(|id| {
            list.iter()
                .find(|(v, _)| *v == id.to_string())
                .map(|(_, n)| n.clone())
        })
    };
    let i18n = use_i18n();
    view! {
        <h4>{t!(i18n, speakers)}</h4>
        <ol class="speaker-list">
            {speakers.iter().map(|s| {
                let (person, member) = (find(&choices.persons, s.person_id), find(&choices.members, s.member_id));
                let who = move || view! { <SlotName person=person.clone() member=member.clone()/> };
                let id = s.id.to_string();
                let delivery = s.delivery;
                view! {
                    <li>
                        <span>{who.clone()}" · "{s.role.clone()}" · "{move || delivery.tr()}</span>
                        <div class="row-actions">
                            {button_form!(reorder, "↑", label!(i18n, move_up), t!(i18n, move_speaker_up, name = who.clone()), { "id" => id.clone(), "direction" => "up" })}
                            {button_form!(reorder, "↓", label!(i18n, move_down), t!(i18n, move_speaker_down, name = who.clone()), { "id" => id.clone(), "direction" => "down" })}
                            {button_form!(delete, t!(i18n, remove), label!(i18n, remove), t!(i18n, remove_speaker, name = who.clone()), { "id" => id.clone() })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <ActionForm action=save attr:class="form grid add-speaker">
            <input type="hidden" name="item_id" value=item_id.to_string()/>
            <input type="hidden" name="id" value=""/>
            <Choice label=label!(i18n, f_person) name="person_id" choices=choices.persons.clone() none=true error/>
            <Choice label=label!(i18n, f_on_behalf_of) name="member_id" choices=choices.members.clone() none=true error/>
            <Field label=label!(i18n, f_role) name="role" error/>
            <Choice label=label!(i18n, f_delivery) name="delivery" choices=enum_choices(Delivery::values()) error/>
            <FormError error fields=&["person_id", "member_id", "role", "delivery"]/>
            <button type="submit">{t!(i18n, add_speaker)}</button>
        </ActionForm>
    }
}

/// Who fills a speaker slot: a person (for a member government), or a member government's
/// representative.
#[component]
fn SlotName(person: Option<String>, member: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    match (person, member) {
        (Some(p), Some(m)) => format!("{p} ({m})").into_any(),
        (Some(p), None) => p.into_any(),
        (None, Some(m)) => t!(i18n, representative_of, member = move || m.clone()).into_any(),
        (None, None) => "—".into_any(),
    }
}

#[component]
fn Applications(
    number: i64,
    applications: Vec<Application>,
    items: Vec<(String, String)>,
) -> impl IntoView {
    let save = ServerAction::<SaveApplication>::new();
    let delete = ServerAction::<DeleteApplication>::new();
    reload_after!(save);
    reload_after!(delete);
    let error = failure!(save);
    let members = use_context::<Choices>()
        .map(|c| c.members)
        .unwrap_or_default();
    let name = {
        let members = members.clone();
        move |id: i64| {
            members
                .iter()
                .find(|(v, _)| *v == id.to_string())
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        }
    };
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, applications)}</h2>
            <ul>
                {applications.iter().map(|a| {
                    let applicant = name(a.applicant_member_id);
                    let status = a.status;
                    view! {
                        <li>
                            {applicant.clone()}": "<ApplicationFor application=a.clone()/>" ("{move || status.tr()}") "
                            {button_form!(delete, t!(i18n, delete), label!(i18n, delete), t!(i18n, delete_application, name = move || applicant.clone()), { "id" => a.id.to_string() })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="panel">
                <summary>{t!(i18n, add_application_heading)}</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="number" value=number.to_string()/>
                    <input type="hidden" name="id" value=""/>
                    <Choice label=label!(i18n, col_kind) name="form[kind]" choices=enum_choices(ApplicationKind::values()) error/>
                    <Choice label=label!(i18n, f_applicant) name="form[applicant_member_id]" choices=members.clone() error/>
                    <Choice label=label!(i18n, f_agenda_item) name="form[agenda_item_id]" choices=items none=true error/>
                    <Field label=label!(i18n, f_term) name="form[term]" kind="number" error/>
                    <Choice label=label!(i18n, f_membership_kind) name="form[membership_kind]" choices=enum_choices(MemberKind::values()) error/>
                    <Field label=label!(i18n, f_statement) name="form[statement]" error/>
                    <FormError error fields=&["kind", "applicant_member_id", "agenda_item_id", "term", "membership_kind", "statement"]/>
                    <button type="submit">{t!(i18n, add_application)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// What an application is for: the chair of a term, or membership of a kind.
#[component]
fn ApplicationFor(application: Application) -> impl IntoView {
    let i18n = use_i18n();
    match application.kind {
        ApplicationKind::Chairmanship => {
            let term = application.term.unwrap_or_default();
            t!(i18n, app_chairmanship, term = move || term).into_any()
        }
        ApplicationKind::Membership => {
            let kind = application.membership_kind.unwrap_or(MemberKind::Member);
            t!(i18n, app_membership, kind = move || kind.tr()).into_any()
        }
    }
}
