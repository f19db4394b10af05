//! Who may do what in a namespace: every subject bound there (RoleBindings, which may point at
//! a Role or a ClusterRole, and ClusterRoleBindings, which reach every namespace) with the
//! verbs per resource its role grants. Aggregated ClusterRoles (`aggregationRule`) get the
//! rules of the ClusterRoles their selectors match, as the controller would fill them in.

use k8s_openapi::api::rbac::v1::{
    ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One grant: a subject may use `verbs` on `resource` through `via`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// "User alice", "Group devs", "ServiceAccount default/ci".
    pub subject: String,
    /// `pods`, `deployments.apps`, `*` (every resource), `pods/log`.
    pub resource: String,
    /// Only these objects, when the rule names them.
    pub resource_names: Vec<String>,
    pub verbs: Vec<String>,
    /// "RoleBinding blee → Role blee", "ClusterRoleBinding admins → ClusterRole admin".
    pub via: String,
    /// Granted in every namespace (a ClusterRoleBinding).
    pub cluster_wide: bool,
}

fn subject(s: &Subject, binding_ns: Option<&str>) -> String {
    match s.kind.as_str() {
        "ServiceAccount" => format!(
            "ServiceAccount {}/{}",
            s.namespace.as_deref().or(binding_ns).unwrap_or("default"),
            s.name
        ),
        kind => format!("{kind} {}", s.name),
    }
}

/// The rules of a ClusterRole, with aggregation resolved (one level, as the controller
/// writes them into the aggregated role).
fn cluster_role_rules(name: &str, all: &[ClusterRole]) -> Vec<PolicyRule> {
    let Some(role) = all
        .iter()
        .find(|r| r.metadata.name.as_deref() == Some(name))
    else {
        return Vec::new();
    };
    let mut rules = role.rules.clone().unwrap_or_default();
    if let Some(agg) = &role.aggregation_rule {
        for selector in agg.cluster_role_selectors.iter().flatten() {
            let wanted = selector.match_labels.clone().unwrap_or_default();
            if wanted.is_empty() {
                continue;
            }
            for other in all {
                if other.metadata.name.as_deref() == Some(name) {
                    continue;
                }
                let labels = other.metadata.labels.clone().unwrap_or_default();
                if wanted.iter().all(|(k, v)| labels.get(k) == Some(v)) {
                    rules.extend(other.rules.clone().unwrap_or_default());
                }
            }
        }
    }
    rules
}

fn grants_of(
    rules: &[PolicyRule],
    subjects: &[String],
    via: &str,
    cluster_wide: bool,
    out: &mut Vec<Grant>,
) {
    for rule in rules {
        let groups = rule.api_groups.clone().unwrap_or_default();
        for res in rule.resources.iter().flatten() {
            for group in if groups.is_empty() {
                vec![String::new()]
            } else {
                groups.clone()
            } {
                let resource = match group.as_str() {
                    "" => res.clone(),
                    "*" if res == "*" => "*".to_string(),
                    g => format!("{res}.{g}"),
                };
                for s in subjects {
                    out.push(Grant {
                        subject: s.clone(),
                        resource: resource.clone(),
                        resource_names: rule.resource_names.clone().unwrap_or_default(),
                        verbs: rule.verbs.clone(),
                        via: via.to_string(),
                        cluster_wide,
                    });
                }
            }
        }
    }
}

/// Every grant that applies in `namespace`, sorted by subject then resource.
pub fn grants(
    namespace: &str,
    roles: &[Role],
    cluster_roles: &[ClusterRole],
    role_bindings: &[RoleBinding],
    cluster_role_bindings: &[ClusterRoleBinding],
) -> Vec<Grant> {
    let mut out = Vec::new();
    for b in role_bindings
        .iter()
        .filter(|b| b.metadata.namespace.as_deref() == Some(namespace))
    {
        let subjects: Vec<String> = b
            .subjects
            .iter()
            .flatten()
            .map(|s| subject(s, Some(namespace)))
            .collect();
        let r = &b.role_ref;
        let rules = if r.kind == "ClusterRole" {
            cluster_role_rules(&r.name, cluster_roles)
        } else {
            roles
                .iter()
                .find(|x| {
                    x.metadata.name.as_deref() == Some(r.name.as_str())
                        && x.metadata.namespace.as_deref() == Some(namespace)
                })
                .and_then(|x| x.rules.clone())
                .unwrap_or_default()
        };
        let via = format!(
            "RoleBinding {} → {} {}",
            b.metadata.name.as_deref().unwrap_or(""),
            r.kind,
            r.name
        );
        grants_of(&rules, &subjects, &via, false, &mut out);
    }
    for b in cluster_role_bindings {
        let subjects: Vec<String> = b
            .subjects
            .iter()
            .flatten()
            .map(|s| subject(s, None))
            .collect();
        let r = &b.role_ref;
        let via = format!(
            "ClusterRoleBinding {} → ClusterRole {}",
            b.metadata.name.as_deref().unwrap_or(""),
            r.name
        );
        grants_of(
            &cluster_role_rules(&r.name, cluster_roles),
            &subjects,
            &via,
            true,
            &mut out,
        );
    }
    out.sort_by(|a, b| (&a.subject, &a.resource, &a.via).cmp(&(&b.subject, &b.resource, &b.via)));
    out
}

/// The who-can-do-what matrix: subject → resource → the union of its verbs.
pub fn matrix(grants: &[Grant]) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut m: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for g in grants {
        m.entry(g.subject.clone())
            .or_default()
            .entry(g.resource.clone())
            .or_default()
            .extend(g.verbs.iter().cloned());
    }
    m
}
