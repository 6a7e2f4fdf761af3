//! `/manage/assemblies/{number}/record`: the record desk. Organizers enter what each item
//! produced (outcomes, reports, presentations, the declaration), generate the news summary in
//! each language from the record, edit and publish it, and add its photos.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use plenary_core::model::{NewsStatus, Presentation, Report, MAX_ATTACHMENT_BYTES};
use plenary_core::views::RecordDesk;
use plenary_core::Problem;

use super::{loading, ManageNav};
use crate::api::{
    load_record_desk, DraftNewsSummary, PublishNewsSummary, RemovePhoto, RemovePresentation,
    RemoveReport, SaveDeclaration, SaveNewsSummary, SaveOutcome, SavePresentation, SaveReport,
    NEWS_LANGUAGES,
};
use crate::errors::ErrorText;
use crate::forms::{record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{assembly_number, ErrorPanel, PageTitle};
use crate::pages::LanguageName;
use crate::raw_text::raw_text;
use crate::text::Label;
use crate::{button_form, failure, label, reload_after};

#[component]
pub fn RecordDeskPage() -> impl IntoView {
    let params = use_params_map();
    crate::pages::provide_languages(|| NEWS_LANGUAGES.map(String::from).to_vec());
    let revision = Revision::provide();
    let desk = Resource::new(
        move || (params.read().get("number"), revision.get()),
        |(raw, _)| async move { load_record_desk(assembly_number(raw)?).await },
    );
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match desk.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(d) => view! { <Fresh key=revision.0.get_untracked()><Desk d=d.clone()/></Fresh> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The agenda items of the desk's assembly as choices: "Session 2 · Report of …".
fn item_choices(d: &RecordDesk) -> Vec<(String, String)> {
    d.record
        .sessions
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .map(move |i| (i.id.to_string(), format!("{} · {}", s.title, i.title)))
        })
        .collect()
}

fn member_choices(d: &RecordDesk) -> Vec<(String, String)> {
    record_choices(&d.members, |m| (m.id, m.name.clone()))
}

#[component]
fn Desk(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let number = d.record.assembly.number;
    let title = d.record.assembly.title.clone();
    view! {
        <PageTitle what=label!(i18n, record_desk) about=title.clone()/>
        <p class="kicker">
            <a href=format!("/manage/assemblies/{number}")>{title.clone()}</a>" · "
            <a href=format!("/manage/assemblies/{number}/control")>{t!(i18n, control_panel)}</a>" · "
            <a href=format!("/assemblies/{number}/minutes")>{t!(i18n, minutes)}</a>
        </p>
        <h1>{t!(i18n, record_desk)}" · "{title}</h1>
        <ManageNav/>
        <Outcomes d=d.clone()/>
        <Reports d=d.clone()/>
        <Presentations d=d.clone()/>
        <DeclarationForm d=d.clone()/>
        <News d=d.clone()/>
        <Photos d/>
    }
}

#[component]
fn Outcomes(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveOutcome>::new();
    reload_after!(save);
    let error = failure!(save);
    view! {
        <section aria-labelledby="outcomes-heading">
            <h2 id="outcomes-heading">{t!(i18n, outcomes)}</h2>
            <FormError error/>
            {d.record.sessions.into_iter().map(|s| view! {
                <details class="panel">
                    <summary>{s.title.clone()}</summary>
                    {s.items.into_iter().map(|item| {
                        let label = item.title.clone();
                        view! {
                            <ActionForm action=save attr:class="form outcome-form">
                                <input type="hidden" name="item_id" value=item.id.to_string()/>
                                <label>{label}<textarea name="outcome" rows="2" maxlength=plenary_core::model::limits::NOTE>{raw_text(item.outcome.clone().unwrap_or_default())}</textarea></label>
                                <button type="submit">{t!(i18n, save)}</button>
                            </ActionForm>
                        }
                    }).collect_view()}
                </details>
            }).collect_view()}
        </section>
    }
}

#[component]
fn Reports(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReport>::new();
    let remove = ServerAction::<RemoveReport>::new();
    reload_after!(save);
    reload_after!(remove);
    let error = failure!(save);
    let removal = failure!(remove);
    let blank = Report {
        id: 0,
        assembly_id: 0,
        agenda_item_id: None,
        committee_id: 0,
        presenting_member_id: 0,
        outcomes: None,
        next_meeting_place: None,
        next_meeting_date: None,
    };
    view! {
        <section aria-labelledby="reports-heading">
            <h2 id="reports-heading">{t!(i18n, reports)}</h2>
            <FormError error=removal/>
            {d.reports.iter().map(|r| {
                let name = d.committees.iter().find(|c| c.id == r.committee_id).map(|c| c.name.clone()).unwrap_or_default();
                let full = format!("{} {}", t_string!(i18n, remove), name);
                view! {
                    <details class="panel">
                        <summary>{name}</summary>
                        <ReportFields d=d.clone() r=r.clone() save error/>
                        {button_form!(remove, t!(i18n, remove), label!(i18n, remove), full, { "id" => r.id })}
                    </details>
                }
            }).collect_view()}
            <details class="panel">
                <summary>{t!(i18n, add_report)}</summary>
                <ReportFields d r=blank save error/>
            </details>
        </section>
    }
}

#[component]
fn ReportFields(
    d: RecordDesk,
    r: Report,
    save: ServerAction<SaveReport>,
    error: Signal<Option<plenary_core::Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let committees = record_choices(&d.committees, |c| (c.id, c.name.clone()));
    let id = if r.id == 0 {
        String::new()
    } else {
        r.id.to_string()
    };
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="number" value=d.record.assembly.number.to_string()/>
            <Choice label=label!(i18n, committee) name="form[committee_id]" choices=committees selected=r.committee_id.to_string() error/>
            <Choice label=label!(i18n, presenting_member) name="form[presenting_member_id]" choices=member_choices(&d) selected=r.presenting_member_id.to_string() error/>
            <Choice label=label!(i18n, agenda_item) name="form[agenda_item_id]" choices=item_choices(&d) selected=r.agenda_item_id.map(|i| i.to_string()).unwrap_or_default() none=true error/>
            <label class="wide">{t!(i18n, report_outcomes)}<textarea name="form[outcomes]" rows="3" maxlength=plenary_core::model::limits::LONG>{raw_text(r.outcomes.clone().unwrap_or_default())}</textarea></label>
            <Field label=label!(i18n, next_meeting_place) name="form[next_meeting_place]" value=r.next_meeting_place.clone().unwrap_or_default() error/>
            <Field label=label!(i18n, next_meeting_date) name="form[next_meeting_date]" kind="date" value=r.next_meeting_date.map(|d| d.to_string()).unwrap_or_default() error/>
            <button type="submit">{t!(i18n, save)}</button>
        </ActionForm>
    }
}

