//! AWS rules.

mod alb_deletion_protection;
mod cloudfront_min_tls;
mod cloudtrail_kms;
mod cloudtrail_log_validation;
mod cloudtrail_logging;
mod cloudtrail_multi_region;
mod dms_public;
mod docdb_encrypted;
mod dynamodb_pitr;
mod ebs_default_encryption;
mod ebs_volume_encrypted;
mod ec2_public_ip;
mod ecr_immutable_tags;
mod efs_encrypted;
mod eks_control_plane_logging;
mod eks_public_cidrs;
mod eks_public_endpoint;
mod eks_secrets_encryption;
mod elasticache_at_rest_encryption;
mod elasticache_backups;
mod elasticache_transit_encryption;
mod iam_admin_attached;
mod iam_admin_policy;
mod iam_service_wildcard;
mod imdsv2_required;
mod instance_block_device_encrypted;
mod kinesis_encryption;
mod kms_key_rotation;
mod kms_policy_any_principal;
mod lambda_env_secrets;
mod lb_access_logs;
mod log_group_kms;
mod log_group_retention;
mod mq_public;
mod nacl_rdp_open;
mod nacl_ssh_open;
mod neptune_encrypted;
mod opensearch_at_rest_encryption;
mod opensearch_enforce_https;
mod opensearch_node_to_node;
mod provider_static_credentials;
mod rds_backup_retention;
mod rds_cluster_encrypted;
mod rds_deletion_protection;
mod rds_public;
mod rds_storage_encrypted;
mod redshift_encrypted;
mod redshift_public;
mod root_access_key;
mod s3_access_logging;
mod s3_block_public_acls;
mod s3_block_public_policy;
mod s3_encryption;
mod s3_ignore_public_acls;
mod s3_policy_public;
mod s3_public_acl;
mod s3_restrict_public_buckets;
mod s3_versioning;
mod sg_rdp_open;
mod sg_sensitive_ports_open;
mod sg_ssh_open;
mod sns_topic_encrypted;
mod sqs_policy_all_actions;
mod sqs_queue_encrypted;
mod user_data_secrets;
mod vpc_flow_logs;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &alb_deletion_protection::RULE,
        &cloudfront_min_tls::RULE,
        &cloudtrail_kms::RULE,
        &cloudtrail_log_validation::RULE,
        &cloudtrail_logging::RULE,
        &cloudtrail_multi_region::RULE,
        &dms_public::RULE,
        &docdb_encrypted::RULE,
        &dynamodb_pitr::RULE,
        &ebs_default_encryption::RULE,
        &ebs_volume_encrypted::RULE,
        &ec2_public_ip::RULE,
        &ecr_immutable_tags::RULE,
        &efs_encrypted::RULE,
        &eks_control_plane_logging::RULE,
        &eks_public_cidrs::RULE,
        &eks_public_endpoint::RULE,
        &eks_secrets_encryption::RULE,
        &elasticache_at_rest_encryption::RULE,
        &elasticache_backups::RULE,
        &elasticache_transit_encryption::RULE,
        &iam_admin_attached::RULE,
        &iam_admin_policy::RULE,
        &iam_service_wildcard::RULE,
        &imdsv2_required::RULE,
        &instance_block_device_encrypted::RULE,
        &kinesis_encryption::RULE,
        &kms_key_rotation::RULE,
        &kms_policy_any_principal::RULE,
        &lambda_env_secrets::RULE,
        &lb_access_logs::RULE,
        &log_group_kms::RULE,
        &log_group_retention::RULE,
        &mq_public::RULE,
        &nacl_rdp_open::RULE,
        &nacl_ssh_open::RULE,
        &neptune_encrypted::RULE,
        &opensearch_at_rest_encryption::RULE,
        &opensearch_enforce_https::RULE,
        &opensearch_node_to_node::RULE,
        &provider_static_credentials::RULE,
        &rds_backup_retention::RULE,
        &rds_cluster_encrypted::RULE,
        &rds_deletion_protection::RULE,
        &rds_public::RULE,
        &rds_storage_encrypted::RULE,
        &redshift_encrypted::RULE,
        &redshift_public::RULE,
        &root_access_key::RULE,
        &s3_access_logging::RULE,
        &s3_block_public_acls::RULE,
        &s3_block_public_policy::RULE,
        &s3_encryption::RULE,
        &s3_ignore_public_acls::RULE,
        &s3_policy_public::RULE,
        &s3_public_acl::RULE,
        &s3_restrict_public_buckets::RULE,
        &s3_versioning::RULE,
        &sg_rdp_open::RULE,
        &sg_sensitive_ports_open::RULE,
        &sg_ssh_open::RULE,
        &sns_topic_encrypted::RULE,
        &sqs_policy_all_actions::RULE,
        &sqs_queue_encrypted::RULE,
        &user_data_secrets::RULE,
        &vpc_flow_logs::RULE,
    ]
}
