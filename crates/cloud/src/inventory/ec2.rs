//! EC2 answers → live resources with the attributes the AWS provider's schema names, so the
//! drift engine compares them with state as they are. Only attributes a Describe call returns
//! are set (no per-resource follow-up calls); default VPCs, subnets and security groups get
//! the provider's `aws_default_*` types, as Terraform manages them.

use aws_sdk_ec2::types::{
    Instance, InstanceStateName, IpPermission, SecurityGroup, Subnet, Tag, Volume, Vpc,
};
use orbis_drift::LiveResource;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub(super) struct Place<'a> {
    pub region: &'a str,
    pub account: &'a str,
}

fn resource(
    place: &Place<'_>,
    rtype: &str,
    id: &str,
    attributes: Value,
    tags: &[Tag],
) -> LiveResource {
    let attributes: Map<String, Value> = match attributes {
        Value::Object(m) => m.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Map::new(),
    };
    LiveResource {
        resource_type: rtype.to_string(),
        id: id.to_string(),
        region: Some(place.region.to_string()),
        account: (!place.account.is_empty()).then(|| place.account.to_string()),
        attributes,
        tags: tags_of(tags),
    }
}

fn tags_of(tags: &[Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
        .collect()
}

/// Running, stopped… instances; terminated ones are gone for Terraform too.
pub(super) fn instance(place: &Place<'_>, i: &Instance) -> Option<LiveResource> {
    let state = i.state().and_then(|s| s.name());
    if matches!(
        state,
        Some(InstanceStateName::Terminated | InstanceStateName::ShuttingDown)
    ) {
        return None;
    }
    let mut groups: Vec<&str> = i
        .security_groups()
        .iter()
        .filter_map(|g| g.group_id())
        .collect();
    // Terraform keeps sets of strings sorted.
    groups.sort_unstable();
    let monitoring = i
        .monitoring()
        .and_then(|m| m.state())
        .map(|s| matches!(s.as_str(), "enabled" | "pending"));
    Some(resource(
        place,
        "aws_instance",
        i.instance_id()?,
        json!({
            "ami": i.image_id(),
            "instance_type": i.instance_type().map(|t| t.as_str()),
            "subnet_id": i.subnet_id(),
            "availability_zone": i.placement().and_then(|p| p.availability_zone()),
            "private_ip": i.private_ip_address(),
            "vpc_security_group_ids": groups,
            "monitoring": monitoring,
            "instance_state": state.map(|s| s.as_str()),
        }),
        i.tags(),
    ))
}

pub(super) fn vpc(place: &Place<'_>, v: &Vpc) -> Option<LiveResource> {
    let rtype = if v.is_default() == Some(true) {
        "aws_default_vpc"
    } else {
        "aws_vpc"
    };
    Some(resource(
        place,
        rtype,
        v.vpc_id()?,
        json!({
            "cidr_block": v.cidr_block(),
            "instance_tenancy": v.instance_tenancy().map(|t| t.as_str()),
        }),
        v.tags(),
    ))
}

pub(super) fn subnet(place: &Place<'_>, s: &Subnet) -> Option<LiveResource> {
    let rtype = if s.default_for_az() == Some(true) {
        "aws_default_subnet"
    } else {
        "aws_subnet"
    };
    Some(resource(
        place,
        rtype,
        s.subnet_id()?,
        json!({
            "vpc_id": s.vpc_id(),
            "cidr_block": s.cidr_block(),
            "availability_zone": s.availability_zone(),
            "map_public_ip_on_launch": s.map_public_ip_on_launch(),
        }),
        s.tags(),
    ))
}

pub(super) fn security_group(place: &Place<'_>, g: &SecurityGroup) -> Option<LiveResource> {
    let id = g.group_id()?;
    let rtype = if g.group_name() == Some("default") {
        "aws_default_security_group"
    } else {
        "aws_security_group"
    };
    let ingress: Vec<Value> = g.ip_permissions().iter().map(|p| rule(id, p)).collect();
    let egress: Vec<Value> = g
        .ip_permissions_egress()
        .iter()
        .map(|p| rule(id, p))
        .collect();
    Some(resource(
        place,
        rtype,
        id,
        json!({
            "name": g.group_name(),
            "description": g.description(),
            "vpc_id": g.vpc_id(),
            "ingress": ingress,
            "egress": egress,
        }),
        g.tags(),
    ))
}

/// One permission as the provider's `ingress`/`egress` block: CIDRs, prefix lists and other
/// groups together, `self` for a reference to the group itself. Protocol `-1` has no ports
/// (the provider writes 0).
fn rule(own_id: &str, p: &IpPermission) -> Value {
    let cidrs: Vec<&str> = p.ip_ranges().iter().filter_map(|r| r.cidr_ip()).collect();
    let cidrs6: Vec<&str> = p
        .ipv6_ranges()
        .iter()
        .filter_map(|r| r.cidr_ipv6())
        .collect();
    let prefixes: Vec<&str> = p
        .prefix_list_ids()
        .iter()
        .filter_map(|r| r.prefix_list_id())
        .collect();
    let mut groups: Vec<&str> = p
        .user_id_group_pairs()
        .iter()
        .filter_map(|g| g.group_id())
        .filter(|g| *g != own_id)
        .collect();
    groups.sort_unstable();
    let is_self = p
        .user_id_group_pairs()
        .iter()
        .any(|g| g.group_id() == Some(own_id));
    let description = p
        .ip_ranges()
        .iter()
        .filter_map(|r| r.description())
        .chain(p.ipv6_ranges().iter().filter_map(|r| r.description()))
        .chain(
            p.user_id_group_pairs()
                .iter()
                .filter_map(|r| r.description()),
        )
        .next()
        .unwrap_or("");
    json!({
        "protocol": p.ip_protocol().unwrap_or("-1"),
        "from_port": p.from_port().unwrap_or(0),
        "to_port": p.to_port().unwrap_or(0),
        "cidr_blocks": cidrs,
        "ipv6_cidr_blocks": cidrs6,
        "prefix_list_ids": prefixes,
        "security_groups": groups,
        "self": is_self,
        "description": description,
    })
}

/// Volumes launched with an instance (delete-on-termination, or its root device) belong to
/// its `root_block_device`/`ebs_block_device` in Terraform, not to an `aws_ebs_volume`.
pub(super) fn launched_volumes(i: &Instance) -> impl Iterator<Item = String> + '_ {
    i.block_device_mappings().iter().filter_map(move |m| {
        let ebs = m.ebs()?;
        let root = m.device_name().is_some() && m.device_name() == i.root_device_name();
        (root || ebs.delete_on_termination() == Some(true))
            .then(|| ebs.volume_id().map(str::to_string))
            .flatten()
    })
}

/// Volumes attached with delete-on-termination were launched with an instance (see
/// `launched_volumes`, which also catches them when the attachment does not say so).
pub(super) fn volume(place: &Place<'_>, v: &Volume) -> Option<LiveResource> {
    if v.attachments()
        .iter()
        .any(|a| a.delete_on_termination() == Some(true))
    {
        return None;
    }
    Some(resource(
        place,
        "aws_ebs_volume",
        v.volume_id()?,
        json!({
            "availability_zone": v.availability_zone(),
            "size": v.size(),
            "type": v.volume_type().map(|t| t.as_str()),
            "encrypted": v.encrypted(),
            "snapshot_id": v.snapshot_id().filter(|s| !s.is_empty()),
        }),
        v.tags(),
    ))
}
