//! The record of a 13th General Assembly, built by hand for the exports' tests: one day in
//! Asia/Seoul, four sessions, a video message, an item title with a comma and a semicolon, a
//! unanimous roll-call vote of two ballots and a secret vote.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::model::*;
use crate::record::*;
use crate::tally::{Outcome, Tally};
use crate::views::{AttendanceSummary, ShownTime, SpeakerView};

/// 2021-08-10 at `hour:minute` in Seoul (UTC+9), as a UTC instant.
pub fn seoul(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 8, 10, hour - 9, minute, 0)
        .unwrap()
}

/// Shown the way storage shows times: RFC 3339 with an explicit `+00:00`, and the venue clock.
fn shown(hour: u32, minute: u32) -> ShownTime {
    ShownTime {
        utc: seoul(hour, minute).to_rfc3339(),
        local: format!("{hour:02}:{minute:02}"),
    }
}

fn country(code: &str, name: &str) -> CountryName {
    CountryName {
        code: code.into(),
        name: name.into(),
    }
}

pub fn gyeongsangbuk() -> MemberName {
    MemberName {
        name: "Gyeongsangbuk-do Province".into(),
        country: country("KR", "South Korea"),
    }
}

pub fn sakha() -> MemberName {
    MemberName {
        name: "Republic of Sakha (Yakutia)".into(),
        country: country("RU", "Russia"),
    }
}

fn speaker(name: &str, title: &str, affiliation: &str, delivery: Delivery) -> SpeakerView {
    SpeakerView {
        name: Some(name.into()),
        title: Some(title.into()),
        affiliation: Some(affiliation.into()),
        on_behalf_of: None,
        role: "speaker".into(),
        delivery,
    }
}

struct Slot {
    id: i64,
    kind: AgendaItemKind,
    title: &'static str,
    start: (u32, u32),
    end: (u32, u32),
}

fn item(slot: Slot, speakers: Vec<SpeakerView>, outcome: Option<&str>) -> RecordItem {
    RecordItem {
        id: slot.id,
        kind: slot.kind,
        title: slot.title.into(),
        status: AgendaItemStatus::Done,
        start: shown(slot.start.0, slot.start.1),
        end: Some(shown(slot.end.0, slot.end.1)),
        speakers,
        outcome: outcome.map(Into::into),
    }
}

fn session(
    id: i64,
    title: &str,
    kind: SessionKind,
    start: (u32, u32),
    end: (u32, u32),
    items: Vec<RecordItem>,
) -> RecordSession {
    RecordSession {
        id,
        title: title.into(),
        kind,
        start: shown(start.0, start.1),
        end: Some(shown(end.0, end.1)),
        items,
    }
}

fn opening_ceremony() -> RecordSession {
    let items = vec![
        item(
            Slot {
                id: 1,
                kind: AgendaItemKind::WelcomingRemarks,
                title: "Welcoming remarks",
                start: (10, 0),
                end: (10, 10),
            },
            vec![speaker(
                "Tarasenko Andrey",
                "Prime Minister",
                "Republic of Sakha (Yakutia)",
                Delivery::Online,
            )],
            None,
        ),
        item(
            Slot {
                id: 2,
                kind: AgendaItemKind::GuestSpeech,
                title: "Guest congratulatory speech",
                start: (10, 10),
                end: (10, 20),
            },
            vec![speaker(
                "Ban Ki-moon",
                "former Secretary-General of the United Nations",
                "United Nations",
                Delivery::Video,
            )],
            None,
        ),
    ];
    session(
        1,
        "Opening Ceremony",
        SessionKind::OpeningCeremony,
        (10, 0),
        (10, 20),
        items,
    )
}

fn session_1() -> RecordSession {
    let items = vec![
        item(
            Slot {
                id: 10,
                kind: AgendaItemKind::Application,
                title:
                    "Application of Ulsan Metropolitan City for the chairmanship of the 14th term",
                start: (10, 30),
                end: (10, 45),
            },
            vec![SpeakerView {
                name: Some("Song Chul-ho".into()),
                title: Some("Mayor".into()),
                affiliation: None,
                on_behalf_of: Some("Ulsan Metropolitan City".into()),
                role: "statement of thanks".into(),
                delivery: Delivery::Online,
            }],
            Some("Approved unanimously; Ulsan chairs the 14th term."),
        ),
        item(
            Slot {
                id: 11,
                kind: AgendaItemKind::Application,
                title: "Membership of Liaoning Province, China; the 79th member",
                start: (10, 45),
                end: (11, 0),
            },
            Vec::new(),
            None,
        ),
    ];
    session(
        2,
        "Session 1",
        SessionKind::Working,
        (10, 30),
        (11, 0),
        items,
    )
}

fn session_2() -> RecordSession {
    let items = vec![item(
        Slot {
            id: 20,
            kind: AgendaItemKind::Report,
            title: "Report of the Subcommittee on Disaster Prevention",
            start: (11, 10),
            end: (11, 30),
        },
        vec![SpeakerView {
            name: None,
            title: None,
            affiliation: None,
            on_behalf_of: Some("Hyogo Prefecture".into()),
            role: "presenter".into(),
            delivery: Delivery::InPerson,
        }],
        None,
    )];
    session(
        3,
        "Session 2",
        SessionKind::Working,
        (11, 10),
        (11, 30),
        items,
    )
}

