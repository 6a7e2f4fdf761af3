//! The server's integration tests, linked into one binary: each test binary links the whole
//! application, so one binary instead of five saves minutes of linking and a gigabyte of disk.

mod authorization;
mod cross_process;
mod live;
mod organizing;
mod record;
mod router;
mod startup;
mod support;
mod votes;
