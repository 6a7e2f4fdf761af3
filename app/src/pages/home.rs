//! `/`: the association and its assemblies, newest first.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::load_home;
use crate::layout::ErrorPanel;

#[component]
pub fn HomePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_home());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <Title text=p.association.clone()/>
                        <h1>{p.association}</h1>
                        <p class="lead">{format!("{} · Secretariat: {}", p.short_name, p.secretariat)}</p>
                        <h2>"General assemblies"</h2>
                        {if p.assemblies.is_empty() {
                            view! { <p>"No assembly has been created yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {p.assemblies.into_iter().map(|a| view! {
                                        <li class="card">
                                            <a href=format!("/assemblies/{}", a.number)><strong>{a.title}</strong></a>
                                            <span>{format!("{} · {} · {}", a.start_date, a.venue, a.mode)}</span>
                                            <span class="badge">{a.status.label()}</span>
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
