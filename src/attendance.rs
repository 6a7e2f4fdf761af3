//! Who took part in an assembly, counted from its attendance lines, and the totals of them.
//!
//! A line is recorded for the whole assembly or for one session. Everyone with a line of
//! either kind took part, and counts once: the minutes, the attendance export, the record's
//! figures and the news all read [`participants`], so a member present for one session only is
//! never missing from one of them while its ballots appear in another.
//!
//! Delegates are the largest number any one line of an attendant gives, not the sum of its lines:
//! a delegation seated at two sessions is mostly the same people twice, and the secretariat records
//! the size of the delegation at each sitting, not who came in between. The largest line is the
//! number certainly present at some point; a sum would count a person once per session.
//!
//! An attendant counts as present in person when any of its lines says so (it was in the room at
//! least once); online only when every line is online.

use std::collections::{BTreeSet, HashMap};

use crate::model::{AttendanceMode, GuestKind, MemberKind, MemberStatus};
use crate::record::CountryName;
use crate::views::AttendanceSummary;

/// Who a line of attendance is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attendant {
    /// A government of the register, with its kind, status (as it took part) and country.
    Member {
        id: i64,
        name: String,
        kind: MemberKind,
        status: MemberStatus,
        country: CountryName,
    },
    /// Someone not in the register, known by name and kind.
    Guest { name: String, kind: GuestKind },
}

impl Attendant {
    /// Two lines about the same attendant share this key: a member by its id, a guest by its
    /// kind and its name (trimmed, case aside), since a guest is typed anew at each session.
    fn key(&self) -> AttendantKey {
        match self {
            Attendant::Member { id, .. } => (Some(*id), None, String::new()),
            Attendant::Guest { name, kind } => (None, Some(*kind), name.trim().to_lowercase()),
        }
    }
}

/// What tells attendants apart (see [`Attendant::key`]).
type AttendantKey = (Option<i64>, Option<GuestKind>, String);

/// A session as an attendance line names it: its place in the assembly and its title.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SessionRef {
    pub order: i64,
    pub title: String,
}

/// One recorded line of attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceLine {
    pub attendant: Attendant,
    /// `None`: the line is for the whole assembly.
    pub session: Option<SessionRef>,
    pub mode: AttendanceMode,
    pub delegates: i64,
}

/// Someone who took part, with all their lines folded into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub attendant: Attendant,
    pub mode: AttendanceMode,
    /// The largest delegation any one line gives (see the module's note).
    pub delegates: i64,
    /// The sessions attended, in the assembly's order; empty when a line covers the whole assembly.
    pub sessions: Vec<SessionRef>,
}

impl Participant {
    pub fn name(&self) -> &str {
        match &self.attendant {
            Attendant::Member { name, .. } | Attendant::Guest { name, .. } => name,
        }
    }
}

/// Everyone who took part, once each, in the order their first line comes.
pub fn participants(lines: &[AttendanceLine]) -> Vec<Participant> {
    let mut out: Vec<(Participant, bool)> = Vec::new();
    let mut index: HashMap<AttendantKey, usize> = HashMap::new();
    for line in lines {
        let at = *index.entry(line.attendant.key()).or_insert_with(|| {
            out.push((
                Participant {
                    attendant: line.attendant.clone(),
                    mode: line.mode,
                    delegates: line.delegates,
                    sessions: Vec::new(),
                },
                false,
            ));
            out.len() - 1
        });
        let (p, whole) = &mut out[at];
        p.delegates = p.delegates.max(line.delegates);
        if line.mode == AttendanceMode::InPerson {
            p.mode = AttendanceMode::InPerson;
        }
        match &line.session {
            None => *whole = true,
            Some(s) if !p.sessions.contains(s) => p.sessions.push(s.clone()),
            Some(_) => {}
        }
    }
    out.into_iter()
        .map(|(mut p, whole)| {
            if whole {
                p.sessions.clear();
            } else {
                p.sessions.sort();
            }
            p
        })
        .collect()
}

