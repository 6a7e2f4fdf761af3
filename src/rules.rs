//! The rules an organizer's changes must keep, as pure functions over what storage knows.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{MemberKind, MemberStatus, MoveTo};
use crate::{Error, Problem, Result};

/// The largest number of people one attendance line may count: beyond any delegation, and small
/// enough that the totals of any number of lines cannot overflow.
pub const MAX_DELEGATES: i64 = 10_000;
/// The largest ordinal of a member ("the 100,000th member") and term of a chair: far beyond any
/// association, and small enough that the next one is always a number.
pub const MAX_ORDINAL: i64 = 100_000;
pub const MAX_TERM: i64 = 100_000;

/// `value`, given for `field`, lies between `min` and `max` (both included).
pub fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(field, Problem::OutOfRange { min, max }))
    }
}

/// A chairmanship application is for the term after the current one.
pub fn chair_term_follows(current_term: Option<i64>, applied_for: i64) -> Result<()> {
    match current_term {
        Some(current) if Some(applied_for) != current.checked_add(1) => Err(Error::invalid(
            "term",
            Problem::TermMustFollow {
                expected: current.saturating_add(1),
                given: applied_for,
            },
        )),
        _ if applied_for < 1 => Err(Error::invalid("term", Problem::AtLeastOne)),
        _ => Ok(()),
    }
}

/// A government applying for membership is not already an active member of that kind.
pub fn membership_applicant(
    status: MemberStatus,
    kind: MemberKind,
    applied_as: MemberKind,
) -> Result<()> {
    if status == MemberStatus::Active && kind == applied_as {
        return Err(Error::invalid(
            "applicant_member_id",
            Problem::AlreadyActiveMember { kind },
        ));
    }
    Ok(())
}

/// A delegate represents an active member government.
pub fn delegate_member(status: Option<MemberStatus>) -> Result<()> {
    match status {
        Some(MemberStatus::Active) => Ok(()),
        Some(other) => Err(Error::invalid(
            "member_id",
            Problem::DelegateOfInactiveMember { status: other },
        )),
        None => Err(Error::invalid("member_id", Problem::DelegateWithoutMember)),
    }
}

/// A member government with ballots or decisions stays on record: it can be archived, not deleted.
pub fn member_deletable(ballots: i64, decisions: i64) -> Result<()> {
    if ballots > 0 || decisions > 0 {
        return Err(Error::conflict(None, Problem::MemberHasRecord));
    }
    Ok(())
}

/// A session is planned within the days of its assembly (in the venue's calendar).
pub fn session_within_assembly(day: NaiveDate, first: NaiveDate, last: NaiveDate) -> Result<()> {
    if day < first || day > last {
        return Err(Error::invalid(
            "planned_start",
            Problem::SessionOutsideAssembly { first, last },
        ));
    }
    Ok(())
}

/// An item cannot start before its session does.
pub fn item_not_before_session(
    session_start: DateTime<Utc>,
    item_start: DateTime<Utc>,
) -> Result<()> {
    if item_start < session_start {
        return Err(Error::invalid("actual_start", Problem::ItemBeforeSession));
    }
    Ok(())
}

/// The order of `ids` after `moved` is put at index `to` (clamped to the list).
pub fn move_to(ids: &[i64], moved: i64, to: usize) -> Result<Vec<i64>> {
    let from = ids
        .iter()
        .position(|id| *id == moved)
        .ok_or_else(|| Error::not_found("The item to move"))?;
    let mut order = ids.to_vec();
    let id = order.remove(from);
    order.insert(to.min(order.len()), id);
    Ok(order)
}

/// The order of `ids` after `moved` goes one place up (towards the start) or down.
pub fn move_by_one(ids: &[i64], moved: i64, up: bool) -> Result<Vec<i64>> {
    let from = ids
        .iter()
        .position(|id| *id == moved)
        .ok_or_else(|| Error::not_found("The item to move"))?;
    let to = if up { from.saturating_sub(1) } else { from + 1 };
    move_to(ids, moved, to)
}

/// The order of `ids` after `moved` goes where `to` says.
pub fn reorder(ids: &[i64], moved: i64, to: MoveTo) -> Result<Vec<i64>> {
    match to {
        MoveTo::Up => move_by_one(ids, moved, true),
        MoveTo::Down => move_by_one(ids, moved, false),
        MoveTo::Position(p) if p >= 1 => move_to(ids, moved, (p - 1) as usize),
        MoveTo::Position(_) => Err(Error::invalid("position", Problem::AtLeastOne)),
    }
}

