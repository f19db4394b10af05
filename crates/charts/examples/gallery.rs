//! Writes one of each chart, light and dark, SVG and PNG, to a folder (default: the system
//! temp folder) — for looking at them while changing the layout:
//! `cargo run -p orbis-charts --example gallery -- /tmp/charts`.

use orbis_charts::{BarChart, Chart, DeltaChart, Format, Options, Theme, TimeSeriesChart, Unit};
use std::path::{Path, PathBuf};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let _ = std::fs::create_dir_all(&dir);
    let usd = || Unit::money("USD");
    let bars = BarChart::new("Monthly cost by service", usd())
        .subtitle("Total $2,011.52 · 14 resources")
        .bar("aws/ec2", 1234.56)
        .bar("aws/rds", 412.30)
        .bar("aws/s3", 221.65)
        .bar("aws/nat_gateway", 98.55)
        .bar("aws/cloudwatch_log_group", 31.2)
        .bar("aws/kms", 12.0)
        .bar("aws/route53", 1.26);
    let day = 86_400;
    let t0 = 1_795_737_600 - 40 * day;
    let history = TimeSeriesChart::new("Estimate history", usd())
        .series(
            "prod",
            &[
                (t0, 1500.0),
                (t0 + 7 * day, 1620.0),
                (t0 + 19 * day, 1580.0),
                (t0 + 33 * day, 2011.52),
                (t0 + 40 * day, 1990.0),
            ],
        )
        .series(
            "staging",
            &[
                (t0 + 3 * day, 400.0),
                (t0 + 20 * day, 380.0),
                (t0 + 40 * day, 455.0),
            ],
        );
    let drift = TimeSeriesChart::new("Drift", Unit::Count)
        .step(true)
        .series(
            "managed",
            &[
                (t0, 120.0),
                (t0 + 10 * day, 118.0),
                (t0 + 25 * day, 131.0),
                (t0 + 40 * day, 131.0),
            ],
        )
        .series(
            "unmanaged",
            &[
                (t0, 4.0),
                (t0 + 10 * day, 9.0),
                (t0 + 25 * day, 2.0),
                (t0 + 40 * day, 3.0),
            ],
        )
        .series(
            "missing",
            &[
                (t0, 0.0),
                (t0 + 10 * day, 2.0),
                (t0 + 25 * day, 0.0),
                (t0 + 40 * day, 1.0),
            ],
        )
        .series(
            "changed",
            &[
                (t0, 1.0),
                (t0 + 10 * day, 6.0),
                (t0 + 25 * day, 3.0),
                (t0 + 40 * day, 0.0),
            ],
        );
    let delta = DeltaChart::new("Plan: monthly cost by service", usd())
        .subtitle("$1,810.00 → $2,011.52 (+$201.52)")
        .row("aws/ec2", 1100.0, 1234.56)
        .row("aws/rds", 480.0, 412.30)
        .row("aws/s3", 221.65, 221.65)
        .row("aws/nat_gateway", 0.0, 98.55);
    let empty = BarChart::new("Monthly cost by module", usd());
    // Awkward input: a credit, a non-number, a long module path, many tiny groups.
    let mut edge = BarChart::new("Monthly cost by module", usd())
        .bar(
            "module.network.module.nat_gateways.module.per_az[\"eu-west-1a\"]",
            98.55,
        )
        .bar("(root)", 740.1)
        .bar("module.credits", -120.0)
        .bar("module.broken", f64::NAN);
    for i in 0..30 {
        edge = edge.bar(format!("module.small_{i}"), 1.0 + i as f64);
    }
    for theme in [Theme::Light, Theme::Dark] {
        save(&dir, "bars", theme, &bars, (800, bars.suggested_height()));
        save(&dir, "history", theme, &history, (800, 400));
        save(&dir, "history-small", theme, &history, (360, 220));
        save(&dir, "drift", theme, &drift, (800, 400));
        save(
            &dir,
            "delta",
            theme,
            &delta,
            (800, delta.suggested_height()),
        );
        save(&dir, "delta-small", theme, &delta, (360, 260));
        save(&dir, "empty", theme, &empty, (800, 300));
        save(&dir, "edge", theme, &edge, (800, 420));
    }
}

/// Writes `NAME-THEME.png` and `.svg`, printing the paths (or the error).
fn save<C: Chart>(dir: &Path, name: &str, theme: Theme, chart: &C, (w, h): (u32, u32)) {
    let t = if theme == Theme::Light {
        "light"
    } else {
        "dark"
    };
    let opts = Options::new(w, h, theme);
    for (ext, format) in [("png", Format::Png), ("svg", Format::Svg)] {
        let path = dir.join(format!("{name}-{t}.{ext}"));
        match chart
            .render(&opts, format)
            .map(|b| std::fs::write(&path, b))
        {
            Ok(Ok(())) => println!("{}", path.display()),
            Ok(Err(e)) => eprintln!("{}: {e}", path.display()),
            Err(e) => eprintln!("{name}: {e}"),
        }
    }
}
