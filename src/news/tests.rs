//! Two assemblies built by hand, the 13th of NEAR as recorded and an invented 20th that differs in
//! every fact, to show that each fact of a draft comes from the record and none from a template.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::model::*;
use crate::record::*;
use crate::tally::{self, Electorate};
use crate::views::{AttendanceSummary, PostponementView, ShownTime, SpeakerView};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(clock: &str) -> ShownTime {
    ShownTime {
        utc: format!("2021-08-10T{clock}:00Z"),
        local: clock.to_owned(),
    }
}

fn country(code: &str) -> CountryName {
    let name = match code {
        "CN" => "China",
        "JP" => "Japan",
        "KR" => "South Korea",
        "MN" => "Mongolia",
        "RU" => "Russia",
        _ => unreachable!("a country of the fixtures"),
    };
    CountryName {
        code: code.into(),
        name: name.into(),
    }
}

fn member(name: &str, code: &str) -> MemberName {
    MemberName {
        name: name.into(),
        country: country(code),
    }
}

fn speaker(
    name: &str,
    title: &str,
    affiliation: &str,
    role: &str,
    delivery: Delivery,
) -> SpeakerView {
    SpeakerView {
        name: Some(name.into()),
        title: Some(title.into()),
        affiliation: Some(affiliation.into()),
        on_behalf_of: None,
        role: role.into(),
        delivery,
    }
}

fn item(id: i64, kind: AgendaItemKind, title: &str, speakers: Vec<SpeakerView>) -> RecordItem {
    RecordItem {
        id,
        kind,
        title: title.into(),
        status: AgendaItemStatus::Done,
        start: at("10:00"),
        end: Some(at("10:05")),
        speakers,
        outcome: None,
    }
}

fn session(title: &str, kind: SessionKind, items: Vec<RecordItem>) -> RecordSession {
    RecordSession {
        id: 1,
        title: title.into(),
        kind,
        start: at("10:00"),
        end: Some(at("11:00")),
        items,
    }
}

fn near() -> RecordAssociation {
    RecordAssociation {
        name: "Association of North East Asia Regional Governments".into(),
        short_name: "NEAR".into(),
        secretariat: "NEAR Secretariat".into(),
        founded_year: 1996,
        languages: ["en", "ko", "zh", "ja", "ru", "mn"]
            .map(String::from)
            .into(),
    }
}

/// A decision taken by a counted vote.
fn voted(
    id: i64,
    subject: DecisionSubject,
    rule: VoteRule,
    electorate: Electorate,
    ballots: &[(BallotChoice, usize)],
) -> DecisionRecord {
    let ballots: Vec<BallotChoice> = ballots
        .iter()
        .flat_map(|(choice, n)| std::iter::repeat_n(*choice, *n))
        .collect();
    let tally = tally::tally(rule, 50, electorate, &ballots);
    decision(id, subject, rule, false, vec![], tally)
}

fn decision(
    id: i64,
    subject: DecisionSubject,
    rule: VoteRule,
    acclamation: bool,
    objections: Vec<String>,
    tally: tally::Tally,
) -> DecisionRecord {
    let when = Utc.with_ymd_and_hms(2021, 8, 10, 2, 0, 0).unwrap();
    DecisionRecord {
        id,
        agenda_item_id: None,
        subject,
        outcome: match tally.outcome {
            tally::Outcome::Approved => DecisionOutcome::Approved,
            _ => DecisionOutcome::Rejected,
        },
        effect: DecisionEffect::None,
        acclamation,
        objections,
        summary: tally.explanation.clone(),
        decided_at: when,
        reversed: false,
        vote: Some(VoteRecord {
            id,
            question: "the question put".into(),
            rule,
            roll_call: true,
            opened_at: when,
            closed_at: Some(when),
            tally: Some(tally),
            ballots: vec![],
        }),
    }
}

fn report(
    id: i64,
    committee: &str,
    by: MemberName,
    outcomes: Option<&str>,
    next: Option<(&str, NaiveDate)>,
) -> ReportRecord {
    ReportRecord {
        id,
        agenda_item_id: None,
        committee: committee.into(),
        presenting_member: by,
        outcomes: outcomes.map(String::from),
        next_meeting_place: next.map(|(p, _)| p.into()),
        next_meeting_date: next.map(|(_, d)| d),
    }
}

fn presentation(id: i64, by: MemberName, topic: Option<&str>) -> PresentationRecord {
    PresentationRecord {
        id,
        agenda_item_id: None,
        member: by,
        topic: topic.map(String::from),
    }
}

const SAKHA: &str = "Republic of Sakha (Yakutia)";
const COMMITTEES: [&str; 6] = [
    "Working Committee",
    "Subcommittee on Sports",
    "Subcommittee on Oceans and Fisheries",
    "Subcommittee on Disaster Prevention",
    "Subcommittee on Educational and Cultural Exchange",
    "Subcommittee on Economy and Humanities Exchange",
];
const PRESENTERS: [(&str, &str); 9] = [
    ("Henan Province", "CN"),
    ("Ningxia Hui Autonomous Region", "CN"),
    ("Hubei Province", "CN"),
    ("Sejong Special Self-Governing City", "KR"),
    ("Jeollanam-do Province", "KR"),
    ("Jeju Special Self-Governing Province", "KR"),
    ("Uvurkhangai Province", "MN"),
    ("Uvs Province", "MN"),
    ("Kamchatka Territory", "RU"),
];

