//! An invented 20th assembly that differs from the 13th in every fact.

use crate::model::*;
use crate::record::*;
use crate::tally::{self, Electorate};
use crate::views::{AttendanceSummary, ShownTime};

use super::{day, decision, item, member, near, presentation, report, session, speaker, voted};

/// An invented 20th assembly: in person, over two days, a chair elected by acclamation, a
/// membership refused by a two-thirds vote, a question decided by consensus, no associate, and
/// an exact count of 120 people.
pub fn twentieth() -> Record {
    use AgendaItemKind::*;
    let present = Electorate {
        members: 80,
        present: 45,
    };
    Record {
        association: near(),
        assembly: RecordAssembly {
            id: 4,
            number: 20,
            title: "20th General Assembly of NEAR".into(),
            slogan: None,
            start_date: day(2029, 9, 4),
            end_date: day(2029, 9, 5),
            venue: "Far Eastern Federal University, Vladivostok".into(),
            host: Some("Primorsky Krai".into()),
            mode: AssemblyMode::InPerson,
            time_zone: "Asia/Vladivostok".into(),
            status: AssemblyStatus::Concluded,
            postponements: vec![],
        },
        attendance: AttendanceSummary {
            people: 120,
            governments: 48,
            members: 45,
            associates: vec![],
            countries: 4,
            guests: vec![],
        },
        attendees: vec![],
        sessions: vec![session(
            "Opening",
            SessionKind::OpeningCeremony,
            vec![
                item(
                    1,
                    WelcomingRemarks,
                    "Welcome",
                    vec![speaker(
                        "Anna Petrova",
                        "Governor",
                        "Primorsky Krai",
                        "host",
                        Delivery::InPerson,
                    )],
                ),
                item(
                    2,
                    OpeningRemarks,
                    "Opening",
                    vec![speaker(
                        "Park Ji-won",
                        "Secretary-General",
                        "NEAR Secretariat",
                        "secretary-general",
                        Delivery::InPerson,
                    )],
                ),
            ],
        )],
        decisions: vec![
            decision(
                1,
                DecisionSubject::Chairmanship {
                    applicant: member("Tottori Prefecture", "JP"),
                    term: 21,
                },
                VoteRule::Consensus,
                true,
                vec![],
                tally::acclamation(VoteRule::Consensus, 50, present, &[]),
            ),
            voted(
                2,
                DecisionSubject::Membership {
                    applicant: member("Zabaykalsky Krai", "RU"),
                    kind: MemberKind::Member,
                    ordinal: None,
                },
                VoteRule::TwoThirds,
                present,
                &[
                    (BallotChoice::Yes, 28),
                    (BallotChoice::No, 15),
                    (BallotChoice::Abstain, 2),
                ],
            ),
            voted(
                3,
                DecisionSubject::Question {
                    question: "Shall the Subcommittee on Tourism meet every year?".into(),
                },
                VoteRule::Consensus,
                present,
                &[(BallotChoice::Yes, 40), (BallotChoice::Abstain, 5)],
            ),
        ],
        reports: vec![
            report(
                1,
                "Subcommittee on Tourism",
                member("Primorsky Krai", "RU"),
                Some("Two joint tourist routes were agreed"),
                Some(("Khabarovsk", day(2030, 5, 14))),
            ),
            report(
                2,
                "Subcommittee on Environment",
                member("Tottori Prefecture", "JP"),
                None,
                None,
            ),
        ],
        presentations: vec![
            presentation(1, member("Töv Province", "MN"), Some("Steppe tourism")),
            presentation(2, member("Tottori Prefecture", "JP"), None),
        ],
        declaration: Some(DeclarationRecord {
            id: 1,
            agenda_item_id: None,
            title: "Vladivostok Declaration".into(),
            adopted_at: Some(ShownTime {
                utc: "2029-09-05T07:30:00Z".into(),
                local: "17:30".into(),
            }),
            texts: ["en", "ru", "ko-KR"]
                .map(|l| DeclarationText {
                    language: l.into(),
                    body: "…".into(),
                })
                .into(),
        }),
        active_members: 80,
    }
}
