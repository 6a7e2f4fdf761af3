//! The server's integration tests, linked into one binary: each test binary links the whole
//! application, so one binary instead of five saves minutes of linking and a gigabyte of disk.

mod assets;
mod authorization;
mod cross_process;
mod live;
mod load;
mod organizing;
mod processes;
mod record;
mod router;
mod startup;
mod support;
mod votes;
