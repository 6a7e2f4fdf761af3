//! `/assemblies/{number}/news?lang=ko`: the published news summary of an assembly in a
//! language, with its photos and the other languages it is published in. Without `lang`, the
//! association's main language published; a language not published is answered with a 404
//! that says so and offers the published ones.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use plenary_core::languages::{AssemblyLanguages, LanguageName as LanguageNameView};
use plenary_core::views::NewsPage as Page;
use plenary_core::Error;

use crate::api::{load_languages, load_news};
use crate::i18n::*;
use crate::layout::{assembly_number, AssemblyTabs, ErrorPanel};
use crate::text::date;

/// The languages a page of an assembly names, loaded once for the page (see
/// [`provide_languages`]).
#[derive(Clone, Copy)]
pub struct PageLanguages(Resource<Result<AssemblyLanguages, Error>>);

/// Loads the names of the languages the page of the assembly in the route's `number` shows
/// (`also`: besides its working, declaration and news languages), for [`LanguageName`] and
/// [`PublishedLanguages`] anywhere below. Called at the top of a page component: a resource
/// made inside a Suspense's children is made anew each time they render again. Names come
/// from CLDR's data on the server and follow the interface language.
pub fn provide_languages(also: impl Fn() -> Vec<String> + Send + Sync + 'static) {
    let i18n = use_i18n();
    let params = use_params_map();
    let languages = Resource::new(
        move || {
            let reader = i18n.get_locale().as_str().to_owned();
            (params.read().get("number"), reader, also())
        },
        |(raw, reader, also)| async move { load_languages(assembly_number(raw)?, reader, also).await },
    );
    provide_context(PageLanguages(languages));
}

/// What the page's languages say, once loaded; nothing without [`provide_languages`] or on
/// failure (the tags then stand for their names).
async fn page_languages() -> AssemblyLanguages {
    match use_context::<PageLanguages>() {
        Some(PageLanguages(languages)) => languages.await.unwrap_or_default(),
        None => AssemblyLanguages::default(),
    }
}

/// A language's name for the reader (`native`: in itself, as a choice of languages shows it),
/// from the page's languages; its tag until they arrive.
#[component]
pub fn LanguageName(#[prop(into)] tag: String, #[prop(optional)] native: bool) -> impl IntoView {
    let fallback = tag.clone();
    // In its own element: a name given as bare text would merge with text beside it in the
    // server's HTML ("English" and " " of a badge), and the browser could not hydrate the page.
    view! {
        <span class="language-name"><Suspense fallback=move || fallback.clone()>
            {move || {
                let tag = tag.clone();
                Suspend::new(async move {
                    match page_languages().await.of(&tag) {
                        Some(n) if native => n.native.clone(),
                        Some(n) => n.name.clone(),
                        None => tag,
                    }
                })
            }}
        </Suspense></span>
    }
}

/// Links to the summary of assembly `number` in each language it is published in, each named
/// in itself; `current` is marked as the page's own.
#[component]
pub fn PublishedLanguages(number: i64, #[prop(optional)] current: Option<String>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let current = current.clone();
                Suspend::new(async move {
                    let languages = page_languages().await;
                    let published: Vec<LanguageNameView> = languages
                        .news
                        .iter()
                        .map(|tag| languages.of(tag).cloned().unwrap_or_else(|| LanguageNameView {
                            tag: tag.clone(),
                            name: tag.clone(),
                            native: tag.clone(),
                        }))
                        .collect();
                    news_links(number, &published, current.as_deref())
                })
            }}
        </Suspense>
    }
}

/// The links of [`PublishedLanguages`]; a muted "not published yet" when there is none.
fn news_links(number: i64, languages: &[LanguageNameView], current: Option<&str>) -> AnyView {
    let i18n = use_i18n();
    if languages.is_empty() {
        return view! { <span class="muted">{t!(i18n, news_none_published)}</span> }.into_any();
    }
    languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let tag = l.tag.clone();
            view! {
                {(i > 0).then_some(" · ")}
                <a href=format!("/assemblies/{number}/news?lang={tag}") hreflang=tag.clone() lang=tag.clone()
                   aria-current=(current == Some(tag.as_str())).then_some("page")>{l.native.clone()}</a>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn NewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // The language asked for is named even when nothing is published in it.
    provide_languages(move || query.read().get("lang").into_iter().collect());
    let page = Resource::new(
        move || (params.read().get("number"), query.read().get("lang")),
        |(raw, lang)| async move {
            // No language asked for: the association's main one that is published.
            load_news(assembly_number(raw)?, lang.unwrap_or_default()).await
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let asked = query.read_untracked().get("lang").filter(|l| !l.trim().is_empty());
                let number = assembly_number(params.read_untracked().get("number"));
                match (page.await, asked, number) {
                    (Ok(p), _, _) => view! { <Summary p/> }.into_any(),
                    (Err(Error::NotFound { .. }), Some(language), Ok(number)) => {
                        view! { <NotPublished number language/> }.into_any()
                    }
                    (Err(e), _, _) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Asked for a language the summary is not published in: says so (404) and offers those it is
/// published in, rather than showing another language unasked.
#[component]
fn NotPublished(number: i64, language: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    let shown = language.clone();
    view! {
        <section class="error" role="alert" data-not-published=language.clone()>
            <AssemblyTabs number/>
            <h1>{t!(i18n, not_found)}</h1>
            <p>{t!(i18n, news_not_published, language = move || view! { <LanguageName tag=shown.clone()/> })}</p>
            <p>{t!(i18n, news_published_in)}" "<PublishedLanguages number/></p>
        </section>
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
                <PublishedLanguages number=p.number current=n.language.clone()/>
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
