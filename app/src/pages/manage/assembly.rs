//! `/manage/assemblies/{number}`: the assembly editor. Details, postponement, cancellation,
//! copying an earlier agenda; sessions, items and speakers with add, edit, delete, and reorder
//! (drag and drop, or move up / move down from the keyboard); applications. Item start times are
//! recomputed in the browser as planned minutes are typed, before anything is saved.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use plenary_core::agenda::clock_times;
use plenary_core::model::*;
use plenary_core::views::{AssemblyEditor, EditorItem, EditorSession};

use super::ManageNav;
use crate::api::*;
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::layout::{assembly_number, ErrorPanel};
use crate::{button_form, failure, reload_after};

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
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
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
    view! {
        <Title text=format!("Edit · {}", a.title)/>
        <p class="kicker"><a href="/manage">"Workspace"</a></p>
        <h1>{a.title.clone()}</h1>
        <ManageNav/>
        <p>
            <a href=format!("/assemblies/{number}")>"Public page"</a>" · "
            <a href=format!("/assemblies/{number}/agenda")>"Public agenda"</a>
            " · Status: "<strong class="status">{a.status.label()}</strong>
        </p>
        <Details assembly=a.clone()/>
        <Postpone number postponements=editor.postponements.clone()/>
        <section>
            <h2>"Agenda"</h2>
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
    view! {
        <details class="panel">
            <summary>"Details"</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="original" value=a.number.to_string()/>
                <Field label="Number" name="form[number]" kind="number" value=a.number.to_string() required=true error/>
                <Field label="Title" name="form[title]" value=a.title.clone() required=true error/>
                <Field label="Slogan" name="form[slogan]" value=a.slogan.clone().unwrap_or_default() error/>
                <Field label="First day" name="form[start_date]" kind="date" value=a.start_date.to_string() required=true error/>
                <Field label="Last day" name="form[end_date]" kind="date" value=a.end_date.to_string() error/>
                <Field label="Venue" name="form[venue]" value=a.venue.clone() required=true error/>
                <Choice label="Host member" name="form[host_member_id]" choices=hosts selected=a.host_member_id.map(|h| h.to_string()).unwrap_or_default() empty="(none)" error/>
                <Choice label="Mode" name="form[mode]" choices=enum_choices(AssemblyMode::choices()) selected=a.mode.as_str().to_owned() error/>
                <Field label="Time zone" name="form[time_zone]" value=a.time_zone.clone() required=true error/>
                <Choice label="Status" name="form[status]" choices=enum_choices(AssemblyStatus::choices()) selected=a.status.as_str().to_owned() error/>
                <FormError error fields=&["number", "title", "slogan", "start_date", "end_date", "venue", "host_member_id", "mode", "time_zone", "status"]/>
                <button type="submit">"Save details"</button>
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
    view! {
        <details class="panel" id="postpone">
            <summary>"Postpone"</summary>
            {(!postponements.is_empty()).then(|| view! {
                <ul class="history">
                    {postponements.into_iter().map(|p| view! { <li>{format!("From {} to {}: {}", p.from_date, p.to_date, p.reason)}</li> }).collect_view()}
                </ul>
            })}
            <ActionForm action=postpone attr:class="form grid">
                <input type="hidden" name="number" value=number.to_string()/>
                <Field label="New first day" name="to_date" kind="date" required=true error/>
                <Field label="Reason" name="reason" required=true error/>
                <FormError error fields=&["to_date", "reason"]/>
                <button type="submit">"Postpone the assembly"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Cancel(number: i64) -> impl IntoView {
    let cancel = ServerAction::<crate::api::Cancel>::new();
    reload_after!(cancel);
    let error = failure!(cancel);
    view! {
        <details class="panel danger">
            <summary>"Cancel the assembly"</summary>
            <ActionForm action=cancel attr:class="form">
                <input type="hidden" name="number" value=number.to_string()/>
                <Field label="Reason" name="reason" required=true error/>
                <FormError error fields=&["reason"]/>
                <button type="submit">"Cancel the assembly"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn CopyAgenda(number: i64, others: Vec<i64>) -> impl IntoView {
    let copy = ServerAction::<CopyAgendaFrom>::new();
    reload_after!(copy);
    let error = failure!(copy);
    let choices = others
        .iter()
        .map(|n| (n.to_string(), format!("Assembly {n}")))
        .collect();
    view! {
        <ActionForm action=copy attr:class="form inline" attr:id="copy-agenda">
            <input type="hidden" name="number" value=number.to_string()/>
            <Choice label="Copy the agenda of" name="from_number" choices error/>
            <FormError error fields=&["from_number"]/>
            <button type="submit">"Copy as draft"</button>
        </ActionForm>
    }
}

#[component]
fn AddSession(number: i64) -> impl IntoView {
    let save = ServerAction::<SaveSession>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <details class="panel" id="add-session">
            <summary>"Add a session"</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="number" value=number.to_string()/>
                <input type="hidden" name="id" value=""/>
                <Field label="Title" name="title" required=true error/>
                <Choice label="Kind" name="kind" choices=enum_choices(SessionKind::choices()) selected="working".to_owned() error/>
                <Field label="Planned start (venue time)" name="planned_start" kind="datetime-local" required=true error/>
                <FormError error fields=&["title", "kind", "planned_start"]/>
                <button type="submit">"Add session"</button>
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
    let id_field = id.clone();
    view! {
        <section class="session-editor" data-session=id.clone()>
            <header class="session-head">
                <h3>{s.title.clone()}" "<small>{session.clock.clone()}</small></h3>
                <div class="row-actions">
                    {button_form!(reorder, "↑", format!("Move session {title} up"), { "id" => id.clone(), "direction" => "up" })}
                    {button_form!(reorder, "↓", format!("Move session {title} down"), { "id" => id.clone(), "direction" => "down" })}
                    {button_form!(delete, "Delete", format!("Delete session {title}"), { "id" => id.clone() })}
                </div>
            </header>
            <details class="panel">
                <summary>"Edit session"</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="number" value=number.to_string()/>
                    <input type="hidden" name="id" value=id_field/>
                    <Field label="Title" name="title" value=s.title.clone() required=true error/>
                    <Choice label="Kind" name="kind" choices=enum_choices(SessionKind::choices()) selected=s.kind.as_str().to_owned() error/>
                    <Field label="Planned start (venue time)" name="planned_start" kind="datetime-local" value=session.start_local.clone() required=true error/>
                    <FormError error fields=&["title", "kind", "planned_start"]/>
                    <button type="submit">"Save session"</button>
                </ActionForm>
            </details>
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
                <span class="kind">{it.kind.label()}</span>
                <strong class="item-title">{it.title.clone()}</strong>
                <span class="minutes">{move || format!("{} min", minutes.get())}</span>
                <div class="row-actions">
                    {button_form!(reorder, "↑", format!("Move {title} up"), { "id" => id.to_string(), "direction" => "up", "position" => "", "session_id" => "" })}
                    {button_form!(reorder, "↓", format!("Move {title} down"), { "id" => id.to_string(), "direction" => "down", "position" => "", "session_id" => "" })}
                    {button_form!(delete, "Delete", format!("Delete {title}"), { "id" => id.to_string() })}
                </div>
            </div>
            <FormError error=move_error/>
            <details class="panel">
                <summary>"Edit item and speakers"</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <Choice label="Kind" name="kind" choices=enum_choices(AgendaItemKind::choices()) selected=it.kind.as_str().to_owned() error/>
                    <Field label="Title" name="title" value=it.title.clone() required=true error/>
                    <div class="field" class:invalid=move || error.get().is_some_and(|e| e.field() == Some("planned_minutes"))>
                        <label for=format!("minutes-{id}")>"Planned minutes"</label>
                        <input id=format!("minutes-{id}") type="number" name="planned_minutes" min="1" max="600" value=it.planned_minutes.to_string()
                            on:input:target=move |ev| {
                                if let Ok(m) = ev.target().value().parse::<i64>() {
                                    minutes.set(m);
                                }
                            }/>
                        <span class="field-error" role="alert">
                            {move || error.get().filter(|e| e.field() == Some("planned_minutes")).map(|e| e.to_string())}
                        </span>
                    </div>
                    <FormError error fields=&["kind", "title", "planned_minutes"]/>
                    <button type="submit">"Save item"</button>
                </ActionForm>
                <Speakers item_id=id speakers=item.speakers/>
            </details>
        </li>
    }
}

#[component]
fn AddItem(session_id: i64) -> impl IntoView {
    let save = ServerAction::<SaveItem>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <details class="panel add-item">
            <summary>"Add an item"</summary>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="id" value=""/>
                <Choice label="Kind" name="kind" choices=enum_choices(AgendaItemKind::choices()) error/>
                <Field label="Title" name="title" required=true error/>
                <Field label="Planned minutes" name="planned_minutes" kind="number" value="10".to_owned() required=true error/>
                <FormError error fields=&["kind", "title", "planned_minutes"]/>
                <button type="submit">"Add item"</button>
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
    let name_of = {
        let choices = choices.clone();
        move |s: &SpeakerSlot| {
            let find = |list: &[(String, String)], id: Option<i64>| {
                id.and_then(|id| {
                    list.iter()
                        .find(|(v, _)| *v == id.to_string())
                        .map(|(_, n)| n.clone())
                })
            };
            match (
                find(&choices.persons, s.person_id),
                find(&choices.members, s.member_id),
            ) {
                (Some(p), Some(m)) => format!("{p} ({m})"),
                (Some(p), None) => p,
                (None, Some(m)) => format!("Representative of {m}"),
                (None, None) => "—".into(),
            }
        }
    };
    view! {
        <h4>"Speakers"</h4>
        <ol class="speaker-list">
            {speakers.iter().map(|s| {
                let who = name_of(s);
                let id = s.id.to_string();
                view! {
                    <li>
                        <span>{format!("{who} · {} · {}", s.role, s.delivery.label())}</span>
                        <div class="row-actions">
                            {button_form!(reorder, "↑", format!("Move speaker {who} up"), { "id" => id.clone(), "direction" => "up" })}
                            {button_form!(reorder, "↓", format!("Move speaker {who} down"), { "id" => id.clone(), "direction" => "down" })}
                            {button_form!(delete, "Remove", format!("Remove speaker {who}"), { "id" => id.clone() })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <ActionForm action=save attr:class="form grid add-speaker">
            <input type="hidden" name="item_id" value=item_id.to_string()/>
            <input type="hidden" name="id" value=""/>
            <Choice label="Person" name="person_id" choices=choices.persons.clone() empty="(none)" error/>
            <Choice label="On behalf of" name="member_id" choices=choices.members.clone() empty="(none)" error/>
            <Field label="Role" name="role" error/>
            <Choice label="Delivery" name="delivery" choices=enum_choices(Delivery::choices()) error/>
            <FormError error fields=&["person_id", "member_id", "role", "delivery"]/>
            <button type="submit">"Add speaker"</button>
        </ActionForm>
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
    view! {
        <section>
            <h2>"Applications"</h2>
            <ul>
                {applications.iter().map(|a| {
                    let what = match a.kind {
                        ApplicationKind::Chairmanship => format!("chairmanship for term {}", a.term.unwrap_or_default()),
                        ApplicationKind::Membership => format!("membership as {}", a.membership_kind.map(|k| k.label()).unwrap_or("member")),
                    };
                    let text = format!("{}: {} ({})", name(a.applicant_member_id), what, a.status.label());
                    view! {
                        <li>{text.clone()}" "{button_form!(delete, "Delete", format!("Delete application {text}"), { "id" => a.id.to_string() })}</li>
                    }
                }).collect_view()}
            </ul>
            <details class="panel">
                <summary>"Add an application"</summary>
                <ActionForm action=save attr:class="form grid">
                    <input type="hidden" name="number" value=number.to_string()/>
                    <input type="hidden" name="id" value=""/>
                    <Choice label="Kind" name="form[kind]" choices=enum_choices(ApplicationKind::choices()) error/>
                    <Choice label="Applicant" name="form[applicant_member_id]" choices=members.clone() error/>
                    <Choice label="Agenda item" name="form[agenda_item_id]" choices=items empty="(none)" error/>
                    <Field label="Term (chairmanship)" name="form[term]" kind="number" error/>
                    <Choice label="As (membership)" name="form[membership_kind]" choices=enum_choices(MemberKind::choices()) error/>
                    <Field label="Statement" name="form[statement]" error/>
                    <FormError error fields=&["kind", "applicant_member_id", "agenda_item_id", "term", "membership_kind", "statement"]/>
                    <button type="submit">"Add application"</button>
                </ActionForm>
            </details>
        </section>
    }
}
