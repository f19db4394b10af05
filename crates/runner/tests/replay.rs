//! Recorded and constructed `-json` streams (shared corpus) through the live parser: errors
//! that need cloud providers (credentials, SSO, az login, ADC) can only be checked this way.

mod common;

use common::*;
use orbis_runner::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn constructed(name: &str) -> (Vec<RunEvent>, serde_json::Value) {
    let path = mrui().join("constructed").join(format!("{name}.jsonl"));
    (replay(&path), meta(&path))
}

fn error_class(events: &[RunEvent]) -> Option<ErrorClass> {
    diagnostics(events).iter().find_map(|d| d.class)
}

#[test]
fn credential_errors_are_classified_with_a_hint() {
    let cases = [
        (
            "plan-error-aws-no-credentials",
            ErrorClass::AwsNoCredentials,
            "aws_no_credentials",
        ),
        (
            "plan-error-aws-sso-expired",
            ErrorClass::AwsSsoTokenExpired,
            "aws_sso_token_expired",
        ),
        (
            "plan-error-azure-az-login",
            ErrorClass::AzureCliLoginRequired,
            "azure_cli_login_required",
        ),
        (
            "plan-error-gcp-adc-missing",
            ErrorClass::GcpAdcMissing,
            "gcp_adc_missing",
        ),
        (
            "plan-error-missing-provider-not-initialized",
            ErrorClass::InitRequired,
            "init_required",
        ),
        (
            "plan-error-syntax",
            ErrorClass::ConfigSyntax,
            "config_syntax",
        ),
        (
            "plan-error-state-lock-held",
            ErrorClass::StateLocked,
            "state_locked",
        ),
    ];
    for (name, class, wire) in cases {
        let (events, meta) = constructed(name);
        assert_eq!(meta["expect"]["error_class"], wire, "{name}: meta agrees");
        assert_eq!(error_class(&events), Some(class), "{name}");
        let diag = diagnostics(&events)[0];
        assert!(
            diag.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{name}"
        );
        if let Some(s) = meta["expect"]["diagnostic_summary"].as_str() {
            assert_eq!(diag.summary, s, "{name}");
        }
        if let Some(s) = meta["expect"]["diagnostic_summary_contains"].as_str() {
            assert!(
                diag.summary.contains(s) || diag.detail.contains(s),
                "{name}"
            );
        }
        assert_eq!(serde_json::to_value(class).unwrap(), wire);
    }
}

#[test]
fn a_held_lock_becomes_a_typed_event_with_the_force_unlock_text() {
    let (events, meta) = constructed("plan-error-state-lock-held");
    let (lock, cmd) = events
        .iter()
        .find_map(|e| match e {
            RunEvent::StateLocked {
                lock,
                force_unlock_command,
            } => Some((lock, force_unlock_command)),
            _ => None,
        })
        .expect("a StateLocked event");
    let want = &meta["expect"]["lock"];
    assert_eq!(lock.id, want["id"].as_str().unwrap());
    assert_eq!(lock.path, want["path"].as_str().unwrap());
    assert_eq!(lock.operation, want["operation"].as_str().unwrap());
    assert_eq!(lock.who, want["who"].as_str().unwrap());
    assert_eq!(lock.version, want["version"].as_str().unwrap());
    assert_eq!(lock.created, want["created"].as_str().unwrap());
    assert_eq!(cmd, &format!("terraform force-unlock {}", lock.id));
}

#[test]
fn the_syntax_error_links_to_its_source_range() {
    let (events, _) = constructed("plan-error-syntax");
    let d = diagnostics(&events);
    assert_eq!(d.len(), 1);
    let range = d[0].range.as_ref().expect("a range");
    assert!(range.filename.ends_with(".tf"), "{}", range.filename);
    assert!(range.start.line >= 1 && range.end.line >= range.start.line);
}

