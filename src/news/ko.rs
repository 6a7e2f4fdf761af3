//! The news draft in Korean, in the plain written style of Korean news (…했다).
//!
//! Member and person names stay as recorded, usually in Latin letters, so the right form of a
//! particle after them (을/를, 이/가, 은/는) cannot be known. The sentences put only particles
//! that never change (의, 에서, 에, 등) or a Korean noun of our own right after a recorded name.

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, list, spaced, Writer};
use crate::model::{AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName, ReportRecord};

pub(super) struct Korean;

/// "2021년 8월 10일".
pub(super) fn date(d: NaiveDate) -> String {
    format!("{}년 {}월 {}일", d.year(), d.month(), d.day())
}

fn when(f: &Facts) -> String {
    if f.start == f.end {
        date(f.start)
    } else {
        format!("{}부터 {}까지", date(f.start), date(f.end))
    }
}

pub(super) fn country(c: &CountryName) -> &str {
    match c.code.trim().to_ascii_uppercase().as_str() {
        "CN" => "중국",
        "JP" => "일본",
        "KR" => "한국",
        "MN" => "몽골",
        "RU" => "러시아",
        "VN" => "베트남",
        _ => c.name.trim(),
    }
}

fn member(m: &MemberName) -> String {
    format!("{}({})", m.name.trim(), country(&m.country))
}

/// "제13차 NEAR 총회".
fn assembly(f: &Facts) -> String {
    format!("제{}차 {} 총회", f.number, f.short_name)
}

/// What a membership makes the applicant: "79번째 회원".
fn standing(s: Standing) -> String {
    match s {
        Standing::Ordinal(n) => format!("{n}번째 회원"),
        Standing::Member => "회원".to_owned(),
        Standing::Associate => "준회원".to_owned(),
        Standing::Observer => "옵서버".to_owned(),
    }
}

/// "79번째 회원으로": the particle follows our own noun, so its form is known.
fn standing_as(s: Standing) -> String {
    match s {
        Standing::Observer => "옵서버로".to_owned(),
        other => format!("{}으로", standing(other)),
    }
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::WelcomingRemarks => "환영사",
        AgendaItemKind::OpeningRemarks => "개회사",
        AgendaItemKind::CongratulatorySpeech => "축사",
        AgendaItemKind::GuestSpeech => "내빈 축사",
        _ => "발언",
    }
}

fn speaker(s: &Speech) -> String {
    let details: Vec<&str> = s.title.into_iter().chain(s.affiliation).collect();
    if details.is_empty() {
        s.name.to_owned()
    } else {
        format!("{}({})", s.name, details.join(", "))
    }
}

fn figures(c: &Counts) -> String {
    let mut parts = vec![format!("찬성 {}", c.yes)];
    if c.no > 0 {
        parts.push(format!("반대 {}", c.no));
    }
    if c.abstain > 0 {
        parts.push(format!("기권 {}", c.abstain));
    }
    parts.join(", ")
}

fn in_brackets(c: &Option<Counts>) -> String {
    c.as_ref()
        .map(|c| format!("({})", figures(c)))
        .unwrap_or_default()
}

fn rule(r: VoteRule) -> &'static str {
    match r {
        VoteRule::Unanimous => "만장일치",
        VoteRule::Consensus => "합의",
        VoteRule::TwoThirds => "3분의 2 이상 찬성",
        VoteRule::SimpleMajority => "과반수 찬성",
    }
}

fn approved(how: &How, c: &Option<Counts>) -> String {
    match how {
        How::Unanimously => match c {
            Some(c) => format!(
                "출석 회원 {}개 중 {}개 회원의 찬성으로 만장일치 승인되었다",
                c.present, c.yes
            ),
            None => "만장일치로 승인되었다".to_owned(),
        },
        How::Consensus => format!("반대 없이 합의로 승인되었다{}", in_brackets(c)),
        How::TwoThirds => format!("3분의 2 이상의 찬성으로 승인되었다{}", in_brackets(c)),
        How::Majority => format!("과반수 찬성으로 승인되었다{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!("출석 회원 {}개 모두 이의 없이 박수로 승인되었다", c.present),
            None => "이의 없이 박수로 승인되었다".to_owned(),
        },
        How::Acclamation(objectors) => format!(
            "{}의 이의가 있었으나 박수로 승인되었다",
            objectors.join(", ")
        ),
        How::Plain => "승인되었다".to_owned(),
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
            (Some(c), _) if *no_quorum => {
                format!("정족수 미달로 승인되지 않았다(출석 회원 {}개)", c.present)
            }
            _ if !objections.is_empty() => {
                format!("{}의 이의로 승인되지 않았다", objections.join(", "))
            }
            (Some(c), Some(r)) => {
                format!("승인되지 않았다({}; 승인 요건: {})", figures(c), rule(*r))
            }
            (counts, _) => format!("승인되지 않았다{}", in_brackets(counts)),
        },
        Verdict::Noted => "보고로 접수되었다".to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let verdict = verdict(&d.verdict);
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "{}의 제{term}기 의장단체 신청은 {verdict}.",
                member(applicant)
            );
            if approved {
                s += &format!(
                    " 이에 따라 {}의 제{term}기 {short_name} 의장단체 수임이 확정되었다.",
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
                Standing::Associate => "준회원 가입",
                Standing::Observer => "옵서버 가입",
                _ => "회원 가입",
            };
            let mut s = format!("{}의 {asked} 신청은 {verdict}.", member(applicant));
            if approved {
                s += &format!(
                    " 이로써 {}의 {short_name} {} 가입이 확정되었다.",
                    applicant.name.trim(),
                    standing(*st)
                );
            }
            s
        }
        Subject::Question(q) => format!("“{}” 안건은 {verdict}.", clause(q)),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let mut including = Vec::new();
    if f.members > 0 {
        let from = if f.countries > 0 {
            format!("{}개국 ", f.countries)
        } else {
            String::new()
        };
        including.push(format!("{from}{}개 회원 지방정부", f.members));
    }
    if !f.associates.is_empty() {
        including.push(format!("준회원 {}", f.associates.join(", ")));
    }
    let including = if including.is_empty() {
        String::new()
    } else {
        format!("{} 등 ", including.join(", "))
    };
    let people = f.people.map(|p| match p {
        People::Exactly(n) => format!("{n}명"),
        People::Over(n) => format!("{n}여 명"),
    });
    match (people, f.governments > 0) {
        (Some(p), true) => Some(format!(
            "이번 총회에는 {including}{}개 지방정부에서 {p}이 참가했다.",
            f.governments
        )),
        (Some(p), false) => Some(format!("이번 총회에는 {p}이 참가했다.")),
        (None, true) => Some(format!(
            "이번 총회에는 {including}{}개 지방정부가 참가했다.",
            f.governments
        )),
        (None, false) => None,
    }
}

