//! `/assemblies/{number}/live` (the delegate view) and `/assemblies/{number}/projector` (the venue
//! screen): what is on now and next, updated by the live stream without reloading.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::model::AgendaItemStatus;
use plenary_core::views::{AgendaItemView, LiveView, SpeakerView};

use super::check_in::CheckInBox;
use super::vote::{BallotBox, VoteBoard};
use crate::api::load_live;
use crate::i18n::*;
use crate::label;
use crate::layout::{assembly_number, AssemblyTabs, Clock, ErrorPanel, PageTitle};
use crate::live::{countdown, Live};
use crate::text::{Label, SpeakerName};

/// Loads the live view of the assembly in the URL and hands it to `body`.
fn with_live(body: fn(LiveView) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_live(assembly_number(raw)?).await },
    );
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => body(view),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn LivePage() -> impl IntoView {
    with_live(|view| view! { <DelegateView initial=view/> }.into_any())
}

#[component]
pub fn ProjectorPage() -> impl IntoView {
    with_live(|view| view! { <Projector initial=view/> }.into_any())
}

#[component]
pub fn ConnectionBadge(live: Live) -> impl IntoView {
    let state = move || live.connection.get();
    view! {
        <p class=move || format!("connection {}", state().class()) role="status" aria-live="polite">
            <span class="dot" aria-hidden="true"></span>
            {move || state().label()}
        </p>
    }
}

/// A speaker with the government or body they belong to.
#[component]
fn SpeakerLine(speaker: SpeakerView) -> impl IntoView {
    let of = speaker
        .affiliation
        .clone()
        .or_else(|| speaker.name.as_ref().and(speaker.on_behalf_of.clone()));
    view! { <SpeakerName speaker/>{of.map(|o| format!(" · {o}"))} }
}

#[component]
fn DelegateView(initial: LiveView) -> impl IntoView {
    let number = initial.number;
    let title = initial.title.clone();
    let live = Live::subscribe(initial);
    let view = live.view;
    let i18n = use_i18n();
    view! {
        <PageTitle what=label!(i18n, tab_live) about=title.clone()/>
        <h1>{title.clone()}</h1>
        <AssemblyTabs number/>
        <ConnectionBadge live/>
        <section class="now" aria-labelledby="now-heading">
            <h2 id="now-heading">{t!(i18n, now)}</h2>
            {move || match view.get().now {
                None => view! { <p class="idle">{t!(i18n, nothing_now)}</p> }.into_any(),
                Some(now) => view! {
                    <p class="session-name">{now.session.clone()}</p>
                    <p class="now-item" data-item=now.item.id.to_string()>{now.item.title.clone()}</p>
                    {now.speaker.clone().map(|s| {
                        let delivery = s.delivery;
                        view! { <p class="now-speaker"><SpeakerLine speaker=s/><span class="delivery">{move || delivery.tr()}</span></p> }
                    })}
                    {(now.speakers > 1).then(|| {
                        let (n, m) = (now.speaker_index + 1, now.speakers);
                        view! { <p class="muted">{t!(i18n, speaker_of, n = move || n, m = move || m)}</p> }
                    })}
                    <p class="time-left">{t!(i18n, time_left)}": "<strong class="countdown">{move || live.seconds_left().map(countdown).unwrap_or_default()}</strong></p>
                }.into_any(),
            }}
        </section>
        <CheckInBox live/>
        <VoteBoard live/>
        <BallotBox live/>
        <section class="next" aria-labelledby="next-heading">
            <h2 id="next-heading">{t!(i18n, next)}</h2>
            {move || match view.get().next {
                None => view! { <p class="idle">{t!(i18n, nothing_next)}</p> }.into_any(),
                Some(next) => view! {
                    <p><Clock time=next.item.start.clone()/>" "<strong class="next-item">{next.item.title.clone()}</strong>" · "{next.session.clone()}</p>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="day-heading">
            <h2 id="day-heading">{t!(i18n, the_day)}</h2>
            {move || view.get().sessions.into_iter().map(|s| view! {
                <h3>{s.title.clone()}</h3>
                <ol class="day">
                    {s.items.into_iter().map(|i| view! { <DayItem item=i/> }).collect_view()}
                </ol>
            }).collect_view()}
        </section>
    }
}

#[component]
fn DayItem(item: AgendaItemView) -> impl IntoView {
    let status = item.status;
    let held = status == AgendaItemStatus::Done;
    view! {
        <li class=format!("day-item {}", status.as_str())>
            <span class="when"><Clock time=item.start.clone()/>{item.end.clone().filter(|_| held).map(|end| view! { "–"<Clock time=end/> })}</span>
            <span class="what">{item.title.clone()}</span>
            {(status != AgendaItemStatus::Pending).then(|| view! { <span class="badge">{move || status.tr()}</span> })}
        </li>
    }
}

#[component]
fn Projector(initial: LiveView) -> impl IntoView {
    let title = initial.title.clone();
    let slogan = initial.slogan.clone();
    let live = Live::subscribe(initial);
    let view = live.view;
    let i18n = use_i18n();
    view! {
        <PageTitle what=label!(i18n, projector) about=title.clone()/>
        <div class="projector">
            <header>
                <h1>{title.clone()}</h1>
                {slogan.map(|s| view! { <p class="slogan">{s}</p> })}
            </header>
            {move || match view.get().now {
                None => view! { <p class="now-item idle">{view.get().status.tr()}</p> }.into_any(),
                Some(now) => view! {
                    <p class="session-name">{now.session.clone()}</p>
                    <p class="now-item">{now.item.title.clone()}</p>
                    {now.speaker.clone().map(|s| view! { <p class="now-speaker"><SpeakerLine speaker=s/></p> })}
                    <p class="countdown" aria-label=move || t_string!(i18n, time_left)>{move || live.seconds_left().map(countdown).unwrap_or_default()}</p>
                }.into_any(),
            }}
            <VoteBoard live large=true/>
            <ConnectionBadge live/>
        </div>
    }
}
