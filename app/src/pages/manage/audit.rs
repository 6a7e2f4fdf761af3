//! `/manage/audit`: the audit log, newest first, filtered by entity, actor and action (a plain
//! GET form, so the filter is in the URL).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use plenary_core::model::AuditFilter;

use super::ManageNav;
use crate::api::load_audit;
use crate::layout::ErrorPanel;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
        AuditFilter {
            entity: get("entity"),
            actor: get("actor"),
            action: get("action"),
            limit: None,
        }
    };
    let entries = Resource::new(filter, load_audit);
    view! {
        <Title text="Audit log"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(entries) => view! {
                        <h1>"Audit log"</h1>
                        <ManageNav/>
                        <AuditFilterForm/>
                        <p>{format!("{} entries", entries.len())}</p>
                        <table class="audit">
                            <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"Action"</th><th scope="col">"Record"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                            <tbody>
                                {entries.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{e.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                                        <td>{e.actor}</td>
                                        <td>{e.action}</td>
                                        <td>{format!("{} {}", e.entity, e.entity_id.map(|i| i.to_string()).unwrap_or_default())}</td>
                                        <td><code>{e.before.unwrap_or_default()}</code></td>
                                        <td><code>{e.after.unwrap_or_default()}</code></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The filter, as a plain GET form so that it works without JavaScript and stays in the URL.
#[component]
fn AuditFilterForm() -> impl IntoView {
    let query = use_query_map();
    let value = move |k: &'static str| query.read().get(k).unwrap_or_default();
    view! {
        <form class="form inline" method="get" action="/manage/audit">
            <div class="field"><label for="audit-entity">"Entity"</label><input id="audit-entity" name="entity" value=move || value("entity")/></div>
            <div class="field"><label for="audit-actor">"Who"</label><input id="audit-actor" name="actor" value=move || value("actor")/></div>
            <div class="field"><label for="audit-action">"Action"</label><input id="audit-action" name="action" value=move || value("action")/></div>
            <button type="submit">"Filter"</button>
        </form>
    }
}
