//! Records as an organizer enters them, before storage gives them an id, with their validation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::{rules, Error, Problem, Result};

/// The longest an agenda item may be planned for, in minutes (ten hours).
pub const MAX_PLANNED_MINUTES: i64 = 600;

/// A required text: trimmed, not empty.
pub fn required(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, Problem::Required));
    }
    Ok(value.to_owned())
}

/// Planned minutes of an agenda item: between 1 and [`MAX_PLANNED_MINUTES`].
pub fn planned_minutes(field: &str, minutes: i64) -> Result<i64> {
    if !(1..=MAX_PLANNED_MINUTES).contains(&minutes) {
        return Err(Error::invalid(
            field,
            Problem::MinutesOutOfRange {
                max: MAX_PLANNED_MINUTES,
            },
        ));
    }
    Ok(minutes)
}

/// The association as its organizers set it up (`PUT /api/association` creates or changes it).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAssociation {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub short_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub secretariat: String,
    pub founded_year: i64,
    /// BCP 47 tags of the languages the association works in, the first being its main one.
    pub languages: Vec<String>,
    /// Whether associate members vote (the association's setting; off by default).
    #[serde(default)]
    pub associates_vote: bool,
    /// IANA name of the association's own time zone, where new assemblies start from, e.g.
    /// `Europe/Berlin`. Clients and documents from before it existed leave it out: UTC.
    #[serde(default = "utc")]
    #[cfg_attr(
        feature = "openapi",
        schema(default = "UTC", example = "Europe/Berlin", max_length = 200)
    )]
    pub time_zone: String,
}

/// The time zone of an association that never named one.
fn utc() -> String {
    "UTC".to_owned()
}

/// The years an association can have been founded in: none is older than the oldest
/// international unions of governments, and a year past this century is a typing slip.
pub const FOUNDED_YEARS: (i64, i64) = (1800, 2100);

impl NewAssociation {
    /// Checks what an association needs before it can be recorded: its names, its secretariat,
    /// a plausible founding year, at least one working language and a known time zone.
    /// Checks of the language codes themselves belong here too.
    pub fn validate(&self) -> Result<()> {
        limits::required("name", &self.name, limits::NAME)?;
        limits::required("short_name", &self.short_name, limits::NAME)?;
        limits::required("secretariat", &self.secretariat, limits::TITLE)?;
        limits::within("time_zone", self.time_zone.trim(), limits::NAME)?;
        rules::in_range(
            "founded_year",
            self.founded_year,
            FOUNDED_YEARS.0,
            FOUNDED_YEARS.1,
        )?;
        if self.languages.iter().all(|l| l.trim().is_empty()) {
            return Err(Error::invalid("languages", Problem::Required));
        }
        // CLDR's data is on the server only; the browser leaves this check to it.
        #[cfg(feature = "ssr")]
        crate::languages::check_tags("languages", &self.languages)?;
        // The zone database is on the server only; the browser leaves this check to it.
        #[cfg(feature = "ssr")]
        if self.time_zone.trim().parse::<chrono_tz::Tz>().is_err() {
            return Err(Error::invalid("time_zone", Problem::UnknownTimeZone));
        }
        Ok(())
    }

    /// The same association with its texts trimmed and its blank languages left out, as stored.
    pub fn normalized(&self) -> NewAssociation {
        NewAssociation {
            name: self.name.trim().to_owned(),
            short_name: self.short_name.trim().to_owned(),
            secretariat: self.secretariat.trim().to_owned(),
            founded_year: self.founded_year,
            languages: self
                .languages
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            associates_vote: self.associates_vote,
            time_zone: self.time_zone.trim().to_owned(),
        }
    }
}

/// The association's setup form, as typed: `languages` as codes separated by commas or spaces,
/// the main one first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationForm {
    pub name: String,
    pub short_name: String,
    pub secretariat: String,
    pub founded_year: String,
    pub languages: String,
    pub time_zone: String,
}

impl AssociationForm {
    /// `associates_vote` is kept from the association as recorded (a setting of its own form).
    pub fn parse(&self, associates_vote: bool) -> Result<NewAssociation> {
        let association = NewAssociation {
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            secretariat: self.secretariat.clone(),
            founded_year: parse_number("founded_year", &self.founded_year)?,
            languages: self
                .languages
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            associates_vote,
            time_zone: self.time_zone.trim().to_owned(),
        }
        .normalized();
        association.validate()?;
        Ok(association)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCountry {
    /// ISO 3166-1 alpha-2.
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 2))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
}

