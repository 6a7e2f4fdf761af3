//! The news draft in Chinese (simplified characters), with full-width punctuation.

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, packed, Writer};
use crate::model::{AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName, ReportRecord};

pub(super) struct Chinese;

/// "2021年8月10日".
pub(super) fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn when(f: &Facts) -> String {
    if f.start == f.end {
        date(f.start)
    } else {
        format!("{}至{}", date(f.start), date(f.end))
    }
}

fn country(c: &CountryName) -> &str {
    match c.code.trim().to_ascii_uppercase().as_str() {
        "CN" => "中国",
        "JP" => "日本",
        "KR" => "韩国",
        "MN" => "蒙古国",
        "RU" => "俄罗斯",
        "VN" => "越南",
        _ => c.name.trim(),
    }
}

fn member(m: &MemberName) -> String {
    format!("{}（{}）", m.name.trim(), country(&m.country))
}

/// "A、B和C".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    super::list(items, "、", "和")
}

/// "NEAR第13届全体会议".
fn assembly(f: &Facts) -> String {
    format!("{}第{}届全体会议", f.short_name, f.number)
}

fn standing(s: Standing) -> String {
    match s {
        Standing::Ordinal(n) => format!("第{n}个会员"),
        Standing::Member => "会员".to_owned(),
        Standing::Associate => "准会员".to_owned(),
        Standing::Observer => "观察员".to_owned(),
    }
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::WelcomingRemarks => "欢迎辞",
        AgendaItemKind::OpeningRemarks => "开幕辞",
        AgendaItemKind::CongratulatorySpeech => "贺辞",
        AgendaItemKind::GuestSpeech => "嘉宾贺辞",
        _ => "讲话",
    }
}

fn speaker(s: &Speech) -> String {
    let details: Vec<&str> = s.title.into_iter().chain(s.affiliation).collect();
    if details.is_empty() {
        s.name.to_owned()
    } else {
        format!("{}（{}）", s.name, details.join("，"))
    }
}

fn figures(c: &Counts) -> String {
    let mut parts = vec![format!("赞成{}票", c.yes)];
    if c.no > 0 {
        parts.push(format!("反对{}票", c.no));
    }
    if c.abstain > 0 {
        parts.push(format!("弃权{}票", c.abstain));
    }
    parts.join("，")
}

fn in_brackets(c: &Option<Counts>) -> String {
    c.as_ref()
        .map(|c| format!("（{}）", figures(c)))
        .unwrap_or_default()
}

fn rule(r: VoteRule) -> &'static str {
    match r {
        VoteRule::Unanimous => "须全体一致同意",
        VoteRule::Consensus => "须协商一致",
        VoteRule::TwoThirds => "须获三分之二多数",
        VoteRule::SimpleMajority => "须获简单多数",
    }
}

fn approved(how: &How, c: &Option<Counts>) -> String {
    match how {
        How::Unanimously => match c {
            Some(c) => format!("获一致通过（出席的{}个会员中{}个赞成）", c.present, c.yes),
            None => "获一致通过".to_owned(),
        },
        How::Consensus => format!("经协商一致通过，无会员反对{}", in_brackets(c)),
        How::TwoThirds => format!("以三分之二多数通过{}", in_brackets(c)),
        How::Majority => format!("以简单多数通过{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!("以鼓掌方式通过，出席的{}个会员均无异议", c.present),
            None => "以鼓掌方式通过，无会员提出异议".to_owned(),
        },
        How::Acclamation(objectors) => {
            format!("在{}提出异议的情况下以鼓掌方式通过", and_list(objectors))
        }
        How::Plain => "获得通过".to_owned(),
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
                "因出席会员未达法定人数而未获通过（出席会员{}个）",
                c.present
            ),
            _ if !objections.is_empty() => {
                format!("因{}提出异议而未获通过", and_list(objections))
            }
            (Some(c), Some(r)) => format!("未获通过（{}；{}）", figures(c), rule(*r)),
            (counts, _) => format!("未获通过{}", in_brackets(counts)),
        },
        Verdict::Noted => "已记录在案".to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let verdict = verdict(&d.verdict);
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "{}关于担任第{term}届主席的申请{verdict}。",
                member(applicant)
            );
            if approved {
                s += &format!(
                    "{}将担任{short_name}第{term}届主席。",
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
                Standing::Associate => "作为准会员加入的申请",
                Standing::Observer => "成为观察员的申请",
                _ => "入会申请",
            };
            let mut s = format!("{}的{asked}{verdict}。", member(applicant));
            if approved {
                s += &format!(
                    "{}由此成为{short_name}{}。",
                    applicant.name.trim(),
                    standing(*st)
                );
            }
            s
        }
        Subject::Question(q) => format!("关于“{}”的议题{verdict}。", clause(q)),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let mut including = Vec::new();
    if f.members > 0 {
        let from = if f.countries > 0 {
            format!("来自{}个国家的", f.countries)
        } else {
            String::new()
        };
        including.push(format!("{from}{}个会员地方政府", f.members));
    }
    if !f.associates.is_empty() {
        including.push(format!("准会员{}", and_list(&f.associates)));
    }
    let people = f.people.map(|p| match p {
        People::Exactly(n) => format!("{n}人"),
        People::Over(n) => format!("{n}余人"),
    });
    let who = match (people, f.governments > 0) {
        (Some(p), true) => format!("共有{p}参加了会议，来自{}个地方政府", f.governments),
        (Some(p), false) => format!("共有{p}参加了会议"),
        (None, true) => format!("{}个地方政府参加了会议", f.governments),
        (None, false) => return None,
    };
    let including = if including.is_empty() {
        String::new()
    } else {
        format!("，其中包括{}", including.join("及"))
    };
    Some(format!("{who}{including}。"))
}

