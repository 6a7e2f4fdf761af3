//! Real `plenary` processes for the tests that need more than the router in process: several
//! servers on one database, or a server under load from another program.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::net::TcpStream;

/// One `plenary serve` process; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: PathBuf,
}

impl Server {
    /// Serves the database at `url`, with its data directory `dir` and `args` added to `serve`.
    pub async fn start(url: &str, dir: &Path, name: &str, args: &[&str]) -> Server {
        let addr = {
            let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            free.local_addr().unwrap()
        };
        let log = dir.join(format!("{name}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["serve", "--addr", &addr.to_string()])
            .args(args)
            .env("DATABASE_URL", url)
            .env("PLENARY_DATA_DIR", dir)
            .env("RUST_LOG", "warn,plenary_server=info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        for _ in 0..400 {
            if TcpStream::connect(addr).await.is_ok() {
                return Server { child, addr, log };
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "server {name} exited ({status}): {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server {name} did not start within 20 s");
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The `application_name` of this process's listening connection.
    pub fn listener(&self) -> String {
        plenary_server::live::listener_name(self.child.id())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the `plenary` command line on the database at `url`; what it printed.
pub async fn plenary(url: &str, dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command
        .args(args)
        .env("DATABASE_URL", url)
        .env("PLENARY_DATA_DIR", dir)
        .env("RUST_LOG", "warn");
    let out = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "plenary {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Adds an organizer to the database at `url` with `plenary user add`.
pub async fn add_organizer(url: &str, dir: &Path, email: &str, password: &str) {
    let args = [
        "user",
        "add",
        "--role",
        "organizer",
        "--email",
        email,
        "--name",
        "Secretariat",
    ];
    plenary(url, dir, &[&args[..], &["--password", password]].concat()).await;
}