/// The totals of who took part.
pub fn summarize(participants: &[Participant]) -> AttendanceSummary {
    let mut summary = AttendanceSummary::default();
    let mut countries = BTreeSet::new();
    for p in participants {
        // Lines are range-checked when recorded; saturating still, for rows written before that.
        summary.people = summary.people.saturating_add(p.delegates);
        match &p.attendant {
            Attendant::Member {
                name,
                kind,
                status,
                country,
                ..
            } => {
                summary.governments += 1;
                match kind {
                    MemberKind::Member if *status == MemberStatus::Active => {
                        summary.members += 1;
                        countries.insert(country.code.as_str());
                    }
                    MemberKind::Associate => summary.associates.push(name.clone()),
                    _ => {}
                }
            }
            Attendant::Guest { name, kind } => {
                if *kind == GuestKind::RegionalGovernment {
                    summary.governments += 1;
                }
                summary.guests.push(name.clone());
            }
        }
    }
    summary.countries = countries.len() as i64;
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(
        id: i64,
        name: &str,
        kind: MemberKind,
        status: MemberStatus,
        country: &str,
    ) -> Attendant {
        Attendant::Member {
            id,
            name: name.into(),
            kind,
            status,
            country: CountryName {
                code: country.into(),
                name: format!("Country {country}"),
            },
        }
    }

    fn active(id: i64, name: &str, country: &str) -> Attendant {
        member(id, name, MemberKind::Member, MemberStatus::Active, country)
    }

    fn northport() -> Attendant {
        active(1, "Northport", "AA")
    }

    fn westvale() -> Attendant {
        active(2, "Westvale", "BB")
    }

    fn guest(name: &str, kind: GuestKind) -> Attendant {
        Attendant::Guest {
            name: name.into(),
            kind,
        }
    }

    fn session(order: i64) -> Option<SessionRef> {
        Some(SessionRef {
            order,
            title: format!("Session {order}"),
        })
    }

    fn line(
        attendant: Attendant,
        session: Option<SessionRef>,
        mode: AttendanceMode,
        delegates: i64,
    ) -> AttendanceLine {
        AttendanceLine {
            attendant,
            session,
            mode,
            delegates,
        }
    }

    fn whole(attendant: Attendant, delegates: i64) -> AttendanceLine {
        line(attendant, None, AttendanceMode::InPerson, delegates)
    }

    #[test]
    fn members_governments_people_and_countries_are_counted_apart() {
        let lines = vec![
            whole(northport(), 4),
            whole(westvale(), 3),
            whole(
                member(
                    3,
                    "Eastmere",
                    MemberKind::Associate,
                    MemberStatus::Active,
                    "CC",
                ),
                2,
            ),
            whole(
                member(
                    4,
                    "Southfield",
                    MemberKind::Member,
                    MemberStatus::Applicant,
                    "DD",
                ),
                3,
            ),
            whole(guest("United Nations", GuestKind::OutsideBody), 1),
            whole(guest("Guest province", GuestKind::RegionalGovernment), 2),
        ];
        let s = summarize(&participants(&lines));
        assert_eq!(s.people, 15);
        assert_eq!(
            s.governments, 5,
            "members of every kind, the applicant and the guest government"
        );
        assert_eq!(
            s.members, 2,
            "only active full members count as members present"
        );
        assert_eq!(s.countries, 2, "countries of the members present");
        assert_eq!(s.associates, vec!["Eastmere".to_string()]);
        assert_eq!(s.guests.len(), 2);
    }

    #[test]
    fn a_member_present_for_one_session_only_took_part() {
        let lines = vec![
            whole(northport(), 4),
            line(westvale(), session(2), AttendanceMode::Online, 2),
        ];
        let who = participants(&lines);
        assert_eq!(who.len(), 2);
        assert_eq!(who[1].name(), "Westvale");
        assert_eq!(who[1].sessions, vec![session(2).unwrap()]);
        assert_eq!(who[1].mode, AttendanceMode::Online);
        let s = summarize(&who);
        assert_eq!((s.members, s.countries, s.people), (2, 2, 6));
    }

    #[test]
    fn a_member_with_several_lines_counts_once_with_its_largest_delegation() {
        let lines = vec![
            line(northport(), session(3), AttendanceMode::Online, 2),
            line(northport(), session(1), AttendanceMode::Online, 5),
            line(northport(), session(3), AttendanceMode::Online, 1),
        ];
        let who = participants(&lines);
        assert_eq!(who.len(), 1);
        assert_eq!(who[0].delegates, 5, "the largest line, not the sum 8");
        assert_eq!(
            who[0].sessions,
            vec![session(1).unwrap(), session(3).unwrap()],
            "each session once, in the assembly's order"
        );
        let s = summarize(&who);
        assert_eq!((s.governments, s.members, s.people), (1, 1, 5));
    }

    #[test]
    fn a_whole_assembly_line_covers_every_session() {
        let lines = vec![
            line(northport(), session(1), AttendanceMode::InPerson, 7),
            line(northport(), None, AttendanceMode::Online, 3),
        ];
        let who = participants(&lines);
        assert_eq!(who.len(), 1);
        assert!(who[0].sessions.is_empty(), "{:?}", who[0].sessions);
        assert_eq!(who[0].delegates, 7);
    }

    #[test]
    fn in_person_anywhere_is_in_person() {
        let lines = vec![
            line(northport(), session(1), AttendanceMode::Online, 1),
            line(northport(), session(2), AttendanceMode::InPerson, 1),
            line(westvale(), session(1), AttendanceMode::Online, 1),
            line(westvale(), session(2), AttendanceMode::Online, 1),
        ];
        let who = participants(&lines);
        assert_eq!(who[0].mode, AttendanceMode::InPerson);
        assert_eq!(who[1].mode, AttendanceMode::Online);
    }

    #[test]
    fn a_guest_typed_at_two_sessions_is_one_guest_but_two_kinds_are_two() {
        let lines = vec![
            line(
                guest("United Nations", GuestKind::OutsideBody),
                session(1),
                AttendanceMode::InPerson,
                1,
            ),
            line(
                guest(" united nations ", GuestKind::OutsideBody),
                session(2),
                AttendanceMode::InPerson,
                2,
            ),
            line(
                guest("Riverland", GuestKind::RegionalGovernment),
                session(1),
                AttendanceMode::Online,
                1,
            ),
            line(
                guest("Riverland", GuestKind::OutsideBody),
                session(2),
                AttendanceMode::Online,
                1,
            ),
        ];
        let who = participants(&lines);
        assert_eq!(who.len(), 3);
        assert_eq!(who[0].name(), "United Nations", "named as first recorded");
        assert_eq!(who[0].delegates, 2);
        let s = summarize(&who);
        assert_eq!(s.guests, vec!["United Nations", "Riverland", "Riverland"]);
        assert_eq!(
            s.governments, 1,
            "only the guest government counts as a government"
        );
    }

    #[test]
    fn two_members_of_the_same_name_stay_apart() {
        // Ids, not names, tell governments apart: two countries may have a region of one name.
        let lines = vec![
            whole(active(1, "Central", "AA"), 1),
            whole(active(2, "Central", "BB"), 1),
        ];
        assert_eq!(participants(&lines).len(), 2);
    }

    #[test]
    fn lines_stored_before_the_range_check_cannot_overflow_the_total() {
        let lines = [whole(northport(), i64::MAX), whole(westvale(), i64::MAX)];
        assert_eq!(summarize(&participants(&lines)).people, i64::MAX);
    }

    #[test]
    fn no_lines_no_one() {
        assert!(participants(&[]).is_empty());
        assert_eq!(summarize(&[]), AttendanceSummary::default());
    }
}
