//! Votes, ballots and decisions: what an organizer opens and closes, what a delegate casts, and
//! what is recorded when a vote closes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::*;
use crate::{Error, Problem, Result};

/// A vote as stored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub application_id: Option<i64>,
    pub question: String,
    pub rule: VoteRule,
    /// Share of all voting members that must be present, in percent (0: none).
    pub quorum_percent: i64,
    /// Whether each member's ballot is shown while the vote is open.
    pub show_ballots: bool,
    /// A roll-call vote names every member's ballot once it is closed; a secret one never does.
    pub roll_call: bool,
    pub status: VoteStatus,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The tally as it stood when the vote closed.
    pub result: Option<crate::tally::Tally>,
}

impl Vote {
    /// Whether each member's ballot may be shown now: while open only when the vote says so,
    /// once closed only for a roll-call vote; a secret vote never names who chose what.
    pub fn shows_ballots(&self) -> bool {
        self.roll_call
            && match self.status {
                VoteStatus::Open => self.show_ballots,
                VoteStatus::Closed => true,
            }
    }
}

/// Opening a vote: on an application (its question and rule follow from it unless given) or on
/// an agenda item with a question.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewVote {
    pub application_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub question: Option<String>,
    /// Unanimity for chairmanship and membership applications when not given.
    pub rule: Option<VoteRule>,
    #[serde(default)]
    pub quorum_percent: i64,
    #[serde(default)]
    pub show_ballots: bool,
    /// True unless said otherwise.
    pub roll_call: Option<bool>,
}

impl NewVote {
    pub fn validate(&self) -> Result<()> {
        if self.application_id.is_none()
            && (self.agenda_item_id.is_none()
                || self.question.as_deref().is_none_or(|q| q.trim().is_empty()))
        {
            return Err(Error::invalid("question", Problem::VoteWithoutQuestion));
        }
        if !(0..=100).contains(&self.quorum_percent) {
            return Err(Error::invalid("quorum_percent", Problem::PercentOutOfRange));
        }
        limits::optional_within("question", self.question.as_deref(), limits::TITLE)
    }
}

/// The control panel's form to open a vote, as typed (`form[…]` fields). Unticked checkboxes
/// are not sent at all, and fields the form leaves out default to empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoteForm {
    pub application_id: String,
    pub agenda_item_id: String,
    pub question: String,
    pub rule: String,
    pub quorum_percent: String,
    pub show_ballots: Option<String>,
    pub secret: Option<String>,
}

impl VoteForm {
    /// Empty fields take their defaults; a checkbox is "on" when ticked.
    pub fn parse(&self) -> Result<NewVote> {
        let vote = NewVote {
            application_id: parse_optional_number("application_id", &self.application_id)?,
            agenda_item_id: parse_optional_number("agenda_item_id", &self.agenda_item_id)?,
            question: optional_text(&self.question),
            rule: match self.rule.trim() {
                "" => None,
                name => Some(VoteRule::parse("rule", name)?),
            },
            quorum_percent: parse_optional_number("quorum_percent", &self.quorum_percent)?
                .unwrap_or(0),
            show_ballots: ticked(self.show_ballots.as_deref()),
            roll_call: Some(!ticked(self.secret.as_deref())),
        };
        vote.validate()?;
        Ok(vote)
    }
}

/// Whether an HTML checkbox was ticked (an unticked one is not sent).
fn ticked(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("on" | "true" | "1"))
}

/// A ballot as its form gives it: the member voting and the choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotForm {
    pub member_id: String,
    pub choice: String,
}

impl BallotForm {
    pub fn parse(&self) -> Result<CastBallot> {
        Ok(CastBallot {
            member_id: parse_number("member_id", &self.member_id)?,
            choice: BallotChoice::parse("choice", &self.choice)?,
        })
    }
}

/// Closing a vote, as its form gives it: `acclamation` a checkbox, `objections` the member ids
/// of the ticked boxes (`objections[]`); both are left out when nothing is ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseVoteForm {
    pub acclamation: Option<String>,
    pub objections: Option<Vec<String>>,
}

