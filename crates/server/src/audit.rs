//! The audit log: append-only and hash-chained. Entry n stores
//! `hash_n = sha256(hash_{n-1} ‖ canonical JSON of [seq, at, org, actor, action, target,
//! detail])`, with dense sequence numbers. Editing a row breaks its hash; deleting one
//! leaves a gap or breaks the next entry's link. (Truncating the newest entries is only
//! detectable against a copy of the head hash kept elsewhere, which `verify` prints.)
//! Appends happen inside the request's write transaction, which holds the write lock, so
//! the chain has one head even with several instances.

use crate::db::{Database, DbError, Tx, Value};
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub struct Entry<'a> {
    pub org_id: Option<&'a str>,
    /// A user id, or `cli` for the server's own commands. Never a secret.
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    /// JSON; never holds passwords, tokens or hashes.
    pub detail: serde_json::Value,
}

/// The hashed content of an entry, as one canonical JSON array.
struct Fields<'a> {
    seq: i64,
    at: i64,
    org: Option<&'a str>,
    actor: &'a str,
    action: &'a str,
    target: &'a str,
    detail: &'a str,
}

fn entry_hash(prev: &str, f: &Fields<'_>) -> String {
    let fields = serde_json::json!([f.seq, f.at, f.org, f.actor, f.action, f.target, f.detail]);
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(fields.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// Appends within `tx` (which must be a write transaction).
pub async fn append(tx: &mut Tx, e: Entry<'_>) -> Result<i64, DbError> {
    let head = tx
        .query_opt("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])
        .await?;
    let (seq, prev) = match head {
        Some(r) => (r.int(0)? + 1, r.text(1)?),
        None => (1, GENESIS.to_string()),
    };
    let at = crate::now_ms();
    let detail = e.detail.to_string();
    let hash = entry_hash(
        &prev,
        &Fields {
            seq,
            at,
            org: e.org_id,
            actor: e.actor,
            action: e.action,
            target: e.target,
            detail: &detail,
        },
    );
    tx.execute(
        "INSERT INTO audit (seq, at, org_id, actor, action, target, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            seq.into(),
            at.into(),
            e.org_id.into(),
            e.actor.into(),
            e.action.into(),
            e.target.into(),
            detail.into(),
            prev.into(),
            hash.into(),
        ],
    )
    .await?;
    Ok(seq)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: i64, head: String },
    Broken { seq: i64, reason: String },
}

/// Walks the whole chain in pages.
pub async fn verify(db: &Database) -> Result<Verdict, DbError> {
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    loop {
        let mut tx = db.read().await?;
        let rows = tx
            .query(
                "SELECT seq, at, org_id, actor, action, target, detail, prev_hash, hash
                 FROM audit WHERE seq >= $1 ORDER BY seq LIMIT 1000",
                &[Value::Int(expected_seq)],
            )
            .await?;
        drop(tx);
        if rows.is_empty() {
            return Ok(Verdict::Intact {
                entries: expected_seq - 1,
                head: prev,
            });
        }
        for r in rows {
            let seq = r.int(0)?;
            if seq != expected_seq {
                return Ok(Verdict::Broken {
                    seq: expected_seq,
                    reason: format!("entry {expected_seq} is missing (next present: {seq})"),
                });
            }
            let stored_prev = r.text(7)?;
            if stored_prev != prev {
                return Ok(Verdict::Broken {
                    seq,
                    reason: format!("entry {seq} does not link to entry {}", seq - 1),
                });
            }
            let org = r.opt_text(2)?;
            let (actor, action, target, detail) = (r.text(3)?, r.text(4)?, r.text(5)?, r.text(6)?);
            let computed = entry_hash(
                &prev,
                &Fields {
                    seq,
                    at: r.int(1)?,
                    org: org.as_deref(),
                    actor: &actor,
                    action: &action,
                    target: &target,
                    detail: &detail,
                },
            );
            let stored = r.text(8)?;
            if computed != stored {
                return Ok(Verdict::Broken {
                    seq,
                    reason: format!(
                        "entry {seq} was modified (its hash does not match its content)"
                    ),
                });
            }
            prev = stored;
            expected_seq += 1;
        }
    }
}
