//! The 13th General Assembly itself as data: its title, day and venue, its postponement from
//! 2020, and what its items were about (the applications decided, the reports received, the
//! declaration adopted). `load::assembly` writes it.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::model::{
    ApplicationKind, AssemblyMode, AssemblyStatus, MemberKind, NewAssembly, NewPostponement,
};

use super::agenda::SUBCOMMITTEE_REPORTS;
use super::register::{LIAONING, SAKHA, ULSAN};
use super::NUMBER;

/// The assembly with `status`, which depends on the stage it is loaded at.
pub fn assembly(status: AssemblyStatus) -> NewAssembly {
    NewAssembly {
        number: NUMBER,
        title: "13th General Assembly of NEAR".into(),
        slogan: Some("After 25 years together, into the future we go!".into()),
        start_date: date(2021, 8, 10),
        end_date: date(2021, 8, 10),
        venue: "POSCO International Center, Pohang".into(),
        host_member_id: None,
        mode: AssemblyMode::Online,
        time_zone: "Asia/Seoul".into(),
        status,
    }
}

/// The postponement from the planned 2020 date, and when it was decided (illustrative).
pub fn postponement() -> (NewPostponement, DateTime<Utc>) {
    let postponement = NewPostponement {
        from_date: date(2020, 8, 10),
        to_date: date(2021, 8, 10),
        reason: "Postponed by one year because of the COVID-19 pandemic.".into(),
    };
    let decided = Utc.with_ymd_and_hms(2020, 6, 1, 0, 0, 0).unwrap();
    (postponement, decided)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// An application decided in session 1. The n-th is taken up by the n-th application item.
pub struct Application {
    pub kind: ApplicationKind,
    pub applicant: &'static str,
    /// For a chairmanship: the term applied for.
    pub term: Option<i64>,
    /// For a membership: member or associate.
    pub membership_kind: Option<MemberKind>,
}

pub const APPLICATIONS: [Application; 2] = [
    Application {
        kind: ApplicationKind::Chairmanship,
        applicant: ULSAN,
        term: Some(14),
        membership_kind: None,
    },
    Application {
        kind: ApplicationKind::Membership,
        applicant: LIAONING,
        term: None,
        membership_kind: Some(MemberKind::Member),
    },
];

/// The reports received in session 2: (committee, presenting member, which report item). Sakha
/// reported on two committees in the first report item.
pub fn reports() -> Vec<(&'static str, &'static str, usize)> {
    let mut reports = vec![
        ("Working Committee", SAKHA, 0),
        ("Subcommittee on Sports", SAKHA, 0),
    ];
    for (i, (committee, member)) in SUBCOMMITTEE_REPORTS.iter().enumerate() {
        reports.push((*committee, *member, i + 1));
    }
    reports
}

/// The title of the declaration adopted at the closing; its text is not in the source.
pub const DECLARATION: &str = "Declaration of the 13th General Assembly";
