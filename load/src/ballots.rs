//! Ballots: every delegate present casting and changing their member's ballot on one open vote,
//! all at once; then the server's own account of them is checked, in its API and its database,
//! so that a ballot the server accepted and then lost is found.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::accounts::Account;
use crate::http::{live_state, sign_in, Conn};
use crate::stats::Latency;
use crate::{LoadError, Target};

/// What to run.
#[derive(Debug, Clone)]
pub struct Ballots {
    pub organizer: String,
    pub delegates: Vec<Account>,
    pub duration: Duration,
    /// The server's database, to count the ballots in afterwards.
    pub database_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BallotsResult {
    pub vote_id: i64,
    /// Delegates whose member votes (the others are not sent to vote).
    pub delegates: usize,
    pub accepted: usize,
    pub refused: usize,
    pub elapsed: Duration,
    pub latency: Latency,
    /// Members whose ballot on record is not the last one the server accepted from them.
    pub wrong_in_api: usize,
    /// What the database holds, when it was read.
    pub database: Option<BallotsOnRecord>,
    /// The first refusal, to say why ballots were refused.
    pub first_refusal: Option<String>,
}

impl BallotsResult {
    pub fn per_second(&self) -> f64 {
        self.accepted as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// Whether every accepted ballot is accounted for.
    pub fn none_lost(&self) -> bool {
        self.wrong_in_api == 0
            && self.database.as_ref().is_none_or(|d| {
                d.audited == self.accepted as i64
                    && d.ballots == self.delegates as i64
                    && d.wrong == 0
            })
    }
}

/// The vote's ballots as the database holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotsOnRecord {
    /// Ballots cast on the vote as the audit log records them, one entry per accepted ballot.
    pub audited: i64,
    /// Ballot rows: one per member (a changed ballot replaces the earlier one).
    pub ballots: i64,
    /// Members whose ballot row is not the last one the server accepted from them.
    pub wrong: usize,
}

/// The choices a delegate goes through, so that each ballot changes the last.
const CHOICES: [&str; 3] = ["yes", "no", "abstain"];

pub async fn run(target: Target, plan: &Ballots) -> Result<BallotsResult, LoadError> {
    let mut control = Conn::open(target.addr).await?;
    let vote_id = open_vote(&mut control, target, &plan.organizer).await?;
    let voting = voting_members(&mut control, target, &plan.organizer).await?;
    let mut voters = Vec::new();
    for delegate in &plan.delegates {
        let (cookie, actor) = sign_in(target.addr, &delegate.email, &delegate.password).await?;
        let member = actor["member_id"].as_i64().ok_or_else(|| {
            LoadError::Setup(format!("{} is not a delegate of a member", delegate.email))
        })?;
        // An associate member's delegate has no vote unless the association says so.
        if voting.contains(&member) {
            voters.push((cookie, member));
        }
    }
    let delegates = voters.len();

    let started = Instant::now();
    let deadline = started + plan.duration;
    let mut casting = Vec::new();
    for (cookie, member) in voters {
        casting.push(tokio::spawn(cast_until(
            target, vote_id, cookie, member, deadline,
        )));
    }
    let mut last = HashMap::new();
    let (mut latencies, mut refused, mut first_refusal) = (Vec::new(), 0, None);
    for delegate in casting {
        let cast = delegate
            .await
            .map_err(|e| LoadError::Setup(format!("a delegate failed: {e}")))??;
        if let Some(choice) = cast.last {
            last.insert(cast.member, choice);
        }
        latencies.extend(cast.latencies);
        refused += cast.refused;
        first_refusal = first_refusal.or(cast.first_refusal);
    }
    let elapsed = started.elapsed();
    let accepted = latencies.len();

    let wrong_in_api = check_api(&mut control, vote_id, &last).await?;
    let database = match &plan.database_url {
        Some(url) => Some(check_database(url, vote_id, &last).await?),
        None => None,
    };
    close_vote(&mut control, vote_id, &plan.organizer).await?;
    Ok(BallotsResult {
        vote_id,
        delegates,
        accepted,
        refused,
        elapsed,
        latency: Latency::of(latencies),
        wrong_in_api,
        database,
        first_refusal,
    })
}

/// Opens a vote on a question on the assembly's first agenda item, with ballots shown while it
/// is open so that each member's ballot can be read back.
async fn open_vote(conn: &mut Conn, target: Target, cookie: &str) -> Result<i64, LoadError> {
    let live = live_state(conn, target.assembly).await?;
    let item = live["sessions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["items"].as_array().into_iter().flatten())
        .find_map(|i| i["id"].as_i64())
        .ok_or_else(|| LoadError::Setup("the assembly has no agenda item to vote on".into()))?;
    let vote = json!({
        "agenda_item_id": item,
        "question": "Load test: ballots cast at once by every member present",
        "show_ballots": true,
    });
    let path = format!("/api/assemblies/{}/votes", target.assembly);
    let opened = conn
        .post(&path, Some(cookie), &vote)
        .await?
        .json("opening a vote (is another vote still open?)")?;
    opened["vote"]["id"]
        .as_i64()
        .ok_or_else(|| LoadError::Answer {
            what: "opening a vote".into(),
            problem: "the answer names no vote id".into(),
        })
}

/// The members present who may vote, as the organizers' vote desk lists them.
async fn voting_members(
    conn: &mut Conn,
    target: Target,
    cookie: &str,
) -> Result<Vec<i64>, LoadError> {
    let path = format!("/api/assemblies/{}/votes", target.assembly);
    let desk = conn
        .get(&path, Some(cookie))
        .await?
        .json("reading the vote desk")?;
    Ok(desk["voters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v[0].as_i64())
        .collect())
}

async fn close_vote(conn: &mut Conn, vote_id: i64, cookie: &str) -> Result<(), LoadError> {
    conn.post(
        &format!("/api/votes/{vote_id}/close"),
        Some(cookie),
        &json!({}),
    )
    .await?
    .json("closing the vote")?;
    Ok(())
}

/// What one delegate did.
struct Cast {
    member: i64,
    last: Option<&'static str>,
    latencies: Vec<Duration>,
    refused: usize,
    first_refusal: Option<String>,
}

/// Casts and changes one member's ballot, one request after the other, until `deadline`.
async fn cast_until(
    target: Target,
    vote_id: i64,
    cookie: String,
    member: i64,
    deadline: Instant,
) -> Result<Cast, LoadError> {
    let mut conn = Conn::open(target.addr).await?;
    let path = format!("/api/votes/{vote_id}/ballots");
    let mut cast = Cast {
        member,
        last: None,
        latencies: Vec::new(),
        refused: 0,
        first_refusal: None,
    };
    for n in 0.. {
        if Instant::now() >= deadline {
            break;
        }
        let choice = CHOICES[(member as usize + n) % CHOICES.len()];
        let at = Instant::now();
        let answer = conn
            .post(
                &path,
                Some(&cookie),
                &json!({"member_id": member, "choice": choice}),
            )
            .await?;
        if answer.status.is_success() {
            cast.latencies.push(at.elapsed());
            cast.last = Some(choice);
        } else {
            cast.refused += 1;
            cast.first_refusal.get_or_insert_with(|| {
                format!(
                    "{}: {}",
                    answer.status,
                    String::from_utf8_lossy(&answer.body)
                )
            });
        }
    }
    Ok(cast)
}

/// How many members' ballots, as the API shows them, differ from the last one accepted.
async fn check_api(
    conn: &mut Conn,
    vote_id: i64,
    last: &HashMap<i64, &'static str>,
) -> Result<usize, LoadError> {
    let vote = conn
        .get(&format!("/api/votes/{vote_id}"), None)
        .await?
        .json("reading the vote back")?;
    let shown: HashMap<i64, String> = vote["ballots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| Some((b["member_id"].as_i64()?, b["choice"].as_str()?.to_owned())))
        .collect();
    Ok(differences(last, &shown))
}

/// Members whose recorded choice is not the last accepted one (or is missing).
fn differences(last: &HashMap<i64, &'static str>, recorded: &HashMap<i64, String>) -> usize {
    last.iter()
        .filter(|(member, choice)| recorded.get(member).map(String::as_str) != Some(**choice))
        .count()
}

/// Reads the vote's ballots and their audit entries straight from the server's database.
async fn check_database(
    url: &str,
    vote_id: i64,
    last: &HashMap<i64, &'static str>,
) -> Result<BallotsOnRecord, LoadError> {
    let failed = |e: sqlx::Error| LoadError::Setup(format!("reading the database {url}: {e}"));
    let audited_sql = "SELECT count(*) FROM audit_log WHERE action = 'ballot.cast' AND entity = 'vote' AND entity_id = $1";
    let ballots_sql = "SELECT member_id, choice FROM ballots WHERE vote_id = $1";
    // The same two queries on whichever engine the server uses.
    macro_rules! read {
        ($pool:expr) => {{
            let pool = $pool.map_err(failed)?;
            let audited = sqlx::query_scalar(audited_sql)
                .bind(vote_id)
                .fetch_one(&pool)
                .await
                .map_err(failed)?;
            let rows = sqlx::query_as(ballots_sql)
                .bind(vote_id)
                .fetch_all(&pool)
                .await
                .map_err(failed)?;
            pool.close().await;
            (audited, rows)
        }};
    }
    let (audited, rows): (i64, Vec<(i64, String)>) = if url.starts_with("postgres") {
        read!(sqlx::PgPool::connect(url).await)
    } else {
        read!(sqlx::SqlitePool::connect(url).await)
    };
    let recorded: HashMap<i64, String> = rows.iter().cloned().collect();
    Ok(BallotsOnRecord {
        audited,
        ballots: rows.len() as i64,
        wrong: differences(last, &recorded),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_other_ballot_is_a_difference() {
        let last = HashMap::from([(1, "yes"), (2, "no"), (3, "abstain")]);
        let recorded = HashMap::from([(1, "yes".to_owned()), (2, "yes".to_owned())]);
        assert_eq!(differences(&last, &recorded), 2);
        let all = HashMap::from([
            (1, "yes".to_owned()),
            (2, "no".to_owned()),
            (3, "abstain".to_owned()),
        ]);
        assert_eq!(differences(&last, &all), 0);
    }

    #[test]
    fn none_lost_needs_every_accepted_ballot_audited() {
        let result = BallotsResult {
            vote_id: 1,
            delegates: 2,
            accepted: 10,
            refused: 0,
            elapsed: Duration::from_secs(1),
            latency: Latency::default(),
            wrong_in_api: 0,
            database: Some(BallotsOnRecord {
                audited: 10,
                ballots: 2,
                wrong: 0,
            }),
            first_refusal: None,
        };
        assert!(result.none_lost());
        let lost = BallotsResult {
            database: Some(BallotsOnRecord {
                audited: 9,
                ballots: 2,
                wrong: 0,
            }),
            ..result.clone()
        };
        assert!(!lost.none_lost());
        assert!(!BallotsResult {
            wrong_in_api: 1,
            ..result
        }
        .none_lost());
    }
}