fn report_details(r: &ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!("{committee}的主要成果：{}", closed(outcomes, "。")));
    }
    match next_meeting(r) {
        Some((Some(place), Some(day))) => sentences.push(format!(
            "{committee}下次会议将于{}在{place}举行。",
            date(day)
        )),
        Some((Some(place), None)) => {
            sentences.push(format!("{committee}下次会议将在{place}举行。"))
        }
        Some((None, Some(day))) => {
            sentences.push(format!("{committee}下次会议将于{}举行。", date(day)))
        }
        _ => {}
    }
    sentences
}

impl Writer for Chinese {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => format!(
                    "{name}批准{}成为{}",
                    one.member.name.trim(),
                    standing(one.standing)
                ),
                many => format!("{name}批准{}加入", and_list(&admitted_names(many))),
            },
            Notable::Chair { member, term } => {
                format!("{name}选举{}担任第{term}届主席", member.name.trim())
            }
            Notable::Slogan(slogan) => format!("{name}召开：“{slogan}”"),
            Notable::PlaceAndDate => match f.mode {
                AssemblyMode::Online => format!("{name}于{}以线上方式举行", when(f)),
                _ => format!("{name}于{}在{}举行", when(f), f.venue),
            },
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let how = match f.mode {
            AssemblyMode::Online => format!("以线上方式举行，主会场设在{}", f.venue),
            AssemblyMode::InPerson => format!("在{}举行", f.venue),
            AssemblyMode::Hybrid => format!("在{}以线上线下相结合的方式举行", f.venue),
        };
        let host = f.host.map(|h| format!("，由{h}承办")).unwrap_or_default();
        let slogan = f
            .slogan
            .map(|s| format!("，大会口号为“{s}”"))
            .unwrap_or_default();
        let first = format!(
            "{}（{}）第{}届全体会议于{}{how}{host}{slogan}。",
            f.short_name,
            f.association,
            f.number,
            when(f)
        );
        packed(vec![first, participation(f).unwrap_or_default()]).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "本届会议适逢{0}成立{years}周年（{0}成立于{founded}年）。",
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!("（推迟原因：{reason}）")
            };
            sentences.push(format!(
                "本届会议原定于{}举行，后推迟至{}{reason}。",
                date(p.from_date),
                date(p.to_date)
            ));
        }
        packed(sentences)
    }

    fn opening(&self, f: &Facts) -> Option<String> {
        let speeches: Vec<String> = f
            .speeches
            .iter()
            .map(|s| {
                let video = if s.video { "通过视频" } else { "" };
                format!("{}{video}致{}", speaker(s), speech_kind(s.kind))
            })
            .collect();
        (!speeches.is_empty()).then(|| format!("开幕式上，{}。", speeches.join("；")))
    }

    fn decisions(&self, f: &Facts) -> Option<String> {
        packed(
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
                        "{}报告了{}的工作",
                        m.member,
                        and_list(&committees(&m.reports))
                    )
                })
                .collect();
            sentences.push(format!(
                "{}方面，{}。",
                country(group.country),
                by_member.join("；")
            ));
            for report in group.items.iter().flat_map(|m| &m.reports) {
                sentences.extend(report_details(report));
            }
        }
        packed(sentences)
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
                        (name, Some(topic)) => format!("{name}（主题：“{topic}”）"),
                        (name, None) => name.to_owned(),
                    })
                    .collect();
                format!("{}的{}", country(g.country), and_list(&names))
            })
            .collect();
        (!groups.is_empty())
            .then(|| format!("随后，会员地方政府作了代表发言：{}。", groups.join("；")))
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!("于{t}（当地时间）"))
                .unwrap_or_default();
        let mut text = format!("会议{at}通过了《{}》。", d.title);
        if d.languages > 1 {
            text += &format!("宣言文本有{}种语言版本。", d.languages);
        }
        Some(text)
    }
}
