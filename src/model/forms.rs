//! Records from HTML forms, where every value arrives as text: each parse names its field when
//! the value is wrong, so the form can show the error next to it.

use super::*;
use crate::Result;

impl NewCountry {
    pub fn from_form(code: &str, name: &str) -> Result<Self> {
        let country = NewCountry {
            code: code.trim().to_uppercase(),
            name: name.trim().to_owned(),
        };
        country.validate()?;
        Ok(country)
    }
}

impl NewMember {
    pub fn from_form(
        country_id: &str,
        name: &str,
        kind: &str,
        status: &str,
        ordinal: &str,
        joined: &str,
    ) -> Result<Self> {
        let joined = joined.trim();
        let member = NewMember {
            country_id: parse_number("country_id", country_id)?,
            name: required("name", name)?,
            kind: MemberKind::parse("kind", kind)?,
            status: MemberStatus::parse("status", status)?,
            ordinal: parse_optional_number("ordinal", ordinal)?,
            joined: match joined {
                "" => None,
                day => Some(parse_date("joined", day)?),
            },
        };
        member.validate()?;
        Ok(member)
    }
}

impl NewPerson {
    pub fn from_form(name: &str, title: &str, member_id: &str, body: &str) -> Result<Self> {
        let person = NewPerson {
            name: required("name", name)?,
            title: title.trim().to_owned(),
            member_id: parse_optional_number("member_id", member_id)?,
            body: optional_text(body),
        };
        person.validate()?;
        Ok(person)
    }
}

impl NewCommittee {
    pub fn from_form(name: &str, coordinating_member_id: &str) -> Result<Self> {
        let committee = NewCommittee {
            name: required("name", name)?,
            coordinating_member_id: parse_optional_number(
                "coordinating_member_id",
                coordinating_member_id,
            )?,
        };
        committee.validate()?;
        Ok(committee)
    }
}

/// The fields of the assembly form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AssemblyForm {
    pub number: String,
    pub title: String,
    pub slogan: String,
    pub start_date: String,
    pub end_date: String,
    pub venue: String,
    pub host_member_id: String,
    pub mode: String,
    pub time_zone: String,
    pub status: String,
}

impl NewAssembly {
    pub fn from_form(f: &AssemblyForm) -> Result<Self> {
        let start_date = parse_date("start_date", &f.start_date)?;
        let end_date = if f.end_date.trim().is_empty() {
            start_date
        } else {
            parse_date("end_date", &f.end_date)?
        };
        let assembly = NewAssembly {
            number: parse_number("number", &f.number)?,
            title: required("title", &f.title)?,
            slogan: optional_text(&f.slogan),
            start_date,
            end_date,
            venue: required("venue", &f.venue)?,
            host_member_id: parse_optional_number("host_member_id", &f.host_member_id)?,
            mode: AssemblyMode::parse("mode", &f.mode)?,
            time_zone: required("time_zone", &f.time_zone)?,
            status: if f.status.trim().is_empty() {
                AssemblyStatus::Planned
            } else {
                AssemblyStatus::parse("status", &f.status)?
            },
        };
        assembly.validate()?;
        Ok(assembly)
    }
}

impl NewAgendaItem {
    pub fn from_form(kind: &str, title: &str, planned_minutes: &str) -> Result<Self> {
        let item = NewAgendaItem {
            kind: AgendaItemKind::parse("kind", kind)?,
            title: required("title", title)?,
            planned_minutes: parse_number("planned_minutes", planned_minutes)?,
        };
        item.validate()?;
        Ok(item)
    }
}

impl NewSpeakerSlot {
    pub fn from_form(person_id: &str, member_id: &str, role: &str, delivery: &str) -> Result<Self> {
        let slot = NewSpeakerSlot {
            person_id: parse_optional_number("person_id", person_id)?,
            member_id: parse_optional_number("member_id", member_id)?,
            role: role.trim().to_owned(),
            delivery: Delivery::parse("delivery", delivery)?,
        };
        slot.validate()?;
        Ok(slot)
    }
}

/// The fields of the application form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApplicationForm {
    pub kind: String,
    pub applicant_member_id: String,
    pub agenda_item_id: String,
    pub term: String,
    pub membership_kind: String,
    pub statement: String,
}

