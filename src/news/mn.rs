//! The news draft in Mongolian (Cyrillic script).
//!
//! Mongolian case endings follow the vowels of the word they attach to, which a name recorded
//! in Latin letters does not reveal. The sentences therefore never put a case ending on a
//! recorded name: a name stands as a subject (verbs do not agree with it), before a noun of
//! ours, or after a dash. Endings go only on our own words and on numbers, whose vowels are
//! known (`front`).

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, list, spaced, Writer};
use crate::model::{AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName, ReportRecord};

pub(super) struct Mongolian;

/// Whether a number, read aloud, ends in a word with front vowels (нэг 1, дөрөв 4, ес 9,
/// дөч 40, ер 90), so that its endings take front vowels too: "79 дүгээр" but "13 дугаар".
pub(super) fn front(n: i64) -> bool {
    let n = n.abs();
    match (n % 10, n / 10 % 10) {
        (0, 0) => false, // зуу, мянга: back vowels
        (0, tens) => matches!(tens, 4 | 9),
        (ones, _) => matches!(ones, 1 | 4 | 9),
    }
}

/// "13 дугаар", "79 дүгээр".
pub(super) fn ordinal(n: i64) -> String {
    format!(
        "{n} {}",
        if front(n) {
            "дүгээр"
        } else {
            "дугаар"
        }
    )
}

/// "2021 оны 8-р сарын 10".
pub(super) fn date(d: NaiveDate) -> String {
    format!("{} оны {}-р сарын {}", d.year(), d.month(), d.day())
}

/// "2021 оны 8-р сарын 10-ны": the date in the genitive, before "өдөр" (day).
fn of_day(d: NaiveDate) -> String {
    let ending = if front(i64::from(d.day())) {
        "ний"
    } else {
        "ны"
    };
    format!("{}-{ending}", date(d))
}

/// "2021 оны 8-р сарын 10-ны өдөр": the day as the time of a sentence.
fn on_day(d: NaiveDate) -> String {
    format!("{} өдөр", of_day(d))
}

fn when(f: &Facts) -> String {
    if f.start == f.end {
        on_day(f.start)
    } else {
        // From one day ("өдрөөс") until the other ("өдөр хүртэл").
        format!("{} өдрөөс {} өдөр хүртэл", of_day(f.start), of_day(f.end))
    }
}

fn country(c: &CountryName) -> &str {
    match c.code.trim().to_ascii_uppercase().as_str() {
        "CN" => "Хятад",
        "JP" => "Япон",
        "KR" => "Өмнөд Солонгос",
        "MN" => "Монгол",
        "RU" => "Орос",
        "VN" => "Вьетнам",
        _ => c.name.trim(),
    }
}

fn member(m: &MemberName) -> String {
    format!("{} ({})", m.name.trim(), country(&m.country))
}

fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    list(items, ", ", " болон ")
}

/// "NEAR холбооны 13 дугаар Ерөнхий ассамблей".
fn assembly(f: &Facts) -> String {
    format!(
        "{} холбооны {} Ерөнхий ассамблей",
        f.short_name,
        ordinal(f.number)
    )
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::WelcomingRemarks => "мэндчилгээ үг",
        AgendaItemKind::OpeningRemarks => "нээлтийн үг",
        AgendaItemKind::CongratulatorySpeech => "баяр хүргэсэн үг",
        AgendaItemKind::GuestSpeech => "зочны баяр хүргэсэн үг",
        _ => "үг",
    }
}

fn speaker(s: &Speech) -> String {
    let details: Vec<&str> = s.title.into_iter().chain(s.affiliation).collect();
    if details.is_empty() {
        s.name.to_owned()
    } else {
        format!("{} ({})", s.name, details.join(", "))
    }
}

fn figures(c: &Counts) -> String {
    let mut parts = vec![format!("дэмжсэн {}", c.yes)];
    if c.no > 0 {
        parts.push(format!("эсэргүүцсэн {}", c.no));
    }
    if c.abstain > 0 {
        parts.push(format!("түдгэлзсэн {}", c.abstain));
    }
    parts.join(", ")
}

fn in_brackets(c: &Option<Counts>) -> String {
    c.as_ref()
        .map(|c| format!(" ({})", figures(c)))
        .unwrap_or_default()
}

fn rule(r: VoteRule) -> &'static str {
    match r {
        VoteRule::Unanimous => "санал нэгтэй байх",
        VoteRule::Consensus => "зөвшилцөл",
        VoteRule::TwoThirds => "гуравны хоёрын олонх",
        VoteRule::SimpleMajority => "энгийн олонх",
    }
}

