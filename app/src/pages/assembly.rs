//! `/assemblies/{number}`: when, where, mode, postponements, attendance and sessions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use plenary_core::views::AttendanceSummary;

use crate::api::load_assembly;
use crate::layout::{assembly_number, AssemblyTabs, ErrorPanel};

#[component]
pub fn AssemblyPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_assembly(assembly_number(raw)?).await },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(a) => {
                        let when = if a.start_date == a.end_date {
                            a.start_date.clone()
                        } else {
                            format!("{} – {}", a.start_date, a.end_date)
                        };
                        view! {
                            <Title text=a.title.clone()/>
                            <p class="kicker">{a.association.clone()}</p>
                            <h1>{a.title.clone()}</h1>
                            {a.slogan.clone().map(|s| view! { <p class="slogan">"“"{s}"”"</p> })}
                            <AssemblyTabs number=a.number/>
                            <dl class="facts">
                                <dt>"Date"</dt><dd>{when}</dd>
                                <dt>"Venue"</dt><dd>{a.venue.clone()}</dd>
                                <dt>"Mode"</dt><dd>{a.mode.label()}</dd>
                                <dt>"Status"</dt><dd>{a.status.label()}</dd>
                                <dt>"Time zone"</dt><dd>{a.time_zone.clone()}</dd>
                                {a.host.clone().map(|h| view! { <dt>"Host"</dt><dd>{h}</dd> })}
                            </dl>
                            {(!a.postponements.is_empty()).then(|| view! {
                                <section class="postponements">
                                    <h2>"Postponements"</h2>
                                    <ul>
                                        {a.postponements.iter().map(|p| view! {
                                            <li>{format!("From {} to {}: {}", p.from_date, p.to_date, p.reason)}</li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            <Attendance summary=a.attendance.clone()/>
                            <section>
                                <h2>"Sessions"</h2>
                                <ol class="sessions">
                                    {a.sessions.iter().map(|s| view! {
                                        <li>
                                            <time datetime=s.start.utc.clone()>{s.start.local.clone()}</time>
                                            "–"
                                            <time datetime=s.end.utc.clone()>{s.end.local.clone()}</time>
                                            " "<strong>{s.title.clone()}</strong>
                                            {format!(" ({} {})", s.items, if s.items == 1 { "item" } else { "items" })}
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <p><a href=format!("/assemblies/{}/agenda", a.number)>"The full agenda"</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Attendance(summary: AttendanceSummary) -> impl IntoView {
    if summary.people == 0 {
        return view! { <section><h2>"Attendance"</h2><p>"No attendance recorded yet."</p></section> }.into_any();
    }
    let associates = (!summary.associates.is_empty()).then(|| {
        format!(
            " and the associate member {}",
            summary.associates.join(", ")
        )
    });
    view! {
        <section class="attendance">
            <h2>"Attendance"</h2>
            <ul class="figures">
                <li><strong>{summary.people}</strong>" people"</li>
                <li><strong>{summary.governments}</strong>" regional governments"</li>
                <li><strong>{summary.members}</strong>" member governments"</li>
                <li><strong>{summary.countries}</strong>" countries"</li>
            </ul>
            <p>
                {format!(
                    "{} people from {} regional governments took part, including {} member governments from {} countries{}.",
                    summary.people, summary.governments, summary.members, summary.countries,
                    associates.unwrap_or_default(),
                )}
            </p>
            {(!summary.guests.is_empty()).then(|| view! {
                <p>"Guests: "{summary.guests.join("; ")}</p>
            })}
        </section>
    }.into_any()
}
