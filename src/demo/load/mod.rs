//! Writes the demo data set through storage, one module per part as the data is laid out, each
//! within the open transaction of `load_at`, so that the whole set is written or nothing.

mod accounts;
mod agenda;
mod assembly;
mod attendance;
mod news;
mod register;
mod votes;

pub use accounts::{load_accounts, member_id, DemoAccount};
pub use assembly::load_assembly;
pub use news::publish_news;
pub use register::load_register;
pub use votes::take_the_reference_votes;
