//! The news draft in Japanese, in the plain style of a news report (…した／…である).

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use super::{clause, closed, packed, Writer};
use crate::model::{AgendaItemKind, AssemblyMode, VoteRule};
use crate::record::{CountryName, MemberName, ReportRecord};

pub(super) struct Japanese;

/// "2021年8月10日".
pub(super) fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn when(f: &Facts) -> String {
    if f.start == f.end {
        date(f.start)
    } else {
        format!("{}から{}まで", date(f.start), date(f.end))
    }
}

fn country(c: &CountryName) -> &str {
    match c.code.trim().to_ascii_uppercase().as_str() {
        "CN" => "中国",
        "JP" => "日本",
        "KR" => "韓国",
        "MN" => "モンゴル",
        "RU" => "ロシア",
        "VN" => "ベトナム",
        _ => c.name.trim(),
    }
}

fn member(m: &MemberName) -> String {
    format!("{}（{}）", m.name.trim(), country(&m.country))
}

/// "第13回NEAR総会".
fn assembly(f: &Facts) -> String {
    format!("第{}回{}総会", f.number, f.short_name)
}

fn standing(s: Standing) -> String {
    match s {
        Standing::Ordinal(n) => format!("{n}番目の会員"),
        Standing::Member => "会員".to_owned(),
        Standing::Associate => "準会員".to_owned(),
        Standing::Observer => "オブザーバー".to_owned(),
    }
}

fn speech_kind(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::WelcomingRemarks => "歓迎の辞",
        AgendaItemKind::OpeningRemarks => "開会の辞",
        AgendaItemKind::CongratulatorySpeech => "祝辞",
        AgendaItemKind::GuestSpeech => "来賓祝辞",
        _ => "挨拶",
    }
}

fn speaker(s: &Speech) -> String {
    let details: Vec<&str> = s.title.into_iter().chain(s.affiliation).collect();
    if details.is_empty() {
        s.name.to_owned()
    } else {
        format!("{}（{}）", s.name, details.join("、"))
    }
}

fn figures(c: &Counts) -> String {
    let mut parts = vec![format!("賛成{}", c.yes)];
    if c.no > 0 {
        parts.push(format!("反対{}", c.no));
    }
    if c.abstain > 0 {
        parts.push(format!("棄権{}", c.abstain));
    }
    parts.join("、")
}

fn in_brackets(c: &Option<Counts>) -> String {
    c.as_ref()
        .map(|c| format!("（{}）", figures(c)))
        .unwrap_or_default()
}

fn rule(r: VoteRule) -> &'static str {
    match r {
        VoteRule::Unanimous => "全会一致",
        VoteRule::Consensus => "コンセンサス",
        VoteRule::TwoThirds => "3分の2以上の賛成",
        VoteRule::SimpleMajority => "過半数の賛成",
    }
}

fn approved(how: &How, c: &Option<Counts>) -> String {
    match how {
        How::Unanimously => match c {
            Some(c) => format!(
                "出席会員{}のうち{}が賛成し、全会一致で承認された",
                c.present, c.yes
            ),
            None => "全会一致で承認された".to_owned(),
        },
        How::Consensus => format!(
            "反対する会員はなく、コンセンサスにより承認された{}",
            in_brackets(c)
        ),
        How::TwoThirds => format!("3分の2以上の賛成により承認された{}", in_brackets(c)),
        How::Majority => format!("過半数の賛成により承認された{}", in_brackets(c)),
        How::Acclamation([]) => match c {
            Some(c) => format!("出席会員{}から異議はなく、拍手により承認された", c.present),
            None => "異議はなく、拍手により承認された".to_owned(),
        },
        How::Acclamation(objectors) => format!(
            "{}から異議が出されたが、拍手により承認された",
            objectors.join("、")
        ),
        How::Plain => "承認された".to_owned(),
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
                "定足数に達しなかったため承認されなかった（出席会員{}）",
                c.present
            ),
            _ if !objections.is_empty() => format!(
                "{}から異議が出されたため承認されなかった",
                objections.join("、")
            ),
            (Some(c), Some(r)) => format!(
                "承認されなかった（{}。承認には{}が必要）",
                figures(c),
                rule(*r)
            ),
            (counts, _) => format!("承認されなかった{}", in_brackets(counts)),
        },
        Verdict::Noted => "報告として受理された".to_owned(),
    }
}

