//! The news draft in Russian.
//!
//! Recorded names stay in Latin letters and do not decline, so no verb is made to agree with
//! one (its gender is unknown): the sentences have the assembly, a document or a noun of ours as
//! their subject, or join a name with a dash.

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, list, spaced, Writer};
use crate::model::{AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName, ReportRecord};

pub(super) struct Russian;

/// Months in the genitive, as a date needs them ("10 августа").
const MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// "10 августа 2021 г.".
pub(super) fn date(d: NaiveDate) -> String {
    format!(
        "{} {} {} г.",
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

fn when(f: &Facts) -> String {
    if f.start == f.end {
        date(f.start)
    } else {
        format!("с {} по {}", date(f.start), date(f.end))
    }
}

/// The form of a noun after a number in the nominative: 1 член, 2 члена, 5 членов (21 член,
/// 11 членов).
pub(super) fn plural<'w>(n: i64, one: &'w str, few: &'w str, many: &'w str) -> &'w str {
    let (last, tens) = (n.abs() % 10, n.abs() % 100);
    if (11..=14).contains(&tens) {
        many
    } else if last == 1 {
        one
    } else if (2..=4).contains(&last) {
        few
    } else {
        many
    }
}

/// The form after a number in the genitive ("из 73 администраций", "из 71 администрации"): the
/// plural everywhere but after a number ending in one.
pub(super) fn genitive<'w>(n: i64, one: &'w str, many: &'w str) -> &'w str {
    if n.abs() % 10 == 1 && n.abs() % 100 != 11 {
        one
    } else {
        many
    }
}

fn country(c: &CountryName) -> &str {
    match c.code.trim().to_ascii_uppercase().as_str() {
        "CN" => "Китай",
        "JP" => "Япония",
        "KR" => "Республика Корея",
        "MN" => "Монголия",
        "RU" => "Россия",
        "VN" => "Вьетнам",
        _ => c.name.trim(),
    }
}

fn member(m: &MemberName) -> String {
    format!("{} ({})", m.name.trim(), country(&m.country))
}

fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    list(items, ", ", " и ")
}

/// "13-я Генеральная ассамблея NEAR" (ассамблея is feminine: -я).
fn assembly(f: &Facts) -> String {
    format!("{}-я Генеральная ассамблея {}", f.number, f.short_name)
}

/// "70 членов", "2 члена": a count of members in the nominative.
fn members(n: i64) -> String {
    format!("{n} {}", plural(n, "член", "члена", "членов"))
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    // The instrumental, after "с": "выступили: с приветственным словом — …".
    match kind {
        AgendaItemKind::WelcomingRemarks => "с приветственным словом",
        AgendaItemKind::OpeningRemarks => "со вступительным словом",
        AgendaItemKind::CongratulatorySpeech => "с поздравительной речью",
        AgendaItemKind::GuestSpeech => "с поздравлением в качестве гостя",
        _ => "с выступлением",
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
    let mut parts = vec![format!("за — {}", c.yes)];
    if c.no > 0 {
        parts.push(format!("против — {}", c.no));
    }
    if c.abstain > 0 {
        parts.push(format!("воздержались — {}", c.abstain));
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
        VoteRule::Unanimous => "единогласие",
        VoteRule::Consensus => "консенсус",
        VoteRule::TwoThirds => "большинство в две трети голосов",
        VoteRule::SimpleMajority => "простое большинство голосов",
    }
}

/// The participle agreeing with the subject: заявка (feminine) or вопрос (masculine).
struct Agreement {
    feminine: bool,
}

impl Agreement {
    fn approved(&self) -> &'static str {
        if self.feminine {
            "одобрена"
        } else {
            "одобрен"
        }
    }

    fn noted(&self) -> &'static str {
        if self.feminine {
            "принята к сведению"
        } else {
            "принят к сведению"
        }
    }
}

