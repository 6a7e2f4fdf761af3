//! `/assemblies/{number}/news?lang=ko`: the published news summary of an assembly in a
//! language, with its photos and the other languages it is published in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use plenary_core::views::NewsPage as Page;

use crate::api::load_news;
use crate::i18n::*;
use crate::layout::{assembly_number, AssemblyTabs, ErrorPanel};
use crate::text::date;

/// The language names a summary link shows, in their own language.
pub fn language_name(tag: &str) -> &'static str {
    match tag {
        "en" => "English",
        "ko" => "한국어",
        "zh" => "中文",
        "ja" => "日本語",
        "ru" => "Русский",
        "mn" => "Монгол",
        _ => "?",
    }
}

#[component]
pub fn NewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || (params.read().get("number"), query.read().get("lang")),
        |(raw, lang)| async move {
            load_news(assembly_number(raw)?, lang.unwrap_or_else(|| "en".into())).await
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Summary p/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(p: Page) -> impl IntoView {
    let i18n = use_i18n();
    let n = p.summary.clone();
    let published = n.published_at.map(|at| at.date_naive());
    view! {
        <Title text=n.headline.clone()/>
        <article class="news" lang=n.language.clone()>
            <p class="kicker">{p.title.clone()}</p>
            <AssemblyTabs number=p.number/>
            <nav class="languages" aria-label=move || t_string!(i18n, news_languages)>
                {p.languages.iter().map(|l| view! {
                    <a href=format!("/assemblies/{}/news?lang={l}", p.number) hreflang=l.clone() lang=l.clone()
                       aria-current=(*l == n.language).then_some("page")>{language_name(l)}</a>
                }).collect_view()}
            </nav>
            <h1>{n.headline.clone()}</h1>
            {published.map(|d| view! { <p class="muted"><time datetime=d.to_string()>{move || date(d)}</time></p> })}
            {p.attachments.first().map(|a| view! {
                <figure>
                    <img src=format!("/api/attachments/{}", a.id) alt=a.caption.clone().unwrap_or_else(|| a.file_name.clone())/>
                    {a.caption.clone().map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            })}
            <p class="lead">{n.lead.clone()}</p>
            {n.paragraphs().map(|para| view! { <p>{para.to_owned()}</p> }).collect_view()}
            {(p.attachments.len() > 1).then(|| view! {
                <div class="photos">
                    {p.attachments.iter().skip(1).map(|a| view! {
                        <figure>
                            <img src=format!("/api/attachments/{}", a.id) alt=a.caption.clone().unwrap_or_else(|| a.file_name.clone()) loading="lazy"/>
                            {a.caption.clone().map(|c| view! { <figcaption>{c}</figcaption> })}
                        </figure>
                    }).collect_view()}
                </div>
            })}
        </article>
    }
}
