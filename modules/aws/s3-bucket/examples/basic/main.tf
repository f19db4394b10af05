terraform {
  required_version = "~> 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Owner       = "platform-team"
      Environment = "dev"
      CostCenter  = "cc-1234"
      ManagedBy   = "terraform"
    }
  }
}

module "bucket" {
  source = "../../"

  name              = "acme-example-app-data-eu-west-1"
  access_log_bucket = "acme-s3-access-logs-eu-west-1"
}

output "bucket_arn" {
  description = "ARN of the example bucket."
  value       = module.bucket.bucket_arn
}
