//! The price catalog: a SQLite database of prices (schema in `schema.rs`), bundled in the
//! binary (`data/prices.csv`, turned into SQLite on first use) and extendable with prices
//! imported from the clouds' own price files (`crate::import`). Lookups go through an
//! in-memory index built once from the database, so pricing 10,000 resources costs hash
//! lookups, not SQL queries.

mod bundled;
pub mod csv;
mod schema;

pub use bundled::{bundled_rows, BUNDLED_CSV};
pub use schema::SCHEMA_SQL;

use crate::error::CostError;
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// One row of the `prices` table.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceRow {
    pub provider: String,
    pub service: String,
    pub product_family: String,
    /// Region code (`us-east-1`, `westeurope`, `europe-west1`) or empty for global prices.
    pub region: String,
    /// Canonical attributes `k=v;k=v` sorted by key (instance type, OS, tenancy, tier…).
    pub attributes: String,
    pub unit: String,
    pub price: f64,
    /// Start of the usage tier this price applies from (0 for untiered prices).
    pub tier_start: f64,
    pub currency: String,
    pub effective_date: String,
    pub source: String,
}

/// A price tier: `price` per unit from `start` units on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tier {
    pub start: f64,
    pub price: f64,
}

/// provider, service, family, region, attributes joined by U+001F: one allocation per lookup.
type Key = String;

fn join_key(provider: &str, service: &str, family: &str, region: &str, attributes: &str) -> Key {
    let mut k = String::with_capacity(
        provider.len() + service.len() + family.len() + region.len() + attributes.len() + 4,
    );
    for (i, part) in [provider, service, family, region, attributes]
        .iter()
        .enumerate()
    {
        if i > 0 {
            k.push('\u{1f}');
        }
        k.push_str(part);
    }
    k
}

/// Read-only price index. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Catalog {
    index: Arc<HashMap<Key, Vec<Tier>>>,
    pub version: String,
    pub source: String,
}

/// Canonical attribute string: `k=v` pairs sorted by key, joined with `;`.
pub fn attrs(pairs: &[(&str, &str)]) -> String {
    let mut v: Vec<(&str, &str)> = pairs.to_vec();
    v.sort();
    v.iter()
        .map(|(k, val)| format!("{k}={}", val.to_ascii_lowercase()))
        .collect::<Vec<_>>()
        .join(";")
}

