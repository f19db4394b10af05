//! Versioned schema migrations, the same list for SQLite and PostgreSQL (`{serial}` is the
//! only dialect word). Each instance runs them at start inside one write transaction, so
//! concurrent starts apply each migration once; a database from a newer server is refused.
//! Never edit a shipped migration; append one.

use super::{Database, DbError, Value};

const MIGRATIONS: &[&str] = &[
    // 1: tenancy, accounts, tokens, records, the sync feed and the audit chain.
    "CREATE TABLE orgs (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL
     );
     -- password_hash is NULL for accounts that will sign in through OIDC only; an OIDC
     -- identity will be a row (issuer, subject) -> user_id in a table of its own.
     CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        org_id        TEXT NOT NULL REFERENCES orgs(id),
        username      TEXT NOT NULL,
        password_hash TEXT,
        org_admin     BIGINT NOT NULL DEFAULT 0,
        disabled      BIGINT NOT NULL DEFAULT 0,
        created_at    BIGINT NOT NULL,
        UNIQUE (org_id, username)
     );
     CREATE TABLE teams (
        id         TEXT PRIMARY KEY,
        org_id     TEXT NOT NULL REFERENCES orgs(id),
        name       TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (org_id, name)
     );
     CREATE TABLE workspaces (
        id         TEXT PRIMARY KEY,
        org_id     TEXT NOT NULL REFERENCES orgs(id),
        team_id    TEXT NOT NULL REFERENCES teams(id),
        name       TEXT NOT NULL,
        metadata   TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (org_id, name)
     );
     CREATE TABLE grants (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        user_id      TEXT NOT NULL REFERENCES users(id),
        role         TEXT NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
     );
     -- Only the sha256 of a token's secret is stored (secrets are 256 random bits).
     CREATE TABLE tokens (
        id          TEXT PRIMARY KEY,
        user_id     TEXT NOT NULL REFERENCES users(id),
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        max_role    TEXT NOT NULL,
        workspaces  TEXT,
        created_at  BIGINT NOT NULL,
        expires_at  BIGINT NOT NULL,
        revoked_at  BIGINT
     );
     CREATE INDEX tokens_by_user ON tokens(user_id);
     -- Records pushed by clients, keyed by the client-generated id within a workspace.
     CREATE TABLE records (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        id           TEXT NOT NULL,
        kind         TEXT NOT NULL,
        plan_sha256  TEXT,
        environment  TEXT,
        status       TEXT,
        body         TEXT NOT NULL,
        author_id    TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        updated_at   BIGINT NOT NULL,
        PRIMARY KEY (workspace_id, id)
     );
     CREATE INDEX records_approvals ON records(workspace_id, plan_sha256, environment)
        WHERE kind = 'approval';
     -- Every accepted change, in commit order: what clients pull by cursor.
     CREATE TABLE feed (
        seq          {serial},
        workspace_id TEXT NOT NULL,
        record_id    TEXT NOT NULL,
        kind         TEXT NOT NULL,
        record       TEXT NOT NULL,
        at           BIGINT NOT NULL
     );
     CREATE INDEX feed_by_workspace ON feed(workspace_id, seq);
     -- Append-only, hash-chained (audit.rs). seq is dense: a deleted row leaves a gap.
     CREATE TABLE audit (
        seq       BIGINT PRIMARY KEY,
        at        BIGINT NOT NULL,
        org_id    TEXT,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT NOT NULL,
        detail    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
     );",
    // 2: workspace metadata is edited by compare-and-set on this version (accounts.rs).
    "ALTER TABLE workspaces ADD COLUMN version BIGINT NOT NULL DEFAULT 1;",
    // 3: an organization's audit entries in order (GET /v1/audit).
    "CREATE INDEX audit_by_org ON audit(org_id, seq);",
    // 4 (OIDC sign-in, api/oidc.rs): an identity (issuer, subject) is bound to one account
    // per organization on its first sign-in, one subject per issuer and account; ID tokens
    // already used are kept (as hashes) until they expire, so none signs in twice.
    "CREATE TABLE oidc_identities (
        org_id     TEXT NOT NULL REFERENCES orgs(id),
        issuer     TEXT NOT NULL,
        subject    TEXT NOT NULL,
        user_id    TEXT NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, issuer, subject),
        UNIQUE (user_id, issuer)
     );
     CREATE TABLE oidc_used_tokens (
        token_hash TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
     );",
    // 5: self-service requests (api/requests.rs); `body` is the whole RequestView.
    "CREATE TABLE requests (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        id           TEXT NOT NULL,
        status       TEXT NOT NULL,
        requester_id TEXT NOT NULL,
        body         TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        updated_at   BIGINT NOT NULL,
        PRIMARY KEY (workspace_id, id)
     );
     CREATE INDEX requests_by_status ON requests(workspace_id, status, created_at);",
    // 6: what organization admins publish to members (api/budgets.rs, api/policy_packs.rs).
    // A budget's scope is `default` or a workspace id; limits are kept in cents. Every
    // publish of a pack is a new row (versions are never edited); retiring marks the
    // newest version.
    "CREATE TABLE budgets (
        org_id        TEXT NOT NULL REFERENCES orgs(id),
        scope         TEXT NOT NULL,
        limit_cents   BIGINT NOT NULL,
        warn_percent  BIGINT NOT NULL,
        published_by  TEXT NOT NULL,
        published_at  BIGINT NOT NULL,
        PRIMARY KEY (org_id, scope)
     );
     CREATE TABLE policy_packs (
        org_id        TEXT NOT NULL REFERENCES orgs(id),
        name          TEXT NOT NULL,
        version       BIGINT NOT NULL,
        description   TEXT NOT NULL,
        policies      TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        published_by  TEXT NOT NULL,
        published_at  BIGINT NOT NULL,
        retired_at    BIGINT,
        PRIMARY KEY (org_id, name, version)
     );",
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub(super) async fn run(db: &Database) -> Result<i64, DbError> {
    let mut tx = db.write().await?;
    tx.script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    BIGINT PRIMARY KEY,
            applied_at BIGINT NOT NULL
         )",
    )
    .await?;
    let current = tx
        .query_opt("SELECT MAX(version) FROM schema_migrations", &[])
        .await?
        .and_then(|r| r.opt_int(0).ok().flatten())
        .unwrap_or(0);
    if current > LATEST {
        return Err(DbError::Other(format!(
            "the database has schema version {current}, newer than this server's {LATEST}: \
             run a newer orbis-server"
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.script(sql).await?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            &[Value::Int(index as i64 + 1), Value::Int(crate::now_ms())],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(LATEST)
}
