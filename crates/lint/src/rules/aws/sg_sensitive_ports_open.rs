//! ORB-AWS-005: Database, cache or remote-admin port open to the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_security_group",
        "aws_default_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_network_acl",
        "aws_default_network_acl",
        "aws_network_acl_rule",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-005",
    title: "Database, cache or remote-admin port open to the internet",
    severity: Severity::High,
    doc: r#"Databases, caches, search engines and remote-administration services (MySQL 3306, PostgreSQL
5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Memcached 11211, Elasticsearch
9200, Kibana 5601, Docker API 2375/2376, etcd 2379, kubelet 10250, SMB 445, Telnet 23, FTP
20/21, VNC 5900) are never meant to be reachable from the whole internet; exposed instances are
found by scanners within minutes. SSH and RDP have their own rules."#,
    fix_hint:
        "Allow these ports only from the application tier's security group or a private range.",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

/// Service ports that should never face `0.0.0.0/0`.
const PORTS: [(u16, &str); 19] = [
    (20, "FTP data"),
    (21, "FTP"),
    (23, "Telnet"),
    (445, "SMB"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2375, "Docker API"),
    (2376, "Docker API (TLS)"),
    (2379, "etcd"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (5601, "Kibana"),
    (5900, "VNC"),
    (6379, "Redis"),
    (9200, "Elasticsearch"),
    (10250, "kubelet"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
    (9300, "Elasticsearch transport"),
];

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = crate::rules::util::text_of(cx, r);
    for i in crate::rules::net::ingress_of(r) {
        if !i.from_internet() {
            continue;
        }
        let open: Vec<String> = PORTS
            .iter()
            .filter(|(p, _)| i.includes(*p))
            .map(|(p, n)| format!("{n} {p}"))
            .collect();
        if !open.is_empty() {
            let shown: Vec<&str> = open.iter().take(4).map(String::as_str).collect();
            let more = if open.len() > 4 {
                format!(" and {} more", open.len() - 4)
            } else {
                String::new()
            };
            out.report_fix(
                i.span,
                format!("open to the internet: {}{more}", shown.join(", ")),
                crate::rules::net::restrict_to_private(text, i.block),
            );
        }
    }
}
