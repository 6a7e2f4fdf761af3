//! Plenary core: the domain of an association's general assembly, the rules that govern it, and
//! (behind the `ssr` feature) its storage on SQLite or PostgreSQL.
//!
//! Nothing here knows HTTP or HTML: the app and the server call into this crate.

pub mod accounts;
pub mod agenda;
pub mod attendance;
pub mod auth;
pub mod error;
pub mod languages;
pub mod live;
pub mod model;
pub mod news;
pub mod problem;
pub mod record;
pub mod replay;
pub mod rules;
pub mod tally;
pub mod times;
pub mod views;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod exports;
#[cfg(feature = "ssr")]
pub mod register_import;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod storage;

pub use error::{Error, Result};
pub use problem::Problem;
#[cfg(feature = "test-support")]
pub mod testing;
