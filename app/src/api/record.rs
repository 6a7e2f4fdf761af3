//! Server functions of the record: the minutes and the published news (public), and the
//! organizers' record desk (outcomes, reports, presentations, declaration, news summaries).

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use plenary_core::model::*;
use plenary_core::model::{
    Declaration, NewsSummary, Presentation, PresentationForm, Report, ReportForm,
};
use plenary_core::record::{DeclarationText, Record};
use plenary_core::views::{NewsPage, RecordDesk};
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::{caller, db};
#[cfg(feature = "ssr")]
use plenary_core::actions;

/// The languages the news summary can be drafted in (core writes it in these; the record desk
/// offers a button per language).
pub const NEWS_LANGUAGES: [&str; 6] = ["en", "ko", "zh", "ja", "ru", "mn"];

#[server(prefix = "/sfn", endpoint = "load_minutes")]
pub async fn load_minutes(number: i64) -> Result<Record, Error> {
    actions::assembly_record(&db()?, number).await
}

#[server(prefix = "/sfn", endpoint = "load_news")]
pub async fn load_news(number: i64, language: String) -> Result<NewsPage, Error> {
    // An empty language asks for the association's main one.
    actions::news_page(&db()?, number, Some(language.as_str())).await
}

#[server(prefix = "/sfn", endpoint = "load_record_desk")]
pub async fn load_record_desk(number: i64) -> Result<RecordDesk, Error> {
    actions::record_desk(&db()?, caller().as_ref(), number).await
}

#[server(prefix = "/sfn", endpoint = "save_outcome")]
pub async fn save_outcome(item_id: i64, outcome: String) -> Result<Option<String>, Error> {
    actions::record_outcome(&db()?, caller().as_ref(), item_id, &outcome).await
}

/// Saves report `id`, or with an empty `id` records a new one for assembly `number`.
#[server(prefix = "/sfn", endpoint = "save_report")]
pub async fn save_report(id: String, number: i64, form: ReportForm) -> Result<Report, Error> {
    let input = form.parse()?;
    let db = db()?;
    match parse_optional_number("id", &id)? {
        Some(id) => actions::update_report_record(&db, caller().as_ref(), id, &input).await,
        None => actions::create_report(&db, caller().as_ref(), number, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "remove_report")]
pub async fn remove_report(id: i64) -> Result<(), Error> {
    actions::delete_report_record(&db()?, caller().as_ref(), id).await
}

/// Saves presentation `id`, or with an empty `id` records a new one for assembly `number`.
#[server(prefix = "/sfn", endpoint = "save_presentation")]
pub async fn save_presentation(
    id: String,
    number: i64,
    #[server(flatten)] form: PresentationForm,
) -> Result<Presentation, Error> {
    let input = form.parse()?;
    let db = db()?;
    match parse_optional_number("id", &id)? {
        Some(id) => actions::update_presentation_record(&db, caller().as_ref(), id, &input).await,
        None => actions::create_presentation(&db, caller().as_ref(), number, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "remove_presentation")]
pub async fn remove_presentation(id: i64) -> Result<(), Error> {
    actions::delete_presentation_record(&db()?, caller().as_ref(), id).await
}

/// The declaration form, as typed: one text per language (`form[texts][de]`), the
/// association's working languages and any other a text was already recorded in.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DeclarationForm {
    pub title: String,
    pub agenda_item_id: String,
    pub adopted_at: String,
    pub texts: std::collections::BTreeMap<String, String>,
}

impl DeclarationForm {
    /// The texts typed, by language tag (checked as tags by the core).
    pub fn texts(&self) -> Vec<DeclarationText> {
        self.texts
            .iter()
            .map(|(language, body)| DeclarationText {
                language: language.clone(),
                body: body.clone(),
            })
            .collect()
    }
}

#[server(prefix = "/sfn", endpoint = "save_declaration")]
pub async fn save_declaration(number: i64, form: DeclarationForm) -> Result<Declaration, Error> {
    let input = DeclarationInput {
        title: form.title.clone(),
        agenda_item_id: parse_optional_number("agenda_item_id", &form.agenda_item_id)?,
        adopted_at: None,
        texts: form.texts(),
    };
    actions::record_declaration_form(&db()?, caller().as_ref(), number, input, &form.adopted_at)
        .await
}

#[server(prefix = "/sfn", endpoint = "draft_news_summary")]
pub async fn draft_news_summary(number: i64, language: String) -> Result<NewsSummary, Error> {
    actions::draft_news(&db()?, caller().as_ref(), number, &language).await
}

#[server(prefix = "/sfn", endpoint = "save_news_summary")]
pub async fn save_news_summary(
    id: i64,
    headline: String,
    lead: String,
    body: String,
) -> Result<NewsSummary, Error> {
    let edit = NewsEdit {
        headline,
        lead,
        body,
    };
    actions::edit_news(&db()?, caller().as_ref(), id, &edit).await
}

#[server(prefix = "/sfn", endpoint = "publish_news_summary")]
pub async fn publish_news_summary(id: i64, published: bool) -> Result<NewsSummary, Error> {
    actions::publish_news(&db()?, caller().as_ref(), id, published).await
}

#[server(prefix = "/sfn", endpoint = "remove_photo")]
pub async fn remove_photo(id: i64) -> Result<(), Error> {
    actions::remove_attachment(&db()?, caller().as_ref(), id).await
}
