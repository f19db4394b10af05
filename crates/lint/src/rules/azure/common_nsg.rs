//! Inbound "allow from the internet to port X" for Azure NSG rules, written inline
//! (`security_rule` blocks) or as `azurerm_network_security_rule` resources.

use crate::model::{Block, Resource, Span, Value};
use crate::rule::Sink;

/// Source prefixes that mean "any address on the internet".
fn is_any_source(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    // Any prefix length of 0 covers every address, whatever the base address written.
    matches!(s.as_str(), "*" | "0.0.0.0" | "internet" | "any") || s.ends_with("/0")
}

/// Does a port spec (`"22"`, `"20-30"`, `"*"`) include `port`?
pub fn port_spec_includes(spec: &str, port: u16) -> bool {
    // Azure accepts comma-separated lists in one string: "21-24, 230".
    if spec.contains(',') {
        return spec.split(',').any(|p| port_spec_includes(p, port));
    }
    let s = spec.trim();
    if s == "*" {
        return true;
    }
    match s.split_once('-') {
        Some((a, b)) => match (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
            (Ok(a), Ok(b)) => a <= port as u32 && port as u32 <= b,
            _ => false,
        },
        None => s.parse::<u32>().is_ok_and(|p| p == port as u32),
    }
}

/// Strings of a string/number or list value (ports are often written as numbers).
fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::Str(s) => vec![s.clone()],
        Value::Number(n) => vec![format!("{n}")],
        Value::List(l) => l.iter().flat_map(texts).collect(),
        _ => Vec::new(),
    }
}

fn strs(b: &Block, single: &str, plural: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in [single, plural] {
        if let Some(v) = b.value(k) {
            out.extend(texts(v));
        }
    }
    out
}

/// Is this rule body an inbound allow from the internet that includes `port` (TCP or any)?
pub fn opens(b: &Block, port: u16, protocols: &[&str]) -> bool {
    let eq = |k: &str, want: &str| {
        b.value(k)
            .and_then(Value::as_str)
            .is_some_and(|v| v.eq_ignore_ascii_case(want))
    };
    if !eq("access", "Allow") || !eq("direction", "Inbound") {
        return false;
    }
    let proto_ok = b
        .value("protocol")
        .and_then(Value::as_str)
        .is_some_and(|p| p == "*" || protocols.iter().any(|x| p.eq_ignore_ascii_case(x)));
    if !proto_ok {
        return false;
    }
    let ports = strs(b, "destination_port_range", "destination_port_ranges");
    let sources = strs(b, "source_address_prefix", "source_address_prefixes");
    ports.iter().any(|p| port_spec_includes(p, port)) && sources.iter().any(|s| is_any_source(s))
}

/// Report every rule of `r` that opens `port` to the internet.
pub fn report(r: &Resource, out: &mut Sink, port: u16, service: &str) {
    let mut hits: Vec<Span> = Vec::new();
    if r.rtype == "azurerm_network_security_rule" {
        if opens(&r.body, port, &["Tcp"]) {
            hits.push(r.body.span);
        }
    } else {
        hits.extend(
            r.body
                .blocks("security_rule")
                .filter(|b| opens(b, port, &["Tcp"]))
                .map(|b| b.span),
        );
    }
    for s in hits {
        out.report(
            s,
            format!("{service} (port {port}) is allowed from the internet"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_specs() {
        assert!(port_spec_includes("22", 22));
        assert!(port_spec_includes("10-100", 22));
        assert!(port_spec_includes("*", 3389));
        assert!(!port_spec_includes("443", 22));
        assert!(!port_spec_includes("x-y", 22));
        assert!(port_spec_includes("21-24, 230", 22));
        assert!(port_spec_includes("21, 22 , 24 ", 22));
    }
}
