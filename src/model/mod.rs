//! The vocabulary of the domain: every closed set of values as a Rust enum, and the records an
//! organizer enters (`New…` types) before they are stored.
//!
//! Each enum is stored as its snake_case name; the migrations repeat the same names in CHECK
//! constraints so that the database refuses anything else.

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
