//! `orbis clusters list|pods` end to end: the real binary, with an empty environment, on the
//! corpus's kubeconfigs and against orbis-clusters' loopback replay server (recorded lists of
//! ../shared/corpora/k8s). Without the `clusters` feature: the clear "no support" refusal.

use std::path::Path;
use std::process::{Command, Output};

fn orbis(home: &Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        // No exec plugin of this machine (gke-gcloud-auth-plugin may be in /usr/bin) is seen.
        .env("PATH", home.join("bin"))
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

#[cfg(not(feature = "clusters"))]
#[test]
fn without_the_clusters_feature_it_says_so() {
    let home = tempfile::tempdir().unwrap();
    let out = orbis(home.path(), &[], &["clusters", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no Kubernetes cluster support"), "{err}");
    assert!(err.contains("--features clusters"), "{err}");
}

#[cfg(feature = "clusters")]
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

#[cfg(feature = "clusters")]
mod clusters {
    use super::orbis;
    use super::replay::{corpus, ReplayServer, Script};
    use serde_json::Value;
    use std::process::Output;

    fn json(out: &Output) -> Value {
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{e}: {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        k
    }

    #[test]
    fn list_json_of_a_multi_cloud_kubeconfig() {
        let home = tempfile::tempdir().unwrap();
        let file = corpus().join("kubeconfig/constructed/multi-cloud.yaml");
        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "list",
                "--kubeconfig",
                file.to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        let contexts = v["contexts"].as_array().unwrap();
        assert_eq!(contexts.len(), 8);
        assert_eq!(
            keys(&contexts[0]),
            [
                "auth",
                "cluster",
                "current",
                "name",
                "namespace",
                "server",
                "usable",
                "user"
            ]
        );
        let onprem = contexts.iter().find(|c| c["name"] == "onprem").unwrap();
        assert_eq!(onprem["auth"], "token");
        assert_eq!(onprem["namespace"], "ops");
        assert_eq!(onprem["server"], "https://10.0.0.10:6443");
        assert_eq!(contexts.iter().filter(|c| c["current"] == true).count(), 1);
        for e in v["errors"].as_array().unwrap() {
            assert!(e["message"].is_string() && e["hint"].is_string(), "{e}");
        }
        let text = String::from_utf8_lossy(&out.stdout);
        for secret in [
            "fake-bearer-token-0000000000000000",
            "fake-password",
            "fake-client-secret",
            "fake-refresh-token",
        ] {
            assert!(!text.contains(secret), "{secret} printed");
        }
    }

    #[test]
    fn list_reads_the_kubeconfig_variable_and_prints_a_table() {
        let home = tempfile::tempdir().unwrap();
        let dir = corpus().join("kubeconfig/constructed");
        let list = format!(
            "{}:{}",
            dir.join("eks-exec.yaml").display(),
            dir.join("gke-exec.yaml").display()
        );
        let out = orbis(home.path(), &[("KUBECONFIG", &list)], &["clusters", "list"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("* arn:aws:eks:eu-west-1:000000000000:cluster/prod-eks"),
            "{text}"
        );
        assert!(text.contains("exec:gke-gcloud-auth-plugin"), "{text}");
        assert!(
            text.contains("fix: Run `gcloud components install gke-gcloud-auth-plugin`"),
            "{text}"
        );
        // Neither plugin is on this PATH and the corpus's CA data is fake: nothing is usable.
        assert_eq!(out.status.code(), Some(2));
    }

    #[test]
    fn an_unusable_kubeconfig_exits_2_with_the_fix() {
        let home = tempfile::tempdir().unwrap();
        for rel in [
            "malformed/bad-yaml.yaml",
            "malformed/empty.yaml",
            "malformed/not-a-mapping.yaml",
            "does-not-exist.yaml",
        ] {
            let file = corpus().join("kubeconfig/constructed").join(rel);
            let out = orbis(
                home.path(),
                &[],
                &[
                    "clusters",
                    "list",
                    "--kubeconfig",
                    file.to_str().unwrap(),
                    "--format",
                    "json",
                ],
            );
            assert_eq!(out.status.code(), Some(2), "{rel}");
            let v = json(&out);
            assert_eq!(v["contexts"].as_array().unwrap().len(), 0, "{rel}");
            assert!(!v["errors"].as_array().unwrap().is_empty(), "{rel}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.starts_with("error: [clusters.") && err.contains("\nhint: "),
                "{rel}: {err}"
            );
        }
        // No kubeconfig at all.
        let out = orbis(home.path(), &[], &["clusters", "list"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("No kubeconfig file was found"));
    }

    #[test]
    fn pods_json_from_the_replay_server() {
        let server = ReplayServer::start(Script::corpus().require_token("cli-token"));
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "cli-token");
        let out = orbis(
            home.path(),
            &[("KUBECONFIG", kc.to_str().unwrap())],
            &["clusters", "pods", "--format", "json"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        let pods = v["pods"].as_array().unwrap();
        assert_eq!(pods.len(), 17);
        for p in pods {
            for k in [
                "namespace",
                "name",
                "phase",
                "ready",
                "restarts",
                "reason",
                "node",
            ] {
                assert!(p.get(k).is_some(), "{k} missing in {p}");
            }
        }
        let by_name = |n: &str| pods.iter().find(|p| p["name"] == n).unwrap().clone();
        let crash = by_name("web-crashloop-7d9c8b-abcde");
        assert_eq!(
            (crash["reason"].as_str(), crash["restarts"].as_u64()),
            (Some("CrashLoopBackOff"), Some(17))
        );
        assert_eq!(
            by_name("web-imagepull-7d9c8b-bcdef")["reason"],
            "ImagePullBackOff"
        );
        assert_eq!(
            by_name("worker-oom-now-5f6d7c-efghi")["reason"],
            "OOMKilled"
        );
        assert_eq!(
            by_name("web-pending-7d9c8b-hijkl")["reason"],
            "Unschedulable"
        );
        assert_eq!(by_name("web-evicted-7d9c8b-ghijk")["reason"], "Evicted");
        let running = by_name("web-running-7d9c8b-fghij");
        assert!(
            running["reason"].is_null() && running["ready"] == "1/1",
            "{running}"
        );

        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "pods",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--context",
                "replay",
                "--namespace",
                "kube-system",
            ],
        );
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(
            text.lines().skip(1).all(|l| l.starts_with("kube-system")),
            "{text}"
        );
    }

    #[test]
    fn pods_with_a_failing_exec_plugin_exits_2_with_the_login_command() {
        let server = ReplayServer::start(Script::corpus().require_token("cli-token"));
        let home = tempfile::tempdir().unwrap();
        let aws = home.path().join("aws");
        std::fs::write(&aws, "#!/bin/sh\necho 'Error loading SSO Token: Token for corp does not exist' >&2\nexit 255\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
        let kc = home.path().join("config");
        std::fs::write(
            &kc,
            format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: eks\nclusters:\n- {{name: eks, cluster: {{server: \"{}\"}}}}\ncontexts:\n- {{name: eks, context: {{cluster: eks, user: u}}}}\nusers:\n- name: u\n  user:\n    exec: {{apiVersion: client.authentication.k8s.io/v1beta1, command: {}, args: [eks, get-token, --cluster-name, prod], env: [{{name: AWS_PROFILE, value: corp-admin}}], interactiveMode: Never}}\n",
                server.url,
                aws.display()
            ),
        )
        .unwrap();
        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "pods",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("[clusters.exec_plugin_failed]"), "{err}");
        assert!(err.contains("Token for corp does not exist"), "{err}");
        assert!(
            err.contains("hint: Sign in again: `aws sso login --profile corp-admin`"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
        assert!(server.requests().is_empty());
    }

    #[test]
    fn pods_of_an_unknown_context_exits_2() {
        let server = ReplayServer::start(Script::corpus());
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "t");
        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "pods",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--context",
                "prod",
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("[clusters.context_not_found]") && err.contains("replay"),
            "{err}"
        );
    }

    fn lines(out: &[u8]) -> Vec<Value> {
        String::from_utf8_lossy(out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    #[test]
    fn watch_prints_the_first_state_as_json_lines() {
        let server = ReplayServer::start(Script::corpus());
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "t");
        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "watch",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--kind",
                "pods",
                "--kind",
                "deploy",
                "--exit-when-ready",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let deltas = lines(&out.stdout);
        let crash = deltas
            .iter()
            .find(|d| d["key"] == "default/web-crashloop-7d9c8b-abcde")
            .unwrap();
        assert_eq!(
            (crash["op"].as_str(), crash["summary"]["reason"].as_str()),
            (Some("added"), Some("CrashLoopBackOff"))
        );
        for kind in ["pod", "deployment"] {
            assert!(
                deltas.iter().any(|d| d["op"] == "status"
                    && d["kind"] == kind
                    && d["status"]["state"] == "ready"),
                "{kind}"
            );
        }
        assert!(deltas
            .iter()
            .all(|d| d["kind"] == "pod" || d["kind"] == "deployment"));

        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "watch",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--kind",
                "gadgets",
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown kind \"gadgets\""));
    }

    #[test]
    fn watch_with_refused_credentials_exits_2() {
        let server = ReplayServer::start(Script::corpus().require_token("right"));
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "wrong");
        let out = orbis(
            home.path(),
            &[],
            &[
                "clusters",
                "watch",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--kind",
                "po",
                "--exit-when-ready",
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let deltas = lines(&out.stdout);
        let failed = deltas
            .iter()
            .find(|d| d["status"]["state"] == "failed")
            .unwrap();
        assert!(failed["status"]["message"]
            .as_str()
            .unwrap()
            .contains("401"));
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("wrong"),
            "the token is never printed"
        );
    }

    /// An event's summary has one `type` key (the summary's tag); Normal/Warning is its
    /// `event_type` (a duplicate `"type"` key made the line ambiguous JSON).
    #[test]
    fn watch_events_have_one_type_key() {
        let server = ReplayServer::start(Script::corpus());
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "t");
        let args = ["clusters", "watch", "--kubeconfig", kc.to_str().unwrap()];
        let out = orbis(
            home.path(),
            &[],
            &[&args[..], &["--kind", "events", "--exit-when-ready"]].concat(),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let events: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(r#""op":"added""#))
            .collect();
        assert!(!events.is_empty(), "{text}");
        for line in events {
            assert_eq!(line.matches(r#""type":"#).count(), 1, "{line}");
            let d: Value = serde_json::from_str(line).unwrap();
            assert_eq!(d["summary"]["type"], "event");
            assert!(
                d["summary"]["event_type"] == "Normal" || d["summary"]["event_type"] == "Warning",
                "{line}"
            );
        }
    }

    /// The real binary through a recorded 410 Gone: it says it is recovering, lists again,
    /// and the next watch's events (pods-lifecycle ends with a DELETED) come through.
    #[test]
    fn watch_recovers_from_a_recorded_410_gone() {
        use super::replay::WatchReply;
        use std::io::BufRead;
        let watch = |f: &str| WatchReply::Stream(corpus().join("watch/constructed").join(f));
        let server = ReplayServer::start(
            Script::corpus()
                .watch("/api/v1/pods", watch("pods-410-gone.jsonl"))
                .watch("/api/v1/pods", watch("pods-lifecycle.jsonl")),
        );
        let home = tempfile::tempdir().unwrap();
        let kc = server.kubeconfig(home.path(), "t");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_orbis"))
            .args([
                "clusters",
                "watch",
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--kind",
                "pods",
            ])
            .env_clear()
            .env("HOME", home.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        // A bound for a broken build: if the DELETED line never comes, the watchdog kills the
        // binary, stdout closes and the asserts below fail instead of the test hanging.
        let pid = child.id();
        let (finished, watchdog) = std::sync::mpsc::channel::<()>();
        let guard = std::thread::spawn(move || {
            if watchdog
                .recv_timeout(std::time::Duration::from_secs(60))
                .is_err()
            {
                let _ = std::process::Command::new("kill")
                    .arg(pid.to_string())
                    .status();
            }
        });
        let mut seen = Vec::new();
        // Lines arrive as the watcher produces them; the read ends on the DELETED event.
        for line in stdout.lines() {
            let d: Value = serde_json::from_str(&line.unwrap()).unwrap();
            let done = d["op"] == "deleted" && d["key"] == "default/web-running-7d9c8b-fghij";
            seen.push(d);
            if done {
                break;
            }
        }
        let _ = finished.send(());
        let _ = guard.join();
        let _ = child.kill();
        let _ = child.wait();
        let recovering = seen
            .iter()
            .position(|d| d["status"]["state"] == "recovering")
            .expect("recovering");
        assert!(seen[recovering]["status"]["message"]
            .as_str()
            .unwrap()
            .contains("410"));
        assert!(
            seen[recovering..]
                .iter()
                .any(|d| d["status"]["state"] == "ready"),
            "ready again"
        );
        assert!(
            !seen[recovering..].iter().any(|d| d["op"] == "added"),
            "the re-list sent nothing twice"
        );
        assert_eq!(seen.last().unwrap()["op"], "deleted");
        assert_eq!(server.counts("/api/v1/pods").0, 2);
    }
}
