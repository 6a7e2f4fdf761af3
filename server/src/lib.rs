//! The `plenary` server: configuration, the HTTP router and start-up. It holds no domain rule:
//! pages come from `plenary_app`, data and rules from `plenary_core`.

#![recursion_limit = "256"]

pub mod api;
mod assets;
pub mod auth;
pub mod bodies;
pub mod client;
pub mod config;
mod csrf;
mod feed;
mod forms;
pub mod headers;
pub mod live;
mod page_cache;
pub mod reads;
pub mod router;
mod server_fns;
pub mod sessions;
pub mod sign_in;
pub mod startup;

pub use router::{build, router, AppState};
