//! The assembly's votes in the Popolo open-government format (popoloproject.com): a motion and a
//! vote event for every closed vote, with the counts and, for a roll-call vote, each member
//! government's ballot, for parliamentary-monitoring tools that already read Popolo.
//!
//! The document validates against Popolo's JSON Schemas (draft-03): see
//! `tests/popolo/validate.py` and the tests below. Ids are stable, so a consumer that imports
//! the export twice recognizes what it already has: the assembly and its votes are named by
//! their lasting database ids, never by the assembly's number, which an organizer may correct.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::model::{BallotChoice, DecisionOutcome, MemberKind};
use crate::record::{DecisionRecord, DecisionSubject, MemberName, Record, VoteRecord};
use crate::tally::Outcome;

/// `{"motions": [...], "vote_events": [...]}` for the closed votes of the assembly, in the
/// order they were decided. `base_url` is the public address of the site (`https://example.org`);
/// the motions cite the assembly's minutes there as their source.
pub fn vote_events(record: &Record, base_url: &str) -> Value {
    let ids = Ids::of(record, base_url);
    let votes: Vec<(&DecisionRecord, &VoteRecord)> = record
        .decisions
        .iter()
        .filter_map(|d| Some((d, d.vote.as_ref()?)))
        .filter(|(_, v)| v.closed_at.is_some())
        .collect();
    json!({
        "motions": votes.iter().map(|(d, v)| motion(&ids, d, v)).collect::<Vec<_>>(),
        "vote_events": votes.iter().map(|(d, v)| vote_event(&ids, d, v)).collect::<Vec<_>>(),
    })
}

/// The ids the export gives to the association, the assembly and its votes.
struct Ids {
    organization: String,
    assembly: String,
    minutes_url: String,
    minutes_note: String,
}

impl Ids {
    fn of(record: &Record, base_url: &str) -> Self {
        let organization = slug(&record.association.short_name);
        let number = record.assembly.number;
        Ids {
            assembly: format!("{organization}-assembly-id-{}", record.assembly.id),
            organization,
            minutes_url: format!(
                "{}/assemblies/{number}/minutes",
                base_url.trim_end_matches('/')
            ),
            minutes_note: format!("Minutes of the {}", record.assembly.title),
        }
    }

    fn motion(&self, vote: &VoteRecord) -> String {
        format!("{}-motion-{}", self.assembly, vote.id)
    }

    fn vote_event(&self, vote: &VoteRecord) -> String {
        format!("{}-vote-{}", self.assembly, vote.id)
    }
}

/// The member government as a voter: its country's code and its name, so that two regions of
/// the same name in different countries stay apart ("kr-gyeongsangbuk-do-province").
pub fn voter_id(member: &MemberName) -> String {
    slug(&format!("{} {}", member.country.code, member.name))
}

/// Lower case letters and digits, every other run of characters one hyphen.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn motion(ids: &Ids, decision: &DecisionRecord, vote: &VoteRecord) -> Value {
    json!({
        "id": ids.motion(vote),
        "organization_id": ids.organization,
        "legislative_session_id": ids.assembly,
        "text": vote.question,
        "classification": classification(&decision.subject),
        "date": timestamp(vote.opened_at),
        "requirement": vote.rule.label(),
        "result": result(decision, vote),
        "sources": [{ "url": ids.minutes_url, "note": ids.minutes_note }],
    })
}

fn vote_event(ids: &Ids, decision: &DecisionRecord, vote: &VoteRecord) -> Value {
    let mut event = json!({
        "id": ids.vote_event(vote),
        "organization_id": ids.organization,
        "legislative_session_id": ids.assembly,
        "identifier": vote.id.to_string(),
        "motion_id": ids.motion(vote),
        "classification": how_taken(decision, vote),
        "start_date": timestamp(vote.opened_at),
        "end_date": vote.closed_at.map(timestamp),
        "result": result(decision, vote),
        "counts": counts(vote),
    });
    // A secret vote has counts only; a roll call names every member government's ballot.
    if vote.roll_call && !vote.ballots.is_empty() {
        event["votes"] = vote
            .ballots
            .iter()
            .map(|b| {
                json!({
                    "voter_id": voter_id(&b.member),
                    "voter": voter(&b.member),
                    "option": b.choice.as_str(),
                })
            })
            .collect();
    }
    event
}

/// The voter as a Popolo organization, its country as an Open Civic Data division id.
fn voter(member: &MemberName) -> Value {
    json!({
        "id": voter_id(member),
        "name": member.name,
        "classification": "regional government",
        "area_id": format!("ocd-division/country:{}", member.country.code.to_lowercase()),
    })
}

