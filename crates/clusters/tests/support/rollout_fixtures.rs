//! ControllerRevisions for the corpus's statefulset `nginx-sts` and daemonset
//! `fluentd-elasticsearch` (namespace `default`), CONSTRUCTED as their controllers write
//! them (the corpus has none): one per pod template, owned by the object (controller
//! reference with its uid), labelled with its selector and `controller-revision-hash`, the
//! template in `data.spec.template` with `$patch: replace`, numbered by `revision`. Revision
//! 2 is each object's template now; revision 1 an older image.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::Path;

fn object(corpus: &Path, list: &str, name: &str) -> Value {
    let file = corpus.join("objects/constructed/lists").join(list);
    let l: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    // The first of that name: the one the replay server answers a GET with.
    l["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["metadata"]["name"] == name && o["metadata"]["namespace"] == "default")
        .unwrap()
        .clone()
}

fn revision(kind: &str, owner: &Value, number: i64, hash: &str, image: Option<&str>) -> Value {
    let mut template = owner["spec"]["template"].clone();
    if let Some(image) = image {
        template["spec"]["containers"][0]["image"] = image.into();
    }
    template["$patch"] = "replace".into();
    let name = owner["metadata"]["name"].as_str().unwrap();
    let mut labels = owner["spec"]["selector"]["matchLabels"].clone();
    labels["controller-revision-hash"] = hash.into();
    json!({
        "metadata": {"name": format!("{name}-{hash}"), "namespace": "default",
            "uid": format!("cr-{name}-{number}"), "resourceVersion": "500", "labels": labels,
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": kind, "name": name,
                "uid": owner["metadata"]["uid"], "controller": true, "blockOwnerDeletion": true}]},
        "data": {"spec": {"template": template}},
        "revision": number,
    })
}

/// The images of revision 1 (the one a rollback goes back to).
pub const STS_OLD_IMAGE: &str = "nginx-slim:0.7";
pub const DS_OLD_IMAGE: &str = "fluentd:v2.4.0";

/// A ControllerRevisionList body for `/apis/apps/v1/controllerrevisions`.
pub fn controller_revisions(corpus: &Path) -> Vec<u8> {
    let sts = object(corpus, "StatefulSetList.json", "nginx-sts");
    let ds = object(corpus, "DaemonSetList.json", "fluentd-elasticsearch");
    let items = vec![
        revision("StatefulSet", &sts, 1, "5b6f8c7d9", Some(STS_OLD_IMAGE)),
        revision("StatefulSet", &sts, 2, "7c8d9e6f5", None),
        revision("DaemonSet", &ds, 1, "6d8f7b9c4", Some(DS_OLD_IMAGE)),
        revision("DaemonSet", &ds, 2, "84c5d6b7f", None),
    ];
    serde_json::to_vec(
        &json!({"kind": "ControllerRevisionList", "apiVersion": "apps/v1",
        "metadata": {"resourceVersion": "500"}, "items": items}),
    )
    .unwrap()
}
