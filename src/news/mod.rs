//! A draft news item about an assembly, written from its record in one of the association's
//! languages, in the style of a secretariat's news post: a headline, a lead paragraph (when,
//! where, how, who took part) and a body of plain-text paragraphs.
//!
//! Every fact comes from the [`Record`]; the templates only supply the words around them. Names of
//! members, people, committees and documents stay as recorded (they are data); countries, dates,
//! ordinals and numbers are put in the reader's language. The same record always gives the same
//! text: nothing here reads the clock, the network or a random source.
//!
//! The draft is written in the past tense, for an assembly that has taken place.
//!
//! # Which fact leads the headline
//!
//! The headline names the assembly by its number and then its most notable fact, the first of:
//! 1. members admitted by a standing, approved membership decision ("admits Liaoning Province as
//!    its 79th member"; several admissions are named together);
//! 2. a chair elected for a term by a standing, approved chairmanship decision;
//! 3. the slogan;
//! 4. where and when the assembly was held.
//!
//! Admissions come first because they change the association itself; a chair's election changes
//! who leads it; a slogan only says what the assembly was about.

mod en;
mod facts;
mod ja;
mod ko;
mod mn;
mod ru;
mod zh;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::record::Record;
use facts::Facts;

/// A language a news draft can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Ko,
    Zh,
    Ja,
    Ru,
    Mn,
}

impl Language {
    /// Every language with templates, English first.
    pub const ALL: [Language; 6] = [
        Language::En,
        Language::Ko,
        Language::Zh,
        Language::Ja,
        Language::Ru,
        Language::Mn,
    ];

    /// The BCP 47 primary language subtag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ko => "ko",
            Language::Zh => "zh",
            Language::Ja => "ja",
            Language::Ru => "ru",
            Language::Mn => "mn",
        }
    }

    /// The tags of every language with templates, as the database keeps them.
    pub fn tags() -> Vec<&'static str> {
        Self::ALL.iter().map(|l| l.tag()).collect()
    }

    /// Reads a BCP 47 tag by its primary subtag, so "ko", "ko-KR" and "mn_Cyrl_MN" all count.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The language's name in itself, for a language chooser.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Ko => "한국어",
            Language::Zh => "中文",
            Language::Ja => "日本語",
            Language::Ru => "Русский",
            Language::Mn => "Монгол",
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// A draft news item, for the secretariat to review before it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsDraft {
    pub language: Language,
    pub headline: String,
    /// One paragraph: the date, the venue, the mode and who took part.
    pub lead: String,
    /// Plain-text paragraphs separated by one blank line ("\n\n"); no markup.
    pub body: String,
}

/// A date as `language` writes it: "10 August 2021", "2021년 8월 10일", "10 августа 2021 г." (the
/// pages use the same forms).
pub fn long_date(language: Language, d: chrono::NaiveDate) -> String {
    match language {
        Language::En => en::date(d),
        Language::Ko => ko::date(d),
        Language::Zh => zh::date(d),
        Language::Ja => ja::date(d),
        Language::Ru => ru::date(d),
        Language::Mn => mn::date(d),
    }
}

