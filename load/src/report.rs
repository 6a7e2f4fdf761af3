//! The report: one Markdown table of every figure next to its target, so that a run's output can
//! go into BENCHMARKS.md as it is.

use crate::ballots::BallotsResult;
use crate::fanout::FanoutResult;
use crate::pages::{PagesResult, Throughput};
use crate::stats::millis;

/// The targets of issue 7, on a 2-core machine.
pub mod targets {
    use std::time::Duration;

    pub const FANOUT_P99: Duration = Duration::from_millis(250);
    pub const BYTES_PER_SUBSCRIBER: u64 = 50 * 1024;
    pub const PAGE_TO_FILE: f64 = 0.5;
    pub const BALLOTS_PER_SECOND: f64 = 2000.0;
}

/// The rows of a report, in the order they were measured.
#[derive(Debug, Default)]
pub struct Report {
    rows: Vec<[String; 4]>,
}

impl Report {
    fn row(&mut self, what: String, figure: String, target: &str, met: Option<bool>) {
        let met = match met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "",
        };
        self.rows
            .push([what, figure, target.to_owned(), met.to_owned()]);
    }

    pub fn fanout(&mut self, f: &FanoutResult) {
        let n = f.subscribers;
        self.row(
            "fan-out: subscribers connected (time)".into(),
            format!("{n} ({:.1} s)", f.connect.as_secs_f64()),
            "",
            None,
        );
        self.row(
            format!("fan-out: advances delivered ({} rounds)", f.rounds),
            format!("{} of {}", f.delivered, f.delivered + f.missed),
            "all",
            Some(f.missed == 0),
        );
        let l = &f.latency;
        self.row(
            "fan-out: delivery latency p50 / p95 / p99 / max".into(),
            format!(
                "{} / {} / {} / {}",
                millis(l.p50),
                millis(l.p95),
                millis(l.p99),
                millis(l.max)
            ),
            "p99 < 250 ms",
            Some(l.p99 < targets::FANOUT_P99 && f.missed == 0),
        );
        self.row(
            "fan-out: bytes read per subscriber per advance".into(),
            format!("{}", f.bytes_per_delivery),
            "",
            None,
        );
        match (f.memory_before, f.memory_after, f.memory_per_subscriber()) {
            (Some(before), Some(after), Some(each)) => {
                self.row(
                    "fan-out: server memory (RSS) before / after".into(),
                    format!("{} / {}", mib(before), mib(after)),
                    "",
                    None,
                );
                self.row(
                    "fan-out: server memory per subscriber".into(),
                    format!("{:.1} KB", each as f64 / 1024.0),
                    "< 50 KB",
                    Some(each < targets::BYTES_PER_SUBSCRIBER),
                );
            }
            _ => self.row(
                "fan-out: server memory".into(),
                "not measured (give --server-pid)".into(),
                "< 50 KB per subscriber",
                None,
            ),
        }
    }

    pub fn pages(&mut self, p: &PagesResult) {
        self.throughput("static file", &p.file);
        self.throughput("page, anonymous readers", &p.page);
        self.throughput("page, rendered for each request (a cookie)", &p.rendered);
        self.row(
            "pages: page / static file throughput".into(),
            format!("{:.2}", p.ratio()),
            "≥ 0.50",
            Some(p.ratio() >= targets::PAGE_TO_FILE && p.page.failed == 0),
        );
    }

    fn throughput(&mut self, label: &str, t: &Throughput) {
        let failed = if t.failed > 0 {
            format!(", {} FAILED", t.failed)
        } else {
            String::new()
        };
        self.row(
            format!("pages: {label} {} ({} bytes)", t.path, t.bytes),
            format!("{:.0} req/s, {}{failed}", t.per_second(), t.latency.brief()),
            "",
            None,
        );
    }

    pub fn ballots(&mut self, b: &BallotsResult) {
        self.row(
            format!(
                "ballots: {} delegates at once on vote {}",
                b.delegates, b.vote_id
            ),
            format!(
                "{} accepted in {:.1} s, {} refused",
                b.accepted,
                b.elapsed.as_secs_f64(),
                b.refused
            ),
            "",
            None,
        );
        self.row(
            "ballots: accepted per second".into(),
            format!("{:.0}/s ({})", b.per_second(), b.latency.brief()),
            "≥ 2000/s",
            Some(b.per_second() >= targets::BALLOTS_PER_SECOND),
        );
        let on_record = match &b.database {
            Some(d) => format!(
                "database: {} audited, {} ballot rows, {} not the last accepted; API: {} differ",
                d.audited, d.ballots, d.wrong, b.wrong_in_api
            ),
            None => format!(
                "API: {} differ; database not read (give --database-url)",
                b.wrong_in_api
            ),
        };
        self.row(
            "ballots: none lost".into(),
            on_record,
            "none lost",
            Some(b.none_lost()),
        );
        if let Some(refusal) = &b.first_refusal {
            self.row("ballots: first refusal".into(), refusal.clone(), "", None);
        }
    }

    /// Whether every target measured was met.
    pub fn all_met(&self) -> bool {
        self.rows.iter().all(|r| r[3] != "MISSED")
    }

    /// The table in Markdown.
    pub fn table(&self) -> String {
        let mut out = String::from("| Measure | Figure | Target | |\n|---|---|---|---|\n");
        for [what, figure, target, met] in &self.rows {
            out.push_str(&format!("| {what} | {figure} | {target} | {met} |\n"));
        }
        out
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Latency;
    use std::time::Duration;

    fn fanout(p99_ms: u64, missed: usize) -> FanoutResult {
        FanoutResult {
            subscribers: 100,
            rounds: 2,
            connect: Duration::from_secs(1),
            delivered: 200 - missed,
            missed,
            latency: Latency {
                samples: 200,
                p99: Duration::from_millis(p99_ms),
                ..Latency::default()
            },
            bytes_per_delivery: 400,
            memory_before: Some(10 << 20),
            memory_after: Some((10 << 20) + 100 * 20 * 1024),
        }
    }

    #[test]
    fn a_target_met_and_one_missed_are_marked() {
        let mut ok = Report::default();
        ok.fanout(&fanout(120, 0));
        assert!(ok.all_met(), "{}", ok.table());
        assert!(
            ok.table().contains("| 20.0 KB | < 50 KB | met |"),
            "{}",
            ok.table()
        );

        let mut slow = Report::default();
        slow.fanout(&fanout(300, 0));
        assert!(!slow.all_met());
        let mut lost = Report::default();
        lost.fanout(&fanout(120, 1));
        assert!(!lost.all_met());
        assert!(lost.table().contains("199 of 200"), "{}", lost.table());
    }
}