impl Catalog {
    /// The catalog built into the binary. Built once per process.
    pub fn bundled() -> Catalog {
        static BUNDLED: OnceLock<Catalog> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                // The bundled CSV is checked by tests; a broken one would give an empty catalog
                // (every component "price not found") rather than a crash.
                let build = || -> Result<Catalog, CostError> {
                    let mut c = Connection::open_in_memory()?;
                    bundled::load_into(&mut c)?;
                    Catalog::from_connection(&c)
                };
                build().unwrap_or_else(|_| Catalog::empty())
            })
            .clone()
    }

    pub fn empty() -> Catalog {
        Catalog {
            index: Arc::new(HashMap::new()),
            version: "empty".into(),
            source: String::new(),
        }
    }

    /// Builds the index from an open catalog database.
    pub fn from_connection(conn: &Connection) -> Result<Catalog, CostError> {
        let meta = |k: &str| -> String {
            conn.query_row("SELECT value FROM catalog_meta WHERE key = ?1", [k], |r| {
                r.get(0)
            })
            .unwrap_or_default()
        };
        let version = meta("version");
        let source = meta("source");
        let mut stmt = conn.prepare(
            "SELECT provider, service, product_family, region, attributes, price, tier_start
             FROM prices WHERE currency = 'USD' ORDER BY tier_start",
        )?;
        let mut index: HashMap<Key, Vec<Tier>> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            let parts: [String; 5] = [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?];
            Ok((
                join_key(&parts[0], &parts[1], &parts[2], &parts[3], &parts[4]),
                Tier {
                    price: r.get(5)?,
                    start: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (key, tier) = row?;
            let tiers = index.entry(key).or_default();
            // Re-imported rows replace the tier with the same start rather than duplicate it.
            tiers.retain(|t: &Tier| t.start != tier.start);
            tiers.push(tier);
        }
        Ok(Catalog {
            index: Arc::new(index),
            version,
            source,
        })
    }

    /// Opens a catalog database written by `import` (or `write_bundled`) and layers it over
    /// the bundled prices: imported prices win.
    pub fn open_with_bundled(path: &Path) -> Result<Catalog, CostError> {
        let conn = open_db(path)?;
        let user = Catalog::from_connection(&conn)?;
        let mut merged: HashMap<Key, Vec<Tier>> = (*Catalog::bundled().index).clone();
        for (k, v) in user.index.iter() {
            merged.insert(k.clone(), v.clone());
        }
        Ok(Catalog {
            index: Arc::new(merged),
            version: format!("{}+{}", Catalog::bundled().version, user.version),
            source: user.source,
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Tiers of one price; falls back to the global (region-less) price.
    pub fn tiers(
        &self,
        provider: &str,
        service: &str,
        family: &str,
        region: &str,
        attributes: &str,
    ) -> Option<&[Tier]> {
        let key = |r: &str| join_key(provider, service, family, r, attributes);
        self.index
            .get(&key(region))
            .or_else(|| self.index.get(&key("")))
            .map(Vec::as_slice)
    }

    /// The first-tier price.
    pub fn price(
        &self,
        provider: &str,
        service: &str,
        family: &str,
        region: &str,
        attributes: &str,
    ) -> Option<f64> {
        self.tiers(provider, service, family, region, attributes)
            .and_then(|t| t.first())
            .map(|t| t.price)
    }

    /// Regions that have any price for this provider (for documentation and checks).
    pub fn regions(&self, provider: &str) -> Vec<String> {
        let mut r: Vec<String> = self
            .index
            .keys()
            .filter_map(|k| {
                let parts: Vec<&str> = k.split('\u{1f}').collect();
                (parts.first() == Some(&provider)
                    && parts.get(3).map(|r| !r.is_empty()).unwrap_or(false))
                .then(|| parts[3].to_string())
            })
            .collect();
        r.sort();
        r.dedup();
        r
    }
}

/// Writes the bundled catalog into a SQLite file (what the app ships and users can inspect).
pub fn write_bundled(path: &Path) -> Result<(), CostError> {
    let mut conn = open_db(path)?;
    bundled::load_into(&mut conn)
}

/// Opens (creating if needed) a catalog database file with the current schema.
pub fn open_db(path: &Path) -> Result<Connection, CostError> {
    let conn = Connection::open(path).map_err(|e| {
        CostError::new(
            "cost.catalog",
            format!("cannot open price catalog {}: {e}", path.display()),
            "check the path and its permissions",
        )
    })?;
    conn.execute_batch(SCHEMA_SQL).map_err(|e| {
        CostError::new(
            "cost.catalog",
            format!("{} is not a usable price catalog: {e}", path.display()),
            "give a catalog file written by `orbis cost` importers, or a new file name",
        )
    })?;
    Ok(conn)
}

/// Writes rows in one transaction and records the catalog version and source.
pub fn insert_rows(
    conn: &mut Connection,
    rows: &[PriceRow],
    version: &str,
    source: &str,
) -> Result<usize, CostError> {
    let tx = conn.transaction()?;
    {
        let mut del = tx.prepare_cached(
            "DELETE FROM prices WHERE provider=?1 AND service=?2 AND product_family=?3 AND region=?4 AND attributes=?5 AND tier_start=?6 AND currency=?7",
        )?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO prices (provider, service, product_family, region, attributes, unit, price, tier_start, currency, effective_date, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for r in rows {
            del.execute(params![
                r.provider,
                r.service,
                r.product_family,
                r.region,
                r.attributes,
                r.tier_start,
                r.currency
            ])?;
            ins.execute(params![
                r.provider,
                r.service,
                r.product_family,
                r.region,
                r.attributes,
                r.unit,
                r.price,
                r.tier_start,
                r.currency,
                r.effective_date,
                r.source
            ])?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('version', ?1)",
            [version],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('source', ?1)",
            [source],
        )?;
    }
    tx.commit()?;
    Ok(rows.len())
}
