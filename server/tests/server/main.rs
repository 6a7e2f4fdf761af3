//! The server's integration tests, linked into one binary: each test binary links the whole
//! application, so one binary instead of five saves minutes of linking and a gigabyte of disk.

mod accounts;
mod assets;
mod authorization;
mod contract;
mod cross_process;
mod fresh_install;
mod hardening;
mod hostile;
mod limits;
mod live;
mod load;
mod organizing;
mod participation;
mod processes;
mod reading;
mod record;
mod restart;
mod router;
mod schema;
mod second_association;
mod startup;
mod support;
mod tamper;
mod times;
mod votes;
