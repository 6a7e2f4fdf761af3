//! Page throughput: visitors reading the agenda page, side by side with the same bytes served as
//! a static file by the same server, so that the ratio shows what serving the page costs. Readers
//! without an account (no cookie) may be sent a kept copy; the page is also read with a cookie,
//! which the server renders for every request, to show what rendering costs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::http::Conn;
use crate::stats::Latency;
use crate::{LoadError, Target};

/// What to run.
#[derive(Debug, Clone)]
pub struct Pages {
    /// The page, e.g. `/assemblies/13/agenda`.
    pub path: String,
    /// The server's site root (`--site-root`), where the static copy is written for the run.
    pub site_root: PathBuf,
    /// Visitors at once, each on its own keep-alive connection.
    pub connections: usize,
    /// How long each of the two is read.
    pub duration: Duration,
}

/// One of the two measured.
#[derive(Debug, Clone)]
pub struct Throughput {
    pub path: String,
    pub bytes: usize,
    pub requests: usize,
    pub failed: usize,
    pub elapsed: Duration,
    pub latency: Latency,
}

impl Throughput {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }
}

#[derive(Debug, Clone)]
pub struct PagesResult {
    /// Read without a cookie, as the public does.
    pub page: Throughput,
    /// Read with a cookie (of no session), which the server renders for every request.
    pub rendered: Throughput,
    pub file: Throughput,
}

impl PagesResult {
    /// The page's throughput as a share of the static file's.
    pub fn ratio(&self) -> f64 {
        self.page.per_second() / self.file.per_second().max(f64::EPSILON)
    }
}

/// The static copy's name under the site root.
const COPY: &str = "plenary-load-page.html";

pub async fn run(target: Target, plan: &Pages) -> Result<PagesResult, LoadError> {
    let mut conn = Conn::open(target.addr).await?;
    let page = conn.get(&plan.path, None).await?;
    if !page.status.is_success() {
        return Err(LoadError::Refused {
            what: format!("reading {}", plan.path),
            status: page.status.as_u16(),
            body: String::new(),
        });
    }
    let copy = plan.site_root.join(COPY);
    std::fs::write(&copy, &page.body)
        .map_err(|e| LoadError::Setup(format!("writing {}: {e}", copy.display())))?;
    let result = measure_both(&mut conn, target, plan, &page.body).await;
    let _ = std::fs::remove_file(&copy);
    result
}

async fn measure_both(
    conn: &mut Conn,
    target: Target,
    plan: &Pages,
    page: &[u8],
) -> Result<PagesResult, LoadError> {
    let file_path = format!("/{COPY}");
    let served = conn.get(&file_path, None).await?;
    if served.body != page {
        return Err(LoadError::Setup(format!(
            "the server does not serve {file_path} from {} as written (status {}); is --site-root the server's?",
            plan.site_root.display(),
            served.status
        )));
    }
    // The file first: the page's caches are then warm for no longer than the file's.
    let file = throughput(target, plan, &file_path, None).await?;
    let page = throughput(target, plan, &plan.path, None).await?;
    let rendered = throughput(target, plan, &plan.path, Some(NO_SESSION)).await?;
    Ok(PagesResult {
        page,
        rendered,
        file,
    })
}

/// A cookie that names no session: the page is rendered for it as for the public.
const NO_SESSION: &str = "plenary-load=1";

/// `connections` visitors reading `path` over and over for the plan's duration.
async fn throughput(
    target: Target,
    plan: &Pages,
    path: &str,
    cookie: Option<&'static str>,
) -> Result<Throughput, LoadError> {
    let started = Instant::now();
    let deadline = started + plan.duration;
    let mut visitors = Vec::new();
    for _ in 0..plan.connections {
        let path = path.to_owned();
        visitors.push(tokio::spawn(async move {
            let mut conn = Conn::open(target.addr).await?;
            let (mut latencies, mut failed, mut bytes) = (Vec::new(), 0, 0);
            while Instant::now() < deadline {
                let at = Instant::now();
                let answer = conn.get(&path, cookie).await?;
                if answer.status.is_success() {
                    latencies.push(at.elapsed());
                    bytes = answer.body.len();
                } else {
                    failed += 1;
                }
            }
            Ok::<_, LoadError>((latencies, failed, bytes))
        }));
    }
    let (mut latencies, mut failed, mut bytes) = (Vec::new(), 0, 0);
    for visitor in visitors {
        let (l, f, b) = visitor
            .await
            .map_err(|e| LoadError::Setup(format!("a visitor failed: {e}")))??;
        latencies.extend(l);
        failed += f;
        bytes = bytes.max(b);
    }
    Ok(Throughput {
        path: path.to_owned(),
        bytes,
        requests: latencies.len(),
        failed,
        elapsed: started.elapsed(),
        latency: Latency::of(latencies),
    })
}
