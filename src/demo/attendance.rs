//! Who attended the 13th General Assembly, as data: the member governments present, how many
//! delegates each sent and how, and the guests. The numbers are illustrative. `load::attendance`
//! writes it.

use crate::model::{AttendanceMode, GuestKind};

use super::register::{ABSENT, APPLICANT, ASSOCIATE, GYEONGBUK, LIAONING, MEMBERS, SAKHA, ULSAN};

/// The members present: all 78 but the absent.
pub fn members_present() -> impl Iterator<Item = &'static str> {
    MEMBERS
        .iter()
        .map(|(_, name)| *name)
        .filter(|name| !ABSENT.contains(name))
}

/// The governments of the register present: the members present, the associate and the
/// applicant.
pub fn governments_present() -> impl Iterator<Item = &'static str> {
    members_present().chain([ASSOCIATE.1, APPLICANT.1])
}

/// Delegates per government beyond the default of three (illustrative).
const LARGER_DELEGATIONS: &[(&str, i64)] = &[(GYEONGBUK, 8), (ULSAN, 5), (SAKHA, 5), (LIAONING, 4)];

/// How many delegates `government` sent.
pub fn delegates(government: &str) -> i64 {
    LARGER_DELEGATIONS
        .iter()
        .find(|(n, _)| *n == government)
        .map_or(3, |(_, d)| *d)
}

/// How `government` attended: the host province in person, everyone else online.
pub fn mode(government: &str) -> AttendanceMode {
    if government == GYEONGBUK {
        AttendanceMode::InPerson
    } else {
        AttendanceMode::Online
    }
}

/// Guests not in the register: (name, kind, people), all online. Illustrative numbers.
pub const GUESTS: &[(&str, GuestKind, i64)] = &[
    (
        "Observing regional government (not named in the source)",
        GuestKind::RegionalGovernment,
        2,
    ),
    ("United Nations", GuestKind::OutsideBody, 1),
    (
        "Trilateral Cooperation Secretariat (Japan, China, Republic of Korea)",
        GuestKind::OutsideBody,
        2,
    ),
    ("NEAR Secretariat", GuestKind::OutsideBody, 12),
];