impl NewCountry {
    pub fn validate(&self) -> Result<()> {
        let code = self.code.trim();
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::invalid("code", Problem::CountryCodeFormat));
        }
        limits::required("name", &self.name, limits::NAME).map(drop)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMember {
    pub country_id: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    pub kind: MemberKind,
    pub status: MemberStatus,
    /// "the 79th member": the order of admission, for active members.
    pub ordinal: Option<i64>,
    /// The day the member joined, when the register knows it.
    #[serde(default)]
    pub joined: Option<NaiveDate>,
}

impl NewMember {
    pub fn validate(&self) -> Result<()> {
        if let Some(day) = self.joined {
            crate::times::day_in_range("joined", day)?;
        }
        limits::required("name", &self.name, limits::NAME)?;
        if let Some(n) = self.ordinal {
            rules::in_range("ordinal", n, 1, rules::MAX_ORDINAL)?;
        }
        Ok(())
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPerson {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    /// "Governor", "Prime Minister", "former Secretary-General of the United Nations".
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub title: String,
    /// The member government the person belongs to, if any.
    pub member_id: Option<i64>,
    /// An outside body the person belongs to, when not a member government.
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub body: Option<String>,
}

impl NewPerson {
    pub fn validate(&self) -> Result<()> {
        limits::required("name", &self.name, limits::NAME)?;
        limits::within("title", self.title.trim(), limits::TITLE)?;
        limits::optional_within("body", self.body.as_deref(), limits::TITLE)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCommittee {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    pub coordinating_member_id: Option<i64>,
}

impl NewCommittee {
    pub fn validate(&self) -> Result<()> {
        limits::required("name", &self.name, limits::NAME).map(drop)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAssembly {
    pub number: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub slogan: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub venue: String,
    pub host_member_id: Option<i64>,
    pub mode: AssemblyMode,
    /// IANA name of the venue's time zone, e.g. `Europe/Berlin`.
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub time_zone: String,
    pub status: AssemblyStatus,
}

impl NewAssembly {
    pub fn validate(&self) -> Result<()> {
        if self.number < 1 {
            return Err(Error::invalid("number", Problem::AtLeastOne));
        }
        rules::in_range("number", self.number, 1, rules::MAX_TERM)?;
        limits::required("title", &self.title, limits::TITLE)?;
        limits::optional_within("slogan", self.slogan.as_deref(), limits::TITLE)?;
        limits::required("venue", &self.venue, limits::TITLE)?;
        limits::within("time_zone", self.time_zone.trim(), limits::NAME)?;
        crate::times::day_in_range("start_date", self.start_date)?;
        crate::times::day_in_range("end_date", self.end_date)?;
        if self.end_date < self.start_date {
            return Err(Error::invalid("end_date", Problem::EndBeforeStart));
        }
        Ok(())
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPostponement {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub reason: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub title: String,
    pub kind: SessionKind,
    /// On the venue's clock (`2027-04-10T09:30`, in the assembly's time zone) or an instant
    /// with its offset (`2027-04-10T09:30:00+02:00`).
    pub planned_start: crate::times::VenueTime,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAgendaItem {
    pub kind: AgendaItemKind,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub title: String,
    pub planned_minutes: i64,
}

impl NewAgendaItem {
    pub fn validate(&self) -> Result<()> {
        limits::required("title", &self.title, limits::TITLE)?;
        planned_minutes("planned_minutes", self.planned_minutes).map(drop)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSpeakerSlot {
    pub person_id: Option<i64>,
    /// The member government on whose behalf the speaker speaks.
    pub member_id: Option<i64>,
    /// "chair", "statement of thanks", "report" …
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub role: String,
    pub delivery: Delivery,
}

impl NewSpeakerSlot {
    pub fn validate(&self) -> Result<()> {
        if self.person_id.is_none() && self.member_id.is_none() {
            return Err(Error::invalid("person_id", Problem::SpeakerUnnamed));
        }
        limits::within("role", self.role.trim(), limits::NAME)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewApplication {
    pub kind: ApplicationKind,
    pub applicant_member_id: i64,
    pub agenda_item_id: Option<i64>,
    /// For a chairmanship: the term applied for.
    pub term: Option<i64>,
    /// For a membership: member or associate.
    pub membership_kind: Option<MemberKind>,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub statement: Option<String>,
}

impl NewApplication {
    pub fn validate(&self) -> Result<()> {
        limits::optional_within("statement", self.statement.as_deref(), limits::NOTE)?;
        match self.kind {
            ApplicationKind::Chairmanship if self.term.is_none_or(|t| t < 1) => {
                Err(Error::invalid("term", Problem::ChairmanshipWithoutTerm))
            }
            ApplicationKind::Chairmanship => {
                rules::in_range("term", self.term.unwrap_or(1), 1, rules::MAX_TERM)
            }
            ApplicationKind::Membership if self.membership_kind.is_none() => Err(Error::invalid(
                "membership_kind",
                Problem::MembershipWithoutKind,
            )),
            _ => Ok(()),
        }
    }
}

/// One line of an assembly's attendance: a government of the register, or a guest.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAttendance {
    pub member_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub guest_name: Option<String>,
    pub guest_kind: Option<GuestKind>,
    pub mode: AttendanceMode,
    /// People attending for this line.
    pub delegates: i64,
}

impl NewAttendance {
    pub fn validate(&self) -> Result<()> {
        match (&self.member_id, &self.guest_name, &self.guest_kind) {
            (Some(_), None, None) | (None, Some(_), Some(_)) => {}
            _ => return Err(Error::invalid("member_id", Problem::AttendeeUnclear)),
        }
        if self.delegates < 1 {
            return Err(Error::invalid("delegates", Problem::AtLeastOne));
        }
        limits::optional_within("guest_name", self.guest_name.as_deref(), limits::NAME)?;
        rules::in_range("delegates", self.delegates, 1, rules::MAX_DELEGATES)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReport {
    pub agenda_item_id: Option<i64>,
    pub committee_id: i64,
    pub presenting_member_id: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub outcomes: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub next_meeting_place: Option<String>,
    pub next_meeting_date: Option<NaiveDate>,
}

impl NewReport {
    pub fn validate(&self) -> Result<()> {
        if let Some(day) = self.next_meeting_date {
            crate::times::day_in_range("next_meeting_date", day)?;
        }
        limits::optional_within("outcomes", self.outcomes.as_deref(), limits::LONG)?;
        limits::optional_within(
            "next_meeting_place",
            self.next_meeting_place.as_deref(),
            limits::TITLE,
        )
    }
}

/// Postponing an assembly: its new first day and why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostponeAssembly {
    pub to_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub reason: String,
}

impl PostponeAssembly {
    pub fn validate(&self) -> Result<()> {
        crate::times::day_in_range("to_date", self.to_date)?;
        limits::required("reason", &self.reason, limits::NOTE).map(drop)
    }
}

/// Cancelling an assembly, and why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancelAssembly {
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub reason: String,
}

impl CancelAssembly {
    pub fn validate(&self) -> Result<()> {
        limits::required("reason", &self.reason, limits::NOTE).map(drop)
    }
}

/// Copying an earlier assembly's sessions, items and speakers as a draft.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyAgenda {
    pub from_number: i64,
}

/// Moving an agenda item within its session, or into another session.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveItem {
    pub to: MoveTo,
    /// The session to move the item into; its own session when absent.
    pub session_id: Option<i64>,
}

/// A date as an organizer types it, `YYYY-MM-DD`.
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, Problem::DateFormat))
}

/// A whole number typed into a form.
pub fn parse_number(field: &str, value: &str) -> Result<i64> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::invalid(field, Problem::WholeNumber))
}

/// An optional whole number (an empty field is none).
pub fn parse_optional_number(field: &str, value: &str) -> Result<Option<i64>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_number(field, value).map(Some)
}

/// An optional text (an empty field is none).
pub fn optional_text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A new account as an organizer (or `plenary user add`) creates it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    pub role: crate::auth::Role,
    /// For a delegate: the member government represented.
    pub member_id: Option<i64>,
}

impl NewUser {
    pub fn validate(&self) -> Result<()> {
        let email = self.email.trim();
        if !email.contains('@')
            || email.starts_with('@')
            || email.ends_with('@')
            || email.contains(' ')
        {
            return Err(Error::invalid("email", Problem::NotAnEmail));
        }
        limits::within("email", email, limits::NAME)?;
        limits::required("name", &self.name, limits::NAME)?;
        match (self.role, self.member_id) {
            (crate::auth::Role::Organizer, Some(_)) => {
                Err(Error::invalid("member_id", Problem::OrganizerWithMember))
            }
            _ => Ok(()),
        }
    }
}

/// The chair of an earlier term, recorded without an assembly's decision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewChair {
    /// The member government that held the chair.
    pub member_id: i64,
}

/// What an import of the register (from CSV) added and changed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub countries_added: i64,
    pub members_added: i64,
    pub members_updated: i64,
}

/// What to look for in the audit log; empty fields match everything.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub entity: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub actor: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub action: Option<String>,
    /// At most this many entries, newest first (default 200, at most 1000).
    pub limit: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_minutes_are_between_one_and_six_hundred() {
        assert!(planned_minutes("m", 0).is_err());
        assert!(planned_minutes("m", 1).is_ok());
        assert!(planned_minutes("m", 600).is_ok());
        assert_eq!(planned_minutes("m", 601).unwrap_err().field(), Some("m"));
    }

