//! Start-up: open and migrate the database, load demo data when asked, listen, serve until
//! Ctrl-C or SIGTERM. Every failure here becomes one line that says what and where.

use std::fmt::Display;
use std::path::Path;

use plenary_core::auth::Role;
use plenary_core::demo;
use plenary_core::model::NewUser;
use plenary_core::secrets::new_password;
use plenary_core::storage::{ConnectError, Db};
use tokio::net::TcpListener;

use crate::config::{AuditCommand, Cli, Command, ServeArgs, UserCommand};

/// A reason Plenary could not do what it was asked; shown as one line, exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] ConnectError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

fn other(context: &str) -> impl FnOnce(&dyn Display) -> StartError + '_ {
    move |e| StartError::Other(format!("{context}: {e}"))
}

/// Opens the configured database and brings its schema up to date.
pub async fn open(cli: &Cli) -> Result<Db, StartError> {
    let db = Db::connect(&cli.database_url()).await?;
    db.migrate().await?;
    Ok(db)
}

/// Runs the command line.
pub async fn run(cli: Cli) -> Result<(), StartError> {
    let db = open(&cli).await?;
    let result = match &cli.command {
        Command::Migrate => {
            tracing::info!("database schema is up to date");
            Ok(())
        }
        Command::Demo(stage) => load_demo(&db, stage.stage()).await,
        Command::Audit(AuditCommand::Verify) => verify_audit(&db).await,
        Command::User(UserCommand::Add {
            role,
            email,
            name,
            member,
            password,
        }) => add_user(&db, role, email, name, member.as_deref(), password.clone()).await,
        Command::Export { number, output } => export(&db, *number, output.as_deref()).await,
        Command::Import { file } => import(&db, file).await,
        Command::Serve(args) => serve(db.clone(), args).await,
    };
    db.close().await;
    result
}

async fn load_demo(db: &Db, stage: demo::Stage) -> Result<(), StartError> {
    let loaded = demo::load_at(db, stage)
        .await
        .map_err(|e| other("loading the demo data failed")(&e))?;
    match loaded {
        demo::Loaded::Written => {
            println!("Loaded the 13th General Assembly of NEAR as demo data.");
            let accounts = demo::load_accounts(db)
                .await
                .map_err(|e| other("creating the demo accounts failed")(&e))?;
            println!("Demo accounts (sign in at /login; the passwords are shown only now):");
            for a in accounts {
                println!(
                    "  {:<9} {:<52} {}  {}",
                    a.role.as_str(),
                    a.email,
                    a.password,
                    a.member.unwrap_or_default()
                );
            }
        }
        demo::Loaded::AlreadyPresent => {
            println!("The demo data is already loaded; nothing changed.")
        }
    }
    Ok(())
}

async fn export(db: &Db, number: i64, output: Option<&Path>) -> Result<(), StartError> {
    let doc = plenary_core::storage::export_document(db, number)
        .await
        .map_err(|e| other("exporting the assembly failed")(&e))?;
    let json = serde_json::to_string_pretty(&doc).map_err(|e| other("writing JSON")(&e))?;
    match output {
        Some(path) => std::fs::write(path, json).map_err(|e| other("writing the document")(&e))?,
        None => println!("{json}"),
    }
    Ok(())
}

async fn import(db: &Db, file: &Path) -> Result<(), StartError> {
    let text = std::fs::read_to_string(file).map_err(|e| other("reading the document")(&e))?;
    let doc: plenary_core::storage::AssemblyDocument = serde_json::from_str(&text)
        .map_err(|e| other("the document is not an assembly document")(&e))?;
    let number = plenary_core::storage::import_document(db, &doc, "plenary import")
        .await
        .map_err(|e| other("importing the document failed")(&e))?;
    println!("Imported assembly {number} with its register.");
    Ok(())
}

async fn add_user(
    db: &Db,
    role: &str,
    email: &str,
    name: &str,
    member: Option<&str>,
    password: Option<String>,
) -> Result<(), StartError> {
    let role: Role = role
        .parse()
        .map_err(|_| StartError::Other(format!("--role: unknown role {role}")))?;
    let member_id = match member {
        Some(name) => Some(
            demo::member_id(db, name)
                .await
                .map_err(|e| other("--member")(&e))?
                .ok_or_else(|| {
                    StartError::Other(format!("--member: no member government is named {name:?}"))
                })?,
        ),
        None => None,
    };
    let printed = password.is_none();
    let password = password.unwrap_or_else(new_password);
    let user = NewUser {
        email: email.into(),
        name: name.into(),
        role,
        member_id,
    };
    let created = plenary_core::actions::add_user_from_cli(db, &user, &password)
        .await
        .map_err(|e| other("plenary user add")(&e))?;
    println!(
        "Created {} account {} ({}).",
        created.role.as_str(),
        created.email,
        created.name
    );
    if printed {
        println!("Password: {password}");
    }
    Ok(())
}

