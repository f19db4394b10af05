//! "Nice" axis ticks (steps of 1, 2 or 5 × 10^k) covering a data range, so gridlines fall on
//! round values whatever the data.

/// Ticks from a multiple of the step at or below `lo` to one at or above `hi` (the axis range
/// is then `first..=last`). Always at least two ticks; non-finite or empty ranges are widened
/// to something drawable.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    // ±1e300 keeps `hi - lo` finite (f64::MAX - -f64::MAX is infinite).
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi).max(-1e300), lo.max(hi).min(1e300))
    } else {
        (0.0, 1.0)
    };
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // A flat range (all zeros, one value): show it from zero up, or zero down.
        if hi > 0.0 {
            lo = 0.0;
        } else if lo < 0.0 {
            hi = 0.0;
        } else {
            hi = 1.0;
        }
    }
    let span = hi - lo;
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    if !(step.is_normal() && step > 0.0) {
        // Subnormal ranges (5e-324…) underflow the step to zero: draw 0..1 instead.
        return vec![0.0, 1.0];
    }
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    // Bounded: span/step ≤ target, plus the two ends.
    let n = ((last - first) as usize).clamp(1, target.max(1) + 2);
    (0..=n).map(|i| (first + i as f64) * step).collect()
}

#[cfg(test)]
mod tests {
    use super::nice_ticks;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 1234.0, 5), vec![0.0, 500.0, 1000.0, 1500.0]);
        let t = nice_ticks(0.0, 0.0, 5);
        assert_eq!((t.len(), t[0], t[5]), (6, 0.0, 1.0));
        let t = nice_ticks(-f64::MAX, f64::MAX, 5);
        assert!(t.len() >= 2 && t.iter().all(|v| v.is_finite()));
        let t = nice_ticks(-30.0, 70.0, 4);
        assert!(t[0] <= -30.0 && *t.last().unwrap() >= 70.0 && t.contains(&0.0));
        let t = nice_ticks(0.0, 1e300, 5);
        assert!(t.len() >= 2 && t.iter().all(|v| v.is_finite()));
        assert_eq!(nice_ticks(f64::NAN, 3.0, 5).first(), Some(&0.0));
        assert_eq!(nice_ticks(5.0, 5.0, 5).first(), Some(&0.0));
        assert_eq!(nice_ticks(0.0, 5e-324, 5), vec![0.0, 1.0]);
    }
}
