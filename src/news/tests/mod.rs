//! Two assemblies built by hand, the 13th of NEAR as recorded and an invented 20th that differs in
//! every fact, to show that each fact of a draft comes from the record and none from a template.
//!
//! The tests go by scenario: the 13th in each language (`reference`), the invented 20th
//! (`invented`), the headline, the shape of any draft, the words of each language, the languages
//! drafted, and the summaries offered to readers. Whole drafts are compared with the texts kept
//! in `snapshots/` (insta); a draft that changes fails until its snapshot is reviewed and updated:
//! `INSTA_UPDATE=always cargo test -p plenary-core --lib news` rewrites them, then read the diff.

mod headline;
mod invented;
mod languages;
mod offered;
mod records;
mod reference;
mod shape;
mod words;

use super::NewsDraft;

/// The whole draft as one text, for searching it.
fn whole(d: &NewsDraft) -> String {
    format!("{}\n\n{}\n\n{}", d.headline, d.lead, d.body)
}

fn assert_contains_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in:\n{text}");
    }
}

fn assert_contains_none(text: &str, unwanted: &[&str]) {
    for w in unwanted {
        assert!(!text.contains(w), "unexpected {w:?} in:\n{text}");
    }
}
