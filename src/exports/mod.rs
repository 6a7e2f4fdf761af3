//! The record of an assembly in formats other programs read: an iCalendar feed of its sessions
//! and agenda, its votes in the Popolo format, and its attendance and ballots as CSV.
//!
//! Pure functions of a [`Record`](crate::record::Record): the same record gives the same bytes,
//! so the server can serve, cache and compare them. Server-only, to keep these formats out of
//! the browser's bundle.

pub mod csv;
pub mod ical;
pub mod popolo;

#[cfg(test)]
mod fixture;
