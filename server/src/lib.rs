//! The `plenary` server: configuration, the HTTP router and start-up. It holds no domain rule:
//! pages come from `plenary_app`, data and rules from `plenary_core`.

pub mod config;
pub mod router;
pub mod startup;

pub use router::{router, AppState};
