//! Ingress rules of AWS security groups, network ACLs and their standalone rule resources,
//! flattened to one shape so that each "port X open to the internet" rule is a few lines.

use crate::finding::{Fix, TextEdit};
use crate::model::{Block, Resource, Span, Value};

/// One inbound permission, wherever it was written.
pub struct Ingress<'a> {
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub protocol: Option<String>,
    /// Every CIDR string (IPv4 and IPv6) of the permission.
    pub cidrs: Vec<&'a str>,
    /// The permission names no source at all: no CIDR, prefix list or security group, and
    /// `self` is not true (unknown values count as a source). Always false for dynamic blocks.
    pub no_source: bool,
    pub span: Span,
    /// The block or resource body the permission was read from (for fixes).
    pub block: &'a Block,
}

impl Ingress<'_> {
    /// Open to 0.0.0.0/0 or ::/0.
    pub fn from_internet(&self) -> bool {
        self.cidrs
            .iter()
            .any(|c| matches!(c.trim(), "0.0.0.0/0" | "::/0"))
    }
    /// Includes `port`. `-1`/`all` protocols and a 0–0 range (which several tools and the
    /// console read as "all") include every port; an unknown bound includes nothing.
    pub fn includes(&self, port: u16) -> bool {
        let proto = self.protocol.as_deref().map(str::to_ascii_lowercase);
        if matches!(proto.as_deref(), Some("-1") | Some("all")) {
            return true;
        }
        // UDP/ICMP permissions do not expose SSH/RDP (TCP) services.
        if let Some(p) = proto.as_deref() {
            if !matches!(p, "tcp" | "6") {
                return false;
            }
        }
        match (self.from, self.to) {
            (Some(f), Some(t)) if f == 0.0 && t == 0.0 => true,
            (Some(f), Some(t)) => f <= port as f64 && port as f64 <= t,
            _ => false,
        }
    }
}

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_number)
}

const SOURCE_KEYS: &[&str] = &[
    "cidr_blocks",
    "ipv6_cidr_blocks",
    "cidr_block",
    "ipv6_cidr_block",
    "cidr_ipv4",
    "cidr_ipv6",
    "prefix_list_ids",
    "prefix_list_id",
    "security_groups",
    "source_security_group_id",
    "referenced_security_group_id",
];

fn names_no_source(b: &Block) -> bool {
    if b.dynamic {
        return false;
    }
    let has = |v: &Value| match v {
        Value::Null => false,
        Value::Str(s) => !s.is_empty(),
        Value::List(l) => !l.is_empty(),
        _ => true,
    };
    let any_source = SOURCE_KEYS.iter().any(|k| b.value(k).is_some_and(has));
    let is_self = b
        .value("self")
        .is_some_and(|v| v.is_unknown() || v.as_bool() == Some(true));
    !any_source && !is_self
}

fn from_block(b: &Block) -> Ingress<'_> {
    let mut cidrs = Vec::new();
    for k in [
        "cidr_blocks",
        "ipv6_cidr_blocks",
        "cidr_block",
        "ipv6_cidr_block",
        "cidr_ipv4",
        "cidr_ipv6",
    ] {
        if let Some(v) = b.value(k) {
            cidrs.extend(v.strings());
        }
    }
    Ingress {
        from: num(b.value("from_port")),
        to: num(b.value("to_port")),
        protocol: b
            .value("protocol")
            .or(b.value("ip_protocol"))
            .and_then(|v| match v {
                Value::Number(n) => Some(format!("{n}")),
                Value::Str(s) => Some(s.clone()),
                _ => None,
            }),
        cidrs,
        no_source: names_no_source(b),
        span: b.span,
        block: b,
    }
}

/// Inbound permissions of a security group, a security group rule, a VPC ingress rule, a
/// network ACL or a network ACL rule (ACL entries only when they allow).
pub fn ingress_of(r: &Resource) -> Vec<Ingress<'_>> {
    let b = &r.body;
    match r.rtype.as_str() {
        "aws_security_group" | "aws_default_security_group" => {
            // `ingress = [{ ... }]` attribute syntax arrives as blocks too (see load.rs).
            b.blocks("ingress").map(from_block).collect()
        }
        "aws_security_group_rule" => {
            if b.value("type").and_then(Value::as_str) == Some("ingress") {
                vec![from_block(b)]
            } else {
                vec![]
            }
        }
        "aws_vpc_security_group_ingress_rule" => vec![from_block(b)],
        "aws_network_acl" | "aws_default_network_acl" => b
            .blocks("ingress")
            .filter(|e| {
                e.value("action")
                    .and_then(Value::as_str)
                    .is_some_and(|a| a.eq_ignore_ascii_case("allow"))
            })
            .map(from_block)
            .collect(),
        "aws_network_acl_rule" => {
            let egress = b.value("egress").and_then(Value::as_bool).unwrap_or(false);
            let allow = b
                .value("rule_action")
                .and_then(Value::as_str)
                .is_some_and(|a| a.eq_ignore_ascii_case("allow"));
            if !egress && allow {
                vec![from_block(b)]
            } else {
                vec![]
            }
        }
        _ => vec![],
    }
}

