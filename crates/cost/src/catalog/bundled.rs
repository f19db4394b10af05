//! The bundled catalog: `data/prices.csv` (our own data file: version and source in its
//! `#` header lines) compiled into the binary and loaded into SQLite on first use.

use super::{csv::parse_line, insert_rows, PriceRow, SCHEMA_SQL};
use crate::error::CostError;
use rusqlite::Connection;

pub const BUNDLED_CSV: &str = include_str!("../../data/prices.csv");

/// Header metadata (`# key: value`) of the bundled CSV.
pub fn meta(key: &str) -> String {
    BUNDLED_CSV
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// Rows of the bundled CSV. Columns:
/// provider,service,family,region,attributes,unit,price,tier_start
pub fn bundled_rows() -> Result<Vec<PriceRow>, String> {
    let effective = meta("effective_date");
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (n, line) in BUNDLED_CSV.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let f = parse_line(line);
        if f.len() < 7 {
            return Err(format!(
                "data/prices.csv line {}: expected 7 or 8 fields, got {}",
                n + 1,
                f.len()
            ));
        }
        let price: f64 = f[6]
            .parse()
            .map_err(|_| format!("data/prices.csv line {}: bad price {:?}", n + 1, f[6]))?;
        let tier_start: f64 = f
            .get(7)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse())
            .transpose()
            .map_err(|_| format!("data/prices.csv line {}: bad tier", n + 1))?
            .unwrap_or(0.0);
        // One line may list several regions (`us-east-1|us-east-2`) that share a price.
        for region in f[3].split('|') {
            rows.push(PriceRow {
                provider: f[0].clone(),
                service: f[1].clone(),
                product_family: f[2].clone(),
                region: region.to_string(),
                attributes: f[4].clone(),
                unit: f[5].clone(),
                price,
                tier_start,
                currency: "USD".into(),
                effective_date: effective.clone(),
                source: "bundled".into(),
            });
        }
    }
    Ok(rows)
}

pub(super) fn load_into(conn: &mut Connection) -> Result<(), CostError> {
    conn.execute_batch(SCHEMA_SQL)?;
    let rows = bundled_rows()
        .map_err(|e| CostError::new("cost.catalog", e, "fix crates/cost/data/prices.csv"))?;
    insert_rows(conn, &rows, &meta("version"), &meta("source"))?;
    Ok(())
}
