//! The interface's words in the reader's language: dates, ordinals, and the labels of the
//! domain's closed sets of values (the translations themselves are in `locales/*.json`).

use chrono::NaiveDate;
use leptos::prelude::*;
use plenary_core::auth::Role;
use plenary_core::model::*;
use plenary_core::problem::Deletable;
use plenary_core::views::{ChairRole, ChairView, SpeakerView};

use crate::i18n::*;

/// "10 August 2021", "2021년 8월 10일", "2021年8月10日", "10 августа 2021 г.", "2021 оны 8-р сарын 10":
/// the forms the news summaries use too.
pub fn long_date(locale: Locale, d: NaiveDate) -> String {
    use plenary_core::news::Language;
    let language = match locale {
        Locale::en => Language::En,
        Locale::ko => Language::Ko,
        Locale::zh => Language::Zh,
        Locale::ja => Language::Ja,
        Locale::ru => Language::Ru,
        Locale::mn => Language::Mn,
    };
    plenary_core::news::long_date(language, d)
}

/// "79th", "79번째", "第79", "79-й", "79-р": a member government's place in the order of joining.
pub fn ordinal(locale: Locale, n: i64) -> String {
    match locale {
        Locale::en => plenary_core::model::ordinal(n),
        Locale::ko => format!("{n}번째"),
        Locale::zh | Locale::ja => format!("第{n}"),
        Locale::ru => format!("{n}-й"),
        Locale::mn => format!("{n}-р"),
    }
}

/// How a speaker is named: an office ("Governor", "Prime Minister") before the name, a
/// description ("former Secretary-General of …") after it; a member government's representative
/// when no person is named.
#[component]
pub fn SpeakerName(speaker: SpeakerView) -> impl IntoView {
    let i18n = use_i18n();
    match (speaker.name, speaker.title) {
        (Some(name), Some(title)) if title.starts_with(char::is_uppercase) => {
            format!("{title} {name}").into_any()
        }
        (Some(name), Some(title)) if !title.is_empty() => format!("{name}, {title}").into_any(),
        (Some(name), _) => name.into_any(),
        (None, _) => {
            let member = speaker.on_behalf_of.unwrap_or_default();
            t!(i18n, representative_of, member = move || member.clone()).into_any()
        }
    }
}

/// A date in the language the page is read in.
pub fn date(d: NaiveDate) -> String {
    long_date(use_i18n().get_locale(), d)
}

/// "28 March 2026 – 29 March 2026", or one date when an assembly lasts a day.
pub fn date_span(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        date(start)
    } else {
        format!("{} – {}", date(start), date(end))
    }
}

/// "Term 14: Ulsan Metropolitan City (South Korea)", in the reader's language.
pub fn chair_line(c: &ChairView) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (term, member, country) = (c.term, c.member.clone(), c.country.clone());
    t!(
        i18n,
        chair_term,
        term = move || term,
        member = move || member.clone(),
        country = move || country.clone()
    )
}

/// The label of a domain value in the reader's language.
pub trait Label {
    fn tr(self) -> String;
}

macro_rules! labels {
    ($type:ty { $($variant:ident => $key:ident),+ $(,)? }) => {
        impl Label for $type {
            fn tr(self) -> String {
                let i18n = use_i18n();
                match self {
                    $(<$type>::$variant => t_string!(i18n, $key).to_string()),+
                }
            }
        }
    };
}

labels!(AssemblyMode { InPerson => mode_in_person, Online => mode_online, Hybrid => mode_hybrid });
labels!(AssemblyStatus {
    Planned => astatus_planned, Postponed => astatus_postponed, InProgress => astatus_in_progress,
    Concluded => astatus_concluded, Cancelled => astatus_cancelled,
});
labels!(AgendaItemKind {
    WelcomingRemarks => kind_welcoming_remarks, OpeningRemarks => kind_opening_remarks,
    CongratulatorySpeech => kind_congratulatory_speech, GuestSpeech => kind_guest_speech, Report => kind_report,
    Presentation => kind_presentation, Application => kind_application, Declaration => kind_declaration, Other => kind_other,
});
labels!(AgendaItemStatus {
    Pending => istatus_pending, Current => istatus_current, Done => istatus_done, Skipped => istatus_skipped,
    Deferred => istatus_deferred,
});
labels!(Delivery { InPerson => delivery_in_person, Online => delivery_online, Video => delivery_video });
labels!(MemberKind { Member => mkind_member, Associate => mkind_associate, Observer => mkind_observer });
labels!(MemberStatus {
    Applicant => mstatus_applicant, Active => mstatus_active, Withdrawn => mstatus_withdrawn, Archived => mstatus_archived,
});
labels!(ChairRole { Past => chair_past, Chair => chair_in_office, ChairElect => chair_elect });
labels!(AttendanceMode { InPerson => amode_in_person, Online => amode_online });
labels!(GuestKind { RegionalGovernment => gkind_regional_government, OutsideBody => gkind_outside_body });
labels!(VoteRule {
    Unanimous => rule_unanimous, Consensus => rule_consensus, TwoThirds => rule_two_thirds,
    SimpleMajority => rule_simple_majority,
});
labels!(BallotChoice { Yes => choice_yes, No => choice_no, Abstain => choice_abstain });
labels!(plenary_core::tally::Outcome {
    Approved => outcome_approved, NotApproved => outcome_not_approved, NoQuorum => outcome_no_quorum,
});
labels!(SessionKind { OpeningCeremony => skind_opening_ceremony, Working => skind_working, Closing => skind_closing });
labels!(ApplicationKind { Chairmanship => akind_chairmanship, Membership => akind_membership });
labels!(ApplicationStatus {
    Submitted => apstatus_submitted, Approved => apstatus_approved, Rejected => apstatus_rejected, Withdrawn => apstatus_withdrawn,
});
labels!(Role { Organizer => role_organizer, Delegate => role_delegate });
labels!(NewsStatus { Draft => nstatus_draft, Published => nstatus_published });
labels!(DecisionOutcome { Approved => doutcome_approved, Rejected => doutcome_rejected, Noted => doutcome_noted });
labels!(Deletable {
    MemberGovernment => deletable_member_government, Person => deletable_person, Committee => deletable_committee,
    Session => deletable_session, AgendaItem => deletable_agenda_item, Application => deletable_application,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2021, 8, 10).unwrap();
        assert_eq!(long_date(Locale::en, d), "10 August 2021");
        assert_eq!(long_date(Locale::ko, d), "2021년 8월 10일");
        assert_eq!(long_date(Locale::ja, d), "2021年8月10日");
        assert_eq!(long_date(Locale::ru, d), "10 августа 2021 г.");
        assert_eq!(long_date(Locale::mn, d), "2021 оны 8-р сарын 10");
    }

    #[test]
    fn ordinals_read_as_each_language_writes_them() {
        for (n, english) in [
            (1, "1st"),
            (12, "12th"),
            (22, "22nd"),
            (79, "79th"),
            (113, "113th"),
        ] {
            assert_eq!(ordinal(Locale::en, n), english);
        }
        assert_eq!(ordinal(Locale::ko, 79), "79번째");
        assert_eq!(ordinal(Locale::ja, 79), "第79");
        assert_eq!(ordinal(Locale::ru, 79), "79-й");
    }
}