/// The 13th General Assembly of NEAR, from the reference facts.
fn thirteenth() -> Record {
    use AgendaItemKind::*;
    let present = Electorate {
        members: 78,
        present: 70,
    };
    let unanimous = [(BallotChoice::Yes, 70)];
    Record {
        association: near(),
        assembly: RecordAssembly {
            id: 4,
            number: 13,
            title: "13th General Assembly of NEAR".into(),
            slogan: Some("After 25 years together, into the future we go!".into()),
            start_date: day(2021, 8, 10),
            end_date: day(2021, 8, 10),
            venue: "POSCO International Center, Pohang".into(),
            host: None,
            mode: AssemblyMode::Online,
            time_zone: "Asia/Seoul".into(),
            status: AssemblyStatus::Concluded,
            postponements: vec![PostponementView {
                from_date: day(2020, 8, 10),
                to_date: day(2021, 8, 10),
                reason: "Postponed by one year because of the COVID-19 pandemic.".into(),
            }],
        },
        attendance: AttendanceSummary {
            people: 243,
            governments: 73,
            members: 70,
            associates: vec!["Ho Chi Minh City".into()],
            countries: 5,
            guests: vec!["United Nations".into()],
        },
        attendees: vec![],
        sessions: vec![
            session(
                "Opening ceremony",
                SessionKind::OpeningCeremony,
                vec![
                    item(
                        1,
                        WelcomingRemarks,
                        "Welcoming remarks",
                        vec![speaker(
                            "Tarasenko Andrey",
                            "Prime Minister",
                            SAKHA,
                            "NEAR chair",
                            Delivery::Online,
                        )],
                    ),
                    item(
                        2,
                        CongratulatorySpeech,
                        "Congratulatory speech",
                        vec![speaker(
                            "Lee Cheol-woo",
                            "Governor",
                            "Gyeongsangbuk-do Province",
                            "congratulatory speech",
                            Delivery::InPerson,
                        )],
                    ),
                    item(
                        3,
                        GuestSpeech,
                        "Guest congratulatory speech",
                        vec![speaker(
                            "Ban Ki-moon",
                            "former Secretary-General of the United Nations",
                            "United Nations",
                            "guest speaker",
                            Delivery::Video,
                        )],
                    ),
                    item(
                        4,
                        GuestSpeech,
                        "Guest congratulatory speech",
                        vec![speaker(
                            "Michigami Hisashi",
                            "Secretary-General",
                            "Trilateral Cooperation Secretariat (Japan, China, Republic of Korea)",
                            "guest speaker",
                            Delivery::Online,
                        )],
                    ),
                    item(
                        5,
                        OpeningRemarks,
                        "Opening remarks",
                        vec![speaker(
                            "Kim Ok-chae",
                            "Secretary-General",
                            "NEAR Secretariat",
                            "NEAR Secretary-General",
                            Delivery::InPerson,
                        )],
                    ),
                ],
            ),
            session(
                "Session 1: Decisions",
                SessionKind::Working,
                vec![
                    item(6, Application, "Application of Ulsan", vec![]),
                    item(7, Application, "Application of Liaoning", vec![]),
                ],
            ),
            session(
                "Closing",
                SessionKind::Closing,
                vec![item(8, Declaration, "Adoption of the Declaration", vec![])],
            ),
        ],
        decisions: vec![
            voted(
                1,
                DecisionSubject::Chairmanship {
                    applicant: member("Ulsan Metropolitan City", "KR"),
                    term: 14,
                },
                VoteRule::Unanimous,
                present,
                &unanimous,
            ),
            voted(
                2,
                DecisionSubject::Membership {
                    applicant: member("Liaoning Province", "CN"),
                    kind: MemberKind::Member,
                    ordinal: Some(79),
                },
                VoteRule::Unanimous,
                present,
                &unanimous,
            ),
        ],
        reports: vec![
            report(1, COMMITTEES[0], member(SAKHA, "RU"), None, None),
            report(2, COMMITTEES[1], member(SAKHA, "RU"), None, None),
            report(
                3,
                COMMITTEES[2],
                member("Shandong Province", "CN"),
                None,
                None,
            ),
            report(
                4,
                COMMITTEES[3],
                member("Hyogo Prefecture", "JP"),
                None,
                None,
            ),
            report(
                5,
                COMMITTEES[4],
                member("Shimane Prefecture", "JP"),
                None,
                None,
            ),
            report(
                6,
                COMMITTEES[5],
                member("Gyeongsangbuk-do Province", "KR"),
                None,
                None,
            ),
        ],
        presentations: PRESENTERS
            .iter()
            .enumerate()
            .map(|(i, (name, code))| presentation(i as i64 + 1, member(name, code), None))
            .collect(),
        declaration: Some(DeclarationRecord {
            id: 1,
            agenda_item_id: Some(8),
            title: "Declaration of the 13th General Assembly".into(),
            adopted_at: Some(at("13:05")),
            texts: vec![DeclarationText {
                language: "en".into(),
                body: "…".into(),
            }],
        }),
        active_members: 79,
    }
}

