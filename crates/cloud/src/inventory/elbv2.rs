//! Elastic Load Balancing v2 → `aws_lb` and `aws_lb_target_group` (id = ARN, as the provider
//! keeps it). Tags are one DescribeTags call per 20 ARNs (the API's limit), a few at once; tags
//! that cannot be read (denied) are left out, so they are never reported as changed.

use super::live::{resource, sorted, Scope};
use crate::aws::sdk_error;
use crate::error::CloudError;
use aws_sdk_elasticloadbalancingv2::types::{LoadBalancer, LoadBalancerSchemeEnum, TargetGroup};
use futures::stream::{self, StreamExt};
use orbis_drift::LiveResource;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

type Tags = HashMap<String, BTreeMap<String, String>>;

fn client(scope: &Scope<'_>) -> aws_sdk_elasticloadbalancingv2::Client {
    let conf = aws_sdk_elasticloadbalancingv2::config::Builder::from(scope.config)
        .region(scope.region())
        .credentials_provider(scope.credentials.clone())
        .build();
    aws_sdk_elasticloadbalancingv2::Client::from_conf(conf)
}

/// ELBv2 pages hold 1–400 items.
fn page(scope: &Scope<'_>) -> i32 {
    scope.page_size.clamp(1, 400)
}

pub(super) async fn load_balancers(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let client = client(scope);
    let found = client
        .describe_load_balancers()
        .page_size(page(scope))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "Elastic Load Balancing", scope.config))?;
    let arns: Vec<String> = found
        .iter()
        .filter_map(|l| l.load_balancer_arn().map(str::to_string))
        .collect();
    let tags = tags(&client, scope, arns).await;
    Ok(found
        .iter()
        .filter_map(|l| load_balancer(scope, l, &tags))
        .collect())
}

pub(super) async fn target_groups(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let client = client(scope);
    let found = client
        .describe_target_groups()
        .page_size(page(scope))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "Elastic Load Balancing", scope.config))?;
    let arns: Vec<String> = found
        .iter()
        .filter_map(|t| t.target_group_arn().map(str::to_string))
        .collect();
    let tags = tags(&client, scope, arns).await;
    Ok(found
        .iter()
        .filter_map(|t| target_group(scope, t, &tags))
        .collect())
}

/// Tags per ARN; ARNs whose batch failed are absent.
async fn tags(
    client: &aws_sdk_elasticloadbalancingv2::Client,
    scope: &Scope<'_>,
    arns: Vec<String>,
) -> Tags {
    let batches: Vec<Vec<String>> = arns.chunks(20).map(<[String]>::to_vec).collect();
    let answers: Vec<_> = stream::iter(batches)
        .map(|batch| async move {
            client
                .describe_tags()
                .set_resource_arns(Some(batch))
                .send()
                .await
        })
        .buffer_unordered(scope.concurrency.max(1))
        .collect()
        .await;
    answers
        .into_iter()
        .flatten()
        .flat_map(|out| out.tag_descriptions().to_vec())
        .filter_map(|d| {
            let tags = d
                .tags()
                .iter()
                .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
                .collect();
            Some((d.resource_arn()?.to_string(), tags))
        })
        .collect()
}

/// Tags as attributes only when they were read (then the state's tags are compared).
fn tag_parts(
    arn: &str,
    tags: &Tags,
) -> (Option<BTreeMap<String, String>>, BTreeMap<String, String>) {
    let t = tags.get(arn).cloned();
    let flat = t.clone().unwrap_or_default();
    (t, flat)
}

fn load_balancer(scope: &Scope<'_>, l: &LoadBalancer, tags: &Tags) -> Option<LiveResource> {
    let arn = l.load_balancer_arn()?;
    let (read, flat) = tag_parts(arn, tags);
    Some(resource(
        "aws_lb",
        arn,
        Some(scope.region),
        scope.account,
        json!({
            "name": l.load_balancer_name(),
            "arn": arn,
            "dns_name": l.dns_name(),
            "zone_id": l.canonical_hosted_zone_id(),
            "internal": l.scheme().map(|s| *s == LoadBalancerSchemeEnum::Internal),
            "load_balancer_type": l.r#type().map(|t| t.as_str()),
            "vpc_id": l.vpc_id(),
            "ip_address_type": l.ip_address_type().map(|t| t.as_str()),
            "subnets": sorted(l.availability_zones().iter().filter_map(|z| z.subnet_id())),
            "security_groups": sorted(l.security_groups().iter().map(String::as_str)),
            "tags": read,
        }),
        flat,
    ))
}

fn target_group(scope: &Scope<'_>, t: &TargetGroup, tags: &Tags) -> Option<LiveResource> {
    let arn = t.target_group_arn()?;
    let (read, flat) = tag_parts(arn, tags);
    Some(resource(
        "aws_lb_target_group",
        arn,
        Some(scope.region),
        scope.account,
        json!({
            "name": t.target_group_name(),
            "arn": arn,
            "port": t.port(),
            "protocol": t.protocol().map(|p| p.as_str()),
            "vpc_id": t.vpc_id(),
            "target_type": t.target_type().map(|x| x.as_str()),
            "tags": read,
        }),
        flat,
    ))
}
