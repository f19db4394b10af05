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

module "kms_key" {
  source = "../../"

  alias                   = "example-app-data"
  description             = "Encrypts the example application's data at rest"
  rotation_period_in_days = 180
  service_principals      = ["logs.eu-west-1.amazonaws.com"]
}

output "key_arn" {
  description = "ARN of the example key."
  value       = module.kms_key.key_arn
}