impl CloseVoteForm {
    pub fn parse(&self) -> Result<CloseVote> {
        Ok(CloseVote {
            acclamation: ticked(self.acclamation.as_deref()),
            objections: self
                .objections
                .iter()
                .flatten()
                .filter(|id| !id.trim().is_empty())
                .map(|id| parse_number("objections", id))
                .collect::<Result<_>>()?,
        })
    }
}

/// The rule a vote on an application of `kind` follows unless the organizer chooses another:
/// the association's constitution asks for unanimity of the members present for both.
pub fn default_rule(kind: Option<ApplicationKind>) -> VoteRule {
    match kind {
        Some(ApplicationKind::Chairmanship | ApplicationKind::Membership) => VoteRule::Unanimous,
        None => VoteRule::SimpleMajority,
    }
}

/// A ballot: the member government it is cast for and the choice.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CastBallot {
    pub member_id: i64,
    pub choice: BallotChoice,
}

/// A ballot as accepted.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotCast {
    pub vote_id: i64,
    /// The number of the assembly the vote belongs to.
    pub assembly: i64,
    pub member_id: i64,
    pub choice: BallotChoice,
}

/// Closing a vote. By acclamation, no ballots are counted: the chair asks for objections and
/// the members who raised one are named.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CloseVote {
    #[serde(default)]
    pub acclamation: bool,
    /// Member governments that objected (acclamation only).
    #[serde(default)]
    pub objections: Vec<i64>,
}

/// A decision as recorded.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub vote_id: Option<i64>,
    pub application_id: Option<i64>,
    pub outcome: DecisionOutcome,
    pub effect: DecisionEffect,
    /// "Riverside Province admitted as the 12th member; approved unanimously: 30 of 30 members
    /// present in favour".
    pub summary: String,
    pub decided_at: DateTime<Utc>,
    pub reversed_at: Option<DateTime<Utc>>,
    pub reversal_reason: Option<String>,
}

/// Reversing a decision: a separate act with its reason.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReverseDecision {
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub reason: String,
}

impl ReverseDecision {
    pub fn validate(&self) -> Result<()> {
        limits::required("reason", &self.reason, limits::NOTE).map(drop)
    }
}

