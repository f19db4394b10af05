//! AWS cost models, one file per resource type.

mod acm_certificate;
mod api_gateway_rest_api;
mod cloudwatch_dashboard;
mod cloudwatch_event_bus;
mod cloudwatch_log_group;
mod cloudwatch_metric_alarm;
mod db_instance;
mod dynamodb_table;
mod ebs_snapshot;
mod ebs_volume;
mod ec2_client_vpn_endpoint;
mod ec2_client_vpn_network_association;
mod ec2_transit_gateway_vpc_attachment;
mod ecr_repository;
mod ecs_service;
mod efs_file_system;
mod eip;
mod eks_cluster;
mod eks_fargate_profile;
mod eks_node_group;
mod elasticache_cluster;
mod elasticache_replication_group;
mod elb;
mod globalaccelerator_accelerator;
mod instance;
mod kms_key;
mod lambda_function;
mod lb;
mod nat_gateway;
mod opensearch_domain;
mod rds_cluster_instance;
mod redshift_cluster;
mod route53_health_check;
mod route53_record;
mod route53_resolver_endpoint;
mod route53_zone;
mod s3_bucket;
mod secretsmanager_secret;
pub(crate) mod shared;
mod sns_topic;
mod sqs_queue;
mod ssm_parameter;
mod vpc_endpoint;
mod vpn_connection;

use super::Registration;

/// (type, model, service for chargeback)
/// Resource type, its cost model, and its service for chargeback grouping.
pub const MODELS: &[Registration] = &[
    ("aws_acm_certificate", acm_certificate::cost, "acm"),
    (
        "aws_api_gateway_rest_api",
        api_gateway_rest_api::cost,
        "apigateway",
    ),
    (
        "aws_cloudwatch_dashboard",
        cloudwatch_dashboard::cost,
        "cloudwatch",
    ),
    (
        "aws_cloudwatch_event_bus",
        cloudwatch_event_bus::cost,
        "eventbridge",
    ),
    (
        "aws_cloudwatch_log_group",
        cloudwatch_log_group::cost,
        "cloudwatch",
    ),
    (
        "aws_cloudwatch_metric_alarm",
        cloudwatch_metric_alarm::cost,
        "cloudwatch",
    ),
    ("aws_db_instance", db_instance::cost, "rds"),
    ("aws_dynamodb_table", dynamodb_table::cost, "dynamodb"),
    ("aws_ebs_snapshot", ebs_snapshot::cost, "ebs"),
    ("aws_ebs_volume", ebs_volume::cost, "ebs"),
    (
        "aws_ec2_client_vpn_endpoint",
        ec2_client_vpn_endpoint::cost,
        "vpn",
    ),
    (
        "aws_ec2_client_vpn_network_association",
        ec2_client_vpn_network_association::cost,
        "vpn",
    ),
    (
        "aws_ec2_transit_gateway_vpc_attachment",
        ec2_transit_gateway_vpc_attachment::cost,
        "transit_gateway",
    ),
    ("aws_ecr_repository", ecr_repository::cost, "ecr"),
    ("aws_ecs_service", ecs_service::cost, "ecs"),
    ("aws_efs_file_system", efs_file_system::cost, "efs"),
    ("aws_eip", eip::cost, "ec2"),
    ("aws_eks_cluster", eks_cluster::cost, "eks"),
    ("aws_eks_fargate_profile", eks_fargate_profile::cost, "eks"),
    ("aws_eks_node_group", eks_node_group::cost, "eks"),
    (
        "aws_elasticache_cluster",
        elasticache_cluster::cost,
        "elasticache",
    ),
    (
        "aws_elasticache_replication_group",
        elasticache_replication_group::cost,
        "elasticache",
    ),
    ("aws_elb", elb::cost, "elb"),
    (
        "aws_globalaccelerator_accelerator",
        globalaccelerator_accelerator::cost,
        "globalaccelerator",
    ),
    ("aws_instance", instance::cost, "ec2"),
    ("aws_kms_key", kms_key::cost, "kms"),
    ("aws_kms_external_key", kms_key::cost, "kms"),
    ("aws_lambda_function", lambda_function::cost, "lambda"),
    ("aws_lb", lb::cost, "elb"),
    ("aws_alb", lb::cost, "elb"),
    ("aws_nat_gateway", nat_gateway::cost, "vpc"),
    (
        "aws_opensearch_domain",
        opensearch_domain::cost,
        "opensearch",
    ),
    (
        "aws_elasticsearch_domain",
        opensearch_domain::cost,
        "opensearch",
    ),
    (
        "aws_rds_cluster_instance",
        rds_cluster_instance::cost,
        "rds",
    ),
    ("aws_redshift_cluster", redshift_cluster::cost, "redshift"),
    (
        "aws_route53_health_check",
        route53_health_check::cost,
        "route53",
    ),
    ("aws_route53_record", route53_record::cost, "route53"),
    (
        "aws_route53_resolver_endpoint",
        route53_resolver_endpoint::cost,
        "route53",
    ),
    ("aws_route53_zone", route53_zone::cost, "route53"),
    ("aws_s3_bucket", s3_bucket::cost, "s3"),
    (
        "aws_secretsmanager_secret",
        secretsmanager_secret::cost,
        "secretsmanager",
    ),
    ("aws_sns_topic", sns_topic::cost, "sns"),
    ("aws_sqs_queue", sqs_queue::cost, "sqs"),
    ("aws_ssm_parameter", ssm_parameter::cost, "ssm"),
    ("aws_vpc_endpoint", vpc_endpoint::cost, "vpc"),
    ("aws_vpn_connection", vpn_connection::cost, "vpn"),
];
