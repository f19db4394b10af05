//! The audit log of cluster actions (migration 8): one row per action the user attempted on a
//! live cluster — succeeded, failed, or refused before any request (no confirmation, a stale
//! preview) — with where, what, who and when. Append-only: triggers refuse UPDATE and DELETE,
//! so the app cannot rewrite what happened.

use crate::{Store, StoreError};
use rusqlite::params;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionOutcome {
    Succeeded,
    Failed,
    Refused,
}

impl ActionOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionOutcome::Succeeded => "succeeded",
            ActionOutcome::Failed => "failed",
            ActionOutcome::Refused => "refused",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "succeeded" => ActionOutcome::Succeeded,
            "refused" => ActionOutcome::Refused,
            _ => ActionOutcome::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClusterAction {
    /// Unix milliseconds (UTC).
    pub at: i64,
    /// The kubeconfig context and its API server URL.
    pub context: String,
    pub server: Option<String>,
    pub namespace: Option<String>,
    /// `deployment`, `stateful_set`, `pod`, `node`.
    pub kind: String,
    pub name: String,
    /// `scale`, `rollout_restart`, `delete_pod`, `cordon`, `uncordon`.
    pub action: String,
    /// The preview's sentence ("Scale deployment web in shop from 3 to 5 replicas").
    pub summary: String,
    /// The local user (`user:alice`): who sat at this app, not the cluster identity.
    pub identity: Option<String>,
    pub outcome: ActionOutcome,
    /// What the cluster said, or why it was refused/failed (plain words, no secrets).
    pub message: String,
    pub error_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterActionRecord {
    pub id: i64,
    pub action: NewClusterAction,
}

impl Store {
    pub fn record_cluster_action(&self, a: &NewClusterAction) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO cluster_actions(at, context, server, namespace, kind, name, action,
                                         summary, identity, outcome, message, error_code)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                a.at,
                a.context,
                a.server,
                a.namespace,
                a.kind,
                a.name,
                a.action,
                a.summary,
                a.identity,
                a.outcome.as_str(),
                a.message,
                a.error_code
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// The `limit` newest actions, newest first.
    pub fn cluster_actions(&self, limit: usize) -> Result<Vec<ClusterActionRecord>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, context, server, namespace, kind, name, action, summary, identity,
                    outcome, message, error_code
             FROM cluster_actions ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            let outcome: String = r.get(10)?;
            Ok(ClusterActionRecord {
                id: r.get(0)?,
                action: NewClusterAction {
                    at: r.get(1)?,
                    context: r.get(2)?,
                    server: r.get(3)?,
                    namespace: r.get(4)?,
                    kind: r.get(5)?,
                    name: r.get(6)?,
                    action: r.get(7)?,
                    summary: r.get(8)?,
                    identity: r.get(9)?,
                    outcome: ActionOutcome::parse(&outcome),
                    message: r.get(11)?,
                    error_code: r.get(12)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: i64, outcome: ActionOutcome) -> NewClusterAction {
        NewClusterAction {
            at,
            context: "prod".into(),
            server: Some("https://k8s.example:6443".into()),
            namespace: Some("shop".into()),
            kind: "deployment".into(),
            name: "web".into(),
            action: "scale".into(),
            summary: "Scale deployment web in shop from 3 to 5 replicas".into(),
            identity: Some("user:alice".into()),
            outcome,
            message: "deployment web in shop now wants 5 replicas.".into(),
            error_code: None,
        }
    }

    #[test]
    fn records_newest_first_and_refuses_edits() {
        let store = Store::open_in_memory().unwrap();
        store
            .record_cluster_action(&entry(1, ActionOutcome::Refused))
            .unwrap();
        let id = store
            .record_cluster_action(&entry(2, ActionOutcome::Succeeded))
            .unwrap();
        let rows = store.cluster_actions(10).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id, id);
        assert_eq!(rows[0].action, entry(2, ActionOutcome::Succeeded));
        assert_eq!(rows[1].action.outcome, ActionOutcome::Refused);
        assert_eq!(store.cluster_actions(1).unwrap().len(), 1);

        // Append-only: the log cannot be rewritten or trimmed through SQL.
        let update = store
            .conn()
            .execute("UPDATE cluster_actions SET outcome = 'succeeded'", []);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = store.conn().execute("DELETE FROM cluster_actions", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        assert_eq!(store.cluster_actions(10).unwrap().len(), 2);
    }
}
