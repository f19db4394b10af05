//! The loader parses and evaluates folders in parallel, in whatever order the workers pick
//! them; the model it returns must still list files in input order and point every
//! resource, module call, provider and manifest object at its own file.

use orbis_lint::load::load_sources;

#[test]
fn files_keep_input_order_and_objects_point_at_their_own_file() {
    let sources = [
        ("a/main.tf", "resource \"aws_s3_bucket\" \"a\" {}\n"),
        ("a/nested/main.tf", "module \"m\" { source = \"./x\" }\n"),
        ("a/values.yaml", "replicas: 3\n"),
        (
            "a/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n",
        ),
        ("a/z.tf", "provider \"aws\" { region = \"eu-west-1\" }\n"),
        (
            "b/main.tf",
            "resource \"aws_instance\" \"b\" {\n  ami = \"x\"\n}\n",
        ),
    ];
    let ws = load_sources(&sources);
    let paths: Vec<&str> = ws.files.iter().map(|f| f.path.as_str()).collect();
    // values.yaml has no Kubernetes object: not a file of ours.
    assert_eq!(
        paths,
        [
            "a/main.tf",
            "a/nested/main.tf",
            "a/pod.yaml",
            "a/z.tf",
            "b/main.tf"
        ]
    );
    let file_of = |id: usize| ws.files[id].path.as_str();
    let bucket = ws
        .resources
        .iter()
        .find(|r| r.rtype == "aws_s3_bucket")
        .unwrap();
    assert_eq!(file_of(bucket.file), "a/main.tf");
    let instance = ws
        .resources
        .iter()
        .find(|r| r.rtype == "aws_instance")
        .unwrap();
    assert_eq!(file_of(instance.file), "b/main.tf");
    assert_eq!(file_of(ws.modules[0].file), "a/nested/main.tf");
    assert_eq!(file_of(ws.providers[0].file), "a/z.tf");
    assert_eq!(ws.k8s.len(), 1);
    assert_eq!(file_of(ws.k8s[0].file), "a/pod.yaml");
    assert_eq!(&*ws.files[4].text, sources[5].1);
}

/// The editor runs the rules on its own thread (`run_on_caller`), the CLI on the pool (`run`):
/// on the Checkov fixture corpus both give the same findings in the same order.
#[test]
fn rules_on_the_calling_thread_find_what_the_pool_finds() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/lint/checkov");
    let ws = orbis_lint::load::load_paths(&[corpus]).expect("the checkov corpus loads");
    let config = orbis_lint::Config::default();
    let rules = orbis_lint::enabled_rules(&config);
    let key = |f: &orbis_lint::Finding| {
        (
            f.rule_id,
            f.file,
            f.span.start_byte,
            f.span.end_byte,
            f.resource.clone(),
            f.message.clone(),
            f.suppressed.is_some(),
        )
    };
    let pooled: Vec<_> = orbis_lint::engine::run(&ws, &config, &rules)
        .iter()
        .map(key)
        .collect();
    let here: Vec<_> = orbis_lint::engine::run_on_caller(&ws, &config, &rules)
        .iter()
        .map(key)
        .collect();
    assert!(
        pooled.len() > 100,
        "the corpus has findings: {}",
        pooled.len()
    );
    assert_eq!(pooled, here);
}
