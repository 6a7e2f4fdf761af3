//! `/manage/assemblies/{number}/control`: the control panel. Start and end the assembly and its
//! sessions, set or advance the current item and speaker, mark items done, skipped or deferred,
//! and run the speaking-time countdown. Every button is a form, so the panel works without
//! JavaScript too; with it, the state follows the live stream.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use plenary_core::model::AgendaItemStatus;
use plenary_core::views::LiveView;

use super::ManageNav;
use crate::api::{load_live, Control};
use crate::forms::FormError;
use crate::i18n::*;
use crate::layout::{assembly_number, ErrorPanel};
use crate::live::{countdown, Live};
use crate::pages::live::ConnectionBadge;
use crate::pages::vote::VoteDeskPanel;

#[component]
pub fn ControlPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_live(assembly_number(raw)?).await },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
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
    label: String,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="button-form">
            <input type="hidden" name="number" value=number.to_string()/>
            <input type="hidden" name="command" value=command/>
            <input type="hidden" name="arg" value=arg/>
            <button type="submit" data-command=command>{label}</button>
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
    let b = move |command: &'static str, arg: String, label: &str| view! { <Button action number command arg label=label.to_owned()/> };
    view! {
        <Title text=format!("Control · {title}")/>
        <p class="kicker"><a href=format!("/manage/assemblies/{number}")>"Edit the assembly"</a>" · "
            <a href=format!("/assemblies/{number}/live")>"Delegate view"</a>" · "
            <a href=format!("/assemblies/{number}/projector")>"Projector"</a>" · "
            <a href=format!("/manage/assemblies/{number}/attendance")>{t!(use_i18n(), attendance)}</a></p>
        <h1>{format!("Control panel · {title}")}</h1>
        <ManageNav/>
        <ConnectionBadge live/>
        <FormError error/>
        <section class="control-now">
            <h2>"Now"</h2>
            <p class="status">"Assembly: "<strong>{move || live.view.get().status.label().to_string()}</strong></p>
            {move || match live.view.get().now {
                None => view! { <p class="idle">"Nothing is under way."</p> }.into_any(),
                Some(now) => view! {
                    <p class="now-item">{now.item.title.clone()}</p>
                    <p>{now.speaker.as_ref().and_then(|s| s.name.clone().or(s.on_behalf_of.clone())).unwrap_or_default()}
                       {format!(" (speaker {} of {})", now.speaker_index + 1, now.speakers.max(1))}</p>
                    <p class="countdown">{move || live.seconds_left().map(countdown).unwrap_or_default()}</p>
                }.into_any(),
            }}
            <div class="row-actions">
                {b("start_assembly", String::new(), "Start the assembly")}
                {b("next_item", String::new(), "Next item")}
                {b("next_speaker", String::new(), "Next speaker")}
                {b("timer_start", String::new(), "Start countdown")}
                {b("timer_pause", String::new(), "Pause")}
                {b("timer_extend", "60".into(), "+1 min")}
                {b("timer_extend", "-60".into(), "−1 min")}
                {b("timer_reset", String::new(), "Reset")}
                {b("end_assembly", String::new(), "End the assembly")}
            </div>
        </section>
        <VoteDeskPanel live number/>
        <section>
            <h2>"Agenda"</h2>
            {move || live.view.get().sessions.into_iter().map(|s| {
                let sid = s.id.to_string();
                view! {
                    <div class="session-head">
                        <h3>{s.title.clone()}</h3>
                        <div class="row-actions">
                            {b("start_session", sid.clone(), "Start session")}
                            {b("end_session", sid.clone(), "End session")}
                        </div>
                    </div>
                    <ol class="control-items">
                        {s.items.into_iter().map(|i| {
                            let id = i.id.to_string();
                            let current = i.status == AgendaItemStatus::Current;
                            view! {
                                <li class:current=current data-item=id.clone()>
                                    <span class="when">{i.start.local.clone()}</span>
                                    <span class="what">{i.title.clone()}</span>
                                    <span class="badge">{i.status.label()}</span>
                                    <div class="row-actions">
                                        {b("set_item", id.clone(), "Make current")}
                                        {b("mark_done", id.clone(), "Done")}
                                        {b("mark_skipped", id.clone(), "Skip")}
                                        {b("mark_deferred", id.clone(), "Defer")}
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
