//! "Port X open to the internet" for `google_compute_firewall` ingress rules.

use crate::model::{Resource, Value};
use crate::rule::Sink;

fn port_matches(v: &Value, port: u16) -> bool {
    match v {
        Value::Number(n) => *n as u32 == port as u32,
        Value::Str(s) => crate::rules::azure::common_nsg::port_spec_includes(s, port),
        _ => false,
    }
}

/// Report when `r` allows `port` over one of `protocols` (lower case) from 0.0.0.0/0 or ::/0
/// (an `allow` block without `ports` allows every port of its protocol).
pub fn report(r: &Resource, out: &mut Sink, port: u16, service: &str, protocols: &[&str]) {
    if r.str("direction")
        .is_some_and(|d| d.eq_ignore_ascii_case("EGRESS"))
        || r.bool("disabled") == Some(true)
    {
        return;
    }
    let open = r.value("source_ranges").is_some_and(|v| {
        v.strings()
            .iter()
            .any(|s| matches!(*s, "0.0.0.0/0" | "::/0" | "*"))
    });
    if !open {
        return;
    }
    for allow in r.body.blocks("allow") {
        let proto = allow
            .value("protocol")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let proto_ok = proto.as_deref().is_some_and(|p| {
            p == "all" || protocols.contains(&p) || (p == "6" && protocols.contains(&"tcp"))
        });
        if !proto_ok {
            continue;
        }
        let hit = match allow.value("ports") {
            None | Some(Value::Null) => true,
            Some(Value::List(ps)) => ps.iter().any(|p| port_matches(p, port)),
            Some(_) => false,
        };
        if hit {
            out.report(
                allow.span,
                format!("{service} (port {port}) is allowed from 0.0.0.0/0"),
            );
            return;
        }
    }
}
