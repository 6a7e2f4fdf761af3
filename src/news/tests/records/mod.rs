//! The records the drafts are written from, built by hand: the 13th General Assembly of NEAR as
//! recorded, an invented 20th that differs in every fact, and the small builders they share.

mod thirteenth;
mod twentieth;

use chrono::{NaiveDate, TimeZone, Utc};

use crate::model::*;
use crate::record::*;
use crate::tally::{self, Electorate};
use crate::views::{ShownTime, SpeakerView};

pub use thirteenth::{thirteenth, COMMITTEES, PRESENTERS};
pub use twentieth::twentieth;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(clock: &str) -> ShownTime {
    ShownTime {
        utc: format!("2021-08-10T{clock}:00Z"),
        local: clock.to_owned(),
    }
}

pub fn country(code: &str) -> CountryName {
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

pub fn member(name: &str, code: &str) -> MemberName {
    MemberName {
        name: name.into(),
        country: country(code),
    }
}

pub fn speaker(
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

pub fn item(id: i64, kind: AgendaItemKind, title: &str, speakers: Vec<SpeakerView>) -> RecordItem {
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

pub fn session(title: &str, kind: SessionKind, items: Vec<RecordItem>) -> RecordSession {
    RecordSession {
        id: 1,
        title: title.into(),
        kind,
        start: at("10:00"),
        end: Some(at("11:00")),
        items,
    }
}

pub fn near() -> RecordAssociation {
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
pub fn voted(
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

pub fn decision(
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

pub fn report(
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

pub fn presentation(id: i64, by: MemberName, topic: Option<&str>) -> PresentationRecord {
    PresentationRecord {
        id,
        agenda_item_id: None,
        member: by,
        topic: topic.map(String::from),
    }
}
