//! The 13th General Assembly of NEAR as recorded, from the reference facts.

use crate::model::*;
use crate::record::*;
use crate::tally::Electorate;
use crate::views::{AttendanceSummary, PostponementView};

use super::{at, day, item, member, near, presentation, report, session, speaker, voted};

pub const SAKHA: &str = "Republic of Sakha (Yakutia)";
pub const COMMITTEES: [&str; 6] = [
    "Working Committee",
    "Subcommittee on Sports",
    "Subcommittee on Oceans and Fisheries",
    "Subcommittee on Disaster Prevention",
    "Subcommittee on Educational and Cultural Exchange",
    "Subcommittee on Economy and Humanities Exchange",
];
pub const PRESENTERS: [(&str, &str); 9] = [
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
pub fn thirteenth() -> Record {
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