#[component]
fn Presentations(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePresentation>::new();
    let remove = ServerAction::<RemovePresentation>::new();
    reload_after!(save);
    reload_after!(remove);
    let error = failure!(save);
    let blank = Presentation {
        id: 0,
        assembly_id: 0,
        agenda_item_id: None,
        member_id: 0,
        topic: None,
    };
    view! {
        <section aria-labelledby="presentations-heading">
            <h2 id="presentations-heading">{t!(i18n, presentations)}</h2>
            <FormError error/>
            {d.presentations.iter().map(|p| {
                let name = d.members.iter().find(|m| m.id == p.member_id).map(|m| m.name.clone()).unwrap_or_default();
                let full = format!("{} {}", t_string!(i18n, remove), name);
                view! {
                    <div class="row">
                        <PresentationFields d=d.clone() p=p.clone() save error/>
                        {button_form!(remove, "✕", label!(i18n, remove), full, { "id" => p.id })}
                    </div>
                }
            }).collect_view()}
            <details class="panel">
                <summary>{t!(i18n, add_presentation)}</summary>
                <PresentationFields d p=blank save error/>
            </details>
        </section>
    }
}

#[component]
fn PresentationFields(
    d: RecordDesk,
    p: Presentation,
    save: ServerAction<SavePresentation>,
    error: Signal<Option<plenary_core::Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = if p.id == 0 {
        String::new()
    } else {
        p.id.to_string()
    };
    view! {
        <ActionForm action=save attr:class="form grid">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="number" value=d.record.assembly.number.to_string()/>
            <Choice label=label!(i18n, vote_member) name="member_id" choices=member_choices(&d) selected=p.member_id.to_string() error/>
            <Field label=label!(i18n, topic) name="topic" value=p.topic.clone().unwrap_or_default() error/>
            <Choice label=label!(i18n, agenda_item) name="agenda_item_id" choices=item_choices(&d) selected=p.agenda_item_id.map(|i| i.to_string()).unwrap_or_default() none=true error/>
            <button type="submit">{t!(i18n, save)}</button>
        </ActionForm>
    }
}

