//! Where the record of an assembly can be read and taken away: the minutes, the news summary,
//! the calendar feed and the exports. The whole assembly document holds drafts: it is linked
//! from the organizers' control panel, not here.

use leptos::prelude::*;

use crate::i18n::*;
use crate::pages::PublishedLanguages;

#[component]
pub fn RecordLinks(number: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = format!("/api/assemblies/{number}");
    view! {
        <section class="record-links" aria-labelledby="record-links-heading">
            <h2 id="record-links-heading">{t!(i18n, the_record)}</h2>
            <ul>
                <li><a href=format!("/assemblies/{number}/minutes")>{t!(i18n, minutes)}</a></li>
                <li>{t!(i18n, news_summary)}": "
                    <PublishedLanguages number/>" · "
                    <a href="/news.atom" type="application/atom+xml">{t!(i18n, news_feed)}</a>
                </li>
                <li><a href=format!("/assemblies/{number}/calendar.ics") type="text/calendar">{t!(i18n, calendar_feed)}</a></li>
            </ul>
            <h3>{t!(i18n, exports)}</h3>
            <ul class="exports">
                <li><a href=format!("{api}/record") type="application/json">{t!(i18n, export_record)}</a></li>
                <li><a href=format!("{api}/attendance.csv") type="text/csv">{t!(i18n, export_attendance_csv)}</a></li>
                <li><a href=format!("{api}/ballots.csv") type="text/csv">{t!(i18n, export_ballots_csv)}</a></li>
                <li><a href=format!("{api}/popolo.json") type="application/json">{t!(i18n, export_popolo)}</a></li>
            </ul>
        </section>
    }
}
