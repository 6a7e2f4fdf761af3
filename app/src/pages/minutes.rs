//! `/assemblies/{number}/minutes`: the record of an assembly as minutes — attendance, each
//! session with its items, speakers and outcomes, decisions with their tallies, reports,
//! presentations and the declaration. Made to be printed (see the print rules in plenary.css).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plenary_core::model::{AgendaItemKind, DecisionEffect};
use plenary_core::record::{DecisionRecord, DecisionSubject, Record, RecordItem};

use crate::api::load_minutes;
use crate::i18n::*;
use crate::label;
use crate::layout::{assembly_number, AssemblyTabs, Clock, ErrorPanel, PageTitle};
use crate::pages::record_links::RecordLinks;
use crate::pages::{provide_languages, LanguageName};
use crate::text::{date, date_span, ordinal, Label, SpeakerName};

#[component]
pub fn MinutesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    provide_languages(Vec::new);
    let record = Resource::new(
        move || params.read().get("number"),
        |raw| async move { load_minutes(assembly_number(raw)?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => view! { <Minutes r/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Minutes(r: Record) -> impl IntoView {
    let i18n = use_i18n();
    let a = r.assembly.clone();
    let (start, end, mode, status) = (a.start_date, a.end_date, a.mode, a.status);
    let title = a.title.clone();
    view! {
        <PageTitle what=label!(i18n, minutes) about=a.title.clone()/>
        <article class="minutes">
            <p class="kicker">{r.association.name.clone()}</p>
            <h1>{t!(i18n, minutes_of, title = move || title.clone())}</h1>
            <div class="no-print"><AssemblyTabs number=a.number/></div>
            <PrintButton/>
            <dl class="facts">
                <dt>{t!(i18n, date)}</dt><dd>{move || date_span(start, end)}</dd>
                <dt>{t!(i18n, venue)}</dt><dd>{a.venue.clone()}</dd>
                <dt>{t!(i18n, mode)}</dt><dd>{move || mode.tr()}</dd>
                <dt>{t!(i18n, status)}</dt><dd>{move || status.tr()}</dd>
                {a.slogan.clone().map(|s| view! { <dt>{t!(i18n, slogan)}</dt><dd>"“"{s}"”"</dd> })}
            </dl>
            {a.postponements.iter().map(|p| {
                let (from, to, reason) = (p.from_date, p.to_date, p.reason.clone());
                view! { <p>{t!(i18n, postponed, from = move || date(from), to = move || date(to), reason = move || reason.clone())}</p> }
            }).collect_view()}
            <Attendance r=r.clone()/>
            {r.sessions.iter().map(|s| view! {
                <section class="minutes-session">
                    <h2>{s.title.clone()}" "<span class="muted"><Clock time=s.start.clone()/>{s.end.clone().map(|end| view! { "–"<Clock time=end/> })}</span></h2>
                    <ol class="minutes-items">
                        {s.items.iter().map(|item| view! { <Item r=r.clone() item=item.clone()/> }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
            <Declaration r=r.clone()/>
            <div class="no-print"><RecordLinks number=a.number/></div>
        </article>
    }
}

/// A button that prints the page; it needs the browser, so it appears once hydrated.
#[component]
fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    move || {
        mounted.get().then(|| {
            view! {
                <p class="no-print">
                    <button type="button" data-command="print" on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        let _ = window().print();
                    }>{t!(i18n, print_minutes)}</button>
                </p>
            }
        })
    }
}

#[component]
fn Attendance(r: Record) -> impl IntoView {
    let i18n = use_i18n();
    let s = r.attendance.clone();
    view! {
        <section class="minutes-attendance">
            <h2>{t!(i18n, attendance)}</h2>
            <p>{t!(i18n, attendance_sentence, people = move || s.people, governments = move || s.governments, members = move || s.members, countries = move || s.countries)}</p>
            <table class="register">
                <thead><tr>
                    <th scope="col">{t!(i18n, att_who)}</th>
                    <th scope="col">{t!(i18n, country)}</th>
                    <th scope="col">{t!(i18n, att_mode)}</th>
                    <th scope="col">{t!(i18n, att_delegates)}</th>
                    <th scope="col">{t!(i18n, att_session)}</th>
                </tr></thead>
                <tbody>
                    {r.attendees.iter().map(|at| {
                        let mode = at.mode;
                        let kind = at.member_kind.map(|k| k.tr()).or(at.guest_kind.map(|k| k.tr()));
                        view! {
                            <tr>
                                <td>{at.name.clone()}{kind.map(|k| view! { " "<span class="badge">{k}</span> })}</td>
                                <td>{at.country.as_ref().map(|c| c.name.clone()).unwrap_or_default()}</td>
                                <td>{move || mode.tr()}</td>
                                <td>{at.delegates}</td>
                                <td>{sessions_attended(&at.sessions)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The sessions an attendee took part in: all of them when it was recorded for the whole
/// assembly, else their titles.
fn sessions_attended(sessions: &[String]) -> AnyView {
    let i18n = use_i18n();
    if sessions.is_empty() {
        t!(i18n, whole_assembly).into_any()
    } else {
        sessions.join(", ").into_any()
    }
}

#[component]
fn Item(r: Record, item: RecordItem) -> impl IntoView {
    let i18n = use_i18n();
    let kind = item.kind;
    let id = item.id;
    let decisions: Vec<DecisionRecord> = r
        .decisions
        .iter()
        .filter(|d| d.agenda_item_id == Some(id))
        .cloned()
        .collect();
    let reports: Vec<_> = r
        .reports
        .iter()
        .filter(|p| p.agenda_item_id == Some(id))
        .cloned()
        .collect();
    let presentations: Vec<_> = r
        .presentations
        .iter()
        .filter(|p| p.agenda_item_id == Some(id))
        .cloned()
        .collect();
    view! {
        <li class="minutes-item" data-item=id.to_string()>
            <p class="item-head"><Clock time=item.start.clone()/>" "<strong>{item.title.clone()}</strong>" "<span class="badge">{move || kind.tr()}</span></p>
            {(!item.speakers.is_empty()).then(|| view! {
                <ul class="speakers">
                    {item.speakers.iter().map(|s| {
                        let delivery = s.delivery;
                        view! {
                            <li>
                                <SpeakerName speaker=s.clone()/>
                                {s.affiliation.clone().map(|a| view! { ", "{a} })}
                                " ("{s.role.clone()}", "{move || delivery.tr()}")"
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {reports.into_iter().map(|rep| {
                let (committee, member) = (rep.committee.clone(), rep.presenting_member.name.clone());
                view! {
                    <div class="report">
                        <p>{t!(i18n, report_by, committee = move || committee.clone(), member = move || member.clone())}</p>
                        {rep.outcomes.clone().map(|o| view! { <p>{o}</p> })}
                        {rep.next_meeting_place.clone().map(|place| {
                            let when = rep.next_meeting_date.map(|d| format!(", {}", date(d))).unwrap_or_default();
                            view! { <p>{t!(i18n, next_meeting, place = move || format!("{place}{when}"))}</p> }
                        })}
                    </div>
                }
            }).collect_view()}
            {presentations.into_iter().map(|p| view! {
                <p class="presentation">{p.member.name.clone()}{p.topic.clone().map(|t| view! { ": "<em>{t}</em> })}</p>
            }).collect_view()}
            {decisions.into_iter().map(|d| view! { <Decision d/> }).collect_view()}
            {item.outcome.clone().map(|o| view! { <p class="outcome"><strong>{t!(i18n, outcome)}": "</strong>{o}</p> })}
            {(kind == AgendaItemKind::Declaration).then(|| r.declaration.as_ref().map(|d| {
                let title = d.title.clone();
                view! { <p><a href="#declaration">{title}</a></p> }
            }))}
        </li>
    }
}

/// A decision with its effect in the reader's language and the tally it closed with.
#[component]
pub fn Decision(d: DecisionRecord) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = d.outcome;
    let effect = match (&d.subject, d.effect, d.reversed) {
        (_, _, true) => None,
        (
            DecisionSubject::Membership {
                applicant,
                ordinal: Some(n),
                ..
            },
            DecisionEffect::AdmitMember,
            _,
        ) => {
            let (name, n) = (applicant.name.clone(), *n);
            Some(
                t!(
                    i18n,
                    decision_admitted,
                    member = move || name.clone(),
                    ordinal = move || ordinal(i18n.get_locale(), n)
                )
                .into_any(),
            )
        }
        (DecisionSubject::Chairmanship { applicant, term }, DecisionEffect::ElectChair, _) => {
            let (name, term) = (applicant.name.clone(), *term);
            Some(
                t!(
                    i18n,
                    decision_chair,
                    member = move || name.clone(),
                    term = move || term
                )
                .into_any(),
            )
        }
        _ => None,
    };
    let tally = d
        .vote
        .as_ref()
        .and_then(|v| v.tally.clone().map(|t| (v.rule, t)));
    view! {
        <div class="decision-record" class:reversed=d.reversed>
            <p><strong>{move || outcome.tr()}</strong>{effect.map(|e| view! { ": "{e} })}</p>
            {tally.map(|(rule, t)| view! {
                <p class="muted">
                    {move || rule.tr()}" · "
                    {t!(i18n, tally_in_favour)}" "{t.yes}" · "{t!(i18n, tally_against)}" "{t.no}" · "
                    {t!(i18n, tally_abstentions)}" "{t.abstain}" · "{t!(i18n, present)}" "{t.present}
                </p>
            })}
            {d.acclamation.then(|| view! { <p class="muted">{t!(i18n, by_acclamation)}</p> })}
            {d.reversed.then(|| view! { <p class="muted">{t!(i18n, decision_reversed)}</p> })}
            {d.vote.as_ref().filter(|v| !v.ballots.is_empty()).map(|v| view! {
                <details class="ballots">
                    <summary>{t!(i18n, ballots_by_member)}</summary>
                    <ul class="columns">
                        {v.ballots.iter().map(|b| {
                            let choice = b.choice;
                            view! { <li>{b.member.name.clone()}" — "{move || choice.tr()}</li> }
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}

#[component]
fn Declaration(r: Record) -> impl IntoView {
    let i18n = use_i18n();
    r.declaration.map(|d| {
        view! {
            <section id="declaration" class="minutes-declaration">
                <h2>{d.title.clone()}</h2>
                {match d.adopted_at.clone() {
                    Some(at) => view! { <p>{t!(i18n, adopted_at)}" "<Clock time=at/></p> }.into_any(),
                    None => view! { <p class="muted">{t!(i18n, not_adopted)}</p> }.into_any(),
                }}
                {d.texts.iter().map(|t| view! {
                    <div class="declaration-text" lang=t.language.clone()>
                        <h3><LanguageName tag=t.language.clone()/></h3>
                        {t.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                    </div>
                }).collect_view()}
            </section>
        }
    })
}
