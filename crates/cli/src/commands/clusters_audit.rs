//! `orbis clusters audit --db FILE [--limit N] [--format text|json]`: the desktop app's audit
//! log of cluster actions (the store's append-only `cluster_actions`), newest first. Read
//! only; needs no cluster and no kube support. JSON:
//! `{"actions":[{id,at,context,server,namespace,kind,name,action,summary,identity,outcome,message,error_code}]}`
//! (`at` in Unix milliseconds). Exit 0, or 2 when the database cannot be opened.

use clap::Args;
use orbis_store::{ActionOutcome, Store};
use std::path::PathBuf;

#[derive(Args)]
pub struct AuditArgs {
    /// The app's database (`orbis.sqlite3` in its data folder).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// How many of the newest actions to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

fn outcome(o: ActionOutcome) -> &'static str {
    o.as_str()
}

/// Unix milliseconds → `YYYY-MM-DD HH:MM:SSZ` (UTC).
fn utc(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
}

pub fn run(args: AuditArgs) -> u8 {
    if !args.db.is_file() {
        eprintln!(
            "error: [store.not_found] {} does not exist\nhint: pass the app's database (orbis.sqlite3 in its data folder) with --db",
            args.db.display()
        );
        return 2;
    }
    let rows = match Store::open(&args.db).and_then(|s| s.cluster_actions(args.limit)) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: [store.open] {e}\nhint: {}", e.hint());
            return 2;
        }
    };
    if args.format == "json" {
        let actions: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let a = &r.action;
                serde_json::json!({
                    "id": r.id, "at": a.at, "context": a.context, "server": a.server,
                    "namespace": a.namespace, "kind": a.kind, "name": a.name, "action": a.action,
                    "summary": a.summary, "identity": a.identity, "outcome": outcome(a.outcome),
                    "message": a.message, "error_code": a.error_code,
                })
            })
            .collect();
        println!("{}", serde_json::json!({ "actions": actions }));
        return 0;
    }
    if rows.is_empty() {
        println!("No cluster action recorded.");
    }
    for r in &rows {
        let a = &r.action;
        let object = match &a.namespace {
            Some(ns) => format!("{} {ns}/{}", a.kind, a.name),
            None => format!("{} {}", a.kind, a.name),
        };
        println!(
            "#{} {} {:<9} {} · {} · {}\n    {}",
            r.id,
            utc(a.at),
            outcome(a.outcome),
            a.context,
            object,
            a.identity.as_deref().unwrap_or("-"),
            if a.summary.is_empty() {
                &a.message
            } else {
                &a.summary
            }
        );
        if a.outcome != ActionOutcome::Succeeded {
            println!("    {}", a.message);
        }
    }
    0
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_formats_unix_milliseconds() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00Z");
        assert_eq!(super::utc(1_795_737_600_123), "2026-11-27 00:00:00Z");
        assert_eq!(super::utc(951_782_400_000), "2000-02-29 00:00:00Z");
    }
}
