//! The retry delay between failed watch attempts: doubles from `min` to `max`, with up to 25 %
//! jitter so many watchers of one cluster do not retry in lock-step, and starts over after a
//! success (kube-runtime's `StreamBackoff` calls `reset` on every good event).

use kube::runtime::utils::Backoff;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(super) struct Doubling {
    min: Duration,
    max: Duration,
    next: Duration,
}

impl Doubling {
    pub(super) fn new(min: Duration, max: Duration) -> Self {
        Self {
            min,
            max: max.max(min),
            next: min,
        }
    }
}

impl Iterator for Doubling {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let base = self.next;
        self.next = (base * 2).min(self.max);
        // Jitter from the clock's low bits: no RNG dependency for a best-effort spread.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let jitter = base.mul_f64(f64::from(nanos % 1000) / 4000.0);
        Some(base + jitter)
    }
}

impl Backoff for Doubling {
    fn reset(&mut self) {
        self.next = self.min;
    }
}