fn report_details(r: &ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!(
            "{committee}의 주요 성과: {}",
            closed(outcomes, ".")
        ));
    }
    match next_meeting(r) {
        Some((Some(place), Some(day))) => sentences.push(format!(
            "{committee}의 다음 회의는 {} {place}에서 열릴 예정이다.",
            date(day)
        )),
        Some((Some(place), None)) => sentences.push(format!(
            "{committee}의 다음 회의는 {place}에서 열릴 예정이다."
        )),
        Some((None, Some(day))) => sentences.push(format!(
            "{committee}의 다음 회의는 {}에 열릴 예정이다.",
            date(day)
        )),
        _ => {}
    }
    sentences
}

impl Writer for Korean {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => format!(
                    "{name}, {} {} 가입 승인",
                    one.member.name.trim(),
                    standing_as(one.standing)
                ),
                many => format!("{name}, {} 신규 가입 승인", admitted_names(many).join(", ")),
            },
            Notable::Chair { member, term } => {
                format!("{name}, {} 제{term}기 의장단체로 선출", member.name.trim())
            }
            Notable::Slogan(slogan) => format!("{name} 개최: “{slogan}”"),
            Notable::PlaceAndDate => match f.mode {
                AssemblyMode::Online => format!("{name}, {} 온라인 개최", when(f)),
                AssemblyMode::InPerson => {
                    format!("{name}, {} {}에서 개최", when(f), f.venue)
                }
                AssemblyMode::Hybrid => {
                    format!("{name}, {} {}에서 대면·온라인 병행 개최", when(f), f.venue)
                }
            },
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let host = f.host.map(|h| format!("{h}의 주최로 ")).unwrap_or_default();
        let slogan = f
            .slogan
            .map(|s| format!("“{s}”라는 슬로건 아래 "))
            .unwrap_or_default();
        let how = match f.mode {
            AssemblyMode::Online => "온라인으로 열렸다",
            AssemblyMode::InPerson => "열렸다",
            AssemblyMode::Hybrid => "대면과 온라인을 병행해 열렸다",
        };
        let first = format!(
            "{}({}) 제{}차 총회가 {} {}에서 {host}{slogan}{how}.",
            f.short_name,
            f.association,
            f.number,
            when(f),
            f.venue
        );
        spaced(vec![first, participation(f).unwrap_or_default()]).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "이번 총회는 {founded}년 창립한 {}의 창립 {years}주년을 맞아 열렸다.",
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!("(연기 사유: {reason})")
            };
            sentences.push(format!(
                "총회는 당초 {} 개최 예정이었으나 {}로 연기되었다{reason}.",
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
                let video = if s.video { "(영상 메시지)" } else { "" };
                format!("{}의 {}{video}", speaker(s), speech_kind(s.kind))
            })
            .collect();
        (!speeches.is_empty())
            .then(|| format!("개회식은 {} 순으로 진행되었다.", speeches.join(", ")))
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
                .map(|m| {
                    format!(
                        "{}의 {} 활동 보고",
                        m.member,
                        list(&committees(&m.reports), ", ", " 및 ")
                    )
                })
                .collect();
            sentences.push(format!(
                "{}에서는 {}가 있었다.",
                country(group.country),
                by_member.join(", ")
            ));
            for report in group.items.iter().flat_map(|m| &m.reports) {
                sentences.extend(report_details(report));
            }
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
                        (name, Some(topic)) => format!("{name} ‘{topic}’"),
                        (name, None) => name.to_owned(),
                    })
                    .collect();
                format!("{}({})", country(g.country), names.join(", "))
            })
            .collect();
        (!groups.is_empty()).then(|| {
            format!(
                "이어 {}의 회원 지방정부가 대표 발표를 했다.",
                groups.join(", ")
            )
        })
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!("({t}, 현지 시각)"))
                .unwrap_or_default();
        let mut text = format!("총회는 “{}” 선언문을 채택했다{at}.", d.title);
        if d.languages > 1 {
            text += &format!(" 선언문은 {}개 언어로 작성되었다.", d.languages);
        }
        Some(text)
    }
}
