//! Records from HTML forms, where every value arrives as text: each form is a struct of the
//! fields as typed, and its `parse` names the field when a value is wrong, so the form can show
//! the error next to it. The field names are those the browser posts.

use serde::{Deserialize, Serialize};

use super::*;
use crate::Result;

/// The fields of the country form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryForm {
    pub code: String,
    pub name: String,
}

impl CountryForm {
    pub fn parse(&self) -> Result<NewCountry> {
        let country = NewCountry {
            code: self.code.trim().to_uppercase(),
            name: self.name.trim().to_owned(),
        };
        country.validate()?;
        Ok(country)
    }
}

/// The fields of the member form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberForm {
    pub country_id: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub ordinal: String,
    /// May be left out, so that forms and clients from before members had a joined date still
    /// work.
    #[serde(default)]
    pub joined: String,
}

impl MemberForm {
    pub fn parse(&self) -> Result<NewMember> {
        let joined = self.joined.trim();
        let member = NewMember {
            country_id: parse_number("country_id", &self.country_id)?,
            name: required("name", &self.name)?,
            kind: MemberKind::parse("kind", &self.kind)?,
            status: MemberStatus::parse("status", &self.status)?,
            ordinal: parse_optional_number("ordinal", &self.ordinal)?,
            joined: match joined {
                "" => None,
                day => Some(parse_date("joined", day)?),
            },
        };
        member.validate()?;
        Ok(member)
    }
}

/// The fields of the person form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub title: String,
    pub member_id: String,
    pub body: String,
}

impl PersonForm {
    pub fn parse(&self) -> Result<NewPerson> {
        let person = NewPerson {
            name: required("name", &self.name)?,
            title: self.title.trim().to_owned(),
            member_id: parse_optional_number("member_id", &self.member_id)?,
            body: optional_text(&self.body),
        };
        person.validate()?;
        Ok(person)
    }
}

/// The fields of the committee form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeForm {
    pub name: String,
    pub coordinating_member_id: String,
}

impl CommitteeForm {
    pub fn parse(&self) -> Result<NewCommittee> {
        let committee = NewCommittee {
            name: required("name", &self.name)?,
            coordinating_member_id: parse_optional_number(
                "coordinating_member_id",
                &self.coordinating_member_id,
            )?,
        };
        committee.validate()?;
        Ok(committee)
    }
}

/// The fields of the assembly form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

impl AssemblyForm {
    /// An empty last day is the first day; an empty status is "planned".
    pub fn parse(&self) -> Result<NewAssembly> {
        let start_date = parse_date("start_date", &self.start_date)?;
        let end_date = if self.end_date.trim().is_empty() {
            start_date
        } else {
            parse_date("end_date", &self.end_date)?
        };
        let assembly = NewAssembly {
            number: parse_number("number", &self.number)?,
            title: required("title", &self.title)?,
            slogan: optional_text(&self.slogan),
            start_date,
            end_date,
            venue: required("venue", &self.venue)?,
            host_member_id: parse_optional_number("host_member_id", &self.host_member_id)?,
            mode: AssemblyMode::parse("mode", &self.mode)?,
            time_zone: required("time_zone", &self.time_zone)?,
            status: if self.status.trim().is_empty() {
                AssemblyStatus::Planned
            } else {
                AssemblyStatus::parse("status", &self.status)?
            },
        };
        assembly.validate()?;
        Ok(assembly)
    }
}

/// The fields of the agenda item form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemForm {
    pub kind: String,
    pub title: String,
    pub planned_minutes: String,
}

impl AgendaItemForm {
    pub fn parse(&self) -> Result<NewAgendaItem> {
        let item = NewAgendaItem {
            kind: AgendaItemKind::parse("kind", &self.kind)?,
            title: required("title", &self.title)?,
            planned_minutes: parse_number("planned_minutes", &self.planned_minutes)?,
        };
        item.validate()?;
        Ok(item)
    }
}

/// The fields of the speaker form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerSlotForm {
    pub person_id: String,
    pub member_id: String,
    pub role: String,
    pub delivery: String,
}

impl SpeakerSlotForm {
    pub fn parse(&self) -> Result<NewSpeakerSlot> {
        let slot = NewSpeakerSlot {
            person_id: parse_optional_number("person_id", &self.person_id)?,
            member_id: parse_optional_number("member_id", &self.member_id)?,
            role: self.role.trim().to_owned(),
            delivery: Delivery::parse("delivery", &self.delivery)?,
        };
        slot.validate()?;
        Ok(slot)
    }
}

/// The fields of the application form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub kind: String,
    pub applicant_member_id: String,
    pub agenda_item_id: String,
    pub term: String,
    pub membership_kind: String,
    pub statement: String,
}

