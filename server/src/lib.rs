//! The `plenary` server: configuration, the HTTP router and start-up. It holds no domain rule:
//! pages come from `plenary_app`, data and rules from `plenary_core`.

#![recursion_limit = "256"]

pub mod api;
mod assets;
pub mod auth;
pub mod config;
mod feed;
mod forms;
pub mod live;
mod page_cache;
pub mod router;
pub mod sessions;
pub mod startup;

pub use router::{build, router, AppState};
