//! Records as an organizer enters them, before storage gives them an id, with their validation.

use chrono::{DateTime, NaiveDate, Utc};
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAssociation {
    pub name: String,
    pub short_name: String,
    pub secretariat: String,
    pub founded_year: i64,
    /// BCP 47 tags of the languages the association works in, the first being its main one.
    pub languages: Vec<String>,
    /// Whether associate members vote (the association's setting; off by default).
    pub associates_vote: bool,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCountry {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
}

impl NewCountry {
    pub fn validate(&self) -> Result<()> {
        let code = self.code.trim();
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::invalid("code", Problem::CountryCodeFormat));
        }
        required("name", &self.name).map(drop)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMember {
    pub country_id: i64,
    pub name: String,
    pub kind: MemberKind,
    pub status: MemberStatus,
    /// "the 79th member": the order of admission, for active members.
    pub ordinal: Option<i64>,
}

impl NewMember {
    pub fn validate(&self) -> Result<()> {
        required("name", &self.name)?;
        if let Some(n) = self.ordinal {
            rules::in_range("ordinal", n, 1, rules::MAX_ORDINAL)?;
        }
        Ok(())
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPerson {
    pub name: String,
    /// "Governor", "Prime Minister", "former Secretary-General of the United Nations".
    pub title: String,
    /// The member government the person belongs to, if any.
    pub member_id: Option<i64>,
    /// An outside body the person belongs to, when not a member government.
    pub body: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCommittee {
    pub name: String,
    pub coordinating_member_id: Option<i64>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAssembly {
    pub number: i64,
    pub title: String,
    pub slogan: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub venue: String,
    pub host_member_id: Option<i64>,
    pub mode: AssemblyMode,
    /// IANA name of the venue's time zone, e.g. `Asia/Seoul`.
    pub time_zone: String,
    pub status: AssemblyStatus,
}

impl NewAssembly {
    pub fn validate(&self) -> Result<()> {
        if self.number < 1 {
            return Err(Error::invalid("number", Problem::AtLeastOne));
        }
        required("title", &self.title)?;
        required("venue", &self.venue)?;
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
    pub reason: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    pub title: String,
    pub kind: SessionKind,
    pub planned_start: DateTime<Utc>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAgendaItem {
    pub kind: AgendaItemKind,
    pub title: String,
    pub planned_minutes: i64,
}

impl NewAgendaItem {
    pub fn validate(&self) -> Result<()> {
        required("title", &self.title)?;
        planned_minutes("planned_minutes", self.planned_minutes).map(drop)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSpeakerSlot {
    pub person_id: Option<i64>,
    /// The member government on whose behalf the speaker speaks.
    pub member_id: Option<i64>,
    /// "NEAR chair", "statement of thanks", "report" …
    pub role: String,
    pub delivery: Delivery,
}

impl NewSpeakerSlot {
    pub fn validate(&self) -> Result<()> {
        if self.person_id.is_none() && self.member_id.is_none() {
            return Err(Error::invalid("person_id", Problem::SpeakerUnnamed));
        }
        Ok(())
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
    pub statement: Option<String>,
}

impl NewApplication {
    pub fn validate(&self) -> Result<()> {
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
        rules::in_range("delegates", self.delegates, 1, rules::MAX_DELEGATES)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReport {
    pub agenda_item_id: Option<i64>,
    pub committee_id: i64,
    pub presenting_member_id: i64,
    pub outcomes: Option<String>,
    pub next_meeting_place: Option<String>,
    pub next_meeting_date: Option<NaiveDate>,
}

/// Postponing an assembly: its new first day and why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostponeAssembly {
    pub to_date: NaiveDate,
    pub reason: String,
}

/// Cancelling an assembly, and why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancelAssembly {
    pub reason: String,
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
    pub email: String,
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
        required("name", &self.name)?;
        match (self.role, self.member_id) {
            (crate::auth::Role::Organizer, Some(_)) => {
                Err(Error::invalid("member_id", Problem::OrganizerWithMember))
            }
            _ => Ok(()),
        }
    }
}

/// What to look for in the audit log; empty fields match everything.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub actor: Option<String>,
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

    #[test]
    fn a_country_code_is_two_capital_letters() {
        let c = NewCountry {
            code: "kr".into(),
            name: "South Korea".into(),
        };
        assert_eq!(c.validate().unwrap_err().field(), Some("code"));
    }
}
