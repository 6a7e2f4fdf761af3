//! Attendance totals: who took part, counted from the attendance lines of an assembly.
//!
//! The totals feed the assembly page, the record and (later) quorum, so they are computed in one
//! place from what was recorded, never entered by hand.

use std::collections::BTreeSet;

use crate::model::{GuestKind, MemberKind, MemberStatus};
use crate::views::AttendanceSummary;

/// One recorded line of attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceLine {
    /// A government of the register, with its kind, status and country.
    Member {
        name: String,
        kind: MemberKind,
        status: MemberStatus,
        country: String,
        delegates: i64,
    },
    /// Someone not in the register.
    Guest {
        name: String,
        kind: GuestKind,
        delegates: i64,
    },
}

/// The totals of an assembly's attendance.
pub fn summarize(lines: &[AttendanceLine]) -> AttendanceSummary {
    let mut summary = AttendanceSummary::default();
    let mut countries = BTreeSet::new();
    for line in lines {
        match line {
            AttendanceLine::Member {
                name,
                kind,
                status,
                country,
                delegates,
            } => {
                // Lines are range-checked when recorded; saturating still, for rows written before that.
                summary.people = summary.people.saturating_add(*delegates);
                summary.governments += 1;
                match kind {
                    MemberKind::Member if *status == MemberStatus::Active => {
                        summary.members += 1;
                        countries.insert(country.as_str());
                    }
                    MemberKind::Associate => summary.associates.push(name.clone()),
                    _ => {}
                }
            }
            AttendanceLine::Guest {
                name,
                kind,
                delegates,
            } => {
                summary.people = summary.people.saturating_add(*delegates);
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
        name: &str,
        kind: MemberKind,
        status: MemberStatus,
        country: &str,
        delegates: i64,
    ) -> AttendanceLine {
        AttendanceLine::Member {
            name: name.into(),
            kind,
            status,
            country: country.into(),
            delegates,
        }
    }

    #[test]
    fn members_governments_people_and_countries_are_counted_apart() {
        let lines = vec![
            member("Ulsan", MemberKind::Member, MemberStatus::Active, "KR", 4),
            member("Hyogo", MemberKind::Member, MemberStatus::Active, "JP", 3),
            member(
                "Ho Chi Minh City",
                MemberKind::Associate,
                MemberStatus::Active,
                "VN",
                2,
            ),
            member(
                "Liaoning",
                MemberKind::Member,
                MemberStatus::Applicant,
                "CN",
                3,
            ),
            AttendanceLine::Guest {
                name: "United Nations".into(),
                kind: GuestKind::OutsideBody,
                delegates: 1,
            },
            AttendanceLine::Guest {
                name: "Guest province".into(),
                kind: GuestKind::RegionalGovernment,
                delegates: 2,
            },
        ];
        let s = summarize(&lines);
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
        assert_eq!(s.associates, vec!["Ho Chi Minh City".to_string()]);
        assert_eq!(s.guests.len(), 2);
    }

    #[test]
    fn lines_stored_before_the_range_check_cannot_overflow_the_total() {
        let huge = || {
            member(
                "Ulsan",
                MemberKind::Member,
                MemberStatus::Active,
                "KR",
                i64::MAX,
            )
        };
        assert_eq!(summarize(&[huge(), huge()]).people, i64::MAX);
    }

    #[test]
    fn no_lines_no_one() {
        assert_eq!(summarize(&[]), AttendanceSummary::default());
    }
}
