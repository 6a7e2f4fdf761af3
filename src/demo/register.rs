//! The register of the reference association before its 13th General Assembly.
//!
//! The facts sheet names the association, its five countries, the associate member, the 78
//! members before the assembly and 15 member regions by name. The other members listed here are
//! real regional governments of those countries, but THE LIST IS ILLUSTRATIVE: it is not NEAR's
//! official roll, and the ordinals (the order of admission) are illustrative too.

use crate::model::NewAssociation;

/// The association itself.
pub fn association() -> NewAssociation {
    NewAssociation {
        name: "Association of North East Asia Regional Governments".into(),
        short_name: "NEAR".into(),
        secretariat: "Pohang, South Korea".into(),
        founded_year: 1996,
        languages: ["en", "ko", "zh", "ja", "ru", "mn"]
            .map(String::from)
            .to_vec(),
        associates_vote: false,
        time_zone: "Asia/Seoul".into(),
    }
}

/// (ISO code, country name).
pub const COUNTRIES: &[(&str, &str)] = &[
    ("CN", "China"),
    ("JP", "Japan"),
    ("KR", "South Korea"),
    ("MN", "Mongolia"),
    ("RU", "Russia"),
    ("VN", "Vietnam"),
];

/// The 78 members before the 13th assembly, by country code, in (illustrative) order of admission.
pub const MEMBERS: &[(&str, &str)] = &[
    ("CN", "Heilongjiang Province"),
    ("CN", "Jilin Province"),
    ("CN", "Inner Mongolia Autonomous Region"),
    ("CN", "Hebei Province"),
    ("CN", "Shandong Province"),
    ("CN", "Shanxi Province"),
    ("CN", "Henan Province"),
    ("CN", "Ningxia Hui Autonomous Region"),
    ("CN", "Hubei Province"),
    ("CN", "Hunan Province"),
    ("CN", "Anhui Province"),
    ("CN", "Shaanxi Province"),
    ("CN", "Gansu Province"),
    ("JP", "Aomori Prefecture"),
    ("JP", "Yamagata Prefecture"),
    ("JP", "Niigata Prefecture"),
    ("JP", "Toyama Prefecture"),
    ("JP", "Ishikawa Prefecture"),
    ("JP", "Fukui Prefecture"),
    ("JP", "Kyoto Prefecture"),
    ("JP", "Hyogo Prefecture"),
    ("JP", "Tottori Prefecture"),
    ("JP", "Shimane Prefecture"),
    ("KR", "Busan Metropolitan City"),
    ("KR", "Daegu Metropolitan City"),
    ("KR", "Incheon Metropolitan City"),
    ("KR", "Gwangju Metropolitan City"),
    ("KR", "Daejeon Metropolitan City"),
    ("KR", "Ulsan Metropolitan City"),
    ("KR", "Sejong Special Self-Governing City"),
    ("KR", "Gyeonggi-do Province"),
    ("KR", "Gangwon-do Province"),
    ("KR", "Chungcheongbuk-do Province"),
    ("KR", "Chungcheongnam-do Province"),
    ("KR", "Jeollabuk-do Province"),
    ("KR", "Jeollanam-do Province"),
    ("KR", "Gyeongsangbuk-do Province"),
    ("KR", "Gyeongsangnam-do Province"),
    ("KR", "Jeju Special Self-Governing Province"),
    ("MN", "Arkhangai Province"),
    ("MN", "Bayan-Ulgii Province"),
    ("MN", "Bayankhongor Province"),
    ("MN", "Bulgan Province"),
    ("MN", "Darkhan-Uul Province"),
    ("MN", "Dornod Province"),
    ("MN", "Dornogovi Province"),
    ("MN", "Dundgovi Province"),
    ("MN", "Govi-Altai Province"),
    ("MN", "Govisumber Province"),
    ("MN", "Khentii Province"),
    ("MN", "Khovd Province"),
    ("MN", "Khuvsgul Province"),
    ("MN", "Umnugovi Province"),
    ("MN", "Orkhon Province"),
    ("MN", "Uvurkhangai Province"),
    ("MN", "Selenge Province"),
    ("MN", "Sukhbaatar Province"),
    ("MN", "Tuv Province"),
    ("MN", "Uvs Province"),
    ("MN", "Zavkhan Province"),
    ("RU", "Republic of Sakha (Yakutia)"),
    ("RU", "Primorsky Territory"),
    ("RU", "Khabarovsk Territory"),
    ("RU", "Kamchatka Territory"),
    ("RU", "Zabaykalsky Territory"),
    ("RU", "Republic of Buryatia"),
    ("RU", "Republic of Tyva"),
    ("RU", "Irkutsk Region"),
    ("RU", "Magadan Region"),
    ("RU", "Amur Region"),
    ("RU", "Jewish Autonomous Region"),
    ("RU", "Sakhalin Region"),
    ("RU", "Krasnoyarsk Territory"),
    ("RU", "Tomsk Region"),
    ("RU", "Kemerovo Region"),
    ("RU", "Altai Republic"),
    ("RU", "Altai Territory"),
    ("RU", "Republic of Khakassia"),
];

/// The associate member.
pub const ASSOCIATE: (&str, &str) = ("VN", "Ho Chi Minh City");

/// The applicant for membership at the 13th assembly.
pub const APPLICANT: (&str, &str) = ("CN", "Liaoning Province");

/// Members absent from the 13th assembly (8 of 78, so that 70 are present). Illustrative.
pub const ABSENT: &[&str] = &[
    "Gansu Province",
    "Anhui Province",
    "Fukui Prefecture",
    "Tottori Prefecture",
    "Govisumber Province",
    "Dundgovi Province",
    "Tomsk Region",
    "Kemerovo Region",
];

/// The chair for the 13th term.
pub const CHAIR_13: &str = "Republic of Sakha (Yakutia)";

/// (committee, coordinating member). The coordinators follow the reports at the 13th assembly;
/// the Working Committee's coordinator is illustrative.
pub const COMMITTEES: &[(&str, &str)] = &[
    ("Working Committee", "Republic of Sakha (Yakutia)"),
    ("Subcommittee on Sports", "Republic of Sakha (Yakutia)"),
    ("Subcommittee on Oceans and Fisheries", "Shandong Province"),
    ("Subcommittee on Disaster Prevention", "Hyogo Prefecture"),
    (
        "Subcommittee on Educational and Cultural Exchange",
        "Shimane Prefecture",
    ),
    (
        "Subcommittee on Economy and Humanities Exchange",
        "Gyeongsangbuk-do Province",
    ),
];

/// Members that the agenda, the outcomes and the attendance name again.
pub const SAKHA: &str = "Republic of Sakha (Yakutia)";
pub const ULSAN: &str = "Ulsan Metropolitan City";
pub const LIAONING: &str = "Liaoning Province";
pub const GYEONGBUK: &str = "Gyeongsangbuk-do Province";
