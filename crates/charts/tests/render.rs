//! Every chart renders to well-formed SVG with its labels and to a PNG of the requested size
//! that is not blank, whatever the values (empty, NaN, negative, huge) — and the same bytes
//! every time.

mod common;

use common::{decode_png, svg_texts};
use orbis_charts::{BarChart, Chart, DeltaChart, Format, Options, Theme, TimeSeriesChart, Unit};

const NOV_27_2026: i64 = 1_795_737_600; // 2026-11-27 00:00 UTC
const DAY: i64 = 86_400;

fn services() -> BarChart {
    BarChart::new("Monthly cost by service", Unit::money("USD"))
        .subtitle("Total $1,588.06 · 12 resources")
        .bar("aws/rds", 99.0)
        .bar("aws/ec2", 1234.56)
        .bar("aws/nat_gateway", 32.85)
        .bar("aws/s3", 221.65)
}

fn history() -> TimeSeriesChart {
    TimeSeriesChart::new("Estimate history", Unit::money("USD"))
        .series(
            "prod",
            &[
                (NOV_27_2026 - 20 * DAY, 1200.0),
                (NOV_27_2026 - 10 * DAY, 1400.0),
                (NOV_27_2026, 1588.06),
            ],
        )
        .series(
            "staging",
            &[(NOV_27_2026 - 15 * DAY, 300.0), (NOV_27_2026, 250.0)],
        )
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

#[test]
fn a_breakdown_svg_is_xml_with_sorted_labels_and_money_values() {
    let svg = services().to_svg(&Options::default()).unwrap();
    let texts = svg_texts(&svg);
    for want in [
        "Monthly cost by service",
        "Total $1,588.06",
        "$1,234.56",
        "$32.85",
        "aws/nat_gateway",
    ] {
        assert!(has(&texts, want), "{want} missing from {texts:?}");
    }
    // Largest first: the ec2 label comes before rds in drawing order.
    let pos = |l: &str| texts.iter().position(|t| t == l).unwrap();
    assert!(pos("aws/ec2") < pos("aws/s3") && pos("aws/s3") < pos("aws/rds"));
    assert!(svg.contains("width=\"800\"") && svg.contains("height=\"450\""));
}

#[test]
fn a_breakdown_png_has_the_requested_size_and_is_not_flat() {
    let png = services()
        .to_png(&Options::new(640, 360, Theme::Light))
        .unwrap();
    let img = decode_png(&png);
    assert_eq!((img.width, img.height), (640, 360));
    // Background, text antialiasing, bars, grid: far more than one colour.
    assert!(
        img.distinct_colours() > 10,
        "{} colours",
        img.distinct_colours()
    );
    assert_eq!(img.pixel(0, 0), vec![255, 255, 255]);
}

#[test]
fn the_dark_theme_has_a_dark_background() {
    let img = decode_png(
        &services()
            .to_png(&Options::new(400, 300, Theme::Dark))
            .unwrap(),
    );
    let bg = img.pixel(1, 1);
    assert!(bg.iter().all(|c| *c < 60), "{bg:?}");
    let svg = services()
        .to_svg(&Options::new(400, 300, Theme::Dark))
        .unwrap();
    assert!(
        svg.contains("#1C1F26") || svg.contains("#1c1f26"),
        "dark fill"
    );
}

#[test]
fn rendering_is_deterministic() {
    let o = Options::default();
    assert_eq!(
        services().to_svg(&o).unwrap(),
        services().to_svg(&o).unwrap()
    );
    assert_eq!(
        services().to_png(&o).unwrap(),
        services().to_png(&o).unwrap()
    );
    assert_eq!(history().to_png(&o).unwrap(), history().to_png(&o).unwrap());
}

#[test]
fn empty_charts_say_no_costs() {
    let o = Options::default();
    let bars = BarChart::new("Monthly cost by module", Unit::money("USD"));
    let series = TimeSeriesChart::new("Estimate history", Unit::money("USD"));
    let delta = DeltaChart::new("Plan", Unit::money("USD"));
    for svg in [bars.to_svg(&o), series.to_svg(&o), delta.to_svg(&o)] {
        assert!(has(&svg_texts(&svg.unwrap()), "No costs"));
    }
    let img = decode_png(&bars.to_png(&o).unwrap());
    assert!(img.distinct_colours() > 2, "title and message are drawn");
    // Only non-numbers is empty too, and says why.
    let nan = BarChart::new("t", Unit::money("USD")).bar("a", f64::NAN);
    let texts = svg_texts(&nan.to_svg(&o).unwrap());
    assert!(has(&texts, "No costs") && has(&texts, "1 value(s) not shown"));
}

#[test]
fn hostile_values_and_labels_render_without_panicking() {
    let chart = BarChart::new("Edge <cases> & \"quotes\"", Unit::money("USD"))
        .bar("negative credit", -250.0)
        .bar("huge", 1e300)
        .bar("max", f64::MAX)
        .bar("tiny", 1e-9)
        .bar("subnormal", 5e-324)
        .bar("inf", f64::INFINITY)
        .bar("ctl\u{0}\u{7}chars", 3.0)
        .bar(
            "a label so long it would push the bars off the chart entirely ".repeat(5),
            10.0,
        )
        .bar("", 0.0);
    for (w, h) in [(1, 1), (200, 200), (800, 450), (5000, 100)] {
        let o = Options::new(w, h, Theme::Light);
        let texts = svg_texts(&chart.to_svg(&o).unwrap());
        // Shortened to fit at 200 pixels, whole at the wider sizes.
        assert!(has(&texts, "Edge <"), "{texts:?}");
        assert_eq!(
            has(&texts, "Edge <cases> & \"quotes\""),
            w >= 800,
            "{texts:?}"
        );
        let img = decode_png(&chart.to_png(&o).unwrap());
        assert_eq!((img.width, img.height), o.size());
    }
    let texts = svg_texts(
        &chart
            .to_svg(&Options::new(1200, 600, Theme::Light))
            .unwrap(),
    );
    assert!(
        has(&texts, "-$250.00") && has(&texts, "$1.0e300"),
        "{texts:?}"
    );
    assert!(has(&texts, "…"), "the long label is shortened");
    let only_negative = BarChart::new("credits", Unit::money("EUR")).bar("x", -5.0);
    assert!(has(
        &svg_texts(&only_negative.to_svg(&Options::default()).unwrap()),
        "-€5.00"
    ));
}

#[test]
fn many_bars_fold_into_other_and_keep_the_total() {
    let mut chart = BarChart::new("By module", Unit::money("USD"));
    for i in 0..200 {
        chart = chart.bar(format!("module.m{i}"), 1.0);
    }
    let texts = svg_texts(&chart.to_svg(&Options::new(600, 300, Theme::Light)).unwrap());
    let other = texts
        .iter()
        .find(|t| t.starts_with("Other ("))
        .expect("an Other row");
    let folded: usize = other[7..other.len() - 1].parse().unwrap();
    let shown = texts.iter().filter(|t| t.starts_with("module.m")).count();
    assert_eq!(shown + folded, 200);
    assert!(chart.suggested_height() > 300);
}

#[test]
fn a_time_series_has_a_legend_dates_and_money_ticks() {
    let texts = svg_texts(&history().to_svg(&Options::default()).unwrap());
    for want in ["Estimate history", "prod", "staging", "2026-11-", "$"] {
        assert!(has(&texts, want), "{want} missing from {texts:?}");
    }
    let img = decode_png(
        &history()
            .step(true)
            .to_png(&Options::new(700, 300, Theme::Dark))
            .unwrap(),
    );
    assert_eq!((img.width, img.height), (700, 300));
    assert!(img.distinct_colours() > 10);
}

#[test]
fn drift_counts_are_a_time_series_of_several_named_series() {
    let chart = TimeSeriesChart::new("Drift", Unit::Count)
        .step(true)
        .empty_text("No drift checks yet")
        .series(
            "managed",
            &[(NOV_27_2026, 120.0), (NOV_27_2026 + 3600, 118.0)],
        )
        .series(
            "unmanaged",
            &[(NOV_27_2026, 4.0), (NOV_27_2026 + 3600, 5.0)],
        )
        .series("missing", &[(NOV_27_2026 + 3600, 2.0)])
        .series(
            "changed",
            &[(NOV_27_2026, f64::NAN), (NOV_27_2026 + 3600, 1.0)],
        );
    let texts = svg_texts(&chart.to_svg(&Options::default()).unwrap());
    for want in ["managed", "unmanaged", "missing", "changed", "2026-11-27 "] {
        assert!(has(&texts, want), "{want} missing from {texts:?}");
    }
    assert!(!has(&texts, "$"), "counts have no currency");
    let empty = TimeSeriesChart::new("Drift", Unit::Count).empty_text("No drift checks yet");
    assert!(has(
        &svg_texts(&empty.to_svg(&Options::default()).unwrap()),
        "No drift checks yet"
    ));
    // One point, negative and huge values.
    let odd = TimeSeriesChart::new("odd", Unit::money("USD"))
        .series("one", &[(0, -5.0)])
        .series("big", &[(0, 1e300), (DAY, f64::INFINITY)])
        .series("far", &[(i64::MIN, 1.0), (i64::MAX, 2.0)]);
    svg_texts(&odd.to_svg(&Options::default()).unwrap());
    decode_png(&odd.to_png(&Options::default()).unwrap());
}

#[test]
fn a_delta_shows_before_after_and_the_signed_change() {
    let chart = DeltaChart::new("Plan: monthly cost by service", Unit::money("USD"))
        .row("aws/ec2", 100.0, 120.0)
        .row("aws/rds", 50.0, 20.0)
        .row("aws/s3", 5.0, 5.0)
        .row("aws/nat_gateway", 0.0, 32.85);
    let texts = svg_texts(&chart.to_svg(&Options::default()).unwrap());
    for want in [
        "before", "after", "+$20.00", "-$30.00", "±$0.00", "+$32.85", "$120.00",
    ] {
        assert!(has(&texts, want), "{want} missing from {texts:?}");
    }
    let pos = |l: &str| texts.iter().position(|t| t == l).unwrap();
    assert!(
        pos("aws/nat_gateway") < pos("aws/ec2"),
        "largest change first"
    );
    let img = decode_png(&chart.to_png(&Options::new(500, 300, Theme::Light)).unwrap());
    assert_eq!((img.width, img.height), (500, 300));
}

#[test]
fn render_picks_the_format_from_the_file_name() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("a/b.SVG")), Some(Format::Svg));
    assert_eq!(Format::from_path(Path::new("b.png")), Some(Format::Png));
    assert_eq!(Format::from_path(Path::new("b.jpg")), None);
    let o = Options::default();
    let png = services().render(&o, Format::Png).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let svg = services().render(&o, Format::Svg).unwrap();
    assert!(svg.starts_with(b"<svg"));
}

#[test]
fn a_bar_with_a_note_shows_the_note_instead_of_the_value() {
    let chart = BarChart::new("Monthly cost by service", Unit::money("USD"))
        .bar("aws/ec2", 35.49)
        .bar_with_note("aws/s3", 0.0, "usage-based — not estimated");
    let texts = svg_texts(&chart.to_svg(&Options::default()).unwrap());
    assert!(has(&texts, "usage-based — not estimated"), "{texts:?}");
    assert!(has(&texts, "$35.49"));
    assert!(!has(&texts, "$0.00"), "{texts:?}");
}