/// An invented 20th assembly: in person, over two days, a chair elected by acclamation, a
/// membership refused by a two-thirds vote, a question decided by consensus, no associate, and
/// an exact count of 120 people.
fn twentieth() -> Record {
    use AgendaItemKind::*;
    let present = Electorate {
        members: 80,
        present: 45,
    };
    Record {
        association: near(),
        assembly: RecordAssembly {
            id: 4,
            number: 20,
            title: "20th General Assembly of NEAR".into(),
            slogan: None,
            start_date: day(2029, 9, 4),
            end_date: day(2029, 9, 5),
            venue: "Far Eastern Federal University, Vladivostok".into(),
            host: Some("Primorsky Krai".into()),
            mode: AssemblyMode::InPerson,
            time_zone: "Asia/Vladivostok".into(),
            status: AssemblyStatus::Concluded,
            postponements: vec![],
        },
        attendance: AttendanceSummary {
            people: 120,
            governments: 48,
            members: 45,
            associates: vec![],
            countries: 4,
            guests: vec![],
        },
        attendees: vec![],
        sessions: vec![session(
            "Opening",
            SessionKind::OpeningCeremony,
            vec![
                item(
                    1,
                    WelcomingRemarks,
                    "Welcome",
                    vec![speaker(
                        "Anna Petrova",
                        "Governor",
                        "Primorsky Krai",
                        "host",
                        Delivery::InPerson,
                    )],
                ),
                item(
                    2,
                    OpeningRemarks,
                    "Opening",
                    vec![speaker(
                        "Park Ji-won",
                        "Secretary-General",
                        "NEAR Secretariat",
                        "secretary-general",
                        Delivery::InPerson,
                    )],
                ),
            ],
        )],
        decisions: vec![
            decision(
                1,
                DecisionSubject::Chairmanship {
                    applicant: member("Tottori Prefecture", "JP"),
                    term: 21,
                },
                VoteRule::Consensus,
                true,
                vec![],
                tally::acclamation(VoteRule::Consensus, 50, present, &[]),
            ),
            voted(
                2,
                DecisionSubject::Membership {
                    applicant: member("Zabaykalsky Krai", "RU"),
                    kind: MemberKind::Member,
                    ordinal: None,
                },
                VoteRule::TwoThirds,
                present,
                &[
                    (BallotChoice::Yes, 28),
                    (BallotChoice::No, 15),
                    (BallotChoice::Abstain, 2),
                ],
            ),
            voted(
                3,
                DecisionSubject::Question {
                    question: "Shall the Subcommittee on Tourism meet every year?".into(),
                },
                VoteRule::Consensus,
                present,
                &[(BallotChoice::Yes, 40), (BallotChoice::Abstain, 5)],
            ),
        ],
        reports: vec![
            report(
                1,
                "Subcommittee on Tourism",
                member("Primorsky Krai", "RU"),
                Some("Two joint tourist routes were agreed"),
                Some(("Khabarovsk", day(2030, 5, 14))),
            ),
            report(
                2,
                "Subcommittee on Environment",
                member("Tottori Prefecture", "JP"),
                None,
                None,
            ),
        ],
        presentations: vec![
            presentation(1, member("Töv Province", "MN"), Some("Steppe tourism")),
            presentation(2, member("Tottori Prefecture", "JP"), None),
        ],
        declaration: Some(DeclarationRecord {
            id: 1,
            agenda_item_id: None,
            title: "Vladivostok Declaration".into(),
            adopted_at: Some(ShownTime {
                utc: "2029-09-05T07:30:00Z".into(),
                local: "17:30".into(),
            }),
            texts: ["en", "ru", "ko-KR"]
                .map(|l| DeclarationText {
                    language: l.into(),
                    body: "…".into(),
                })
                .into(),
        }),
        active_members: 80,
    }
}

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
    println!("{}", whole(&draft));
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
}

#[test]
fn the_korean_draft_of_the_13th_assembly_tells_its_facts_in_korean() {
    let draft = news_draft(&thirteenth(), Language::Ko);
    println!("{}", whole(&draft));
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
        println!("{}\n", whole(&draft));
        assert!(!draft.headline.is_empty() && !draft.lead.is_empty() && !draft.body.is_empty());
        let text = whole(&draft);
        assert_contains_all(&text, &reference_names());
        assert_contains_all(&text, &["70", "73", "79", "240", "13", "14", "25", date]);
        assert_contains_none(&text, ENGLISH_TEMPLATE_WORDS);
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

#[test]
fn a_different_assembly_gets_its_own_facts_and_none_of_the_13th() {
    let record = twentieth();
    let draft = news_draft(&record, Language::En);
    println!("{}", whole(&draft));
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
