//! "Open to the internet" in security groups, NSG rules and firewalls of the three clouds:
//! an ingress rule whose source is 0.0.0.0/0 or ::/0 (or Azure's `*`/`Internet`), and
//! whether its ports include administration ports (SSH 22, RDP 3389).

use serde_json::Value;

pub const ADMIN_PORTS: [u16; 2] = [22, 3389];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exposure {
    pub open_sources: Vec<String>,
    /// Admin ports reachable from those sources.
    pub admin_ports: Vec<u16>,
}

/// Keys that hold rule sources across providers.
const SOURCE_KEYS: &[&str] = &[
    "cidr_blocks",
    "ipv6_cidr_blocks",
    "cidr_block",
    "ipv6_cidr_block",
    "cidr_ipv4",
    "cidr_ipv6",
    "source_ranges",
    "source_address_prefix",
    "source_address_prefixes",
    "src_ip_ranges",
];

fn is_open_source(s: &str) -> bool {
    matches!(
        s.trim(),
        "0.0.0.0/0" | "::/0" | "*" | "Internet" | "internet" | "Any" | "any"
    )
}

/// Finds ingress rules open to everyone in a resource's (redacted) value.
pub fn exposure(resource_type: &str, value: &Value) -> Exposure {
    let mut out = Exposure::default();
    if resource_type.contains("egress") {
        return out;
    }
    walk(value, &mut out, 0);
    out.open_sources.sort();
    out.open_sources.dedup();
    out.admin_ports.sort_unstable();
    out.admin_ports.dedup();
    out
}

fn walk(value: &Value, out: &mut Exposure, depth: usize) {
    if depth > 32 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| walk(v, out, depth + 1)),
        Value::Object(map) => {
            if is_outbound_or_deny(value) {
                return;
            }
            let open: Vec<String> = SOURCE_KEYS
                .iter()
                .filter_map(|k| map.get(*k))
                .flat_map(strings)
                .filter(|s| is_open_source(s))
                .collect();
            if !open.is_empty() {
                out.admin_ports.extend(admin_ports_of(value));
                out.open_sources.extend(open);
            }
            for (k, v) in map {
                if k != "egress" && !SOURCE_KEYS.contains(&k.as_str()) {
                    walk(v, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn is_outbound_or_deny(rule: &Value) -> bool {
    let s = |k: &str| {
        rule.get(k)
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
    };
    s("type").as_deref() == Some("egress")
        || matches!(s("direction").as_deref(), Some("egress") | Some("outbound"))
        || s("access").as_deref() == Some("deny")
        || s("rule_action").as_deref() == Some("deny")
        || rule.get("egress").and_then(Value::as_bool) == Some(true)
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Admin ports a rule lets through. A rule that names no port (all traffic, protocol -1,
/// google `allow` without `ports`) lets all ports through.
fn admin_ports_of(rule: &Value) -> Vec<u16> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let num = |k: &str| {
        rule.get(k)
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
    };
    if let (Some(f), Some(t)) = (num("from_port"), num("to_port")) {
        let protocol = rule
            .get("protocol")
            .and_then(Value::as_str)
            .unwrap_or("tcp");
        ranges.push(
            if protocol == "-1" || protocol == "all" || (f == 0 && t == 0) {
                (0, 65535)
            } else {
                (f as u32, t as u32)
            },
        );
    }
    for k in [
        "destination_port_range",
        "destination_port_ranges",
        "port_range",
        "ports",
    ] {
        for s in rule.get(k).map(strings).unwrap_or_default() {
            ranges.extend(parse_range(&s));
        }
    }
    for allow in rule
        .get("allow")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let ports = allow.get("ports").map(strings).unwrap_or_default();
        if ports.is_empty() {
            ranges.push((0, 65535));
        }
        ranges.extend(ports.iter().filter_map(|p| parse_range(p)));
    }
    if ranges.is_empty() && rule.get("from_port").is_none() {
        ranges.push((0, 65535));
    }
    ADMIN_PORTS
        .iter()
        .copied()
        .filter(|p| ranges.iter().any(|(a, b)| (*a..=*b).contains(&(*p as u32))))
        .collect()
}

fn parse_range(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    if s == "*" {
        return Some((0, 65535));
    }
    match s.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => s.parse().ok().map(|p| (p, p)),
    }
}
