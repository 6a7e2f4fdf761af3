//! Which fact leads the headline.

use crate::model::MemberKind;
use crate::news::{news_draft, Language};
use crate::record::{DecisionSubject, Record};

use super::records::{member, thirteenth};

#[test]
fn the_headline_leads_with_an_admission_then_a_chair_then_the_slogan_then_place_and_date() {
    let mut record = thirteenth();
    let headline = |r: &Record| news_draft(r, Language::En).headline;
    assert!(headline(&record).contains("admits Liaoning Province as its 79th member"));

    // A reversed decision no longer stands: it neither leads nor is reported.
    record.decisions[1].reversed = true;
    assert_eq!(
        headline(&record),
        "13th NEAR General Assembly elects Ulsan Metropolitan City to chair the 14th term"
    );
    assert!(!news_draft(&record, Language::En).body.contains("Liaoning"));

    record.decisions.clear();
    assert_eq!(
        headline(&record),
        "13th NEAR General Assembly meets under the slogan “After 25 years together, into the future we go!”"
    );

    record.assembly.slogan = None;
    assert_eq!(
        headline(&record),
        "13th NEAR General Assembly held online on 10 August 2021"
    );
    for language in Language::ALL {
        assert!(news_draft(&record, language).headline.contains("13"));
    }
}

#[test]
fn several_admissions_are_named_together() {
    let mut record = thirteenth();
    let mut second = record.decisions[1].clone();
    second.subject = DecisionSubject::Membership {
        applicant: member("Jilin Province", "CN"),
        kind: MemberKind::Associate,
        ordinal: None,
    };
    record.decisions.push(second);
    let draft = news_draft(&record, Language::En);
    assert_eq!(
        draft.headline,
        "13th NEAR General Assembly admits Liaoning Province and Jilin Province as new members"
    );
    assert!(draft
        .body
        .contains("Jilin Province was admitted as an associate member of NEAR"));
}
