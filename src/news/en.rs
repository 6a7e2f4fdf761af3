//! The news draft in English, the association's working language and the model for the others.

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, list, spaced, Writer};
use crate::model::{ordinal, AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName};

pub(super) struct English;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "10 August 2021".
pub(super) fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "on 10 August 2021", or "from … to …" for an assembly of several days.
fn when(f: &Facts) -> String {
    if f.start == f.end {
        format!("on {}", date(f.start))
    } else {
        format!("from {} to {}", date(f.start), date(f.end))
    }
}

/// Small counts in words, as English prose writes them ("five countries"); larger ones in digits.
pub(super) fn number(n: i64) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    match usize::try_from(n) {
        Ok(i) if i < WORDS.len() => WORDS[i].to_owned(),
        _ => n.to_string(),
    }
}

/// "five countries", "one country".
fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// "1 member", "70 members": digits, for figures of a vote.
fn figure(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A country's English name is the register's own: the association chose it.
fn country(c: &CountryName) -> &str {
    c.name.trim()
}

/// A name as it stands in a sentence: "the Republic of Sakha (Yakutia)" takes an article that
/// "Shandong Province" does not.
fn the(name: &str) -> String {
    if name.starts_with("Republic ") || name.starts_with("Autonomous Republic ") {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

fn member(m: &MemberName) -> String {
    format!("{} ({})", the(m.name.trim()), country(&m.country))
}

fn quoted(text: &str) -> String {
    format!("“{text}”")
}

/// "at Far Eastern Federal University, Vladivostok", "online", for the headline's place.
fn place(f: &Facts) -> String {
    match f.mode {
        AssemblyMode::Online => "online".to_owned(),
        AssemblyMode::InPerson => format!("at {}", f.venue),
        AssemblyMode::Hybrid => format!("at {} and online", f.venue),
    }
}

/// "The 13th NEAR General Assembly".
fn assembly(f: &Facts) -> String {
    format!("{} {} General Assembly", ordinal(f.number), f.short_name)
}

fn standing(s: Standing, possessive: &str) -> String {
    match s {
        Standing::Ordinal(n) => format!("{possessive} {} member", ordinal(n)),
        Standing::Member => "a member".to_owned(),
        Standing::Associate => "an associate member".to_owned(),
        Standing::Observer => "an observer".to_owned(),
    }
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::WelcomingRemarks => "welcoming remarks",
        AgendaItemKind::OpeningRemarks => "opening remarks",
        AgendaItemKind::CongratulatorySpeech => "a congratulatory speech",
        AgendaItemKind::GuestSpeech => "a guest speech",
        _ => "remarks",
    }
}

fn speaker(s: &Speech) -> String {
    let mut parts = vec![s.name.to_owned()];
    parts.extend(s.title.map(str::to_owned));
    // A label ("Governor, Gyeongsangbuk-do Province"), so no article before the affiliation.
    parts.extend(s.affiliation.map(str::to_owned));
    parts.join(", ")
}

fn figures(c: &Counts) -> String {
    let mut parts = vec![format!("{} in favour", c.yes)];
    if c.no > 0 {
        parts.push(format!("{} against", c.no));
    }
    if c.abstain > 0 {
        parts.push(figure(c.abstain, "abstention", "abstentions"));
    }
    list(&parts, ", ", " and ")
}

fn rule(r: VoteRule) -> &'static str {
    match r {
        VoteRule::Unanimous => "unanimity",
        VoteRule::Consensus => "consensus",
        VoteRule::TwoThirds => "a two-thirds majority",
        VoteRule::SimpleMajority => "a simple majority",
    }
}

fn in_brackets(c: &Option<Counts>) -> String {
    c.as_ref()
        .map(|c| format!(" ({})", figures(c)))
        .unwrap_or_default()
}

fn approved(how: &How, c: &Option<Counts>) -> String {
    match how {
        How::Unanimously => match c {
            Some(c) => format!(
                "approved unanimously, {} of {} present in favour",
                c.yes,
                figure(c.present, "member", "members")
            ),
            None => "approved unanimously".to_owned(),
        },
        How::Consensus => format!(
            "approved by consensus, with no member objecting{}",
            in_brackets(c)
        ),
        How::TwoThirds => format!("approved by a two-thirds majority{}", in_brackets(c)),
        How::Majority => format!("approved by a simple majority{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!(
                "approved by acclamation, with no objection from the {} present",
                figure(c.present, "member", "members")
            ),
            None => "approved by acclamation, with no objection".to_owned(),
        },
        How::Acclamation(objectors) => format!(
            "approved by acclamation over the objection of {}",
            list(objectors, ", ", " and ")
        ),
        How::Plain => "approved".to_owned(),
    }
}

fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::Approved { how, counts } => approved(how, counts),
        Verdict::NotApproved {
            counts,
            rule: required,
            objections,
            no_quorum,
        } => match (counts, required) {
            (Some(c), _) if *no_quorum => format!(
                "not approved for want of a quorum ({} present)",
                figure(c.present, "member", "members")
            ),
            _ if !objections.is_empty() => format!(
                "not approved, {} having objected",
                list(objections, ", ", " and ")
            ),
            (Some(c), Some(r)) => {
                format!("not approved ({}; {} was required)", figures(c), rule(*r))
            }
            (counts, _) => format!("not approved{}", in_brackets(counts)),
        },
        Verdict::Noted => "noted".to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let verdict = verdict(&d.verdict);
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "The application of {} for the {} chairmanship was {verdict}.",
                member(applicant),
                ordinal(*term)
            );
            if approved {
                s += &format!(
                    " {} will chair {short_name} for the {} term.",
                    capitalized(&the(applicant.name.trim())),
                    ordinal(*term)
                );
            }
            s
        }
        Subject::Membership {
            applicant,
            standing: st,
        } => {
            let asked = match st {
                Standing::Associate => "associate membership",
                Standing::Observer => "observer status",
                _ => "membership",
            };
            let mut s = format!(
                "The application of {} for {asked} was {verdict}.",
                member(applicant)
            );
            if approved {
                s += &format!(
                    " {} was admitted as {} of {short_name}.",
                    capitalized(&the(applicant.name.trim())),
                    standing(*st, "the")
                );
            }
            s
        }
        Subject::Question(q) => format!("The question {} was {verdict}.", quoted(clause(q))),
    }
}

/// A name at the start of a sentence: "The Republic of Sakha …".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let governments = (f.governments > 0).then(|| {
        format!(
            "{} regional {}",
            f.governments,
            if f.governments == 1 {
                "government"
            } else {
                "governments"
            }
        )
    });
    let who = match (f.people, &governments) {
        (Some(p), Some(g)) => format!("{} from {g}", people(p)),
        (Some(p), None) => people(p),
        (None, Some(g)) => g.clone(),
        (None, None) => return None,
    };
    let mut including = Vec::new();
    if f.members > 0 {
        let mut members = format!(
            "{} member regional {}",
            f.members,
            if f.members == 1 {
                "government"
            } else {
                "governments"
            }
        );
        if f.countries > 0 {
            members += &format!(" from {}", counted(f.countries, "country", "countries"));
        }
        including.push(members);
    }
    if !f.associates.is_empty() {
        let noun = if f.associates.len() == 1 {
            "the associate member"
        } else {
            "the associate members"
        };
        including.push(format!("{noun} {}", list(&f.associates, ", ", " and ")));
    }
    let including = if including.is_empty() {
        String::new()
    } else {
        format!(", including {}", list(&including, ", ", " and "))
    };
    Some(format!("The assembly brought together {who}{including}."))
}

fn people(p: People) -> String {
    match p {
        People::Exactly(1) => "one person".to_owned(),
        People::Exactly(n) => format!("{} people", number(n)),
        People::Over(n) => format!("over {n} people"),
    }
}