    #[test]
    fn required_trims_and_refuses_blank() {
        assert_eq!(required("name", "  Ulsan ").unwrap(), "Ulsan");
        assert_eq!(required("name", "   ").unwrap_err().field(), Some("name"));
    }

    #[test]
    fn a_chairmanship_application_names_its_term() {
        let mut a = NewApplication {
            kind: ApplicationKind::Chairmanship,
            applicant_member_id: 1,
            agenda_item_id: None,
            term: None,
            membership_kind: None,
            statement: None,
        };
        assert_eq!(a.validate().unwrap_err().field(), Some("term"));
        a.term = Some(14);
        assert!(a.validate().is_ok());
    }

    #[test]
    fn an_attendance_line_is_a_member_or_a_guest_not_both() {
        let line = NewAttendance {
            member_id: Some(1),
            guest_name: Some("UN".into()),
            guest_kind: Some(GuestKind::OutsideBody),
            mode: AttendanceMode::Online,
            delegates: 1,
        };
        assert!(line.validate().is_err());
        let member = NewAttendance {
            guest_name: None,
            guest_kind: None,
            ..line
        };
        assert!(member.validate().is_ok());
    }

    #[test]
    fn form_values_parse_with_their_field_in_the_error() {
        assert_eq!(
            parse_date("start_date", "2022-09-01").unwrap(),
            NaiveDate::from_ymd_opt(2022, 9, 1).unwrap()
        );
        assert_eq!(
            parse_date("start_date", "1 Sept").unwrap_err().field(),
            Some("start_date")
        );
        assert_eq!(parse_number("number", " 14 ").unwrap(), 14);
        assert_eq!(
            parse_number("number", "fourteen").unwrap_err().field(),
            Some("number")
        );
        assert_eq!(parse_optional_number("ordinal", "").unwrap(), None);
        assert_eq!(optional_text("  "), None);
    }

