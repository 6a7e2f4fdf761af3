//! `/members`: the member register by country, with ordinals and the chairs by term.

use leptos::prelude::*;
use plenary_core::model::{MemberKind, MemberStatus};

use crate::api::load_register;
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::text::{chair_line, date, ordinal, Label};
use plenary_core::views::ChairRole;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_register());
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, member_register).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(r) => view! {
                        <p class="kicker">{r.association.clone()}</p>
                        <h1>{t!(i18n, member_register)}</h1>
                        <p class="lead">
                            {t!(i18n, register_members, members = move || r.active_members, countries = move || r.member_countries)}
                            {match r.associate_members {
                                0 => None,
                                1 => Some(t!(i18n, register_one_associate).into_any()),
                                n => Some(t!(i18n, register_associates, count = move || n).into_any()),
                            }}
                            "."
                        </p>
                        {(!r.chairs.is_empty()).then(|| view! {
                            <section>
                                <h2>{t!(i18n, chairs)}</h2>
                                <ul>
                                    {r.chairs.iter().map(|c| {
                                        let role = (c.role != ChairRole::Past).then_some(c.role);
                                        view! { <li>{chair_line(c)}{role.map(|r| view! { " "<span class="badge">{move || r.tr()}</span> })}</li> }
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                        {r.countries.into_iter().map(|group| view! {
                            <section class="country">
                                <h2>{group.country.clone()}" "<small>{format!("({})", group.members.len())}</small></h2>
                                <table>
                                    <thead><tr><th scope="col">{t!(i18n, col_no)}</th><th scope="col">{t!(i18n, col_member)}</th><th scope="col">{t!(i18n, col_kind)}</th><th scope="col">{t!(i18n, col_status)}</th><th scope="col">{t!(i18n, col_joined)}</th></tr></thead>
                                    <tbody>
                                        {group.members.into_iter().map(|m| view! {
                                            <tr class:muted=m.status != MemberStatus::Active>
                                                <td>{let o = m.ordinal; move || o.map(|n| ordinal(i18n.get_locale(), n)).unwrap_or_default()}</td>
                                                <td>{m.name}</td>
                                                <td>{(m.kind != MemberKind::Member).then(|| { let k = m.kind; move || k.tr() })}</td>
                                                <td>{let st = m.status; move || st.tr()}</td>
                                                <td>{m.joined.map(|d| view! { <time datetime=d.to_string()>{move || date(d)}</time> })}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }).collect_view()}
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
