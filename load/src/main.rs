//! The `plenary-load` command: runs the chosen scenarios against a live server and prints the
//! report table (see BENCHMARKS.md for how the published figures were made).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use plenary_load::report::Report;
use plenary_load::{accounts, ballots, fanout, http, pages, LoadError, Target};

#[derive(Debug, Parser)]
#[command(
    name = "plenary-load",
    about = "Load and measure a running Plenary server"
)]
struct Cli {
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// The assembly the load is about.
    #[arg(long, default_value_t = 13)]
    assembly: i64,
    /// The account listing `plenary demo` printed (organizer and delegates with passwords).
    #[arg(long)]
    accounts: PathBuf,
    /// Which scenarios to run (all when not given), in the order given.
    #[arg(long = "only", value_enum)]
    scenarios: Vec<Scenario>,
    /// The server's process id, to read its memory (same machine only).
    #[arg(long)]
    server_pid: Option<u32>,
    /// Live-stream subscribers for the fan-out.
    #[arg(long, default_value_t = 10_000)]
    subscribers: usize,
    /// How many times the organizer advances the agenda during the fan-out.
    #[arg(long, default_value_t = 10)]
    rounds: usize,
    /// The page whose throughput is measured.
    #[arg(long, default_value = "/assemblies/13/agenda")]
    page: String,
    /// The server's site root, where the static copy of the page is written during the run.
    #[arg(long, default_value = "target/site")]
    site_root: PathBuf,
    /// Visitors at once, each on its own connection, for the page throughput.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Seconds each throughput and the ballots run.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// The server's database, to check the ballots in afterwards.
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    Pages,
    Fanout,
    Ballots,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli).await {
        Ok(report) => {
            println!("{}", report.table());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plenary-load: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: &Cli) -> Result<Report, LoadError> {
    let listing = std::fs::read_to_string(&cli.accounts)
        .map_err(|e| LoadError::Setup(format!("reading {}: {e}", cli.accounts.display())))?;
    let accounts = accounts::parse(&listing)
        .map_err(|e| LoadError::Setup(format!("{}: {e}", cli.accounts.display())))?;
    let open_files = plenary_load::raise_open_files_limit();
    if (open_files as usize) < cli.subscribers + 100 {
        eprintln!(
            "plenary-load: warning: only {open_files} open files allowed, fewer than the subscribers"
        );
    }
    let target = Target {
        addr: cli.addr,
        assembly: cli.assembly,
    };
    let (organizer, _) = http::sign_in(
        cli.addr,
        &accounts.organizer.email,
        &accounts.organizer.password,
    )
    .await?;
    let scenarios = if cli.scenarios.is_empty() {
        vec![Scenario::Pages, Scenario::Fanout, Scenario::Ballots]
    } else {
        cli.scenarios.clone()
    };
    let seconds = Duration::from_secs(cli.seconds);
    let mut report = Report::default();
    for scenario in scenarios {
        eprintln!("plenary-load: running {scenario:?}");
        let started = std::time::Instant::now();
        match scenario {
            Scenario::Pages => {
                let plan = pages::Pages {
                    path: cli.page.clone(),
                    site_root: cli.site_root.clone(),
                    connections: cli.connections,
                    duration: seconds,
                };
                report.pages(&pages::run(target, &plan).await?);
            }
            Scenario::Fanout => {
                let plan = fanout::Fanout {
                    subscribers: cli.subscribers,
                    rounds: cli.rounds,
                    organizer: organizer.clone(),
                    server_pid: cli.server_pid,
                };
                report.fanout(&fanout::run(target, &plan).await?);
            }
            Scenario::Ballots => {
                let plan = ballots::Ballots {
                    organizer: organizer.clone(),
                    delegates: accounts.delegates.clone(),
                    duration: seconds,
                    database_url: cli.database_url.clone(),
                };
                report.ballots(&ballots::run(target, &plan).await?);
            }
        }
        eprintln!(
            "plenary-load: {scenario:?} took {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(report)
}
