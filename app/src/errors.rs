//! Errors in the reader's language: every [`Problem`] core can name and every other kind of
//! [`Error`], in the words of `locales/*.json` (`err_…`).

use leptos::prelude::*;
use plenary_core::{Error, Problem};

use crate::i18n::*;
use crate::text::{date, Label};

/// What went wrong, said for the reader.
#[component]
pub fn ErrorText(error: Error) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        Error::Invalid { problem, .. } | Error::Conflict { problem, .. } => {
            view! { <ProblemText problem/> }.into_any()
        }
        Error::NotFound { .. } => t!(i18n, err_not_found).into_any(),
        Error::Unauthenticated => t!(i18n, err_unauthenticated).into_any(),
        Error::Forbidden => t!(i18n, err_forbidden).into_any(),
        Error::TooManyRequests => t!(i18n, err_too_many_requests).into_any(),
        Error::Internal => t!(i18n, err_internal).into_any(),
        Error::Transport { .. } => t!(i18n, err_transport).into_any(),
    }
}

/// What is wrong with the input. Values the user typed are quoted as typed.
/// The English must read as `Problem::english` does; core's `problem::locales` tests fill in
/// `err_<key>` as this does (labels from the locale, dates long, lists joined by ", ").
#[component]
fn ProblemText(problem: Problem) -> impl IntoView {
    use Problem::*;
    let i18n = use_i18n();
    match problem {
        Required => t!(i18n, err_required).into_any(),
        MinutesOutOfRange { max } => {
            t!(i18n, err_minutes_out_of_range, max = move || max).into_any()
        }
        CountryCodeFormat => t!(i18n, err_country_code_format).into_any(),
        AtLeastOne => t!(i18n, err_at_least_one).into_any(),
        EndBeforeStart => t!(i18n, err_end_before_start).into_any(),
        SpeakerUnnamed => t!(i18n, err_speaker_unnamed).into_any(),
        ChairmanshipWithoutTerm => t!(i18n, err_chairmanship_without_term).into_any(),
        MembershipWithoutKind => t!(i18n, err_membership_without_kind).into_any(),
        AttendeeUnclear => t!(i18n, err_attendee_unclear).into_any(),
        DateFormat => t!(i18n, err_date_format).into_any(),
        WholeNumber => t!(i18n, err_whole_number).into_any(),
        NotAnEmail => t!(i18n, err_not_an_email).into_any(),
        OrganizerWithMember => t!(i18n, err_organizer_with_member).into_any(),
        NotOneOf { value, allowed } => {
            let allowed = allowed.join(", ");
            t!(
                i18n,
                err_not_one_of,
                value = move || value.clone(),
                allowed = move || allowed.clone()
            )
            .into_any()
        }
        CannotPostpone { status } => {
            t!(i18n, err_cannot_postpone, status = move || status.tr()).into_any()
        }
        PostponeNotLater => t!(i18n, err_postpone_not_later).into_any(),
        ConcludedNotCancelled => t!(i18n, err_concluded_not_cancelled).into_any(),
        CopyFromItself => t!(i18n, err_copy_from_itself).into_any(),
        NoSuchAssembly { number } => {
            t!(i18n, err_no_such_assembly, number = move || number).into_any()
        }
        CountryCodeExists => t!(i18n, err_country_code_exists).into_any(),
        ChooseCountry => t!(i18n, err_choose_country).into_any(),
        NoSuchSession => t!(i18n, err_no_such_session).into_any(),
        ItemMovesWithinAssembly => t!(i18n, err_item_moves_within_assembly).into_any(),
        NoSuchPerson => t!(i18n, err_no_such_person).into_any(),
        NoSuchMember => t!(i18n, err_no_such_member).into_any(),
        ChooseApplicant => t!(i18n, err_choose_applicant).into_any(),
        WrongCredentials => t!(i18n, err_wrong_credentials).into_any(),
        SessionNotInAssembly => t!(i18n, err_session_not_in_assembly).into_any(),
        NoItemUnderWay => t!(i18n, err_no_item_under_way).into_any(),
        LastSpeaker => t!(i18n, err_last_speaker).into_any(),
        InUse { what } => t!(i18n, err_in_use, what = move || what.tr()).into_any(),
        DateTimeFormat => t!(i18n, err_date_time_format).into_any(),
        NoSuchLocalTime => t!(i18n, err_no_such_local_time).into_any(),
        AlreadyRecorded => t!(i18n, err_already_recorded).into_any(),
        BrokenReference => t!(i18n, err_broken_reference).into_any(),
        CountryCodeTaken => t!(i18n, err_country_code_taken).into_any(),
        MemberNameTaken => t!(i18n, err_member_name_taken).into_any(),
        CommitteeExists => t!(i18n, err_committee_exists).into_any(),
        AssemblyNumberExists => t!(i18n, err_assembly_number_exists).into_any(),
        MemberExists => t!(i18n, err_member_exists).into_any(),
        TermHasChair => t!(i18n, err_term_has_chair).into_any(),
        EmailTaken => t!(i18n, err_email_taken).into_any(),
        UnknownTimeZone => t!(i18n, err_unknown_time_zone).into_any(),
        NoSuchItem => t!(i18n, err_no_such_item).into_any(),
        ItemNotOnAgenda => t!(i18n, err_item_not_on_agenda).into_any(),
        PasswordTooShort { min } => t!(i18n, err_password_too_short, min = move || min).into_any(),
        TermMustFollow { expected, given } => t!(
            i18n,
            err_term_must_follow,
            expected = move || expected,
            given = move || given
        )
        .into_any(),
        AlreadyActiveMember { kind } => {
            t!(i18n, err_already_active_member, kind = move || kind.tr()).into_any()
        }
        DelegateOfInactiveMember { status } => t!(
            i18n,
            err_delegate_of_inactive_member,
            status = move || status.tr()
        )
        .into_any(),
        DelegateWithoutMember => t!(i18n, err_delegate_without_member).into_any(),
        MemberHasRecord => t!(i18n, err_member_has_record).into_any(),
        SessionOutsideAssembly { first, last } => t!(
            i18n,
            err_session_outside_assembly,
            first = move || date(first),
            last = move || date(last)
        )
        .into_any(),
        ItemBeforeSession => t!(i18n, err_item_before_session).into_any(),
        UnknownCommand { command } => {
            t!(i18n, err_unknown_command, command = move || command.clone()).into_any()
        }
        Unreadable { detail } => {
            t!(i18n, err_unreadable, detail = move || detail.clone()).into_any()
        }
        VoteWithoutQuestion => t!(i18n, err_vote_without_question).into_any(),
        PercentOutOfRange => t!(i18n, err_percent_out_of_range).into_any(),
        OutOfRange { min, max } => {
            t!(i18n, err_out_of_range, min = move || min, max = move || max).into_any()
        }
        ApplicationElsewhere => t!(i18n, err_application_elsewhere).into_any(),
        ApplicationDecided { status } => {
            t!(i18n, err_application_decided, status = move || status.tr()).into_any()
        }
        VotesOnlyInProgress { status } => t!(
            i18n,
            err_votes_only_in_progress,
            status = move || status.tr()
        )
        .into_any(),
        NoQuorum {
            present,
            members,
            percent,
        } => t!(
            i18n,
            err_no_quorum,
            present = move || present,
            members = move || members,
            percent = move || percent
        )
        .into_any(),
        AnotherVoteOpen => t!(i18n, err_another_vote_open).into_any(),
        OwnBallotOnly => t!(i18n, err_own_ballot_only).into_any(),
        VoteClosed => t!(i18n, err_vote_closed).into_any(),
        NotPresent { member } => {
            t!(i18n, err_not_present, member = move || member.clone()).into_any()
        }
        NoVote { member } => t!(i18n, err_no_vote, member = move || member.clone()).into_any(),
        ObjectorNotPresent => t!(i18n, err_objector_not_present).into_any(),
        DecisionReversed => t!(i18n, err_decision_reversed).into_any(),
        CheckInClosed => t!(i18n, err_check_in_closed).into_any(),
        LanguageTag => t!(i18n, err_language_tag).into_any(),
        AttachmentTooLarge { max_mb } => {
            t!(i18n, err_attachment_too_large, max_mb = move || max_mb).into_any()
        }
        AttachmentType { allowed } => {
            t!(i18n, err_attachment_type, allowed = move || allowed.clone()).into_any()
        }
        DatabaseNotEmpty => t!(i18n, err_database_not_empty).into_any(),
        PasswordTooWeak => t!(i18n, err_password_too_weak).into_any(),
        WrongPassword => t!(i18n, err_wrong_password).into_any(),
        OwnAccount => t!(i18n, err_own_account).into_any(),
        TooLong { max } => t!(i18n, err_too_long, max = move || max).into_any(),
        NameTaken => t!(i18n, err_name_taken).into_any(),
        NoSuchRecord => t!(i18n, err_no_such_record).into_any(),
        ChairDecided => t!(i18n, err_chair_decided).into_any(),
        RowsRefused { rows } => {
            let count = rows.len();
            view! {
                {t!(i18n, err_rows_refused, count = move || count)}
                <ul class="refused-rows">
                    {rows.into_iter().map(|r| {
                        let (line, column) = (r.line, r.column);
                        view! {
                            <li>{t!(i18n, refused_cell, line = move || line, column = move || column.clone())}" "<ProblemText problem=r.problem/></li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
        FieldCount { expected, found } => t!(
            i18n,
            err_field_count,
            expected = move || expected,
            found = move || found
        )
        .into_any(),
        RepeatsLine { line } => t!(i18n, err_repeats_line, line = move || line).into_any(),
        DateOutOfRange { first, last } => t!(
            i18n,
            err_date_out_of_range,
            first = move || date(first),
            last = move || date(last)
        )
        .into_any(),
        VenueTimeFormat => t!(i18n, err_venue_time_format).into_any(),
        EndWithoutStart => t!(i18n, err_end_without_start).into_any(),
        EndNotAfterStart => t!(i18n, err_end_not_after_start).into_any(),
        UnknownLanguage { tag } => {
            t!(i18n, err_unknown_language, tag = move || tag.clone()).into_any()
        }
    }
}

/// The label of form field `field` in the reader's language, for an error shown away from its
/// field; none for fields that have no label of their own.
pub fn field_label(field: &str) -> Option<&'static str> {
    let i18n = use_i18n();
    Some(match field {
        "number" => t_string!(i18n, f_number),
        "title" => t_string!(i18n, f_title),
        "slogan" => t_string!(i18n, f_slogan),
        "start_date" => t_string!(i18n, f_first_day),
        "end_date" => t_string!(i18n, f_last_day),
        "venue" => t_string!(i18n, venue),
        "host_member_id" => t_string!(i18n, f_host_member),
        "mode" => t_string!(i18n, mode),
        "time_zone" => t_string!(i18n, time_zone),
        "status" => t_string!(i18n, status),
        "to_date" => t_string!(i18n, f_new_first_day),
        "reason" => t_string!(i18n, f_reason),
        "from_number" => t_string!(i18n, copy_agenda_of),
        "kind" => t_string!(i18n, col_kind),
        "planned_start" => t_string!(i18n, f_planned_start),
        "actual_start" => t_string!(i18n, f_actual_start),
        "actual_end" => t_string!(i18n, f_actual_end),
        "planned_minutes" => t_string!(i18n, f_planned_minutes),
        "person_id" => t_string!(i18n, f_person),
        "member_id" => t_string!(i18n, col_member),
        "role" => t_string!(i18n, f_role),
        "delivery" => t_string!(i18n, f_delivery),
        "applicant_member_id" => t_string!(i18n, f_applicant),
        "agenda_item_id" | "item_id" => t_string!(i18n, f_agenda_item),
        "term" => t_string!(i18n, f_term),
        "membership_kind" => t_string!(i18n, f_membership_kind),
        "statement" => t_string!(i18n, f_statement),
        "code" => t_string!(i18n, f_iso_code),
        "name" => t_string!(i18n, f_name),
        "country_id" => t_string!(i18n, f_country),
        "ordinal" => t_string!(i18n, f_ordinal),
        "body" => t_string!(i18n, f_outside_body),
        "coordinating_member_id" => t_string!(i18n, f_coordinating_member),
        "email" => t_string!(i18n, email),
        "password" => t_string!(i18n, password),
        "current_password" => t_string!(i18n, current_password),
        "new_password" => t_string!(i18n, new_password),
        "expires_in_days" => t_string!(i18n, f_token_days),
        "position" => t_string!(i18n, f_position),
        "session_id" => t_string!(i18n, f_session),
        _ => return None,
    })
}
