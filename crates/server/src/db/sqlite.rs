//! The embedded backend: one rusqlite connection (WAL, `synchronous=FULL` so an acknowledged
//! write survives kill -9 and power loss), used off the async workers (see `blocking`). SQLite has a
//! single writer anyway, so one connection behind an async lock is the simplest correct
//! pool; a transaction holds the lock from BEGIN to COMMIT.

use super::{DbError, Row, Value};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

#[derive(Clone)]
pub struct SqliteDb {
    conn: Arc<Mutex<Connection>>,
    tx_lock: Arc<AsyncMutex<()>>,
}

impl SqliteDb {
    pub fn open(dir: &Path) -> Result<Self, DbError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbError::Other(format!("cannot create {}: {e}", dir.display())))?;
        let conn = Connection::open(dir.join("orbis-server.sqlite3"))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(DbError::Other(format!(
                "journal mode is {mode}, expected wal"
            )));
        }
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;")?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            tx_lock: Arc::new(AsyncMutex::new(())),
        })
    }

    pub async fn begin(&self, write: bool) -> Result<SqliteTx, DbError> {
        let guard = self.tx_lock.clone().lock_owned().await;
        let mut tx = SqliteTx {
            conn: self.conn.clone(),
            _guard: guard,
            open: false,
        };
        tx.script(if write { "BEGIN IMMEDIATE" } else { "BEGIN" })
            .await?;
        tx.open = true;
        Ok(tx)
    }
}

pub struct SqliteTx {
    conn: Arc<Mutex<Connection>>,
    _guard: OwnedMutexGuard<()>,
    open: bool,
}

/// Runs `f` on the connection off the async workers: on the multi-threaded runtime (the
/// server's) with `block_in_place`, which hands this worker's other tasks to the rest of the
/// pool instead of hopping to a pool thread per statement; elsewhere on the blocking pool.
async fn blocking<T: Send + 'static>(
    conn: &Arc<Mutex<Connection>>,
    f: impl FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
) -> Result<T, DbError> {
    let multi_thread = tokio::runtime::Handle::try_current()
        .map(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread)
        .unwrap_or(false);
    if multi_thread {
        return tokio::task::block_in_place(|| {
            let c = conn
                .lock()
                .map_err(|_| DbError::Other("sqlite connection poisoned".into()))?;
            f(&c)
        });
    }
    let conn = conn.clone();
    tokio::task::spawn_blocking(move || {
        let c = conn
            .lock()
            .map_err(|_| DbError::Other("sqlite connection poisoned".into()))?;
        f(&c)
    })
    .await
    .map_err(|e| DbError::Other(format!("blocking task: {e}")))?
}

/// Binds `$1…$n` by name, so a statement may use them in any order or repeat them.
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &[Value]) -> Result<(), DbError> {
    for (i, v) in params.iter().enumerate() {
        let Some(index) = stmt.parameter_index(&format!("${}", i + 1))? else {
            continue;
        };
        match v {
            Value::Null => stmt.raw_bind_parameter(index, rusqlite::types::Null)?,
            Value::Int(n) => stmt.raw_bind_parameter(index, n)?,
            Value::Text(s) => stmt.raw_bind_parameter(index, s)?,
        }
    }
    Ok(())
}

impl SqliteTx {
    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let (sql, params) = (sql.to_string(), params.to_vec());
        blocking(&self.conn, move |c| {
            let mut stmt = c.prepare_cached(&sql)?;
            bind(&mut stmt, &params)?;
            let n = stmt.column_count();
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let mut row = Vec::with_capacity(n);
                for i in 0..n {
                    row.push(match r.get_ref(i)? {
                        ValueRef::Null => Value::Null,
                        ValueRef::Integer(v) => Value::Int(v),
                        ValueRef::Real(v) => Value::Int(v as i64),
                        ValueRef::Text(t) | ValueRef::Blob(t) => {
                            Value::Text(String::from_utf8_lossy(t).into_owned())
                        }
                    });
                }
                out.push(Row(row));
            }
            Ok(out)
        })
        .await
    }

    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let (sql, params) = (sql.to_string(), params.to_vec());
        blocking(&self.conn, move |c| {
            let mut stmt = c.prepare_cached(&sql)?;
            bind(&mut stmt, &params)?;
            Ok(stmt.raw_execute()? as u64)
        })
        .await
    }

    pub async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        let sql = sql.to_string();
        blocking(&self.conn, move |c| Ok(c.execute_batch(&sql)?)).await
    }

    pub async fn commit(mut self) -> Result<(), DbError> {
        self.script("COMMIT").await?;
        self.open = false;
        Ok(())
    }
}

impl Drop for SqliteTx {
    /// A transaction dropped without commit (an error, a cancelled request) is rolled back
    /// before the next one may start (the async lock is released after this runs).
    fn drop(&mut self) {
        if self.open {
            if let Ok(c) = self.conn.lock() {
                let _ = c.execute_batch("ROLLBACK");
            }
        }
    }
}
