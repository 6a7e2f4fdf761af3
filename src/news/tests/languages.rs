//! The languages drafts are written in: tags read, and one draft per working language.

use crate::news::{news_drafts, Language};

use super::records::thirteenth;

#[test]
fn languages_by_tag() {
    assert_eq!(Language::parse("ko"), Some(Language::Ko));
    assert_eq!(Language::parse("ko-KR"), Some(Language::Ko));
    assert_eq!(Language::parse("MN_cyrl"), Some(Language::Mn));
    assert_eq!(Language::parse("fr"), None);
    assert_eq!(Language::parse(""), None);
    for l in Language::ALL {
        assert_eq!(Language::parse(l.tag()), Some(l));
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            format!("\"{}\"", l.tag())
        );
    }
    assert_eq!(Language::Ru.native_name(), "Русский");
}

#[test]
fn the_association_languages_give_one_draft_each() {
    let mut record = thirteenth();
    let drafts = news_drafts(&record);
    assert_eq!(
        drafts.iter().map(|d| d.language).collect::<Vec<_>>(),
        Language::ALL
    );
    record.association.languages = vec!["ko-KR".into(), "ko".into(), "fr".into()];
    assert_eq!(
        news_drafts(&record)
            .iter()
            .map(|d| d.language)
            .collect::<Vec<_>>(),
        [Language::Ko]
    );
    record.association.languages.clear();
    assert_eq!(news_drafts(&record)[0].language, Language::En);
}