#[test]
fn apply_streams_give_per_resource_progress() {
    let (events, meta) = constructed("apply-error-midway");
    let addrs = |kind: &str| -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match (e, kind) {
                (RunEvent::ApplyComplete { resource, .. }, "complete")
                | (RunEvent::ApplyErrored { resource, .. }, "errored")
                | (RunEvent::ApplyStart { resource, .. }, "start") => Some(resource.addr.clone()),
                _ => None,
            })
            .collect()
    };
    let expect = |k: &str| -> Vec<String> {
        meta["expect"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(addrs("complete"), expect("completed"));
    assert_eq!(addrs("errored"), expect("errored"));
    for never in expect("not_started") {
        assert!(!addrs("start").contains(&never), "{never} never started");
    }

    let (events, meta) = constructed("apply-interrupted");
    assert_eq!(meta["expect"]["interrupted"], true);
    assert!(events.iter().any(
        |e| matches!(e, RunEvent::Log { message, .. } if message.contains("Interrupt received"))
    ));
    assert_eq!(error_class(&events), Some(ErrorClass::Interrupted));
}

#[test]
fn summaries_outputs_drift_and_moves() {
    let (events, meta) = constructed("plan-changes-drift-replace-move");
    let summary = events.iter().find_map(|e| match e {
        RunEvent::ChangeSummary(c) => Some(*c),
        _ => None,
    });
    let want = &meta["expect"]["change_summary"];
    let s = summary.expect("a change summary");
    assert_eq!(
        (s.add, s.change, s.remove),
        (
            want["add"].as_u64().unwrap(),
            want["change"].as_u64().unwrap(),
            want["remove"].as_u64().unwrap()
        )
    );
    let mut actions: BTreeMap<String, u64> = BTreeMap::new();
    for e in &events {
        if let RunEvent::PlannedChange { action, .. } = e {
            *actions.entry(action.clone()).or_default() += 1;
        }
    }
    for (action, n) in meta["expect"]["planned_change_actions"]
        .as_object()
        .unwrap()
    {
        assert_eq!(
            actions.get(action).copied().unwrap_or(0),
            n.as_u64().unwrap(),
            "{action}"
        );
    }
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::ResourceDrift { .. })));
    assert!(events.iter().any(|e| matches!(
        e,
        RunEvent::PlannedChange {
            previous_resource: Some(_),
            ..
        }
    )));

    let (events, meta) = constructed("apply-success-sensitive-output");
    let outputs = events.iter().find_map(|e| match e {
        RunEvent::Outputs { outputs } => Some(outputs),
        _ => None,
    });
    let outputs = outputs.expect("outputs");
    for name in meta["expect"]["sensitive_outputs"].as_array().unwrap() {
        let o = &outputs[name.as_str().unwrap()];
        assert!(o.sensitive && o.value.is_none());
    }
    let (events, _) = constructed("destroy-success");
    assert!(events.iter().any(|e| matches!(e, RunEvent::ChangeSummary(c) if c.operation == Some(ChangeOperation::Destroy) && c.remove == 1)));
}

/// Every recorded stream: each message is understood (no raw fallback) and each message type
/// counted in the meta file yields the matching typed event.
#[test]
fn every_recorded_stream_parses_without_fallback() {
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in [
        "recorded/opentofu-cloud",
        "recorded/opentofu-command",
        "constructed",
    ] {
        for entry in std::fs::read_dir(mrui().join(sub)).expect("corpus folder") {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "jsonl") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 20, "corpus found: {}", files.len());
    let typed = [
        "planned_change",
        "resource_drift",
        "apply_start",
        "apply_progress",
        "apply_complete",
        "apply_errored",
        "provision_start",
        "provision_progress",
        "provision_complete",
        "provision_errored",
        "refresh_start",
        "refresh_complete",
        "diagnostic",
        "outputs",
        "change_summary",
        "version",
    ];
    for f in files {
        let events = replay(&f);
        let raw: Vec<_> = events
            .iter()
            .filter(|e| matches!(e, RunEvent::Log { raw: true, .. }))
            .collect();
        assert!(raw.is_empty(), "{}: unparsed lines {raw:?}", f.display());
        let meta = meta(&f);
        let Some(types) = meta["message_types"].as_object() else {
            continue;
        };
        for t in typed {
            let want = types.get(t).and_then(|v| v.as_u64()).unwrap_or(0);
            let got = events.iter().filter(|e| kind(e) == t).count() as u64;
            assert_eq!(got, want, "{}: {t}", f.display());
        }
    }
}

