//! Text of values and dates. Money is shown as bills show it (`$1,234.56`, rounded half away
//! from zero); axis ticks are compact (`$2k`, `$1.5M`) so they never crowd each other.

/// What the values of a chart are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Money in this ISO currency code (`USD` → `$`, `EUR` → `€`…; others as `CHF 12.00`).
    Money(String),
    /// Plain counts (drift: resources managed/unmanaged/missing/changed).
    Count,
}

impl Unit {
    pub fn money(currency: &str) -> Unit {
        Unit::Money(currency.to_string())
    }

    fn prefix(&self) -> String {
        match self {
            Unit::Count => String::new(),
            Unit::Money(c) => match c.to_ascii_uppercase().as_str() {
                "USD" => "$".into(),
                "EUR" => "€".into(),
                "GBP" => "£".into(),
                "JPY" => "¥".into(),
                other => format!("{} ", clean(other)),
            },
        }
    }
}

/// Beyond this, grouped digits would be unreadable: the value is shown in scientific form.
const HUGE: f64 = 1e15;

/// A value label: `$1,234.56`, `-$3.00`, `1,204` (counts), `$1.2e18` (huge), `n/a` (NaN).
pub fn format_value(v: f64, unit: &Unit) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let decimals = match unit {
        Unit::Money(_) => 2,
        // Counts are integers; a fractional average keeps one decimal.
        Unit::Count if a.fract() == 0.0 => 0,
        Unit::Count => 1,
    };
    let body = if a >= HUGE {
        format!("{a:.1e}")
    } else {
        grouped(a, decimals)
    };
    format!("{sign}{}{body}", unit.prefix())
}

/// An axis tick: compact (`$20k`, `$1.5M`) once the axis reaches ten times the suffix's
/// scale (`$1,500`, not `$1.5k`), without decimals a tick step does not need.
pub fn format_tick(v: f64, step: f64, max_abs: f64, unit: &Unit) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let step = step.abs().max(f64::MIN_POSITIVE);
    let a = v.abs();
    if a < step * 1e-9 {
        return format!("{}0", unit.prefix());
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let body = if a >= HUGE || max_abs >= HUGE {
        format!("{a:.1e}")
    } else {
        let (mut scale, mut suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
            .into_iter()
            .find(|(s, _)| max_abs >= 10.0 * *s)
            .unwrap_or((1.0, ""));
        let mut decimals = decimals_for(step / scale);
        if scale > 1.0 && decimals > 0 {
            (scale, suffix) = (1.0, "");
            decimals = decimals_for(step);
        }
        format!("{}{suffix}", grouped(a / scale, decimals))
    };
    format!("{sign}{}{body}", unit.prefix())
}

/// Decimals that tell two ticks `s` apart (0.25 → 2, 0.5 → 1, 5 → 0), at most 4.
fn decimals_for(s: f64) -> usize {
    let mut d = 0;
    while d < 4 {
        let k = s * 10f64.powi(d as i32);
        if (k.round() - k).abs() <= 1e-6 * k.abs().max(1.0) {
            break;
        }
        d += 1;
    }
    d
}

/// `1234567.891` → `1,234,567.89` (half away from zero).
fn grouped(a: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, round_half_away(a, decimals));
    let (int, frac) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (fixed, None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// Rounds half away from zero at `decimals`; the tiny nudge absorbs binary representation
/// error (16.425 is stored as 16.42499…, and bills show 16.43).
fn round_half_away(a: f64, decimals: usize) -> f64 {
    let k = 10f64.powi(decimals as i32);
    let scaled = a * k;
    let nudged = scaled + scaled.abs() * 1e-12 + 1e-9;
    if nudged.is_finite() {
        nudged.round() / k
    } else {
        a
    }
}

/// `2026-11-27` for a Unix time (seconds, UTC); with `with_time`, `2026-11-27 09:30`.
/// Times outside the calendar `time` knows (±9999 years) print as the epoch.
pub fn format_date(unix_secs: i64, with_time: bool) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(unix_secs)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let formatted = if with_time {
        at.format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute]"
        ))
    } else {
        at.format(time::macros::format_description!("[year]-[month]-[day]"))
    };
    formatted.unwrap_or_default()
}

/// Control characters would make the SVG invalid XML (and draw as boxes in a PNG).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_and_rounded_like_a_bill() {
        let usd = Unit::money("USD");
        assert_eq!(format_value(1234.56, &usd), "$1,234.56");
        assert_eq!(format_value(16.425, &usd), "$16.43");
        assert_eq!(format_value(-3.0, &usd), "-$3.00");
        assert_eq!(format_value(0.0, &usd), "$0.00");
        assert_eq!(format_value(999.999, &usd), "$1,000.00");
        assert_eq!(format_value(1234.5, &Unit::money("EUR")), "€1,234.50");
        assert_eq!(format_value(12.0, &Unit::money("CHF")), "CHF 12.00");
        assert_eq!(format_value(1204.0, &Unit::Count), "1,204");
        assert_eq!(format_value(f64::NAN, &usd), "n/a");
        assert_eq!(format_value(1e18, &usd), "$1.0e18");
    }

    #[test]
    fn ticks_are_compact_with_the_decimals_the_step_needs() {
        let usd = Unit::money("USD");
        assert_eq!(format_tick(20000.0, 10000.0, 40000.0, &usd), "$20k");
        assert_eq!(format_tick(1500.0, 500.0, 2000.0, &usd), "$1,500");
        assert_eq!(format_tick(12500.0, 2500.0, 20000.0, &usd), "$12,500");
        assert_eq!(format_tick(0.25, 0.25, 1.0, &usd), "$0.25");
        assert_eq!(format_tick(2_500_000.0, 500_000.0, 2.5e6, &usd), "$2,500k");
        assert_eq!(format_tick(3e7, 1e7, 5e7, &usd), "$30M");
        assert_eq!(format_tick(-200.0, 100.0, 400.0, &Unit::Count), "-200");
        assert_eq!(format_tick(0.0, 1000.0, 4000.0, &usd), "$0");
        assert_eq!(format_tick(2e18, 1e18, 2e18, &usd), "$2.0e18");
    }

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(format_date(0, false), "1970-01-01");
        assert_eq!(format_date(1_795_772_400, true), "2026-11-27 09:40");
        assert_eq!(format_date(951_782_400, false), "2000-02-29");
        assert_eq!(format_date(-86_400, false), "1969-12-31");
    }
}