fn decision(d: &Decision, short_name: &str) -> String {
    let approved = matches!(d.verdict, Verdict::Approved { .. });
    let verdict = verdict(&d.verdict);
    match &d.subject {
        Subject::Chair { applicant, term } => {
            let mut s = format!(
                "{}による第{term}期議長団体への申請は、{verdict}。",
                member(applicant)
            );
            if approved {
                s += &format!(
                    "これにより、{}が第{term}期の{short_name}議長団体を務めることとなった。",
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
                Standing::Associate => "準会員としての加盟申請",
                Standing::Observer => "オブザーバーとしての参加申請",
                _ => "加盟申請",
            };
            let mut s = format!("{}の{asked}は、{verdict}。", member(applicant));
            if approved {
                s += &format!(
                    "これにより、{}は{short_name}の{}となった。",
                    applicant.name.trim(),
                    standing(*st)
                );
            }
            s
        }
        Subject::Question(q) => format!("「{}」の件は、{verdict}。", clause(q)),
    }
}

fn participation(f: &Facts) -> Option<String> {
    let mut including = Vec::new();
    if f.members > 0 {
        let from = if f.countries > 0 {
            format!("{}か国の", f.countries)
        } else {
            String::new()
        };
        including.push(format!("{from}会員自治体{}団体", f.members));
    }
    if !f.associates.is_empty() {
        including.push(format!("準会員の{}", f.associates.join("、")));
    }
    let including = if including.is_empty() {
        String::new()
    } else {
        format!("{}を含む", including.join("と"))
    };
    let people = f.people.map(|p| match p {
        People::Exactly(n) => format!("{n}人"),
        People::Over(n) => format!("{n}人余り"),
    });
    match (people, f.governments > 0) {
        (Some(p), true) => Some(format!(
            "{including}{}の自治体から{p}が参加した。",
            f.governments
        )),
        (Some(p), false) => Some(format!("{p}が参加した。")),
        (None, true) => Some(format!("{including}{}の自治体が参加した。", f.governments)),
        (None, false) => None,
    }
}

fn report_details(r: &ReportRecord) -> Vec<String> {
    let committee = r.committee.trim();
    let mut sentences = Vec::new();
    if let Some(outcomes) = text(&r.outcomes) {
        sentences.push(format!("{committee}の主な成果：{}", closed(outcomes, "。")));
    }
    match next_meeting(r) {
        Some((Some(place), Some(day))) => sentences.push(format!(
            "{committee}の次回会議は{}に{place}で開催される予定である。",
            date(day)
        )),
        Some((Some(place), None)) => sentences.push(format!(
            "{committee}の次回会議は{place}で開催される予定である。"
        )),
        Some((None, Some(day))) => sentences.push(format!(
            "{committee}の次回会議は{}に開催される予定である。",
            date(day)
        )),
        _ => {}
    }
    sentences
}

impl Writer for Japanese {
    fn headline(&self, f: &Facts) -> String {
        let name = assembly(f);
        match &f.notable {
            Notable::Admitted(admitted) => match admitted.as_slice() {
                [one] => format!(
                    "{name}、{}を{}として承認",
                    one.member.name.trim(),
                    standing(one.standing)
                ),
                many => format!("{name}、{}の加盟を承認", admitted_names(many).join("、")),
            },
            Notable::Chair { member, term } => {
                format!("{name}、{}を第{term}期議長団体に選出", member.name.trim())
            }
            Notable::Slogan(slogan) => format!("{name}開催：「{slogan}」"),
            Notable::PlaceAndDate => match f.mode {
                AssemblyMode::Online => format!("{name}、{}にオンラインで開催", when(f)),
                _ => format!("{name}、{}に{}で開催", when(f), f.venue),
            },
        }
    }

    fn lead(&self, f: &Facts) -> String {
        let how = match f.mode {
            AssemblyMode::Online => format!("{}を拠点にオンラインで", f.venue),
            AssemblyMode::InPerson => format!("{}で", f.venue),
            AssemblyMode::Hybrid => format!("{}で、オンライン参加を併用して", f.venue),
        };
        let host = f
            .host
            .map(|h| format!("{h}の主催により"))
            .unwrap_or_default();
        let mut first = format!(
            "{}（{}）の第{}回総会が{}、{host}{how}開催された。",
            f.short_name,
            f.association,
            f.number,
            when(f)
        );
        if let Some(slogan) = f.slogan {
            first += &format!("スローガンは「{slogan}」である。");
        }
        packed(vec![first, participation(f).unwrap_or_default()]).unwrap_or_default()
    }

    fn background(&self, f: &Facts) -> Option<String> {
        let mut sentences = Vec::new();
        if let (Some(years), Some(founded)) = (f.anniversary, f.founded) {
            sentences.push(format!(
                "本総会は、{founded}年に設立された{}の設立{years}周年にあたる。",
                f.short_name
            ));
        }
        for p in f.postponements {
            let reason = clause(&p.reason);
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!("（延期理由：{reason}）")
            };
            sentences.push(format!(
                "当初は{}に開催される予定であったが、{}に延期された{reason}。",
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
                let video = if s.video {
                    "（ビデオメッセージ）"
                } else {
                    ""
                };
                format!("{}による{}{video}", speaker(s), speech_kind(s.kind))
            })
            .collect();
        (!speeches.is_empty()).then(|| format!("開会式では、{}が行われた。", speeches.join("、")))
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
                        "{}が{}について",
                        m.member,
                        committees(&m.reports).join("と")
                    )
                })
                .collect();
            sentences.push(format!(
                "{}からは、{}報告した。",
                country(group.country),
                by_member.join("、")
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
                        (name, Some(topic)) => format!("{name}「{topic}」"),
                        (name, None) => name.to_owned(),
                    })
                    .collect();
                format!("{}（{}）", country(g.country), names.join("、"))
            })
            .collect();
        (!groups.is_empty()).then(|| {
            format!(
                "続いて、{}の会員自治体による代表発表が行われた。",
                groups.join("、")
            )
        })
    }

    fn declaration(&self, f: &Facts) -> Option<String> {
        let d = f.declaration.as_ref()?;
        let at =
            d.at.map(|t| format!("{t}（現地時間）に"))
                .unwrap_or_default();
        let mut text = format!("総会は{at}「{}」を採択した。", d.title);
        if d.languages > 1 {
            text += &format!("宣言文は{}言語で作成された。", d.languages);
        }
        Some(text)
    }
}
