//! What is wrong with a request, as a code with typed parameters, so that every language can say
//! it in its own words. [`Problem::english`] is the English wording of the JSON API.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{ApplicationStatus, AssemblyStatus, MemberKind, MemberStatus};
use crate::news::{long_date, Language};

/// Why a value or a request was refused. The key and its arguments are stable: the interface
/// translates them (`err_<key>` in the app's locale files).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(test, derive(strum::EnumCount))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "key", content = "args", rename_all = "snake_case")]
pub enum Problem {
    Required,
    MinutesOutOfRange {
        max: i64,
    },
    CountryCodeFormat,
    AtLeastOne,
    EndBeforeStart,
    SpeakerUnnamed,
    ChairmanshipWithoutTerm,
    MembershipWithoutKind,
    AttendeeUnclear,
    DateFormat,
    WholeNumber,
    NotAnEmail,
    OrganizerWithMember,
    /// `value` (as typed) is none of the `allowed` stored names.
    NotOneOf {
        value: String,
        allowed: Vec<String>,
    },
    CannotPostpone {
        status: AssemblyStatus,
    },
    PostponeNotLater,
    ConcludedNotCancelled,
    CopyFromItself,
    NoSuchAssembly {
        number: i64,
    },
    CountryCodeExists,
    ChooseCountry,
    NoSuchSession,
    ItemMovesWithinAssembly,
    NoSuchPerson,
    NoSuchMember,
    ChooseApplicant,
    /// Signing in failed, without saying which of the two was wrong.
    WrongCredentials,
    SessionNotInAssembly,
    NoItemUnderWay,
    LastSpeaker,
    /// A record cannot be deleted while others refer to it.
    InUse {
        what: Deletable,
    },
    DateTimeFormat,
    NoSuchLocalTime,
    AlreadyRecorded,
    BrokenReference,
    CountryCodeTaken,
    MemberNameTaken,
    CommitteeExists,
    AssemblyNumberExists,
    MemberExists,
    TermHasChair,
    EmailTaken,
    UnknownTimeZone,
    NoSuchItem,
    ItemNotOnAgenda,
    PasswordTooShort {
        min: usize,
    },
    TermMustFollow {
        expected: i64,
        given: i64,
    },
    AlreadyActiveMember {
        kind: MemberKind,
    },
    DelegateOfInactiveMember {
        status: MemberStatus,
    },
    DelegateWithoutMember,
    MemberHasRecord,
    SessionOutsideAssembly {
        first: NaiveDate,
        last: NaiveDate,
    },
    ItemBeforeSession,
    /// `command` (as sent) is not a control-panel command.
    UnknownCommand {
        command: String,
    },
    /// The HTTP layer could not read the request; `detail` says where.
    Unreadable {
        detail: String,
    },
    VoteWithoutQuestion,
    PercentOutOfRange,
    /// A number outside what the field can hold (a count of people, an ordinal).
    OutOfRange {
        min: i64,
        max: i64,
    },
    ApplicationElsewhere,
    ApplicationDecided {
        status: ApplicationStatus,
    },
    VotesOnlyInProgress {
        status: AssemblyStatus,
    },
    NoQuorum {
        present: i64,
        members: i64,
        percent: i64,
    },
    AnotherVoteOpen,
    OwnBallotOnly,
    VoteClosed,
    /// `member` (a name) has no attendance line for the vote's session.
    NotPresent {
        member: String,
    },
    /// `member` (a name) is not a voting member.
    NoVote {
        member: String,
    },
    ObjectorNotPresent,
    DecisionReversed,
    CheckInClosed,
    LanguageTag,
    AttachmentTooLarge {
        max_mb: i64,
    },
    AttachmentType {
        allowed: String,
    },
    /// Importing an assembly document needs a database without a register or assemblies.
    DatabaseNotEmpty,
    /// A new password that is common or otherwise easy to guess (zxcvbn scores it below 3 of 4).
    PasswordTooWeak,
    /// The current password given to change it is not the account's.
    WrongPassword,
    /// What an organizer may do to others' accounts but not to their own (deactivating it).
    OwnAccount,
    /// A text longer than the field takes, in characters.
    TooLong {
        max: i64,
    },
    /// A name already in the register, compared regardless of case and Unicode normalization.
    NameTaken,
    /// An id that names no record of the kind the field refers to.
    NoSuchRecord,
    /// An assembly decided this term's chair: only reversing its decision changes it.
    ChairDecided,
    /// Rows of an imported file that were refused, each by line and column; nothing was stored.
    RowsRefused {
        rows: Vec<RefusedCell>,
    },
    /// A line of an imported file with another number of fields than its header.
    FieldCount {
        expected: i64,
        found: i64,
    },
    /// A value that must be unique within an imported file, first given on `line`.
    RepeatsLine {
        line: i64,
    },
    /// A date outside the range Plenary takes (`crate::times::FIRST_DAY`..=`LAST_DAY`).
    DateOutOfRange {
        first: NaiveDate,
        last: NaiveDate,
    },
    /// A date and time neither on the venue's clock nor with a UTC offset.
    VenueTimeFormat,
    /// An actual end given without an actual start.
    EndWithoutStart,
    /// An actual end that is not after the actual start.
    EndNotAfterStart,
    /// A language tag that is not BCP 47 or names a language CLDR does not know.
    UnknownLanguage {
        tag: String,
    },
}