#[test]
fn validate_documents_give_diagnostics_with_ranges() {
    let dir = mrui().join("validate");
    let mut with_range = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".meta.json") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let events = validate_document(&text, &Redactor::default(), "tofu").expect(&name);
        let n = doc["diagnostics"].as_array().unwrap().len();
        assert_eq!(diagnostics(&events).len(), n, "{name}");
        with_range += diagnostics(&events)
            .iter()
            .filter(|d| d.range.is_some())
            .count();
    }
    assert!(with_range > 5, "{with_range}");
}

#[test]
fn garbled_and_truncated_lines_become_raw_log_lines() {
    let (events, _) = constructed("apply-interrupted");
    let text = std::fs::read_to_string(mrui().join("constructed/apply-interrupted.jsonl")).unwrap();
    let line = text.lines().nth(4).unwrap();
    for cut in [1, line.len() / 3, line.len() / 2, line.len() - 1] {
        let mut end = cut;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let got = parse_line(
            &line[..end],
            Stream::Stdout,
            &Redactor::default(),
            "terraform",
        );
        assert!(
            matches!(got.as_slice(), [RunEvent::Log { raw: true, .. }]),
            "{got:?}"
        );
    }
    for junk in [
        "\u{0}\u{1}binary",
        "[1,2,3]",
        "{\"type\":\"apply_start\"}",
        "{\"type\":5}",
        "{}",
        "null",
    ] {
        let got = parse_line(junk, Stream::Stdout, &Redactor::default(), "terraform");
        assert!(
            matches!(got.as_slice(), [RunEvent::Log { raw: true, .. }]),
            "{junk}: {got:?}"
        );
    }
    assert!(parse_line("   ", Stream::Stderr, &Redactor::default(), "terraform").is_empty());
    assert!(events.len() > 5);
}

#[test]
fn secrets_in_a_replayed_stream_never_reach_events() {
    let text = std::fs::read_to_string(mrui().join("constructed/plan-error-state-lock-held.jsonl"))
        .unwrap();
    // Pretend the lock holder and the DynamoDB request id were secrets injected into the env.
    let redactor = Redactor::new([
        "alice@build-07",
        "QK1HHJ8S5RGUV2E7GB0V0E5U6BVV4KQNSO5AEMVJF66Q9ASUAAJG",
    ]);
    let events = replay_text(&text, &redactor);
    let json = serde_json::to_string(&events).unwrap();
    assert!(
        !json.contains("alice@build-07") && !json.contains("QK1HHJ8S5"),
        "{json}"
    );
    assert!(json.contains(MASK));
}

/// The 48 `tofu apply -json` runs of the equivalence harness (one JSON array per file, some
/// fields removed by the harness): every message still parses to a typed event.
#[test]
fn equivalence_apply_arrays_parse_without_fallback() {
    let dir = mrui().join("recorded/opentofu-equivalence");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with("__apply.json") {
            continue;
        }
        files += 1;
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for message in doc.as_array().expect("an array of messages") {
            let events = parse_line(
                &message.to_string(),
                Stream::Stdout,
                &Redactor::default(),
                "tofu",
            );
            assert!(
                !events.is_empty()
                    && !events
                        .iter()
                        .any(|e| matches!(e, RunEvent::Log { raw: true, .. })),
                "{name}: {message}"
            );
        }
    }
    assert!(files >= 40, "{files} files");
}