/// `plenary audit verify`: checks the chain, then replays the log against the record (ballots,
/// tallies, decisions and the register changes they made); prints how many entries were
/// checked, or names the first broken entry or the first difference.
async fn verify_audit(db: &Db) -> Result<(), StartError> {
    let check = plenary_core::storage::verify_audit_chain(db)
        .await
        .map_err(|e| other("reading the audit log")(&e))?;
    if let Some((id, reason)) = check.first_broken {
        return Err(StartError::Other(format!(
            "the audit chain is broken at entry {id}: {reason}"
        )));
    }
    let difference = plenary_core::storage::replay_audit(db)
        .await
        .map_err(|e| other("replaying the audit log")(&e))?;
    match difference {
        None => {
            println!(
                "The audit chain is intact: {} entries verified.",
                check.entries
            );
            println!("The record matches the audit log: ballots, tallies, decisions and register changes replayed.");
            Ok(())
        }
        Some(d) => Err(StartError::Other(format!(
            "the record differs from the audit log: {d}"
        ))),
    }
}

async fn serve(db: Db, args: &ServeArgs) -> Result<(), StartError> {
    args.check().map_err(StartError::Other)?;
    if args.demo {
        load_demo(&db, args.stage.stage()).await?;
    }
    let listener = TcpListener::bind(args.addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: args.addr,
            source,
        })?;
    let sessions = crate::sessions::Store::open(&db)
        .await
        .map_err(StartError::Other)?;
    sessions.spawn_cleanup();
    if args.public_url.is_none() {
        tracing::warn!(
            "no public address configured (--public-url or PLENARY_PUBLIC_URL): links in feeds and exports use http://{}",
            args.addr
        );
    }
    let state = crate::AppState {
        secure_cookies: args.secure_cookies,
        public_url: args.site_url(),
        ..crate::AppState::new(db, &args.site_root)
    };
    let bundle = format!("{}.js", state.leptos_options.output_name);
    if !args.site_root.join("pkg").join(bundle).exists() {
        tracing::warn!(site_root = %args.site_root.display(),
            "no built site found: pages render but do not hydrate; run bin/build-site");
    }
    let hub = state.hub.clone();
    hub.set_streams_per_address(args.streams_per_address);
    // The sign-in limits keep a count per address and per account at an address that failed;
    // forget the ones that have drained.
    let limits = state.sign_in_limits.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            limits.forget_drained();
        }
    });
    let app = crate::router(state, sessions);
    let (draining, drain) = tokio::sync::watch::channel(false);
    let app = app.layer(axum::middleware::from_fn_with_state(
        drain,
        close_when_draining,
    ));
    if let Err(e) = hub.announce_open_votes().await {
        tracing::warn!(error = %e, "could not announce the open votes");
    }
    tracing::info!("Plenary listening on http://{}", args.addr);
    println!("Plenary is running at http://{}", args.addr);
    // Without TCP_NODELAY a response written in two parts (headers, then a file's bytes) waits
    // for the client's delayed acknowledgement: 40 ms per static file, measured by plenary-load.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    // Served as a made service: given the router itself, axum rebuilds its whole route table
    // for every connection it accepts, 3.5 MB per connection here (measured by plenary-load,
    // with ten thousand live streams in mind); this builds it once.
    // With each connection's peer address, which the per-address limits count (see client.rs).
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown({
            let hub = hub.clone();
            async move {
                shutdown().await;
                // Answers now say `Connection: close`, so clients send their next request on a
                // new connection (to another process, or to this one restarted) rather than on
                // one this process is about to close without an answer.
                draining.send_replace(true);
                tokio::time::sleep(DRAIN).await;
                hub.flush_tallies().await;
                hub.close();
            }
        })
        .await
        .map_err(|e| other("the server stopped")(&e))?;
    // Ballots of requests that were still being answered.
    hub.flush_tallies().await;
    Ok(())
}

/// How long a stopping server goes on answering, with `Connection: close`, before it closes
/// the connections kept alive.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(1);

/// Middleware: once the server is stopping, every answer closes its connection.
async fn close_when_draining(
    axum::extract::State(draining): axum::extract::State<tokio::sync::watch::Receiver<bool>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    if *draining.borrow() {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
