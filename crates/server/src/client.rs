//! The sync client lives in `orbis-sync` (the desktop takes it without the server); re-exported
//! here for the server's tests and examples.

pub use orbis_sync::client::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records;
    use orbis_store::{NewRun, RunChanges, RunEnd, RunStatus, Store};

    /// A run recorded by the desktop's store becomes a record the server accepts, with the
    /// same id before and after it ends.
    #[test]
    fn store_runs_become_valid_push_items() {
        let store = Store::open_in_memory().unwrap();
        let id = store
            .start_run(&NewRun {
                command: "plan".into(),
                tool: "terraform".into(),
                tool_version: "1.11.4".into(),
                workspace: "/w".into(),
                environment: Some("prod".into()),
                identity: Some("aws:prod".into()),
                plan_sha256: None,
                started_at: 1_700_000_000,
            })
            .unwrap();
        let running = store.run(id).unwrap().unwrap();
        let first = run_item("dev1", &running);
        assert!(records::validate(first.kind, &first.body).is_ok());
        store
            .finish_run(
                id,
                &RunEnd {
                    status: RunStatus::Succeeded,
                    exit_code: Some(0),
                    changes: Some(RunChanges {
                        add: 1,
                        change: 0,
                        remove: 0,
                        import: 0,
                    }),
                    plan_sha256: Some("ab".repeat(32)),
                    ended_at: 1_700_000_060,
                },
            )
            .unwrap();
        let done = run_item("dev1", &store.run(id).unwrap().unwrap());
        assert_eq!(done.id, first.id);
        let body = records::validate(done.kind, &done.body).unwrap();
        let records::Body::Run(run) = body else {
            panic!()
        };
        assert_eq!(run.status, records::RunStatus::Succeeded);
        assert_eq!(run.started_at, 1_700_000_000_000);
        // The app records the command line; the server gets its verb.
        store
            .set_run_command(
                id,
                "/usr/local/bin/terraform plan -json -destroy -out=x.tfplan",
            )
            .unwrap();
        let line = run_item("dev1", &store.run(id).unwrap().unwrap());
        assert_eq!(line.body["command"], "plan");
        assert!(records::validate(line.kind, &line.body).is_ok());
    }
}
