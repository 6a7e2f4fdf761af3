//! What a news item says, read once from the record before any language is chosen: which fact
//! leads, how each decision came out, who spoke, and who reported and presented, by country.
//!
//! Reading it once keeps the six languages telling the same story; they differ only in words.

use chrono::{Datelike, NaiveDate};

use crate::model::{
    AgendaItemKind, AgendaItemStatus, AssemblyMode, DecisionOutcome, Delivery, MemberKind,
    SessionKind, VoteRule,
};
use crate::record::{
    CountryName, DecisionRecord, DecisionSubject, MemberName, PresentationRecord, Record,
    ReportRecord,
};
use crate::tally::Outcome;
use crate::views::{PostponementView, SpeakerView};

/// The facts of one assembly, in no language.
pub(super) struct Facts<'a> {
    pub short_name: &'a str,
    pub association: &'a str,
    pub number: i64,
    pub slogan: Option<&'a str>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub venue: &'a str,
    pub host: Option<&'a str>,
    pub mode: AssemblyMode,
    pub founded: Option<i64>,
    /// Years since the association was founded, when the assembly falls on a round anniversary.
    pub anniversary: Option<i64>,
    pub postponements: &'a [PostponementView],
    pub people: Option<People>,
    pub governments: i64,
    pub members: i64,
    pub countries: i64,
    pub associates: Vec<&'a str>,
    pub notable: Notable<'a>,
    pub speeches: Vec<Speech<'a>>,
    pub decisions: Vec<Decision<'a>>,
    pub reports: Vec<Group<'a, MemberReports<'a>>>,
    pub presentations: Vec<Group<'a, &'a PresentationRecord>>,
    pub declaration: Option<Declaration<'a>>,
}

/// How many people took part, as a news item says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum People {
    /// A round number, or one too small to round: said as it is.
    Exactly(i64),
    /// "Over 240": the count floored to the ten below, because an exact 243 reads like a
    /// register rather than news.
    Over(i64),
}

/// The fact the headline leads with (see the module documentation of `news` for the rule).
pub(super) enum Notable<'a> {
    Admitted(Vec<Admission<'a>>),
    Chair { member: &'a MemberName, term: i64 },
    Slogan(&'a str),
    PlaceAndDate,
}

/// A member admitted by this assembly.
pub(super) struct Admission<'a> {
    pub member: &'a MemberName,
    pub standing: Standing,
}

/// What a membership application asks to become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// A full member with its order of admission ("the 79th member").
    Ordinal(i64),
    Member,
    Associate,
    Observer,
}

/// One speech of the opening ceremony.
pub(super) struct Speech<'a> {
    pub kind: AgendaItemKind,
    /// The person's name, or the body that spoke when no person is named.
    pub name: &'a str,
    pub title: Option<&'a str>,
    /// Where the speaker comes from, unless the title already says it.
    pub affiliation: Option<&'a str>,
    pub video: bool,
}

/// A standing decision: what it was about and how it came out.
pub(super) struct Decision<'a> {
    pub subject: Subject<'a>,
    pub verdict: Verdict<'a>,
}

pub(super) enum Subject<'a> {
    Chair {
        applicant: &'a MemberName,
        term: i64,
    },
    Membership {
        applicant: &'a MemberName,
        standing: Standing,
    },
    Question(&'a str),
}

/// The figures of a counted vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Counts {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    /// Eligible members present.
    pub present: i64,
}

pub(super) enum Verdict<'a> {
    Approved {
        how: How<'a>,
        counts: Option<Counts>,
    },
    NotApproved {
        counts: Option<Counts>,
        /// The rule the vote did not meet.
        rule: Option<VoteRule>,
        /// Members whose objection stopped a decision by acclamation.
        objections: &'a [String],
        no_quorum: bool,
    },
    Noted,
}

/// How an approval was reached.
pub(super) enum How<'a> {
    Unanimously,
    Consensus,
    TwoThirds,
    Majority,
    /// By acclamation, over the objection of these members (none: nobody objected).
    Acclamation(&'a [String]),
    /// Approved with no vote recorded.
    Plain,
}

/// Items of one country, in the order the country first appears in the record.
pub(super) struct Group<'a, T> {
    pub country: &'a CountryName,
    pub items: Vec<T>,
}

/// The reports one member presented.
pub(super) struct MemberReports<'a> {
    pub member: &'a str,
    pub reports: Vec<&'a ReportRecord>,
}

pub(super) struct Declaration<'a> {
    pub title: &'a str,
    /// The venue's clock time of the adoption, "13:05".
    pub at: Option<&'a str>,
    /// How many languages the adopted text exists in.
    pub languages: usize,
}