/// What the chair of each term is now, given the terms recorded in ascending order and whether
/// the last one was elected by a decision: the last elected term is the chair-elect and the one
/// before it the chair; a last term that was entered by hand is simply the chair.
pub fn chair_roles(terms: usize, last_elected: bool) -> Vec<crate::views::ChairRole> {
    use crate::views::ChairRole::*;
    let mut roles = vec![Past; terms];
    match (terms, last_elected) {
        (0, _) => {}
        (1, _) | (_, false) => roles[terms - 1] = Chair,
        (_, true) => {
            roles[terms - 1] = ChairElect;
            roles[terms - 2] = Chair;
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_outside_their_range_name_their_field_and_the_range() {
        assert!(in_range("delegates", 1, 1, MAX_DELEGATES).is_ok());
        assert!(in_range("delegates", MAX_DELEGATES, 1, MAX_DELEGATES).is_ok());
        for value in [0, MAX_DELEGATES + 1, i64::MAX, i64::MIN] {
            let e = in_range("delegates", value, 1, MAX_DELEGATES).unwrap_err();
            assert_eq!(e.field(), Some("delegates"));
            assert_eq!(
                e.problem(),
                Some(&Problem::OutOfRange {
                    min: 1,
                    max: MAX_DELEGATES
                })
            );
        }
    }

    #[test]
    fn the_term_after_the_largest_is_refused_not_overflowed() {
        assert_eq!(
            chair_term_follows(Some(i64::MAX), i64::MIN)
                .unwrap_err()
                .field(),
            Some("term")
        );
    }

    #[test]
    fn a_chair_term_must_follow_the_current_one() {
        assert!(chair_term_follows(Some(13), 14).is_ok());
        assert_eq!(
            chair_term_follows(Some(13), 13).unwrap_err().field(),
            Some("term")
        );
        assert!(chair_term_follows(Some(13), 15).is_err());
        assert!(chair_term_follows(None, 1).is_ok());
        assert!(chair_term_follows(None, 0).is_err());
    }

    #[test]
    fn an_active_member_cannot_apply_for_membership_again() {
        use MemberKind::*;
        assert!(membership_applicant(MemberStatus::Applicant, Member, Member).is_ok());
        assert!(membership_applicant(MemberStatus::Active, Member, Member).is_err());
        assert!(
            membership_applicant(MemberStatus::Active, Associate, Member).is_ok(),
            "an associate may apply to become a member"
        );
        assert!(
            membership_applicant(MemberStatus::Withdrawn, Member, Member).is_ok(),
            "a withdrawn member may apply again"
        );
    }

    #[test]
    fn a_delegate_is_bound_to_an_active_member() {
        assert!(delegate_member(Some(MemberStatus::Active)).is_ok());
        assert_eq!(
            delegate_member(Some(MemberStatus::Applicant))
                .unwrap_err()
                .field(),
            Some("member_id")
        );
        assert!(delegate_member(None).is_err());
    }

    #[test]
    fn members_with_ballots_or_decisions_are_archived_not_deleted() {
        assert!(member_deletable(0, 0).is_ok());
        assert!(matches!(
            member_deletable(1, 0),
            Err(Error::Conflict { .. })
        ));
        assert!(member_deletable(0, 2).is_err());
    }

    #[test]
    fn sessions_fall_within_the_assembly_and_items_within_sessions() {
        let d = |day| NaiveDate::from_ymd_opt(2022, 9, day).unwrap();
        assert!(session_within_assembly(d(1), d(1), d(2)).is_ok());
        assert!(session_within_assembly(d(3), d(1), d(2)).is_err());
        let at = |m| Utc.with_ymd_and_hms(2022, 9, 1, 1, m, 0).unwrap();
        assert!(item_not_before_session(at(0), at(5)).is_ok());
        assert_eq!(
            item_not_before_session(at(5), at(0)).unwrap_err().field(),
            Some("actual_start")
        );
    }

    #[test]
    fn moving_items_keeps_every_item_once() {
        assert_eq!(move_to(&[1, 2, 3, 4], 4, 0).unwrap(), vec![4, 1, 2, 3]);
        assert_eq!(move_to(&[1, 2, 3, 4], 1, 9).unwrap(), vec![2, 3, 4, 1]);
        assert_eq!(move_by_one(&[1, 2, 3], 2, true).unwrap(), vec![2, 1, 3]);
        assert_eq!(
            move_by_one(&[1, 2, 3], 3, false).unwrap(),
            vec![1, 2, 3],
            "the last stays last"
        );
        assert_eq!(
            move_by_one(&[1, 2, 3], 1, true).unwrap(),
            vec![1, 2, 3],
            "the first stays first"
        );
        assert!(move_to(&[1, 2], 7, 0).is_err());
        assert_eq!(
            reorder(&[1, 2, 3], 3, MoveTo::Position(1)).unwrap(),
            vec![3, 1, 2]
        );
        assert_eq!(reorder(&[1, 2, 3], 1, MoveTo::Down).unwrap(), vec![2, 1, 3]);
        assert_eq!(
            reorder(&[1, 2, 3], 1, MoveTo::Position(0))
                .unwrap_err()
                .field(),
            Some("position")
        );
    }

    #[test]
    fn the_last_elected_chair_is_the_chair_elect() {
        use crate::views::ChairRole::*;
        assert_eq!(chair_roles(0, false), []);
        assert_eq!(chair_roles(1, true), [Chair]);
        assert_eq!(chair_roles(2, true), [Chair, ChairElect], "Sakha and Ulsan");
        assert_eq!(chair_roles(3, false), [Past, Past, Chair]);
        assert_eq!(chair_roles(3, true), [Past, Chair, ChairElect]);
    }
}
