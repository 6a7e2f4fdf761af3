//! Loads the record of an assembly (`crate::record::Record`) in a handful of queries: the agenda
//! as the pages show it, then decisions with their votes and ballots, reports, presentations and
//! the declaration.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::pages::{attendance_lines, host_name, load_sessions, shown};
use super::{
    get_assembly, get_association, get_declaration, internal, list_postponements, on_tx, rows,
    stored, time_zone, Db, Tx,
};
use crate::attendance::{participants, summarize};
use crate::record::*;
use crate::tally::Tally;
use crate::Result;

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: i64,
    agenda_item_id: Option<i64>,
    vote_id: Option<i64>,
    outcome: String,
    effect: String,
    summary: String,
    decided_at: DateTime<Utc>,
    reversed_at: Option<DateTime<Utc>>,
    method: String,
    objections: Option<String>,
    application_kind: Option<String>,
    applicant: Option<String>,
    applicant_country_code: Option<String>,
    applicant_country: Option<String>,
    applicant_ordinal: Option<i64>,
    term: Option<i64>,
    membership_kind: Option<String>,
    question: Option<String>,
    rule: Option<String>,
    roll_call: Option<bool>,
    opened_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    result: Option<String>,
}

#[derive(sqlx::FromRow)]
struct BallotRow {
    vote_id: i64,
    member: String,
    country_code: String,
    country_name: String,
    choice: String,
    cast_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ContributionRow {
    id: i64,
    agenda_item_id: Option<i64>,
    committee: Option<String>,
    member: String,
    country_code: String,
    country_name: String,
    text: Option<String>,
    next_meeting_place: Option<String>,
    next_meeting_date: Option<NaiveDate>,
}

fn member_name(name: String, code: String, country: String) -> MemberName {
    MemberName {
        name,
        country: CountryName {
            code,
            name: country,
        },
    }
}

/// The record of assembly `number`.
pub async fn load_record(db: &Db, number: i64) -> Result<Record> {
    let mut record = db
        .reading(async |tx| {
            let a = get_assembly(tx, number).await?;
            let tz = time_zone(&a.time_zone)?;
            let association = get_association(tx).await?;
            let host = host_name(tx, &a).await?;
            let took_part = participants(&attendance_lines(tx, a.id).await?);
            let record = Record {
                association: RecordAssociation {
                    name: association.name,
                    short_name: association.short_name,
                    secretariat: association.secretariat,
                    founded_year: association.founded_year,
                    languages: association.languages,
                },
                assembly: RecordAssembly {
                    id: a.id,
                    number: a.number,
                    title: a.title,
                    slogan: a.slogan,
                    start_date: a.start_date,
                    end_date: a.end_date,
                    venue: a.venue,
                    host,
                    mode: a.mode,
                    time_zone: a.time_zone,
                    status: a.status,
                    postponements: list_postponements(tx, a.id).await?,
                },
                attendance: summarize(&took_part),
                attendees: took_part.into_iter().map(Attendee::from).collect(),
                sessions: sessions(tx, a.id, tz).await?,
                decisions: decisions(tx, a.id).await?,
                reports: reports(tx, a.id).await?,
                presentations: presentations(tx, a.id).await?,
                declaration: declaration(tx, a.id, tz).await?,
                active_members: active_members(tx).await?,
            };
            Ok(record)
        })
        .await?;
    if let (Some(d), Some(main)) = (
        &mut record.declaration,
        record.association.languages.first(),
    ) {
        d.texts
            .sort_by_key(|t| (&t.language != main, t.language.clone()));
    }
    Ok(record)
}

async fn active_members(tx: &mut Tx) -> Result<i64> {
    on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM members WHERE kind = 'member' AND status = 'active'").fetch_one(c).await)
    .map_err(internal)
}

async fn sessions(tx: &mut Tx, assembly_id: i64, tz: Tz) -> Result<Vec<RecordSession>> {
    let mut outcomes: BTreeMap<i64, String> = rows::<(i64, Option<String>)>(
        tx,
        "SELECT i.id, i.outcome FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE s.assembly_id = $1 AND i.outcome IS NOT NULL",
        assembly_id,
    )
    .await?
    .into_iter()
    .filter_map(|(id, o)| o.map(|o| (id, o)))
    .collect();
    Ok(load_sessions(tx, assembly_id, tz)
        .await?
        .into_iter()
        .map(|s| RecordSession {
            id: s.id,
            title: s.title,
            kind: s.kind,
            start: s.start,
            end: s.end,
            items: s
                .items
                .into_iter()
                .map(|i| RecordItem {
                    outcome: outcomes.remove(&i.id),
                    id: i.id,
                    kind: i.kind,
                    title: i.title,
                    status: i.status,
                    start: i.start,
                    end: i.end,
                    speakers: i.speakers,
                })
                .collect(),
        })
        .collect())
}

async fn decisions(tx: &mut Tx, assembly_id: i64) -> Result<Vec<DecisionRecord>> {
    let rows: Vec<DecisionRow> = rows(
        tx,
        "SELECT d.id, d.agenda_item_id, d.vote_id, d.outcome, d.effect, d.summary, d.decided_at,
                d.reversed_at, d.method, d.objections,
                ap.kind AS application_kind, m.name AS applicant, co.code AS applicant_country_code,
                co.name AS applicant_country, m.ordinal AS applicant_ordinal, ap.term, ap.membership_kind,
                v.question, v.rule, v.roll_call, v.opened_at, v.closed_at, v.result
         FROM decisions d
         LEFT JOIN applications ap ON ap.id = d.application_id
         LEFT JOIN members m ON m.id = ap.applicant_member_id
         LEFT JOIN countries co ON co.id = m.country_id
         LEFT JOIN votes v ON v.id = d.vote_id
         WHERE d.assembly_id = $1 ORDER BY d.decided_at, d.id",
        assembly_id,
    )
    .await?;
    let mut ballots = ballots(tx, assembly_id).await?;
    rows.into_iter()
        .map(|r| decision(r, &mut ballots))
        .collect()
}

fn decision(
    r: DecisionRow,
    ballots: &mut BTreeMap<i64, Vec<BallotRecord>>,
) -> Result<DecisionRecord> {
    let applicant = || {
        member_name(
            r.applicant.clone().unwrap_or_default(),
            r.applicant_country_code.clone().unwrap_or_default(),
            r.applicant_country.clone().unwrap_or_default(),
        )
    };
    let subject = match r.application_kind.as_deref() {
        Some("chairmanship") => DecisionSubject::Chairmanship {
            applicant: applicant(),
            term: r.term.unwrap_or_default(),
        },
        Some(_) => DecisionSubject::Membership {
            applicant: applicant(),
            kind: stored(
                "applications.membership_kind",
                r.membership_kind.as_deref().unwrap_or("member"),
            )?,
            // The ordinal is the admission's only while the decision stands.
            ordinal: r.applicant_ordinal.filter(|_| r.reversed_at.is_none()),
        },
        None => DecisionSubject::Question {
            question: r.question.clone().unwrap_or_else(|| r.summary.clone()),
        },
    };
    let vote = match (r.vote_id, r.rule, r.opened_at) {
        (Some(id), Some(rule), Some(opened_at)) => Some(VoteRecord {
            id,
            question: r.question.unwrap_or_default(),
            rule: stored("votes.rule", &rule)?,
            roll_call: r.roll_call.unwrap_or(true),
            opened_at,
            closed_at: r.closed_at,
            tally: r
                .result
                .map(|json| serde_json::from_str::<Tally>(&json))
                .transpose()
                .map_err(|e| {
                    tracing::error!(%e, "a stored tally does not parse");
                    crate::Error::Internal
                })?,
            ballots: ballots.remove(&id).unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(DecisionRecord {
        id: r.id,
        agenda_item_id: r.agenda_item_id,
        subject,
        outcome: stored("decisions.outcome", &r.outcome)?,
        effect: stored("decisions.effect", &r.effect)?,
        acclamation: r.method == "acclamation",
        objections: r
            .objections
            .map(|o| {
                o.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        summary: r.summary,
        decided_at: r.decided_at,
        reversed: r.reversed_at.is_some(),
        vote,
    })
}

/// The ballots of the assembly's roll-call votes, by vote; a secret vote's are never read.
async fn ballots(tx: &mut Tx, assembly_id: i64) -> Result<BTreeMap<i64, Vec<BallotRecord>>> {
    let rows: Vec<BallotRow> = rows(
        tx,
        "SELECT b.vote_id, m.name AS member, co.code AS country_code, co.name AS country_name,
                b.choice, b.cast_at
         FROM ballots b JOIN votes v ON v.id = b.vote_id
         JOIN members m ON m.id = b.member_id JOIN countries co ON co.id = m.country_id
         WHERE v.assembly_id = $1 AND v.roll_call = TRUE ORDER BY b.vote_id, co.name, m.name",
        assembly_id,
    )
    .await?;
    let mut by_vote: BTreeMap<i64, Vec<BallotRecord>> = BTreeMap::new();
    for b in rows {
        by_vote.entry(b.vote_id).or_default().push(BallotRecord {
            member: member_name(b.member, b.country_code, b.country_name),
            choice: stored("ballots.choice", &b.choice)?,
            cast_at: b.cast_at,
        });
    }
    Ok(by_vote)
}

async fn reports(tx: &mut Tx, assembly_id: i64) -> Result<Vec<ReportRecord>> {
    let rows: Vec<ContributionRow> = rows(
        tx,
        "SELECT r.id, r.agenda_item_id, c.name AS committee, m.name AS member, co.code AS country_code,
                co.name AS country_name, r.outcomes AS text, r.next_meeting_place, r.next_meeting_date
         FROM reports r JOIN committees c ON c.id = r.committee_id
         JOIN members m ON m.id = r.presenting_member_id JOIN countries co ON co.id = m.country_id
         WHERE r.assembly_id = $1 ORDER BY r.id",
        assembly_id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReportRecord {
            id: r.id,
            agenda_item_id: r.agenda_item_id,
            committee: r.committee.unwrap_or_default(),
            presenting_member: member_name(r.member, r.country_code, r.country_name),
            outcomes: r.text,
            next_meeting_place: r.next_meeting_place,
            next_meeting_date: r.next_meeting_date,
        })
        .collect())
}

async fn presentations(tx: &mut Tx, assembly_id: i64) -> Result<Vec<PresentationRecord>> {
    let rows: Vec<ContributionRow> = rows(
        tx,
        "SELECT p.id, p.agenda_item_id, NULL AS committee, m.name AS member, co.code AS country_code,
                co.name AS country_name, p.topic AS text, NULL AS next_meeting_place,
                NULL AS next_meeting_date
         FROM presentations p
         JOIN members m ON m.id = p.member_id JOIN countries co ON co.id = m.country_id
         WHERE p.assembly_id = $1 ORDER BY p.id",
        assembly_id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PresentationRecord {
            id: r.id,
            agenda_item_id: r.agenda_item_id,
            member: member_name(r.member, r.country_code, r.country_name),
            topic: r.text,
        })
        .collect())
}

async fn declaration(tx: &mut Tx, assembly_id: i64, tz: Tz) -> Result<Option<DeclarationRecord>> {
    Ok(get_declaration(tx, assembly_id)
        .await?
        .map(|d| DeclarationRecord {
            id: d.id,
            agenda_item_id: d.agenda_item_id,
            title: d.title,
            adopted_at: d.adopted_at.map(|at| shown(at, tz)),
            texts: d.texts,
        }))
}