/// The languages the declaration form offers: the association's working languages, then any
/// other a text was already recorded in (so that no recorded text is out of reach).
fn declaration_languages(d: &RecordDesk) -> Vec<String> {
    let mut languages = d.record.association.languages.clone();
    let recorded = d.declaration.iter().flat_map(|c| c.texts.iter());
    for t in recorded {
        if !languages.contains(&t.language) {
            languages.push(t.language.clone());
        }
    }
    languages
}

#[component]
fn DeclarationForm(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveDeclaration>::new();
    reload_after!(save);
    let error = failure!(save);
    let current = d.declaration.clone();
    let title = current
        .as_ref()
        .map(|c| c.title.clone())
        .unwrap_or_default();
    let item = current
        .as_ref()
        .and_then(|c| c.agenda_item_id)
        .map(|i| i.to_string())
        .unwrap_or_default();
    let adopted = d.declaration_adopted_local.clone().unwrap_or_default();
    let languages = declaration_languages(&d);
    let text = move |language: &str| {
        current
            .as_ref()
            .and_then(|c| c.texts.iter().find(|t| t.language == language))
            .map(|t| t.body.clone())
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="declaration-heading">
            <h2 id="declaration-heading">{t!(i18n, declaration)}</h2>
            <ActionForm action=save attr:class="form grid">
                <input type="hidden" name="number" value=d.record.assembly.number.to_string()/>
                <Field label=label!(i18n, title) name="form[title]" value=title required=true error/>
                <Choice label=label!(i18n, agenda_item) name="form[agenda_item_id]" choices=item_choices(&d) selected=item none=true error/>
                <Field label=label!(i18n, adopted_at) name="form[adopted_at]" kind="datetime-local" value=adopted error/>
                {languages.into_iter().map(|l| {
                    let name = format!("form[texts][{l}]");
                    let body = text(&l);
                    view! {
                        <label class="wide" lang=l.clone()><LanguageName tag=l.clone()/>
                            <textarea name=name rows="4" maxlength=plenary_core::model::limits::LONG>{raw_text(body)}</textarea>
                        </label>
                    }
                }).collect_view()}
                <FormError error fields=&["title", "agenda_item_id", "adopted_at"]/>
                <button type="submit">{t!(i18n, save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn News(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let draft = ServerAction::<DraftNewsSummary>::new();
    let save = ServerAction::<SaveNewsSummary>::new();
    let publish = ServerAction::<PublishNewsSummary>::new();
    reload_after!(draft);
    reload_after!(save);
    reload_after!(publish);
    let error = Signal::derive(move || {
        [
            draft.value().get().and_then(|r| r.err()),
            save.value().get().and_then(|r| r.err()),
            publish.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let number = d.record.assembly.number;
    view! {
        <section aria-labelledby="news-heading">
            <h2 id="news-heading">{t!(i18n, news_summary)}</h2>
            <p class="muted">{t!(i18n, news_explained)}</p>
            <FormError error fields=&["headline", "body"]/>
            {NEWS_LANGUAGES.iter().map(|l| {
                let summary = d.news.iter().find(|n| n.language == *l).cloned();
                let (exists, status) = (summary.is_some(), summary.as_ref().map(|n| n.status));
                let generate = view! {
                    <ActionForm action=draft attr:class="button-form">
                        <input type="hidden" name="number" value=number.to_string()/>
                        <input type="hidden" name="language" value=*l/>
                        <button type="submit" data-command="draft" data-language=*l>
                            {if exists { t!(i18n, regenerate_news).into_any() } else { t!(i18n, generate_news).into_any() }}
                        </button>
                    </ActionForm>
                };
                view! {
                    <details class="panel" lang=*l open=exists>
                        <summary><LanguageName tag=*l/>{status.map(|status| {
                            view! { " "<span class="badge">{move || status.tr()}</span> }
                        })}</summary>
                        {generate}
                        {summary.map(|n| {
                            let published = n.status == NewsStatus::Published;
                            let language = n.language.clone();
                            view! {
                                <ActionForm action=save attr:class="form">
                                    <input type="hidden" name="id" value=n.id.to_string()/>
                                    <Field label=label!(i18n, headline) name="headline" value=n.headline.clone() required=true error/>
                                    <label>{t!(i18n, news_lead)}<textarea name="lead" rows="3" maxlength=plenary_core::model::limits::NOTE>{raw_text(n.lead.clone())}</textarea></label>
                                    <label>{t!(i18n, news_body)}<textarea name="body" rows="14" maxlength=plenary_core::model::limits::LONG>{raw_text(n.body.clone())}</textarea></label>
                                    <button type="submit">{t!(i18n, save)}</button>
                                </ActionForm>
                                <ActionForm action=publish attr:class="button-form">
                                    <input type="hidden" name="id" value=n.id.to_string()/>
                                    <input type="hidden" name="published" value=(!published).to_string()/>
                                    <button type="submit" data-command="publish" data-language=language.clone()>
                                        {if published { t!(i18n, withdraw_news).into_any() } else { t!(i18n, publish_news).into_any() }}
                                    </button>
                                </ActionForm>
                                {published.then(|| view! {
                                    <p><a href=format!("/assemblies/{number}/news?lang={}", n.language)>{t!(i18n, public_page)}</a></p>
                                })}
                            }
                        })}
                    </details>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn Photos(d: RecordDesk) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemovePhoto>::new();
    reload_after!(remove);
    let error = failure!(remove);
    let number = d.record.assembly.number;
    // An upload the server refused comes back here with the problem's key in the query.
    let refused = use_query_map()
        .read_untracked()
        .get("photo_error")
        .and_then(|key| upload_problem(&key));
    view! {
        <section id="photos" aria-labelledby="photos-heading">
            <h2 id="photos-heading">{t!(i18n, photos)}</h2>
            <FormError error/>
            {refused.map(|problem| view! { <p class="form-error" role="alert"><ErrorText error=plenary_core::Error::invalid("file", problem)/></p> })}
            <ul class="photos">
                {d.attachments.iter().map(|a| {
                    let full = format!("{} {}", t_string!(i18n, remove), a.file_name);
                    view! {
                        <li>
                            <img src=format!("/api/attachments/{}", a.id) alt=a.caption.clone().unwrap_or_else(|| a.file_name.clone()) width="160"/>
                            <span>{a.file_name.clone()}" · "{format!("{} KB", (a.size + 1023) / 1024)}</span>
                            {button_form!(remove, "✕", label!(i18n, remove), full, { "id" => a.id })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            // A plain multipart post to the API: the server checks the type and size and sends
            // the browser back here.
            <form method="post" action=format!("/api/assemblies/{number}/attachments") enctype="multipart/form-data" class="form grid">
                <label>{t!(i18n, photo_file)}<input type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true/></label>
                <label>{t!(i18n, caption)}<input name="caption" maxlength=plenary_core::model::limits::TITLE/></label>
                <button type="submit">{t!(i18n, upload_photo)}</button>
            </form>
        </section>
    }
}

/// The problem an upload was refused for, from the key the server sent the browser back with;
/// nothing for keys it never sends.
fn upload_problem(key: &str) -> Option<Problem> {
    match key {
        "attachment_type" => Some(Problem::AttachmentType {
            allowed: "JPEG, PNG, WebP".into(),
        }),
        "attachment_too_large" => Some(Problem::AttachmentTooLarge {
            max_mb: (MAX_ATTACHMENT_BYTES / (1024 * 1024)) as i64,
        }),
        "required" => Some(Problem::Required),
        _ => None,
    }
}