/// One refused cell of an imported file: its line (the header is line 1), its column (by its
/// header name) and what is wrong with it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedCell {
    pub line: i64,
    pub column: String,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub problem: Problem,
}

/// The kinds of records whose deletion can be refused because others refer to them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deletable {
    MemberGovernment,
    Person,
    Committee,
    Session,
    AgendaItem,
    Application,
}

impl Deletable {
    pub fn english(self) -> &'static str {
        match self {
            Deletable::MemberGovernment => "member government",
            Deletable::Person => "person",
            Deletable::Committee => "committee",
            Deletable::Session => "session",
            Deletable::AgendaItem => "agenda item",
            Deletable::Application => "application",
        }
    }
}

impl Problem {
    /// The English wording, as the JSON API's `message` gives it after the field name.
    /// The pages say the same in `err_<key>` of app/locales/en.json, with dates written long
    /// (the tests in `locales` keep the two alike).
    pub fn english(&self) -> String {
        use Problem::*;
        match self {
            Required => "is required".into(),
            MinutesOutOfRange { max } => format!("must be between 1 and {max} minutes"),
            CountryCodeFormat => "must be two capital letters (ISO 3166)".into(),
            AtLeastOne => "must be 1 or more".into(),
            EndBeforeStart => "must not be before the start date".into(),
            SpeakerUnnamed => "name a person or the member government that speaks".into(),
            ChairmanshipWithoutTerm => "a chairmanship application names its term".into(),
            MembershipWithoutKind => "a membership application says member or associate".into(),
            AttendeeUnclear => "name either a member government or a guest with its kind".into(),
            DateFormat => "must be a date written YYYY-MM-DD".into(),
            WholeNumber => "must be a whole number".into(),
            NotAnEmail => "is not an e-mail address".into(),
            OrganizerWithMember => "an organizer represents no member government".into(),
            NotOneOf { value, allowed } => {
                format!("`{value}` is not one of: {}", allowed.join(", "))
            }
            CannotPostpone { status } => {
                format!("a {} assembly cannot be postponed", status.label())
            }
            PostponeNotLater => "must be later than the current first day".into(),
            ConcludedNotCancelled => "a concluded assembly cannot be cancelled".into(),
            CopyFromItself => "choose another assembly to copy from".into(),
            NoSuchAssembly { number } => format!("there is no assembly {number}"),
            CountryCodeExists => "a country with this code exists".into(),
            ChooseCountry => "choose a country of the register".into(),
            NoSuchSession => "no such session".into(),
            ItemMovesWithinAssembly => {
                "items move only between sessions of the same assembly".into()
            }
            NoSuchPerson => "no such person".into(),
            NoSuchMember => "no such member government".into(),
            ChooseApplicant => "choose a government of the register".into(),
            WrongCredentials => "the e-mail address or the password is wrong".into(),
            SessionNotInAssembly => "this session is not part of this assembly".into(),
            NoItemUnderWay => "no item is under way".into(),
            LastSpeaker => "this is the item's last speaker".into(),
            InUse { what } => format!(
                "this {} is still referred to elsewhere and cannot be deleted",
                what.english()
            ),
            DateTimeFormat => "must be a date and time, YYYY-MM-DDTHH:MM".into(),
            NoSuchLocalTime => "this time does not exist in the venue's time zone".into(),
            AlreadyRecorded => "this is already recorded".into(),
            BrokenReference => {
                "this refers to something that does not exist or is still in use".into()
            }
            CountryCodeTaken => "another country has this code".into(),
            MemberNameTaken => "another member government has this name or ordinal".into(),
            CommitteeExists => "a committee with this name exists".into(),
            AssemblyNumberExists => "an assembly with this number already exists".into(),
            MemberExists => {
                "a member government with this name or ordinal is already in the register".into()
            }
            TermHasChair => "this term already has a chair".into(),
            EmailTaken => "an account with this e-mail address exists".into(),
            UnknownTimeZone => "is not a known IANA time zone, e.g. Europe/Berlin".into(),
            NoSuchItem => "no such agenda item".into(),
            ItemNotOnAgenda => "this item is not on this assembly's agenda".into(),
            PasswordTooShort { min } => format!("must be at least {min} characters"),
            TermMustFollow { expected, given } => {
                format!("must be the term after the current one ({expected}), not {given}")
            }
            AlreadyActiveMember { kind } => format!("is already an active {}", kind.label()),
            DelegateOfInactiveMember { status } => format!(
                "a delegate represents an active member government; this one is {}",
                status.label()
            ),
            DelegateWithoutMember => "a delegate must be bound to a member government".into(),
            MemberHasRecord => {
                "this member government has ballots or decisions on record; archive it instead"
                    .into()
            }
            SessionOutsideAssembly { first, last } => format!(
                "must fall within the assembly's dates ({} to {})",
                long_date(Language::En, *first),
                long_date(Language::En, *last)
            ),
            ItemBeforeSession => "an item cannot start before its session".into(),
            UnknownCommand { command } => {
                format!("`{command}` is not a control-panel command")
            }
            Unreadable { detail } => detail.clone(),
            VoteWithoutQuestion => {
                "a vote is on an application, or on an agenda item with a question".into()
            }
            PercentOutOfRange => "must be between 0 and 100".into(),
            OutOfRange { min, max } => format!("must be between {min} and {max}"),
            ApplicationElsewhere => "this application is not before this assembly".into(),
            ApplicationDecided { status } => {
                format!("this application is already {}", status.label())
            }
            VotesOnlyInProgress { status } => format!(
                "votes are taken while the assembly is in progress; this one is {}",
                status.label()
            ),
            NoQuorum {
                present,
                members,
                percent,
            } => format!(
                "no quorum: {present} of {members} voting members are recorded as present, {percent}% must be"
            ),
            AnotherVoteOpen => "another vote of this assembly is still open; close it first".into(),
            OwnBallotOnly => {
                "a delegate casts the ballot of their own member government only".into()
            }
            VoteClosed => "this vote is closed; ballots are no longer taken".into(),
            NotPresent { member } => format!("{member} is not recorded as present"),
            NoVote { member } => format!(
                "{member} has no vote: only active members vote (and associate members where the association says so)"
            ),
            ObjectorNotPresent => "only voting members present can object".into(),
            DecisionReversed => "this decision is already reversed".into(),
            CheckInClosed => "check-in is not open for this assembly".into(),
            LanguageTag => "a language is written as a tag such as en, ko or zh-Hant".into(),
            AttachmentTooLarge { max_mb } => format!("the file is larger than {max_mb} MB"),
            AttachmentType { allowed } => {
                format!("the file is not an image of a kind taken here ({allowed})")
            }
            DatabaseNotEmpty => {
                "the database already holds a register or assemblies; import into an empty one".into()
            }
            PasswordTooWeak => {
                "is too easy to guess; several unrelated words make a strong password".into()
            }
            WrongPassword => "is not the account's current password".into(),
            OwnAccount => "you cannot do this to your own account".into(),
            TooLong { max } => format!("must be at most {max} characters"),
            NameTaken => "another entry of the register already has this name".into(),
            NoSuchRecord => "refers to a record that does not exist".into(),
            ChairDecided => {
                "an assembly decided the chair of this term; reverse its decision instead".into()
            }
            RowsRefused { rows } => {
                let each: Vec<String> = rows
                    .iter()
                    .map(|r| format!("line {}, {}: {}", r.line, r.column, r.problem.english()))
                    .collect();
                format!("nothing was imported; {} refused: {}", rows.len(), each.join("; "))
            }
            FieldCount { expected, found } => {
                format!("has {found} fields where the header has {expected}")
            }
            RepeatsLine { line } => format!("repeats line {line} of the file"),
            DateOutOfRange { first, last } => format!(
                "must be between {} and {}",
                long_date(Language::En, *first),
                long_date(Language::En, *last)
            ),
            VenueTimeFormat => "must be a date and time on the venue's clock (2027-04-10T09:30) or with its UTC offset (2027-04-10T09:30:00+02:00)".into(),
            EndWithoutStart => "an actual end needs an actual start".into(),
            EndNotAfterStart => "must be after the actual start".into(),
            UnknownLanguage { tag } => format!(
                "“{tag}” is not a language known to CLDR; give a BCP 47 tag such as en, de or pt-BR"
            ),
        }
    }
}