impl NewApplication {
    pub fn from_form(f: &ApplicationForm) -> Result<Self> {
        let kind = ApplicationKind::parse("kind", &f.kind)?;
        let application = NewApplication {
            kind,
            applicant_member_id: parse_number("applicant_member_id", &f.applicant_member_id)?,
            agenda_item_id: parse_optional_number("agenda_item_id", &f.agenda_item_id)?,
            term: match kind {
                ApplicationKind::Chairmanship => parse_optional_number("term", &f.term)?,
                ApplicationKind::Membership => None,
            },
            membership_kind: match kind {
                ApplicationKind::Membership if !f.membership_kind.trim().is_empty() => {
                    Some(MemberKind::parse("membership_kind", &f.membership_kind)?)
                }
                ApplicationKind::Membership => Some(MemberKind::Member),
                ApplicationKind::Chairmanship => None,
            },
            statement: optional_text(&f.statement),
        };
        application.validate()?;
        Ok(application)
    }
}

/// "up", "down", or a position written as a number.
pub fn move_from_form(direction: &str, position: &str) -> Result<MoveTo> {
    match direction.trim() {
        "up" => Ok(MoveTo::Up),
        "down" => Ok(MoveTo::Down),
        _ => Ok(MoveTo::Position(parse_number("position", position)?)),
    }
}

impl NewAttendance {
    /// A member government (`member_id`) or a guest (`guest_name` with `guest_kind`).
    pub fn from_form(
        member_id: &str,
        guest_name: &str,
        guest_kind: &str,
        mode: &str,
        delegates: &str,
    ) -> Result<Self> {
        let line = NewAttendance {
            member_id: parse_optional_number("member_id", member_id)?,
            guest_name: optional_text(guest_name),
            guest_kind: match guest_kind.trim() {
                "" => None,
                kind => Some(GuestKind::parse("guest_kind", kind)?),
            },
            mode: AttendanceMode::parse("mode", mode)?,
            delegates: parse_number("delegates", delegates)?,
        };
        line.validate()?;
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_its_field() {
        assert_eq!(
            NewAgendaItem::from_form("report", "R", "0")
                .unwrap_err()
                .field(),
            Some("planned_minutes")
        );
        assert_eq!(
            NewAgendaItem::from_form("song", "R", "5")
                .unwrap_err()
                .field(),
            Some("kind")
        );
        assert_eq!(
            NewAgendaItem::from_form("report", " ", "5")
                .unwrap_err()
                .field(),
            Some("title")
        );
        assert_eq!(
            NewMember::from_form("x", "Ulsan", "member", "active", "", "")
                .unwrap_err()
                .field(),
            Some("country_id")
        );
        assert_eq!(
            NewMember::from_form("1", "Ulsan", "member", "active", "", "1996")
                .unwrap_err()
                .field(),
            Some("joined")
        );
        assert_eq!(
            NewSpeakerSlot::from_form("", "", "", "online")
                .unwrap_err()
                .field(),
            Some("person_id")
        );
    }

    #[test]
    fn an_assembly_form_becomes_an_assembly() {
        let form = AssemblyForm {
            number: "14".into(),
            title: "14th General Assembly".into(),
            start_date: "2022-09-01".into(),
            venue: "Ulsan".into(),
            mode: "hybrid".into(),
            time_zone: "Asia/Seoul".into(),
            ..Default::default()
        };
        let a = NewAssembly::from_form(&form).unwrap();
        assert_eq!(
            (a.number, a.mode, a.status, a.end_date),
            (
                14,
                AssemblyMode::Hybrid,
                AssemblyStatus::Planned,
                a.start_date
            )
        );
        let bad = AssemblyForm {
            start_date: "2022-09-31".into(),
            ..form
        };
        assert_eq!(
            NewAssembly::from_form(&bad).unwrap_err().field(),
            Some("start_date")
        );
    }

    #[test]
    fn an_application_keeps_only_the_fields_of_its_kind() {
        let form = ApplicationForm {
            kind: "membership".into(),
            applicant_member_id: "3".into(),
            term: "14".into(),
            ..Default::default()
        };
        let a = NewApplication::from_form(&form).unwrap();
        assert_eq!(
            (a.term, a.membership_kind),
            (None, Some(MemberKind::Member))
        );
    }

    #[test]
    fn moves_are_up_down_or_a_position() {
        assert_eq!(move_from_form("up", "").unwrap(), MoveTo::Up);
        assert_eq!(move_from_form("", "3").unwrap(), MoveTo::Position(3));
        assert_eq!(
            move_from_form("", "x").unwrap_err().field(),
            Some("position")
        );
    }
}