fn classification(subject: &DecisionSubject) -> &'static str {
    match subject {
        DecisionSubject::Chairmanship { .. } => "chairmanship",
        DecisionSubject::Membership {
            kind: MemberKind::Associate,
            ..
        } => "associate membership",
        DecisionSubject::Membership { .. } => "membership",
        DecisionSubject::Question { .. } => "question",
    }
}

fn how_taken(decision: &DecisionRecord, vote: &VoteRecord) -> &'static str {
    if decision.acclamation {
        "acclamation"
    } else if vote.roll_call {
        "roll call"
    } else {
        "secret ballot"
    }
}

/// Popolo's code list: "pass" or "fail". The tally decides; without one, the decision recorded.
fn result(decision: &DecisionRecord, vote: &VoteRecord) -> Value {
    let passed = match &vote.tally {
        Some(tally) => Some(tally.outcome == Outcome::Approved),
        None => match decision.outcome {
            DecisionOutcome::Approved => Some(true),
            DecisionOutcome::Rejected => Some(false),
            DecisionOutcome::Noted => None,
        },
    };
    passed.map_or(Value::Null, |p| json!(if p { "pass" } else { "fail" }))
}

/// Yes, no and abstain always; "not voting" (Popolo's name for present members who cast no
/// ballot) only when there are some.
fn counts(vote: &VoteRecord) -> Vec<Value> {
    let (yes, no, abstain, not_voted) = match &vote.tally {
        Some(t) => (t.yes, t.no, t.abstain, t.not_voted),
        None => {
            let n = |c| vote.ballots.iter().filter(|b| b.choice == c).count() as i64;
            (
                n(BallotChoice::Yes),
                n(BallotChoice::No),
                n(BallotChoice::Abstain),
                0,
            )
        }
    };
    let mut counts = vec![
        json!({ "option": "yes", "value": yes }),
        json!({ "option": "no", "value": no }),
        json!({ "option": "abstain", "value": abstain }),
    ];
    if not_voted > 0 {
        counts.push(json!({ "option": "not voting", "value": not_voted }));
    }
    counts
}