impl<'a> Facts<'a> {
    pub fn read(record: &'a Record) -> Self {
        let association = &record.association;
        let assembly = &record.assembly;
        let attendance = &record.attendance;
        let slogan = text(&assembly.slogan);
        let decisions: Vec<Decision> = record.standing_decisions().map(decision).collect();
        let founded = (association.founded_year > 0).then_some(association.founded_year);
        Facts {
            short_name: association.short_name.trim(),
            association: association.name.trim(),
            number: assembly.number,
            slogan,
            start: assembly.start_date,
            end: assembly.end_date,
            venue: assembly.venue.trim(),
            host: text(&assembly.host),
            mode: assembly.mode,
            founded,
            anniversary: founded.and_then(|year| anniversary(assembly.start_date, year)),
            postponements: &assembly.postponements,
            people: people(attendance.people),
            governments: attendance.governments,
            members: attendance.members,
            countries: attendance.countries,
            associates: attendance
                .associates
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .collect(),
            notable: notable(&decisions, slogan),
            speeches: speeches(record),
            decisions,
            reports: reports(record),
            presentations: by_country(record.presentations.iter().map(|p| (&p.member.country, p))),
            declaration: record.declaration.as_ref().map(|d| Declaration {
                title: d.title.trim(),
                at: d
                    .adopted_at
                    .as_ref()
                    .map(|t| t.local.trim())
                    .filter(|t| !t.is_empty()),
                languages: languages(d.texts.iter().map(|t| t.language.as_str())),
            }),
        }
    }
}

/// Recorded text that may be missing or blank.
pub(super) fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The people count as a news item gives it; none when nobody was counted.
pub(super) fn people(count: i64) -> Option<People> {
    match count {
        ..=0 => None,
        n if n % 10 == 0 || n < 10 => Some(People::Exactly(n)),
        n => Some(People::Over(n / 10 * 10)),
    }
}

/// Years since the founding, when they make a round anniversary (every fifth year): a 33rd
/// anniversary is not news, a 25th is.
pub(super) fn anniversary(start: NaiveDate, founded: i64) -> Option<i64> {
    let years = i64::from(start.year()) - founded;
    (years > 0 && years % 5 == 0).then_some(years)
}

fn notable<'a>(decisions: &[Decision<'a>], slogan: Option<&'a str>) -> Notable<'a> {
    let approved = |d: &&Decision| matches!(d.verdict, Verdict::Approved { .. });
    let admitted: Vec<Admission> = decisions
        .iter()
        .filter(approved)
        .filter_map(|d| match d.subject {
            Subject::Membership {
                applicant,
                standing,
            } => Some(Admission {
                member: applicant,
                standing,
            }),
            _ => None,
        })
        .collect();
    if !admitted.is_empty() {
        return Notable::Admitted(admitted);
    }
    let chair = decisions
        .iter()
        .filter(approved)
        .find_map(|d| match d.subject {
            Subject::Chair { applicant, term } => Some(Notable::Chair {
                member: applicant,
                term,
            }),
            _ => None,
        });
    chair.unwrap_or(match slogan {
        Some(s) => Notable::Slogan(s),
        None => Notable::PlaceAndDate,
    })
}

/// The speakers of `Record::opening_speakers`, with the kind of item each spoke in. Speakers of
/// items that were skipped or deferred are left out: the news must not say they spoke.
fn speeches(record: &Record) -> Vec<Speech<'_>> {
    record
        .sessions
        .iter()
        .filter(|s| s.kind == SessionKind::OpeningCeremony)
        .flat_map(|s| &s.items)
        .filter(|i| {
            !matches!(
                i.status,
                AgendaItemStatus::Skipped | AgendaItemStatus::Deferred
            )
        })
        .flat_map(|i| i.speakers.iter().map(move |s| speech(i.kind, s)))
        .collect()
}

fn speech(kind: AgendaItemKind, speaker: &SpeakerView) -> Speech<'_> {
    let body = text(&speaker.affiliation).or(text(&speaker.on_behalf_of));
    let name = text(&speaker.name).or(body).unwrap_or(speaker.role.trim());
    let title = text(&speaker.title);
    // "former Secretary-General of the United Nations" already says where Ban Ki-moon comes
    // from; repeating "United Nations" after it would read as a mistake.
    let affiliation = body.filter(|b| {
        *b != name && !title.is_some_and(|t| t.to_lowercase().contains(&b.to_lowercase()))
    });
    Speech {
        kind,
        name,
        title,
        affiliation,
        video: speaker.delivery == Delivery::Video,
    }
}

fn standing(kind: MemberKind, ordinal: Option<i64>) -> Standing {
    match (kind, ordinal) {
        (MemberKind::Member, Some(n)) if n > 0 => Standing::Ordinal(n),
        (MemberKind::Member, _) => Standing::Member,
        (MemberKind::Associate, _) => Standing::Associate,
        (MemberKind::Observer, _) => Standing::Observer,
    }
}