/// Writes the news draft of `record` in `language`.
pub fn news_draft(record: &Record, language: Language) -> NewsDraft {
    let facts = Facts::read(record);
    let writer = writer(language);
    let paragraphs = [
        writer.background(&facts),
        writer.opening(&facts),
        writer.decisions(&facts),
        writer.reports(&facts),
        writer.presentations(&facts),
        writer.declaration(&facts),
    ];
    NewsDraft {
        language,
        headline: one_line(&writer.headline(&facts)),
        lead: one_line(&writer.lead(&facts)),
        body: paragraphs
            .iter()
            .flatten()
            .map(|p| one_line(p))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// The drafts in each of the association's languages that have templates, main language first;
/// in English alone when none of them has.
pub fn news_drafts(record: &Record) -> Vec<NewsDraft> {
    let mut languages: Vec<Language> = Vec::new();
    for language in record
        .association
        .languages
        .iter()
        .filter_map(|t| Language::parse(t))
    {
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    if languages.is_empty() {
        languages.push(Language::En);
    }
    languages
        .into_iter()
        .map(|l| news_draft(record, l))
        .collect()
}

/// The paragraphs of a news item, one method per kind, in the words of one language. A method
/// returns `None` when the record has nothing for its paragraph.
trait Writer {
    fn headline(&self, f: &Facts) -> String;
    fn lead(&self, f: &Facts) -> String;
    /// The anniversary and any postponement.
    fn background(&self, f: &Facts) -> Option<String>;
    /// Who spoke at the opening ceremony.
    fn opening(&self, f: &Facts) -> Option<String>;
    /// Each standing decision, its tally and its effect.
    fn decisions(&self, f: &Facts) -> Option<String>;
    /// Committee reports, grouped by the country of the presenting member.
    fn reports(&self, f: &Facts) -> Option<String>;
    /// Members' presentations, grouped by country.
    fn presentations(&self, f: &Facts) -> Option<String>;
    /// The declaration adopted.
    fn declaration(&self, f: &Facts) -> Option<String>;
}

fn writer(language: Language) -> &'static dyn Writer {
    match language {
        Language::En => &en::English,
        Language::Ko => &ko::Korean,
        Language::Zh => &zh::Chinese,
        Language::Ja => &ja::Japanese,
        Language::Ru => &ru::Russian,
        Language::Mn => &mn::Mongolian,
    }
}

/// Recorded text may hold line breaks; a paragraph of the draft must not, or it would split
/// into paragraphs the template never meant.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins `items` as a list: "A, B and C" with `sep` = ", " and `last` = " and ".
fn list<S: AsRef<str>>(items: &[S], sep: &str, last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., end] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{}{last}{}", init.join(sep), end.as_ref())
        }
    }
}

/// Recorded text to be embedded in a sentence of ours: without its own closing full stop.
fn clause(text: &str) -> &str {
    text.trim().trim_end_matches(['.', '。'])
}

/// Recorded text that stands as a sentence of its own: closed by `stop` unless it already ends
/// a sentence, also inside a closing quotation mark ("… we go!”" needs no full stop after it).
fn closed(text: &str, stop: &str) -> String {
    let text = text.trim();
    let inner = text.trim_end_matches(['”', '’', '"', '»', '」', '』', ')', '）']);
    if inner.ends_with(['.', '!', '?', '。', '！', '？']) {
        text.to_owned()
    } else {
        format!("{text}{stop}")
    }
}

/// Sentences joined by a space (languages that space their sentences).
fn spaced(sentences: Vec<String>) -> Option<String> {
    let sentences: Vec<String> = sentences.into_iter().filter(|s| !s.is_empty()).collect();
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// Sentences run together (Chinese and Japanese, whose full stop needs no space).
fn packed(sentences: Vec<String>) -> Option<String> {
    let text: String = sentences.concat();
    (!text.is_empty()).then_some(text)
}

/// The published summaries in the order a reader is offered them: the association's working
/// languages in its order (the main one first), then any other language, by tag.
pub fn offered(
    mut published: Vec<crate::model::NewsSummary>,
    working: &[String],
) -> Vec<crate::model::NewsSummary> {
    let rank = |language: &str| {
        working
            .iter()
            .position(|w| same_tag(w, language))
            .unwrap_or(working.len())
    };
    published
        .sort_by(|a, b| (rank(&a.language), &a.language).cmp(&(rank(&b.language), &b.language)));
    published
}

/// The summary a reader asking for `requested` gets: the one in that language or, when none is
/// asked for, the first offered (see [`offered`]). `None` when the language asked for is not
/// published: the reader is told so and offered the others, never quietly given another.
pub fn chosen<'a>(
    offered: &'a [crate::model::NewsSummary],
    requested: Option<&str>,
) -> Option<&'a crate::model::NewsSummary> {
    match requested.map(str::trim).filter(|r| !r.is_empty()) {
        Some(language) => offered.iter().find(|n| same_tag(&n.language, language)),
        None => offered.first(),
    }
}

/// Whether two BCP 47 tags are the same, as BCP 47 compares them: regardless of case, and of
/// `_` written for `-`.
fn same_tag(a: &str, b: &str) -> bool {
    let norm = |t: &str| t.trim().replace('_', "-").to_ascii_lowercase();
    norm(a) == norm(b)
}
