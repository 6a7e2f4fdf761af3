//! `/manage/assemblies/{number}/control`: the control panel. Start and end the assembly and its
//! sessions, set or advance the current item and speaker, mark items done, skipped or deferred,
//! and run the speaking-time countdown. Every button is a form, so the panel works without
//! JavaScript too; with it, the state follows the live stream.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::model::AgendaItemStatus;
use plenary_core::views::LiveView;

use super::{loading, ManageNav};
use crate::api::{load_live, Control};
use crate::forms::FormError;
use crate::i18n::*;
use crate::label;
use crate::layout::{assembly_number, ErrorPanel, PageTitle};
use crate::live::{countdown, Live};
use crate::pages::live::ConnectionBadge;
use crate::pages::vote::VoteDeskPanel;
use crate::text::Label;

#[component]
pub fn ControlPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_live(assembly_number(raw)?).await },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <Panel initial=view/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One control-panel button: a form posting `command` with `arg`.
#[component]
fn Button(
    action: ServerAction<Control>,
    number: i64,
    command: &'static str,
    #[prop(optional, into)] arg: String,
    label: TextProp,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="button-form">
            <input type="hidden" name="number" value=number.to_string()/>
            <input type="hidden" name="command" value=command/>
            <input type="hidden" name="arg" value=arg/>
            <button type="submit" data-command=command>{move || label.get().to_string()}</button>
        </ActionForm>
    }
}

#[component]
fn Panel(initial: LiveView) -> impl IntoView {
    let number = initial.number;
    let title = initial.title.clone();
    let live = Live::subscribe(initial);
    let action = ServerAction::<Control>::new();
    // The answer to a command is the new state; show it at once, the stream confirms it.
    Effect::new(move |_| {
        if let Some(Ok(view)) = action.value().get() {
            if view.event_id >= live.view.get_untracked().event_id {
                live.view.set(view);
            }
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let b = move |command: &'static str, arg: String, label: TextProp| view! { <Button action number command arg label/> };
    let i18n = use_i18n();
    view! {
        <PageTitle what=label!(i18n, control_panel) about=title.clone()/>
        <p class="kicker"><a href=format!("/manage/assemblies/{number}")>{t!(i18n, edit_assembly)}</a>" · "
            <a href=format!("/assemblies/{number}/live")>{t!(i18n, delegate_view)}</a>" · "
            <a href=format!("/assemblies/{number}/projector")>{t!(i18n, projector)}</a>" · "
            <a href=format!("/manage/assemblies/{number}/attendance")>{t!(i18n, attendance)}</a>" · "
            <a href=format!("/api/assemblies/{number}/document") type="application/json">{t!(i18n, export_document)}</a></p>
        <h1>{t!(i18n, control_panel)}" · "{title}</h1>
        <ManageNav/>
        <ConnectionBadge live/>
        <FormError error/>
        <section class="control-now">
            <h2>{t!(i18n, now)}</h2>
            <p class="status">{t!(i18n, assembly_label)}": "<strong>{move || live.view.get().status.tr()}</strong></p>
            {move || match live.view.get().now {
                None => view! { <p class="idle">{t!(i18n, nothing_now)}</p> }.into_any(),
                Some(now) => {
                    let (n, m) = (now.speaker_index + 1, now.speakers.max(1));
                    view! {
                        <p class="now-item">{now.item.title.clone()}</p>
                        <p>{now.speaker.as_ref().and_then(|s| s.name.clone().or(s.on_behalf_of.clone())).unwrap_or_default()}
                           " ("{t!(i18n, speaker_of, n = move || n, m = move || m)}")"</p>
                        <p class="countdown">{move || live.seconds_left().map(countdown).unwrap_or_default()}</p>
                    }.into_any()
                }
            }}
            <div class="row-actions">
                {b("start_assembly", String::new(), label!(i18n, start_assembly))}
                {b("next_item", String::new(), label!(i18n, next_item))}
                {b("next_speaker", String::new(), label!(i18n, next_speaker))}
                {b("timer_start", String::new(), label!(i18n, start_countdown))}
                {b("timer_pause", String::new(), label!(i18n, pause))}
                {b("timer_extend", "60".into(), label!(i18n, plus_minute))}
                {b("timer_extend", "-60".into(), label!(i18n, minus_minute))}
                {b("timer_reset", String::new(), label!(i18n, reset))}
                {b("end_assembly", String::new(), label!(i18n, end_assembly))}
            </div>
        </section>
        <VoteDeskPanel live number/>
        <section>
            <h2>{t!(i18n, tab_agenda)}</h2>
            {move || live.view.get().sessions.into_iter().map(|s| {
                let sid = s.id.to_string();
                view! {
                    <div class="session-head">
                        <h3>{s.title.clone()}</h3>
                        <div class="row-actions">
                            {b("start_session", sid.clone(), label!(i18n, start_session))}
                            {b("end_session", sid.clone(), label!(i18n, end_session))}
                        </div>
                    </div>
                    <ol class="control-items">
                        {s.items.into_iter().map(|i| {
                            let id = i.id.to_string();
                            let status = i.status;
                            let current = status == AgendaItemStatus::Current;
                            view! {
                                <li class:current=current data-item=id.clone()>
                                    <span class="when">{i.start.local.clone()}</span>
                                    <span class="what">{i.title.clone()}</span>
                                    <span class="badge">{move || status.tr()}</span>
                                    <div class="row-actions">
                                        {b("set_item", id.clone(), label!(i18n, make_current))}
                                        {b("mark_done", id.clone(), label!(i18n, mark_done))}
                                        {b("mark_skipped", id.clone(), label!(i18n, skip_item))}
                                        {b("mark_deferred", id.clone(), label!(i18n, defer))}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            }).collect_view()}
        </section>
    }
}
