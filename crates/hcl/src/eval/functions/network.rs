//! CIDR functions for IPv4 and IPv6, computed on 128-bit integers.

use super::super::{err, EvalResult};
use super::Args;
use crate::value::Value;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

const NAMES: &[&str] = &["cidrsubnet", "cidrhost", "cidrnetmask", "cidrsubnets"];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

struct Cidr {
    addr: u128,
    prefix: u32,
    bits: u32,
}

impl Cidr {
    fn parse(s: &str) -> Option<Cidr> {
        let (ip, len) = s.split_once('/')?;
        let prefix: u32 = len.parse().ok()?;
        let (addr, bits) = match ip.parse::<IpAddr>().ok()? {
            IpAddr::V4(v4) => (u32::from(v4) as u128, 32),
            IpAddr::V6(v6) => (u128::from(v6), 128),
        };
        if prefix > bits {
            return None;
        }
        Some(Cidr {
            addr: addr & mask(prefix, bits),
            prefix,
            bits,
        })
    }

    fn render_ip(&self, addr: u128) -> String {
        if self.bits == 32 {
            Ipv4Addr::from(addr as u32).to_string()
        } else {
            Ipv6Addr::from(addr).to_string()
        }
    }

    fn subnet(&self, newbits: i64, netnum: i64) -> Result<Cidr, String> {
        if newbits < 0 || netnum < 0 {
            return Err("newbits and netnum must not be negative".into());
        }
        let new_prefix = self.prefix as i64 + newbits;
        if new_prefix > self.bits as i64 {
            return Err(format!(
                "insufficient address space to extend prefix of {} by {newbits}",
                self.prefix
            ));
        }
        let new_prefix = new_prefix as u32;
        if newbits < 127 && (netnum as u128) >= (1u128 << newbits) {
            return Err(format!(
                "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
            ));
        }
        let shift = self.bits - new_prefix;
        let add = if shift >= 128 {
            0
        } else {
            (netnum as u128) << shift
        };
        Ok(Cidr {
            addr: self.addr | add,
            prefix: new_prefix,
            bits: self.bits,
        })
    }
}

fn mask(prefix: u32, bits: u32) -> u128 {
    let all = if bits == 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    };
    if prefix == 0 {
        0
    } else {
        all & !((1u128 << (bits - prefix)) - 1).min(all)
    }
}

pub(super) fn call(name: &str, a: Args) -> EvalResult {
    let cidr = || -> Result<Cidr, super::super::EvalError> {
        let s = a.str(0)?;
        Cidr::parse(&s).map_or_else(|| a.fail(format!("invalid CIDR address {s:?}")), Ok)
    };
    match name {
        "cidrsubnet" => {
            a.expect(3, 3)?;
            let c = cidr()?;
            match c.subnet(a.int(1)?, a.int(2)?) {
                Ok(s) => Ok(Value::String(format!(
                    "{}/{}",
                    c.render_ip(s.addr),
                    s.prefix
                ))),
                Err(e) => a.fail(e),
            }
        }
        "cidrsubnets" => {
            a.expect(1, usize::MAX)?;
            let c = cidr()?;
            let mut out = Vec::new();
            // Each subnet starts right after the previous one, aligned to its own size.
            let mut next: u128 = c.addr;
            for i in 1..a.len() {
                let nb = a.int(i)?;
                if nb < 1 || c.prefix as i64 + nb > c.bits as i64 {
                    return a.fail("invalid newbits");
                }
                let p = c.prefix + nb as u32;
                let size = 1u128 << (c.bits - p);
                let start = next.div_ceil(size).saturating_mul(size);
                let end = start.saturating_add(size);
                let limit = c.addr.saturating_add(if c.bits - c.prefix >= 128 {
                    u128::MAX
                } else {
                    1u128 << (c.bits - c.prefix)
                });
                if end > limit {
                    return a.fail("not enough remaining address space");
                }
                out.push(Value::String(format!("{}/{}", c.render_ip(start), p)));
                next = end;
            }
            Ok(Value::List(out))
        }
        "cidrhost" => {
            a.expect(2, 2)?;
            let c = cidr()?;
            let host = a.int(1)?;
            let size: i128 = if c.bits - c.prefix >= 127 {
                i128::MAX
            } else {
                1i128 << (c.bits - c.prefix)
            };
            let h = if host < 0 {
                size + host as i128
            } else {
                host as i128
            };
            if h < 0 || h >= size {
                return a.fail(format!(
                    "prefix of {} does not accommodate a host numbered {host}",
                    c.prefix
                ));
            }
            Ok(Value::String(c.render_ip(c.addr | h as u128)))
        }
        "cidrnetmask" => {
            a.expect(1, 1)?;
            let c = cidr()?;
            if c.bits != 32 {
                return a.fail("only IPv4 networks have a netmask");
            }
            Ok(Value::String(
                Ipv4Addr::from(mask(c.prefix, 32) as u32).to_string(),
            ))
        }
        _ => err(format!("unknown function {name}")),
    }
}