fn approved(how: &How, c: &Option<Counts>, a: &Agreement) -> String {
    let word = a.approved();
    match how {
        How::Unanimously => match c {
            Some(c) => format!(
                "{word} единогласно: за — {} из {} {}",
                c.yes,
                c.present,
                genitive(c.present, "присутствующего члена", "присутствующих членов")
            ),
            None => format!("{word} единогласно"),
        },
        How::Consensus => format!("{word} консенсусом, без возражений{}", in_brackets(c)),
        How::TwoThirds => format!("{word} большинством в две трети голосов{}", in_brackets(c)),
        How::Majority => format!("{word} простым большинством голосов{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!(
                "{word} аккламацией, без возражений (присутствовали {})",
                members(c.present)
            ),
            None => format!("{word} аккламацией, без возражений"),
        },
        How::Acclamation(objectors) => format!(
            "{word} аккламацией, несмотря на возражения: {}",
            and_list(objectors)
        ),
        How::Plain => word.to_owned(),
    }
}

fn verdict(v: &Verdict, a: &Agreement) -> String {
    let not = format!("не {}", a.approved());
    match v {
        Verdict::Approved { how, counts } => approved(how, counts, a),
        Verdict::NotApproved {
            counts,
            rule: required,
            objections,
            no_quorum,
        } => match (counts, required) {
            (Some(c), _) if *no_quorum => format!(
                "{not} из-за отсутствия кворума (присутствовали {})",
                members(c.present)
            ),
            _ if !objections.is_empty() => {
                format!("{not} из-за возражений: {}", and_list(objections))
            }
            (Some(c), Some(r)) => {
                format!("{not} ({}; правило голосования — {})", figures(c), rule(*r))
            }
            (counts, _) => format!("{not}{}", in_brackets(counts)),
        },
        Verdict::Noted => a.noted().to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let application = Agreement { feminine: true };
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "Заявка {} на председательство в {short_name} на {term}-й срок {}.",
                member(applicant),
                verdict(&d.verdict, &application)
            );
            if approved {
                s += &format!(
                    " {} будет председателем {short_name} на {term}-й срок.",
                    applicant.name.trim()
                );
            }
            s
        }
        Subject::Membership {
            applicant,
            standing: st,
        } => {
            let asked = match st {
                Standing::Associate => "на вступление в качестве ассоциированного члена",
                Standing::Observer => "на получение статуса наблюдателя",
                _ => "на вступление в члены ассоциации",
            };
            let mut s = format!(
                "Заявка {} {asked} {}.",
                member(applicant),
                verdict(&d.verdict, &application)
            );
            if approved {
                let now = match st {
                    Standing::Ordinal(n) => format!("{n}-й член"),
                    Standing::Member => "член".to_owned(),
                    Standing::Associate => "ассоциированный член".to_owned(),
                    Standing::Observer => "наблюдатель".to_owned(),
                };
                s += &format!(" {} — теперь {now} {short_name}.", applicant.name.trim());
            }
            s
        }
        Subject::Question(q) => format!(
            "Вопрос «{}» {}.",
            clause(q),
            verdict(&d.verdict, &Agreement { feminine: false })
        ),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let mut including = Vec::new();
    if f.members > 0 {
        let from = if f.countries > 0 {
            format!(
                " из {} {}",
                f.countries,
                genitive(f.countries, "страны", "стран")
            )
        } else {
            String::new()
        };
        including.push(format!(
            "{} {} ассоциации{from}",
            f.members,
            genitive(f.members, "члена", "членов")
        ));
    }
    if !f.associates.is_empty() {
        let noun = if f.associates.len() == 1 {
            "ассоциированного члена"
        } else {
            "ассоциированных членов"
        };
        including.push(format!("{noun} {}", and_list(&f.associates)));
    }
    let including = if including.is_empty() {
        String::new()
    } else {
        format!(", в том числе {}", and_list(&including))
    };
    let governments = format!(
        "{} {}",
        f.governments,
        genitive(
            f.governments,
            "региональной администрации",
            "региональных администраций"
        )
    );
    let people = f.people.map(|p| match p {
        People::Exactly(n) => format!("{n} {}", plural(n, "человек", "человека", "человек")),
        People::Over(n) => format!("более {n} человек"),
    });
    match (people, f.governments > 0) {
        (Some(p), true) => Some(format!(
            "В ней приняли участие {p} из {governments}{including}."
        )),
        (Some(p), false) => Some(format!("В ней приняли участие {p}.")),
        (None, true) => Some(format!(
            "В ней приняли участие представители {governments}{including}."
        )),
        (None, false) => None,
    }
}

