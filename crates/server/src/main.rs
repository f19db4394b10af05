//! `orbis-server`: serve (default), migrate, org create, audit verify, openapi.

use clap::Parser;
use orbis_server::config::{AuditCommand, Cli, Command, DbArgs, OrgCommand};
use orbis_server::{audit, db::Database};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn open(args: &DbArgs) -> anyhow::Result<Database> {
    let db = Database::open(args.database.as_deref(), &args.data)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| anyhow::anyhow!("cannot migrate the database: {e}"))?;
    Ok(db)
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => orbis_server::serve(cli.serve).await?,
        Some(Command::Serve(args)) => orbis_server::serve(args).await?,
        Some(Command::Migrate(args)) => {
            open(&args).await?;
            println!("schema is at version {}", orbis_server::db::SCHEMA_VERSION);
        }
        Some(Command::Openapi) => println!("{}", orbis_server::api::openapi::json()),
        Some(Command::Org(OrgCommand::Create { db, name, admin })) => {
            let password = match std::env::var("ORBIS_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let db = open(&db).await?;
            let id = orbis_server::api::accounts::create_org(&db, &name, &admin, &password).await?;
            println!("{id}");
        }
        Some(Command::Audit(AuditCommand::Verify(args))) => {
            let db = open(&args).await?;
            return Ok(match audit::verify(&db).await? {
                audit::Verdict::Intact { entries, head } => {
                    println!("audit chain intact: {entries} entries, head {head}");
                    ExitCode::SUCCESS
                }
                audit::Verdict::Broken { seq, reason } => {
                    println!("audit chain BROKEN at entry {seq}: {reason}");
                    ExitCode::from(1)
                }
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