#[cfg(test)]
mod locales;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use strum::EnumCount;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 9, d).unwrap()
    }

    /// One of every kind of problem.
    pub(super) fn every_problem() -> Vec<Problem> {
        use Problem::*;
        vec![
            Required,
            MinutesOutOfRange { max: 600 },
            CountryCodeFormat,
            AtLeastOne,
            EndBeforeStart,
            SpeakerUnnamed,
            ChairmanshipWithoutTerm,
            MembershipWithoutKind,
            AttendeeUnclear,
            DateFormat,
            WholeNumber,
            NotAnEmail,
            OrganizerWithMember,
            NotOneOf {
                value: "acclaim".into(),
                allowed: vec!["unanimous".into(), "consensus".into()],
            },
            CannotPostpone {
                status: AssemblyStatus::Concluded,
            },
            PostponeNotLater,
            ConcludedNotCancelled,
            CopyFromItself,
            NoSuchAssembly { number: 9 },
            CountryCodeExists,
            ChooseCountry,
            NoSuchSession,
            ItemMovesWithinAssembly,
            NoSuchPerson,
            NoSuchMember,
            ChooseApplicant,
            WrongCredentials,
            SessionNotInAssembly,
            NoItemUnderWay,
            LastSpeaker,
            InUse {
                what: Deletable::Person,
            },
            DateTimeFormat,
            NoSuchLocalTime,
            AlreadyRecorded,
            BrokenReference,
            CountryCodeTaken,
            MemberNameTaken,
            CommitteeExists,
            AssemblyNumberExists,
            MemberExists,
            TermHasChair,
            EmailTaken,
            UnknownTimeZone,
            NoSuchItem,
            ItemNotOnAgenda,
            PasswordTooShort { min: 12 },
            TermMustFollow {
                expected: 14,
                given: 16,
            },
            AlreadyActiveMember {
                kind: MemberKind::Member,
            },
            DelegateOfInactiveMember {
                status: MemberStatus::Withdrawn,
            },
            DelegateWithoutMember,
            MemberHasRecord,
            SessionOutsideAssembly {
                first: day(1),
                last: day(2),
            },
            ItemBeforeSession,
            UnknownCommand {
                command: "jump".into(),
            },
            Unreadable {
                detail: "missing field `code`".into(),
            },
            VoteWithoutQuestion,
            PercentOutOfRange,
            OutOfRange {
                min: 1,
                max: 10_000,
            },
            ApplicationElsewhere,
            ApplicationDecided {
                status: ApplicationStatus::Approved,
            },
            VotesOnlyInProgress {
                status: AssemblyStatus::Planned,
            },
            NoQuorum {
                present: 30,
                members: 78,
                percent: 50,
            },
            AnotherVoteOpen,
            OwnBallotOnly,
            VoteClosed,
            NotPresent {
                member: "Gansu Province".into(),
            },
            NoVote {
                member: "Ho Chi Minh City".into(),
            },
            ObjectorNotPresent,
            DecisionReversed,
            CheckInClosed,
            LanguageTag,
            AttachmentTooLarge { max_mb: 5 },
            AttachmentType {
                allowed: "JPEG, PNG".into(),
            },
            DatabaseNotEmpty,
            PasswordTooWeak,
            WrongPassword,
            OwnAccount,
            TooLong { max: 200 },
            NameTaken,
            NoSuchRecord,
            ChairDecided,
            RowsRefused {
                rows: vec![RefusedCell {
                    line: 3,
                    column: "kind".into(),
                    problem: Required,
                }],
            },
            FieldCount {
                expected: 7,
                found: 6,
            },
            RepeatsLine { line: 2 },
            DateOutOfRange {
                first: day(1),
                last: day(2),
            },
            VenueTimeFormat,
            EndWithoutStart,
            EndNotAfterStart,
            UnknownLanguage { tag: "xx".into() },
        ]
    }

    pub(super) fn key(problem: &Problem) -> String {
        serde_json::to_value(problem).unwrap()["key"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn every_problem_has_english_words_and_its_own_key() {
        let all = every_problem();
        let keys: std::collections::BTreeSet<String> = all.iter().map(key).collect();
        assert_eq!(keys.len(), Problem::COUNT, "one example of each problem");
        for problem in &all {
            assert!(!problem.english().trim().is_empty(), "{problem:?}");
            let json = serde_json::to_string(problem).unwrap();
            assert_eq!(&serde_json::from_str::<Problem>(&json).unwrap(), problem);
        }
    }

    #[test]
    fn english_fills_in_the_arguments() {
        assert_eq!(
            Problem::TermMustFollow {
                expected: 14,
                given: 16
            }
            .english(),
            "must be the term after the current one (14), not 16"
        );
        assert_eq!(
            Problem::CannotPostpone {
                status: AssemblyStatus::InProgress
            }
            .english(),
            "a in progress assembly cannot be postponed"
        );
        assert_eq!(
            Problem::InUse {
                what: Deletable::AgendaItem
            }
            .english(),
            "this agenda item is still referred to elsewhere and cannot be deleted"
        );
        assert_eq!(
            Problem::SessionOutsideAssembly {
                first: day(1),
                last: day(2)
            }
            .english(),
            "must fall within the assembly's dates (1 September 2022 to 2 September 2022)"
        );
        assert_eq!(
            Problem::NotOneOf {
                value: "acclaim".into(),
                allowed: vec!["unanimous".into(), "consensus".into()]
            }
            .english(),
            "`acclaim` is not one of: unanimous, consensus"
        );
    }

    #[test]
    fn the_json_is_a_key_with_typed_arguments() {
        assert_eq!(
            serde_json::to_value(Problem::Required).unwrap(),
            json!({"key": "required"})
        );
        assert_eq!(
            serde_json::to_value(Problem::DelegateOfInactiveMember {
                status: MemberStatus::Withdrawn
            })
            .unwrap(),
            json!({"key": "delegate_of_inactive_member", "args": {"status": "withdrawn"}})
        );
        assert_eq!(
            serde_json::to_value(Problem::SessionOutsideAssembly {
                first: day(1),
                last: day(2)
            })
            .unwrap(),
            json!({"key": "session_outside_assembly", "args": {"first": "2022-09-01", "last": "2022-09-02"}})
        );
        assert_eq!(
            serde_json::to_value(Problem::InUse {
                what: Deletable::MemberGovernment
            })
            .unwrap(),
            json!({"key": "in_use", "args": {"what": "member_government"}})
        );
    }
}
