//! Calls of a few widely used registry modules are also checked as the resource they wrap:
//! `module "b" { source = "terraform-aws-modules/s3-bucket/aws"  acl = "public-read" }` is a
//! bucket with a public ACL. The module's arguments mirror the wrapped resource's arguments,
//! so the resource rules apply unchanged; arguments left out are read with the provider's
//! default (as for a bare resource), not the module's own default, which varies by version.
//! The pseudo resource's address is `module.<name>`.

/// Registry source (without host, version or subdirectory) → resource types it wraps.
const SHIMS: &[(&str, &[&str])] = &[
    (
        "terraform-aws-modules/s3-bucket/aws",
        &["aws_s3_bucket", "aws_s3_bucket_public_access_block"],
    ),
    ("terraform-aws-modules/ec2-instance/aws", &["aws_instance"]),
    ("terraform-aws-modules/rds/aws", &["aws_db_instance"]),
    ("terraform-aws-modules/alb/aws", &["aws_lb"]),
    ("terraform-aws-modules/elb/aws", &["aws_elb"]),
    (
        "terraform-aws-modules/autoscaling/aws",
        &["aws_launch_configuration"],
    ),
    ("terraform-aws-modules/vpc/aws", &["aws_vpc"]),
    ("terraform-aws-modules/sqs/aws", &["aws_sqs_queue"]),
];

/// Resource types a module source stands for (empty for other sources).
pub fn wrapped_types(source: &str) -> &'static [&'static str] {
    let s = source.trim().trim_start_matches("registry.terraform.io/");
    let s = s.split("//").next().unwrap_or(s);
    SHIMS
        .iter()
        .find(|(src, _)| s.eq_ignore_ascii_case(src))
        .map(|(_, t)| *t)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_registry_sources_only() {
        assert_eq!(
            wrapped_types("terraform-aws-modules/s3-bucket/aws"),
            ["aws_s3_bucket", "aws_s3_bucket_public_access_block"]
        );
        assert_eq!(
            wrapped_types("registry.terraform.io/terraform-aws-modules/ec2-instance/aws"),
            ["aws_instance"]
        );
        assert_eq!(
            wrapped_types("terraform-aws-modules/sqs/aws"),
            ["aws_sqs_queue"]
        );
        assert!(wrapped_types("./modules/s3-bucket").is_empty());
        assert!(
            wrapped_types("git::https://example.com/terraform-aws-modules/s3-bucket/aws.git")
                .is_empty()
        );
    }
}