fn closing() -> RecordSession {
    let items = vec![item(
        Slot {
            id: 30,
            kind: AgendaItemKind::Declaration,
            title:
                "Adoption of the Declaration of the 13th General Assembly (제13차 총회 선언문 채택)",
            start: (11, 40),
            end: (11, 50),
        },
        Vec::new(),
        Some("Adopted.\nThe text follows in the minutes."),
    )];
    session(
        4,
        "Closing",
        SessionKind::Closing,
        (11, 40),
        (11, 50),
        items,
    )
}

fn tally(yes: i64, abstain: i64, explanation: &str) -> Tally {
    Tally {
        yes,
        no: 0,
        abstain,
        not_voted: 0,
        present: yes + abstain,
        quorum_met: true,
        outcome: Outcome::Approved,
        explanation: explanation.into(),
    }
}

/// The chairmanship of the 14th term: a unanimous roll-call vote of two ballots.
fn chairmanship() -> DecisionRecord {
    let ballot = |member, minute| BallotRecord {
        member,
        choice: BallotChoice::Yes,
        cast_at: seoul(10, minute),
    };
    DecisionRecord {
        id: 1,
        agenda_item_id: Some(10),
        subject: DecisionSubject::Chairmanship {
            applicant: MemberName {
                name: "Ulsan Metropolitan City".into(),
                country: country("KR", "South Korea"),
            },
            term: 14,
        },
        outcome: DecisionOutcome::Approved,
        effect: DecisionEffect::ElectChair,
        acclamation: false,
        objections: Vec::new(),
        summary: "Ulsan Metropolitan City chairs the 14th term.".into(),
        decided_at: seoul(10, 40),
        reversed: false,
        vote: Some(VoteRecord {
            id: 7,
            question: "Shall Ulsan Metropolitan City chair the 14th term?".into(),
            rule: VoteRule::Unanimous,
            roll_call: true,
            opened_at: seoul(10, 35),
            closed_at: Some(seoul(10, 40)),
            tally: Some(tally(
                2,
                0,
                "approved unanimously: 2 of 2 members present in favour",
            )),
            ballots: vec![ballot(gyeongsangbuk(), 36), ballot(sakha(), 37)],
        }),
    }
}

/// Liaoning's membership: a secret vote, so only its counts are known.
fn membership() -> DecisionRecord {
    DecisionRecord {
        id: 2,
        agenda_item_id: Some(11),
        subject: DecisionSubject::Membership {
            applicant: MemberName {
                name: "Liaoning Province".into(),
                country: country("CN", "China"),
            },
            kind: MemberKind::Member,
            ordinal: Some(79),
        },
        outcome: DecisionOutcome::Approved,
        effect: DecisionEffect::AdmitMember,
        acclamation: false,
        objections: Vec::new(),
        summary: "Liaoning Province is admitted as the 79th member.".into(),
        decided_at: seoul(10, 55),
        reversed: false,
        vote: Some(VoteRecord {
            id: 8,
            question: "Shall Liaoning Province, China, be admitted as a member?".into(),
            rule: VoteRule::Consensus,
            roll_call: false,
            opened_at: seoul(10, 50),
            closed_at: Some(seoul(10, 55)),
            tally: Some(tally(
                1,
                1,
                "approved by consensus: 1 in favour, 1 abstention",
            )),
            ballots: Vec::new(),
        }),
    }
}

fn attendees() -> Vec<Attendee> {
    let government = |member: MemberName, kind, delegates| Attendee {
        name: member.name,
        country: Some(member.country),
        member_kind: Some(kind),
        guest_kind: None,
        mode: AttendanceMode::Online,
        delegates,
        sessions: Vec::new(),
    };
    vec![
        government(gyeongsangbuk(), MemberKind::Member, 12),
        government(sakha(), MemberKind::Member, 5),
        government(
            MemberName {
                name: "Ho Chi Minh City".into(),
                country: country("VN", "Vietnam"),
            },
            MemberKind::Associate,
            2,
        ),
        Attendee {
            name: "Trilateral Cooperation Secretariat (Japan, China, ROK)".into(),
            country: None,
            member_kind: None,
            guest_kind: Some(GuestKind::OutsideBody),
            mode: AttendanceMode::InPerson,
            delegates: 1,
            sessions: vec!["Session 1".into()],
        },
    ]
}

/// The whole record.
pub fn record() -> Record {
    let day = NaiveDate::from_ymd_opt(2021, 8, 10).unwrap();
    Record {
        association: RecordAssociation {
            name: "Association of North East Asia Regional Governments".into(),
            short_name: "NEAR".into(),
            secretariat: "Pohang, South Korea".into(),
            founded_year: 1996,
            languages: vec!["en".into(), "ko".into()],
        },
        assembly: RecordAssembly {
            id: 4,
            number: 13,
            title:
                "13th General Assembly of the Association of North East Asia Regional Governments"
                    .into(),
            slogan: Some("After 25 years together, into the future we go!".into()),
            start_date: day,
            end_date: day,
            venue: "POSCO International Center, Pohang".into(),
            host: Some("Gyeongsangbuk-do Province".into()),
            mode: AssemblyMode::Online,
            time_zone: "Asia/Seoul".into(),
            status: AssemblyStatus::Concluded,
            postponements: Vec::new(),
        },
        attendance: AttendanceSummary {
            people: 20,
            governments: 3,
            members: 2,
            associates: vec!["Ho Chi Minh City".into()],
            countries: 3,
            guests: vec!["Trilateral Cooperation Secretariat (Japan, China, ROK)".into()],
        },
        attendees: attendees(),
        sessions: vec![opening_ceremony(), session_1(), session_2(), closing()],
        decisions: vec![chairmanship(), membership()],
        reports: Vec::new(),
        presentations: Vec::new(),
        declaration: None,
        active_members: 79,
    }
}
