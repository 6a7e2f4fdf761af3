//! The words of each language: how people are counted, which anniversaries count, dates,
//! ordinals, plurals and spelled-out numbers.

use crate::news::{en, facts, ja, ko, mn, ru, zh};

use super::records::day;

#[test]
fn people_are_counted_as_news_counts_them() {
    use facts::{people, People};
    assert_eq!(people(243), Some(People::Over(240)));
    assert_eq!(people(249), Some(People::Over(240)));
    assert_eq!(people(120), Some(People::Exactly(120)));
    assert_eq!(people(7), Some(People::Exactly(7)));
    assert_eq!(people(11), Some(People::Over(10)));
    assert_eq!(people(0), None);
}

#[test]
fn only_round_anniversaries_are_news() {
    use facts::anniversary;
    assert_eq!(anniversary(day(2021, 8, 10), 1996), Some(25));
    assert_eq!(anniversary(day(2029, 9, 4), 1996), None);
    assert_eq!(anniversary(day(1996, 9, 4), 1996), None);
}

#[test]
fn dates_in_each_language() {
    let d = day(2021, 8, 10);
    assert_eq!(en::date(d), "10 August 2021");
    assert_eq!(ko::date(d), "2021년 8월 10일");
    assert_eq!(zh::date(d), "2021年8月10日");
    assert_eq!(ja::date(d), "2021年8月10日");
    assert_eq!(ru::date(d), "10 августа 2021 г.");
    assert_eq!(mn::date(d), "2021 оны 8-р сарын 10");
}

#[test]
fn mongolian_ordinals_follow_the_vowels_of_the_number() {
    let got: Vec<String> = [1, 3, 13, 14, 20, 25, 40, 79, 90, 100]
        .map(mn::ordinal)
        .into();
    assert_eq!(
        got,
        [
            "1 дүгээр",
            "3 дугаар",
            "13 дугаар",
            "14 дүгээр",
            "20 дугаар",
            "25 дугаар",
            "40 дүгээр",
            "79 дүгээр",
            "90 дүгээр",
            "100 дугаар"
        ]
    );
}

#[test]
fn russian_nouns_agree_with_numbers() {
    let form = |n| ru::plural(n, "член", "члена", "членов");
    assert_eq!(
        [1, 2, 5, 11, 21, 22, 70, 112].map(form),
        [
            "член",
            "члена",
            "членов",
            "членов",
            "член",
            "члена",
            "членов",
            "членов"
        ]
    );
    let gen = |n| ru::genitive(n, "страны", "стран");
    assert_eq!(
        [1, 5, 11, 21].map(gen),
        ["страны", "стран", "стран", "страны"]
    );
}

#[test]
fn english_spells_small_counts() {
    assert_eq!(en::number(5), "five");
    assert_eq!(en::number(10), "10");
}