    fn association_form() -> AssociationForm {
        AssociationForm {
            name: " Baltic Sea Regions ".into(),
            short_name: "BSR".into(),
            secretariat: "Kiel".into(),
            founded_year: "1999".into(),
            languages: "de, pl sv,,".into(),
            time_zone: "Europe/Berlin".into(),
        }
    }

    fn association() -> NewAssociation {
        association_form().parse(false).unwrap()
    }

    #[test]
    fn an_association_form_gives_its_languages_in_order_and_trimmed_names() {
        let a = association();
        assert_eq!(a.name, "Baltic Sea Regions");
        assert_eq!(a.languages, ["de", "pl", "sv"]);
        assert_eq!(a.time_zone, "Europe/Berlin");
    }

    #[test]
    fn an_association_form_keeps_whether_associates_vote() {
        assert!(association_form().parse(true).unwrap().associates_vote);
        assert!(!association().associates_vote);
        let bad = AssociationForm {
            languages: " , ".into(),
            ..association_form()
        };
        assert_eq!(bad.parse(false).unwrap_err().field(), Some("languages"));
    }

    #[test]
    fn an_association_names_itself_and_its_secretariat_and_works_in_a_language() {
        for (field, change) in [
            (
                "name",
                (|a: &mut NewAssociation| a.name = " ".into()) as fn(&mut NewAssociation),
            ),
            ("short_name", |a| a.short_name.clear()),
            ("secretariat", |a| a.secretariat = "\t".into()),
            ("languages", |a| a.languages = vec![" ".into()]),
            ("founded_year", |a| a.founded_year = 20),
            ("founded_year", |a| a.founded_year = 9999),
        ] {
            let mut a = association();
            change(&mut a);
            assert_eq!(a.validate().unwrap_err().field(), Some(field));
        }
        let form = AssociationForm {
            name: "A".into(),
            short_name: "A".into(),
            secretariat: "B".into(),
            founded_year: "next year".into(),
            languages: "en".into(),
            time_zone: "UTC".into(),
        };
        assert_eq!(form.parse(false).unwrap_err().field(), Some("founded_year"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_association_time_zone_is_an_iana_name() {
        let mut a = association();
        a.time_zone = "Central European Time".into();
        assert_eq!(a.validate().unwrap_err().field(), Some("time_zone"));
        a.time_zone = "America/Sao_Paulo".into();
        assert!(a.validate().is_ok());
    }

    #[test]
    fn an_association_from_an_older_client_works_in_utc() {
        let a: NewAssociation = serde_json::from_value(serde_json::json!({
            "name": "A", "short_name": "A", "secretariat": "B", "founded_year": 2001,
            "languages": ["en"], "associates_vote": false
        }))
        .unwrap();
        assert_eq!(a.time_zone, "UTC");
        assert!(a.validate().is_ok());
    }

    #[test]
    fn a_country_code_is_two_capital_letters() {
        let c = NewCountry {
            code: "kr".into(),
            name: "South Korea".into(),
        };
        assert_eq!(c.validate().unwrap_err().field(), Some("code"));
    }
}
