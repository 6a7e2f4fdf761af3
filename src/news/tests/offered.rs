//! The published summaries offered to a reader, and the one chosen by the language asked for.

use chrono::{TimeZone, Utc};

use crate::model::{NewsStatus, NewsSummary};
use crate::news::{chosen, offered};

fn published(language: &str) -> NewsSummary {
    NewsSummary {
        id: 1,
        assembly_id: 1,
        language: language.into(),
        headline: format!("Headline in {language}"),
        lead: String::new(),
        body: String::new(),
        status: NewsStatus::Published,
        updated_at: Utc.with_ymd_and_hms(2021, 8, 11, 0, 0, 0).unwrap(),
        published_at: Some(Utc.with_ymd_and_hms(2021, 8, 11, 0, 0, 0).unwrap()),
    }
}

fn tags(news: &[NewsSummary]) -> Vec<&str> {
    news.iter().map(|n| n.language.as_str()).collect()
}

#[test]
fn summaries_are_offered_in_the_associations_order_then_by_tag() {
    let working = ["de".to_owned(), "en".to_owned()];
    let news = offered(
        vec![
            published("en"),
            published("ko"),
            published("de"),
            published("fr"),
        ],
        &working,
    );
    assert_eq!(tags(&news), ["de", "en", "fr", "ko"]);
}

#[test]
fn the_language_asked_for_is_given_or_nothing() {
    let news = offered(vec![published("de"), published("en")], &["de".to_owned()]);
    assert_eq!(chosen(&news, Some("en")).unwrap().language, "en");
    assert_eq!(
        chosen(&news, Some("EN")).unwrap().language,
        "en",
        "tags ignore case"
    );
    assert!(
        chosen(&news, Some("ko")).is_none(),
        "a language not published is not quietly replaced by another"
    );
    assert_eq!(
        chosen(&news, None).unwrap().language,
        "de",
        "asking for none gives the main language"
    );
    assert_eq!(chosen(&news, Some(" ")).unwrap().language, "de");
    assert!(chosen(&[], None).is_none());
}
