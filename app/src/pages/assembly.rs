//! `/assemblies/{number}`: when, where, mode, postponements, attendance and sessions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use plenary_core::views::{AssemblyPage as Page, AttendanceSummary};

use crate::api::load_assembly;
use crate::i18n::*;
use crate::layout::{assembly_number, AssemblyTabs, Clock, ErrorPanel};
use crate::pages::record_links::RecordLinks;
use crate::text::{chair_line, date, date_span, Label};

#[component]
pub fn AssemblyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    // The news languages its record links name.
    crate::pages::provide_languages(Vec::new);
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_assembly(assembly_number(raw)?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(a) => view! { <Overview a/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(a: Page) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end) = (a.start_date, a.end_date);
    let when = move || date_span(start, end);
    let (mode, status) = (a.mode, a.status);
    view! {
        <Title text=a.title.clone()/>
        <p class="kicker">{a.association.clone()}</p>
        <h1>{a.title.clone()}</h1>
        {a.slogan.clone().map(|s| view! { <p class="slogan">"“"{s}"”"</p> })}
        <AssemblyTabs number=a.number/>
        <dl class="facts">
            <dt>{t!(i18n, date)}</dt><dd>{when}</dd>
            <dt>{t!(i18n, venue)}</dt><dd>{a.venue.clone()}</dd>
            <dt>{t!(i18n, mode)}</dt><dd>{move || mode.tr()}</dd>
            <dt>{t!(i18n, status)}</dt><dd>{move || status.tr()}</dd>
            <dt>{t!(i18n, time_zone)}</dt><dd>{a.time_zone.clone()}</dd>
            {a.host.clone().map(|h| view! { <dt>{t!(i18n, host)}</dt><dd>{h}</dd> })}
            {a.chairs.iter().map(|c| {
                let role = c.role;
                view! { <dt>{move || role.tr()}</dt><dd>{chair_line(c)}</dd> }
            }).collect_view()}
        </dl>
        {(!a.postponements.is_empty()).then(|| view! {
            <section class="postponements">
                <h2>{t!(i18n, postponements)}</h2>
                <ul>
                    {a.postponements.iter().map(|p| {
                        let (from, to, reason) = (p.from_date, p.to_date, p.reason.clone());
                        view! { <li>{t!(i18n, postponed, from = move || date(from), to = move || date(to), reason = move || reason.clone())}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <Attendance summary=a.attendance.clone()/>
        <section>
            <h2>{t!(i18n, sessions)}</h2>
            <ol class="sessions">
                {a.sessions.iter().map(|s| {
                    let count = s.items;
                    view! {
                        <li>
                            <Clock time=s.start.clone()/>{s.end.clone().map(|end| view! { "–"<Clock time=end/> })}
                            " "<strong>{s.title.clone()}</strong>" "
                            {move || if count == 1 { t!(i18n, one_item).into_any() } else { t!(i18n, n_items, count = move || count).into_any() }}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p><a href=format!("/assemblies/{}/agenda", a.number)>{t!(i18n, full_agenda)}</a></p>
        </section>
        <RecordLinks number=a.number/>
    }
}

#[component]
fn Attendance(summary: AttendanceSummary) -> impl IntoView {
    let i18n = use_i18n();
    if summary.people == 0 {
        return view! { <section><h2>{t!(i18n, attendance)}</h2><p>{t!(i18n, no_attendance)}</p></section> }.into_any();
    }
    let s = summary.clone();
    let sentence = t!(
        i18n,
        attendance_sentence,
        people = move || s.people,
        governments = move || s.governments,
        members = move || s.members,
        countries = move || s.countries
    );
    let associates = summary.associates.join(", ");
    let guests = summary.guests.join("; ");
    view! {
        <section class="attendance">
            <h2>{t!(i18n, attendance)}</h2>
            <ul class="figures">
                <li><strong>{summary.people}</strong>" "{t!(i18n, people)}</li>
                <li><strong>{summary.governments}</strong>" "{t!(i18n, regional_governments)}</li>
                <li><strong>{summary.members}</strong>" "{t!(i18n, member_governments)}</li>
                <li><strong>{summary.countries}</strong>" "{t!(i18n, countries)}</li>
            </ul>
            <p class="sentence">{sentence}</p>
            {(!associates.is_empty()).then(|| {
                let names = associates.clone();
                view! { <p>{t!(i18n, associates, names = move || names.clone())}</p> }
            })}
            {(!guests.is_empty()).then(|| {
                let names = guests.clone();
                view! { <p>{t!(i18n, guests, names = move || names.clone())}</p> }
            })}
        </section>
    }
    .into_any()
}
