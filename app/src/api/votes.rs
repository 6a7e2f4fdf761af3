//! Server functions of votes (named apart from core's `CastBallot`, `CloseVote` and
//! `ReverseDecision`, which the macro's argument structs would otherwise shadow): the control panel opens and closes them, delegates cast their
//! member's ballot (`cast_…` is open to signed-in delegates; the action checks the member).

use leptos::prelude::*;
use plenary_core::model::*;
use plenary_core::views::{BallotPaper, LiveView, VoteDesk};
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::{caller, db, publisher};
#[cfg(feature = "ssr")]
use plenary_core::actions;

#[server(prefix = "/sfn", endpoint = "load_vote_desk")]
pub async fn load_vote_desk(number: i64) -> Result<VoteDesk, Error> {
    actions::vote_desk(&db()?, caller().as_ref(), number).await
}

#[server(prefix = "/sfn", endpoint = "load_ballot_paper")]
pub async fn load_ballot_paper(vote_id: i64) -> Result<Option<BallotPaper>, Error> {
    actions::ballot_paper(&db()?, caller().as_ref(), vote_id).await
}

#[server(prefix = "/sfn", endpoint = "open_vote")]
pub async fn open_vote(number: i64, form: VoteForm) -> Result<LiveView, Error> {
    let input = form.parse()?;
    let publisher = publisher();
    actions::open_vote(
        &db()?,
        publisher.as_deref(),
        caller().as_ref(),
        number,
        &input,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "cast_member_ballot")]
pub async fn cast_member_ballot(
    vote_id: i64,
    #[server(flatten)] form: BallotForm,
) -> Result<BallotCast, Error> {
    let ballot = form.parse()?;
    let publisher = publisher();
    actions::cast_ballot(&db()?, publisher, caller().as_ref(), vote_id, &ballot).await
}

/// Closes a vote; `objections` (checkboxes named `objections[]`) are the member ids that
/// objected, for a close by acclamation.
#[server(prefix = "/sfn", endpoint = "conclude_vote")]
pub async fn conclude_vote(
    vote_id: i64,
    #[server(flatten)] form: CloseVoteForm,
) -> Result<LiveView, Error> {
    let input = form.parse()?;
    let publisher = publisher();
    actions::close_vote(
        &db()?,
        publisher.as_deref(),
        caller().as_ref(),
        vote_id,
        &input,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "undo_decision")]
pub async fn undo_decision(decision_id: i64, reason: String) -> Result<Decision, Error> {
    let input = ReverseDecision { reason };
    actions::reverse_decision(&db()?, caller().as_ref(), decision_id, &input).await
}

/// The association's record and settings.
#[server(prefix = "/sfn", endpoint = "load_association")]
pub async fn load_association() -> Result<NewAssociation, Error> {
    db()?
        .reading(async |tx| plenary_core::storage::get_association(tx).await)
        .await
}

/// Whether associate members vote (a checkbox: absent when unticked).
#[server(prefix = "/sfn", endpoint = "save_voting_setting")]
pub async fn save_voting_setting(associates_vote: Option<String>) -> Result<NewAssociation, Error> {
    let db = db()?;
    let mut association = db
        .reading(async |tx| plenary_core::storage::get_association(tx).await)
        .await?;
    association.associates_vote = associates_vote.is_some();
    actions::update_association(&db, caller().as_ref(), &association).await
}
