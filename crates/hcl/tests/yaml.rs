//! Kubernetes and CloudFormation documents: objects and resources with line numbers, from
//! the shared Kubernetes fixtures and from inline templates; malformed and deep input.

use orbis_hcl::yaml::{cloudformation, kubernetes, parse_yaml, parse_yaml_file, YamlValue};
use orbis_hcl::Value;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "json" || x == "yaml" || x == "yml")
        {
            out.push(p);
        }
    }
}

#[test]
fn kubernetes_fixture_objects_load_with_kinds_and_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s/objects");
    if !root.is_dir() {
        println!("SKIPPED: {} not found", root.display());
        return;
    }
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.sort();
    let (mut objects, mut with_errors, mut pods_with_spec) = (0, 0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    for p in &files {
        let f = parse_yaml_file(p);
        if !f.diagnostics.is_empty() {
            with_errors += 1;
        }
        for o in kubernetes::objects(&f) {
            objects += 1;
            kinds.insert(o.kind.to_string());
            assert!(o.line() >= 1);
            if o.kind == "Deployment" && o.pod_spec().and_then(|s| s.get("containers")).is_some() {
                pods_with_spec += 1;
            }
        }
    }
    println!(
        "k8s objects: {} files, {objects} objects, {} kinds, {with_errors} files with errors",
        files.len(),
        kinds.len()
    );
    assert_eq!(with_errors, 0);
    assert!(objects > 100, "{objects} objects");
    for k in [
        "Pod",
        "Deployment",
        "Service",
        "ConfigMap",
        "StatefulSet",
        "CronJob",
    ] {
        assert!(kinds.contains(k), "kind {k} found");
    }
    assert!(pods_with_spec > 0);
}

const MANIFESTS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: busybox}]
";

#[test]
fn multi_document_manifests_give_objects_with_lines() {
    let f = parse_yaml(MANIFESTS, "k.yaml");
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
    let objs = kubernetes::objects(&f);
    assert_eq!(objs.len(), 2);
    assert_eq!(
        (objs[0].kind, objs[0].name, objs[0].namespace),
        ("Pod", Some("web"), Some("prod"))
    );
    let c = &objs[0]
        .pod_spec()
        .and_then(|s| s.get("containers"))
        .and_then(|c| c.as_list())
        .expect("containers")[0];
    let privileged = c
        .path(&["securityContext", "privileged"])
        .expect("privileged");
    assert_eq!(privileged.value, YamlValue::Bool(true));
    assert_eq!(privileged.line, 11);
    assert_eq!(objs[1].kind, "CronJob");
    assert_eq!(objs[1].line(), 13);
    let job = objs[1]
        .pod_spec()
        .and_then(|s| s.get("containers"))
        .and_then(|c| c.as_list())
        .expect("job containers");
    assert_eq!(
        job[0].get("image").and_then(|i| i.as_str()),
        Some("busybox")
    );
}

#[test]
fn cloudformation_yaml_and_json_templates() {
    let yaml = "AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${AWS::StackName}-logs'
      AccessControl: PublicRead
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
";
    let f = parse_yaml(yaml, "t.yaml");
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
    let rs = cloudformation::resources(&f);
    assert_eq!(
        rs.iter()
            .map(|r| (r.logical_id, r.type_name, r.line))
            .collect::<Vec<_>>(),
        vec![
            ("Logs", "AWS::S3::Bucket", 4),
            ("Policy", "AWS::S3::BucketPolicy", 9)
        ]
    );
    let acl = rs[0]
        .properties
        .and_then(|p| p.get("AccessControl"))
        .expect("acl");
    assert_eq!(
        (cloudformation::literal_str(acl), acl.line),
        (Some("PublicRead"), 7)
    );
    let bucket = rs[1]
        .properties
        .and_then(|p| p.get("Bucket"))
        .expect("bucket");
    assert!(
        matches!(&bucket.value, YamlValue::Tagged(t, inner) if t == "Ref" && inner.as_str() == Some("Logs"))
    );
    assert_eq!(
        cloudformation::literal_str(bucket),
        None,
        "an intrinsic is not a literal"
    );

    let json = r#"{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": "alias/x", "Delay": 5}}}}"#;
    let f = parse_yaml(json, "t.json");
    let rs = cloudformation::resources(&f);
    assert_eq!(rs.len(), 1);
    let props = rs[0].properties.expect("props").to_value();
    assert_eq!(props.get("Delay"), Some(&Value::Number(5.0)));
    assert!(kubernetes::objects(&f).is_empty());
    assert!(
        cloudformation::resources(&parse_yaml(MANIFESTS, "k.yaml")).is_empty(),
        "manifests are not templates"
    );
}

#[test]
fn malformed_and_deep_yaml_give_diagnostics() {
    let f = parse_yaml("a: [1, 2\nb: {", "bad.yaml");
    assert!(!f.diagnostics.is_empty());
    assert!(f.diagnostics[0].span.line() >= 1);
    let deep = "[".repeat(20_000) + &"]".repeat(20_000);
    let f = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let f = parse_yaml(&deep, "deep.yaml");
            (f.diagnostics.len(), f.documents.len())
        })
        .expect("spawn")
        .join();
    assert!(f.is_ok(), "deep YAML must not overflow the stack");
}
