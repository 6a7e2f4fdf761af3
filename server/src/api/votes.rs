//! Votes over the JSON API: organizers open and close votes and reverse decisions; delegates
//! (and organizers, for members in the room) cast ballots.

use axum::extract::State;
use axum::Json;
use plenary_core::actions;
use plenary_core::model::{BallotCast, CastBallot, CloseVote, Decision, NewVote, ReverseDecision};
use plenary_core::views::{LiveView, VoteDesk, VoteView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(vote_open, vote_desk))
        .routes(routes!(vote_show))
        .routes(routes!(ballot_cast))
        .routes(routes!(vote_close))
        .routes(routes!(decision_reverse))
}

/// Opens a vote (organizers): on an application, its question and rule (unanimity) follow from
/// it; on an agenda item, give the question. Refused without quorum. The answer is the new live
/// state, which also goes out on the live stream.
#[utoipa::path(post, path = "/api/assemblies/{number}/votes", tag = "votes", params(("number" = i64, Path)), request_body = NewVote,
    responses((status = 200, body = LiveView), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn vote_open(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
    Body(input): Body<NewVote>,
) -> ApiResult<Json<LiveView>> {
    ok(actions::open_vote(&s.db, Some(&*s.hub), c.actor(), number, &input).await)
}

/// What an organizer needs to run the votes of an assembly: the applications awaiting a vote,
/// the voting members present, and the decisions taken (organizers).
#[utoipa::path(get, path = "/api/assemblies/{number}/votes", tag = "votes", params(("number" = i64, Path)),
    responses((status = 200, body = VoteDesk), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn vote_desk(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(number): Id<i64>,
) -> ApiResult<Json<VoteDesk>> {
    ok(actions::vote_desk(&s.db, c.actor(), number).await)
}

/// A vote with its tally, and each member's ballot where the vote shows them.
#[utoipa::path(get, path = "/api/votes/{id}", tag = "votes", params(("id" = i64, Path)),
    responses((status = 200, body = VoteView), (status = 404, body = ApiErrorBody)))]
async fn vote_show(State(s): State<AppState>, Id(id): Id<i64>) -> ApiResult<Json<VoteView>> {
    ok(actions::vote_with_tally(&s.db, id).await)
}

/// Casts or changes a ballot until the vote closes: a delegate for their own member, an
/// organizer for any member present. Ballots of absent or non-voting members are refused.
#[utoipa::path(post, path = "/api/votes/{id}/ballots", tag = "votes", params(("id" = i64, Path)), request_body = CastBallot,
    responses((status = 200, body = BallotCast), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn ballot_cast(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(ballot): Body<CastBallot>,
) -> ApiResult<Json<BallotCast>> {
    let hub = Some(crate::live::publisher(&s.hub));
    ok(actions::cast_ballot(&s.db, hub, c.actor(), id, &ballot).await)
}

/// Closes a vote (organizers), by counting its ballots or by acclamation with the objections
/// named; records the decision and its effect on the register in the same transaction.
#[utoipa::path(post, path = "/api/votes/{id}/close", tag = "votes", params(("id" = i64, Path)), request_body = CloseVote,
    responses((status = 200, body = LiveView), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn vote_close(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<CloseVote>,
) -> ApiResult<Json<LiveView>> {
    ok(actions::close_vote(&s.db, Some(&*s.hub), c.actor(), id, &input).await)
}

/// Reverses a decision (organizers), with its reason, and restores the register.
#[utoipa::path(post, path = "/api/decisions/{id}/reverse", tag = "votes", params(("id" = i64, Path)), request_body = ReverseDecision,
    responses((status = 200, body = Decision), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn decision_reverse(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<ReverseDecision>,
) -> ApiResult<Json<Decision>> {
    ok(actions::reverse_decision(&s.db, c.actor(), id, &input).await)
}
