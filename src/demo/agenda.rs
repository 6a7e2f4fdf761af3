//! The agenda of the 13th General Assembly as data: its four parts, their items with planned
//! minutes, and who spoke, in what role and how. `load::agenda` writes it.

use chrono::{DateTime, TimeZone, Utc};

use crate::model::{AgendaItemKind, Delivery, SessionKind};

use super::register::{GYEONGBUK, LIAONING, SAKHA, ULSAN};

/// A part of the assembly: a session and its items, in order.
pub struct Part {
    pub title: &'static str,
    pub kind: SessionKind,
    pub planned_start: DateTime<Utc>,
    pub items: Vec<Item>,
}

/// A speaker of the demo: a person (name, title, member or outside body) or a member alone.
pub enum Speaker {
    Person {
        name: &'static str,
        title: &'static str,
        member: Option<&'static str>,
        body: Option<&'static str>,
    },
    Member(&'static str),
}

pub struct Item {
    pub kind: AgendaItemKind,
    pub title: String,
    pub minutes: i64,
    /// The speaker, their role and how they spoke.
    pub speaker: Option<(Speaker, &'static str, Delivery)>,
}

/// The nine representative presentations of session 2.
pub const PRESENTERS: &[&str] = &[
    "Henan Province",
    "Ningxia Hui Autonomous Region",
    "Hubei Province",
    "Sejong Special Self-Governing City",
    "Jeollanam-do Province",
    "Jeju Special Self-Governing Province",
    "Uvurkhangai Province",
    "Uvs Province",
    "Kamchatka Territory",
];

/// The subcommittee reports of session 2 after Sakha's: (committee, presenting member).
pub const SUBCOMMITTEE_REPORTS: &[(&str, &str)] = &[
    ("Subcommittee on Oceans and Fisheries", "Shandong Province"),
    ("Subcommittee on Disaster Prevention", "Hyogo Prefecture"),
    (
        "Subcommittee on Educational and Cultural Exchange",
        "Shimane Prefecture",
    ),
    (
        "Subcommittee on Economy and Humanities Exchange",
        "Gyeongsangbuk-do Province",
    ),
];

/// The four parts of the day, in order.
pub fn parts() -> [Part; 4] {
    [
        part(
            "Opening ceremony",
            SessionKind::OpeningCeremony,
            seoul(10, 0),
            opening_ceremony(),
        ),
        part(
            "Session 1: Decisions",
            SessionKind::Working,
            seoul(10, 40),
            session_1(),
        ),
        part(
            "Session 2: Reports and presentations",
            SessionKind::Working,
            seoul(11, 20),
            session_2(),
        ),
        part("Closing", SessionKind::Closing, seoul(13, 0), closing()),
    ]
}

fn part(
    title: &'static str,
    kind: SessionKind,
    planned_start: DateTime<Utc>,
    items: Vec<Item>,
) -> Part {
    Part {
        title,
        kind,
        planned_start,
        items,
    }
}

/// 10 August 2021 at `h:m` in Korea (UTC+9, no daylight saving).
fn seoul(h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Seoul
        .with_ymd_and_hms(2021, 8, 10, h, m, 0)
        .single()
        .expect("valid demo time")
        .with_timezone(&Utc)
}

fn item(
    kind: AgendaItemKind,
    title: impl Into<String>,
    minutes: i64,
    speaker: Option<(Speaker, &'static str, Delivery)>,
) -> Item {
    Item {
        kind,
        title: title.into(),
        minutes,
        speaker,
    }
}

fn person(name: &'static str, title: &'static str, member: &'static str) -> Speaker {
    Speaker::Person {
        name,
        title,
        member: Some(member),
        body: None,
    }
}

fn guest(name: &'static str, title: &'static str, body: &'static str) -> Speaker {
    Speaker::Person {
        name,
        title,
        member: None,
        body: Some(body),
    }
}

fn opening_ceremony() -> Vec<Item> {
    use AgendaItemKind::*;
    use Delivery::*;
    vec![
        item(
            WelcomingRemarks,
            "Welcoming remarks",
            5,
            Some((
                person("Tarasenko Andrey", "Prime Minister", SAKHA),
                "NEAR chair",
                Online,
            )),
        ),
        item(
            CongratulatorySpeech,
            "Congratulatory speech",
            5,
            Some((
                person("Lee Cheol-woo", "Governor", GYEONGBUK),
                "congratulatory speech",
                InPerson,
            )),
        ),
        item(
            GuestSpeech,
            "Guest congratulatory speech",
            5,
            Some((
                guest(
                    "Ban Ki-moon",
                    "former Secretary-General of the United Nations",
                    "United Nations",
                ),
                "guest speaker",
                Video,
            )),
        ),
        item(
            GuestSpeech,
            "Guest congratulatory speech",
            5,
            Some((
                guest(
                    "Michigami Hisashi",
                    "Secretary-General",
                    "Trilateral Cooperation Secretariat (Japan, China, Republic of Korea)",
                ),
                "guest speaker",
                Online,
            )),
        ),
        item(
            OpeningRemarks,
            "Opening remarks",
            5,
            Some((
                guest("Kim Ok-chae", "Secretary-General", "NEAR Secretariat"),
                "NEAR Secretary-General",
                InPerson,
            )),
        ),
    ]
}

fn session_1() -> Vec<Item> {
    use AgendaItemKind::*;
    use Delivery::*;
    vec![
        item(
            Application,
            "Application of Ulsan Metropolitan City for the 14th chairmanship",
            15,
            Some((
                person("Song Chul-ho", "Mayor", ULSAN),
                "statement of thanks",
                Online,
            )),
        ),
        item(
            Application,
            "Application of Liaoning Province for membership",
            15,
            Some((
                person("Liu Ning", "Governor", LIAONING),
                "statement",
                Online,
            )),
        ),
    ]
}

fn session_2() -> Vec<Item> {
    use AgendaItemKind::*;
    use Delivery::*;
    let mut items = vec![item(
        Report,
        "Report on the 12th Working Committee meeting and the Subcommittee on Sports",
        10,
        Some((Speaker::Member(SAKHA), "report", Online)),
    )];
    for (committee, member) in SUBCOMMITTEE_REPORTS {
        items.push(item(
            Report,
            format!("Report of the {committee}"),
            8,
            Some((Speaker::Member(member), "report", Online)),
        ));
    }
    for member in PRESENTERS {
        items.push(item(
            Presentation,
            format!("Presentation by {member}"),
            5,
            Some((Speaker::Member(member), "presentation", Online)),
        ));
    }
    items
}

fn closing() -> Vec<Item> {
    vec![item(
        AgendaItemKind::Declaration,
        "Adoption of the Declaration of the 13th General Assembly",
        10,
        None,
    )]
}