fn decision(d: &DecisionRecord) -> Decision<'_> {
    let subject = match &d.subject {
        DecisionSubject::Chairmanship { applicant, term } => Subject::Chair {
            applicant,
            term: *term,
        },
        DecisionSubject::Membership {
            applicant,
            kind,
            ordinal,
        } => Subject::Membership {
            applicant,
            standing: standing(*kind, *ordinal),
        },
        DecisionSubject::Question { question } => Subject::Question(question.trim()),
    };
    Decision {
        subject,
        verdict: verdict(d),
    }
}

/// The decision's own outcome says whether it passed; the vote's tally gives the figures.
fn verdict(d: &DecisionRecord) -> Verdict<'_> {
    let rule = d.vote.as_ref().map(|v| v.rule);
    let tally = d.vote.as_ref().and_then(|v| v.tally.as_ref());
    let counts = tally.map(|t| Counts {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        present: t.present,
    });
    match d.outcome {
        DecisionOutcome::Noted => Verdict::Noted,
        DecisionOutcome::Approved => {
            let how = if d.acclamation {
                How::Acclamation(&d.objections)
            } else {
                match rule {
                    Some(VoteRule::Unanimous) => How::Unanimously,
                    Some(VoteRule::Consensus) => How::Consensus,
                    Some(VoteRule::TwoThirds) => How::TwoThirds,
                    Some(VoteRule::SimpleMajority) => How::Majority,
                    None => How::Plain,
                }
            };
            Verdict::Approved { how, counts }
        }
        DecisionOutcome::Rejected => Verdict::NotApproved {
            counts,
            rule,
            objections: &d.objections,
            no_quorum: tally.is_some_and(|t| t.outcome == Outcome::NoQuorum),
        },
    }
}

/// Whether two recorded countries are the same: by ISO code when both have one.
fn same_country(a: &CountryName, b: &CountryName) -> bool {
    let (x, y) = (a.code.trim(), b.code.trim());
    if !x.is_empty() && !y.is_empty() {
        x.eq_ignore_ascii_case(y)
    } else {
        a.name.trim() == b.name.trim()
    }
}

/// Groups items by country, countries in the order they first appear (the agenda's order), so
/// the text follows the meeting and never depends on a sort of translated names.
pub(super) fn by_country<'a, T>(
    items: impl Iterator<Item = (&'a CountryName, T)>,
) -> Vec<Group<'a, T>> {
    let mut groups: Vec<Group<'a, T>> = Vec::new();
    for (country, item) in items {
        match groups.iter_mut().find(|g| same_country(g.country, country)) {
            Some(group) => group.items.push(item),
            None => groups.push(Group {
                country,
                items: vec![item],
            }),
        }
    }
    groups
}

/// Reports by country, and within a country by presenting member.
fn reports(record: &Record) -> Vec<Group<'_, MemberReports<'_>>> {
    by_country(
        record
            .reports
            .iter()
            .map(|r| (&r.presenting_member.country, r)),
    )
    .into_iter()
    .map(|group| {
        let mut members: Vec<MemberReports> = Vec::new();
        for report in group.items {
            let member = report.presenting_member.name.trim();
            match members.iter_mut().find(|m| m.member == member) {
                Some(m) => m.reports.push(report),
                None => members.push(MemberReports {
                    member,
                    reports: vec![report],
                }),
            }
        }
        Group {
            country: group.country,
            items: members,
        }
    })
    .collect()
}

/// Distinct languages among BCP 47 tags ("en" and "en-GB" are one).
fn languages<'a>(tags: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<String> = Vec::new();
    for tag in tags {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !primary.is_empty() && !seen.contains(&primary) {
            seen.push(primary);
        }
    }
    seen.len()
}

/// The committees named in a member's reports, each once, in order.
pub(super) fn committees<'a>(reports: &[&'a ReportRecord]) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for report in reports {
        let name = report.committee.trim();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The members admitted, by name.
pub(super) fn admitted_names<'a>(admitted: &[Admission<'a>]) -> Vec<&'a str> {
    admitted.iter().map(|a| a.member.name.trim()).collect()
}

/// A presentation's member and its topic, if recorded.
pub(super) fn presenter(p: &PresentationRecord) -> (&str, Option<&str>) {
    (p.member.name.trim(), text(&p.topic))
}

/// A report's next meeting, when either its place or its date is recorded.
pub(super) fn next_meeting(r: &ReportRecord) -> Option<(Option<&str>, Option<NaiveDate>)> {
    let place = text(&r.next_meeting_place);
    (place.is_some() || r.next_meeting_date.is_some()).then_some((place, r.next_meeting_date))
}