/// The predicate of a decision, in the impersonal active of Mongolian news ("…-ыг дэмжлээ").
fn approved(how: &How, c: &Option<Counts>) -> String {
    match how {
        How::Unanimously => match c {
            Some(c) => format!(
                "санал нэгтэй дэмжлээ (оролцсон {} гишүүнээс {} нь дэмжсэн)",
                c.present, c.yes
            ),
            None => "санал нэгтэй дэмжлээ".to_owned(),
        },
        How::Consensus => format!("зөвшилцлөөр, эсэргүүцэлгүйгээр дэмжлээ{}", in_brackets(c)),
        How::TwoThirds => format!("гуравны хоёрын олонхийн саналаар дэмжлээ{}", in_brackets(c)),
        How::Majority => format!("энгийн олонхийн саналаар дэмжлээ{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!(
                "эсэргүүцэлгүйгээр, алга ташин дэмжлээ (хуралд {} гишүүн оролцсон)",
                c.present
            ),
            None => "эсэргүүцэлгүйгээр, алга ташин дэмжлээ".to_owned(),
        },
        How::Acclamation(objectors) => format!(
            "{} эсэргүүцсэн боловч алга ташин дэмжлээ",
            and_list(objectors)
        ),
        How::Plain => "дэмжлээ".to_owned(),
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
                "хурлын ирц хүрээгүй тул дэмжээгүй (хуралд {} гишүүн оролцсон)",
                c.present
            ),
            _ if !objections.is_empty() => {
                format!("{} эсэргүүцсэн тул дэмжээгүй", and_list(objections))
            }
            (Some(c), Some(r)) => format!("дэмжээгүй ({}; шаардлага: {})", figures(c), rule(*r)),
            (counts, _) => format!("дэмжээгүй{}", in_brackets(counts)),
        },
        Verdict::Noted => "анхааралдаа авлаа".to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let verdict = verdict(&d.verdict);
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "{} {} бүрэн эрхийн хугацаанд {short_name} холбооны даргаар ажиллах хүсэлт гаргасныг {verdict}.",
                member(applicant),
                ordinal(*term)
            );
            if approved {
                s += &format!(
                    " Ингэснээр {} {} бүрэн эрхийн хугацаанд {short_name} холбооны даргаар ажиллана.",
                    applicant.name.trim(),
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
                Standing::Associate => "хамтрагч гишүүнээр",
                Standing::Observer => "ажиглагчаар",
                _ => "гишүүнээр",
            };
            let mut s = format!(
                "{} {short_name} холбоонд {asked} элсэх хүсэлт гаргасныг {verdict}.",
                member(applicant)
            );
            if approved {
                let now = match st {
                    Standing::Ordinal(n) => format!("{} гишүүн", ordinal(*n)),
                    Standing::Member => "гишүүн".to_owned(),
                    Standing::Associate => "хамтрагч гишүүн".to_owned(),
                    Standing::Observer => "ажиглагч".to_owned(),
                };
                s += &format!(
                    " Ингэснээр {} {short_name} холбооны {now} боллоо.",
                    applicant.name.trim()
                );
            }
            s
        }
        Subject::Question(q) => format!("“{}” асуудлыг {verdict}.", clause(q)),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let mut including = Vec::new();
    if f.members > 0 {
        let from = if f.countries > 0 {
            format!("{} улсын ", f.countries)
        } else {
            String::new()
        };
        including.push(format!("{from}{} гишүүн засаг захиргаа", f.members));
    }
    if !f.associates.is_empty() {
        including.push(format!("хамтрагч гишүүн {}", and_list(&f.associates)));
    }
    let including = if including.is_empty() {
        String::new()
    } else {
        format!("{} зэрэг нийт ", including.join(", "))
    };
    let people = f.people.map(|p| match p {
        People::Exactly(n) => format!("{n} хүн"),
        People::Over(n) => format!("{n} гаруй хүн"),
    });
    match (people, f.governments > 0) {
        (Some(p), true) => Some(format!(
            "Хуралд {including}{} бүс нутгийн засаг захиргааны {p} оролцлоо.",
            f.governments
        )),
        (Some(p), false) => Some(format!("Хуралд {p} оролцлоо.")),
        (None, true) => Some(format!(
            "Хуралд {including}{} бүс нутгийн засаг захиргаа оролцлоо.",
            f.governments
        )),
        (None, false) => None,
    }
}

fn report_details(r: &ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!("Үр дүн ({committee}): {}", closed(outcomes, ".")));
    }
    if let Some((place, day)) = next_meeting(r) {
        let parts: Vec<String> = day
            .map(date)
            .into_iter()
            .chain(place.map(str::to_owned))
            .collect();
        sentences.push(format!(
            "Дараагийн хурал ({committee}): {}.",
            parts.join(", ")
        ));
    }
    sentences
}

