//! The Atom feed of published news summaries (RFC 4287), one entry per assembly and language.

use atom_syndication::{
    ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, Text,
};
use chrono::{DateTime, Utc};
use plenary_core::model::NewsSummary;

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

/// The feed titled `title` of `news` (assembly number, summary), newest first, with links
/// under `base`.
pub fn atom(base: &str, title: &str, news: &[(i64, NewsSummary)]) -> String {
    let updated = news
        .iter()
        .map(|(_, n)| n.updated_at.max(n.published_at.unwrap_or(n.updated_at)))
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let entries = news
        .iter()
        .map(|(number, n)| {
            let url = format!("{base}/assemblies/{number}/news?lang={}", n.language);
            let mut text = n.lead.clone();
            for p in n.paragraphs() {
                text.push_str("\n\n");
                text.push_str(p);
            }
            EntryBuilder::default()
                // The summary's lasting id, not the assembly's number: an entry keeps its id
                // when the assembly is renumbered, so readers do not see it twice.
                .id(format!("{base}/news/{}", n.id))
                .title(Text::plain(n.headline.clone()))
                .updated(fixed(n.updated_at))
                .published(n.published_at.map(fixed))
                .summary(Some(Text::plain(n.lead.clone())))
                .content(Some(
                    ContentBuilder::default()
                        .value(Some(text))
                        .content_type(Some("text".to_owned()))
                        .lang(Some(n.language.clone()))
                        .build(),
                ))
                .links(vec![LinkBuilder::default()
                    .href(url)
                    .rel("alternate")
                    .hreflang(Some(n.language.clone()))
                    .mime_type(Some("text/html".to_owned()))
                    .build()])
                .build()
        })
        .collect::<Vec<_>>();
    FeedBuilder::default()
        .id(format!("{base}/news.atom"))
        .title(Text::plain(title.to_owned()))
        .updated(fixed(updated))
        .links(vec![
            LinkBuilder::default()
                .href(format!("{base}/news.atom"))
                .rel("self")
                .mime_type(Some("application/atom+xml".to_owned()))
                .build(),
            LinkBuilder::default()
                .href(format!("{base}/"))
                .rel("alternate")
                .build(),
        ])
        .entries(entries)
        .build()
        .to_string()
}
