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

module "reader_role" {
  source = "../../"

  name             = "example-report-reader"
  description      = "Lets the reporting task read its input bucket and decrypt it"
  trusted_services = ["ecs-tasks.amazonaws.com"]

  statements = [
    {
      sid       = "ReadReports"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::acme-reports-eu-west-1", "arn:aws:s3:::acme-reports-eu-west-1/*"]
    },
    {
      sid       = "DecryptReports"
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"]
      conditions = [{
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.eu-west-1.amazonaws.com"]
      }]
    },
  ]
}

output "role_arn" {
  description = "Give this role to the reporting task."
  value       = module.reader_role.role_arn
}