fn report_details(r: &ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!(
            "Итоги работы ({committee}): {}",
            closed(outcomes, ".")
        ));
    }
    if let Some((place, day)) = next_meeting(r) {
        let mut s = format!("Следующее заседание ({committee})");
        if let Some(day) = day {
            s += &format!(" состоится {}", date(day));
        } else {
            s += " запланировано";
        }
        if let Some(place) = place {
            s += &format!("; место проведения — {place}");
        }
        sentences.push(closed(&s, "."));
    }
    sentences
}

impl Writer for Russian {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => {
                    let standing = match one.standing {
                        Standing::Ordinal(n) => format!("{n}-го члена"),
                        Standing::Member => "члена".to_owned(),
                        Standing::Associate => "ассоциированного члена".to_owned(),
                        Standing::Observer => "наблюдателя".to_owned(),
                    };
                    format!(
                        "{name} приняла {} в качестве {standing}",
                        one.member.name.trim()
                    )
                }
                many => format!(
                    "{name} приняла новых членов: {}",
                    and_list(&admitted_names(many))
                ),
            },
            Notable::Chair { member, term } => format!(
                "{name} избрала {} председателем на {term}-й срок",
                member.name.trim()
            ),
            Notable::Slogan(slogan) => format!("Состоялась {name}: «{slogan}»"),
            Notable::PlaceAndDate => match f.mode {
                AssemblyMode::Online => format!("{name} прошла онлайн {}", when(f)),
                _ => format!("{name} прошла {} ({})", when(f), f.venue),
            },
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let how = match f.mode {
            AssemblyMode::Online => {
                format!("в онлайн-формате (площадка организаторов — {})", f.venue)
            }
            AssemblyMode::InPerson => format!("очно (место проведения — {})", f.venue),
            AssemblyMode::Hybrid => format!(
                "в смешанном формате, очно и онлайн (место проведения — {})",
                f.venue
            ),
        };
        let host = f
            .host
            .map(|h| format!(", принимающая сторона — {h}"))
            .unwrap_or_default();
        let slogan = f
            .slogan
            .map(|s| format!(" под девизом «{s}»"))
            .unwrap_or_default();
        let first = format!(
            "{}-я Генеральная ассамблея {} ({}) прошла {} {how}{host}{slogan}.",
            f.number,
            f.short_name,
            f.association,
            when(f)
        );
        spaced(vec![first, participation(f).unwrap_or_default()]).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "Ассамблея прошла в год {years}-летия {}: ассоциация основана в {founded} году.",
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!(" (причина: {reason})")
            };
            sentences.push(format!(
                "Первоначально ассамблея была запланирована на {}, но была перенесена на {}{reason}.",
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
                    ", видеообращение"
                } else {
                    ""
                };
                format!("{} — {}{video}", speech_kind(s.kind), speaker(s))
            })
            .collect();
        (!speeches.is_empty())
            .then(|| format!("На церемонии открытия выступили: {}.", speeches.join("; ")))
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
            "С докладами о работе комитетов выступили: {}.",
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
                        (name, Some(topic)) => format!("{name} («{topic}»)"),
                        (name, None) => name.to_owned(),
                    })
                    .collect();
                format!("{} — {}", country(g.country), and_list(&names))
            })
            .collect();
        (!groups.is_empty()).then(|| {
            format!(
                "С презентациями выступили члены ассоциации: {}.",
                groups.join("; ")
            )
        })
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!(" в {t} по местному времени"))
                .unwrap_or_default();
        let mut text = format!("Ассамблея приняла документ «{}»{at}.", d.title);
        if d.languages > 1 {
            let n = d.languages as i64;
            text += &format!(" Текст документа составлен на {n} {}.", in_languages(n));
        }
        Some(text)
    }
}

/// "на 3 языках", "на 21 языке": after "на" a number ending in one takes the singular, as in the
/// genitive.
fn in_languages(n: i64) -> &'static str {
    genitive(n, "языке", "языках")
}
