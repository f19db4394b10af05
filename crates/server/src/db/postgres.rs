//! The PostgreSQL backend (tokio-postgres through a deadpool pool), for several server
//! instances behind a load balancer. Write transactions take one transaction-scoped advisory
//! lock: writes commit in sequence order (see `Database::write`).

use super::{DbError, Row, Value};
use bytes::BytesMut;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use tokio_postgres::NoTls;

/// Any constant works; it only has to be the same in every instance.
const WRITE_LOCK_KEY: i64 = 0x0_7e77_a0b1;

#[derive(Clone)]
pub struct PgDb {
    pool: Pool,
}

impl PgDb {
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        let config: tokio_postgres::Config = url.parse()?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(|e| DbError::Pool(e.to_string()))?;
        // Fail at start, not at the first request, when the database is unreachable.
        drop(pool.get().await.map_err(|e| DbError::Pool(e.to_string()))?);
        Ok(Self { pool })
    }

    pub async fn begin(&self, write: bool) -> Result<PgTx, DbError> {
        let client = self
            .pool
            .get()
            .await
            .map_err(|e| DbError::Pool(e.to_string()))?;
        let mut tx = PgTx {
            client: Some(client),
            open: false,
        };
        tx.script("BEGIN").await?;
        tx.open = true;
        if write {
            tx.execute(
                "SELECT pg_advisory_xact_lock($1)",
                &[Value::Int(WRITE_LOCK_KEY)],
            )
            .await?;
        }
        Ok(tx)
    }
}

pub struct PgTx {
    client: Option<Object>,
    open: bool,
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) if *ty == Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
            Value::Int(v) => v.to_sql(ty, out),
            Value::Text(s) => s.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        <i64 as ToSql>::accepts(ty) || <i32 as ToSql>::accepts(ty) || <String as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

fn read_row(row: &tokio_postgres::Row) -> Result<Row, DbError> {
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let t = col.type_();
        let v = if *t == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
        } else if *t == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Int(v.into()))
        } else if *t == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Int(v.into()))
        } else if *t == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?
                .map(|v| Value::Int(v.into()))
        } else if *t == Type::VOID {
            None
        } else {
            row.try_get::<_, Option<String>>(i)?.map(Value::Text)
        };
        out.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(out))
}

impl PgTx {
    fn client(&self) -> &Object {
        self.client.as_ref().expect("client present until drop")
    }

    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let c = self.client();
        let stmt = c.prepare_cached(sql).await?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        c.query(&stmt, &refs).await?.iter().map(read_row).collect()
    }

    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let c = self.client();
        let stmt = c.prepare_cached(sql).await?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        Ok(c.execute(&stmt, &refs).await?)
    }

    pub async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        Ok(self.client().batch_execute(sql).await?)
    }

    pub async fn commit(mut self) -> Result<(), DbError> {
        if self.open {
            self.script("COMMIT").await?;
            self.open = false;
        }
        Ok(())
    }
}

impl Drop for PgTx {
    /// An unfinished transaction (an error answer, a cancelled request) must never go back to
    /// the pool as it is: it is rolled back on a task of its own, and the connection returns
    /// to the pool only if that worked. Outside a runtime the connection is closed instead,
    /// which makes PostgreSQL roll back.
    fn drop(&mut self) {
        if !self.open {
            return;
        }
        let Some(obj) = self.client.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(async move {
                    if obj.batch_execute("ROLLBACK").await.is_err() {
                        drop(Object::take(obj));
                    }
                });
            }
            Err(_) => drop(Object::take(obj)),
        }
    }
}
