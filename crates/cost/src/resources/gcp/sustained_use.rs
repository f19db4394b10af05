//! Sustained use discounts: Compute Engine lowers the price of N1, N2, N2D, C2, M1/M2 (and
//! legacy f1/g1) VMs automatically for each quarter of the month they run: N1-type usage is
//! billed at 100%, 80%, 60%, 40% of the base rate per successive quarter (30% off for a full
//! month), N2-type at 100%, 86.78%, 73.56%, 60.34% (20% off). E2 and preemptible VMs get none.

/// Average price multiplier for `hours` of use in a 730-hour month.
pub fn factor(machine_type: &str, preemptible: bool, hours: f64) -> f64 {
    if preemptible || hours <= 0.0 {
        return 1.0;
    }
    let family = machine_type.split('-').next().unwrap_or("");
    let steps: [f64; 4] = match family {
        "n1" | "f1" | "g1" | "m1" | "m2" => [1.0, 0.8, 0.6, 0.4],
        "n2" | "n2d" | "c2" => [1.0, 0.8678, 0.7356, 0.6034],
        _ => return 1.0,
    };
    let quarter = crate::HOURS_PER_MONTH / 4.0;
    let mut remaining = hours.min(crate::HOURS_PER_MONTH);
    let mut billed = 0.0;
    for s in steps {
        let h = remaining.min(quarter);
        billed += h * s;
        remaining -= h;
    }
    billed / hours.min(crate::HOURS_PER_MONTH)
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_month_discounts() {
        assert!((super::factor("n1-standard-4", false, 730.0) - 0.7).abs() < 1e-9);
        assert!((super::factor("n2-standard-8", false, 730.0) - 0.8017).abs() < 1e-4);
        assert_eq!(super::factor("e2-medium", false, 730.0), 1.0);
        assert_eq!(super::factor("n1-standard-4", true, 730.0), 1.0);
        assert_eq!(super::factor("n1-standard-4", false, 100.0), 1.0);
    }
}