pub const SG_TYPES: &[&str] = &[
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
];
pub const NACL_TYPES: &[&str] = &[
    "aws_network_acl",
    "aws_default_network_acl",
    "aws_network_acl_rule",
];

/// Network ACL entries are evaluated in `rule_no` order and the first entry matching a packet
/// decides: an earlier `deny` from 0.0.0.0/0 (or ::/0) for the port closes it whatever allows
/// follow. Returns the spans of the `allow` entries that decide for the internet, per address
/// family. `None` when an entry that could decide has an unknown `rule_no` (order unknown).
fn nacl_deciding_allows(r: &Resource, port: u16) -> Option<Vec<Span>> {
    let mut out = Vec::new();
    for open in ["0.0.0.0/0", "::/0"] {
        let mut entries: Vec<(f64, bool, Span)> = Vec::new();
        for e in r.body.blocks("ingress") {
            let i = from_block(e);
            if !(i.cidrs.iter().any(|c| c.trim() == open) && i.includes(port)) {
                continue;
            }
            let allow = e
                .value("action")
                .and_then(Value::as_str)
                .map(|a| a.eq_ignore_ascii_case("allow"));
            let Some(allow) = allow else {
                continue;
            };
            entries.push((num(e.value("rule_no"))?, allow, e.span));
        }
        entries.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, true, span)) = entries.first() {
            out.push(*span);
        }
    }
    Some(out)
}

/// Report each inbound permission of `r` that opens `port` to the internet. Security group
/// permissions for the port that name no source at all are reported too (see ORB-AWS-001).
pub fn report_open_port(
    r: &Resource,
    text: &str,
    out: &mut crate::rule::Sink,
    port: u16,
    service: &str,
) {
    let msg = format!("{service} (port {port}) is open to the internet (0.0.0.0/0 or ::/0)");
    if matches!(
        r.rtype.as_str(),
        "aws_network_acl" | "aws_default_network_acl"
    ) {
        if let Some(spans) = nacl_deciding_allows(r, port) {
            // Narrowing only the deciding entry would let the next open entry decide, so
            // the fix narrows every entry that opens the port to the internet.
            let open_entries: Vec<&Block> = ingress_of(r)
                .into_iter()
                .filter(|i| i.from_internet() && i.includes(port))
                .map(|i| i.block)
                .collect();
            let fix = merge_fixes(
                open_entries
                    .iter()
                    .filter_map(|b| restrict_to_private(text, b)),
            );
            for s in spans {
                out.report_fix(s, msg.clone(), fix.clone());
            }
            return;
        }
    }
    let sg = SG_TYPES.contains(&r.rtype.as_str());
    for i in ingress_of(r) {
        if i.from_internet() && i.includes(port) {
            out.report_fix(i.span, msg.clone(), restrict_to_private(text, i.block));
        } else if sg && i.no_source && i.includes(port) {
            out.report(
                i.span,
                format!(
                    "{service} (port {port}) ingress rule names no source (CIDR, prefix list, security group or self)"
                ),
            );
        }
    }
}

fn merge_fixes(fixes: impl Iterator<Item = Fix>) -> Option<Fix> {
    let mut merged: Option<Fix> = None;
    for f in fixes {
        match &mut merged {
            None => merged = Some(f),
            Some(m) => m.edits.extend(f.edits),
        }
    }
    if let Some(m) = &mut merged {
        m.edits.sort_by_key(|e| e.start);
    }
    merged
}

/// The private ranges a world-open source is narrowed to: RFC 1918 `10.0.0.0/8` and IPv6
/// unique local `fc00::/7`. Not a final answer (the user still picks their VPN or bastion
/// range) but never public, and an edit the user sees and adjusts in place.
const PRIVATE_V4: &str = "10.0.0.0/8";
const PRIVATE_V6: &str = "fc00::/7";

/// Fix replacing each literal `"0.0.0.0/0"` / `"::/0"` written in the permission's CIDR
/// attributes with a private range. `None` when the open range does not appear literally
/// (it comes from a variable or a local: the fix belongs there, not here).
pub fn restrict_to_private(text: &str, b: &Block) -> Option<Fix> {
    let mut edits = Vec::new();
    for key in [
        "cidr_blocks",
        "ipv6_cidr_blocks",
        "cidr_block",
        "ipv6_cidr_block",
        "cidr_ipv4",
        "cidr_ipv6",
    ] {
        let Some(a) = b.attr(key) else { continue };
        let (start, end) = (a.value_span.start_byte, a.value_span.end_byte);
        let Some(value_text) = text.get(start..end) else {
            continue;
        };
        for (open, private) in [("\"0.0.0.0/0\"", PRIVATE_V4), ("\"::/0\"", PRIVATE_V6)] {
            for (at, _) in value_text.match_indices(open) {
                edits.push(TextEdit {
                    start: start + at,
                    end: start + at + open.len(),
                    replacement: format!("\"{private}\""),
                });
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| e.start);
    Some(Fix {
        description: format!("restrict the source to the private range {PRIVATE_V4}"),
        edits,
    })
}
