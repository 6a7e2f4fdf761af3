//! The reference assembly as demo data: the 13th General Assembly of the Association of North East
//! Asia Regional Governments (NEAR), held online from Pohang on 10 August 2021.
//!
//! Facts come from `shared/reference/13th-general-assembly.md`. Where the facts sheet is silent
//! the data set says so: the member list beyond the named regions, the ordinals, which eight
//! members were absent, the numbers of delegates per government, the planned times and minutes,
//! the original 2020 date, and every speaker's delivery except the video message are illustrative.
//!
//! Loading is idempotent: if assembly 13 exists nothing is written, and everything else is written
//! in one transaction, so a failed load leaves nothing behind.

mod register;

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};

use crate::model::*;
use crate::storage::*;
use crate::{Error, Result};

use register::*;

/// The number of the reference assembly.
pub const NUMBER: i64 = 13;

/// What a call to [`load`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// The data set was written.
    Written,
    /// Assembly 13 was already there; nothing was written.
    AlreadyPresent,
}

/// How far the reference assembly has gone when it is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// As it ended on 10 August 2021: every item held.
    #[default]
    Concluded,
    /// Ready to be run live: the same agenda, nothing held yet.
    Planned,
    /// Just before session 1: the opening ceremony held, both applications awaiting their
    /// votes, so that the decisions can be taken live.
    BeforeVotes,
}

/// Loads the reference assembly, concluded, unless it is already there.
pub async fn load(db: &Db) -> Result<Loaded> {
    load_at(db, Stage::Concluded).await
}

/// Loads the reference assembly at `stage`, unless it is already there.
pub async fn load_at(db: &Db, stage: Stage) -> Result<Loaded> {
    let mut tx = db.begin().await?;
    if assembly_id(&mut tx, NUMBER).await?.is_some() {
        return Ok(Loaded::AlreadyPresent);
    }
    let members = load_register(&mut tx).await?;
    let assembly = load_assembly(&mut tx, &members, stage).await?;
    if stage == Stage::Concluded {
        take_the_reference_votes(&mut tx).await?;
        set_assembly_status(&mut tx, assembly, AssemblyStatus::Concluded).await?;
    }
    audit(
        &mut tx,
        "plenary demo",
        "demo.load",
        "assembly",
        Some(assembly),
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    if stage == Stage::Concluded {
        publish_news(db).await?;
    }
    Ok(Loaded::Written)
}

/// Member ids by name.
struct Members(HashMap<&'static str, i64>);

impl Members {
    fn id(&self, name: &str) -> Result<i64> {
        self.0.get(name).copied().ok_or_else(|| {
            tracing::error!(name, "demo data names a member it does not define");
            Error::Internal
        })
    }
}

async fn load_register(tx: &mut Tx) -> Result<Members> {
    save_association(
        tx,
        &NewAssociation {
            name: "Association of North East Asia Regional Governments".into(),
            short_name: "NEAR".into(),
            secretariat: "Pohang, South Korea".into(),
            founded_year: 1996,
            languages: ["en", "ko", "zh", "ja", "ru", "mn"]
                .map(String::from)
                .to_vec(),
            associates_vote: false,
            time_zone: "Asia/Seoul".into(),
        },
    )
    .await?;
    let mut countries = HashMap::new();
    for (code, name) in COUNTRIES {
        let id = ensure_country(
            tx,
            &NewCountry {
                code: (*code).into(),
                name: (*name).into(),
            },
        )
        .await?;
        countries.insert(*code, id);
    }
    let mut ids = HashMap::new();
    let entries = MEMBERS
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                *m,
                MemberKind::Member,
                MemberStatus::Active,
                Some(i as i64 + 1),
            )
        })
        .chain([
            (ASSOCIATE, MemberKind::Associate, MemberStatus::Active, None),
            (APPLICANT, MemberKind::Member, MemberStatus::Applicant, None),
        ]);
    for ((code, name), kind, status, ordinal) in entries {
        let id = match member_id_by_name(tx, name).await? {
            Some(id) => id,
            None => {
                let country_id = countries[code];
                insert_member(
                    tx,
                    &NewMember {
                        country_id,
                        name: name.into(),
                        kind,
                        status,
                        ordinal,
                        joined: None,
                    },
                )
                .await?
            }
        };
        ids.insert(name, id);
    }
    let members = Members(ids);
    for (name, coordinator) in COMMITTEES {
        let coordinating_member_id = Some(members.id(coordinator)?);
        ensure_committee(
            tx,
            &NewCommittee {
                name: (*name).into(),
                coordinating_member_id,
            },
        )
        .await?;
    }
    if !chair_recorded(tx, 13).await? {
        record_chair(tx, 13, members.id(CHAIR_13)?, None).await?;
    }
    Ok(members)
}

