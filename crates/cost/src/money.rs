//! Monetary values are `f64` dollars, summed unrounded and rounded to cents only for display
//! and serialisation. With prices of at most ~10 significant digits and sums of at most a
//! few hundred thousand components, f64's 15–16 digits keep every printed cent exact.

/// Rounds to 2 decimals, half away from zero (0.0225 × 730 = 16.425 → 16.43, as the clouds'
/// bills do). The tiny epsilon absorbs binary representation error (16.425 is 16.42499…).
pub fn round_cents(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    let scaled = v * 100.0;
    let nudged = scaled + scaled.signum() * (scaled.abs() * 1e-12 + 1e-9);
    nudged.round() / 100.0
}

/// Rounds a unit price or quantity for serialisation (10 significant decimals) so JSON shows
/// `0.0104` rather than `0.010400000000000001`.
pub fn round_fine(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    (v * 1e10).round() / 1e10
}

/// `$1,234.56` style display in the given currency code.
pub fn format_money(v: f64, currency: &str) -> String {
    let cents = round_cents(v);
    let neg = cents < 0.0;
    let whole = cents.abs().trunc() as u64;
    let frac = ((cents.abs() - cents.abs().trunc()) * 100.0).round() as u64;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    grouped = format!("{digits}{grouped}");
    let sign = if neg { "-" } else { "" };
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    };
    if symbol.is_empty() {
        format!("{sign}{grouped}.{frac:02} {currency}")
    } else {
        format!("{sign}{symbol}{grouped}.{frac:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_cent_rounds_up_like_bills() {
        assert_eq!(round_cents(0.0225 * 730.0), 16.43);
        assert_eq!(round_cents(0.045 * 730.0), 32.85);
        assert_eq!(round_cents(-1.005), -1.01);
    }

    #[test]
    fn money_is_grouped() {
        assert_eq!(format_money(1234567.891, "USD"), "$1,234,567.89");
        assert_eq!(format_money(0.5, "EUR"), "€0.50");
        assert_eq!(format_money(-12.0, "CHF"), "-12.00 CHF");
    }
}
