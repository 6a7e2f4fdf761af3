//! The invented 20th assembly: its own facts in every language and none of the 13th's, and the
//! whole drafts as their snapshots.

use crate::news::{news_draft, Language};

use super::records::twentieth;
use super::{assert_contains_all, assert_contains_none, whole};

#[test]
fn a_different_assembly_gets_its_own_facts_and_none_of_the_13th() {
    let record = twentieth();
    let draft = news_draft(&record, Language::En);
    assert_eq!(
        draft.headline,
        "20th NEAR General Assembly elects Tottori Prefecture to chair the 21st term"
    );
    let text = whole(&draft);
    assert_contains_all(
        &text,
        &[
            "20th",
            "in person",
            "Far Eastern Federal University, Vladivostok",
            "from 4 September 2029 to 5 September 2029",
            "hosted by Primorsky Krai",
            "120 people",
            "48 regional governments",
            "45 member regional governments from four countries",
            "21st chairmanship",
            "by acclamation",
            "no objection from the 45 members present",
            "Tottori Prefecture will chair NEAR for the 21st term",
            "Zabaykalsky Krai (Russia) for membership was not approved",
            "28 in favour, 15 against and 2 abstentions",
            "a two-thirds majority was required",
            "“Shall the Subcommittee on Tourism meet every year?” was approved by consensus",
            "From Russia, Primorsky Krai reported on the Subcommittee on Tourism",
            "Two joint tourist routes were agreed.",
            "will next meet in Khabarovsk on 14 May 2030",
            "Subcommittee on Environment",
            "Töv Province on “Steppe tourism” (Mongolia)",
            "Tottori Prefecture (Japan)",
            "Vladivostok Declaration at 17:30",
            "three languages",
        ],
    );
    assert_contains_none(
        &text,
        &[
            "Pohang",
            "13th",
            "Liaoning",
            "Ulsan",
            "Ho Chi Minh",
            "associate",
            "over ",
            "73",
            "79",
            "unanimously",
            "online",
            "video",
            "postponed",
            "anniversary",
            "2021",
            "Sakha",
            "admitted",
            "After 25 years",
        ],
    );
}

#[test]
fn a_different_assembly_in_every_language_has_none_of_the_13th() {
    let record = twentieth();
    for language in Language::ALL {
        let text = whole(&news_draft(&record, language));
        assert_contains_all(
            &text,
            &[
                "20",
                "Tottori Prefecture",
                "Zabaykalsky Krai",
                "Primorsky Krai",
                "Vladivostok Declaration",
                "Khabarovsk",
                "Töv Province",
                "120",
                "48",
                "45",
                "28",
                "15",
                "17:30",
            ],
        );
        assert_contains_none(
            &text,
            &[
                "Pohang",
                "Liaoning",
                "Ulsan",
                "Ho Chi Minh",
                "79",
                "73",
                "2021",
                "243",
                "240",
            ],
        );
        insta::assert_snapshot!(format!("20th_{}", language.tag()), text);
    }
    let ko = whole(&news_draft(&record, Language::Ko));
    assert_contains_all(
        &ko,
        &[
            "제20차",
            "120명",
            "제21기",
            "박수",
            "승인되지 않았다",
            "3분의 2",
        ],
    );
}