impl Writer for Mongolian {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => {
                    let standing = match one.standing {
                        Standing::Ordinal(n) => format!("{} гишүүнээр", ordinal(n)),
                        Standing::Member => "гишүүнээр".to_owned(),
                        Standing::Associate => "хамтрагч гишүүнээр".to_owned(),
                        Standing::Observer => "ажиглагчаар".to_owned(),
                    };
                    format!("{name}: {} {standing} элслээ", one.member.name.trim())
                }
                many => format!("{name}: {} шинээр элслээ", and_list(&admitted_names(many))),
            },
            Notable::Chair { member, term } => format!(
                "{name}: {} {} бүрэн эрхийн хугацааны даргаар сонгогдлоо",
                member.name.trim(),
                ordinal(*term)
            ),
            Notable::Slogan(slogan) => format!("{name} боллоо: “{slogan}”"),
            Notable::PlaceAndDate => {
                let place = match f.mode {
                    AssemblyMode::Online => "цахимаар".to_owned(),
                    _ => f.venue.to_owned(),
                };
                let day = if f.start == f.end {
                    date(f.start)
                } else {
                    format!("{} – {}", date(f.start), date(f.end))
                };
                format!("{name} боллоо ({place}, {day})")
            }
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let how = match f.mode {
            AssemblyMode::Online => "цахим хэлбэрээр",
            AssemblyMode::InPerson => "танхимаар",
            AssemblyMode::Hybrid => "танхимын болон цахим хосолсон хэлбэрээр",
        };
        let mut sentences = vec![format!("{} {} {how} боллоо.", assembly(f), when(f))];
        sentences.push(format!("Хурлын газар: {}.", clause(f.venue)));
        if let Some(host) = f.host {
            sentences.push(format!("Зохион байгуулагч: {}.", clause(host)));
        }
        if let Some(slogan) = f.slogan {
            sentences.push(closed(&format!("Уриа: “{slogan}”"), "."));
        }
        sentences.extend(participation(f));
        spaced(sentences).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "{} холбоо {founded} онд байгуулагдсан бөгөөд энэ удаагийн ассамблей холбооны {years} жилийн ойд тохиолоо.",
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!(" (шалтгаан: {reason})")
            };
            sentences.push(format!(
                "Хурлыг анх {} хийхээр төлөвлөж байсан боловч {} хүртэл хойшлуулсан{reason}.",
                on_day(p.from_date),
                on_day(p.to_date)
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
                    " (видео бичлэгээр)"
                } else {
                    ""
                };
                format!("{} — {}{video}", speaker(s), speech_kind(s.kind))
            })
            .collect();
        (!speeches.is_empty()).then(|| {
            format!(
                "Нээлтийн ёслолд дараах хүмүүс үг хэлэв: {}.",
                speeches.join("; ")
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
        let groups: Vec<String> = f
            .reports
            .iter()
            .map(|g| {
                let by_member: Vec<String> = g
                    .items
                    .iter()
                    .map(|m| format!("{} ({})", m.member, committees(&m.reports).join(", ")))
                    .collect();
                format!("{} — {}", country(g.country), by_member.join(", "))
            })
            .collect();
        if groups.is_empty() {
            return None;
        }
        let mut sentences = vec![format!(
            "Хороодын үйл ажиллагааны тайланг танилцуулсан гишүүд: {}.",
            groups.join("; ")
        )];
        for report in f
            .reports
            .iter()
            .flat_map(|g| &g.items)
            .flat_map(|m| &m.reports)
        {
            sentences.extend(report_details(report));
        }
        spaced(sentences)
    }

    fn presentations(&self, f: &Facts) -> Option<String> {
        let groups: Vec<String> = f
            .presentations
            .iter()
            .map(|g| {
                let names: Vec<String> = g
                    .items
                    .iter()
                    .map(|p| match presenter(p) {
                        (name, Some(topic)) => format!("{name} (“{topic}”)"),
                        (name, None) => name.to_owned(),
                    })
                    .collect();
                format!("{} — {}", country(g.country), and_list(&names))
            })
            .collect();
        (!groups.is_empty()).then(|| {
            format!(
                "Гишүүн засаг захиргаадын төлөөлөх илтгэл: {}.",
                groups.join("; ")
            )
        })
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!(" ({t}, орон нутгийн цагаар)"))
                .unwrap_or_default();
        let mut text = format!("Хурлаас “{}” баримт бичгийг баталлаа{at}.", d.title);
        if d.languages > 1 {
            text += &format!(" Баримт бичиг {} хэл дээр бэлтгэгдсэн.", d.languages);
        }
        Some(text)
    }
}
