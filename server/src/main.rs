//! The `plenary` binary: parses the command line, sets up logging, runs, and turns any start-up
//! failure into one clear line and a non-zero exit status.

use clap::Parser;
use plenary_server::config::Cli;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx::postgres::notice=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match plenary_server::startup::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plenary: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