async fn chair_recorded(tx: &mut Tx, term: i64) -> Result<bool> {
    let found: Option<i64> =
        on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM chairmanships WHERE term = $1")
        .bind(term).fetch_optional(c).await)
        .map_err(internal)?;
    Ok(found.is_some())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// 10 August 2021 at `h:m` in Korea (UTC+9, no daylight saving).
fn seoul(h: u32, m: u32) -> chrono::DateTime<Utc> {
    chrono_tz::Asia::Seoul
        .with_ymd_and_hms(2021, 8, 10, h, m, 0)
        .single()
        .expect("valid demo time")
        .with_timezone(&Utc)
}

/// A speaker of the demo: a person (name, title, member or outside body) or a member alone.
enum Speaker {
    Person {
        name: &'static str,
        title: &'static str,
        member: Option<&'static str>,
        body: Option<&'static str>,
    },
    Member(&'static str),
}

struct Item {
    kind: AgendaItemKind,
    title: String,
    minutes: i64,
    speaker: Option<(Speaker, &'static str, Delivery)>,
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

/// The nine representative presentations of session 2.
const PRESENTERS: &[&str] = &[
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
const SUBCOMMITTEE_REPORTS: &[(&str, &str)] = &[
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

const SAKHA: &str = "Republic of Sakha (Yakutia)";
const ULSAN: &str = "Ulsan Metropolitan City";
const LIAONING: &str = "Liaoning Province";
const GYEONGBUK: &str = "Gyeongsangbuk-do Province";

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

async fn load_assembly(tx: &mut Tx, members: &Members, stage: Stage) -> Result<i64> {
    let assembly = insert_assembly(
        tx,
        &NewAssembly {
            number: NUMBER,
            title: "13th General Assembly of NEAR".into(),
            slogan: Some("After 25 years together, into the future we go!".into()),
            start_date: date(2021, 8, 10),
            end_date: date(2021, 8, 10),
            venue: "POSCO International Center, Pohang".into(),
            host_member_id: None,
            mode: AssemblyMode::Online,
            time_zone: "Asia/Seoul".into(),
            status: match stage {
                // Concluded once its votes are taken (`load_at`).
                Stage::Concluded | Stage::BeforeVotes => AssemblyStatus::InProgress,
                Stage::Planned => AssemblyStatus::Planned,
            },
        },
    )
    .await?;
    insert_postponement(
        tx,
        assembly,
        &NewPostponement {
            from_date: date(2020, 8, 10),
            to_date: date(2021, 8, 10),
            reason: "Postponed by one year because of the COVID-19 pandemic.".into(),
        },
        Utc.with_ymd_and_hms(2020, 6, 1, 0, 0, 0).unwrap(),
    )
    .await?;

    let parts = [
        (
            "Opening ceremony",
            SessionKind::OpeningCeremony,
            seoul(10, 0),
            opening_ceremony(),
        ),
        (
            "Session 1: Decisions",
            SessionKind::Working,
            seoul(10, 40),
            session_1(),
        ),
        (
            "Session 2: Reports and presentations",
            SessionKind::Working,
            seoul(11, 20),
            session_2(),
        ),
        ("Closing", SessionKind::Closing, seoul(13, 0), closing()),
    ];
    let mut item_ids = Vec::new();
    for (title, kind, planned_start, items) in parts {
        let session = insert_session(
            tx,
            assembly,
            &NewSession {
                title: title.into(),
                kind,
                planned_start: planned_start.into(),
            },
            planned_start,
        )
        .await?;
        for it in items {
            let id = insert_agenda_item(
                tx,
                session,
                &NewAgendaItem {
                    kind: it.kind,
                    title: it.title,
                    planned_minutes: it.minutes,
                },
            )
            .await?;
            if let Some((speaker, role, delivery)) = it.speaker {
                let (person_id, member_id) = match speaker {
                    Speaker::Person {
                        name,
                        title,
                        member,
                        body,
                    } => {
                        let member_id = member.map(|m| members.id(m)).transpose()?;
                        let p = NewPerson {
                            name: name.into(),
                            title: title.into(),
                            member_id,
                            body: body.map(Into::into),
                        };
                        (Some(ensure_person(tx, &p).await?), member_id)
                    }
                    Speaker::Member(m) => (None, Some(members.id(m)?)),
                };
                insert_speaker_slot(
                    tx,
                    id,
                    &NewSpeakerSlot {
                        person_id,
                        member_id,
                        role: role.into(),
                        delivery,
                    },
                )
                .await?;
            }
            item_ids.push((it.kind, id));
        }
    }
    // A concluded assembly has held every item of its agenda; before the votes, the opening
    // ceremony (the first part) is over.
    let held = match stage {
        Stage::Concluded => "SELECT id FROM sessions WHERE assembly_id = $1",
        Stage::BeforeVotes => {
            "SELECT id FROM sessions WHERE assembly_id = $1 ORDER BY position LIMIT 1"
        }
        Stage::Planned => "",
    };
    if !held.is_empty() {
        let sql = format!("UPDATE agenda_items SET status = 'done' WHERE session_id IN ({held})");
        on_tx!(tx, c => sqlx::query(&sql).bind(assembly).execute(c).await.map(|r| r.rows_affected()))
            .map_err(internal)?;
    }

    load_applications(tx, assembly, members, &item_ids).await?;
    load_reports(tx, assembly, members, &item_ids).await?;
    load_presentations(tx, assembly, members, &item_ids).await?;
    let declaration_item = item_ids
        .iter()
        .find(|(k, _)| *k == AgendaItemKind::Declaration)
        .map(|(_, id)| *id);
    let declaration = DeclarationInput {
        title: "Declaration of the 13th General Assembly".into(),
        agenda_item_id: declaration_item,
        // Adopted when its item, the last of the closing, ended; the text is not in the source.
        adopted_at: match (stage, declaration_item) {
            (Stage::Concluded, Some(item)) => Some(item_end(tx, item).await?),
            _ => None,
        },
        texts: Vec::new(),
    };
    save_declaration(tx, assembly, &declaration).await?;
    load_attendance(tx, assembly, members).await?;
    Ok(assembly)
}

/// The secretariat as it appears in the audit log of the demo's votes.
fn demo_organizer() -> crate::auth::Actor {
    crate::auth::Actor {
        user_id: 0,
        email: "demo@plenary.invalid".into(),
        name: "plenary demo".into(),
        role: crate::auth::Role::Organizer,
        member_id: None,
    }
}

/// Session 1 as it happened: each application put to a roll-call vote, every member present
/// in favour. The votes run through the same actions as live ones, so the decisions, the
/// tallies and the changes to the register (Liaoning the 79th member, Ulsan chair for the
/// 14th term) are derived, not written in. Each vote carries the time of its agenda item on
/// the day (opened as the item began, ballots a minute later, closed as it ended), not the
/// moment the demo was loaded.
async fn take_the_reference_votes(tx: &mut Tx) -> Result<()> {
    use crate::actions::{cast_ballot_in, close_vote_in, open_vote_in};
    let actor = demo_organizer();
    let assembly = get_assembly(tx, NUMBER).await?;
    for application in list_applications(tx, assembly.id).await? {
        let input = NewVote {
            application_id: Some(application.id),
            ..NewVote::default()
        };
        let slot = match application.agenda_item_id {
            Some(item) => item_slot(tx, item).await?,
            None => {
                tracing::error!(
                    application = application.id,
                    "a demo application without its item"
                );
                return Err(Error::Internal);
            }
        };
        let vote = open_vote_in(tx, &actor, NUMBER, &input, slot.start).await?;
        let (_, present) = electorate(tx, &vote).await?;
        let cast_at = (slot.start + chrono::Duration::minutes(1)).min(slot.end);
        for member in present {
            let ballot = CastBallot {
                member_id: member.id,
                choice: BallotChoice::Yes,
            };
            cast_ballot_in(tx, &actor, vote.id, &ballot, cast_at).await?;
        }
        close_vote_in(tx, &actor, vote.id, &CloseVote::default(), slot.end).await?;
    }
    Ok(())
}

/// When agenda item `item` was held, by its session's derived times (`agenda::schedule`).
async fn item_slot(tx: &mut Tx, item: i64) -> Result<crate::agenda::Slot> {
    use crate::agenda::{schedule, ItemTiming};
    let session_id = get_item(tx, item).await?.session_id;
    let session = get_session(tx, session_id).await?;
    let items = list_items(tx, session.id).await?;
    let timings: Vec<ItemTiming> = items
        .iter()
        .map(|i| ItemTiming::planned(i.planned_minutes))
        .collect();
    let slots = schedule(session.planned_start, &timings);
    items
        .iter()
        .zip(slots)
        .find(|(i, _)| i.id == item)
        .map(|(_, slot)| slot)
        .ok_or(Error::Internal)
}

fn items_of(kind: AgendaItemKind, item_ids: &[(AgendaItemKind, i64)]) -> Vec<i64> {
    item_ids
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| *id)
        .collect()
}

async fn load_applications(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &[(AgendaItemKind, i64)],
) -> Result<()> {
    let items = items_of(AgendaItemKind::Application, item_ids);
    let applications = [
        NewApplication {
            kind: ApplicationKind::Chairmanship,
            applicant_member_id: members.id(ULSAN)?,
            agenda_item_id: items.first().copied(),
            term: Some(14),
            membership_kind: None,
            statement: None,
        },
        NewApplication {
            kind: ApplicationKind::Membership,
            applicant_member_id: members.id(LIAONING)?,
            agenda_item_id: items.get(1).copied(),
            term: None,
            membership_kind: Some(MemberKind::Member),
            statement: None,
        },
    ];
    for a in &applications {
        insert_application(tx, assembly, a).await?;
    }
    Ok(())
}

async fn load_reports(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &[(AgendaItemKind, i64)],
) -> Result<()> {
    let items = items_of(AgendaItemKind::Report, item_ids);
    let mut reports = vec![
        ("Working Committee", SAKHA, items.first()),
        ("Subcommittee on Sports", SAKHA, items.first()),
    ];
    for (i, (committee, member)) in SUBCOMMITTEE_REPORTS.iter().enumerate() {
        reports.push((committee, member, items.get(i + 1)));
    }
    for (committee, member, item) in reports {
        let committee_id = ensure_committee(
            tx,
            &NewCommittee {
                name: committee.into(),
                coordinating_member_id: Some(members.id(member)?),
            },
        )
        .await?;
        let report = NewReport {
            agenda_item_id: item.copied(),
            committee_id,
            presenting_member_id: members.id(member)?,
            outcomes: None,
            next_meeting_place: None,
            next_meeting_date: None,
        };
        insert_report(tx, assembly, &report).await?;
    }
    Ok(())
}

/// The nine representative presentations, one per presentation item (topics not in the source).
async fn load_presentations(
    tx: &mut Tx,
    assembly: i64,
    members: &Members,
    item_ids: &[(AgendaItemKind, i64)],
) -> Result<()> {
    let items = items_of(AgendaItemKind::Presentation, item_ids);
    for (member, item) in PRESENTERS.iter().zip(items) {
        let presentation = NewPresentation {
            agenda_item_id: Some(item),
            member_id: members.id(member)?,
            topic: None,
        };
        insert_presentation(tx, assembly, &presentation).await?;
    }
    Ok(())
}

/// When an item planned alone in its session ends: the session's start plus the item's minutes.
async fn item_end(tx: &mut Tx, item: i64) -> Result<chrono::DateTime<chrono::Utc>> {
    let item = get_item(tx, item).await?;
    let session = get_session(tx, item.session_id).await?;
    Ok(session.planned_start + chrono::Duration::minutes(item.planned_minutes))
}

/// The news summary as the secretariat published it the day after: generated from the record
/// in English and Korean, then published. Runs after the data set is committed, since the
/// record is read from the database.
async fn publish_news(db: &Db) -> Result<()> {
    use crate::news::{news_draft, Language};
    let record = load_record(db, NUMBER).await?;
    let published = record
        .assembly
        .end_date
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .ok_or(crate::Error::Internal)?;
    let mut tx = db.begin().await?;
    let assembly = get_assembly(&mut tx, NUMBER).await?.id;
    for language in [Language::En, Language::Ko] {
        let draft = news_draft(&record, language);
        let edit = NewsEdit {
            headline: draft.headline,
            lead: draft.lead,
            body: draft.body,
        };
        let id = save_news(&mut tx, assembly, language.tag(), &edit, published).await?;
        set_news_status(&mut tx, id, NewsStatus::Published, published).await?;
    }
    tx.commit().await
}

/// Delegates per government beyond the default of three (illustrative).
const LARGER_DELEGATIONS: &[(&str, i64)] = &[(GYEONGBUK, 8), (ULSAN, 5), (SAKHA, 5), (LIAONING, 4)];

/// Guests not in the register: (name, kind, people). Illustrative numbers.
const GUESTS: &[(&str, GuestKind, i64)] = &[
    (
        "Observing regional government (not named in the source)",
        GuestKind::RegionalGovernment,
        2,
    ),
    ("United Nations", GuestKind::OutsideBody, 1),
    (
        "Trilateral Cooperation Secretariat (Japan, China, Republic of Korea)",
        GuestKind::OutsideBody,
        2,
    ),
    ("NEAR Secretariat", GuestKind::OutsideBody, 12),
];

async fn load_attendance(tx: &mut Tx, assembly: i64, members: &Members) -> Result<()> {
    let present = MEMBERS
        .iter()
        .map(|(_, name)| *name)
        .filter(|name| !ABSENT.contains(name))
        .chain([ASSOCIATE.1, APPLICANT.1]);
    for name in present {
        let delegates = LARGER_DELEGATIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(3, |(_, d)| *d);
        let line = NewAttendance {
            member_id: Some(members.id(name)?),
            guest_name: None,
            guest_kind: None,
            mode: if name == GYEONGBUK {
                AttendanceMode::InPerson
            } else {
                AttendanceMode::Online
            },
            delegates,
        };
        insert_attendance(tx, assembly, &line).await?;
    }
    for (name, kind, delegates) in GUESTS {
        let line = NewAttendance {
            member_id: None,
            guest_name: Some((*name).into()),
            guest_kind: Some(*kind),
            mode: AttendanceMode::Online,
            delegates: *delegates,
        };
        insert_attendance(tx, assembly, &line).await?;
    }
    Ok(())
}

/// A demo account and its password, to print once.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: crate::auth::Role,
    pub email: String,
    pub password: String,
    pub member: Option<String>,
}

/// "Ulsan Metropolitan City" → "ulsan-metropolitan-city".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Creates the demo's accounts with random passwords: one organizer of the secretariat and one
/// delegate for each active member government present at the 13th assembly.
pub async fn load_accounts(db: &Db) -> Result<Vec<DemoAccount>> {
    use crate::auth::Role;
    let present = MEMBERS
        .iter()
        .map(|(_, n)| *n)
        .filter(|n| !ABSENT.contains(n))
        .chain([ASSOCIATE.1]);
    let mut wanted = vec![(
        Role::Organizer,
        "secretariat@near.example".to_owned(),
        "NEAR Secretariat".to_owned(),
        None,
    )];
    for name in present {
        wanted.push((
            Role::Delegate,
            format!("{}@delegates.near.example", slug(name)),
            format!("Delegate of {name}"),
            Some(name),
        ));
    }
    let mut accounts = Vec::new();
    for (role, email, display, member) in wanted {
        let member_id = match member {
            Some(m) => Some(member_id(db, m).await?.ok_or_else(|| Error::not_found(m))?),
            None => None,
        };
        let password = crate::secrets::new_password();
        let user = NewUser {
            email: email.clone(),
            name: display,
            role,
            member_id,
        };
        crate::actions::add_user_from_cli(db, &user, &password).await?;
        accounts.push(DemoAccount {
            role,
            email,
            password,
            member: member.map(String::from),
        });
    }
    Ok(accounts)
}

/// The id of the member government named `name`.
pub async fn member_id(db: &Db, name: &str) -> Result<Option<i64>> {
    let mut tx = db.read().await?;
    member_id_by_name(&mut tx, name).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            super::slug("Republic of Sakha (Yakutia)"),
            "republic-of-sakha-yakutia"
        );
        assert_eq!(
            super::slug("Gyeongsangbuk-do Province"),
            "gyeongsangbuk-do-province"
        );
    }
}
