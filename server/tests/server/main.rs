//! The server's integration tests, linked into one binary: each test binary links the whole
//! application, so one binary instead of five saves minutes of linking and a gigabyte of disk.

mod accounts;
mod assets;
mod authorization;
mod cross_process;
mod hardening;
mod hostile;
mod limits;
mod live;
mod load;
mod organizing;
mod processes;
mod reading;
mod record;
mod restart;
mod router;
mod startup;
mod support;
mod tamper;
mod votes;