/// RFC 3339 in UTC, the schemas' `date-time`.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::{Command, Output};

    use super::*;
    use crate::exports::fixture;

    const BASE: &str = "https://near.example.org/";

    fn export() -> Value {
        vote_events(&fixture::record(), BASE)
    }

    /// Runs `tests/popolo/validate.py` on `document`. No python3 or no jsonschema is a failure
    /// with a message, never a skip: the export's validity is not optional.
    fn validate(document: &Value) -> Output {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("popolo.json");
        std::fs::write(&file, serde_json::to_vec_pretty(document).unwrap()).unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/popolo/validate.py");
        let output = Command::new("python3")
            .arg(&script)
            .arg(&file)
            .output()
            .unwrap_or_else(|e| {
                panic!("python3 is needed to validate the Popolo export ({e}); run bin/setup")
            });
        // 2 is the script's "cannot validate here" (no jsonschema, no schemas): never a verdict.
        assert_ne!(
            output.status.code(),
            Some(2),
            "the validator could not run: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn report(output: &Output) -> String {
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    }

    #[test]
    fn the_export_validates_against_the_popolo_schemas() {
        let output = validate(&export());
        assert!(output.status.success(), "{}", report(&output));
        assert!(report(&output).contains("2 motions, 2 vote events"));
    }

    #[test]
    fn a_document_the_schemas_refuse_fails_validation() {
        // Popolo lets `option` be any string ("maybe" is valid), so the breakages are ones the
        // schemas forbid: a count without its value, a count that is not an integer, a date
        // that is not a date-time, a source without its url.
        type Breakage = fn(&mut Value);
        let breakages: [(&str, Breakage); 4] = [
            ("'value' is a required property", |d| {
                d["vote_events"][0]["counts"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("value");
            }),
            ("'two' is not of type 'integer'", |d| {
                d["vote_events"][1]["counts"][1]["value"] = json!("two");
            }),
            ("'10 August 2021' is not a 'date-time'", |d| {
                d["vote_events"][0]["start_date"] = json!("10 August 2021");
            }),
            ("'url' is a required property", |d| {
                d["motions"][0]["sources"][0] = json!({ "note": "minutes" });
            }),
        ];
        for (expected, breakage) in breakages {
            let mut document = export();
            breakage(&mut document);
            let output = validate(&document);
            assert_eq!(output.status.code(), Some(1), "{}", report(&output));
            assert!(report(&output).contains(expected), "{}", report(&output));
        }
    }

    #[test]
    fn each_closed_vote_is_a_motion_and_a_vote_event_linked_by_id() {
        let document = export();
        let motions = document["motions"].as_array().unwrap();
        let events = document["vote_events"].as_array().unwrap();
        assert_eq!((motions.len(), events.len()), (2, 2));
        for (motion, event) in motions.iter().zip(events) {
            assert_eq!(event["motion_id"], motion["id"]);
            assert_eq!(motion["organization_id"], "near");
            assert_eq!(motion["legislative_session_id"], "near-assembly-id-4");
        }
        let chair = &motions[0];
        assert_eq!(chair["id"], "near-assembly-id-4-motion-7");
        assert_eq!(chair["classification"], "chairmanship");
        assert_eq!(chair["requirement"], "unanimity");
        assert_eq!(chair["result"], "pass");
        assert_eq!(chair["date"], "2021-08-10T01:35:00Z");
        assert_eq!(
            chair["sources"][0]["url"],
            "https://near.example.org/assemblies/13/minutes"
        );
        assert_eq!(motions[1]["classification"], "membership");
        assert_eq!(motions[1]["requirement"], "consensus");
    }

    #[test]
    fn ids_stay_when_the_assembly_is_renumbered() {
        let ids = |document: &Value| -> Vec<String> {
            ["motions", "vote_events"]
                .iter()
                .flat_map(|list| document[list].as_array().unwrap().clone())
                .flat_map(|entry| {
                    ["id", "legislative_session_id", "motion_id"]
                        .map(|key| entry[key].as_str().unwrap_or_default().to_owned())
                })
                .collect()
        };
        let mut record = fixture::record();
        let before = vote_events(&record, BASE);
        record.assembly.number = 14;
        let after = vote_events(&record, BASE);
        assert_eq!(ids(&before), ids(&after));
        assert_eq!(
            after["motions"][0]["sources"][0]["url"],
            "https://near.example.org/assemblies/14/minutes",
            "the minutes are linked where they are now"
        );
    }

    #[test]
    fn a_roll_call_names_each_member_government_and_its_ballot() {
        let event = &export()["vote_events"][0];
        assert_eq!(event["classification"], "roll call");
        assert_eq!(event["end_date"], "2021-08-10T01:40:00Z");
        assert_eq!(
            event["counts"],
            json!([
                { "option": "yes", "value": 2 },
                { "option": "no", "value": 0 },
                { "option": "abstain", "value": 0 },
            ])
        );
        let votes = event["votes"].as_array().unwrap();
        let ids: Vec<_> = votes
            .iter()
            .map(|v| v["voter_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "kr-gyeongsangbuk-do-province",
                "ru-republic-of-sakha-yakutia"
            ]
        );
        assert!(votes.iter().all(|v| v["option"] == "yes"));
        assert_eq!(votes[1]["voter"]["area_id"], "ocd-division/country:ru");
    }

    #[test]
    fn a_secret_vote_has_counts_and_no_ballots() {
        let event = &export()["vote_events"][1];
        assert_eq!(event["classification"], "secret ballot");
        assert!(event.get("votes").is_none(), "{event}");
        assert_eq!(event["counts"][0], json!({ "option": "yes", "value": 1 }));
        assert_eq!(
            event["counts"][2],
            json!({ "option": "abstain", "value": 1 })
        );
    }

    #[test]
    fn an_open_vote_is_not_exported() {
        let mut record = fixture::record();
        let vote = record.decisions[1].vote.as_mut().unwrap();
        vote.closed_at = None;
        let document = vote_events(&record, BASE);
        assert_eq!(document["vote_events"].as_array().unwrap().len(), 1);
        assert_eq!(document["motions"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn members_present_who_did_not_vote_are_counted_as_not_voting() {
        let mut record = fixture::record();
        let vote = record.decisions[0].vote.as_mut().unwrap();
        vote.tally.as_mut().unwrap().not_voted = 3;
        let document = vote_events(&record, BASE);
        assert_eq!(
            document["vote_events"][0]["counts"][3],
            json!({ "option": "not voting", "value": 3 })
        );
        assert!(validate(&document).status.success());
    }

    #[test]
    fn slugs_keep_letters_and_digits_and_join_the_rest_with_hyphens() {
        assert_eq!(
            slug("Republic of Sakha (Yakutia)"),
            "republic-of-sakha-yakutia"
        );
        assert_eq!(slug("  NEAR "), "near");
        assert_eq!(
            slug("Jeju Special Self-Governing Province"),
            "jeju-special-self-governing-province"
        );
        assert_eq!(slug("Ульсан"), "ульсан");
    }
}
