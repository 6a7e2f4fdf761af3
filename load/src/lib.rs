//! plenary-load: drives a running Plenary server the way an assembly does — thousands of viewers
//! on the live stream while the organizer advances the agenda, visitors reading the agenda page,
//! members casting ballots — and measures what the server delivers.

pub mod accounts;
pub mod ballots;
pub mod fanout;
pub mod http;
pub mod pages;
pub mod report;
pub mod sse;
pub mod stats;

use std::net::SocketAddr;

/// Why a run could not be completed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot reach the server at {0}: {1}")]
    Connect(SocketAddr, String),
    #[error("{what}: the server answered {status}: {body}")]
    Refused {
        what: String,
        status: u16,
        body: String,
    },
    #[error("{what}: {problem}")]
    Answer { what: String, problem: String },
    #[error("{0}")]
    Setup(String),
}

/// The server under load and the assembly the load is about.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub addr: SocketAddr,
    pub assembly: i64,
}

/// The resident memory of process `pid` in bytes (Linux), to weigh what the server holds.
pub fn resident_memory(pid: u32) -> Result<u64, LoadError> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| LoadError::Setup(format!("reading the memory of process {pid}: {e}")))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .ok_or_else(|| LoadError::Setup(format!("process {pid} reports no VmRSS")))
}

/// Raises this process's limit of open files as far as it may go: ten thousand streams need ten
/// thousand sockets. The new limit.
pub fn raise_open_files_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX).unwrap_or(0)
}