/// "1st", "2nd", "3rd", "11th", "79th".
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_english() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 79, 101, 112]
            .map(ordinal)
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "79th", "101st",
                "112th"
            ]
        );
    }

    #[test]
    fn applications_default_to_unanimity() {
        assert_eq!(
            default_rule(Some(ApplicationKind::Membership)),
            VoteRule::Unanimous
        );
        assert_eq!(
            default_rule(Some(ApplicationKind::Chairmanship)),
            VoteRule::Unanimous
        );
        assert_eq!(default_rule(None), VoteRule::SimpleMajority);
    }

    fn vote_form(
        application_id: &str,
        agenda_item_id: &str,
        question: &str,
        rule: &str,
        quorum_percent: &str,
        show_ballots: &str,
        secret: &str,
    ) -> VoteForm {
        // An unticked checkbox is not sent at all.
        let checkbox = |value: &str| (!value.is_empty()).then(|| value.to_owned());
        VoteForm {
            application_id: application_id.into(),
            agenda_item_id: agenda_item_id.into(),
            question: question.into(),
            rule: rule.into(),
            quorum_percent: quorum_percent.into(),
            show_ballots: checkbox(show_ballots),
            secret: checkbox(secret),
        }
    }

    fn ballot(member_id: &str, choice: &str) -> BallotForm {
        BallotForm {
            member_id: member_id.into(),
            choice: choice.into(),
        }
    }

    #[test]
    fn forms_become_votes_ballots_and_closings() {
        let vote = vote_form("7", "", "", "", "", "", "").parse().unwrap();
        assert_eq!(
            (
                vote.application_id,
                vote.rule,
                vote.roll_call,
                vote.show_ballots
            ),
            (Some(7), None, Some(true), false)
        );
        let vote = vote_form("", "3", "Adopt?", "two_thirds", "50", "on", "on")
            .parse()
            .unwrap();
        assert_eq!(
            (
                vote.rule,
                vote.quorum_percent,
                vote.show_ballots,
                vote.roll_call
            ),
            (Some(VoteRule::TwoThirds), 50, true, Some(false))
        );
        let err = vote_form("7", "", "", "acclaim", "", "", "")
            .parse()
            .unwrap_err();
        assert_eq!(err.field(), Some("rule"));
        assert_eq!(
            ballot("4", "maybe").parse().unwrap_err().field(),
            Some("choice")
        );
        let close = CloseVoteForm {
            acclamation: Some("on".into()),
            objections: Some(vec!["4".into(), " 9".into()]),
        }
        .parse()
        .unwrap();
        assert_eq!((close.acclamation, close.objections), (true, vec![4, 9]));
        assert_eq!(
            CloseVoteForm::default().parse().unwrap(),
            CloseVote::default()
        );
    }

    #[test]
    fn a_vote_form_names_its_bad_field() {
        for (field, form) in [
            ("application_id", vote_form("seven", "", "", "", "", "", "")),
            (
                "agenda_item_id",
                vote_form("", "x", "Adopt?", "", "", "", ""),
            ),
            ("quorum_percent", vote_form("7", "", "", "", "half", "", "")),
            ("quorum_percent", vote_form("7", "", "", "", "101", "", "")),
            ("question", vote_form("", "3", " ", "", "", "", "")),
        ] {
            assert_eq!(form.parse().unwrap_err().field(), Some(field));
        }
    }

    #[test]
    fn a_vote_form_with_fields_left_out_is_empty() {
        let form: VoteForm =
            serde_json::from_value(serde_json::json!({ "application_id": "7" })).unwrap();
        assert_eq!(form, vote_form("7", "", "", "", "", "", ""));
        let vote = vote_form("7", "", "", "", "", "off", "").parse().unwrap();
        assert!(!vote.show_ballots, "only a ticked box counts");
    }

    #[test]
    fn a_ballot_form_becomes_a_ballot() {
        assert_eq!(
            ballot(" 4 ", "abstain").parse().unwrap(),
            CastBallot {
                member_id: 4,
                choice: BallotChoice::Abstain
            }
        );
        assert_eq!(
            ballot("", "yes").parse().unwrap_err().field(),
            Some("member_id")
        );
    }

    #[test]
    fn a_close_names_a_bad_objection() {
        let form = CloseVoteForm {
            acclamation: None,
            objections: Some(vec!["".into(), "x".into()]),
        };
        assert_eq!(form.parse().unwrap_err().field(), Some("objections"));
    }

    #[test]
    fn a_secret_vote_never_shows_its_ballots() {
        let vote = |roll_call, show_ballots, status| Vote {
            id: 1,
            assembly_id: 1,
            agenda_item_id: None,
            application_id: None,
            question: "Adopt?".into(),
            rule: VoteRule::SimpleMajority,
            quorum_percent: 0,
            show_ballots,
            roll_call,
            status,
            opened_at: DateTime::from_timestamp(0, 0).unwrap(),
            closed_at: None,
            result: None,
        };
        assert!(vote(true, true, VoteStatus::Open).shows_ballots());
        assert!(!vote(true, false, VoteStatus::Open).shows_ballots());
        assert!(vote(true, false, VoteStatus::Closed).shows_ballots());
        assert!(!vote(false, true, VoteStatus::Open).shows_ballots());
        assert!(!vote(false, true, VoteStatus::Closed).shows_ballots());
    }

    #[test]
    fn a_vote_needs_an_application_or_a_question() {
        let err = NewVote::default().validate().unwrap_err();
        assert_eq!(err.field(), Some("question"));
        let on_item = NewVote {
            agenda_item_id: Some(1),
            question: Some("Adopt the declaration?".into()),
            ..NewVote::default()
        };
        assert!(on_item.validate().is_ok());
        let bad_quorum = NewVote {
            application_id: Some(1),
            quorum_percent: 101,
            ..NewVote::default()
        };
        assert_eq!(
            bad_quorum.validate().unwrap_err().field(),
            Some("quorum_percent")
        );
    }
}
