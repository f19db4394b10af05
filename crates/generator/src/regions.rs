//! Regions the generator accepts per cloud: ones where every catalog service it uses is
//! available with at least three zones (so prod can spread across zones).

use crate::spec::Cloud;

pub fn of(cloud: Cloud) -> &'static [&'static str] {
    match cloud {
        Cloud::Aws => &[
            "us-east-1",
            "us-east-2",
            "us-west-2",
            "ca-central-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "eu-north-1",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-northeast-1",
            "sa-east-1",
        ],
        Cloud::Azure => &[
            "westeurope",
            "northeurope",
            "uksouth",
            "francecentral",
            "germanywestcentral",
            "swedencentral",
            "eastus",
            "eastus2",
            "centralus",
            "westus2",
            "westus3",
            "australiaeast",
            "southeastasia",
            "japaneast",
        ],
        Cloud::Gcp => &[
            "europe-west1",
            "europe-west2",
            "europe-west3",
            "europe-west4",
            "europe-north1",
            "us-central1",
            "us-east1",
            "us-east4",
            "us-west1",
            "asia-southeast1",
            "asia-northeast1",
            "australia-southeast1",
        ],
    }
}

/// The three zones of an AWS region the generator spreads over, named explicitly: a data
/// source would return more zones when AWS adds one and move subnets (Checkov CKV_AWS_394).
/// Letters are not contiguous everywhere (ca-central-1 has no `c`, ap-northeast-1 no `b` for
/// new accounts).
pub fn aws_zones(region: &str) -> [String; 3] {
    let letters = match region {
        "ca-central-1" => ['a', 'b', 'd'],
        "ap-northeast-1" => ['a', 'c', 'd'],
        _ => ['a', 'b', 'c'],
    };
    letters.map(|l| format!("{region}{l}"))
}
