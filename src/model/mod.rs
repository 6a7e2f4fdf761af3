//! The vocabulary of the domain: every closed set of values as a Rust enum, and the records an
//! organizer enters (`New…` types) before they are stored.
//!
//! Each enum is stored as its snake_case name. The database keeps each set's names in a lookup
//! table that the columns refer to, filled from the enum when it is migrated ([`STORED_SETS`]),
//! so that it refuses anything else and a new value needs no migration.

mod enums;
mod forms;
pub mod limits;
#[cfg(feature = "ssr")]
mod names;
mod outcomes;
mod records;
mod stored;
mod votes;

pub use enums::*;
pub use forms::*;
#[cfg(feature = "ssr")]
pub use names::*;
pub use outcomes::*;
pub use records::*;
pub use stored::*;
pub use votes::*;

/// A closed set of values as the database keeps it: a lookup table of its stored names, which
/// the columns holding it refer to by foreign key. `Db::migrate` fills the table from the Rust
/// enum at every start, so a new value is a change to the enum only: no migration.
#[derive(Debug, Clone, Copy)]
pub struct StoredSet {
    /// The lookup table: one column, `name`, its primary key.
    pub table: &'static str,
    /// The stored names, from the enum.
    pub names: fn() -> Vec<&'static str>,
    /// The (table, column) pairs that hold a value of the set.
    pub columns: &'static [(&'static str, &'static str)],
}

/// Every closed set the database stores, with its lookup table and the columns that refer to it.
/// The migrations create these tables and foreign keys; the schema test checks the two agree.
pub const STORED_SETS: &[StoredSet] = &[
    StoredSet {
        table: "member_kinds",
        names: MemberKind::names,
        columns: &[("members", "kind"), ("applications", "membership_kind")],
    },
    StoredSet {
        table: "member_statuses",
        names: MemberStatus::names,
        columns: &[("members", "status")],
    },
    StoredSet {
        table: "assembly_modes",
        names: AssemblyMode::names,
        columns: &[("assemblies", "mode")],
    },
    StoredSet {
        table: "assembly_statuses",
        names: AssemblyStatus::names,
        columns: &[("assemblies", "status")],
    },
    StoredSet {
        table: "session_kinds",
        names: SessionKind::names,
        columns: &[("sessions", "kind")],
    },
    StoredSet {
        table: "agenda_item_kinds",
        names: AgendaItemKind::names,
        columns: &[("agenda_items", "kind")],
    },
    StoredSet {
        table: "agenda_item_statuses",
        names: AgendaItemStatus::names,
        columns: &[("agenda_items", "status")],
    },
    StoredSet {
        table: "deliveries",
        names: Delivery::names,
        columns: &[("speaker_slots", "delivery")],
    },
    StoredSet {
        table: "application_kinds",
        names: ApplicationKind::names,
        columns: &[("applications", "kind")],
    },
    StoredSet {
        table: "application_statuses",
        names: ApplicationStatus::names,
        columns: &[("applications", "status")],
    },
    StoredSet {
        table: "vote_rules",
        names: VoteRule::names,
        columns: &[("votes", "rule")],
    },
    StoredSet {
        table: "vote_statuses",
        names: VoteStatus::names,
        columns: &[("votes", "status")],
    },
    StoredSet {
        table: "ballot_choices",
        names: BallotChoice::names,
        columns: &[("ballots", "choice")],
    },
    StoredSet {
        table: "guest_kinds",
        names: GuestKind::names,
        columns: &[("attendance", "guest_kind")],
    },
    StoredSet {
        table: "attendance_modes",
        names: AttendanceMode::names,
        columns: &[("attendance", "mode")],
    },
    StoredSet {
        table: "decision_outcomes",
        names: DecisionOutcome::names,
        columns: &[("decisions", "outcome")],
    },
    StoredSet {
        table: "decision_effects",
        names: DecisionEffect::names,
        columns: &[("decisions", "effect")],
    },
    StoredSet {
        table: "roles",
        names: crate::auth::Role::names,
        columns: &[("users", "role")],
    },
    StoredSet {
        table: "news_statuses",
        names: NewsStatus::names,
        columns: &[("news_summaries", "status")],
    },
    StoredSet {
        table: "news_languages",
        names: crate::news::Language::tags,
        columns: &[("news_summaries", "language")],
    },
];

/// Declares a closed set of values: snake_case on the wire and in the database, a label for people.
macro_rules! domain_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The stored and serialized name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The English label shown to people.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            /// Parses a stored name; `field` names where it came from in the error.
            pub fn parse(field: &str, value: &str) -> $crate::Result<Self> {
                value.parse().map_err(|_| {
                    $crate::Error::invalid(
                        field,
                        $crate::Problem::NotOneOf {
                            value: value.to_owned(),
                            allowed: Self::names().into_iter().map(str::to_owned).collect(),
                        },
                    )
                })
            }

            /// Every value, in declaration order, for choosers.
            pub fn values() -> &'static [Self] {
                <Self as strum::VariantArray>::VARIANTS
            }

            /// All stored names, in declaration order.
            pub fn names() -> Vec<&'static str> {
                <Self as strum::VariantArray>::VARIANTS.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use domain_enum;
