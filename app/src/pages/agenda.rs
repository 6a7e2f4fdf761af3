//! `/assemblies/{number}/agenda`: every session with its items in order, their derived times in
//! the venue's time zone, and each speaker with title, affiliation and delivery.
//!
//! Once hydrated, a filter box narrows the agenda to the items whose title or speakers match.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::model::{AssemblyStatus, Delivery};
use plenary_core::views::{AgendaItemView, SpeakerView};

use crate::api::load_agenda;
use crate::i18n::*;
use crate::label;
use crate::layout::{assembly_number, AssemblyTabs, Clock, ErrorPanel, PageTitle};
use crate::text::{date, Label, SpeakerName};

#[component]
pub fn AgendaPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_agenda(assembly_number(raw)?).await },
    );
    let query = RwSignal::new(String::new());
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(a) => {
                        let total: usize = a.sessions.iter().map(|s| s.items.len()).sum();
                        let haystacks: Vec<String> = a.sessions.iter().flat_map(|s| s.items.iter().map(haystack)).collect();
                        let shown = move || {
                            let q = query.read().trim().to_lowercase();
                            haystacks.iter().filter(|h| h.contains(&q)).count()
                        };
                        view! {
                            <PageTitle what=label!(i18n, tab_agenda) about=a.title.clone()/>
                            <h1>{a.title.clone()}</h1>
                            <AssemblyTabs number=a.number/>
                            <p class="lead">{t!(i18n, agenda_for, date = move || date(a.date), zone = move || a.time_zone.clone())}</p>
                            {a.postponements.last().cloned().map(|p| {
                                // The notice is about the postponement, whatever the assembly's
                                // status is now (it may since have been held).
                                view! {
                                    <p class="notice" role="note">
                                        <strong>{move || AssemblyStatus::Postponed.tr()}</strong>": "
                                        {t!(i18n, postponed, from = move || date(p.from_date), to = move || date(p.to_date), reason = move || p.reason.clone())}
                                    </p>
                                }
                            })}
                            <div class="filter">
                                <label for="agenda-filter">{t!(i18n, find)}</label>
                                <input id="agenda-filter" type="search" placeholder=move || t_string!(i18n, find_example).to_string()
                                    prop:value=move || query.get()
                                    on:input:target=move |ev| query.set(ev.target().value())/>
                                <p class="count" aria-live="polite">{t!(i18n, showing, shown = shown, total = move || total)}</p>
                            </div>
                            {a.sessions.into_iter().map(|s| view! {
                                <section class="session">
                                    <h2>
                                        {s.title}" "
                                        <small>
                                            <Clock time=s.start/>{s.end.map(|end| view! { "–"<Clock time=end/> })}
                                        </small>
                                    </h2>
                                    <ol class="items">
                                        {s.items.into_iter().map(|item| view! { <Item item query/> }).collect_view()}
                                    </ol>
                                </section>
                            }).collect_view()}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The lower-case text an item is found by: its title, kind and speakers.
fn haystack(item: &AgendaItemView) -> String {
    let mut text = format!("{} {}", item.title, item.kind.label());
    for s in &item.speakers {
        for part in [&s.name, &s.title, &s.affiliation, &s.on_behalf_of]
            .into_iter()
            .flatten()
        {
            text.push(' ');
            text.push_str(part);
        }
        text.push(' ');
        text.push_str(s.delivery.label());
    }
    text.to_lowercase()
}

#[component]
fn Item(item: AgendaItemView, query: RwSignal<String>) -> impl IntoView {
    let text = haystack(&item);
    let hidden = move || !text.contains(query.read().trim().to_lowercase().as_str());
    let i18n = use_i18n();
    let (kind, minutes) = (item.kind, item.planned_minutes);
    view! {
        <li class="item" class:hidden=hidden data-kind=item.kind.as_str()>
            <div class="when">
                <Clock time=item.start/>
                <span class="minutes">{t!(i18n, minutes_short, count = move || minutes)}</span>
            </div>
            <div class="what">
                <span class="kind">{move || kind.tr()}</span>
                <h3>{item.title}</h3>
                <ul class="speakers">
                    {item.speakers.into_iter().map(|s| view! { <Speaker speaker=s/> }).collect_view()}
                </ul>
            </div>
        </li>
    }
}

#[component]
fn Speaker(speaker: SpeakerView) -> impl IntoView {
    let of = speaker
        .affiliation
        .clone()
        .or_else(|| speaker.name.as_ref().and(speaker.on_behalf_of.clone()));
    let delivery = speaker.delivery;
    view! {
        <li class="speaker">
            <span class="who"><SpeakerName speaker=speaker.clone()/></span>
            {of.map(|o| view! { <span class="of">{o}</span> })}
            <span class="role">{speaker.role}</span>
            <span class="delivery" class:video=delivery == Delivery::Video>{move || delivery.tr()}</span>
        </li>
    }
}
