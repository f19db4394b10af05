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
        // Saturating: a caller's `Duration::MAX` must not overflow into a panic.
        self.next = base.checked_mul(2).unwrap_or(self.max).min(self.max);
        // Jitter from the clock's low bits: no RNG dependency for a best-effort spread.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let jitter = base.mul_f64(f64::from(nanos % 1000) / 4000.0);
        Some(base.saturating_add(jitter))
    }
}

impl Backoff for Doubling {
    fn reset(&mut self) {
        self.next = self.min;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_cap_with_bounded_jitter_and_resets() {
        let ms = Duration::from_millis;
        let mut b = Doubling::new(ms(100), ms(1000));
        let delays: Vec<Duration> = (0..6).map(|_| b.next().unwrap()).collect();
        for (d, base) in delays.iter().zip([100, 200, 400, 800, 1000, 1000]) {
            assert!(
                *d >= ms(base) && *d <= ms(base) + ms(base) / 4,
                "{delays:?}"
            );
        }
        b.reset();
        assert!(b.next().unwrap() < ms(126));
    }

    #[test]
    fn huge_limits_saturate_instead_of_panicking() {
        let mut b = Doubling::new(Duration::from_secs(1), Duration::MAX);
        for _ in 0..100 {
            b.next();
        }
        assert!(b.next().unwrap() >= Duration::from_secs(1));
    }
}
