//! Storage: one SQL dialect over two backends. Queries are written once with `$1, $2…`
//! placeholders and only `TEXT`/`BIGINT` columns, which SQLite and PostgreSQL read the same
//! way; the few differences (auto-increment column, write serialization) live in the
//! backends. Handlers work on a `Tx`; nothing a request needs is kept in process memory, so
//! several instances can share one PostgreSQL database.

mod migrations;
mod postgres;
mod sqlite;

pub use migrations::LATEST as SCHEMA_VERSION;

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("postgres pool: {0}")]
    Pool(String),
    #[error("{0}")]
    Other(String),
}

impl DbError {
    /// A unique constraint refused the write (a name already taken), in either backend.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            DbError::Postgres(e) => {
                e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION)
            }
            _ => false,
        }
    }
}

/// A value bound to or read from a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(v as i64)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Value::Null)
    }
}

/// One result row; getters fail (never panic) on a type or index mismatch.
#[derive(Debug, Clone)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> Result<&Value, DbError> {
        self.0
            .get(i)
            .ok_or_else(|| DbError::Other(format!("no column {i}")))
    }
    pub fn int(&self, i: usize) -> Result<i64, DbError> {
        match self.at(i)? {
            Value::Int(v) => Ok(*v),
            other => Err(DbError::Other(format!(
                "column {i}: expected int, got {other:?}"
            ))),
        }
    }
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }
    pub fn text(&self, i: usize) -> Result<String, DbError> {
        match self.at(i)? {
            Value::Text(v) => Ok(v.clone()),
            other => Err(DbError::Other(format!(
                "column {i}: expected text, got {other:?}"
            ))),
        }
    }
    pub fn opt_text(&self, i: usize) -> Result<Option<String>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }
}

/// An open database: the embedded SQLite file or a PostgreSQL pool.
#[derive(Clone)]
pub enum Database {
    Sqlite(sqlite::SqliteDb),
    Postgres(postgres::PgDb),
}

impl Database {
    /// `<dir>/orbis-server.sqlite3`, created if needed.
    pub fn open_sqlite(dir: &Path) -> Result<Self, DbError> {
        Ok(Database::Sqlite(sqlite::SqliteDb::open(dir)?))
    }

    pub async fn connect_postgres(url: &str) -> Result<Self, DbError> {
        Ok(Database::Postgres(postgres::PgDb::connect(url).await?))
    }

    /// Opens from the CLI's `--database` URL, or the SQLite file in `--data`.
    pub async fn open(url: Option<&str>, data: &Path) -> Result<Self, DbError> {
        match url {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Self::connect_postgres(u).await
            }
            Some(u) => match u.strip_prefix("sqlite://") {
                Some(path) => Self::open_sqlite(Path::new(path)),
                None => Err(DbError::Other(
                    "--database must be postgres://… or sqlite://DIR".into(),
                )),
            },
            None => Self::open_sqlite(data),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }

    /// A read transaction (a consistent snapshot on PostgreSQL's default isolation per
    /// statement; SQLite serializes through its one connection).
    pub async fn read(&self) -> Result<Tx, DbError> {
        self.begin(false).await
    }

    /// A write transaction. Writes are serialized (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a
    /// transaction-scoped advisory lock) so the feed's sequence numbers become visible in
    /// order — a puller's cursor never skips a row committed late — and the audit chain has
    /// exactly one head.
    pub async fn write(&self) -> Result<Tx, DbError> {
        self.begin(true).await
    }

    async fn begin(&self, write: bool) -> Result<Tx, DbError> {
        match self {
            Database::Sqlite(db) => Ok(Tx::Sqlite(db.begin(write).await?)),
            Database::Postgres(db) => Ok(Tx::Postgres(Box::new(db.begin(write).await?))),
        }
    }

    /// Brings the schema up to date (run at start by every instance; concurrent starts are
    /// serialized by the write lock).
    pub async fn migrate(&self) -> Result<i64, DbError> {
        migrations::run(self).await
    }
}

pub enum Tx {
    Sqlite(sqlite::SqliteTx),
    Postgres(Box<postgres::PgTx>),
}

impl Tx {
    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        match self {
            Tx::Sqlite(t) => t.query(sql, params).await,
            Tx::Postgres(t) => t.query(sql, params).await,
        }
    }

    pub async fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, DbError> {
        Ok(self.query(sql, params).await?.into_iter().next())
    }

    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        match self {
            Tx::Sqlite(t) => t.execute(sql, params).await,
            Tx::Postgres(t) => t.execute(sql, params).await,
        }
    }

    /// Runs a DDL script (migrations): `{serial}` becomes the backend's auto-increment key.
    pub(crate) async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(t) => {
                t.script(&sql.replace("{serial}", "INTEGER PRIMARY KEY AUTOINCREMENT"))
                    .await
            }
            Tx::Postgres(t) => {
                t.script(&sql.replace("{serial}", "BIGSERIAL PRIMARY KEY"))
                    .await
            }
        }
    }

    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => (*t).commit().await,
        }
    }
}
