//! `orbis doctor [--format text|json]`: per cloud and profile, which identity would be used,
//! whether it works, when it expires, and the exact command that fixes it — from the user's
//! own configuration (AWS profiles and SSO, Azure CLI, gcloud ADC, kubeconfig contexts).
//! JSON: `{"checks":[{"cloud","profile","status","identity","expires_at","message","fix"}]}`.
//! Exit codes: 0 when every configured profile works, 1 otherwise, 2 usage error or a build
//! without cloud support (the `cloud` feature).

use clap::Args;

#[derive(Args)]
pub struct DoctorArgs {
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Only this cloud: aws, azure, gcp or kubernetes (repeatable).
    #[arg(long = "cloud", value_name = "CLOUD")]
    pub clouds: Vec<String>,
    /// Only this profile, subscription or context (repeatable).
    #[arg(long = "profile", value_name = "NAME")]
    pub profiles: Vec<String>,
    /// Seconds each check may take.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub timeout: u64,
}

#[cfg(not(feature = "cloud"))]
pub fn run(_args: DoctorArgs) -> u8 {
    eprintln!(
        "error: [cli.no_cloud_support] this build of orbis has no cloud support\n\
         hint: use a release build, or build it with `cargo build -p orbis-cli --features cloud`"
    );
    2
}

#[cfg(feature = "cloud")]
pub fn run(args: DoctorArgs) -> u8 {
    use orbis_cloud::{Cloud, Context, DoctorOptions};
    let mut clouds = Vec::new();
    for c in &args.clouds {
        match c.parse::<Cloud>() {
            Ok(c) => clouds.push(c),
            Err(e) => {
                eprintln!(
                    "error: [cli.usage] {e}\nhint: pass --cloud aws, azure, gcp or kubernetes"
                );
                return 2;
            }
        }
    }
    let options = DoctorOptions {
        clouds,
        profiles: args.profiles.clone(),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        ..Default::default()
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let report = rt.block_on(orbis_cloud::doctor(&Context::from_process(), &options));
    // Checks that timed out may leave a child (az) or a connection behind: do not wait.
    rt.shutdown_timeout(std::time::Duration::from_millis(100));
    if args.format == "json" {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return 2;
            }
        }
    } else {
        print!("{}", render_text(&report));
    }
    if report.all_ok() {
        0
    } else {
        1
    }
}

#[cfg(feature = "cloud")]
fn render_text(report: &orbis_cloud::DoctorReport) -> String {
    use orbis_cloud::Status;
    use std::fmt::Write;
    let mut out = String::new();
    let mut counts: Vec<(Status, usize)> = Vec::new();
    for c in &report.checks {
        match counts.iter_mut().find(|(s, _)| *s == c.status) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.status, 1)),
        }
        let status = format!("[{}]", c.status.as_str().replace('_', " "));
        let _ = writeln!(
            out,
            "{status:<17}{:<11}{}",
            c.cloud.as_str(),
            c.profile.as_deref().unwrap_or("-")
        );
        if let Some(identity) = &c.identity {
            let _ = writeln!(out, "    identity:    {identity}");
        }
        if let Some(at) = &c.expires_at {
            let _ = writeln!(out, "    expires:     {at}");
        }
        let _ = writeln!(out, "    {}", c.message);
        if let Some(fix) = &c.fix {
            if c.status != Status::Ok {
                let _ = writeln!(out, "    fix:         {fix}");
            }
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str().replace('_', " ")))
        .collect();
    let _ = writeln!(
        out,
        "\n{} check{}: {}",
        report.checks.len(),
        if report.checks.len() == 1 { "" } else { "s" },
        summary.join(", ")
    );
    out
}
