//! Votes on the live pages: the board that shows a vote and its tally (delegate view, projector
//! and control panel, all fed by the live stream), the delegate's ballot box, and the control
//! panel's desk to open and close votes, enter ballots from the room and reverse decisions.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::model::{BallotChoice, VoteStatus};
use plenary_core::tally::Outcome;
use plenary_core::views::{VoteDesk, VoteView};

use crate::api::{
    load_ballot_paper, load_vote_desk, CastMemberBallot, ConcludeVote, OpenVote, UndoDecision,
};
use crate::forms::FormError;
use crate::i18n::*;
use crate::label;
use crate::layout::ErrorPanel;
use crate::live::Live;
use crate::text::Label;

/// The shown vote of the live view, if any: question, rule, tally, outcome and (where the vote
/// shows them) each member's ballot.
#[component]
pub fn VoteBoard(live: Live, #[prop(optional)] large: bool) -> impl IntoView {
    // Type-erased, as every component of this module: the pages that hold them are deep enough.
    (move || {
        live.view
            .get()
            .vote
            .map(|vote| view! { <Board vote large/> })
    })
    .into_any()
}

#[component]
fn Board(vote: VoteView, large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = vote.tally.clone();
    let open = vote.status == VoteStatus::Open;
    let rule = vote.rule;
    let outcome = t.outcome;
    let counts = [
        (t_string!(i18n, tally_in_favour), t.yes, "yes"),
        (t_string!(i18n, tally_against), t.no, "no"),
        (t_string!(i18n, tally_abstentions), t.abstain, "abstain"),
        (t_string!(i18n, tally_not_voted), t.not_voted, "not-voted"),
    ];
    view! {
        <section class="vote" class:large=large aria-labelledby="vote-heading" data-vote=vote.id.to_string()>
            <h2 id="vote-heading">{if open { t!(i18n, vote_open).into_any() } else { t!(i18n, vote_closed).into_any() }}</h2>
            <p class="vote-question">{vote.question.clone()}</p>
            <p class="muted">{t!(i18n, vote_rule_line, rule = move || rule.tr(), present = move || t.present)}</p>
            <dl class="tally" aria-live="polite">
                {counts.into_iter().map(|(label, n, class)| view! {
                    <div class=format!("count {class}")><dt>{label}</dt><dd>{n}</dd></div>
                }).collect_view()}
            </dl>
            {(!open).then(|| view! {
                <p class=format!("outcome {}", outcome_class(outcome))><strong>{move || outcome.tr()}</strong></p>
                {vote.decision.clone().map(|d| view! { <p class="decision">{d}</p> })}
            })}
            {(!vote.ballots.is_empty()).then(|| view! {
                <details class="ballots" open=!large>
                    <summary>{t!(i18n, ballots_by_member)}</summary>
                    <ul>
                        {vote.ballots.iter().map(|b| {
                            let choice = b.choice;
                            view! { <li><span>{b.member.clone()}</span>" "<span class=format!("choice {}", choice.as_str())>{move || choice.tr()}</span></li> }
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Approved => "approved",
        Outcome::NotApproved => "not-approved",
        Outcome::NoQuorum => "no-quorum",
    }
}

/// A signed-in delegate's ballot for their member while a vote is open (nothing for others).
#[component]
pub fn BallotBox(live: Live) -> impl IntoView {
    let open_vote = Memo::new(move |_| {
        live.view
            .get()
            .vote
            .filter(|v| v.status == VoteStatus::Open)
            .map(|v| v.id)
    });
    let cast = ServerAction::<CastMemberBallot>::new();
    let paper = Resource::new(
        move || (open_vote.get(), cast.version().get()),
        |(vote, _)| async move {
            match vote {
                Some(id) => load_ballot_paper(id).await,
                None => Ok(None),
            }
        },
    );
    let error = Signal::derive(move || cast.value().get().and_then(|r| r.err()));
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match paper.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Ok(Some(p)) => {
                        let member = p.member.clone();
                        view! {
                            <section class="ballot-box" aria-labelledby="ballot-heading">
                                <h2 id="ballot-heading">{t!(i18n, your_ballot_for, member = move || member.clone())}</h2>
                                <p class="your-choice" role="status">{match p.choice {
                                    Some(c) => t!(i18n, you_voted, choice = move || c.tr()).into_any(),
                                    None => t!(i18n, not_voted_yet).into_any(),
                                }}</p>
                                <div class="row-actions">
                                    {[BallotChoice::Yes, BallotChoice::No, BallotChoice::Abstain].into_iter().map(|c| view! {
                                        <ActionForm action=cast attr:class="button-form">
                                            <input type="hidden" name="vote_id" value=p.vote_id.to_string()/>
                                            <input type="hidden" name="member_id" value=p.member_id.to_string()/>
                                            <input type="hidden" name="choice" value=c.as_str()/>
                                            <button type="submit" class=format!("ballot {}", c.as_str()) aria-pressed=(p.choice == Some(c)).to_string()>{move || c.tr()}</button>
                                        </ActionForm>
                                    }).collect_view()}
                                </div>
                                <FormError error/>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

/// The control panel's votes: open a vote on a pending application, close the open one (by
/// count or by acclamation), enter ballots for members in the room, reverse decisions.
#[component]
pub fn VoteDeskPanel(live: Live, number: i64) -> impl IntoView {
    let open = ServerAction::<OpenVote>::new();
    let close = ServerAction::<ConcludeVote>::new();
    let reverse = ServerAction::<UndoDecision>::new();
    let cast = ServerAction::<CastMemberBallot>::new();
    // The answers of opening and closing are the new live state: show them at once.
    for action in [open.value(), close.value()] {
        Effect::new(move |_| {
            if let Some(Ok(view)) = action.get() {
                if view.event_id >= live.view.get_untracked().event_id {
                    live.view.set(view);
                }
            }
        });
    }
    let desk = Resource::new(
        move || {
            (
                open.version().get(),
                close.version().get(),
                reverse.version().get(),
            )
        },
        move |_| load_vote_desk(number),
    );
    let error = Signal::derive(move || {
        [
            open.value().get().and_then(|r| r.err()),
            close.value().get().and_then(|r| r.err()),
            cast.value().get().and_then(|r| r.err()),
            reverse.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let i18n = use_i18n();
    view! {
        <section class="vote-desk" aria-labelledby="votes-heading">
            <h2 id="votes-heading">{t!(i18n, votes_heading)}</h2>
            <FormError error/>
            <VoteBoard live/>
            <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match desk.await {
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                        Ok(d) => view! { <Desk desk=d live number open close cast reverse/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[component]
fn Desk(
    desk: VoteDesk,
    live: Live,
    number: i64,
    open: ServerAction<OpenVote>,
    close: ServerAction<ConcludeVote>,
    cast: ServerAction<CastMemberBallot>,
    reverse: ServerAction<UndoDecision>,
) -> impl IntoView {
    let i18n = use_i18n();
    let voters = desk.voters.clone();
    let decisions = desk.decisions.clone();
    let items: Vec<(i64, String)> = live
        .view
        .get_untracked()
        .sessions
        .into_iter()
        .flat_map(|s| {
            s.items
                .into_iter()
                .map(move |i| (i.id, format!("{} – {}", s.title, i.title)))
        })
        .collect();
    let open_vote = move || {
        live.view
            .get()
            .vote
            .filter(|v| v.status == VoteStatus::Open)
            .map(|v| v.id)
    };
    view! {
        {move || match open_vote() {
            Some(vote_id) => view! { <CloseForms vote_id voters=voters.clone() close cast/> }.into_any(),
            None => view! { <OpenForms pending=desk.pending.clone() items=items.clone() number open/> }.into_any(),
        }}
        {(!decisions.is_empty()).then(|| view! {
            <h3>{t!(i18n, vote_decisions)}</h3>
            <ul class="decisions">
                {decisions.into_iter().map(|d| view! {
                    <li>
                        <span>{d.summary.clone()}</span>
                        {match d.reversal_reason.clone() {
                            Some(reason) => view! { <span class="badge">{t!(i18n, reversed_because, reason = move || reason.clone())}</span> }.into_any(),
                            None => view! {
                                <ActionForm action=reverse attr:class="form inline">
                                    <input type="hidden" name="decision_id" value=d.id.to_string()/>
                                    <label>{t!(i18n, vote_reason)}" "<input name="reason" maxlength=plenary_core::model::limits::NOTE required=true/></label>
                                    <button type="submit">{t!(i18n, reverse_decision)}</button>
                                </ActionForm>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn OpenForms(
    pending: Vec<(i64, String)>,
    items: Vec<(i64, String)>,
    number: i64,
    open: ServerAction<OpenVote>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_applications = if pending.is_empty() {
        view! { <p class="idle">{t!(i18n, no_pending_application)}</p> }.into_any()
    } else {
        pending
            .into_iter()
            .map(|(id, question)| {
                view! {
                    <ActionForm action=open attr:class="form grid open-vote on-application">
                        <p class="vote-question">{question}</p>
                        <input type="hidden" name="number" value=number.to_string()/>
                        <input type="hidden" name="form[application_id]" value=id.to_string()/>
                        <VoteOptions default_rule=label!(i18n, rule_default)/>
                    </ActionForm>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {on_applications}
        <details class="panel">
            <summary>{t!(i18n, vote_on_item)}</summary>
            <ActionForm action=open attr:class="form grid open-vote">
                <input type="hidden" name="number" value=number.to_string()/>
                <label>{t!(i18n, vote_item)}
                    <select name="form[agenda_item_id]">
                        {items.into_iter().map(|(id, title)| view! { <option value=id.to_string()>{title}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, vote_question)}<input name="form[question]" maxlength=plenary_core::model::limits::TITLE required=true/></label>
                <VoteOptions default_rule=label!(i18n, rule_simple_majority_default)/>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// The options of a vote to open: its rule (`default_rule` names what an empty choice means),
/// quorum, whether ballots are shown while it is open, secret or by roll call; and the button.
#[component]
fn VoteOptions(default_rule: TextProp) -> impl IntoView {
    let i18n = use_i18n();
    let rules = plenary_core::model::VoteRule::values();
    view! {
        <label>{t!(i18n, vote_rule)}
            <select name="form[rule]">
                <option value="">{move || default_rule.get()}</option>
                {rules.iter().map(|&rule| {
                    view! { <option value=rule.as_str()>{move || rule.tr()}</option> }
                }).collect_view()}
            </select>
        </label>
        <label>{t!(i18n, quorum_percent)}<input type="number" name="form[quorum_percent]" min="0" max="100" value="0"/></label>
        <label class="check"><input type="checkbox" name="form[show_ballots]"/>{t!(i18n, show_ballots_while_open)}</label>
        <label class="check"><input type="checkbox" name="form[secret]"/>{t!(i18n, secret_ballot)}</label>
        <button type="submit" data-command="open_vote">{t!(i18n, open_the_vote)}</button>
    }
}

#[component]
fn CloseForms(
    vote_id: i64,
    voters: Vec<(i64, String)>,
    close: ServerAction<ConcludeVote>,
    cast: ServerAction<CastMemberBallot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices = [BallotChoice::Yes, BallotChoice::No, BallotChoice::Abstain];
    let objectors = voters.clone();
    view! {
        <div class="row-actions">
            <ActionForm action=close attr:class="button-form">
                <input type="hidden" name="vote_id" value=vote_id.to_string()/>
                <button type="submit" data-command="close_vote">{t!(i18n, close_and_count)}</button>
            </ActionForm>
        </div>
        <details class="panel">
            <summary>{t!(i18n, close_by_acclamation)}</summary>
            <ActionForm action=close attr:class="form">
                <input type="hidden" name="vote_id" value=vote_id.to_string()/>
                <input type="hidden" name="acclamation" value="on"/>
                <fieldset class="objections">
                    <legend>{t!(i18n, objections_by)}</legend>
                    {objectors.into_iter().map(|(id, name)| view! {
                        <label class="check"><input type="checkbox" name="objections[]" value=id.to_string()/>{name}</label>
                    }).collect_view()}
                </fieldset>
                <button type="submit">{t!(i18n, close_by_acclamation)}</button>
            </ActionForm>
        </details>
        <details class="panel">
            <summary>{t!(i18n, enter_ballot)}</summary>
            <ActionForm action=cast attr:class="form inline">
                <input type="hidden" name="vote_id" value=vote_id.to_string()/>
                <label>{t!(i18n, vote_member)}
                    <select name="member_id">
                        {voters.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, vote_ballot)}
                    <select name="choice">
                        {choices.into_iter().map(|c| view! { <option value=c.as_str()>{move || c.tr()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit">{t!(i18n, record_ballot)}</button>
            </ActionForm>
        </details>
    }
}