impl Writer for English {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => format!(
                    "{name} admits {} as {}",
                    the(one.member.name.trim()),
                    standing(one.standing, "its")
                ),
                many => format!(
                    "{name} admits {} as new members",
                    list(&admitted_names(many), ", ", " and ")
                ),
            },
            Notable::Chair { member, term } => format!(
                "{name} elects {} to chair the {} term",
                the(member.name.trim()),
                ordinal(*term)
            ),
            Notable::Slogan(slogan) => {
                format!("{name} meets under the slogan {}", quoted(slogan))
            }
            Notable::PlaceAndDate => format!("{name} held {} {}", place(f), when(f)),
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let how = match f.mode {
            AssemblyMode::Online => format!("was held online {}, run from {}", when(f), f.venue),
            AssemblyMode::InPerson => format!("was held in person at {} {}", f.venue, when(f)),
            AssemblyMode::Hybrid => format!(
                "was held both in person at {} and online {}",
                f.venue,
                when(f)
            ),
        };
        let mut first = format!(
            "The {} General Assembly of the {} ({}) {how}",
            ordinal(f.number),
            f.association,
            f.short_name
        );
        if let Some(host) = f.host {
            first += &format!(", hosted by {}", the(host));
        }
        let first = match f.slogan {
            Some(slogan) => closed(
                &format!("{first}, under the slogan {}", quoted(slogan)),
                ".",
            ),
            None => format!("{first}."),
        };
        spaced(vec![first, participation(f).unwrap_or_default()]).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "The assembly marked the {} anniversary of {}, founded in {founded}.",
                ordinal(years),
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!(" (reason given: {reason})")
            };
            sentences.push(format!(
                "It had been postponed from {} to {}{reason}.",
                date(p.from_date),
                date(p.to_date)
            ));
        }
        spaced(sentences)
    }

    fn opening(&self, f: &Facts) -> Option<String> {
        let speeches: Vec<String> = f
            .speeches
            .iter()
            .map(|s| {
                let video = if s.video {
                    ", delivered as a video message"
                } else {
                    ""
                };
                format!("{} by {}{video}", speech_kind(s.kind), speaker(s))
            })
            .collect();
        (!speeches.is_empty()).then(|| {
            format!(
                "The opening ceremony heard {}.",
                list(&speeches, "; ", "; and ")
            )
        })
    }

    fn decisions(&self, f: &Facts) -> Option<String> {
        spaced(
            f.decisions
                .iter()
                .map(|d| decision(d, f.short_name))
                .collect(),
        )
    }

    fn reports(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        for group in &f.reports {
            let by_member: Vec<String> = group
                .items
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let committees: Vec<String> = committees(&m.reports)
                        .iter()
                        .map(|c| format!("the {c}"))
                        .collect();
                    let verb = if i == 0 { " reported on " } else { " on " };
                    format!(
                        "{}{verb}{}",
                        the(m.member),
                        list(&committees, ", ", " and ")
                    )
                })
                .collect();
            sentences.push(format!(
                "From {}, {}.",
                country(group.country),
                list(&by_member, ", ", " and ")
            ));
            for report in group.items.iter().flat_map(|m| &m.reports) {
                sentences.extend(report_details(report));
            }
        }
        spaced(sentences)
    }

    fn presentations(&self, f: &Facts) -> Option<String> {
        let count: usize = f.presentations.iter().map(|g| g.items.len()).sum();
        let groups: Vec<String> = f
            .presentations
            .iter()
            .map(|g| {
                let names: Vec<String> = g
                    .items
                    .iter()
                    .map(|p| match presenter(p) {
                        (name, Some(topic)) => format!("{} on {}", the(name), quoted(topic)),
                        (name, None) => the(name),
                    })
                    .collect();
                format!("{} ({})", list(&names, ", ", " and "), country(g.country))
            })
            .collect();
        let noun = if count == 1 {
            "a presentation"
        } else {
            "presentations"
        };
        // Semicolons only when a country lists several members, whose own "and" would blur
        // where one country ends and the next begins.
        let several = f.presentations.iter().any(|g| g.items.len() > 1);
        let groups = if several {
            list(&groups, "; ", "; and ")
        } else {
            list(&groups, ", ", " and ")
        };
        (count > 0).then(|| format!("The assembly heard {noun} by {groups}."))
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!(" at {t} (venue time)"))
                .unwrap_or_default();
        let mut text = format!("The assembly adopted the {}{at}.", d.title);
        if d.languages > 1 {
            text += &format!(
                " Its text exists in {}.",
                counted(d.languages as i64, "language", "languages")
            );
        }
        Some(text)
    }
}

/// Outcomes and next meeting of one report, as recorded.
fn report_details(r: &crate::record::ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!(
            "Outcomes reported for the {committee}: {}",
            closed(outcomes, ".")
        ));
    }
    if let Some((place, day)) = next_meeting(r) {
        let place = place.map(|p| format!(" in {p}")).unwrap_or_default();
        let day = day.map(|d| format!(" on {}", date(d))).unwrap_or_default();
        sentences.push(format!("The {committee} will next meet{place}{day}."));
    }
    sentences
}
