//! `/`: the association and its assemblies, newest first.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::load_home;
use crate::i18n::*;
use crate::layout::ErrorPanel;
use crate::text::{date, Label};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| load_home());
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <Title text=p.association.clone()/>
                        <h1>{p.association}</h1>
                        // Every association names its secretariat: none means none is set up yet.
                        {if p.secretariat.is_empty() {
                            view! { <p class="lead">{t!(i18n, not_set_up)}</p> }.into_any()
                        } else {
                            view! { <p class="lead">{p.short_name}" · "{t!(i18n, secretariat)}": "{p.secretariat}</p> }.into_any()
                        }}
                        <h2>{t!(i18n, general_assemblies)}</h2>
                        {if p.assemblies.is_empty() {
                            view! { <p>{t!(i18n, no_assembly)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {p.assemblies.into_iter().map(|a| view! {
                                        <li class="card">
                                            <a href=format!("/assemblies/{}", a.number)><strong>{a.title}</strong></a>
                                            <span>{move || format!("{} · {} · {}", date(a.start_date), a.venue, a.mode.tr())}</span>
                                            <span class="badge">{move || a.status.tr()}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
