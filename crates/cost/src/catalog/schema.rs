//! The catalog's SQLite schema. One row per price dimension and tier; the attributes that
//! select a price (instance type, OS, tenancy, storage class, tier…) are kept as a canonical
//! `k=v;k=v` string so the same key is built by importers and by the cost models.

pub const SCHEMA_SQL: &str = "
CREATE TABLE IF NOT EXISTS catalog_meta (
    key   TEXT PRIMARY KEY,   -- version, source
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS prices (
    id             INTEGER PRIMARY KEY,
    provider       TEXT NOT NULL,            -- aws | azure | google
    service        TEXT NOT NULL,            -- ec2, rds, virtual_machines, compute_engine…
    product_family TEXT NOT NULL,            -- instance, storage, requests…
    region         TEXT NOT NULL DEFAULT '', -- '' = global price
    attributes     TEXT NOT NULL DEFAULT '', -- canonical k=v;k=v, keys sorted
    unit           TEXT NOT NULL,            -- hours, GB-months, 1M requests…
    price          REAL NOT NULL,            -- per unit, in currency
    tier_start     REAL NOT NULL DEFAULT 0,  -- tiered prices: usage from which this price applies
    currency       TEXT NOT NULL DEFAULT 'USD',
    effective_date TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT ''  -- bundled | aws-offer-file | azure-retail | gcp-billing-catalog
);
CREATE INDEX IF NOT EXISTS prices_key ON prices (provider, service, product_family, region, attributes);
";
