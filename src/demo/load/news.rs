//! Publishes the news summary of the concluded assembly.

use crate::demo::NUMBER;
use crate::model::{NewsEdit, NewsStatus};
use crate::news::{news_draft, Language};
use crate::storage::{get_assembly, load_record, save_news, set_news_status, Db};
use crate::{Error, Result};

/// The news summary as the secretariat published it the day after: generated from the record
/// in English and Korean, then published. Runs after the data set is committed, since the
/// record is read from the database.
pub async fn publish_news(db: &Db) -> Result<()> {
    let record = load_record(db, NUMBER).await?;
    let published = record
        .assembly
        .end_date
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .ok_or(Error::Internal)?;
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, NUMBER).await?.id;
    for language in [Language::En, Language::Ko] {
        let draft = news_draft(&record, language);
        let edit = NewsEdit {
            headline: draft.headline,
            lead: draft.lead,
            body: draft.body,
        };
        let id = save_news(&mut tx, assembly, language.tag(), &edit, published).await?;
        set_news_status(&mut tx, id, NewsStatus::Published, published).await?;
    }
    tx.commit().await
}