impl ApplicationForm {
    /// The term counts only for chairmanship, the kind of membership only for membership (a
    /// full member when left empty).
    pub fn parse(&self) -> Result<NewApplication> {
        let kind = ApplicationKind::parse("kind", &self.kind)?;
        let application = NewApplication {
            kind,
            applicant_member_id: parse_number("applicant_member_id", &self.applicant_member_id)?,
            agenda_item_id: parse_optional_number("agenda_item_id", &self.agenda_item_id)?,
            term: match kind {
                ApplicationKind::Chairmanship => parse_optional_number("term", &self.term)?,
                ApplicationKind::Membership => None,
            },
            membership_kind: match kind {
                ApplicationKind::Membership if !self.membership_kind.trim().is_empty() => {
                    Some(MemberKind::parse("membership_kind", &self.membership_kind)?)
                }
                ApplicationKind::Membership => Some(MemberKind::Member),
                ApplicationKind::Chairmanship => None,
            },
            statement: optional_text(&self.statement),
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

/// The attendance form, as typed; fields the form leaves out are empty. A line is for a member
/// government (`member_id`) or a guest (`guest_name` with `guest_kind`), at one session
/// (`session_id`) or, left empty, at the whole assembly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub session_id: String,
    pub member_id: String,
    pub guest_name: String,
    pub guest_kind: String,
    pub mode: String,
    pub delegates: String,
}

impl AttendanceForm {
    /// The line, without its session (see [`AttendanceForm::session_id`]).
    pub fn parse(&self) -> Result<NewAttendance> {
        let line = NewAttendance {
            member_id: parse_optional_number("member_id", &self.member_id)?,
            guest_name: optional_text(&self.guest_name),
            guest_kind: match self.guest_kind.trim() {
                "" => None,
                kind => Some(GuestKind::parse("guest_kind", kind)?),
            },
            mode: AttendanceMode::parse("mode", &self.mode)?,
            delegates: parse_number("delegates", &self.delegates)?,
        };
        line.validate()?;
        Ok(line)
    }

    /// The session the line is for; none for the whole assembly.
    pub fn session_id(&self) -> Result<Option<i64>> {
        parse_optional_number("session_id", &self.session_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, title: &str, planned_minutes: &str) -> AgendaItemForm {
        AgendaItemForm {
            kind: kind.into(),
            title: title.into(),
            planned_minutes: planned_minutes.into(),
        }
    }

    fn member(country_id: &str, joined: &str) -> MemberForm {
        MemberForm {
            country_id: country_id.into(),
            name: "Ulsan".into(),
            kind: "member".into(),
            status: "active".into(),
            ordinal: "".into(),
            joined: joined.into(),
        }
    }

    #[test]
    fn a_bad_value_names_its_field() {
        assert_eq!(
            item("report", "R", "0").parse().unwrap_err().field(),
            Some("planned_minutes")
        );
        assert_eq!(
            item("song", "R", "5").parse().unwrap_err().field(),
            Some("kind")
        );
        assert_eq!(
            item("report", " ", "5").parse().unwrap_err().field(),
            Some("title")
        );
        assert_eq!(
            member("x", "").parse().unwrap_err().field(),
            Some("country_id")
        );
        assert_eq!(
            member("1", "1996").parse().unwrap_err().field(),
            Some("joined")
        );
        assert_eq!(
            SpeakerSlotForm {
                delivery: "online".into(),
                ..Default::default()
            }
            .parse()
            .unwrap_err()
            .field(),
            Some("person_id")
        );
    }

    #[test]
    fn a_country_form_becomes_a_country_with_a_capital_code() {
        let form = CountryForm {
            code: " kr ".into(),
            name: " South Korea ".into(),
        };
        assert_eq!(
            form.parse().unwrap(),
            NewCountry {
                code: "KR".into(),
                name: "South Korea".into(),
            }
        );
        let bad = CountryForm {
            code: "K".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("code"));
    }

    #[test]
    fn a_member_form_becomes_a_member() {
        let m = member(" 4 ", "1996-10-01").parse().unwrap();
        assert_eq!(
            (m.country_id, m.name.as_str(), m.kind, m.status, m.ordinal),
            (4, "Ulsan", MemberKind::Member, MemberStatus::Active, None)
        );
        assert_eq!(m.joined, chrono::NaiveDate::from_ymd_opt(1996, 10, 1));
        assert_eq!(member("4", " ").parse().unwrap().joined, None);
        let bad = MemberForm {
            status: "gone".into(),
            ..member("4", "")
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("status"));
        let bad = MemberForm {
            ordinal: "79th".into(),
            ..member("4", "")
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("ordinal"));
    }

    #[test]
    fn a_member_form_from_an_older_client_has_no_joined_date() {
        let form: MemberForm = serde_json::from_value(serde_json::json!({
            "country_id": "4", "name": "Ulsan", "kind": "member", "status": "active",
            "ordinal": ""
        }))
        .unwrap();
        assert_eq!(form.parse().unwrap().joined, None);
    }

    #[test]
    fn a_person_form_becomes_a_person() {
        let form = PersonForm {
            name: " Kim Doo-gyeom ".into(),
            title: " Mayor ".into(),
            member_id: "4".into(),
            body: " ".into(),
        };
        let p = form.parse().unwrap();
        assert_eq!(
            (p.name.as_str(), p.title.as_str(), p.member_id, p.body),
            ("Kim Doo-gyeom", "Mayor", Some(4), None)
        );
        let bad = PersonForm {
            name: "".into(),
            ..form.clone()
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("name"));
        let bad = PersonForm {
            member_id: "four".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("member_id"));
    }

    #[test]
    fn a_committee_form_becomes_a_committee() {
        let form = CommitteeForm {
            name: "Working Committee".into(),
            coordinating_member_id: "".into(),
        };
        assert_eq!(form.parse().unwrap().coordinating_member_id, None);
        let bad = CommitteeForm {
            coordinating_member_id: "x".into(),
            ..form.clone()
        };
        assert_eq!(
            bad.parse().unwrap_err().field(),
            Some("coordinating_member_id")
        );
        let bad = CommitteeForm {
            name: "\t".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("name"));
    }

    #[test]
    fn an_agenda_item_form_becomes_an_item() {
        let i = item("report", " Report of the Working Committee ", " 15 ")
            .parse()
            .unwrap();
        assert_eq!(
            (i.kind, i.title.as_str(), i.planned_minutes),
            (
                AgendaItemKind::Report,
                "Report of the Working Committee",
                15
            )
        );
    }

    #[test]
    fn a_speaker_form_becomes_a_slot() {
        let form = SpeakerSlotForm {
            person_id: "2".into(),
            member_id: "".into(),
            role: " Keynote ".into(),
            delivery: "video".into(),
        };
        let s = form.parse().unwrap();
        assert_eq!(
            (s.person_id, s.member_id, s.role.as_str(), s.delivery),
            (Some(2), None, "Keynote", Delivery::Video)
        );
        let bad = SpeakerSlotForm {
            delivery: "telegram".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("delivery"));
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
        let a = form.parse().unwrap();
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
        assert_eq!(bad.parse().unwrap_err().field(), Some("start_date"));
    }

    #[test]
    fn an_application_keeps_only_the_fields_of_its_kind() {
        let form = ApplicationForm {
            kind: "membership".into(),
            applicant_member_id: "3".into(),
            term: "14".into(),
            ..Default::default()
        };
        let a = form.parse().unwrap();
        assert_eq!(
            (a.term, a.membership_kind),
            (None, Some(MemberKind::Member))
        );
    }

    #[test]
    fn an_attendance_form_is_a_member_or_a_guest_at_a_session() {
        let form = AttendanceForm {
            session_id: "".into(),
            member_id: "4".into(),
            mode: "in_person".into(),
            delegates: "3".into(),
            ..Default::default()
        };
        let line = form.parse().unwrap();
        assert_eq!(
            (line.member_id, line.guest_kind, line.mode, line.delegates),
            (Some(4), None, AttendanceMode::InPerson, 3)
        );
        assert_eq!(form.session_id().unwrap(), None);
        let bad = AttendanceForm {
            session_id: "first".into(),
            ..form.clone()
        };
        assert_eq!(bad.session_id().unwrap_err().field(), Some("session_id"));
        let guest = AttendanceForm {
            member_id: "".into(),
            guest_name: " UN ESCAP ".into(),
            guest_kind: "outside_body".into(),
            ..form.clone()
        };
        assert_eq!(
            guest.parse().unwrap().guest_name.as_deref(),
            Some("UN ESCAP")
        );
        for (field, bad) in [
            (
                "guest_kind",
                AttendanceForm {
                    guest_kind: "friend".into(),
                    ..guest.clone()
                },
            ),
            (
                "mode",
                AttendanceForm {
                    mode: "by_post".into(),
                    ..form.clone()
                },
            ),
            (
                "delegates",
                AttendanceForm {
                    delegates: "".into(),
                    ..form
                },
            ),
        ] {
            assert_eq!(bad.parse().unwrap_err().field(), Some(field));
        }
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
