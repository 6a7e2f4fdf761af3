//! `/members`: the member register by country, with ordinals and the chairs by term.

use leptos::prelude::*;
use leptos_meta::Title;
use plenary_core::model::{MemberKind, MemberStatus};

use crate::api::load_register;
use crate::layout::ErrorPanel;

/// "1st", "2nd", "79th".
fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "78 active members in 5 countries, and 1 associate member."
fn summary(members: i64, countries: i64, associates: i64) -> String {
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "{} in {}",
        plural(members, "active member", "active members"),
        plural(countries, "country", "countries")
    );
    if associates > 0 {
        text.push_str(&format!(
            ", and {}",
            plural(associates, "associate member", "associate members")
        ));
    }
    text + "."
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_register());
    view! {
        <Title text="Member register"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(r) => view! {
                        <p class="kicker">{r.association.clone()}</p>
                        <h1>"Member register"</h1>
                        <p class="lead">{summary(r.active_members, r.member_countries, r.associate_members)}</p>
                        {(!r.chairs.is_empty()).then(|| view! {
                            <section>
                                <h2>"Chairs"</h2>
                                <ul>
                                    {r.chairs.iter().map(|c| view! {
                                        <li>{format!("Term {}: {} ({})", c.term, c.member, c.country)}</li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                        {r.countries.into_iter().map(|group| view! {
                            <section class="country">
                                <h2>{group.country.clone()}" "<small>{format!("({})", group.members.len())}</small></h2>
                                <table>
                                    <thead><tr><th scope="col">"No."</th><th scope="col">"Member government"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th></tr></thead>
                                    <tbody>
                                        {group.members.into_iter().map(|m| view! {
                                            <tr class:muted=m.status != MemberStatus::Active>
                                                <td>{m.ordinal.map(ordinal).unwrap_or_default()}</td>
                                                <td>{m.name}</td>
                                                <td>{if m.kind == MemberKind::Member { String::new() } else { m.kind.label().to_string() }}</td>
                                                <td>{m.status.label()}</td>
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

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals_read_as_english() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(79), "79th");
        assert_eq!(ordinal(113), "113th");
    }

    #[test]
    fn the_summary_counts_members_countries_and_associates() {
        assert_eq!(
            super::summary(78, 5, 1),
            "78 active members in 5 countries, and 1 associate member."
        );
        assert_eq!(super::summary(1, 1, 0), "1 active member in 1 country.");
    }
}
