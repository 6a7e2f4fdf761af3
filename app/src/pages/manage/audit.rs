//! `/manage/audit`: the audit log, newest first, filtered by entity, actor and action (a plain
//! GET form, so the filter is in the URL).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use plenary_core::model::AuditFilter;

use super::{loading, ManageNav};
use crate::api::load_audit;
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};

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
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, m_audit_log)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(entries) => view! {
                        <h1>{t!(i18n, m_audit_log)}</h1>
                        <ManageNav/>
                        <AuditFilterForm/>
                        <p>{let count = entries.len(); t!(i18n, n_entries, count = move || count)}</p>
                        <table class="audit">
                            <thead><tr><th scope="col">{t!(i18n, col_when_utc)}</th><th scope="col">{t!(i18n, col_who)}</th><th scope="col">{t!(i18n, col_action)}</th><th scope="col">{t!(i18n, col_record)}</th><th scope="col">{t!(i18n, col_before)}</th><th scope="col">{t!(i18n, col_after)}</th></tr></thead>
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
    let i18n = use_i18n();
    view! {
        <form class="form inline" method="get" action="/manage/audit">
            <div class="field"><label for="audit-entity">{t!(i18n, col_record)}</label><input id="audit-entity" name="entity" maxlength=plenary_core::model::limits::NAME value=move || value("entity")/></div>
            <div class="field"><label for="audit-actor">{t!(i18n, col_who)}</label><input id="audit-actor" name="actor" maxlength=plenary_core::model::limits::NAME value=move || value("actor")/></div>
            <div class="field"><label for="audit-action">{t!(i18n, col_action)}</label><input id="audit-action" name="action" maxlength=plenary_core::model::limits::NAME value=move || value("action")/></div>
            <button type="submit">{t!(i18n, filter)}</button>
        </form>
    }
}
