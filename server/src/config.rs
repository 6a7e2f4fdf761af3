//! Configuration by flags and environment (`DATABASE_URL`, `PLENARY_ADDR`, `PLENARY_DATA_DIR`,
//! `PLENARY_SITE_ROOT`, `PLENARY_PUBLIC_URL`, `RUST_LOG`), parsed with clap.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Plenary runs the general assembly of an association of member governments.
#[derive(Debug, Parser)]
#[command(name = "plenary", version, about)]
pub struct Cli {
    /// The database: sqlite://PATH or postgres://USER@HOST:PORT/DB.
    /// Default: the SQLite file plenary.sqlite3 in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Where the SQLite database lives (created on first start).
    #[arg(long, env = "PLENARY_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the API.
    Serve(ServeArgs),
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Load the reference assembly (NEAR's 13th General Assembly) as demo data, with an organizer
    /// account and one delegate account per member present; loading twice changes nothing.
    Demo(DemoStage),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write assembly NUMBER, with the register it was held under, as one JSON document.
    Export {
        number: i64,
        /// Where to write it (standard output when not given).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Read an assembly document (from `export` or GET /api/assemblies/{number}/document) into
    /// an empty database.
    Import { file: PathBuf },
}

/// How far the demo assembly has gone when it is loaded (by default: concluded, as on
/// 10 August 2021, with its decisions taken).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
#[group(multiple = false)]
pub struct DemoStage {
    /// Load the assembly as planned (nothing held yet), to run it live from the control panel.
    #[arg(long)]
    pub planned: bool,
    /// Load the assembly just before session 1 (the opening ceremony held, both applications
    /// awaiting their votes), to take the decisions live.
    #[arg(long)]
    pub before_votes: bool,
}

impl DemoStage {
    pub fn stage(self) -> plenary_core::demo::Stage {
        use plenary_core::demo::Stage;
        match (self.planned, self.before_votes) {
            (true, _) => Stage::Planned,
            (_, true) => Stage::BeforeVotes,
            _ => Stage::Concluded,
        }
    }

    fn given(self) -> bool {
        self.planned || self.before_votes
    }
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain of the audit log; names the first entry that was changed,
    /// removed or inserted, and exits with status 1 if there is one.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account, e.g. the first organizer: `plenary user add --role organizer
    /// --email ops@example.org --name "Secretariat"`. Prints the password unless one is given.
    Add {
        #[arg(long, value_parser = ["organizer", "delegate"])]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// For a delegate: the exact name of the member government represented.
        #[arg(long)]
        member: Option<String>,
        /// The password (at least 10 characters); a random one is made and printed if absent.
        #[arg(long, env = "PLENARY_PASSWORD")]
        password: Option<String>,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "PLENARY_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The built site (wasm bundle, JavaScript and CSS under pkg/), as bin/build-site writes it.
    #[arg(long, env = "PLENARY_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Load the demo data first if the database has no assembly 13 yet.
    #[arg(long)]
    pub demo: bool,

    /// With --demo: how far the assembly has gone.
    #[command(flatten)]
    pub stage: DemoStage,

    /// Mark session cookies Secure; set this when Plenary is served over HTTPS.
    #[arg(long, env = "PLENARY_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// The address the public reaches the site at, e.g. https://assembly.example.org: links in
    /// the news feed, the iCalendar feeds and the Popolo export use it. Default: the address
    /// Plenary listens on (http://ADDR), which is rarely what subscribers can reach.
    #[arg(long, env = "PLENARY_PUBLIC_URL", value_parser = public_url)]
    pub public_url: Option<String>,

    /// How many live streams one client address may hold open at once (a venue's delegates
    /// behind one address share it).
    #[arg(long, env = "PLENARY_STREAMS_PER_ADDRESS", default_value_t = crate::live::STREAMS_PER_ADDRESS,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub streams_per_address: u32,
}

/// A site's public address: http or https, a host, perhaps a port and a path; no query, no
/// fragment. Kept without a trailing slash, so that paths are appended to it as they are.
fn public_url(value: &str) -> Result<String, String> {
    let value = value.trim().trim_end_matches('/');
    let uri: axum::http::Uri = value.parse().map_err(|e| format!("not an address: {e}"))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.host().is_none_or(str::is_empty) {
        return Err("give an http:// or https:// address with a host".into());
    }
    if uri.query().is_some() || value.contains('#') {
        return Err("give the address without a query or a fragment".into());
    }
    Ok(value.to_owned())
}

impl ServeArgs {
    /// The site's public address: `--public-url`, else the listening address.
    pub fn site_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }

    /// The demo stage flags only make sense with --demo.
    pub fn check(&self) -> Result<(), String> {
        if self.stage.given() && !self.demo {
            return Err("--planned and --before-votes go with --demo".into());
        }
        Ok(())
    }
}

impl Cli {
    /// The database URL to use: the flag or environment, else the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| plenary_core::storage::sqlite_url(&self.data_dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_is_the_sqlite_file_in_the_data_directory() {
        let cli = Cli::try_parse_from(["plenary", "--data-dir", "/tmp/p", "migrate"]).unwrap();
        if std::env::var_os("DATABASE_URL").is_none() {
            assert_eq!(cli.database_url(), "sqlite:///tmp/p/plenary.sqlite3");
        }
    }

    #[test]
    fn a_malformed_address_is_refused_by_the_parser() {
        let err = Cli::try_parse_from(["plenary", "serve", "--addr", "nowhere"]).unwrap_err();
        assert!(err.to_string().contains("--addr"), "{err}");
    }

    fn serve(args: &[&str]) -> Result<ServeArgs, String> {
        match Cli::try_parse_from([&["plenary", "serve"], args].concat()) {
            Ok(Cli {
                command: Command::Serve(serve),
                ..
            }) => Ok(serve),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn the_public_url_is_an_http_address_kept_without_its_trailing_slash() {
        let given = serve(&["--public-url", "https://assembly.example.org/plenary/"]).unwrap();
        assert_eq!(given.site_url(), "https://assembly.example.org/plenary");
        for bad in [
            "assembly.example.org",
            "ftp://example.org",
            "https://",
            "http://x/?a=1",
        ] {
            assert!(
                serve(&["--public-url", bad])
                    .unwrap_err()
                    .contains("--public-url"),
                "{bad}"
            );
        }
        if std::env::var_os("PLENARY_PUBLIC_URL").is_none() {
            let default = serve(&["--addr", "127.0.0.1:4000"]).unwrap();
            assert_eq!(default.site_url(), "http://127.0.0.1:4000");
        }
    }

    #[test]
    fn the_demo_stage_is_one_flag_at_most() {
        use plenary_core::demo::Stage;
        let stage = |args: &[&str]| match Cli::try_parse_from(args).map(|c| c.command) {
            Ok(Command::Demo(s)) => Ok(s.stage()),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e.to_string()),
        };
        assert_eq!(stage(&["plenary", "demo"]), Ok(Stage::Concluded));
        assert_eq!(
            stage(&["plenary", "demo", "--before-votes"]),
            Ok(Stage::BeforeVotes)
        );
        assert_eq!(stage(&["plenary", "demo", "--planned"]), Ok(Stage::Planned));
        assert!(stage(&["plenary", "demo", "--planned", "--before-votes"]).is_err());
        let Command::Serve(serve) = Cli::try_parse_from(["plenary", "serve", "--before-votes"])
            .unwrap()
            .command
        else {
            panic!("serve")
        };
        assert!(serve.check().unwrap_err().contains("--demo"));
    }
}
