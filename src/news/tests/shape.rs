//! The shape of any draft: the same text for the same record, plain paragraphs in the order of
//! the day, and nothing said of what did not happen.

use crate::model::AgendaItemStatus;
use crate::news::{news_draft, Language};
use crate::views::AttendanceSummary;

use super::assert_contains_none;
use super::records::{thirteenth, twentieth};

#[test]
fn the_same_record_gives_the_same_text() {
    for record in [thirteenth(), twentieth()] {
        for language in Language::ALL {
            let first = news_draft(&record, language);
            let again = news_draft(&record.clone(), language);
            assert_eq!(first, again);
            assert_eq!(first.language, language);
        }
    }
}

#[test]
fn drafts_are_plain_paragraphs() {
    for record in [thirteenth(), twentieth()] {
        for language in Language::ALL {
            let d = news_draft(&record, language);
            assert!(!d.headline.contains('\n') && !d.lead.contains('\n'));
            assert!(
                !d.body.contains("\n\n\n"),
                "{language}: one blank line between paragraphs"
            );
            for paragraph in d.body.split("\n\n") {
                assert!(!paragraph.is_empty() && !paragraph.contains('\n'));
                assert_eq!(paragraph, paragraph.trim());
                assert_contains_none(
                    paragraph,
                    &["<", ">", "**", "# ", "  ", "..", "。。", "None", "Some("],
                );
            }
        }
    }
}

#[test]
fn the_body_goes_from_the_opening_to_the_declaration() {
    let body = news_draft(&thirteenth(), Language::En).body;
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6, "{body}");
    assert!(paragraphs[0].contains("anniversary") && paragraphs[0].contains("postponed"));
    assert!(paragraphs[1]
        .starts_with("The opening ceremony heard welcoming remarks by Tarasenko Andrey"));
    assert!(paragraphs[2].contains("chairmanship") && paragraphs[2].contains("79th member"));
    assert!(paragraphs[3].starts_with("From Russia, the Republic of Sakha (Yakutia) reported on the Working Committee and the Subcommittee on Sports."));
    assert!(paragraphs[3].contains(
        "From Japan, Hyogo Prefecture reported on the Subcommittee on Disaster Prevention and Shimane Prefecture on the Subcommittee on Educational and Cultural Exchange."
    ));
    assert!(paragraphs[4].contains("; and Kamchatka Territory (Russia)."));
    assert!(paragraphs[5].starts_with("The assembly adopted the Declaration"));
}

#[test]
fn a_skipped_speech_is_not_reported() {
    let mut record = thirteenth();
    record.sessions[0].items[2].status = AgendaItemStatus::Skipped;
    let body = news_draft(&record, Language::En).body;
    assert!(!body.contains("Ban Ki-moon"));
    assert!(body.contains("Michigami Hisashi"));
}

#[test]
fn an_empty_record_still_gives_a_headline_and_lead() {
    let mut record = twentieth();
    record.sessions.clear();
    record.decisions.clear();
    record.reports.clear();
    record.presentations.clear();
    record.declaration = None;
    record.attendance = AttendanceSummary::default();
    for language in Language::ALL {
        let d = news_draft(&record, language);
        assert!(!d.headline.is_empty() && !d.lead.is_empty());
        assert_eq!(d.body, "");
    }
}
