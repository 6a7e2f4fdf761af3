//! The 13th General Assembly in each language: every fact of the record, the names as recorded,
//! no word of the English templates elsewhere, and the whole drafts as their snapshots.

use crate::news::{news_draft, Language};

use super::records::{thirteenth, COMMITTEES, PRESENTERS};
use super::{assert_contains_all, assert_contains_none, whole};

/// The names that every language keeps as recorded.
fn reference_names() -> Vec<&'static str> {
    let mut names = vec![
        "Ulsan Metropolitan City",
        "Liaoning Province",
        "Ho Chi Minh City",
        "POSCO International Center, Pohang",
        "Ban Ki-moon",
        "Tarasenko Andrey",
        "Kim Ok-chae",
        "Declaration of the 13th General Assembly",
        "After 25 years together, into the future we go!",
    ];
    names.extend(COMMITTEES);
    names.extend(PRESENTERS.iter().map(|(n, _)| *n));
    names
}

#[test]
fn the_english_draft_of_the_13th_assembly_tells_its_facts() {
    let draft = news_draft(&thirteenth(), Language::En);
    assert_eq!(
        draft.headline,
        "13th NEAR General Assembly admits Liaoning Province as its 79th member"
    );
    let text = whole(&draft);
    assert_contains_all(
        &text,
        &[
            "13th",
            "“After 25 years together, into the future we go!”",
            "online",
            "Pohang",
            "10 August 2021",
            "over 240 people",
            "73 regional governments",
            "70 member",
            "five countries",
            "Ho Chi Minh City",
            "25th anniversary",
            "postponed from 10 August 2020",
            "COVID-19",
            "Ulsan",
            "14th",
            "chairmanship",
            "Ulsan Metropolitan City will chair NEAR for the 14th term",
            "Liaoning Province",
            "79th member",
            "Liaoning Province was admitted as the 79th member",
            "unanimously",
            "70 of 70 members present in favour",
            "Ban Ki-moon, former Secretary-General of the United Nations, delivered as a video message",
            "Prime Minister",
            "Declaration",
            "13:05",
            "Henan Province, Ningxia Hui Autonomous Region and Hubei Province (China)",
            "Uvurkhangai Province and Uvs Province (Mongolia)",
        ],
    );
    assert_contains_all(&text, &reference_names());
    assert!(draft.lead.contains("online") && draft.lead.contains("over 240 people"));
    assert_contains_none(
        &text,
        &["Ban Ki-moon, former Secretary-General of the United Nations, United Nations"],
    );
    insta::assert_snapshot!("13th_en", text);
}

#[test]
fn the_korean_draft_of_the_13th_assembly_tells_its_facts_in_korean() {
    let draft = news_draft(&thirteenth(), Language::Ko);
    let text = whole(&draft);
    assert!(draft.headline.starts_with("제13차 NEAR 총회"));
    assert_contains_all(
        &text,
        &[
            "제13차",
            "2021년 8월 10일",
            "온라인",
            "240여 명",
            "73개 지방정부",
            "5개국 70개 회원 지방정부",
            "준회원 Ho Chi Minh City",
            "창립 25주년",
            "2020년 8월 10일",
            "연기",
            "만장일치",
            "출석 회원 70개 중 70개",
            "제14기",
            "의장단체",
            "79번째 회원",
            "영상 메시지",
            "환영사",
            "개회사",
            "중국(Henan Province, Ningxia Hui Autonomous Region, Hubei Province)",
            "러시아에서는",
            "선언문",
        ],
    );
    assert_contains_all(&text, &reference_names());
    assert_contains_none(&text, ENGLISH_TEMPLATE_WORDS);
    insta::assert_snapshot!("13th_ko", text);
}

/// Words of the English templates that must not leak into another language.
const ENGLISH_TEMPLATE_WORDS: &[&str] = &[
    "unanimously",
    "in favour",
    "chairmanship",
    "admitted",
    "presentations",
    "was held",
    "approved",
    "reported on",
    "opening ceremony",
    "regional governments",
    " people",
];

#[test]
fn every_other_language_tells_the_same_facts_in_its_own_words() {
    let record = thirteenth();
    let dates = [
        (Language::Zh, "2021年8月10日"),
        (Language::Ja, "2021年8月10日"),
        (Language::Ru, "10 августа 2021 г."),
        (Language::Mn, "2021 оны 8-р сарын 10"),
    ];
    for (language, date) in dates {
        let draft = news_draft(&record, language);
        assert!(!draft.headline.is_empty() && !draft.lead.is_empty() && !draft.body.is_empty());
        let text = whole(&draft);
        assert_contains_all(&text, &reference_names());
        assert_contains_all(&text, &["70", "73", "79", "240", "13", "14", "25", date]);
        assert_contains_none(&text, ENGLISH_TEMPLATE_WORDS);
        insta::assert_snapshot!(format!("13th_{}", language.tag()), text);
    }
}

#[test]
fn each_language_says_it_in_its_own_forms() {
    let record = thirteenth();
    let text = |l| whole(&news_draft(&record, l));
    assert_contains_all(
        &text(Language::Zh),
        &[
            "第13届",
            "第79个会员",
            "第14届主席",
            "一致通过",
            "中国",
            "俄罗斯",
            "240余人",
            "视频",
        ],
    );
    assert_contains_all(
        &text(Language::Ja),
        &[
            "第13回",
            "79番目の会員",
            "第14期",
            "全会一致",
            "韓国",
            "モンゴル",
            "240人余り",
            "ビデオメッセージ",
        ],
    );
    assert_contains_all(
        &text(Language::Ru),
        &[
            "13-я Генеральная ассамблея",
            "79-го члена",
            "79-й член",
            "14-й срок",
            "единогласно",
            "более 240 человек",
            "из 73 региональных администраций",
            "70 членов ассоциации из 5 стран",
            "видеообращение",
            "Китай — Henan Province, Ningxia Hui Autonomous Region и Hubei Province",
        ],
    );
    assert_contains_all(
        &text(Language::Mn),
        &[
            "13 дугаар Ерөнхий ассамблей",
            "79 дүгээр гишүүн",
            "14 дүгээр бүрэн эрхийн хугацаа",
            "санал нэгтэй",
            "240 гаруй хүн",
            "2021 оны 8-р сарын 10-ны өдөр",
            "Хятад — Henan Province, Ningxia Hui Autonomous Region болон Hubei Province",
        ],
    );
}
