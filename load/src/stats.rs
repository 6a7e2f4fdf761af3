//! Latency percentiles, computed exactly from every sample (a run holds at most a few hundred
//! thousand of them, so sorting is cheaper than an approximation is to explain).

use std::time::Duration;

/// The percentiles of a set of latencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Latency {
    pub samples: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Latency {
    /// Summarises `samples` (in any order); all zero when there are none.
    pub fn of(mut samples: Vec<Duration>) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        samples.sort_unstable();
        Latency {
            samples: samples.len(),
            p50: nearest_rank(&samples, 50.0),
            p95: nearest_rank(&samples, 95.0),
            p99: nearest_rank(&samples, 99.0),
            max: *samples.last().expect("not empty"),
        }
    }
}

impl Latency {
    /// "p50 3.1 ms, p99 6.0 ms".
    pub fn brief(&self) -> String {
        format!("p50 {}, p99 {}", millis(self.p50), millis(self.p99))
    }
}

/// The nearest-rank percentile of sorted, non-empty `samples`: the smallest sample with at least
/// `percent` of the samples at or below it.
fn nearest_rank(samples: &[Duration], percent: f64) -> Duration {
    let rank = ((percent / 100.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

/// "12.3 ms".
pub fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let latency = Latency::of((1..=100).rev().map(ms).collect());
        assert_eq!(latency.samples, 100);
        assert_eq!(
            (latency.p50, latency.p95, latency.p99),
            (ms(50), ms(95), ms(99))
        );
        assert_eq!(latency.max, ms(100));
    }

    #[test]
    fn one_sample_is_every_percentile_and_none_is_zero() {
        let one = Latency::of(vec![ms(7)]);
        assert_eq!((one.p50, one.p99, one.max), (ms(7), ms(7), ms(7)));
        assert_eq!(Latency::of(Vec::new()), Latency::default());
    }

    #[test]
    fn millis_have_one_decimal() {
        assert_eq!(millis(Duration::from_micros(12_345)), "12.3 ms");
    }
}
